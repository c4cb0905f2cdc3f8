#include "pims/policy.h"

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
          {"auto_card", policy.auto_card}};
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
