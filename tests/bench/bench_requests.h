// The requests the benchmarks send, as the extension would: one place for their shape.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "checkout_form.h"
#include "seeded_vault.h"

namespace pims::bench {

// A gesture fill of the 40-field checkout form on the benchmark shop (every category allowed).
inline nlohmann::json FillRequest(int64_t id, Options options = Options::kWith) {
  return {{"id", id},
          {"type", "fill"},
          {"url", std::string(kShopUrl)},
          {"trigger", "gesture"},
          {"fields", CheckoutFormJson(options)}};
}

inline nlohmann::json UnlockRequest(int64_t id) {
  return {{"id", id}, {"type", "unlock"}, {"password", std::string(kPassword)}};
}

inline nlohmann::json StatusRequest(int64_t id) { return {{"id", id}, {"type", "status"}}; }

}  // namespace pims::bench
