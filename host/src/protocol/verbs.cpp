#include "protocol/verbs.h"

#include <array>
#include <utility>

namespace pims {
namespace {

// The dispatch table. APPEND new verbs; never rename one (the extension depends on the names).
constexpr std::array<std::pair<std::string_view, VerbHandler>, 27> kVerbs = {{
    {"status", HandleStatus},
    {"setup", HandleSetup},
    {"unlock", HandleUnlock},
    {"lock", HandleLock},
    {"passwd", HandlePasswd},
    {"settings.get", HandleSettingsGet},
    {"settings.set", HandleSettingsSet},
    {"profile.get", HandleProfileGet},
    {"profile.put", HandleProfilePut},
    {"site.get", HandleSiteGet},
    {"site.set", HandleSiteSet},
    {"site.list", HandleSiteList},
    {"site.forget", HandleSiteForget},
    {"fill", HandleFill},
    {"ledger.list", HandleLedgerList},
    {"ledger.verify", HandleLedgerVerify},
    {"import.preview", HandleImportPreview},
    {"import.commit", HandleImportCommit},
    {"export.bitwarden", HandleExportBitwarden},
    {"ledger.export", HandleLedgerExport},
    {"backup.export", HandleBackupExport},
    {"places", HandlePlaces},
    {"profile.check", HandleProfileCheck},
    {"offer", HandleOffer},
    {"record.match", HandleRecordMatch},
    {"record.save", HandleRecordSave},
    {"record.never", HandleRecordNever},
}};

}  // namespace

const VerbHandler* FindVerb(std::string_view verb) {
  for (const auto& [name, handler] : kVerbs) {
    if (name == verb) return &handler;
  }
  return nullptr;
}

std::vector<std::string_view> AllVerbs() {
  std::vector<std::string_view> names;
  for (const auto& entry : kVerbs) names.push_back(entry.first);
  return names;
}

Result<Site> RequireSite(const nlohmann::json& body, std::string_view field) {
  PIMS_ASSIGN_OR_RETURN(SiteAndHost page, RequireSiteAndHost(body, field));
  return std::move(page.site);
}

Result<SiteAndHost> RequireSiteAndHost(const nlohmann::json& body, std::string_view field) {
  PIMS_ASSIGN_OR_RETURN(std::string url, RequireString(body, field));
  auto page = SiteAndHostFromUrl(url);
  if (!page.ok()) {
    return Status(page.status().code(), page.status().message(), std::string(field));
  }
  return page;
}

}  // namespace pims
