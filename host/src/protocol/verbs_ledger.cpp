// ledger.list, ledger.verify
#include "protocol/verbs.h"

namespace pims {

using nlohmann::json;

inline constexpr int kDefaultLedgerPage = 100;
inline constexpr int kMaxLedgerPage = 1000;

Result<json> HandleLedgerList(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(std::optional<std::string> url, OptionalString(body, "url"));
  PIMS_ASSIGN_OR_RETURN(auto limit, OptionalInteger(body, "limit", 1, kMaxLedgerPage));
  PIMS_ASSIGN_OR_RETURN(auto before, OptionalInteger(body, "before", 1, INT64_MAX));
  std::optional<Site> site;
  if (url) {
    PIMS_ASSIGN_OR_RETURN(site, RequireSite(body, "url"));
  }
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(
      LedgerPage page,
      vault->ListLedger(site, static_cast<int>(limit.value_or(kDefaultLedgerPage)), before));
  json entries = json::array();
  for (const LedgerEntry& e : page.entries) {
    entries.push_back(LedgerEntryToJson(e));
  }
  json reply{{"entries", std::move(entries)}};
  if (page.next) reply["next"] = *page.next;
  return reply;
}

Result<json> HandleLedgerVerify(Session& session, const json&) {
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(LedgerCheck check, vault->VerifyLedger());
  if (!check.ok) {
    return Status(ErrorCode::kVaultCorrupt, "the ledger was altered: " + check.problem);
  }
  return json{{"entries", check.entries}};
}

}  // namespace pims
