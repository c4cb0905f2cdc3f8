#include "pims/json_fields.h"

#include <cmath>
#include <limits>

namespace pims {

using nlohmann::json;

Status JsonFields::Error(std::string_view field, std::string_view rule) const {
  std::string detail = "field '";
  detail += field;
  detail += "' ";
  detail += rule;
  if (code_ == ErrorCode::kBadRequest) {
    return Status(code_, std::move(detail), std::string(field));
  }
  return Status(code_, what_ + " is damaged (" + detail + ")");
}

const json* JsonFields::Find(std::string_view field) const {
  if (!object_.is_object()) return nullptr;
  auto it = object_.find(field);
  return it == object_.end() ? nullptr : &*it;
}

Result<std::string> JsonFields::RequireString(std::string_view field) const {
  const json* value = Find(field);
  if (value == nullptr) return Error(field, "is required");
  if (!value->is_string()) return Error(field, "must be a string");
  return value->get<std::string>();
}

Result<Secret> JsonFields::RequireSecret(std::string_view field) const {
  const json* value = Find(field);
  if (value == nullptr) return Error(field, "is required");
  if (!value->is_string()) return Error(field, "must be a string");
  return Secret(value->get_ref<const std::string&>());
}

Result<std::optional<std::string>> JsonFields::OptionalString(std::string_view field) const {
  const json* value = Find(field);
  if (value == nullptr || value->is_null()) return std::optional<std::string>();
  if (!value->is_string()) return Error(field, "must be a string");
  return std::optional<std::string>(value->get<std::string>());
}

Result<const json*> JsonFields::RequireArray(std::string_view field) const {
  const json* value = Find(field);
  if (value == nullptr) return Error(field, "is required");
  if (!value->is_array()) return Error(field, "must be an array");
  return value;
}

Result<const json*> JsonFields::RequireObject(std::string_view field) const {
  const json* value = Find(field);
  if (value == nullptr) return Error(field, "is required");
  if (!value->is_object()) return Error(field, "must be an object");
  return value;
}

Result<const json*> JsonFields::OptionalArray(std::string_view field) const {
  const json* value = Find(field);
  if (value == nullptr || value->is_null()) return static_cast<const json*>(nullptr);
  if (!value->is_array()) return Error(field, "must be an array");
  return value;
}

Result<const json*> JsonFields::OptionalObject(std::string_view field) const {
  const json* value = Find(field);
  if (value == nullptr || value->is_null()) return static_cast<const json*>(nullptr);
  if (!value->is_object()) return Error(field, "must be an object");
  return value;
}

Result<std::optional<int64_t>> JsonFields::OptionalInteger(std::string_view field, int64_t min,
                                                           int64_t max) const {
  const json* value = Find(field);
  if (value == nullptr || value->is_null()) return std::optional<int64_t>();
  const Status wrong =
      Error(field, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
  int64_t n = 0;
  if (value->is_number_unsigned()) {
    const uint64_t u = value->get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return wrong;
    n = static_cast<int64_t>(u);
  } else if (value->is_number_integer()) {
    n = value->get<int64_t>();
  } else if (value->is_number_float()) {
    const double d = value->get<double>();
    // [-2^63, 2^63): exactly the doubles that convert to int64_t without undefined behaviour.
    constexpr double kTwoTo63 = 9223372036854775808.0;
    if (!std::isfinite(d) || d != std::trunc(d) || d < -kTwoTo63 || d >= kTwoTo63) return wrong;
    n = static_cast<int64_t>(d);
  } else {
    return wrong;
  }
  if (n < min || n > max) return wrong;
  return std::optional<int64_t>(n);
}

Result<int64_t> JsonFields::RequireInteger(std::string_view field, int64_t min, int64_t max) const {
  PIMS_ASSIGN_OR_RETURN(std::optional<int64_t> value, OptionalInteger(field, min, max));
  if (!value) return Error(field, "is required");
  return *value;
}

Result<std::optional<bool>> JsonFields::OptionalBool(std::string_view field) const {
  const json* value = Find(field);
  if (value == nullptr || value->is_null()) return std::optional<bool>();
  if (!value->is_boolean()) return Error(field, "must be true or false");
  return std::optional<bool>(value->get<bool>());
}

Result<bool> JsonFields::RequireBool(std::string_view field) const {
  PIMS_ASSIGN_OR_RETURN(std::optional<bool> value, OptionalBool(field));
  if (!value) return Error(field, "is required");
  return *value;
}

Result<std::vector<std::string>> JsonFields::RequireStrings(std::string_view field) const {
  PIMS_ASSIGN_OR_RETURN(const json* array, RequireArray(field));
  std::vector<std::string> strings;
  strings.reserve(array->size());
  for (const json& element : *array) {
    if (!element.is_string()) return Error(field, "must be an array of strings");
    strings.push_back(element.get<std::string>());
  }
  return strings;
}

Result<json> ParseStoredRecord(std::string_view text, std::string_view what) {
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) {
    return Status(ErrorCode::kVaultCorrupt, std::string(what) + " is damaged (not a JSON object)");
  }
  return parsed;
}

}  // namespace pims
