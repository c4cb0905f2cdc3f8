#include "pims/backup.h"

#include <nlohmann/json.hpp>

#include "crypto/crypto.h"

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
  for (const SiteSummary& s : sites) {
    json allow = json::array();
    for (Category c : s.policy.allow.List()) allow.push_back(CategoryName(c));
    site_list.push_back({{"site", s.site.ToString()},
                         {"allow", std::move(allow)},
                         {"auto_card", s.policy.auto_card}});
  }
  return json{{"format", kFormat},
              {"profile", ProfileToJson(profile)},
              {"sites", std::move(site_list)},
              {"settings", {{"autolock_minutes", settings.autolock_minutes}}}};
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
  json payload = json::parse(clear->reveal(), nullptr, false);
  if (!payload.is_object() || payload.value("format", 0) != kFormat ||
      !payload["sites"].is_array() || !payload["settings"].is_object()) {
    return NotABackup();
  }
  auto profile = ProfileFromJson(payload["profile"]);
  if (!profile.ok()) return NotABackup();
  std::vector<std::pair<Site, SitePolicy>> sites;
  for (const json& s : payload["sites"]) {
    if (!s.is_object() || !s["site"].is_string() || !s["allow"].is_array()) return NotABackup();
    auto site = SiteFromUrl(s["site"].get<std::string>());
    if (!site.ok()) return NotABackup();
    SitePolicy policy;
    for (const json& c : s["allow"]) {
      auto category = c.is_string() ? CategoryFromName(c.get<std::string>()) : std::nullopt;
      if (!category) return NotABackup();
      policy.allow.Add(*category);
    }
    policy.auto_card = s.value("auto_card", false);
    sites.emplace_back(std::move(site).value(), policy);
  }
  VaultSettings settings;
  settings.autolock_minutes =
      payload["settings"].value("autolock_minutes", settings.autolock_minutes);
  WipeJson(payload);

  PIMS_RETURN_IF_ERROR(vault.PutProfile(*profile));
  for (const auto& [site, policy] : sites) PIMS_RETURN_IF_ERROR(vault.SetSite(site, policy));
  return vault.SetSettings(settings);
}

}  // namespace pims
