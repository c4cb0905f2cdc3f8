// The multilingual keyword table: every word and phrase the classifier knows, in English,
// German, French, Spanish, Italian, Dutch and Portuguese, with the concept each one signals.
// ONE table (keywords.cpp); the matcher compiles it once, at start-up.
// Internal to libpims.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "classify/concepts.h"

namespace pims::classify {

struct Keyword {
  // Lowercase ASCII words separated by single spaces, as NormalizeText writes them (diacritics
  // folded: "prénom" is written "prenom"). A '*' at the start or end lets that end sit inside a
  // longer word ("*adresse" matches "rechnungsadresse"); otherwise whole words only.
  std::string_view phrase;
  Concept meaning;
  // 3: names the field by itself ("first name", "cvv"); 2: a usual word for it ("city");
  // 1: weak or ambiguous ("address", "code").
  uint8_t strength;
};

std::span<const Keyword> Keywords();

// Words that carry no meaning of their own in a label ("your", "please", "required", "de"):
// they neither count as matched nor as unmatched when the classifier asks how much of a label
// its keywords explain.
std::span<const std::string_view> FillerWords();

}  // namespace pims::classify
