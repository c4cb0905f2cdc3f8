// The FieldClassifier that pims uses by default: the page's autocomplete token when it is
// usable, else the keyword rules (evidence.h, decide.h) refined by the form's structure
// (structure.h).
#include "classify/decide.h"
#include "classify/evidence.h"
#include "classify/matcher.h"
#include "classify/structure.h"
#include "core/text.h"
#include "pims/classify.h"
#include "profile/place_names.h"

namespace pims {
namespace {

bool IsPasswordField(std::string_view field) {
  return field == "new-password" || field == "current-password";
}

bool IsPasswordBox(const FieldDescriptor& d) { return EqualsIgnoringAsciiCase(d.type, "password"); }

// A password box hides nothing pims fills but a card's security code, whatever the page's
// autocomplete attribute claims (a page could otherwise have a card number typed into a box
// that shows nothing of it).
bool MayFill(const FieldDescriptor& d, const std::optional<AutofillToken>& token) {
  return token && (!IsPasswordBox(d) || token->field == "cc-csc");
}

class Heuristic final : public FieldClassifier {
 public:
  // The rules and name tables are function-local statics: built once, on first use.
  void Warm() const override {
    (void)classify::KeywordMatcher::Default();
    (void)CountryCodeOf("de");
    (void)MonthOf("1");
    (void)IsKnownRegion("ca");
    (void)PlaceKindsOf("ca");
  }

  std::vector<std::optional<AutofillToken>> Classify(
      std::span<const FieldDescriptor> form) const override {
    std::vector<classify::FieldState> fields;
    fields.reserve(form.size());
    std::vector<bool> refused(form.size(), false);
    for (size_t i = 0; i < form.size(); ++i) {
      const FieldDescriptor& d = form[i];
      classify::FieldState state{&d, classify::GatherEvidence(d), {}, std::nullopt};
      state.guess = classify::Decide(state.evidence);
      if (std::optional<AutofillToken> token = ParseAutocomplete(d.autocomplete)) {
        if (CategoryOfField(token->field, token->hint) && MayFill(d, token)) {
          state.page_token = std::move(token);
        } else if (!(IsPasswordField(token->field) && !IsPasswordBox(d))) {
          // The page says what the field is, and it is nothing pims fills.
          refused[i] = true;
          state.guess = classify::Guess{};
          state.guess.vetoed = true;
        }
      }
      fields.push_back(std::move(state));
    }
    std::vector<std::optional<AutofillToken>> tokens = classify::ResolveForm(fields);
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (refused[i] || !MayFill(form[i], tokens[i])) tokens[i].reset();
    }
    return tokens;
  }
};

}  // namespace

const FieldClassifier& HeuristicClassifier() {
  static const Heuristic classifier;
  return classifier;
}

}  // namespace pims
