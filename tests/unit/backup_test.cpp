// Encrypted backups: a round trip between two vaults, and imports of files that are damaged,
// forged or hold a payload of the wrong shape — each a clear error that changes nothing.
#include "pims/backup.h"

#include <catch2/catch.hpp>

#include "backup/backup_payload.h"
#include "crypto/crypto.h"
#include "support/manual_clock.h"
#include "support/temp_dir.h"
#include "support/test_profile.h"

namespace pims {
namespace {

using nlohmann::json;

const Site kShop = *SiteFromUrl("https://shop.example");

struct Fixture {
  testing::TempDir dir;
  testing::ManualClock clock;

  std::unique_ptr<Vault> NewVault(const char* name) {
    auto vault = Vault::Create(dir / name, "pw", PasswordHashing::Minimum(), clock);
    REQUIRE(vault.ok());
    return std::move(vault).value();
  }
};

// A backup file sealed exactly as pims seals one, around any payload: what a bug or a forger
// holding the backup password could produce.
std::string SealedBackup(std::string_view payload, std::string_view password) {
  crypto::KdfParams params = crypto::KdfParams::Minimum();
  const std::string header = params.ToJson();
  std::string out = "PIMSBAK1";
  for (int i = 0; i < 4; ++i) out += static_cast<char>((header.size() >> (8 * i)) & 0xff);
  out += header;
  auto key = crypto::DeriveKey(password, params);
  REQUIRE(key.ok());
  out += crypto::Seal(*key, payload, out);
  return out;
}

}  // namespace

TEST_CASE("a backup carries the profile, the sites and the settings to another vault") {
  Fixture f;
  auto from = f.NewVault("a.db");
  REQUIRE(from->PutProfile(testing::AdaProfile()).ok());
  SitePolicy policy;
  policy.allow.Add(Category::kEmail);
  policy.deny.Add(Category::kBirthday);
  policy.auto_card = true;
  policy.hosts = {"www.shop.example", "pay.shop.example"};
  REQUIRE(from->SetSite(kShop, policy).ok());
  REQUIRE(from->SetSettings(VaultSettings{7}).ok());
  auto bytes = ExportBackup(*from, "backup pw", PasswordHashing::Minimum());
  REQUIRE(bytes.ok());

  auto to = f.NewVault("b.db");
  CHECK(ImportBackup(*to, *bytes, "wrong").code() == ErrorCode::kBadPassword);
  REQUIRE(ImportBackup(*to, *bytes, "backup pw").ok());
  CHECK(*to->GetProfile() == testing::AdaProfile());
  CHECK(*to->GetSite(kShop) == policy);
  CHECK(to->GetSettings()->autolock_minutes == 7);
}

TEST_CASE("an authentic backup of the wrong shape is vault_corrupt and changes nothing") {
  Fixture f;
  auto vault = f.NewVault("v.db");
  REQUIRE(vault->PutProfile(testing::AdaProfile()).ok());
  const json valid = {
      {"format", 1},
      {"profile", {{"person", {{"given-name", "Eve"}}}}},
      {"sites", json::array({{{"site", "https://shop.example"}, {"allow", {"email"}}}})},
      {"settings", {{"autolock_minutes", 5}}}};
  json payload = valid;
  SECTION("settings out of range (once written after the profile)") {
    payload["settings"]["autolock_minutes"] = 100000;
  }
  SECTION("a number where a string belongs") { payload["sites"][0]["site"] = 7; }
  SECTION("a missing key") { payload.erase("settings"); }
  SECTION("an unknown category") { payload["sites"][0]["allow"] = {"email", "soul"}; }
  SECTION("a profile that does not validate") {
    payload["profile"]["person"]["email"] = "not an email";
  }
  SECTION("not an object") { payload = json::array({1, 2}); }
  const Status imported = ImportBackup(*vault, SealedBackup(payload.dump(), "bpw"), "bpw");
  CHECK(imported.code() == ErrorCode::kVaultCorrupt);
  CHECK_FALSE(imported.message().empty());
  CHECK(*vault->GetProfile() == testing::AdaProfile());
  CHECK(vault->ListSites()->empty());
  CHECK(vault->GetSettings()->autolock_minutes == 15);
  // The valid payload, for contrast, lands whole.
  REQUIRE(ImportBackup(*vault, SealedBackup(valid.dump(), "bpw"), "bpw").ok());
  CHECK(vault->GetSettings()->autolock_minutes == 5);
  CHECK(vault->ListSites()->size() == 1);
}

TEST_CASE("bytes that are not a pims backup are vault_corrupt") {
  Fixture f;
  auto vault = f.NewVault("v.db");
  CHECK(ImportBackup(*vault, "", "pw").code() == ErrorCode::kVaultCorrupt);
  CHECK(ImportBackup(*vault, "PIMSBAK1\xff\xff\xff\xff", "pw").code() == ErrorCode::kVaultCorrupt);
  CHECK(ReadBackupPayload("{\"format\":1").status().code() == ErrorCode::kVaultCorrupt);
}

}  // namespace pims
