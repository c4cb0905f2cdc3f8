#include "classify/decide.h"

#include <algorithm>
#include <array>

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
// What the options add is also kept in `listed_domain`, as one source of evidence.
void ApplyOptions(const Evidence& e, ConceptScores& s, ConceptScores& listed_domain, Guess& g) {
  const OptionsProfile& o = e.options;
  if (o.count == 0 || e.text_score == 0) return;
  const int listed = o.count;
  auto most = [&](int n, int minimum) { return n >= minimum && 10 * n >= 6 * (listed - 1); };
  auto add = [&](Concept c, float weight) {
    At(s, c) += weight;
    At(listed_domain, c) += weight;
  };
  if (most(o.countries, 8) && o.countries > o.regions) {
    add(Concept::kCountry, 6);
  } else if (most(o.regions, 8)) {
    add(Concept::kState, 6);
  }
  if (most(o.dial_codes, 8)) add(Concept::kTelCountryCode, 3);
  if (o.months == 12 && listed <= 14) add(Concept::kMonth, 4);
  if (o.days >= 28 && listed <= 33 && o.months < 12) add(Concept::kDay, 4);
  if (most(o.years, 4) && o.days < 28) {
    add(Concept::kYear, 4);
    const int span = o.max_year - o.min_year;
    if (o.max_year != 0 && span >= 40) g.birth_context = true;
  }
}

// The words that speak for a concept: its own, and those it is built from ("card" and
// "number", a month or a year for an expiry date, "first" in "name.first").
struct Words {
  std::array<Concept, 4> list;
  size_t size;
  const Concept* begin() const { return list.data(); }
  const Concept* end() const { return list.data() + size; }
};

Words WordsFor(Concept c) {
  using C = Concept;
  switch (c) {
    case C::kCardNumber:
      return {{C::kCardNumber, C::kCard, C::kNumber}, 3};
    case C::kCardName:
      return {{C::kCardName, C::kCard, C::kName, C::kFullName}, 4};
    case C::kCardExpiry:
      return {{C::kCardExpiry, C::kDatePattern, C::kMonth, C::kYear}, 4};
    case C::kBirthday:
      return {{C::kBirthday, C::kDay, C::kMonth, C::kYear}, 4};
    case C::kGivenName:
      return {{C::kGivenName, C::kNameOrGiven, C::kName}, 3};
    case C::kFamilyName:
      return {{C::kFamilyName, C::kNameOrFamily, C::kName}, 3};
    case C::kName:
    case C::kFullName:
    case C::kNameOrGiven:
    case C::kNameOrFamily:
      return {{C::kName, C::kFullName, C::kNameOrGiven, C::kNameOrFamily}, 4};
    case C::kStreet:
      return {{C::kStreet, C::kLine1}, 2};
    case C::kTelCountryCode:
      return {{C::kTelCountryCode, C::kTel}, 2};
    case C::kTelAreaCode:
      return {{C::kTelAreaCode, C::kTel}, 2};
    default:
      return {{c}, 1};
  }
}

// How strongly one source's words speak for a concept: its own word, or the parts it is built
// from together in that source ("card" + "number" in `cardNumber`, "name" + "first" in
// `name.first`). 0: not at all, and a weak word lost in a longer text (0.5) says too little.
float Says(const ConceptScores& source, Concept c) {
  using C = Concept;
  float best = 0;
  for (Concept w : WordsFor(c)) best = std::max(best, source[Index(w)]);
  // Two words that together name the field speak as clearly as one strong word.
  auto both = [&](C a, C b) { return source[Index(a)] > 0 && source[Index(b)] > 0; };
  if ((c == C::kCardNumber && both(C::kCard, C::kNumber)) ||
      (c == C::kCardName && both(C::kCard, C::kName)) ||
      ((c == C::kGivenName || c == C::kFamilyName) && both(c, C::kName))) {
    best = std::max(best, 2.0f);
  }
  return best >= 1 ? best : 0;
}

// Does the input's type say what the box is for (type=email, tel, month, date)?
bool TypeSays(ControlKind kind, Concept c) {
  switch (kind) {
    case ControlKind::kEmail:
      return c == Concept::kEmail;
    case ControlKind::kTel:
      return c == Concept::kTel || c == Concept::kTelCountryCode || c == Concept::kTelAreaCode ||
             c == Concept::kTelExtension;
    case ControlKind::kMonth:
      return c == Concept::kCardExpiry;
    case ControlKind::kDate:
      return c == Concept::kBirthday;
    default:
      return false;
  }
}

// Enough to fill? A field's sources are its label, the text beside it, its placeholder, its
// name or id, its type and a select's options. Enough alone: the words the shopper reads as the
// box's own (its label or the text beside it) naming the field, even with a weak word that is
// the whole text ("Name", "Address"); a placeholder or a name or id with a word of strength 2 or
// more ("Last name", `email`, `cardNumber`, "MM/YY"); a card number's shape. Anything less needs
// a second source that agrees: a weak word in a placeholder or a name alone, a weak word lost
// in a longer text ("Name of limited partner"), a type alone (type=email) and options alone may
// all describe a box that is no part of a checkout.
bool EnoughEvidence(const Evidence& e, Concept c, const ConceptScores& listed) {
  const float label = Says(e.label, c);
  const float nearby = Says(e.nearby, c);
  const float placeholder = std::max(Says(e.placeholder, c), Says(e.examples, c));
  const float ident = Says(e.ident_peak, c);
  if (label > 0 || nearby > 0 || placeholder >= 2 || ident >= 2) return true;
  if (c == Concept::kCardNumber && e.card_pattern) return true;
  float listed_for = 0;
  for (Concept w : WordsFor(c)) listed_for = std::max(listed_for, listed[Index(w)]);
  const int sources = (placeholder > 0) + (ident > 0) + TypeSays(e.kind, c) + (listed_for > 0);
  return sources >= 2;
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
  // The section or the form's key ("Payment", "creditCardForm") says card too.
  auto says_card = [](const ConceptScores& context) {
    return At(context, Concept::kCard) > 0 || At(context, Concept::kCardNumber) > 0 ||
           At(context, Concept::kCardExpiry) > 0;
  };
  g.card_context = g.card_words || says_card(e.section) || says_card(e.form);
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
  ConceptScores listed{};
  if (e.kind == ControlKind::kSelect) ApplyOptions(e, s, listed, g);

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
  // One weak source is not enough: when unsure, the field is left to the shopper.
  if (!EnoughEvidence(e, best.meaning, listed)) return g;
  if (best.meaning == Concept::kHouseNumber || best.meaning == Concept::kFax ||
      best.meaning == Concept::kHonorific) {
    g.vetoed = true;
    return g;
  }
  g.meaning = best.meaning;
  g.score = best.score;
  g.part = PartOf(best.meaning, part);
  // "Expiry date", "Security code", "MM/YY" say card only where a card is in view: without
  // card words in the field or its section, the neighbours decide (structure.cpp).
  const bool card_unsaid =
      best.meaning == Concept::kCardExpiry || best.meaning == Concept::kCardCsc;
  if (card_unsaid && !g.card_context) {
    g.needs_card = true;
  } else if (IsCardConcept(best.meaning)) {
    g.card_context = true;
  }
  return g;
}

}  // namespace pims::classify
