// site.get, site.set, site.list, site.forget
#include "protocol/verbs.h"

namespace pims {

using nlohmann::json;

Result<json> HandleSiteGet(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(Site site, RequireSite(body, "url"));
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(SitePolicy policy, vault->GetSite(site));
  return PolicyToJson(site, policy);
}

// The whole list of categories; the URL's host becomes one where consent was given.
Result<json> HandleSiteSet(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(SiteAndHost page, RequireSiteAndHost(body, "url"));
  const Site& site = page.site;
  const JsonFields fields = JsonFields::OfRequest(body);
  PIMS_ASSIGN_OR_RETURN(CategorySet allow, CategoriesFromJson(fields, "allow"));
  PIMS_ASSIGN_OR_RETURN(std::optional<CategorySet> deny,
                        OptionalCategoriesFromJson(fields, "deny"));
  PIMS_ASSIGN_OR_RETURN(std::optional<bool> auto_card, OptionalBool(body, "auto_card"));
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(SitePolicy stored, vault->GetSite(site));
  PIMS_ASSIGN_OR_RETURN(SitePolicy policy, PolicyWithAnswers(stored, allow, deny, fields));
  if (auto_card) policy.auto_card = *auto_card;
  AddConsentHost(policy, std::move(page.host));
  PIMS_RETURN_IF_ERROR(vault->SetSite(site, policy));
  return PolicyToJson(site, policy);
}

Result<json> HandleSiteList(Session& session, const json&) {
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(std::vector<SiteSummary> sites, vault->ListSites());
  json list = json::array();
  for (const SiteSummary& s : sites) {
    list.push_back(SiteSummaryToJson(s));
  }
  return json{{"sites", std::move(list)}};
}

Result<json> HandleSiteForget(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(Site site, RequireSite(body, "url"));
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_RETURN_IF_ERROR(vault->ForgetSite(site));
  return json{{"site", site.ToString()}};
}

}  // namespace pims
