// The protocol's verbs: one handler per verb, found through one table (verbs.cpp).
// Each handler validates its own fields (kBadRequest naming the field) and returns the reply's
// fields, or an error Status. docs/protocol.md documents each with an example.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "pims/session.h"

namespace pims {

using VerbHandler = Result<nlohmann::json> (*)(Session& session, const nlohmann::json& body);

// The handler for a verb, or nullptr when there is none.
const VerbHandler* FindVerb(std::string_view verb);
// Every verb's name, in the table's order (for docs and tests).
std::vector<std::string_view> AllVerbs();

// verbs_vault.cpp
Result<nlohmann::json> HandleStatus(Session&, const nlohmann::json&);
Result<nlohmann::json> HandleSetup(Session&, const nlohmann::json&);
Result<nlohmann::json> HandleUnlock(Session&, const nlohmann::json&);
Result<nlohmann::json> HandleLock(Session&, const nlohmann::json&);
Result<nlohmann::json> HandlePasswd(Session&, const nlohmann::json&);
Result<nlohmann::json> HandleSettingsGet(Session&, const nlohmann::json&);
Result<nlohmann::json> HandleSettingsSet(Session&, const nlohmann::json&);
// verbs_profile.cpp
Result<nlohmann::json> HandleProfileGet(Session&, const nlohmann::json&);
Result<nlohmann::json> HandleProfilePut(Session&, const nlohmann::json&);
// Every problem of a profile (ProfileProblems), stored nowhere: an editor shows each at its field.
Result<nlohmann::json> HandleProfileCheck(Session&, const nlohmann::json&);
// The country codes and the regions of the countries whose addresses name one from a fixed
// list, for a profile editor. Needs no vault.
Result<nlohmann::json> HandlePlaces(Session&, const nlohmann::json&);
// verbs_site.cpp
Result<nlohmann::json> HandleSiteGet(Session&, const nlohmann::json&);
Result<nlohmann::json> HandleSiteSet(Session&, const nlohmann::json&);
Result<nlohmann::json> HandleSiteList(Session&, const nlohmann::json&);
Result<nlohmann::json> HandleSiteForget(Session&, const nlohmann::json&);
// verbs_fill.cpp
Result<nlohmann::json> HandleFill(Session&, const nlohmann::json&);
// The fill with descriptors the fast path read already (prepared), else read from body.
Result<nlohmann::json> FillWith(Session&, const nlohmann::json& body,
                                std::optional<std::vector<FieldDescriptor>> prepared);
// verbs_offer.cpp: what the menu at a field may show
Result<nlohmann::json> HandleOffer(Session&, const nlohmann::json&);
// verbs_record.cpp: saving what the shopper typed at a checkout
// What the submitted fields would save, compared with the profile; stores nothing.
Result<nlohmann::json> HandleRecordMatch(Session&, const nlohmann::json&);
// Adds one address or card, or updates one record or the person.
Result<nlohmann::json> HandleRecordSave(Session&, const nlohmann::json&);
// "Never for this shop": stores the site's never_save.
Result<nlohmann::json> HandleRecordNever(Session&, const nlohmann::json&);
// verbs_ledger.cpp
Result<nlohmann::json> HandleLedgerList(Session&, const nlohmann::json&);
Result<nlohmann::json> HandleLedgerVerify(Session&, const nlohmann::json&);
// verbs_import.cpp
Result<nlohmann::json> HandleImportPreview(Session&, const nlohmann::json&);
Result<nlohmann::json> HandleImportCommit(Session&, const nlohmann::json&);
// verbs_export.cpp
Result<nlohmann::json> HandleExportBitwarden(Session&, const nlohmann::json&);
Result<nlohmann::json> HandleLedgerExport(Session&, const nlohmann::json&);
Result<nlohmann::json> HandleBackupExport(Session&, const nlohmann::json&);

// Shared by handlers: the site named by body[field] (kBadRequest / kBadSite).
Result<Site> RequireSite(const nlohmann::json& body, std::string_view field);
// The same, with the URL's exact host.
Result<SiteAndHost> RequireSiteAndHost(const nlohmann::json& body, std::string_view field);

}  // namespace pims
