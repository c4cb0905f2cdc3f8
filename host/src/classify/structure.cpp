#include "classify/structure.h"

#include <set>
#include <string>
#include <string_view>

namespace pims::classify {
namespace {

using C = Concept;

bool IsCard(const Guess& g) {
  return g.meaning == C::kCardNumber || g.meaning == C::kCardName || g.meaning == C::kCardCsc ||
         g.meaning == C::kCardType || g.meaning == C::kCardExpiry;
}

// The classifier's view of the vocabulary (vocabulary/autofill_fields.json): the concept of
// each autofill field name it has one for, both ways.
struct TokenConcept {
  std::string_view field;
  Concept meaning;
  DatePart part;
  TelPart tel_part;
};
constexpr TokenConcept kTokenConcepts[] = {
#include "classify/token_concepts.inc"
};

// The concept of an autofill field name, so that a field named by the page's autocomplete
// attribute still tells its neighbours what it is.
Guess GuessOfToken(const AutofillToken& token) {
  Guess g;
  g.hint = token.hint;
  g.hint_own = token.hint != AddressHint::kNone;
  g.score = 10;
  for (const TokenConcept& entry : kTokenConcepts) {
    if (entry.field != token.field) continue;
    g.meaning = entry.meaning;
    g.part = entry.part;
    g.tel_part = entry.tel_part;
    break;
  }
  if (IsCard(g)) g.card_context = true;
  if (g.meaning == C::kBirthday) g.birth_context = true;
  return g;
}

// The first field name of the table with that concept and parts; "" when there is none.
std::string_view FieldOfConcept(Concept meaning, DatePart part, TelPart tel_part) {
  for (const TokenConcept& entry : kTokenConcepts) {
    if (entry.meaning == meaning && entry.part == part && entry.tel_part == tel_part) {
      return entry.field;
    }
  }
  return "";
}

bool SameForm(const FieldState& a, const FieldState& b) {
  return a.descriptor->form == b.descriptor->form;
}

bool IsDatePart(const Guess& g) {
  return g.meaning == C::kMonth || g.meaning == C::kYear || g.meaning == C::kDay;
}

bool IsTextBox(const Evidence& e) {
  return e.kind == ControlKind::kText || e.kind == ControlKind::kTel;
}

bool IsCardToken(const FieldState& f) { return f.page_token && IsCard(f.guess); }

// A card expiry or security code that its own words and section do not tie to a card
// ("Expiry date", "Security code", "MM/YY") is one when a card field of its form is within
// three places; otherwise it is left alone (a passport's expiry date, a captcha's code).
void ResolveCardContext(std::span<FieldState> fields) {
  auto card_field = [](const FieldState& f) {
    return IsCardToken(f) || (IsCard(f.guess) && !f.guess.needs_card);
  };
  // Twice, so that a code beside a confirmed expiry beside a card number is confirmed too.
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < fields.size(); ++i) {
      Guess& g = fields[i].guess;
      if (!g.needs_card) continue;
      const size_t from = i >= 3 ? i - 3 : 0;
      for (size_t k = from; k < fields.size() && k <= i + 3; ++k) {
        if (k != i && SameForm(fields[k], fields[i]) && card_field(fields[k])) {
          g.needs_card = false;
          g.card_context = true;
          break;
        }
      }
    }
  }
  for (FieldState& f : fields) {
    if (f.guess.needs_card) {
      f.guess = Guess{};
      f.guess.vetoed = true;
    }
  }
}

// A small form (at most two fields besides password boxes) whose key or heading names a
// purpose outside a checkout ("newsletter-form", "Sign in", "Abonnieren", "Search") is no part
// of a checkout: its fields stay unknown unless the page's autocomplete says what they are. A
// sign-in form's email box is the shop's username, a newsletter's email box a subscription.
void ResolvePurpose(std::span<FieldState> fields) {
  std::set<std::string_view> seen;
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string& form = fields[i].descriptor->form;
    if (!seen.insert(form).second) continue;  // each form once, from its first field
    int others = 0;
    bool purpose = false;
    for (size_t k = i; k < fields.size(); ++k) {
      const FieldState& f = fields[k];
      if (f.descriptor->form != form || f.evidence.kind == ControlKind::kNever) continue;
      if (f.evidence.kind != ControlKind::kPassword) ++others;
      if (f.evidence.form[Index(C::kNotCheckout)] >= 3 ||
          f.evidence.section[Index(C::kNotCheckout)] >= 3) {
        purpose = true;
      }
    }
    if (!purpose || others > 2) continue;
    for (size_t k = i; k < fields.size(); ++k) {
      FieldState& f = fields[k];
      if (f.descriptor->form != form || f.page_token) continue;
      f.guess = Guess{};
      f.guess.vetoed = true;
    }
  }
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

// The field name of a guess: the vocabulary's, with the rules that pick between the names one
// concept has by the control and the form around it.
std::string_view FieldName(const FieldState& f, bool form_has_line2) {
  const Guess& g = f.guess;
  const ControlKind kind = f.evidence.kind;
  switch (g.meaning) {
    case C::kName:  // a generic name the rules left whole
      return FieldOfConcept(C::kFullName, DatePart::kNone, TelPart::kWhole);
    case C::kStreet:
      if (kind != ControlKind::kTextarea && form_has_line2) return "address-line1";
      break;
    case C::kCountry:
      if (kind != ControlKind::kSelect) return "country-name";
      break;
    case C::kCardExpiry:
      if (kind == ControlKind::kMonth) return "cc-exp";
      // A select holds a month or a year, never both.
      if (g.part == DatePart::kNone && kind == ControlKind::kSelect) return "";
      break;
    default:
      break;
  }
  const bool tel = g.meaning == C::kTel;
  return FieldOfConcept(g.meaning, g.part, tel ? g.tel_part : TelPart::kWhole);
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
  ResolvePurpose(fields);
  ResolveCardContext(fields);
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
