#include "fill/select_option.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "profile/place_names.h"

namespace pims {
namespace {

std::string WithoutLeadingZeros(std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  return std::string(digits);
}

// The folded spellings that stand for `value` in field `field`.
std::vector<std::string> Spellings(std::string_view field, std::string_view value) {
  std::vector<std::string> out;
  const std::string folded = FoldText(value);
  if (folded.empty()) return out;
  out.push_back(folded);
  if (field == "country" || field == "country-name") {
    // Names and letter codes only: a number in a country list is as often the shop's own id
    // ("223" = United States) as an ISO numeric code.
    if (const auto code = CountryCodeOf(folded)) {
      for (const std::string& s : CountrySpellings(*code)) {
        if (!AllAsciiDigits(s)) out.push_back(s);
      }
    }
  } else if (field == "address-level1") {
    for (std::string_view country : {"US", "CA", "AU"}) {
      if (const auto region = RegionOf(country, folded)) {
        out.push_back(FoldText(region->code));
        out.push_back(FoldText(region->name));
      }
    }
  } else if (field == "cc-exp-month" || field == "bday-month") {
    const std::string digits = WithoutLeadingZeros(folded);
    if (AllAsciiDigits(digits) && digits.size() <= 2) {
      const int month =
          digits.size() == 1 ? digits[0] - '0' : (digits[0] - '0') * 10 + digits[1] - '0';
      for (const std::string& s : MonthSpellings(month)) out.push_back(s);
    }
  } else if (field == "cc-exp-year" || field == "bday-year") {
    if (folded.size() == 4 && AllAsciiDigits(folded)) out.push_back(folded.substr(2));
  } else if (field == "bday-day") {
    if (AllAsciiDigits(folded)) {
      const std::string plain = WithoutLeadingZeros(folded);
      out.push_back(plain);
      if (plain.size() == 1) out.push_back("0" + plain);
    }
  }
  return out;
}

// The ways an option's folded text may name its value: the whole text, and its parts around
// " - ", "(...)" and a leading number or "+code" ("840 united states", "+93 (afghanistan)",
// "al - alabama"). `raw` is the unfolded text (for the separators FoldText drops).
std::vector<std::string> Variants(std::string_view raw) {
  std::vector<std::string> out;
  const std::string whole = FoldText(raw);
  if (whole.empty()) return out;
  out.push_back(whole);
  auto add = [&](std::string_view part) {
    std::string f = FoldText(part);
    if (!f.empty() && f != whole) out.push_back(std::move(f));
  };
  // Parts around " - ", "|", "/", and inside and outside parentheses.
  std::string_view rest = raw;
  size_t start = 0;
  for (size_t i = 0; i <= rest.size(); ++i) {
    const bool end = i == rest.size();
    const bool cut = end || rest[i] == '(' || rest[i] == ')' || rest[i] == '|' || rest[i] == '/' ||
                     (rest[i] == '-' && i > 0 && i + 1 < rest.size() && rest[i - 1] == ' ' &&
                      rest[i + 1] == ' ');
    if (cut) {
      if (i > start && start > 0) add(rest.substr(start, i - start));
      if (i > start && start == 0 && !end) add(rest.substr(0, i));
      start = i + 1;
    }
  }
  // A leading number ("840 united states") or trailing one, split off.
  const size_t space = whole.find(' ');
  if (space != std::string::npos) {
    const std::string_view head = std::string_view(whole).substr(0, space);
    if (AllAsciiDigits(head)) {
      out.emplace_back(head);
      out.push_back(whole.substr(space + 1));
    }
  }
  return out;
}

// An option list read once: for each variant of an option's value, and of its text, the first
// choosable option that has it. A shop sends the same country and region lists with every
// request, so they are kept (FoldedOptionsOf).
struct FoldedOptions {
  std::vector<std::string> values;  // the choosable options' values, in list order
  std::unordered_map<std::string, size_t> first_by_value;
  std::unordered_map<std::string, size_t> first_by_text;
};

FoldedOptions FoldOptions(std::span<const SelectOption> options) {
  FoldedOptions folded;
  for (const SelectOption& o : options) {
    if (FoldText(o.value).empty()) continue;  // a "Select..." placeholder is never chosen
    const size_t index = folded.values.size();
    folded.values.push_back(o.value);
    for (std::string& v : Variants(o.value)) folded.first_by_value.emplace(std::move(v), index);
    for (std::string& v : Variants(o.text)) folded.first_by_text.emplace(std::move(v), index);
  }
  return folded;
}

// The folded form of an option list, from a small cache of the lists seen last (a shop's
// country list is 250 options; folding it costs more than the rest of a fill's decision).
// Lists are compared whole, so a changed list is folded afresh. Option lists hold the page's
// words, never the shopper's values.
std::shared_ptr<const FoldedOptions> FoldedOptionsOf(std::span<const SelectOption> options) {
  struct Entry {
    std::vector<SelectOption> options;
    std::shared_ptr<const FoldedOptions> folded;
  };
  static constexpr size_t kKept = 8;
  static std::mutex mutex;
  static std::deque<Entry> kept;  // most recently used first
  std::lock_guard<std::mutex> lock(mutex);
  for (auto it = kept.begin(); it != kept.end(); ++it) {
    if (std::equal(it->options.begin(), it->options.end(), options.begin(), options.end())) {
      Entry hit = std::move(*it);
      kept.erase(it);
      kept.push_front(std::move(hit));
      return kept.front().folded;
    }
  }
  kept.push_front({std::vector<SelectOption>(options.begin(), options.end()),
                   std::make_shared<const FoldedOptions>(FoldOptions(options))});
  if (kept.size() > kKept) kept.pop_back();
  return kept.front().folded;
}

}  // namespace

std::optional<std::string> MatchOption(std::string_view field, std::string_view value,
                                       std::span<const SelectOption> options) {
  const std::vector<std::string> wanted = Spellings(field, value);
  if (wanted.empty()) return std::nullopt;
  const std::shared_ptr<const FoldedOptions> folded = FoldedOptionsOf(options);
  // First an option's value, then its text; the first option of the list that names the value.
  for (const auto* first_by : {&folded->first_by_value, &folded->first_by_text}) {
    size_t best = folded->values.size();
    for (const std::string& w : wanted) {
      const auto it = first_by->find(w);
      if (it != first_by->end()) best = std::min(best, it->second);
    }
    if (best < folded->values.size()) return folded->values[best];
  }
  return std::nullopt;
}

}  // namespace pims
