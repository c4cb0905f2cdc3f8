#include "classify/matcher.h"

#include <algorithm>
#include <array>
#include <deque>
#include <string>

#include "core/text.h"

namespace pims::classify {

int KeywordMatcher::Symbol(unsigned char c) {
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '0' && c <= '9') return 26 + (c - '0');
  if (c == ' ') return 36;
  return 37;
}

KeywordMatcher::KeywordMatcher(std::span<const Keyword> keywords,
                               std::span<const std::string_view> fillers) {
  next_.push_back({});
  next_[0].fill(-1);
  outputs_.emplace_back();
  for (const Keyword& k : keywords) {
    std::string_view phrase = k.phrase;
    const bool open_start = !phrase.empty() && phrase.front() == '*';
    const bool open_end = !phrase.empty() && phrase.back() == '*';
    if (open_start) phrase.remove_prefix(1);
    if (open_end && !phrase.empty()) phrase.remove_suffix(1);
    std::string pattern = NormalizeText(phrase);  // " first name "
    if (pattern.size() < 3) continue;
    if (open_start) pattern.erase(0, 1);
    if (open_end) pattern.pop_back();
    patterns_.push_back(Output{k.meaning, k.strength, static_cast<uint16_t>(pattern.size())});
    Add(pattern, static_cast<int>(patterns_.size() - 1));
  }
  Build();
  for (std::string_view f : fillers) fillers_.emplace_back(f);
  std::sort(fillers_.begin(), fillers_.end());
}

void KeywordMatcher::Add(std::string_view pattern, int output) {
  int state = 0;
  for (unsigned char c : pattern) {
    const int s = Symbol(c);
    if (next_[state][s] < 0) {
      next_[state][s] = static_cast<int32_t>(next_.size());
      next_.push_back({});
      next_.back().fill(-1);
      outputs_.emplace_back();
    }
    state = next_[state][s];
  }
  outputs_[state].push_back(output);
}

void KeywordMatcher::Build() {
  fail_.assign(next_.size(), 0);
  output_link_.assign(next_.size(), -1);
  std::deque<int> queue;
  for (int s = 0; s < kAlphabet; ++s) {
    if (next_[0][s] < 0) {
      next_[0][s] = 0;
    } else {
      fail_[next_[0][s]] = 0;
      queue.push_back(next_[0][s]);
    }
  }
  while (!queue.empty()) {
    const int state = queue.front();
    queue.pop_front();
    const int f = fail_[state];
    output_link_[state] = outputs_[f].empty() ? output_link_[f] : f;
    for (int s = 0; s < kAlphabet; ++s) {
      const int child = next_[state][s];
      if (child < 0) {
        next_[state][s] = next_[f][s];
      } else {
        fail_[child] = next_[f][s];
        queue.push_back(child);
      }
    }
  }
}

bool KeywordMatcher::IsFiller(std::string_view word) const {
  return std::binary_search(fillers_.begin(), fillers_.end(), word);
}

TextMatch KeywordMatcher::Match(std::string_view text) const {
  TextMatch result;
  if (text.size() > 65535) text = text.substr(0, 65535);
  std::vector<KeywordHit> raw;
  int state = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    state = next_[state][Symbol(static_cast<unsigned char>(text[i]))];
    for (int s = outputs_[state].empty() ? output_link_[state] : state; s > 0;
         s = output_link_[s]) {
      for (int out : outputs_[s]) {
        const Output& o = patterns_[out];
        const size_t begin = i + 1 - o.length;
        raw.push_back(KeywordHit{o.meaning, o.strength, static_cast<uint16_t>(begin),
                                 static_cast<uint16_t>(i + 1)});
      }
    }
  }
  // Keep hits that no other hit strictly contains.
  for (const KeywordHit& h : raw) {
    bool hidden = false;
    for (const KeywordHit& other : raw) {
      if (other.begin <= h.begin && h.end <= other.end &&
          (other.begin != h.begin || other.end != h.end)) {
        hidden = true;
        break;
      }
    }
    if (!hidden) result.hits.push_back(h);
  }
  // Coverage: words (not fillers, not numbers) and those inside a kept hit.
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    const size_t start = pos;
    while (pos < text.size() && text[pos] != ' ') ++pos;
    if (start == pos) break;
    const std::string_view word = text.substr(start, pos - start);
    const bool number = AllAsciiDigits(word);
    if (number || IsFiller(word)) continue;
    ++result.words;
    for (const KeywordHit& h : result.hits) {
      if (h.begin < pos && start < h.end) {
        ++result.covered_words;
        break;
      }
    }
  }
  return result;
}

const KeywordMatcher& KeywordMatcher::Default() {
  static const KeywordMatcher matcher(Keywords(), FillerWords());
  return matcher;
}

}  // namespace pims::classify
