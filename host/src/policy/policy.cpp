#include "pims/policy.h"

#include "pims/platform.h"

namespace pims {

using nlohmann::json;

json PolicyToJson(const Site& site, const SitePolicy& policy) {
  json allow = json::array();
  for (Category c : policy.allow.List()) allow.push_back(CategoryName(c));
  return {{"site", site.ToString()}, {"allow", std::move(allow)}, {"auto_card", policy.auto_card}};
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
