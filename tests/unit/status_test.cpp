#include "pims/status.h"

#include <catch2/catch.hpp>
#include <set>

#include "pims/secret.h"

namespace pims {

TEST_CASE("every error code has a distinct stable wire name") {
  std::set<std::string_view> names;
  for (int i = 0; i <= static_cast<int>(ErrorCode::kBadImport); ++i) {
    names.insert(ErrorCodeName(static_cast<ErrorCode>(i)));
  }
  CHECK(names.size() == static_cast<size_t>(ErrorCode::kBadImport) + 1);
  CHECK(ErrorCodeName(ErrorCode::kBadFrame) == "bad_frame");
  CHECK(ErrorCodeName(ErrorCode::kCallerRefused) == "caller_refused");
  CHECK(ErrorCodeName(ErrorCode::kBadImport) == "bad_import");
}

TEST_CASE("a Result carries either a value or an error") {
  Result<int> good = 7;
  REQUIRE(good.ok());
  CHECK(*good == 7);
  Result<int> bad(ErrorCode::kNotFound, "no such card", "cards[2]");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == ErrorCode::kNotFound);
  CHECK(bad.status().field() == "cards[2]");
  CHECK(bad.status().ToString() == "not_found: no such card");
}

TEST_CASE("a Result built from a success without a value is an internal error, never ok") {
  Result<int> r = Status::Ok();
  CHECK_FALSE(r.ok());
  CHECK(r.status().code() == ErrorCode::kInternal);
  CHECK_FALSE(r.status().message().empty());
}

TEST_CASE("a moved-from Secret is empty and secrets compare by content") {
  Secret a("correct horse battery staple");
  Secret b = std::move(a);
  CHECK(a.empty());
  CHECK(b.reveal() == "correct horse battery staple");
  CHECK(b == Secret("correct horse battery staple"));
  CHECK_FALSE(b == Secret("correct horse battery stapler"));
}

}  // namespace pims
