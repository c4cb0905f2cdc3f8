// Telephone numbers in international (E.164) form: normalising what the shopper typed, and
// splitting a stored number into its ITU country calling code and national number.
// Internal to libpims (profile validation and fill-time derivation share it).
#pragma once

#include <optional>
#include <string_view>

#include "pims/secret.h"

namespace pims {

// What NormalizePhone refuses; the message never quotes the number.
enum class PhoneError { kNone, kNoPlus, kBadCharacter, kLength, kZeroCountryCode };

// "+44 (20) 7946-0000" -> "+442079460000": drops spaces, dashes, dots and parentheses, then
// requires "+" followed by 7 to 15 digits, the first not 0 (no calling code starts with 0).
// On error `out` is left empty.
PhoneError NormalizePhone(std::string_view text, Secret& out);

// A stored number split at its country calling code. Both views point into the argument.
struct PhoneParts {
  std::string_view country_code;  // digits without "+": "44", "1", "353"
  std::string_view national;      // the national significant number: "2079460000"
};

// Splits "+<digits>" at the ITU-T E.164 country calling code. The assigned codes are
// prefix-free, so at most one of the first 1, 2 or 3 digits is a code. nullopt when the text is
// not "+digits" or starts with a code no country uses (yet).
std::optional<PhoneParts> SplitPhone(std::string_view e164);

// The trunk prefix dialled before the national number inside the country of a calling code
// ("0" for 44, 49, 33, 61, ...), or "" where there is none (1, 39, 34, 45, ...). Only codes
// whose whole area dials "0" are listed: a shared code such as 7 (Russia dials "8") gives "".
std::string_view TrunkPrefix(std::string_view country_code);

// The calling code of a country (ISO alpha-2, upper case) for the countries whose national
// numbers pims reads: Europe's, the Americas' and Oceania's, and Asia's large markets. "" for the
// others, where the shopper types the number with its "+".
std::string_view CallingCodeOf(std::string_view country);

// A number typed as it is dialled at home ("020 7946 0000" in GB) in international form
// ("+44 20 7946 0000"): the country's trunk prefix dropped, its calling code put before; the
// separators are kept for NormalizePhone to drop. nullopt when the text already has a "+", or
// the country's calling code is not known. The result still goes through NormalizePhone.
std::optional<Secret> InternationalFromNational(std::string_view text, std::string_view country);

}  // namespace pims
