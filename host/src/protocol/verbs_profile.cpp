// profile.get, profile.put, profile.check, places
#include "profile/countries.h"
#include "profile/place_names.h"
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

Result<json> HandleProfileCheck(Session&, const json& body) {
  PIMS_ASSIGN_OR_RETURN(const json* profile_json, RequireObject(body, "profile"));
  json problems = json::array();
  for (const Status& problem : ProfileProblems(*profile_json)) {
    // Paths are relative to the profile object; the request names it "profile".
    const std::string field = problem.field().empty() ? "profile" : "profile." + problem.field();
    problems.push_back(
        {{"code", problem.code_name()}, {"field", field}, {"message", problem.message()}});
  }
  return json{{"problems", std::move(problems)}};
}

Result<json> HandlePlaces(Session&, const json&) {
  json countries = json::array();
  for (const CountryEntry& country : Countries()) countries.push_back(country.code);
  json regions = json::object();
  for (std::string_view country : {"US", "CA", "AU"}) {
    json list = json::array();
    for (const Region& region : RegionsOf(country)) {
      list.push_back({{"code", region.code}, {"name", region.name}});
    }
    regions[std::string(country)] = std::move(list);
  }
  return json{{"countries", std::move(countries)}, {"regions", std::move(regions)}};
}

}  // namespace pims
