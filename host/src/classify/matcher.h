// Finds the keyword table's phrases in normalised text (text.h): one Aho-Corasick automaton,
// compiled once from keywords.cpp, matched in a single pass over each text.
// Internal to libpims.
//
// Thread-safety: a KeywordMatcher is immutable after construction; Match may be called from any
// number of threads.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "classify/concepts.h"
#include "classify/keywords.h"

namespace pims::classify {

struct KeywordHit {
  Concept meaning;
  uint8_t strength;
  uint16_t begin;  // byte span of the phrase in the normalised text
  uint16_t end;
};

// What one text says: the hits that no longer hit contains ("first name" hides "name"), and
// how much of the text they explain.
struct TextMatch {
  std::vector<KeywordHit> hits;
  int words = 0;          // words in the text, filler words and numbers left out
  int covered_words = 0;  // of those, words inside a hit
};

class KeywordMatcher {
 public:
  // The matcher for Keywords() and FillerWords(), built on first use.
  static const KeywordMatcher& Default();

  explicit KeywordMatcher(std::span<const Keyword> keywords,
                          std::span<const std::string_view> fillers);

  // `text` must come from NormalizeText (" word word "); at most 65535 bytes are read.
  TextMatch Match(std::string_view text) const;

 private:
  static constexpr int kAlphabet = 38;  // a-z, 0-9, space, any other byte
  static int Symbol(unsigned char c);
  void Add(std::string_view pattern, int output);
  void Build();
  bool IsFiller(std::string_view word) const;

  struct Output {
    Concept meaning;
    uint8_t strength;
    uint16_t length;  // bytes of the pattern
  };
  std::vector<std::array<int32_t, kAlphabet>> next_;  // complete transition function
  std::vector<int32_t> fail_;
  std::vector<int32_t> output_link_;  // the nearest state on the fail chain with outputs
  std::vector<std::vector<int32_t>> outputs_;
  std::vector<Output> patterns_;
  std::vector<std::string> fillers_;  // sorted
};

}  // namespace pims::classify
