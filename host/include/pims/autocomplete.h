// The HTML `autocomplete` attribute, read as WHATWG "autofill detail tokens".
//
// Grammar (HTML Living Standard, 4.10.18.7 "Autofill"): ASCII-whitespace-separated tokens,
// matched ASCII case-insensitively, in this order:
//   [section-*] [shipping | billing] [home | work | mobile | fax | pager]? field-name [webauthn]
// where the contact token (home ... pager) may only precede a contact field name (tel,
// tel-country-code, tel-national, tel-area-code, tel-local, tel-local-prefix, tel-local-suffix,
// tel-extension, email, impp). The field name is any WHATWG autofill field name, including those
// pims never fills (username, current-password, ...): CategoryOfField decides those.
//
// Thread-safety: a pure function.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pims/categories.h"

namespace pims {

struct AutofillToken {
  // The whole "section-*" token in lowercase ("section-blue"), or "" when there is none.
  // ("section-" alone is a section whose name is empty; it is still not "".)
  std::string section;
  AddressHint hint = AddressHint::kNone;  // from "shipping" / "billing"
  std::string contact;                    // "home", "work", "mobile", "fax", "pager" or ""
  std::string field;                      // the autofill field name, lowercase ("cc-number")
  bool webauthn = false;                  // a trailing "webauthn" token was present

  // Never set by ParseAutocomplete: a classifier's note that the field is one box of a value
  // split over several (a card number in four boxes of four). The box takes the characters
  // [part_offset, part_offset + part_length) of the value, and only when the whole value is at
  // most part_total characters long, so that the boxes together hold all of it (never cut).
  // part_length == 0: the field takes the whole value.
  uint16_t part_offset = 0;
  uint16_t part_length = 0;
  uint16_t part_total = 0;
};

// The parsed attribute, or nullopt when it is not a list of autofill detail tokens: empty or all
// whitespace; "on" or "off" (they express no field); an unknown field name; a token out of place
// (a contact token before a non-contact field, "billing shipping ...", a token after the field
// name other than "webauthn", a "section-*" token that is not first); more than five tokens.
std::optional<AutofillToken> ParseAutocomplete(std::string_view attribute);

}  // namespace pims
