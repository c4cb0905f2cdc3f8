// Understanding checkout fields that carry no usable autocomplete attribute: local rules over
// each field's label, placeholder, name, id, nearby text, section, type and options, in
// English, German, French, Spanish, Italian, Dutch and Portuguese, and over the form's
// structure (split phone and card number boxes, expiry month and year, name pairs, billing or
// shipping blocks).
//
// What it promises:
//  - A valid autocomplete token naming a field pims fills wins, with its section and
//    shipping/billing hint; when it has no hint, the heuristics' hint is added. A token naming a
//    field pims never fills (username, one-time-code ...) keeps the field unknown, except a
//    password token on a box that is not a password box (the common trick to stop browsers
//    filling), which is ignored.
//  - Otherwise a field gets a token only when the rules are sure; search, coupon, voucher,
//    promo and gift codes, usernames, passwords, captchas, quantities, newsletters, comments,
//    membership numbers and the like stay unknown (nullopt), and so does any field whose page
//    name says so even when its label looks like something else.
//  - Checkboxes, radios, buttons, hidden and search inputs are never given a token by the rules.
//  - Split fields get part tokens: tel-area-code / tel-local-prefix / tel-local-suffix,
//    tel-country-code + tel-national, cc-exp-month + cc-exp-year, a card number in boxes as
//    cc-number tokens with part_offset/part_length/part_total.
//
// The keyword table is compiled once, on first use; classifying reads it only.
// Thread-safety: the classifier is immutable; Classify may run on many threads at once.
#pragma once

#include "pims/field.h"

namespace pims {

// The heuristic classifier (a process-wide instance).
const FieldClassifier& HeuristicClassifier();

}  // namespace pims
