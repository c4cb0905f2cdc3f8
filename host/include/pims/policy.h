// What a shopper allows one site to receive, and its one wire form (docs/protocol.md), shared by
// the protocol's site verbs, backups and the command line.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "pims/categories.h"
#include "pims/json_fields.h"
#include "pims/site.h"

namespace pims {

// Default: nothing allowed, nothing refused. A site the shopper never configured gets this.
// Each category is in one of three states for a site: allowed (in `allow`), refused (in `deny`:
// the shopper said "never for this shop", so pims neither fills nor asks about it again) or
// undecided (in neither). The two sets never share a category.
struct SitePolicy {
  CategorySet allow;
  // Card number and security code filled without a shopper gesture (popup button, shortcut,
  // context menu). Off by default: a page cannot pull the card just by being opened.
  bool auto_card = false;
  CategorySet deny{};
  bool operator==(const SitePolicy&) const = default;
};

// A configured site, as the shopper's list of sites shows it.
struct SiteSummary {
  Site site;
  SitePolicy policy;
  std::optional<int64_t> last_shared;  // ms since the epoch
};

// {"site": "https://shop.example", "allow": ["name", ...] (category order), "deny": [...],
//  "auto_card": bool}
nlohmann::json PolicyToJson(const Site& site, const SitePolicy& policy);
// PolicyToJson plus "last_shared": ISO 8601 UTC time, or null when nothing was shared yet.
nlohmann::json SiteSummaryToJson(const SiteSummary& summary);

// The categories named by the array fields[key] (wire names). A missing or mistyped array, or a
// name that is no category, is the reader's error ("allow[2]" for the third entry).
Result<CategorySet> CategoriesFromJson(const JsonFields& fields, std::string_view key);
// The same for an optional array: nullopt when fields[key] is absent or null.
Result<std::optional<CategorySet>> OptionalCategoriesFromJson(const JsonFields& fields,
                                                              std::string_view key);

// The policy after the shopper set `allow` (the whole list) and, when given, `deny` (the whole
// list); without `deny`, the refused categories stay refused except those now allowed.
// The reader's error naming "deny" when `deny` names a category `allow` names too.
Result<SitePolicy> PolicyWithAnswers(SitePolicy policy, CategorySet allow,
                                     const std::optional<CategorySet>& deny,
                                     const JsonFields& fields);

}  // namespace pims
