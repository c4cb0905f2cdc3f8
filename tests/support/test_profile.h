// The test shopper, Ada, used across the unit tests (the same values as ARCHITECTURE.md).
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "pims/profile.h"

namespace pims::testing {

inline nlohmann::json AdaProfileJson() {
  return nlohmann::json::parse(R"({
    "person": {"given-name": "Ada", "additional-name": "", "family-name": "Lovelace",
               "email": "ada@example.org", "tel": "+442079460000", "bday": "1815-12-10",
               "organization": "Analytical Engines Ltd"},
    "addresses": [{"id": "home", "label": "Home", "name": "Ada Lovelace", "organization": "",
                   "street-address": "12 St James's Square\nFlat 3", "address-level2": "London",
                   "address-level1": "", "postal-code": "SW1Y 4JH", "country": "GB",
                   "tel": "", "email": ""},
                  {"id": "work", "label": "Work", "name": "A. Lovelace",
                   "street-address": "1 Babbage Street", "address-level2": "Cambridge",
                   "postal-code": "CB2 1TN", "country": "GB"}],
    "cards": [{"id": "visa", "label": "Visa", "cc-name": "Ada Lovelace",
               "cc-number": "4111111111111111", "cc-exp-month": 12, "cc-exp-year": 2030,
               "cc-csc": "123"}],
    "defaults": {"shipping": "home", "billing": "work", "card": "visa"}
  })");
}

inline Profile AdaProfile() {
  auto profile = ProfileFromJson(AdaProfileJson());
  REQUIRE(profile.ok());
  return std::move(profile).value();
}

}  // namespace pims::testing
