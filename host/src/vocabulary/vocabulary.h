// The autofill vocabulary: every WHATWG autofill field name and what pims knows about it, read
// from ONE table (autofill_fields.json beside this file; cmake/Vocabulary.cmake generates the
// C++ view at configure time). Consent categories (pims/categories.h), the autocomplete
// grammar (pims/autocomplete.h), profile validation, the fill-time derivations, the gesture rule
// and the extension's lists all read it rather than keeping lists of their own.
// Internal to libpims.
//
// Thread-safety: immutable static data.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "pims/categories.h"

namespace pims {

// How a field's value is computed from the stored profile (host/src/fill/derive.cpp).
enum class Derivation : uint8_t {
  kNone,  // nothing is stored to compute it from: never filled
  kFullName,
  kGivenName,
  kAdditionalName,
  kFamilyName,
  kAddressOrPerson,  // the address's own value under a shipping/billing hint, else the person's
  kPhone,
  kStreetAddress,
  kAddressLine,
  kAddressField,  // a stored field of the address, as it is
  kCountryName,
  kCardField,  // a stored field of the card, as it is
  kCardGivenName,
  kCardFamilyName,
  kCardExpiry,
  kCardType,
  kBirthday,
};

// How a stored value of this name is validated and normalised (host/src/profile/profile.cpp).
enum class ValueRule : uint8_t {
  kNone,  // not stored under this name
  kText,
  kMultiline,
  kEmail,
  kTel,
  kDate,
  kCountry,
  kCardNumber,
  kMonth,
  kYear,
  kCsc,
  kId,  // a record's id, and the defaults' record ids: never an autofill field
};

struct AutofillField {
  std::string_view name;             // lowercase
  std::optional<Category> category;  // nullopt: pims never fills it. kShippingAddress stands for
                                     // "an address field" (kBillingAddress under a billing hint)
  bool contact;                      // may follow a contact token (home, work, mobile, ...)
  bool needs_gesture;                // filled only on a shopper's gesture unless auto_card
  Derivation derivation;
  ValueRule rule;
};

// Every autofill field name, in the table's order.
std::span<const AutofillField> AutofillFields();

// The entry of a field name, matched ASCII case-insensitively; nullptr for an unknown name.
const AutofillField* FindAutofillField(std::string_view name);

// The consent categories' wire names, in Category order.
std::span<const std::string_view> CategoryWireNames();

// The keys each profile record stores ("label" besides autofill field names), in the order the
// profile shows them.
std::span<const std::string_view> PersonKeys();
std::span<const std::string_view> AddressKeys();
std::span<const std::string_view> CardKeys();

}  // namespace pims
