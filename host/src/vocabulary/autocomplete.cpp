#include "pims/autocomplete.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

#include "core/text.h"
#include "pims/field.h"
#include "vocabulary/vocabulary.h"

namespace pims {
namespace {

constexpr std::string_view kContactTokens[] = {"home", "work", "mobile", "fax", "pager"};

// The grammar has at most five tokens: section, hint, contact, field, webauthn.
constexpr size_t kMaxTokens = 5;

bool IsAsciiWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

template <size_t N>
bool OneOf(std::string_view token, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), token) != std::end(list);
}

// Understands each field from its autocomplete attribute alone.
class AutocompleteOnly final : public FieldClassifier {
 public:
  std::vector<std::optional<AutofillToken>> Classify(
      std::span<const FieldDescriptor> form) const override {
    std::vector<std::optional<AutofillToken>> tokens;
    tokens.reserve(form.size());
    for (const FieldDescriptor& field : form)
      tokens.push_back(ParseAutocomplete(field.autocomplete));
    return tokens;
  }
};

}  // namespace

std::optional<AutofillToken> ParseAutocomplete(std::string_view attribute) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < attribute.size()) {
    while (i < attribute.size() && IsAsciiWhitespace(attribute[i])) ++i;
    if (i == attribute.size()) break;
    const size_t start = i;
    while (i < attribute.size() && !IsAsciiWhitespace(attribute[i])) ++i;
    if (tokens.size() == kMaxTokens) return std::nullopt;
    tokens.push_back(AsciiLowercase(attribute.substr(start, i - start)));
  }

  // Read from the end, as the standard's algorithm does.
  AutofillToken result;
  if (!tokens.empty() && tokens.back() == "webauthn") {
    result.webauthn = true;
    tokens.pop_back();
  }
  if (tokens.empty()) return std::nullopt;

  const AutofillField* field = FindAutofillField(tokens.back());
  if (field == nullptr) return std::nullopt;
  const bool contact_field = field->contact;
  result.field = std::move(tokens.back());
  tokens.pop_back();

  if (contact_field && !tokens.empty() && OneOf(tokens.back(), kContactTokens)) {
    result.contact = std::move(tokens.back());
    tokens.pop_back();
  }
  if (!tokens.empty() && (tokens.back() == "shipping" || tokens.back() == "billing")) {
    result.hint = tokens.back() == "shipping" ? AddressHint::kShipping : AddressHint::kBilling;
    tokens.pop_back();
  }
  if (!tokens.empty() && tokens.back().starts_with("section-")) {
    result.section = std::move(tokens.back());
    tokens.pop_back();
  }
  if (!tokens.empty()) return std::nullopt;  // a token out of place
  return result;
}

const FieldClassifier& AutocompleteClassifier() {
  static const AutocompleteOnly classifier;
  return classifier;
}

}  // namespace pims
