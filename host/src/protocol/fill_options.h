// The menu at a field, in requests: a fill's `pick` and `once`, and the fields a pick decides.
// Internal to libpims (verbs_fill.cpp, verbs_offer.cpp).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pims/fill.h"
#include "pims/status.h"

namespace pims {

// body["pick"] ({"role": "shipping" | "billing" | "card" | "person", "id": string, required
// except for "person"}) and body["once"] (categories), both optional. `once` is refused unless
// the trigger is a gesture: an allowance for one request is the shopper's answer, never the
// page's. kBadRequest naming the field ("pick.role", "once[1]", "once").
Result<FillOptions> ReadFillOptions(const nlohmann::json& body, FillTrigger trigger);

// Keeps the fields a pick of `role` fills (InPick) and their tokens, in order.
void KeepPicked(PickRole role, std::vector<FieldDescriptor>& fields,
                std::vector<std::optional<AutofillToken>>& tokens);

}  // namespace pims
