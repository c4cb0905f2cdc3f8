// The fill verb's request parsing, shared with the corpus test tool (tests/corpus), which
// classifies descriptors exactly as the host reads them. Internal to libpims.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "pims/fill.h"
#include "pims/status.h"

namespace pims {

// Most fields of one fill request, and options of one select.
inline constexpr size_t kMaxFillFields = 2000;
inline constexpr size_t kMaxSelectOptions = 2000;

// One field descriptor (docs/protocol.md, "Field descriptors"). `path` names it in errors
// ("fields[3]"): kBadRequest with field() the offending key's path.
Result<FieldDescriptor> ParseFieldDescriptor(const nlohmann::json& j, const std::string& path);
// Every descriptor of body["fields"] (kBadRequest naming the first bad one).
Result<std::vector<FieldDescriptor>> ReadFillFields(const nlohmann::json& body);

}  // namespace pims
