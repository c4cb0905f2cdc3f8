#include "classify/structure.h"

#include <string>
#include <string_view>

namespace pims::classify {
namespace {

using C = Concept;

// The concept of an autofill field name, so that a field named by the page's autocomplete
// attribute still tells its neighbours what it is.
Guess GuessOfToken(const AutofillToken& token) {
  Guess g;
  const std::string_view f = token.field;
  g.hint = token.hint;
  g.hint_own = token.hint != AddressHint::kNone;
  g.score = 10;
  if (f == "email")
    g.meaning = C::kEmail;
  else if (f == "tel" || f == "tel-national" || f == "tel-local")
    g.meaning = C::kTel;
  else if (f == "tel-country-code")
    g.meaning = C::kTelCountryCode;
  else if (f == "tel-area-code")
    g.meaning = C::kTelAreaCode;
  else if (f == "name")
    g.meaning = C::kFullName;
  else if (f == "given-name")
    g.meaning = C::kGivenName;
  else if (f == "family-name")
    g.meaning = C::kFamilyName;
  else if (f == "additional-name")
    g.meaning = C::kAdditionalName;
  else if (f == "street-address" || f == "address-line1")
    g.meaning = C::kStreet;
  else if (f == "address-line2")
    g.meaning = C::kAddressLine2;
  else if (f == "address-line3")
    g.meaning = C::kAddressLine3;
  else if (f == "address-level2")
    g.meaning = C::kCity;
  else if (f == "address-level1")
    g.meaning = C::kState;
  else if (f == "postal-code")
    g.meaning = C::kPostalCode;
  else if (f == "country" || f == "country-name")
    g.meaning = C::kCountry;
  else if (f == "organization")
    g.meaning = C::kOrganization;
  else if (f == "cc-number")
    g.meaning = C::kCardNumber;
  else if (f.starts_with("cc-") && f.ends_with("name"))
    g.meaning = C::kCardName;
  else if (f == "cc-csc")
    g.meaning = C::kCardCsc;
  else if (f == "cc-type")
    g.meaning = C::kCardType;
  else if (f.starts_with("cc-exp")) {
    g.meaning = C::kCardExpiry;
    g.part = f == "cc-exp-month"  ? DatePart::kMonth
             : f == "cc-exp-year" ? DatePart::kYear
                                  : DatePart::kNone;
  } else if (f.starts_with("bday")) {
    g.meaning = C::kBirthday;
    g.part = f == "bday-month"  ? DatePart::kMonth
             : f == "bday-year" ? DatePart::kYear
             : f == "bday-day"  ? DatePart::kDay
                                : DatePart::kNone;
  }
  if (g.meaning == C::kCardNumber || g.meaning == C::kCardName || g.meaning == C::kCardCsc ||
      g.meaning == C::kCardExpiry || g.meaning == C::kCardType) {
    g.card_context = true;
  }
  if (g.meaning == C::kBirthday) g.birth_context = true;
  return g;
}

bool SameForm(const FieldState& a, const FieldState& b) {
  return a.descriptor->form == b.descriptor->form;
}

bool IsCard(const Guess& g) {
  return g.meaning == C::kCardNumber || g.meaning == C::kCardName || g.meaning == C::kCardCsc ||
         g.meaning == C::kCardType || g.meaning == C::kCardExpiry;
}

bool IsDatePart(const Guess& g) {
  return g.meaning == C::kMonth || g.meaning == C::kYear || g.meaning == C::kDay;
}

bool IsTextBox(const Evidence& e) {
  return e.kind == ControlKind::kText || e.kind == ControlKind::kTel;
}

// Names: "Nom" is the family name beside a "Prénom", "Nombre"/"Nome" the given name beside an
// "Apellido"/"Cognome"; a generic "Name" is the card holder's among card fields, the given
// name when a family name field follows it, else the whole name.
void ResolveNames(std::span<FieldState> fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    Guess& g = fields[i].guess;
    if (g.meaning != C::kName && g.meaning != C::kNameOrGiven && g.meaning != C::kNameOrFamily) {
      continue;
    }
    bool has_given = false;
    bool has_family = false;
    for (const FieldState& other : fields) {
      if (&other == &fields[i] || !SameForm(other, fields[i])) continue;
      has_given |= other.guess.meaning == C::kGivenName;
      has_family |= other.guess.meaning == C::kFamilyName;
    }
    const bool next_is_family = i + 1 < fields.size() && SameForm(fields[i], fields[i + 1]) &&
                                fields[i + 1].guess.meaning == C::kFamilyName;
    if (g.meaning == C::kNameOrFamily) {
      g.meaning = has_given ? C::kFamilyName : C::kFullName;
      continue;
    }
    if (g.meaning == C::kNameOrGiven) {
      g.meaning = has_family ? C::kGivenName : C::kFullName;
      continue;
    }
    // A generic "name" beside card fields names the card's holder (a card section may start with
    // the shopper's contact details: the section alone does not decide).
    bool card_near = g.card_words;
    for (size_t k = i > 0 ? i - 1 : 0; k < fields.size() && k <= i + 1 && !card_near; ++k) {
      if (k != i && SameForm(fields[k], fields[i]) && IsCard(fields[k].guess)) card_near = true;
    }
    if (card_near) {
      g.meaning = C::kCardName;
    } else if (next_is_family) {
      g.meaning = C::kGivenName;
    } else {
      g.meaning = C::kFullName;
    }
  }
}

// Date parts without a date word: a card expiry among card fields or beside a short list of
// years; a birthday beside a long list of years or a birthday word. Adjacent parts (day, month,
// year) form one date and share the decision.
void ResolveDateParts(std::span<FieldState> fields) {
  size_t i = 0;
  while (i < fields.size()) {
    if (!IsDatePart(fields[i].guess) &&
        !((fields[i].guess.meaning == C::kCardExpiry || fields[i].guess.meaning == C::kBirthday) &&
          fields[i].guess.part != DatePart::kNone)) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < fields.size() && end < i + 3 && SameForm(fields[i], fields[end]) &&
           (IsDatePart(fields[end].guess) || ((fields[end].guess.meaning == C::kCardExpiry ||
                                               fields[end].guess.meaning == C::kBirthday) &&
                                              fields[end].guess.part != DatePart::kNone))) {
      ++end;
    }
    int card = 0;
    int birth = 0;
    for (size_t k = i; k < end; ++k) {
      const Guess& g = fields[k].guess;
      if (g.meaning == C::kCardExpiry) card += 2;
      if (g.meaning == C::kBirthday) birth += 2;
      if (g.birth_context) ++birth;
      if (g.card_context) ++card;
      const OptionsProfile& o = fields[k].evidence.options;
      if (o.years > 0 && o.max_year - o.min_year < 30) ++card;
    }
    // Card fields within three places before or after.
    const size_t from = i >= 3 ? i - 3 : 0;
    for (size_t k = from; k < fields.size() && k < end + 3; ++k) {
      if (k >= i && k < end) continue;
      if (!SameForm(fields[k], fields[i])) continue;
      if (IsCard(fields[k].guess) && fields[k].guess.meaning != C::kCardExpiry) ++card;
      if (fields[k].guess.meaning == C::kBirthday) ++birth;
    }
    const bool has_day = [&] {
      for (size_t k = i; k < end; ++k) {
        if (fields[k].guess.part == DatePart::kDay) return true;
      }
      return false;
    }();
    C date = C::kCount;
    if (birth > card || (has_day && birth > 0)) {
      date = C::kBirthday;
    } else if (card > birth) {
      date = C::kCardExpiry;
    } else if (has_day && end - i == 3) {
      date = C::kBirthday;  // day, month and year with nothing else around: a date of birth
    }
    for (size_t k = i; k < end; ++k) {
      Guess& g = fields[k].guess;
      if (!IsDatePart(g)) continue;
      if (date == C::kCount || (date == C::kCardExpiry && g.part == DatePart::kDay)) {
        g.meaning = C::kCount;
      } else {
        g.meaning = date;
      }
    }
    i = end;
  }
}

// A value split over adjacent boxes: the phone in three (area code, prefix, line number) or
// two (country code, number); the card number in three to five.
void ResolveSplits(std::span<FieldState> fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    const Guess& g = fields[i].guess;
    if ((g.meaning != C::kTel && g.meaning != C::kCardNumber) || fields[i].page_token) continue;
    // The run: this box and the following boxes of the same form that carry no other meaning
    // and are short.
    size_t end = i + 1;
    while (end < fields.size() && end < i + 5 && SameForm(fields[i], fields[end]) &&
           !fields[end].page_token && IsTextBox(fields[end].evidence) &&
           fields[end].evidence.maxlength > 0 && fields[end].evidence.maxlength <= 6 &&
           (fields[end].guess.meaning == g.meaning ||
            (!Known(fields[end].guess) && !fields[end].guess.vetoed))) {
      ++end;
    }
    const size_t n = end - i;
    if (n < 2 || fields[i].evidence.maxlength <= 0 || fields[i].evidence.maxlength > 6) continue;
    if (g.meaning == C::kTel) {
      const int a = fields[i].evidence.maxlength;
      const int b = fields[i + 1].evidence.maxlength;
      if (n >= 3 && a == 3 && b == 3 && fields[i + 2].evidence.maxlength == 4) {
        fields[i].guess.meaning = C::kTelAreaCode;
        fields[i + 1].guess = fields[i].guess;
        fields[i + 1].guess.meaning = C::kTel;
        fields[i + 2].guess = fields[i + 1].guess;
        fields[i + 1].guess.tel_part = TelPart::kLocalPrefix;
        fields[i + 2].guess.tel_part = TelPart::kLocalSuffix;
        i += 2;
      } else if (n == 2 && a <= 4) {
        fields[i].guess.meaning = C::kTelCountryCode;
        fields[i + 1].guess = fields[i].guess;
        fields[i + 1].guess.meaning = C::kTel;
        fields[i + 1].guess.tel_part = TelPart::kNational;
        i += 1;
      }
      continue;
    }
    // Card number in boxes.
    if (n < 3) continue;
    int total = 0;
    for (size_t k = i; k < end; ++k) total += fields[k].evidence.maxlength;
    if (total < 12 || total > 19) continue;
    int offset = 0;
    const Guess first = fields[i].guess;
    for (size_t k = i; k < end; ++k) {
      fields[k].guess = first;
      fields[k].guess.slice = Slice{offset, fields[k].evidence.maxlength, total};
      offset += fields[k].evidence.maxlength;
    }
    i = end - 1;
  }
}

// A select whose options are mostly dialling codes ("+44 United Kingdom", "+49").
bool ListsDialCodes(const Evidence& e) {
  const OptionsProfile& o = e.options;
  return e.kind == ControlKind::kSelect && o.dial_codes >= 3 &&
         10 * o.dial_codes >= 6 * (o.count - 1);
}

// A phone number right after a separate country code box is the national number. A short box
// "Country code" before a phone number is that dialling code: nobody types a country there; so
// is a "country" select before it that lists dialling codes (name="phone_country").
void ResolveNationalPhone(std::span<FieldState> fields) {
  for (size_t i = 0; i + 1 < fields.size(); ++i) {
    const Evidence& e = fields[i].evidence;
    const bool says_country = e.own[Index(C::kCountry)] > 0 || e.own[Index(C::kTelCountryCode)] > 0;
    const bool short_box =
        e.kind == ControlKind::kTel || (IsTextBox(e) && e.maxlength > 0 && e.maxlength <= 5);
    if ((fields[i].guess.meaning == C::kCountry || fields[i].guess.meaning == C::kTel) &&
        ((says_country && short_box) || ListsDialCodes(e)) && !fields[i].page_token &&
        fields[i + 1].guess.meaning == C::kTel && SameForm(fields[i], fields[i + 1])) {
      fields[i].guess.meaning = C::kTelCountryCode;
    }
    if (fields[i].guess.meaning == C::kTelCountryCode && fields[i + 1].guess.meaning == C::kTel &&
        fields[i + 1].guess.tel_part == TelPart::kWhole && SameForm(fields[i], fields[i + 1])) {
      fields[i + 1].guess.tel_part = TelPart::kNational;
    }
  }
}

// Which address: a field's own words, then its section, then the last field of its form that
// said so itself. Address fields beside a card (the card holder's address) are billing.
void ResolveHints(std::span<FieldState> fields) {
  AddressHint carried = AddressHint::kNone;
  const std::string* carried_form = nullptr;
  for (FieldState& f : fields) {
    Guess& g = f.guess;
    if (carried_form == nullptr || *carried_form != f.descriptor->form) {
      carried = AddressHint::kNone;
      carried_form = &f.descriptor->form;
    }
    if (g.hint_own) {
      carried = g.hint;
      continue;
    }
    if (g.hint == AddressHint::kNone) g.hint = carried;
    if (g.hint == AddressHint::kNone && g.card_context && !IsCard(g))
      g.hint = AddressHint::kBilling;
  }
}

std::string_view FieldName(const FieldState& f, bool form_has_line2) {
  const Guess& g = f.guess;
  switch (g.meaning) {
    case C::kEmail:
      return "email";
    case C::kTel:
      switch (g.tel_part) {
        case TelPart::kNational:
          return "tel-national";
        case TelPart::kLocalPrefix:
          return "tel-local-prefix";
        case TelPart::kLocalSuffix:
          return "tel-local-suffix";
        case TelPart::kWhole:
          return "tel";
      }
      return "tel";
    case C::kTelCountryCode:
      return "tel-country-code";
    case C::kTelAreaCode:
      return "tel-area-code";
    case C::kTelExtension:
      return "tel-extension";
    case C::kName:
    case C::kFullName:
      return "name";
    case C::kGivenName:
      return "given-name";
    case C::kFamilyName:
      return "family-name";
    case C::kAdditionalName:
      return "additional-name";
    case C::kStreet:
      if (f.evidence.kind == ControlKind::kTextarea) return "street-address";
      return form_has_line2 ? "address-line1" : "street-address";
    case C::kAddressLine2:
      return "address-line2";
    case C::kAddressLine3:
      return "address-line3";
    case C::kCity:
      return "address-level2";
    case C::kState:
      return "address-level1";
    case C::kPostalCode:
      return "postal-code";
    case C::kCountry:
      return f.evidence.kind == ControlKind::kSelect ? "country" : "country-name";
    case C::kOrganization:
      return "organization";
    case C::kCardNumber:
      return "cc-number";
    case C::kCardName:
      return "cc-name";
    case C::kCardCsc:
      return "cc-csc";
    case C::kCardType:
      return "cc-type";
    case C::kCardExpiry:
      if (f.evidence.kind == ControlKind::kMonth) return "cc-exp";
      if (g.part == DatePart::kMonth) return "cc-exp-month";
      if (g.part == DatePart::kYear) return "cc-exp-year";
      if (g.part == DatePart::kDay) return "";
      // A select holds a month or a year, never both.
      if (f.evidence.kind == ControlKind::kSelect) return "";
      return "cc-exp";
    case C::kBirthday:
      if (g.part == DatePart::kMonth) return "bday-month";
      if (g.part == DatePart::kYear) return "bday-year";
      if (g.part == DatePart::kDay) return "bday-day";
      return "bday";
    default:
      return "";
  }
}

}  // namespace

std::vector<std::optional<AutofillToken>> ResolveForm(std::span<FieldState> fields) {
  // The page's tokens speak for their fields to the neighbours as well.
  for (FieldState& f : fields) {
    if (f.page_token) {
      const Guess own = f.guess;
      f.guess = GuessOfToken(*f.page_token);
      if (f.guess.hint == AddressHint::kNone) {
        f.guess.hint = own.hint;
        f.guess.hint_own = own.hint_own;
      }
      f.guess.card_context |= own.card_context;
    }
  }
  ResolveNames(fields);
  ResolveDateParts(fields);
  ResolveSplits(fields);
  ResolveNationalPhone(fields);
  ResolveHints(fields);

  std::vector<std::optional<AutofillToken>> tokens;
  tokens.reserve(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    const FieldState& f = fields[i];
    if (f.page_token) {
      AutofillToken token = *f.page_token;
      if (token.hint == AddressHint::kNone) token.hint = f.guess.hint;
      tokens.push_back(std::move(token));
      continue;
    }
    bool has_line2 = false;
    for (size_t k = i + 1; k < fields.size() && k <= i + 3; ++k) {
      if (SameForm(fields[k], f) &&
          (fields[k].guess.meaning == C::kAddressLine2 || fields[k].guess.meaning == C::kStreet)) {
        has_line2 = true;
      }
    }
    const std::string_view name = FieldName(f, has_line2);
    if (name.empty()) {
      tokens.push_back(std::nullopt);
      continue;
    }
    AutofillToken token;
    token.field = std::string(name);
    token.hint = f.guess.hint;
    if (f.guess.meaning == C::kCardNumber && f.guess.slice.length > 0) {
      token.part_offset = static_cast<uint16_t>(f.guess.slice.offset);
      token.part_length = static_cast<uint16_t>(f.guess.slice.length);
      token.part_total = static_cast<uint16_t>(f.guess.slice.total);
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

}  // namespace pims::classify
