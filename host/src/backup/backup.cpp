#include "pims/backup.h"

#include <nlohmann/json.hpp>

#include "backup/backup_payload.h"
#include "crypto/crypto.h"
#include "pims/json_fields.h"

namespace pims {
namespace {

using nlohmann::json;

constexpr std::string_view kMagic = "PIMSBAK1";
constexpr int kFormat = 1;

std::string LittleEndian32(uint32_t n) {
  std::string out(4, '\0');
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>((n >> (8 * i)) & 0xff);
  return out;
}

Status NotABackup() {
  return Status(ErrorCode::kVaultCorrupt, "this file is not a pims backup, or it was altered");
}

Result<KeyBytes> BackupKey(std::string_view password, const crypto::KdfParams& params) {
  return crypto::DeriveKey(password, params);
}

Result<json> ExportPayload(Vault& vault) {
  PIMS_ASSIGN_OR_RETURN(Profile profile, vault.GetProfile());
  PIMS_ASSIGN_OR_RETURN(std::vector<SiteSummary> sites, vault.ListSites());
  PIMS_ASSIGN_OR_RETURN(VaultSettings settings, vault.GetSettings());
  json site_list = json::array();
  for (const SiteSummary& s : sites) site_list.push_back(PolicyToJson(s.site, s.policy));
  return json{{"format", kFormat},
              {"profile", ProfileToJson(profile)},
              {"sites", std::move(site_list)},
              {"settings", VaultSettingsToJson(settings)}};
}

// The payload's content, every field read by type. Any shape other than the one ExportPayload
// writes is kVaultCorrupt: an authentic backup was written by pims, so it never is malformed
// unless a pims bug or a forged key made it so.
Result<VaultContent> ReadContent(const json& payload) {
  constexpr std::string_view kWhat = "the backup";
  const JsonFields fields = JsonFields::OfRecord(payload, std::string(kWhat));
  PIMS_ASSIGN_OR_RETURN(int64_t format, fields.RequireInteger("format", kFormat, kFormat));
  (void)format;
  VaultContent content;
  PIMS_ASSIGN_OR_RETURN(const json* profile_json, fields.RequireObject("profile"));
  auto profile = ProfileFromJson(*profile_json);
  if (!profile.ok()) return fields.Error("profile", "is not a valid profile");
  content.profile = std::move(profile).value();

  PIMS_ASSIGN_OR_RETURN(const json* sites, fields.RequireArray("sites"));
  for (size_t i = 0; i < sites->size(); ++i) {
    const JsonFields site_fields =
        JsonFields::OfRecord((*sites)[i], "the backup's site " + std::to_string(i));
    PIMS_ASSIGN_OR_RETURN(std::string url, site_fields.RequireString("site"));
    auto site = SiteFromUrl(url);
    if (!site.ok()) return site_fields.Error("site", "is not a site");
    SitePolicy policy;
    PIMS_ASSIGN_OR_RETURN(CategorySet allow, CategoriesFromJson(site_fields, "allow"));
    // Backups written before refusals existed have no "deny".
    PIMS_ASSIGN_OR_RETURN(std::optional<CategorySet> deny,
                          OptionalCategoriesFromJson(site_fields, "deny"));
    PIMS_ASSIGN_OR_RETURN(policy, PolicyWithAnswers(policy, allow, deny, site_fields));
    PIMS_ASSIGN_OR_RETURN(std::optional<bool> auto_card, site_fields.OptionalBool("auto_card"));
    policy.auto_card = auto_card.value_or(false);
    PIMS_ASSIGN_OR_RETURN(policy.hosts, ConsentHostsFromJson(site_fields, "hosts"));
    // Backups written before saving offers have no "never_save".
    PIMS_ASSIGN_OR_RETURN(std::optional<bool> never_save, site_fields.OptionalBool("never_save"));
    policy.never_save = never_save.value_or(false);
    content.sites.emplace_back(std::move(site).value(), policy);
  }

  PIMS_ASSIGN_OR_RETURN(const json* settings, fields.RequireObject("settings"));
  PIMS_ASSIGN_OR_RETURN(
      content.settings,
      VaultSettingsFromJson(JsonFields::OfRecord(*settings, "the backup's settings"), {}));
  return content;
}

}  // namespace

Result<std::string> ExportBackup(Vault& vault, std::string_view backup_password,
                                 const PasswordHashing& cost) {
  if (backup_password.empty()) {
    return Status(ErrorCode::kBadRequest, "the backup password must not be empty");
  }
  PIMS_ASSIGN_OR_RETURN(json payload, ExportPayload(vault));
  crypto::KdfParams params = crypto::KdfParams::Default();
  params.opslimit = cost.opslimit;
  params.memlimit = cost.memlimit;
  PIMS_ASSIGN_OR_RETURN(KeyBytes key, BackupKey(backup_password, params));
  const std::string header = params.ToJson();
  std::string out(kMagic);
  out += LittleEndian32(static_cast<uint32_t>(header.size()));
  out += header;
  std::string clear = payload.dump();
  WipeJson(payload);
  out += crypto::Seal(key, clear, out);  // the associated data is everything before the seal
  WipeString(clear);
  return out;
}

Status ImportBackup(Vault& vault, std::string_view bytes, std::string_view backup_password) {
  if (bytes.size() < kMagic.size() + 4 || bytes.substr(0, kMagic.size()) != kMagic) {
    return NotABackup();
  }
  uint32_t header_size = 0;
  for (int i = 0; i < 4; ++i) {
    header_size |= uint32_t{static_cast<unsigned char>(bytes[kMagic.size() + i])} << (8 * i);
  }
  const size_t sealed_at = kMagic.size() + 4 + header_size;
  if (header_size > 4096 || sealed_at > bytes.size()) return NotABackup();
  auto params = crypto::KdfParams::FromJson(bytes.substr(kMagic.size() + 4, header_size));
  if (!params.ok()) return NotABackup();
  PIMS_ASSIGN_OR_RETURN(KeyBytes key, BackupKey(backup_password, *params));
  auto clear = crypto::Open(key, bytes.substr(sealed_at), bytes.substr(0, sealed_at));
  if (!clear.ok()) {
    return Status(ErrorCode::kBadPassword,
                  "the backup password is wrong, or the backup file was altered");
  }
  PIMS_ASSIGN_OR_RETURN(VaultContent content, ReadBackupPayload(clear->reveal()));
  return vault.Restore(content);
}

Result<VaultContent> ReadBackupPayload(std::string_view clear_json) {
  json payload = json::parse(clear_json, nullptr, /*allow_exceptions=*/false);
  Result<VaultContent> content = ReadContent(payload);
  WipeJson(payload);
  return content;
}

}  // namespace pims
