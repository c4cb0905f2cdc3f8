// profile.get, profile.put
#include "protocol/verbs.h"

namespace pims {

using nlohmann::json;

Result<json> HandleProfileGet(Session& session, const json&) {
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(Profile profile, vault->GetProfile());
  return json{{"profile", ProfileToJson(profile)}};
}

Result<json> HandleProfilePut(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(const json* profile_json, RequireObject(body, "profile"));
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  auto profile = ProfileFromJson(*profile_json);
  if (!profile.ok()) {
    Status s = profile.status();
    // Paths are relative to the profile object; the request names it "profile".
    return Status(s.code(), s.message(), s.field().empty() ? "profile" : "profile." + s.field());
  }
  PIMS_RETURN_IF_ERROR(vault->PutProfile(*profile));
  // The stored profile, with the ids the host assigned.
  return json{{"profile", ProfileToJson(*profile)}};
}

}  // namespace pims
