// What a word or phrase on a form can mean: the vocabulary between the keyword table
// (keywords.cpp) and the rules (decide.cpp, structure.cpp). Internal to libpims.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace pims::classify {

enum class Concept : uint8_t {
  // Fields: each names (or leads to) one autofill field name.
  kEmail,
  kTel,
  kTelCountryCode,  // the dialling prefix ("+44") asked apart from the number
  kTelAreaCode,
  kTelExtension,
  kName,      // a generic "name" (full name unless the context says more)
  kFullName,  // explicitly the whole name
  kGivenName,
  kFamilyName,
  kAdditionalName,
  kNameOrGiven,   // es/it/pt "nombre"/"nome": the given name next to a family name field
  kNameOrFamily,  // fr "nom": the family name next to a given name field
  kStreet,        // the street address or its first line
  kAddressLine2,
  kAddressLine3,
  kCity,
  kState,
  kPostalCode,
  kCountry,
  kOrganization,
  kCardNumber,
  kCardName,
  kCardExpiry,
  kCardCsc,
  kCardType,
  kBirthday,
  kHonorific,  // Mr/Ms: pims stores none, so such a field stays unknown

  // Modifiers: they qualify a field concept ("card" + "number", "expiry" + "month").
  kCard,
  kNumber,
  kMonth,
  kYear,
  kDay,
  kBillingWord,
  kShippingWord,
  kConfirm,
  kLine1,
  kOptional,
  kDatePattern,  // "MM/YY", "MM / YYYY": one box for month and year

  // Not checkout fields: their presence keeps a field unknown.
  kNotCheckout,  // search, coupon, username, password, captcha, quantity, comments ...
  kHouseNumber,  // a house number asked apart from the street: pims stores no such part
  kFax,

  kCount,
};

inline constexpr size_t kConceptCount = static_cast<size_t>(Concept::kCount);

constexpr size_t Index(Concept c) { return static_cast<size_t>(c); }

// One weight per concept (0: absent).
using ConceptScores = std::array<float, kConceptCount>;

// Fields that the shopper would fill from different parts of the profile: a label that names
// two of them about equally ("Mobile number or email") is an either-or login box.
inline int GroupOf(Concept c) {
  switch (c) {
    case Concept::kEmail:
      return 1;
    case Concept::kTel:
    case Concept::kTelCountryCode:
    case Concept::kTelAreaCode:
    case Concept::kTelExtension:
      return 2;
    case Concept::kFax:
      return 3;
    case Concept::kName:
    case Concept::kFullName:
    case Concept::kGivenName:
    case Concept::kFamilyName:
    case Concept::kAdditionalName:
    case Concept::kNameOrGiven:
    case Concept::kNameOrFamily:
      return 4;
    case Concept::kOrganization:
      return 5;
    case Concept::kCardNumber:
    case Concept::kCardName:
    case Concept::kCardExpiry:
    case Concept::kCardCsc:
    case Concept::kCardType:
      return 6;
    case Concept::kBirthday:
      return 7;
    default:
      return 0;  // address parts, date parts, titles: told apart by other rules
  }
}

}  // namespace pims::classify
