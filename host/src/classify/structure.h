// Form-level rules: what a field's neighbours say about it. Split fields (a phone in three
// boxes, a card number in four, expiry month and year), name pairs ("Nom" beside "Prénom"),
// date parts (a month select between day and year), and which address (billing or shipping)
// a block of fields belongs to. Then each guess becomes an autofill token.
// Internal to libpims.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "classify/decide.h"
#include "classify/evidence.h"
#include "pims/autocomplete.h"
#include "pims/field.h"

namespace pims::classify {

// One field as the form-level rules see it.
struct FieldState {
  const FieldDescriptor* descriptor;
  Evidence evidence;
  Guess guess;
  // The page's own autocomplete token when it names a field pims fills (it wins).
  std::optional<AutofillToken> page_token;
};

// Refines the guesses in place, then returns one token per field (nullopt: unknown).
std::vector<std::optional<AutofillToken>> ResolveForm(std::span<FieldState> fields);

}  // namespace pims::classify
