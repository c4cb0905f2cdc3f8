// Freed blocks hold zeros, not what was in them (host/src/wipe/wipe_on_free.cpp).
//
// The checks read a block after it was freed. That is undefined behaviour in the language, and
// done here on purpose, on the one allocator this runs on: glibc's, which reuses only the first
// 16 bytes of a small freed block for its own links and leaves the rest as it was. So without
// the wiping operator delete the marker bytes survive the free and the checks fail.
#include <catch2/catch.hpp>
#include <cstring>
#include <new>
#include <string>

#include "core/sanitizers.h"

namespace {

constexpr std::size_t kBlock = 256;
constexpr std::size_t kSkip = 32;  // what the allocator may write into a freed block itself

// How many of the block's bytes past kSkip still hold the marker.
std::size_t Survivors(const volatile unsigned char* block) {
  std::size_t count = 0;
  for (std::size_t i = kSkip; i < kBlock; ++i) count += block[i] == 0xA5 ? 1 : 0;
  return count;
}

}  // namespace

#if defined(__GLIBC__) && !PIMS_UNDER_ASAN

TEST_CASE("a block freed through operator delete is wiped, sized or not") {
  // Direct calls: a new-expression paired with its delete may be elided by the compiler.
  for (bool sized : {false, true}) {
    void* block = ::operator new(kBlock);
    std::memset(block, 0xA5, kBlock);
    auto* bytes = static_cast<volatile unsigned char*>(block);
    if (sized) {
      ::operator delete(block, kBlock);
    } else {
      ::operator delete(block);
    }
    CHECK(Survivors(bytes) == 0);
  }
}

TEST_CASE("a string's buffer is wiped when the string grows and when it goes") {
  auto* text = new std::string(kBlock - 1, static_cast<char>(0xA5));
  auto* first = reinterpret_cast<volatile unsigned char*>(text->data());
  text->append(kBlock, 'x');  // reallocates: the first buffer is freed
  CHECK(Survivors(first) == 0);
  auto* second = reinterpret_cast<volatile unsigned char*>(text->data());
  std::memset(text->data(), 0xA5, kBlock);
  delete text;
  CHECK(Survivors(second) == 0);
}

#endif
