#include "core/text.h"

#include <array>
#include <cstdint>
#include <vector>

namespace pims {
namespace {

struct Folded {
  const char* ascii;  // "" when the code point is not a letter
  bool upper;
};

// U+00C0..U+024F (Latin-1 Supplement letters, Latin Extended-A and -B) folded to ASCII: the
// base letter of the canonical decomposition, and ß/æ/œ/ø/þ/ð/ł spelt out.
constexpr Folded kLatinFold[] = {
    {"a", true},   {"a", true},   {"a", true},   {"a", true},   {"a", true},   {"a", true},
    {"ae", true},  {"c", true},   {"e", true},   {"e", true},   {"e", true},   {"e", true},
    {"i", true},   {"i", true},   {"i", true},   {"i", true},   {"d", true},   {"n", true},
    {"o", true},   {"o", true},   {"o", true},   {"o", true},   {"o", true},   {"", false},
    {"o", true},   {"u", true},   {"u", true},   {"u", true},   {"u", true},   {"y", true},
    {"th", true},  {"ss", false}, {"a", false},  {"a", false},  {"a", false},  {"a", false},
    {"a", false},  {"a", false},  {"ae", false}, {"c", false},  {"e", false},  {"e", false},
    {"e", false},  {"e", false},  {"i", false},  {"i", false},  {"i", false},  {"i", false},
    {"d", false},  {"n", false},  {"o", false},  {"o", false},  {"o", false},  {"o", false},
    {"o", false},  {"", false},   {"o", false},  {"u", false},  {"u", false},  {"u", false},
    {"u", false},  {"y", false},  {"th", false}, {"y", false},  {"a", true},   {"a", false},
    {"a", true},   {"a", false},  {"a", true},   {"a", false},  {"c", true},   {"c", false},
    {"c", true},   {"c", false},  {"c", true},   {"c", false},  {"c", true},   {"c", false},
    {"d", true},   {"d", false},  {"d", true},   {"d", false},  {"e", true},   {"e", false},
    {"e", true},   {"e", false},  {"e", true},   {"e", false},  {"e", true},   {"e", false},
    {"e", true},   {"e", false},  {"g", true},   {"g", false},  {"g", true},   {"g", false},
    {"g", true},   {"g", false},  {"g", true},   {"g", false},  {"h", true},   {"h", false},
    {"h", true},   {"h", false},  {"i", true},   {"i", false},  {"i", true},   {"i", false},
    {"i", true},   {"i", false},  {"i", true},   {"i", false},  {"i", true},   {"i", false},
    {"ij", true},  {"ij", false}, {"j", true},   {"j", false},  {"k", true},   {"k", false},
    {"k", false},  {"l", true},   {"l", false},  {"l", true},   {"l", false},  {"l", true},
    {"l", false},  {"l", true},   {"l", false},  {"l", true},   {"l", false},  {"n", true},
    {"n", false},  {"n", true},   {"n", false},  {"n", true},   {"n", false},  {"n", false},
    {"", true},    {"", false},   {"o", true},   {"o", false},  {"o", true},   {"o", false},
    {"o", true},   {"o", false},  {"oe", true},  {"oe", false}, {"r", true},   {"r", false},
    {"r", true},   {"r", false},  {"r", true},   {"r", false},  {"s", true},   {"s", false},
    {"s", true},   {"s", false},  {"s", true},   {"s", false},  {"s", true},   {"s", false},
    {"t", true},   {"t", false},  {"t", true},   {"t", false},  {"t", true},   {"t", false},
    {"u", true},   {"u", false},  {"u", true},   {"u", false},  {"u", true},   {"u", false},
    {"u", true},   {"u", false},  {"u", true},   {"u", false},  {"u", true},   {"u", false},
    {"w", true},   {"w", false},  {"y", true},   {"y", false},  {"y", true},   {"z", true},
    {"z", false},  {"z", true},   {"z", false},  {"z", true},   {"z", false},  {"s", false},
    {"", false},   {"", true},    {"", true},    {"", false},   {"", true},    {"", false},
    {"", true},    {"", true},    {"", false},   {"", true},    {"", true},    {"", true},
    {"", false},   {"", false},   {"", true},    {"", true},    {"", true},    {"", true},
    {"f", false},  {"", true},    {"", true},    {"", false},   {"", true},    {"", true},
    {"", true},    {"", false},   {"", false},   {"", false},   {"", true},    {"", true},
    {"", false},   {"", true},    {"o", true},   {"o", false},  {"", true},    {"", false},
    {"", true},    {"", false},   {"", true},    {"", true},    {"", false},   {"", true},
    {"", false},   {"", false},   {"", true},    {"", false},   {"", true},    {"u", true},
    {"u", false},  {"", true},    {"", true},    {"", true},    {"", false},   {"", true},
    {"", false},   {"", true},    {"", true},    {"", false},   {"", false},   {"", false},
    {"", true},    {"", false},   {"", false},   {"", false},   {"", false},   {"", false},
    {"", false},   {"", false},   {"dz", true},  {"dz", false}, {"dz", false}, {"lj", true},
    {"lj", false}, {"lj", false}, {"nj", true},  {"nj", false}, {"nj", false}, {"a", true},
    {"a", false},  {"i", true},   {"i", false},  {"o", true},   {"o", false},  {"u", true},
    {"u", false},  {"u", true},   {"u", false},  {"u", true},   {"u", false},  {"u", true},
    {"u", false},  {"u", true},   {"u", false},  {"", false},   {"a", true},   {"a", false},
    {"a", true},   {"a", false},  {"", true},    {"", false},   {"", true},    {"", false},
    {"g", true},   {"g", false},  {"k", true},   {"k", false},  {"o", true},   {"o", false},
    {"o", true},   {"o", false},  {"", true},    {"", false},   {"j", false},  {"dz", true},
    {"dz", false}, {"dz", false}, {"g", true},   {"g", false},  {"", true},    {"", true},
    {"n", true},   {"n", false},  {"a", true},   {"a", false},  {"", true},    {"", false},
    {"", true},    {"", false},   {"a", true},   {"a", false},  {"a", true},   {"a", false},
    {"e", true},   {"e", false},  {"e", true},   {"e", false},  {"i", true},   {"i", false},
    {"i", true},   {"i", false},  {"o", true},   {"o", false},  {"o", true},   {"o", false},
    {"r", true},   {"r", false},  {"r", true},   {"r", false},  {"u", true},   {"u", false},
    {"u", true},   {"u", false},  {"s", true},   {"s", false},  {"t", true},   {"t", false},
    {"", true},    {"", false},   {"h", true},   {"h", false},  {"", true},    {"", false},
    {"", true},    {"", false},   {"", true},    {"", false},   {"a", true},   {"a", false},
    {"e", true},   {"e", false},  {"o", true},   {"o", false},  {"o", true},   {"o", false},
    {"o", true},   {"o", false},  {"o", true},   {"o", false},  {"y", true},   {"y", false},
    {"", false},   {"", false},   {"", false},   {"", false},   {"", false},   {"", false},
    {"", true},    {"", true},    {"", false},   {"", true},    {"", true},    {"", false},
    {"", false},   {"", true},    {"", false},   {"", true},    {"", true},    {"", true},
    {"", true},    {"", false},   {"", true},    {"", false},   {"", true},    {"", false},
    {"", true},    {"", false},   {"", true},    {"", false},
};
constexpr char32_t kFoldFirst = 0xC0;
constexpr char32_t kFoldEnd = kFoldFirst + sizeof(kLatinFold) / sizeof(kLatinFold[0]);

enum class Kind : uint8_t { kSeparator, kLower, kUpper, kDigit, kOtherLetter };

struct Unit {
  Kind kind;
  char32_t cp;
};

// Punctuation, symbols and spaces outside ASCII separate words; every other code point above
// U+024F is taken as a letter of some script.
bool IsNonAsciiSeparator(char32_t cp) {
  return (cp >= 0x80 && cp < 0xC0) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp < 0x2C00) ||
         (cp >= 0x3000 && cp < 0x3040) || (cp >= 0xFE30 && cp < 0xFE50) ||
         (cp >= 0xFF00 && cp < 0xFF10) || (cp >= 0xFF1A && cp < 0xFF21) ||
         (cp >= 0xFF3B && cp < 0xFF41) || (cp >= 0xFF5B && cp < 0xFF66) || cp >= 0x1F000 ||
         cp == 0xFFFD;
}

// Decodes one UTF-8 sequence at text[i]; returns its length (1 for an invalid byte, decoded as
// U+FFFD).
size_t Decode(std::string_view text, size_t i, char32_t& cp) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  size_t len = 0;
  char32_t value = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    value = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    value = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    value = b0 & 0x07;
  } else {
    cp = 0xFFFD;
    return 1;
  }
  if (i + len > text.size()) {
    cp = 0xFFFD;
    return 1;
  }
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      cp = 0xFFFD;
      return 1;
    }
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  cp = value;
  return len;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

Kind KindOf(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return Kind::kLower;
  if (cp >= 'A' && cp <= 'Z') return Kind::kUpper;
  if (cp >= '0' && cp <= '9') return Kind::kDigit;
  if (cp < 0x80) return Kind::kSeparator;
  if (cp >= kFoldFirst && cp < kFoldEnd) {
    const Folded& f = kLatinFold[cp - kFoldFirst];
    if (*f.ascii == '\0') return Kind::kSeparator;
    return f.upper ? Kind::kUpper : Kind::kLower;
  }
  return IsNonAsciiSeparator(cp) ? Kind::kSeparator : Kind::kOtherLetter;
}

bool IsLetter(Kind k) { return k == Kind::kLower || k == Kind::kUpper || k == Kind::kOtherLetter; }

void AppendFolded(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp));
  } else if (cp >= kFoldFirst && cp < kFoldEnd) {
    out.append(kLatinFold[cp - kFoldFirst].ascii);
  } else {
    AppendUtf8(out, cp);
  }
}

std::vector<Unit> Units(std::string_view text, size_t max_bytes) {
  if (text.size() > max_bytes) text = text.substr(0, max_bytes);
  std::vector<Unit> units;
  units.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    i += Decode(text, i, cp);
    units.push_back(Unit{KindOf(cp), cp});
  }
  return units;
}

std::string Render(const std::vector<Unit>& units, bool split_camel) {
  std::string out;
  out.reserve(units.size() + 2);
  bool in_word = false;
  for (size_t i = 0; i < units.size(); ++i) {
    const Unit& u = units[i];
    if (u.kind == Kind::kSeparator) {
      in_word = false;
      continue;
    }
    if (in_word && split_camel) {
      const Kind prev = units[i - 1].kind;
      const bool next_lower = i + 1 < units.size() && units[i + 1].kind == Kind::kLower;
      const bool boundary = (prev == Kind::kLower && u.kind == Kind::kUpper) ||
                            (prev == Kind::kDigit && IsLetter(u.kind)) ||
                            (IsLetter(prev) && u.kind == Kind::kDigit) ||
                            (prev == Kind::kUpper && u.kind == Kind::kUpper && next_lower);
      if (boundary) in_word = false;
    } else if (in_word) {
      const Kind prev = units[i - 1].kind;
      if ((prev == Kind::kDigit) != (u.kind == Kind::kDigit)) in_word = false;
    }
    if (!in_word) out.push_back(' ');
    in_word = true;
    AppendFolded(out, u.cp);
  }
  if (!out.empty()) out.push_back(' ');
  return out;
}

}  // namespace

bool AllAsciiDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

std::string AsciiLowercase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = AsciiLower(c);
  return lower;
}

bool EqualsIgnoringAsciiCase(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (AsciiLower(text[i]) != lower[i]) return false;
  }
  return true;
}

bool ContainsIgnoringAsciiCase(std::string_view text, std::string_view lower) {
  if (lower.size() > text.size()) return false;
  for (size_t i = 0; i + lower.size() <= text.size(); ++i) {
    if (EqualsIgnoringAsciiCase(text.substr(i, lower.size()), lower)) return true;
  }
  return false;
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

size_t Utf8SequenceLength(std::string_view s) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  size_t length = 0;
  unsigned char low = 0x80;  // the range allowed for the second byte
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong below U+0800
    if (lead == 0xED) high = 0x9F;  // surrogates U+D800..U+DFFF
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong below U+10000
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;  // a continuation byte, an overlong lead (C0, C1) or F5..FF
  }
  if (s.size() < length) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return length;
}

size_t FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceLength(text.substr(i));
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::string NormalizeText(std::string_view text, size_t max_bytes) {
  return Render(Units(text, max_bytes), /*split_camel=*/true);
}

std::string FoldText(std::string_view text, size_t max_bytes) {
  if (text.size() > max_bytes) text = text.substr(0, max_bytes);
  // Most option texts and values are ASCII ("GB", "United Kingdom", "07"): fold those in one
  // pass, to the same words the general path gives (a select can have hundreds of options).
  std::string out;
  out.reserve(text.size());
  bool ascii = true;
  bool in_word = false;
  bool digit_word = false;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
    const char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    const bool digit = c >= '0' && c <= '9';
    if (!digit && !(lower >= 'a' && lower <= 'z')) {
      in_word = false;
      continue;
    }
    if (in_word && digit != digit_word) in_word = false;  // "cvv2" -> "cvv 2"
    if (!in_word && !out.empty()) out.push_back(' ');
    in_word = true;
    digit_word = digit;
    out.push_back(lower);
  }
  if (ascii) return out;
  std::string spaced = Render(Units(text, max_bytes), /*split_camel=*/false);
  if (spaced.empty()) return spaced;
  return spaced.substr(1, spaced.size() - 2);
}

}  // namespace pims
