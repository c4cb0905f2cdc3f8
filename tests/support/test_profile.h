// The test shopper, Ada, used across the tests.
#pragma once

#include <catch2/catch.hpp>

#include "pims/profile.h"
#include "support/ada_profile.h"

namespace pims::testing {

inline Profile AdaProfile() {
  auto profile = ProfileFromJson(AdaProfileJson());
  REQUIRE(profile.ok());
  return std::move(profile).value();
}

}  // namespace pims::testing
