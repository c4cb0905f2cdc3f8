// The benchmarks' checkout form: 40 fields as a real shop lays them out (contact; shipping and
// billing addresses with a 261-option country select and a state select; a card with expiry
// selects), with the usual fields pims must leave alone (search box, discount code, order notes,
// newsletter, password, quantity) and a few German and French labels, so that every part of the
// classifier's keyword table is exercised.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "pims/fill.h"

namespace pims::bench {

// The form's descriptors, refs "f1".."f40" in document order; the same on every call.
std::vector<FieldDescriptor> CheckoutForm();

// The same form as the `fields` of a fill request (docs/protocol.md, "Field descriptors").
// Without options, its selects are sent with no option list (a request of a tenth the size).
enum class Options { kWith, kWithout };
nlohmann::json CheckoutFormJson(Options options = Options::kWith);

}  // namespace pims::bench
