// What one field descriptor says, as concept scores: the keywords found in its label,
// placeholder, name, id, nearby text and section, weighed by where they were found; the kind
// of control; and, for a select, what its options list. Internal to libpims.
//
// Thread-safety: pure functions (the keyword matcher is immutable).
#pragma once

#include <string_view>

#include "classify/concepts.h"
#include "pims/field.h"

namespace pims::classify {

enum class ControlKind {
  kText,   // text-like input (text, "", number, url ...)
  kEmail,  // input type=email
  kTel,    // input type=tel
  kSelect,
  kTextarea,
  kPassword,  // only a card security code may hide behind one
  kMonth,     // input type=month
  kDate,      // input type=date
  kNever,     // checkbox, radio, button, file, hidden, search, ...: never classified
};

// What a select's options list (counts among options with a value or text).
struct OptionsProfile {
  int count = 0;
  int countries = 0;  // a country's code or name in any language
  int regions = 0;    // a US state, Canadian province or Australian state
  int months = 0;     // distinct months 1..12 (numbers or names)
  int days = 0;       // numbers 1..31
  int years = 0;      // numbers 1900..2100 (or two digits, when every option has two)
  int min_year = 0;
  int max_year = 0;
  int dial_codes = 0;  // "+44", "(+44) United Kingdom"
};

struct Evidence {
  ControlKind kind = ControlKind::kText;
  int maxlength = -1;
  // Weighted keyword scores of the field's own texts: label 3, placeholder 2.5, name and id 2
  // (the better of the two), nearby text 2. A weak keyword (strength 1) counts fully only in a
  // text whose words it mostly explains ("Name" yes, "Name of item" no).
  ConceptScores own{};
  // The part of `own` that came from the name and id alone (what the page's developer called it).
  ConceptScores ident{};
  // The strongest single keyword per concept in the name or the id (1..3; 0: none).
  ConceptScores ident_peak{};
  // The label or placeholder offers a choice between two kinds of field ("Email or mobile
  // phone number", "E-Mail oder Telefon"): a login box that takes either, not one of them.
  bool either_or = false;
  // The sum of `own` over every concept: 0 when the field's texts hold no keyword at all.
  float text_score = 0;
  // Keyword scores of the label alone, unweighted: what the shopper reads the box is for.
  ConceptScores label{};
  // Each other text alone, unweighted, as `label`: the placeholder and the text beside the box.
  // With `ident_peak` (the name or id) they tell which sources speak for a concept: decide.cpp
  // fills from two that agree, or from words the shopper reads that name the field.
  ConceptScores placeholder{};
  ConceptScores nearby{};
  // The placeholder or label draws a card number's shape ("1234 1234 1234 1234").
  bool card_pattern = false;
  // What an example value in the placeholder or label says: an email address
  // ("name@example.com") is an email box's (weight 2, as a word of strength 2).
  ConceptScores examples{};
  // Keyword scores of the section (heading or legend around the field), unweighted.
  ConceptScores section{};
  // Keyword scores of the form's key (its id or name, "newsletter-form"), unweighted.
  ConceptScores form{};
  OptionsProfile options;
};

Evidence GatherEvidence(const FieldDescriptor& field);

}  // namespace pims::classify
