#include "pims/policy.h"

#include <algorithm>

#include "pims/platform.h"

namespace pims {

using nlohmann::json;

namespace {

json CategoryNames(CategorySet set) {
  json names = json::array();
  for (Category c : set.List()) names.push_back(CategoryName(c));
  return names;
}

}  // namespace

json PolicyToJson(const Site& site, const SitePolicy& policy) {
  return {{"site", site.ToString()},
          {"allow", CategoryNames(policy.allow)},
          {"deny", CategoryNames(policy.deny)},
          {"auto_card", policy.auto_card},
          {"hosts", policy.hosts},
          {"never_save", policy.never_save}};
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

namespace {

Result<CategorySet> CategoriesOf(const JsonFields& fields, std::string_view key,
                                 const json* names) {
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

}  // namespace

Result<CategorySet> CategoriesFromJson(const JsonFields& fields, std::string_view key) {
  PIMS_ASSIGN_OR_RETURN(const json* names, fields.RequireArray(key));
  return CategoriesOf(fields, key, names);
}

Result<std::optional<CategorySet>> OptionalCategoriesFromJson(const JsonFields& fields,
                                                              std::string_view key) {
  PIMS_ASSIGN_OR_RETURN(const json* names, fields.OptionalArray(key));
  if (names == nullptr) return std::optional<CategorySet>();
  PIMS_ASSIGN_OR_RETURN(CategorySet set, CategoriesOf(fields, key, names));
  return std::optional<CategorySet>(set);
}

Result<SitePolicy> PolicyWithAnswers(SitePolicy policy, CategorySet allow,
                                     const std::optional<CategorySet>& deny,
                                     const JsonFields& fields) {
  policy.allow = allow;
  if (!deny) {
    policy.deny = CategorySet::FromBits(policy.deny.bits() & ~allow.bits());
    return policy;
  }
  const std::vector<Category> refused = deny->List();
  for (size_t i = 0; i < refused.size(); ++i) {
    if (allow.Has(refused[i])) {
      return fields.Error("deny", std::string("names ") + std::string(CategoryName(refused[i])) +
                                      ", which allow names too: a category is allowed or refused");
    }
  }
  policy.deny = *deny;
  return policy;
}

}  // namespace pims
