#include "classify/evidence.h"

#include <algorithm>
#include <array>
#include <set>

#include "classify/matcher.h"
#include "core/text.h"
#include "profile/place_names.h"

namespace pims::classify {
namespace {

constexpr float kLabelWeight = 3.0f;
constexpr float kPlaceholderWeight = 2.5f;
constexpr float kIdentWeight = 2.0f;
constexpr float kNearbyWeight = 2.0f;

ControlKind KindOf(const FieldDescriptor& f) {
  const std::string_view tag = f.tag;
  const std::string_view type = f.type;
  if (EqualsIgnoringAsciiCase(tag, "select") || EqualsIgnoringAsciiCase(type, "select") ||
      EqualsIgnoringAsciiCase(type, "select-one")) {
    return ControlKind::kSelect;
  }
  if (EqualsIgnoringAsciiCase(tag, "textarea") || EqualsIgnoringAsciiCase(type, "textarea")) {
    return ControlKind::kTextarea;
  }
  if (!tag.empty() && !EqualsIgnoringAsciiCase(tag, "input")) return ControlKind::kNever;
  if (type.empty() || EqualsIgnoringAsciiCase(type, "text") ||
      EqualsIgnoringAsciiCase(type, "number") || EqualsIgnoringAsciiCase(type, "url")) {
    return ControlKind::kText;
  }
  if (EqualsIgnoringAsciiCase(type, "email")) return ControlKind::kEmail;
  if (EqualsIgnoringAsciiCase(type, "tel")) return ControlKind::kTel;
  if (EqualsIgnoringAsciiCase(type, "password")) return ControlKind::kPassword;
  if (EqualsIgnoringAsciiCase(type, "month")) return ControlKind::kMonth;
  if (EqualsIgnoringAsciiCase(type, "date")) return ControlKind::kDate;
  return ControlKind::kNever;  // hidden, search, checkbox, radio, submit, file, ...
}

bool IsFieldConcept(Concept c) { return Index(c) <= Index(Concept::kHonorific); }

// Max strength per concept of one text's hits; weak hits count half unless the hits explain
// more than half of the text's words. In a name or id (`compound`), a developer's compound
// word, the field word at the end is the head ("cardHolderState" is a state): field words
// before it count 0.6.
ConceptScores ScoreNormalized(std::string_view text, bool compound) {
  ConceptScores scores{};
  if (text.empty()) return scores;
  const TextMatch match = KeywordMatcher::Default().Match(text);
  const bool explained = match.words > 0 && 2 * match.covered_words > match.words;
  uint16_t head_end = 0;
  if (compound) {
    for (const KeywordHit& hit : match.hits) {
      if (IsFieldConcept(hit.meaning)) head_end = std::max(head_end, hit.end);
    }
  }
  for (const KeywordHit& hit : match.hits) {
    float strength = hit.strength;
    if (hit.strength == 1 && !explained) strength = 0.5f;
    if (compound && IsFieldConcept(hit.meaning) && hit.end < head_end) strength *= 0.6f;
    float& s = scores[Index(hit.meaning)];
    s = std::max(s, strength);
  }
  return scores;
}

ConceptScores ScoreText(std::string_view raw) {
  if (raw.empty()) return ConceptScores{};
  return ScoreNormalized(NormalizeText(raw), /*compound=*/false);
}

void AddWeighted(ConceptScores& into, const ConceptScores& from, float weight) {
  for (size_t i = 0; i < kConceptCount; ++i) into[i] += weight * from[i];
}

// Does the text (normalised) offer a choice ("a or b") between fields of two different groups?
bool OffersChoice(std::string_view text) {
  if (text.empty()) return false;
  bool disjunction = false;
  for (std::string_view word : {" or ", " oder ", " ou ", " o "}) {
    if (text.find(word) != std::string::npos) disjunction = true;
  }
  if (!disjunction) return false;
  int first_group = 0;
  for (const KeywordHit& hit : KeywordMatcher::Default().Match(text).hits) {
    const int group = GroupOf(hit.meaning);
    if (group == 0) continue;
    if (first_group == 0) {
      first_group = group;
    } else if (group != first_group) {
      return true;
    }
  }
  return false;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool LooksLikeDialCode(std::string_view text) {
  const size_t plus = text.find('+');
  return plus != std::string_view::npos && plus + 1 < text.size() && text[plus + 1] >= '0' &&
         text[plus + 1] <= '9';
}

OptionsProfile ProfileOptions(const std::vector<SelectOption>& options) {
  OptionsProfile p;
  std::set<int> months;
  std::set<int> days;
  int two_digit = 0;
  int four_digit = 0;
  for (const SelectOption& o : options) {
    const std::string value = FoldText(o.value, 80);
    const std::string text = FoldText(o.text, 80);
    if (value.empty() && text.empty()) continue;
    ++p.count;
    const unsigned text_kinds = text.empty() ? 0 : PlaceKindsOf(text);
    const unsigned value_kinds = value.empty() || value == text ? 0 : PlaceKindsOf(value);
    if ((text_kinds | value_kinds) & kPlaceCountry) ++p.countries;
    if ((text_kinds | value_kinds) & kPlaceRegion) ++p.regions;
    if (LooksLikeDialCode(o.text) || LooksLikeDialCode(o.value)) ++p.dial_codes;
    const int month = (text_kinds & kPlaceMonth) ? MonthOf(text) : 0;
    if (month != 0 && (!AllAsciiDigits(text) || AllAsciiDigits(value))) months.insert(month);
    const std::string_view number = AllAsciiDigits(text) ? std::string_view(text) : value;
    if (AllAsciiDigits(number) && number.size() <= 4) {
      const int n = ToInt(number);
      if (number.size() <= 2 && n >= 1 && n <= 31) days.insert(n);
      if (number.size() == 4 && n >= 1900 && n <= 2100) {
        ++four_digit;
        p.min_year = p.min_year == 0 ? n : std::min(p.min_year, n);
        p.max_year = std::max(p.max_year, n);
      }
      if (number.size() == 2) ++two_digit;
    }
  }
  p.months = static_cast<int>(months.size());
  p.days = static_cast<int>(days.size());
  p.years = four_digit;
  if (four_digit == 0 && two_digit >= 5 && p.days < 28 && p.months < 12) {
    // Two-digit years ("24".."35"): only when they are not days or months.
    p.years = two_digit;
  }
  return p;
}

// "1234 1234 1234 1234", "•••• •••• •••• ••••", "0000-0000-0000-0000": a card number's shape.
bool LooksLikeCardNumberPattern(std::string_view text) {
  int groups = 0;
  int symbols = 0;
  int run = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    const bool end = i == text.size();
    const char c = end ? ' ' : text[i];
    if (c == ' ' || c == '-') {
      if (run > 0) {
        if (run < 3 || run > 6) return false;
        ++groups;
        symbols += run;
        run = 0;
      }
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= '0' && c <= '9') || c == '*' || c == 'x' || c == 'X' || c == '#') {
      ++run;
    } else if (byte == 0xE2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               static_cast<unsigned char>(text[i + 2]) == 0xA2) {
      ++run;  // U+2022 bullet
      i += 2;
    } else if (byte == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0xB7) {
      ++run;  // U+00B7 middle dot
      i += 1;
    } else {
      return false;
    }
  }
  return groups >= 3 && symbols >= 13 && symbols <= 19;
}

// "name@example.com", "you@company.org": an example of what goes in the box. One @ with a
// word before it and a dotted domain after it, no spaces.
bool LooksLikeEmailAddress(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos ||
      text.find(' ') != std::string_view::npos) {
    return false;
  }
  const size_t dot = text.find('.', at + 2);
  return dot != std::string_view::npos && dot + 1 < text.size();
}

}  // namespace

Evidence GatherEvidence(const FieldDescriptor& field) {
  Evidence e;
  e.kind = KindOf(field);
  e.maxlength = field.maxlength;
  if (e.kind == ControlKind::kNever) return e;

  // Label and placeholder are normalised once, for their scores and for the either-or test.
  const std::string label_text = NormalizeText(field.label);
  const std::string placeholder_text = NormalizeText(field.placeholder);
  e.label = ScoreNormalized(label_text, /*compound=*/false);
  AddWeighted(e.own, e.label, kLabelWeight);
  e.either_or = OffersChoice(label_text) || OffersChoice(placeholder_text);
  e.placeholder = ScoreNormalized(placeholder_text, /*compound=*/false);
  AddWeighted(e.own, e.placeholder, kPlaceholderWeight);
  // Name and id: the stronger of the two, reinforced a little where both agree.
  // (An id that only repeats the name adds nothing.)
  const std::string name_text = NormalizeText(field.name);
  const std::string id_text = NormalizeText(field.id);
  const ConceptScores name = ScoreNormalized(name_text, /*compound=*/true);
  const ConceptScores id = ScoreNormalized(id_text, /*compound=*/true);
  const bool same = name_text == id_text;
  for (size_t i = 0; i < kConceptCount; ++i) {
    const float agreement = same ? 0.0f : 0.5f * std::min(name[i], id[i]);
    e.ident[i] = kIdentWeight * (std::max(name[i], id[i]) + agreement);
    e.ident_peak[i] = std::max(name[i], id[i]);
  }
  AddWeighted(e.own, e.ident, 1.0f);
  e.nearby = ScoreText(field.nearby);
  AddWeighted(e.own, e.nearby, kNearbyWeight);
  e.card_pattern =
      LooksLikeCardNumberPattern(field.placeholder) || LooksLikeCardNumberPattern(field.label);
  if (e.card_pattern) e.own[Index(Concept::kCardNumber)] += 3 * kPlaceholderWeight;
  if (LooksLikeEmailAddress(field.placeholder) || LooksLikeEmailAddress(field.label)) {
    e.examples[Index(Concept::kEmail)] = 2;
    e.own[Index(Concept::kEmail)] += 2 * kPlaceholderWeight;
  }
  for (float s : e.own) e.text_score += s;
  e.section = ScoreText(field.section);
  e.form = ScoreText(field.form);
  if (e.kind == ControlKind::kSelect) e.options = ProfileOptions(field.options);
  return e;
}

}  // namespace pims::classify
