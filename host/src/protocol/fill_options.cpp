#include "protocol/fill_options.h"

#include "pims/policy.h"
#include "pims/request.h"

namespace pims {

using nlohmann::json;

Result<FillOptions> ReadFillOptions(const json& body, FillTrigger trigger) {
  FillOptions options;
  const JsonFields fields = JsonFields::OfRequest(body);
  PIMS_ASSIGN_OR_RETURN(const json* pick, fields.OptionalObject("pick"));
  if (pick != nullptr) {
    const auto role_name = OptionalString(*pick, "role");
    const std::optional<PickRole> role =
        role_name.ok() && *role_name ? PickRoleFromName(**role_name) : std::nullopt;
    if (!role) {
      return Status(ErrorCode::kBadRequest,
                    "pick.role must be \"shipping\", \"billing\", \"card\" or \"person\"",
                    "pick.role");
    }
    FillPick picked{*role, {}};
    if (*role != PickRole::kPerson) {
      auto id = RequireString(*pick, "id");
      if (!id.ok()) return Status(ErrorCode::kBadRequest, "pick.id must be a string", "pick.id");
      picked.id = std::move(id).value();
    }
    options.pick = std::move(picked);
  }
  PIMS_ASSIGN_OR_RETURN(std::optional<CategorySet> once,
                        OptionalCategoriesFromJson(fields, "once"));
  if (once && !once->empty()) {
    if (trigger != FillTrigger::kGesture) {
      return Status(ErrorCode::kBadRequest, "once needs \"trigger\": \"gesture\"", "once");
    }
    options.once = *once;
  }
  return options;
}

void KeepPicked(PickRole role, std::vector<FieldDescriptor>& fields,
                std::vector<std::optional<AutofillToken>>& tokens) {
  size_t kept = 0;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!tokens[i] || !InPick(role, *tokens[i])) continue;
    if (kept != i) {
      fields[kept] = std::move(fields[i]);
      tokens[kept] = std::move(tokens[i]);
    }
    ++kept;
  }
  fields.resize(kept);
  tokens.resize(kept);
}

}  // namespace pims
