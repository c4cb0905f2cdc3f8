// The test shopper, Ada, as profile JSON: for tests (test_profile.h) and benchmarks alike.
#pragma once

#include <nlohmann/json.hpp>

namespace pims::testing {

// Exactly the example of ARCHITECTURE.md ("The profile, in one vocabulary").
inline nlohmann::json ArchitectureExampleJson() {
  return nlohmann::json::parse(R"({
    "person": {"given-name": "Ada", "additional-name": "", "family-name": "Lovelace",
               "email": "ada@example.org", "tel": "+442079460000", "bday": "1815-12-10",
               "organization": "Analytical Engines Ltd"},
    "addresses": [{"id": "home", "label": "Home", "name": "Ada Lovelace", "organization": "",
                   "street-address": "12 St James's Square\nFlat 3", "address-level2": "London",
                   "address-level1": "", "postal-code": "SW1Y 4JH", "country": "GB",
                   "tel": "", "email": ""}],
    "cards": [{"id": "visa", "label": "Visa", "cc-name": "Ada Lovelace",
               "cc-number": "4111111111111111", "cc-exp-month": 12, "cc-exp-year": 2030,
               "cc-csc": "123"}],
    "defaults": {"shipping": "home", "billing": "home", "card": "visa"}
  })");
}

// The example plus a second address that is the billing default, so shipping and billing differ.
inline nlohmann::json AdaProfileJson() {
  nlohmann::json j = ArchitectureExampleJson();
  j["addresses"].push_back({{"id", "work"},
                            {"label", "Work"},
                            {"name", "A. Lovelace"},
                            {"street-address", "1 Babbage Street"},
                            {"address-level2", "Cambridge"},
                            {"postal-code", "CB2 1TN"},
                            {"country", "GB"}});
  j["defaults"]["billing"] = "work";
  return j;
}

}  // namespace pims::testing
