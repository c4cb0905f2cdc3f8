// export.bitwarden, ledger.export, backup.export: files for the options page to download.
// Each reply is {"filename", "media_type", "encoding": "utf-8" | "base64", "data", ...}.
#include <sodium.h>

#include <algorithm>

#include "import/csv.h"
#include "pims/backup.h"
#include "pims/import.h"
#include "protocol/verbs.h"

namespace pims {

using nlohmann::json;

namespace {

constexpr int kLedgerPage = 1000;

json File(std::string_view filename, std::string_view media_type, std::string_view encoding,
          std::string data) {
  return json{{"filename", filename},
              {"media_type", media_type},
              {"encoding", encoding},
              {"data", std::move(data)}};
}

// The whole ledger, oldest first.
Result<std::vector<LedgerEntry>> WholeLedger(Vault& vault) {
  std::vector<LedgerEntry> entries;
  std::optional<int64_t> before;
  do {
    PIMS_ASSIGN_OR_RETURN(LedgerPage page, vault.ListLedger(std::nullopt, kLedgerPage, before));
    std::move(page.entries.begin(), page.entries.end(), std::back_inserter(entries));
    before = page.next;
  } while (before);
  std::reverse(entries.begin(), entries.end());
  return entries;
}

}  // namespace

Result<json> HandleExportBitwarden(Session& session, const json&) {
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(Profile profile, vault->GetProfile());
  json reply = File("pims-bitwarden-export.json", "application/json", "utf-8",
                    std::string(ExportBitwardenJson(profile).reveal()));
  reply["encrypted"] = false;
  reply["warning"] =
      "This file is not encrypted: anyone who reads it sees your card numbers and security "
      "codes. Import it where you mean to, then delete it.";
  return reply;
}

Result<json> HandleLedgerExport(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(std::string format, RequireString(body, "format"));
  if (format != "csv" && format != "json") {
    return Status(ErrorCode::kBadRequest, "field 'format' must be \"csv\" or \"json\"", "format");
  }
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(std::vector<LedgerEntry> entries, WholeLedger(*vault));
  if (format == "json") {
    json list = json::array();
    for (const LedgerEntry& entry : entries) list.push_back(LedgerEntryToJson(entry));
    return File("pims-ledger.json", "application/json", "utf-8",
                json{{"entries", std::move(list)}}.dump(2));
  }
  std::string csv = "seq,time,site,fields\r\n";
  for (const LedgerEntry& entry : entries) {
    std::string fields;
    for (const std::string& field : entry.fields) fields += (fields.empty() ? "" : " ") + field;
    csv += std::to_string(entry.seq) + "," +
           CsvField(LedgerEntryToJson(entry)["time"].get<std::string>()) + "," +
           CsvField(entry.site) + "," + CsvField(fields) + "\r\n";
  }
  return File("pims-ledger.csv", "text/csv", "utf-8", std::move(csv));
}

Result<json> HandleBackupExport(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(Secret password, RequireSecret(body, "password"));
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(std::string backup,
                        ExportBackup(*vault, password.reveal(), session.config().new_vault_cost));
  std::string base64(sodium_base64_encoded_len(backup.size(), sodium_base64_VARIANT_ORIGINAL),
                     '\0');
  sodium_bin2base64(base64.data(), base64.size(),
                    reinterpret_cast<const unsigned char*>(backup.data()), backup.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  base64.resize(base64.size() - 1);  // the terminating NUL
  json reply =
      File("pims-backup.pimsbackup", "application/octet-stream", "base64", std::move(base64));
  reply["encrypted"] = true;
  return reply;
}

}  // namespace pims
