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

}  // namespace pims::classify
