// Text as the classifier compares it: ASCII lowercase words separated by single spaces.
// Internal to libpims (host/src/classify).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace pims::classify {

// Normalises label, name, id and option text so that one keyword matches every spelling:
//  - UTF-8 is decoded; Latin letters with diacritics fold to ASCII ("Straße" -> "strasse",
//    "Código" -> "codigo", "Prénom" -> "prenom", "Ä" -> "a"); other letters (Cyrillic, CJK, ...)
//    are kept as they are, lowercased where ASCII;
//  - words split at camelCase and letter/digit boundaries ("billingFirstName2" -> "billing first
//    name 2", "ZIPCode" -> "zip code", "CVV2" -> "cvv 2");
//  - everything that is not a letter or a digit separates words.
// The result has one space before every word and one after the last (" first name "), so a
// keyword " name " matches whole words only; "" for text without words. Invalid UTF-8 bytes
// separate words. At most `max_bytes` of input are read.
std::string NormalizeText(std::string_view text, size_t max_bytes = 400);

// The same folding for one value compared as a whole (select options): NormalizeText without
// the camelCase split, trimmed, without the surrounding spaces ("Côte d'Ivoire" -> "cote d
// ivoire").
std::string FoldText(std::string_view text, size_t max_bytes = 400);

}  // namespace pims::classify
