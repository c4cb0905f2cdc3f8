// What a shopper allows one site to receive, and its one wire form (docs/protocol.md), shared by
// the protocol's site verbs, backups and the command line.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  // The exact hosts (site.h, SiteAndHost::host) on which the shopper gave this consent, oldest
  // first, at most kMaxConsentHosts. The grant covers the whole site, but an automatic fill on
  // a host not listed here is withheld (other_host): only a gesture fills there. Empty for a
  // policy stored before hosts were recorded.
  std::vector<std::string> hosts;
  // The shopper said "Never for this shop" to saving what they typed here: pims offers to save
  // nothing typed on this site (docs/protocol.md, `record.match`). Kept in the vault, like the
  // rest of the policy, so a page cannot turn it off through the extension's storage.
  bool never_save = false;
  bool operator==(const SitePolicy&) const = default;
};

inline constexpr size_t kMaxConsentHosts = 32;

// Records `host` as one where consent was given (kept once; the oldest beyond
// kMaxConsentHosts are let go).
void AddConsentHost(SitePolicy& policy, std::string host);
// Whether consent was given on exactly `host`.
bool ConsentGivenOn(const SitePolicy& policy, std::string_view host);

// A configured site, as the shopper's list of sites shows it.
struct SiteSummary {
  Site site;
  SitePolicy policy;
  std::optional<int64_t> last_shared;  // ms since the epoch
};

// {"site": "https://shop.example", "allow": ["name", ...] (category order), "deny": [...],
//  "auto_card": bool, "hosts": ["www.shop.example", ...], "never_save": bool}
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

// The hosts named by the optional array fields[key] (absent: none). A mistyped array, or an
// entry that is not a host as SiteAndHost spells it, is the reader's error.
Result<std::vector<std::string>> ConsentHostsFromJson(const JsonFields& fields,
                                                      std::string_view key);

}  // namespace pims
