#include "classify/decide.h"

#include <algorithm>

namespace pims::classify {
namespace {

// Below this a field stays unknown: one weak word in a short label (3) is enough, a weak word in
// a name or id alone (2) is not quite.
constexpr float kMinScore = 2.0f;

float At(const ConceptScores& s, Concept c) { return s[Index(c)]; }
float& At(ConceptScores& s, Concept c) { return s[Index(c)]; }

// The concepts a field can finally be (modifiers and vetoes are not).
constexpr Concept kFieldConcepts[] = {
    Concept::kEmail,          Concept::kTel,          Concept::kTelCountryCode,
    Concept::kTelAreaCode,    Concept::kTelExtension, Concept::kName,
    Concept::kFullName,       Concept::kGivenName,    Concept::kFamilyName,
    Concept::kAdditionalName, Concept::kNameOrGiven,  Concept::kNameOrFamily,
    Concept::kStreet,         Concept::kAddressLine2, Concept::kAddressLine3,
    Concept::kCity,           Concept::kState,        Concept::kPostalCode,
    Concept::kCountry,        Concept::kOrganization, Concept::kCardNumber,
    Concept::kCardName,       Concept::kCardExpiry,   Concept::kCardCsc,
    Concept::kCardType,       Concept::kBirthday,     Concept::kHonorific,
    Concept::kHouseNumber,    Concept::kFax,          Concept::kMonth,
    Concept::kYear,           Concept::kDay,
};

bool IsCardConcept(Concept c) {
  return c == Concept::kCardNumber || c == Concept::kCardName || c == Concept::kCardExpiry ||
         c == Concept::kCardCsc || c == Concept::kCardType;
}

// What a select can be: its options list a domain (countries, regions, months, years, days,
// dialling codes, card brands, titles); a phone number, an email or a name is typed.
bool SelectCanBe(Concept c) {
  switch (c) {
    case Concept::kCountry:
    case Concept::kState:
    case Concept::kCity:
    case Concept::kTelCountryCode:
    case Concept::kCardExpiry:
    case Concept::kCardType:
    case Concept::kBirthday:
    case Concept::kHonorific:
    case Concept::kMonth:
    case Concept::kYear:
    case Concept::kDay:
      return true;
    default:
      return false;
  }
}

// Options tell the domain of a select, words its purpose: a select whose texts say nothing
// (a country list may be a nationality or a country of birth) is not classified by its options.
void ApplyOptions(const Evidence& e, ConceptScores& s, Guess& g) {
  const OptionsProfile& o = e.options;
  if (o.count == 0 || e.text_score == 0) return;
  const int listed = o.count;
  auto most = [&](int n, int minimum) { return n >= minimum && 10 * n >= 6 * (listed - 1); };
  if (most(o.countries, 8) && o.countries > o.regions) {
    At(s, Concept::kCountry) += 6;
  } else if (most(o.regions, 8)) {
    At(s, Concept::kState) += 6;
  }
  if (most(o.dial_codes, 8)) At(s, Concept::kTelCountryCode) += 3;
  if (o.months == 12 && listed <= 14) At(s, Concept::kMonth) += 4;
  if (o.days >= 28 && listed <= 33 && o.months < 12) At(s, Concept::kDay) += 4;
  if (most(o.years, 4) && o.days < 28) {
    At(s, Concept::kYear) += 4;
    const int span = o.max_year - o.min_year;
    if (o.max_year != 0 && span >= 40) g.birth_context = true;
  }
}

// Does the text name a field, or a part of one ("card", "number", "month", "line 1")? Billing,
// shipping, optional and confirm words only qualify a field.
bool NamesAField(const ConceptScores& s) {
  for (size_t i = 0; i < kConceptCount; ++i) {
    const auto c = static_cast<Concept>(i);
    if (s[i] == 0) continue;
    if (i <= Index(Concept::kHonorific) || c == Concept::kCard || c == Concept::kNumber ||
        c == Concept::kMonth || c == Concept::kYear || c == Concept::kDay || c == Concept::kLine1 ||
        c == Concept::kDatePattern) {
      return true;
    }
  }
  return false;
}

// The field's context: card words, a birthday, which address (its own words first, then its
// section).
void ReadContext(const Evidence& e, const ConceptScores& s, Guess& g) {
  g.card_words =
      At(s, Concept::kCard) > 0 || At(s, Concept::kCardName) > 0 || At(s, Concept::kCardNumber) > 0;
  g.card_context = g.card_words || At(e.section, Concept::kCard) > 0 ||
                   At(e.section, Concept::kCardNumber) > 0 ||
                   At(e.section, Concept::kCardExpiry) > 0;
  g.birth_context = At(s, Concept::kBirthday) > 0 || At(e.section, Concept::kBirthday) > 0;
  const float billing = At(s, Concept::kBillingWord);
  const float shipping = At(s, Concept::kShippingWord);
  if (billing != shipping) {
    g.hint = billing > shipping ? AddressHint::kBilling : AddressHint::kShipping;
    g.hint_own = true;
  } else {
    const float sb = At(e.section, Concept::kBillingWord);
    const float ss = At(e.section, Concept::kShippingWord);
    if (sb != ss) g.hint = sb > ss ? AddressHint::kBilling : AddressHint::kShipping;
  }
}

// The input's type is evidence too, kept apart so that words alone are weighed against
// not-checkout words.
struct TypePriors {
  float email = 0;
  float tel = 0;
  // What the type added to a concept's score.
  float For(Concept c) const { return c == Concept::kEmail ? email : c == Concept::kTel ? tel : 0; }
};

// Words that only mean something together: "card" + "number", "card" + "name", "name" +
// "first"/"last".
void CombineWords(ConceptScores& s) {
  const float card = At(s, Concept::kCard);
  if (card > 0 && At(s, Concept::kNumber) > 0) {
    At(s, Concept::kCardNumber) =
        std::max(At(s, Concept::kCardNumber), card + At(s, Concept::kNumber));
  }
  const float any_name = At(s, Concept::kName) + At(s, Concept::kFullName) +
                         At(s, Concept::kNameOrGiven) + At(s, Concept::kNameOrFamily);
  if (card > 0 && any_name > 0) {
    At(s, Concept::kCardName) = std::max(At(s, Concept::kCardName), card + any_name);
  }
  // "name" with "first" or "last" ("name.first", "Name (last)") is that part of the name.
  if (At(s, Concept::kName) > 0 && At(s, Concept::kFullName) == 0) {
    if (At(s, Concept::kGivenName) > 0 &&
        At(s, Concept::kGivenName) >= At(s, Concept::kFamilyName)) {
      At(s, Concept::kGivenName) += At(s, Concept::kName);
      At(s, Concept::kName) = 0;
    } else if (At(s, Concept::kFamilyName) > 0) {
      At(s, Concept::kFamilyName) += At(s, Concept::kName);
      At(s, Concept::kName) = 0;
    }
  }
}

// Dates: a whole date in one box, an expiry spelled "MM/YY", and which part (month, year, day)
// a box asks for. Returns that part; the scores move to the date the words name.
DatePart ResolveDate(const Evidence& e, const Guess& g, ConceptScores& s) {
  // "MM/YY" spells an expiry date in one box, whatever the box's name says about months.
  const bool date_pattern = At(s, Concept::kDatePattern) > 0;
  // A day with a month and year in one box ("MM-DD-YYYY", "TT.MM.JJJJ") is a whole date, and a
  // card has no day: a birthday with a birthday word, else a date pims does not fill, never a
  // card expiry or one part of a date (whatever a card section around it says).
  const bool full_date =
      e.kind != ControlKind::kSelect && At(s, Concept::kDay) > 0 &&
      (date_pattern || (At(s, Concept::kMonth) > 0 && At(s, Concept::kYear) > 0));
  if (full_date) {
    if (At(s, Concept::kBirthday) > 0) At(s, Concept::kBirthday) += At(s, Concept::kDay);
    At(s, Concept::kCardExpiry) = 0;
    At(s, Concept::kMonth) = At(s, Concept::kYear) = At(s, Concept::kDay) = 0;
  } else if (date_pattern) {
    At(s, Concept::kCardExpiry) += At(s, Concept::kDatePattern);
  }
  // "exp" alone, or "cid", is a card word only where a card is in view.
  if (!g.card_context && At(s, Concept::kCardExpiry) < 4) At(s, Concept::kCardExpiry) = 0;
  if (!g.card_context && At(s, Concept::kCardCsc) < 4) At(s, Concept::kCardCsc) = 0;

  const float month = At(s, Concept::kMonth);
  const float year = At(s, Concept::kYear);
  const float day = At(s, Concept::kDay);
  DatePart part = DatePart::kNone;
  if (month > 0 || year > 0 || day > 0) {
    if (month >= year && month >= day) {
      part = DatePart::kMonth;
    } else if (year >= day) {
      part = DatePart::kYear;
    } else {
      part = DatePart::kDay;
    }
  }
  // A date part beside an expiry or birthday word is that date's part; its score carries over.
  if (part != DatePart::kNone) {
    const float date_part = std::max({month, year, day});
    if (At(s, Concept::kCardExpiry) > 0) {
      At(s, Concept::kCardExpiry) += date_part;
      At(s, Concept::kMonth) = At(s, Concept::kYear) = At(s, Concept::kDay) = 0;
    } else if (At(s, Concept::kBirthday) > 0) {
      At(s, Concept::kBirthday) += date_part;
      At(s, Concept::kMonth) = At(s, Concept::kYear) = At(s, Concept::kDay) = 0;
    } else {
      // Only the strongest part stays a candidate.
      if (part != DatePart::kMonth) At(s, Concept::kMonth) = 0;
      if (part != DatePart::kYear) At(s, Concept::kYear) = 0;
      if (part != DatePart::kDay) At(s, Concept::kDay) = 0;
    }
  }
  // "MM/YY", "month and year" in one box: the whole expiry.
  const bool whole_date =
      (date_pattern || (month > 0 && year > 0)) && e.kind != ControlKind::kSelect;
  if (whole_date && At(s, Concept::kCardExpiry) > 0) part = DatePart::kNone;
  return part;
}

// The more specific word wins: an address line over the generic street, a card number's own
// name over "card".
void PreferSpecific(ConceptScores& s) {
  if (At(s, Concept::kAddressLine2) > 0 && At(s, Concept::kStreet) > 0 &&
      At(s, Concept::kAddressLine2) * 2 >= At(s, Concept::kStreet)) {
    At(s, Concept::kStreet) = 0;
  }
  if (At(s, Concept::kAddressLine3) > 0) At(s, Concept::kStreet) = 0;
  // "Card number" also says "card": the card's name needs its own word.
  if (At(s, Concept::kCardNumber) > At(s, Concept::kCardName) && At(s, Concept::kName) == 0 &&
      At(s, Concept::kFullName) == 0) {
    At(s, Concept::kCardName) = 0;
  }
}

struct Best {
  Concept meaning = Concept::kCount;
  float score = 0;
  float total = 0;  // of every field concept a control of this kind can be
};

Best BestConcept(const Evidence& e, const ConceptScores& s) {
  Best best;
  for (Concept c : kFieldConcepts) {
    if (e.kind == ControlKind::kSelect && !SelectCanBe(c)) continue;
    best.total += At(s, c);
    if (At(s, c) > best.score) {
      best.meaning = c;
      best.score = At(s, c);
    }
  }
  return best;
}

// Unsure: the label offers a choice of fields, or another kind of field is about as likely.
bool Ambiguous(const Evidence& e, const ConceptScores& s, const Best& best) {
  if (GroupOf(best.meaning) == 0) return false;
  if (e.either_or) return true;
  for (Concept c : kFieldConcepts) {
    if (GroupOf(c) != 0 && GroupOf(c) != GroupOf(best.meaning) && At(s, c) >= 0.85f * best.score) {
      return true;
    }
  }
  return false;
}

// Not a checkout field: a not-checkout word as strong as what the words say for the best guess
// (the input's type left aside), or a strong not-checkout word in the page's own name for the
// field that its name does not outweigh ("kfNumber" labelled "Number or email"), or a label
// naming a purpose outside a checkout and no field ("Sign up for our newsletter": the label says
// what the box is for, the placeholder and the page's name often only what goes in it).
bool NotCheckout(const Evidence& e, const ConceptScores& s, const Best& best,
                 const TypePriors& priors) {
  const float veto = At(s, Concept::kNotCheckout);
  const float words_for_best = best.score - priors.For(best.meaning);
  const bool ident_supports = e.ident_peak[Index(best.meaning)] >= 3 ||
                              (best.meaning == Concept::kEmail && e.kind == ControlKind::kEmail);
  const bool ident_vetoes = e.ident_peak[Index(Concept::kNotCheckout)] >= 3;
  const bool label_vetoes = At(e.label, Concept::kNotCheckout) >= 3 && !NamesAField(e.label);
  return (veto > 0 && veto >= words_for_best) || (ident_vetoes && !ident_supports) || label_vetoes;
}

DatePart PartOf(Concept best, DatePart date_part) {
  switch (best) {
    case Concept::kCardExpiry:
    case Concept::kBirthday:
      return date_part;
    case Concept::kMonth:
      return DatePart::kMonth;
    case Concept::kYear:
      return DatePart::kYear;
    case Concept::kDay:
      return DatePart::kDay;
    default:
      return DatePart::kNone;
  }
}

}  // namespace

Guess Decide(const Evidence& e) {
  Guess g;
  if (e.kind == ControlKind::kNever) return g;
  ConceptScores s = e.own;
  ReadContext(e, s, g);

  TypePriors priors;
  if (e.kind == ControlKind::kEmail) priors.email = 6;
  if (e.kind == ControlKind::kTel) priors.tel = 1;
  At(s, Concept::kEmail) += priors.email;
  At(s, Concept::kTel) += priors.tel;
  if (e.kind == ControlKind::kSelect) ApplyOptions(e, s, g);

  CombineWords(s);
  const DatePart part = ResolveDate(e, g, s);
  PreferSpecific(s);

  const Best best = BestConcept(e, s);
  g.no_evidence = best.total == 0 && At(s, Concept::kNotCheckout) == 0;
  if (best.meaning == Concept::kCount || best.score < kMinScore) return g;
  if (Ambiguous(e, s, best) || NotCheckout(e, s, best, priors)) {
    g.vetoed = true;
    return g;
  }
  // A password box hides nothing pims fills but a card's security code.
  if (e.kind == ControlKind::kPassword && best.meaning != Concept::kCardCsc) return g;
  if (best.meaning == Concept::kHouseNumber || best.meaning == Concept::kFax ||
      best.meaning == Concept::kHonorific) {
    g.vetoed = true;
    return g;
  }
  g.meaning = best.meaning;
  g.score = best.score;
  g.part = PartOf(best.meaning, part);
  if (IsCardConcept(best.meaning)) g.card_context = true;
  return g;
}

}  // namespace pims::classify
