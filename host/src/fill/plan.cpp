#include "fill/select_option.h"
#include "pims/fill.h"
#include "vocabulary/vocabulary.h"

namespace pims {
namespace {

bool IsCardCategory(Category c) { return c == Category::kCard || c == Category::kCardCsc; }

// The values that let a page charge the card (the vocabulary marks them): filled only on a
// shopper's gesture.
bool NeedsGesture(std::string_view field) {
  const AutofillField* entry = FindAutofillField(field);
  return entry != nullptr && entry->needs_gesture;
}

// Characters as a page counts them for maxlength (UTF-16 code units; close enough as code
// points, which never undercount what a page sees for BMP text).
size_t CodePoints(std::string_view utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsSelect(const FieldDescriptor& field) {
  return field.tag == "select" || field.type == "select" || field.type == "select-one" ||
         !field.options.empty();
}

enum class Shaped { kFits, kEmpty, kTooLong };

// The shop's own format, after the value is known: one box of a split value takes its slice
// (only when the boxes together hold the whole value); a select takes the value of the option
// that names the value (no such option: nothing to fill).
Shaped ShapeForField(const FieldDescriptor& field, const AutofillToken& token, Secret& value) {
  if (token.part_length > 0) {
    const std::string_view whole = value.reveal();
    if (whole.size() > token.part_total) return Shaped::kTooLong;
    if (whole.size() <= token.part_offset) return Shaped::kEmpty;
    value = Secret(whole.substr(token.part_offset, token.part_length));
  }
  if (IsSelect(field)) {
    std::optional<std::string> option = MatchOption(token.field, value.reveal(), field.options);
    if (!option) return Shaped::kEmpty;
    value = Secret(*option);
    WipeString(*option);
    return Shaped::kFits;
  }
  if (field.maxlength >= 0 && CodePoints(value.reveal()) > static_cast<size_t>(field.maxlength)) {
    return Shaped::kTooLong;
  }
  return Shaped::kFits;
}

// The consent rules of the top of pims/fill.h, before anything is read: the reason to withhold
// a field of `category` answering `field`, or nullopt when it may be filled.
std::optional<WithheldReason> ConsentRefusal(const Site& site, const SitePolicy& policy,
                                             FillTrigger trigger, bool autofill,
                                             const FillScope& scope, Category category,
                                             std::string_view field) {
  const bool card = IsCardCategory(category);
  const bool gesture = trigger == FillTrigger::kGesture;
  if (policy.deny.Has(category)) return WithheldReason::kRefused;
  if (!policy.allow.Has(category)) return WithheldReason::kNotAllowed;
  if (card && !site.secure()) return WithheldReason::kInsecureOrigin;
  if (scope.top && !scope.top->allow.Has(category)) return WithheldReason::kTopNotAllowed;
  if (scope.top && card && !scope.top_secure) return WithheldReason::kInsecureOrigin;
  if (NeedsGesture(field) && !gesture && !policy.auto_card) return WithheldReason::kNeedsGesture;
  if (scope.top && !(gesture && scope.aimed)) return WithheldReason::kCrossSiteFrame;
  if (!gesture && !autofill) return WithheldReason::kAutofillOff;
  if (!gesture && !scope.consent_host) return WithheldReason::kOtherHost;
  return std::nullopt;
}

}  // namespace

std::string_view WithheldReasonName(WithheldReason reason) {
  // In enum order; the names are wire values (docs/protocol.md).
  constexpr std::string_view kNames[] = {
      "not_allowed",  "needs_gesture", "insecure_origin", "too_long",         "not_visible",
      "autofill_off", "refused",       "other_host",      "cross_site_frame", "top_not_allowed"};
  static_assert(std::size(kNames) == static_cast<size_t>(WithheldReason::kTopNotAllowed) + 1);
  return kNames[static_cast<size_t>(reason)];
}

Result<FillResult> PlanFill(const Site& site, const SitePolicy& policy, FillTrigger trigger,
                            std::span<const FieldDescriptor> fields,
                            std::span<const std::optional<AutofillToken>> tokens,
                            ProfileSource& source, bool autofill, const FillScope& scope) {
  FillResult result;
  result.site = site;
  for (size_t i = 0; i < fields.size(); ++i) {
    const FieldDescriptor& field = fields[i];
    const std::optional<AutofillToken>& token = i < tokens.size() ? tokens[i] : std::nullopt;
    const std::optional<Category> category =
        token ? CategoryOfField(token->field, token->hint) : std::nullopt;
    if (!category) {
      result.unknown.push_back(field.ref);
      continue;
    }
    auto withhold = [&](WithheldReason reason) {
      result.withheld.push_back(WithheldField{field.ref, token->field, *category, reason});
    };
    if (const auto refusal =
            ConsentRefusal(site, policy, trigger, autofill, scope, *category, token->field)) {
      withhold(*refusal);
    } else if (!field.visible) {
      withhold(WithheldReason::kNotVisible);
    } else {
      FieldShape shape{field.maxlength, field.placeholder,
                       IsSelect(field) ? std::string("select") : field.type, field.label};
      PIMS_ASSIGN_OR_RETURN(std::optional<Secret> value, DeriveValue(source, *token, shape));
      const Shaped shaped =
          value && !value->empty() ? ShapeForField(field, *token, *value) : Shaped::kEmpty;
      if (shaped == Shaped::kEmpty) {
        result.empty.push_back(field.ref);
      } else if (shaped == Shaped::kTooLong) {
        withhold(WithheldReason::kTooLong);
      } else {
        result.fills.push_back(FilledField{field.ref, token->field, *category, std::move(*value)});
      }
    }
  }
  return result;
}

}  // namespace pims
