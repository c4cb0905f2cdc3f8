#include "pims/autocomplete.h"
#include "core/text.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace pims {
namespace {

// Autofill field names that take no contact token.
constexpr std::string_view kFieldNames[] = {
    "name",
    "honorific-prefix",
    "given-name",
    "additional-name",
    "family-name",
    "honorific-suffix",
    "nickname",
    "username",
    "new-password",
    "current-password",
    "one-time-code",
    "organization-title",
    "organization",
    "street-address",
    "address-line1",
    "address-line2",
    "address-line3",
    "address-level4",
    "address-level3",
    "address-level2",
    "address-level1",
    "country",
    "country-name",
    "postal-code",
    "cc-name",
    "cc-given-name",
    "cc-additional-name",
    "cc-family-name",
    "cc-number",
    "cc-exp",
    "cc-exp-month",
    "cc-exp-year",
    "cc-csc",
    "cc-type",
    "transaction-currency",
    "transaction-amount",
    "language",
    "bday",
    "bday-day",
    "bday-month",
    "bday-year",
    "sex",
    "url",
    "photo",
};

// Autofill field names that may follow a contact token.
constexpr std::string_view kContactFieldNames[] = {
    "tel",
    "tel-country-code",
    "tel-national",
    "tel-area-code",
    "tel-local",
    "tel-local-prefix",
    "tel-local-suffix",
    "tel-extension",
    "email",
    "impp",
};

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

  const bool contact_field = OneOf(tokens.back(), kContactFieldNames);
  if (!contact_field && !OneOf(tokens.back(), kFieldNames)) return std::nullopt;
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

}  // namespace pims
