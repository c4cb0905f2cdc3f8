// site.get, site.set, site.list, site.forget
#include "protocol/verbs.h"

namespace pims {

using nlohmann::json;

namespace {

Result<CategorySet> ParseAllow(const json& body) {
  PIMS_ASSIGN_OR_RETURN(const json* allow, RequireArray(body, "allow"));
  CategorySet set;
  for (size_t i = 0; i < allow->size(); ++i) {
    const json& item = (*allow)[i];
    std::optional<Category> category =
        item.is_string() ? CategoryFromName(item.get_ref<const std::string&>()) : std::nullopt;
    if (!category) {
      return Status(ErrorCode::kBadRequest,
                    "allow[" + std::to_string(i) +
                        "] is not a category (name, email, phone, shipping_address, "
                        "billing_address, card, card_csc, organization, birthday)",
                    "allow[" + std::to_string(i) + "]");
    }
    set.Add(*category);
  }
  return set;
}

}  // namespace

Result<json> HandleSiteGet(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(Site site, RequireSite(body, "url"));
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(SitePolicy policy, vault->GetSite(site));
  return PolicyJson(site, policy);
}

Result<json> HandleSiteSet(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(Site site, RequireSite(body, "url"));
  PIMS_ASSIGN_OR_RETURN(CategorySet allow, ParseAllow(body));
  PIMS_ASSIGN_OR_RETURN(std::optional<bool> auto_card, OptionalBool(body, "auto_card"));
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(SitePolicy policy, vault->GetSite(site));
  policy.allow = allow;
  if (auto_card) policy.auto_card = *auto_card;
  PIMS_RETURN_IF_ERROR(vault->SetSite(site, policy));
  return PolicyJson(site, policy);
}

Result<json> HandleSiteList(Session& session, const json&) {
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(std::vector<SiteSummary> sites, vault->ListSites());
  json list = json::array();
  for (const SiteSummary& s : sites) {
    json entry = PolicyJson(s.site, s.policy);
    entry["last_shared"] = s.last_shared ? json(FormatTime(*s.last_shared)) : json(nullptr);
    list.push_back(std::move(entry));
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
