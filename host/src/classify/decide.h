// The decision for one field from its own evidence: which concept it is, how sure, and which
// address it belongs to. The form-level rules (structure.h) refine it with the neighbours.
// Internal to libpims.
//
// Thread-safety: pure functions.
#pragma once

#include "classify/concepts.h"
#include "classify/evidence.h"
#include "pims/categories.h"

namespace pims::classify {

enum class DatePart { kNone, kDay, kMonth, kYear };

// Which part of a phone number a box asks for, when the number is split over boxes.
enum class TelPart { kWhole, kNational, kLocalPrefix, kLocalSuffix };

// One box of a card number split over several: characters [offset, offset + length) of a
// number of at most `total` digits.
struct Slice {
  int offset = 0;
  int length = 0;  // 0: not a slice
  int total = 0;
};

// What a field seems to be. concept == Concept::kCount: not a checkout field, or unsure.
struct Guess {
  Concept meaning = Concept::kCount;
  float score = 0;
  // For kCardExpiry and kBirthday: the part asked. For concept kMonth/kYear/kDay: a date part
  // whose date (card expiry or birthday) the neighbours decide.
  DatePart part = DatePart::kNone;
  AddressHint hint = AddressHint::kNone;  // from the field's own words or its section
  bool hint_own = false;                  // the hint came from the field's own words
  bool card_context = false;              // the field or its section speaks of a payment card
  bool card_words = false;                // the field's own texts do
  bool birth_context = false;
  // A card expiry or security code whose own words and section do not speak of a card
  // ("Expiry date", "Security code", "MM/YY"): only card fields beside it make it one
  // (structure.h); alone it may be a passport's expiry or a captcha.
  bool needs_card = false;
  bool vetoed = false;                 // a not-checkout word outweighed everything else
  bool no_evidence = false;            // no keyword at all in the field's texts
  TelPart tel_part = TelPart::kWhole;  // set by the form-level rules
  Slice slice;                         // set by the form-level rules
};

inline bool Known(const Guess& g) { return g.meaning != Concept::kCount; }

Guess Decide(const Evidence& evidence);

}  // namespace pims::classify
