// Text helpers shared by every module: ASCII case and digits, trimming, UTF-8 validation, and
// the folding that lets one keyword match every spelling (the classifier's labels, the fill
// path's select options, the place-name tables). Internal to libpims (host/src/core).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pims {

constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
constexpr char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
// True for a non-empty run of ASCII digits.
bool AllAsciiDigits(std::string_view text);
// The text with ASCII letters lowercased (other bytes as they are).
std::string AsciiLowercase(std::string_view text);
// `lower` must already be lowercase ASCII.
bool EqualsIgnoringAsciiCase(std::string_view text, std::string_view lower);
bool ContainsIgnoringAsciiCase(std::string_view text, std::string_view lower);
// Without the spaces (U+0020 only) at either end.
std::string_view TrimSpaces(std::string_view text);

// The length of the well-formed UTF-8 sequence at the start of `text` (Unicode Table 3-7: no
// overlong forms, no surrogates, nothing above U+10FFFF), or 0 when there is none.
// REQUIRES: !text.empty().
size_t Utf8SequenceLength(std::string_view text);
// The offset of the first byte that does not start a well-formed sequence, or npos.
size_t FindInvalidUtf8(std::string_view text);
inline bool IsValidUtf8(std::string_view text) {
  return FindInvalidUtf8(text) == std::string_view::npos;
}

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

}  // namespace pims
