// core/text.h: the text helpers every module shares.
#include "core/text.h"

#include <catch2/catch.hpp>

namespace pims {
namespace {

TEST_CASE("ASCII helpers fold only ASCII letters and accept only ASCII digits") {
  CHECK(AsciiLowercase("Given-NAME É") == "given-name É");
  CHECK(EqualsIgnoringAsciiCase("SELECT-One", "select-one"));
  CHECK_FALSE(EqualsIgnoringAsciiCase("select", "select-one"));
  CHECK(ContainsIgnoringAsciiCase("Expiry (MM / YYYY)", "yyyy"));
  CHECK_FALSE(ContainsIgnoringAsciiCase("YY", "yyyy"));
  CHECK(AllAsciiDigits("0123456789"));
  CHECK_FALSE(AllAsciiDigits(""));
  CHECK_FALSE(AllAsciiDigits("12 3"));
  CHECK_FALSE(AllAsciiDigits("١٢"));  // Arabic-Indic digits are not ASCII digits
  CHECK(TrimSpaces("  a b  ") == "a b");
  CHECK(TrimSpaces("\ta\t") == "\ta\t");  // only U+0020 is trimmed
}

TEST_CASE("UTF-8 validation refuses overlong forms, surrogates and code points above U+10FFFF") {
  CHECK(IsValidUtf8("Straße, Côte d'Ivoire, 東京, 😀"));
  CHECK(IsValidUtf8(""));
  CHECK(FindInvalidUtf8("ab\xC0\xAF") == 2);         // overlong '/'
  CHECK(FindInvalidUtf8("\xED\xA0\x80") == 0);       // U+D800, a surrogate
  CHECK(FindInvalidUtf8("x\xF4\x90\x80\x80") == 1);  // above U+10FFFF
  CHECK(FindInvalidUtf8("\xE2\x82") == 0);           // truncated
  CHECK(FindInvalidUtf8("ok\x80") == 2);             // a stray continuation byte
  CHECK(Utf8SequenceLength("\xF0\x9F\x98\x80") == 4);
  CHECK(Utf8SequenceLength("a") == 1);
}

}  // namespace
}  // namespace pims
