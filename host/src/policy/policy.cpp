#include "pims/policy.h"

#include <algorithm>

#include "pims/platform.h"

namespace pims {

using nlohmann::json;

json PolicyToJson(const Site& site, const SitePolicy& policy) {
  json allow = json::array();
  for (Category c : policy.allow.List()) allow.push_back(CategoryName(c));
  return {{"site", site.ToString()},
          {"allow", std::move(allow)},
          {"auto_card", policy.auto_card},
          {"hosts", policy.hosts}};
}

void AddConsentHost(SitePolicy& policy, std::string host) {
  if (host.empty() || ConsentGivenOn(policy, host)) return;
  policy.hosts.push_back(std::move(host));
  if (policy.hosts.size() > kMaxConsentHosts) {
    policy.hosts.erase(
        policy.hosts.begin(),
        policy.hosts.begin() + static_cast<std::ptrdiff_t>(policy.hosts.size() - kMaxConsentHosts));
  }
}

bool ConsentGivenOn(const SitePolicy& policy, std::string_view host) {
  return std::find(policy.hosts.begin(), policy.hosts.end(), host) != policy.hosts.end();
}

Result<std::vector<std::string>> ConsentHostsFromJson(const JsonFields& fields,
                                                      std::string_view key) {
  PIMS_ASSIGN_OR_RETURN(const json* array, fields.OptionalArray(key));
  std::vector<std::string> hosts;
  if (array == nullptr) return hosts;
  if (array->size() > kMaxConsentHosts) {
    return fields.Error(key, "must hold at most " + std::to_string(kMaxConsentHosts) + " hosts");
  }
  for (size_t i = 0; i < array->size(); ++i) {
    const json& host = (*array)[i];
    if (!host.is_string() || !IsCanonicalHost(host.get_ref<const std::string&>())) {
      return fields.Error(std::string(key) + "[" + std::to_string(i) + "]",
                          "must be a host name in lowercase ASCII");
    }
    hosts.push_back(host.get<std::string>());
  }
  return hosts;
}

json SiteSummaryToJson(const SiteSummary& summary) {
  json out = PolicyToJson(summary.site, summary.policy);
  out["last_shared"] = summary.last_shared ? json(FormatTime(*summary.last_shared)) : json(nullptr);
  return out;
}

Result<CategorySet> CategoriesFromJson(const JsonFields& fields, std::string_view key) {
  PIMS_ASSIGN_OR_RETURN(const json* names, fields.RequireArray(key));
  CategorySet set;
  for (size_t i = 0; i < names->size(); ++i) {
    const json& item = (*names)[i];
    const std::optional<Category> category =
        item.is_string() ? CategoryFromName(item.get_ref<const std::string&>()) : std::nullopt;
    if (!category) {
      return fields.Error(std::string(key) + "[" + std::to_string(i) + "]",
                          "is not a category (name, email, phone, shipping_address, "
                          "billing_address, card, card_csc, organization, birthday)");
    }
    set.Add(*category);
  }
  return set;
}

}  // namespace pims
