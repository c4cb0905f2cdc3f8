#include "pims/vault.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <thread>

#include "crypto/crypto.h"
#include "store/sealed_store.h"
#include "support/manual_clock.h"
#include "support/temp_dir.h"
#include "support/test_profile.h"

namespace pims {
namespace {

using testing::TempDir;

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteFile(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

struct Fixture {
  TempDir dir;
  testing::ManualClock clock;
  std::filesystem::path file = dir / "vault.db";

  std::unique_ptr<Vault> Create() {
    auto vault = Vault::Create(file, "pw", PasswordHashing::Minimum(), clock);
    REQUIRE(vault.ok());
    return std::move(vault).value();
  }
  // A new vault holding Ada's profile.
  std::unique_ptr<Vault> CreateWithAda() {
    auto vault = Create();
    REQUIRE(vault->PutProfile(testing::AdaProfile()).ok());
    return vault;
  }
  std::unique_ptr<Vault> Reopen(const char* password = "pw") {
    auto vault = Vault::Open(file, clock);
    REQUIRE(vault.ok());
    REQUIRE((*vault)->Unlock(password).ok());
    return std::move(vault).value();
  }
  // What unlocking the file with the password says (the vault is closed again after).
  Status UnlockStatus(const char* password = "pw") {
    auto vault = Vault::Open(file, clock);
    REQUIRE(vault.ok());
    return (*vault)->Unlock(password);
  }
  // Runs SQL on the file behind the vault's back, as an attacker with the file would.
  void Tamper(const std::string& sql) {
    SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
    db.exec(sql);
  }
};

const Site kShop = *SiteFromUrl("https://shop.example");

std::vector<FieldDescriptor> Fields(std::initializer_list<std::pair<const char*, const char*>> f) {
  std::vector<FieldDescriptor> out;
  for (auto [ref, autocomplete] : f) {
    FieldDescriptor d;
    d.ref = ref;
    d.autocomplete = autocomplete;
    out.push_back(d);
  }
  return out;
}

// A fill of fields understood by their autocomplete attributes, as the fill verb asks it.
Result<FillResult> FillFields(Vault& vault, const Site& site, FillTrigger trigger,
                              const std::vector<FieldDescriptor>& fields) {
  return vault.Fill(site, trigger, fields, AutocompleteClassifier().Classify(fields));
}

// Lets `site` receive the email address.
void AllowEmail(Vault& vault, const Site& site = kShop) {
  SitePolicy policy;
  policy.allow.Add(Category::kEmail);
  REQUIRE(vault.SetSite(site, policy).ok());
}

void FillOnce(Vault& vault, const Site& site = kShop) {
  auto result = FillFields(vault, site, FillTrigger::kAuto, Fields({{"a", "email"}}));
  REQUIRE(result.ok());
  REQUIRE(result->fills.size() == 1);
}

}  // namespace

TEST_CASE("a new vault is a private file in a private folder, unlocked") {
  Fixture f;
  auto vault = f.Create();
  CHECK(vault->unlocked());
  struct stat st {};
  REQUIRE(stat(f.file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  REQUIRE(stat(f.dir.path().c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  CHECK(Vault::Create(f.file, "pw", PasswordHashing::Minimum(), f.clock).status().code() ==
        ErrorCode::kVaultExists);
}

TEST_CASE("an empty master password is refused") {
  Fixture f;
  CHECK(Vault::Create(f.file, "", PasswordHashing::Minimum(), f.clock).status().code() ==
        ErrorCode::kBadRequest);
  CHECK_FALSE(std::filesystem::exists(f.file));
}

TEST_CASE("a locked vault refuses everything that touches data") {
  Fixture f;
  f.Create();
  auto vault = Vault::Open(f.file, f.clock);
  REQUIRE(vault.ok());
  CHECK_FALSE((*vault)->unlocked());
  CHECK((*vault)->GetProfile().status().code() == ErrorCode::kLocked);
  CHECK((*vault)->GetSite(kShop).status().code() == ErrorCode::kLocked);
  CHECK(FillFields(**vault, kShop, FillTrigger::kAuto, Fields({{"a", "email"}})).status().code() ==
        ErrorCode::kLocked);
  CHECK((*vault)->ListLedger(std::nullopt, 10, std::nullopt).status().code() == ErrorCode::kLocked);
}

TEST_CASE("a wrong password is bad_password; the right one unlocks; lock wipes the keys") {
  Fixture f;
  f.Create();
  auto vault = Vault::Open(f.file, f.clock);
  REQUIRE(vault.ok());
  CHECK((*vault)->Unlock("wrong").code() == ErrorCode::kBadPassword);
  CHECK_FALSE((*vault)->unlocked());
  CHECK((*vault)->Unlock("pw").ok());
  (*vault)->Lock();
  CHECK_FALSE((*vault)->unlocked());
}

TEST_CASE("the profile survives a round trip through the vault") {
  Fixture f;
  auto vault = f.Create();
  Profile profile = testing::AdaProfile();
  REQUIRE(vault->PutProfile(profile).ok());
  auto reopened = f.Reopen();
  auto read = reopened->GetProfile();
  REQUIRE(read.ok());
  CHECK(ProfileToJson(*read) == ProfileToJson(profile));
}

TEST_CASE("changing the password rewraps the key and keeps the data") {
  Fixture f;
  auto vault = f.CreateWithAda();
  CHECK(vault->ChangePassword("nope", "new").code() == ErrorCode::kBadPassword);
  REQUIRE(vault->ChangePassword("pw", "new").ok());
  auto reopened = Vault::Open(f.file, f.clock);
  REQUIRE(reopened.ok());
  CHECK((*reopened)->Unlock("pw").code() == ErrorCode::kBadPassword);
  REQUIRE((*reopened)->Unlock("new").ok());
  CHECK(ProfileToJson(*(*reopened)->GetProfile()) == ProfileToJson(testing::AdaProfile()));
}

TEST_CASE("sites default to deny, keep their policy, and can be forgotten") {
  Fixture f;
  auto vault = f.Create();
  CHECK(vault->GetSite(kShop)->allow.List().empty());
  SitePolicy policy;
  policy.allow.Add(Category::kEmail);
  policy.auto_card = true;
  REQUIRE(vault->SetSite(kShop, policy).ok());
  CHECK(*vault->GetSite(kShop) == policy);
  auto list = vault->ListSites();
  REQUIRE(list.ok());
  REQUIRE(list->size() == 1);
  CHECK(list->front().site == kShop);
  CHECK_FALSE(list->front().last_shared.has_value());
  REQUIRE(vault->ForgetSite(kShop).ok());
  CHECK(vault->GetSite(kShop)->allow.List().empty());
  CHECK(vault->ForgetSite(kShop).code() == ErrorCode::kNotFound);
}

TEST_CASE("the vault file names neither the shops nor the profile in clear") {
  Fixture f;
  auto vault = f.CreateWithAda();
  AllowEmail(*vault, *SiteFromUrl("https://secret-shop.example"));
  FillOnce(*vault, *SiteFromUrl("https://secret-shop.example"));
  vault.reset();
  std::string bytes = ReadFile(f.file);
  for (const char* wal : {"-wal"}) bytes += ReadFile(f.file.string() + wal);
  for (const char* clear :
       {"secret-shop", "Lovelace", "4111111111111111", "ada@example.org", "SW1Y"}) {
    INFO(clear);
    CHECK(bytes.find(clear) == std::string::npos);
  }
}

TEST_CASE("a fill writes a ledger entry with field names only, and last_shared") {
  Fixture f;
  auto vault = f.CreateWithAda();
  AllowEmail(*vault);
  FillOnce(*vault);
  auto page = vault->ListLedger(kShop, 10, std::nullopt);
  REQUIRE(page.ok());
  REQUIRE(page->entries.size() == 1);
  CHECK(page->entries[0].fields == std::vector<std::string>{"email"});
  CHECK(page->entries[0].time == f.clock.now);
  CHECK(page->entries[0].site == "https://shop.example");
  CHECK(vault->ListSites()->front().last_shared == f.clock.now);
  // A fill that shares nothing writes nothing.
  auto nothing = FillFields(*vault, kShop, FillTrigger::kAuto, Fields({{"a", "tel"}}));
  REQUIRE(nothing.ok());
  CHECK(vault->ListLedger(std::nullopt, 10, std::nullopt)->entries.size() == 1);
}

TEST_CASE("a fill leaves the site's row as it was: its last_shared comes from the ledger") {
  Fixture f;
  auto vault = f.CreateWithAda();
  AllowEmail(*vault);
  const auto site_row = [&] {
    SQLite::Database db(f.file.string(), SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT name || policy FROM sites").getString();
  };
  const std::string before = site_row();
  f.clock.now += 5000;
  FillOnce(*vault);
  CHECK(site_row() == before);
  CHECK(vault->ListSites()->front().last_shared == f.clock.now);
  REQUIRE(vault->VerifyLedger()->ok);
}

TEST_CASE(
    "warming up after unlock changes no row, shares nothing, and the first fill still works") {
  Fixture f;
  { f.CreateWithAda(); }
  auto vault = f.Reopen();
  // Every row of every table, and the schema version: what a write could change.
  const auto rows = [&] {
    SQLite::Database db(f.file.string(), SQLite::OPEN_READONLY);
    std::string out = db.execAndGet("PRAGMA user_version").getString();
    for (const char* table : {"meta", "records", "record_fields", "sites", "ledger"}) {
      SQLite::Statement q(db, std::string("SELECT * FROM ") + table + " ORDER BY 1, 2");
      while (q.executeStep()) {
        for (int i = 0; i < q.getColumnCount(); ++i) out += "|" + q.getColumn(i).getString();
      }
      out += "\n";
    }
    return out;
  };
  const std::string before = rows();
  std::filesystem::path wal = f.file;
  wal += "-wal";
  vault->Warm();
  CHECK(rows() == before);
  // The write-ahead log is started (StartJournal), so the first fill does not wait for a sync.
  CHECK(std::filesystem::exists(wal));
  CHECK(std::filesystem::file_size(wal) > 0);
  CHECK(vault->ListLedger(std::nullopt, 10, std::nullopt)->entries.empty());
  CHECK(vault->ListSites()->empty());
  AllowEmail(*vault);
  FillOnce(*vault);
  // On a locked vault it is a no-op.
  vault->Lock();
  vault->Warm();
  CHECK(!vault->unlocked());
}

TEST_CASE("a pick and a once-fill are in the ledger entry, also after a password change") {
  Fixture f;
  auto vault = f.CreateWithAda();
  FillOptions options;
  options.pick = FillPick{PickRole::kShipping, "work"};
  options.once.Add(Category::kShippingAddress);
  auto filled =
      vault->Fill(kShop, FillTrigger::kGesture, Fields({{"s", "street-address"}}),
                  AutocompleteClassifier().Classify(Fields({{"s", "street-address"}})), options);
  REQUIRE(filled.ok());
  REQUIRE(filled->fills.size() == 1);
  CHECK(filled->fills[0].value.reveal() == "1 Babbage Street");
  CHECK(vault->ListSites()->empty());  // a once-fill stores nothing about the site
  REQUIRE(vault->ChangePassword("pw", "new").ok());
  auto reopened = f.Reopen("new");
  auto page = reopened->ListLedger(std::nullopt, 10, std::nullopt);
  REQUIRE(page.ok());
  REQUIRE(page->entries.size() == 1);
  CHECK(page->entries[0].record == LedgerRecord{"work", "Work"});
  CHECK(page->entries[0].once);
  CHECK(reopened->VerifyLedger()->ok);
}

TEST_CASE("a site row from before refusals existed reads as nothing refused") {
  Fixture f;
  f.Create();
  {
    auto store = SealedStore::Open(f.file, f.clock);
    REQUIRE(store.ok());
    REQUIRE((*store)->Unlock("pw").ok());
    SealedStore& s = **store;
    REQUIRE(s.Write([&] {
               const crypto::Hash lookup = crypto::KeyedHash(s.keys().lookup, kShop.ToString());
               const std::string hex = crypto::ToHex(crypto::AsBytes(lookup));
               const std::string name = s.Seal(kShop.ToString(), {"sites", hex, "name"});
               const std::string policy =
                   s.Seal(R"({"allow": 2, "auto_card": false, "last_shared": null})",
                          {"sites", hex, "policy"});
               s.Track({"sites", crypto::AsBytes(lookup), name, policy});
               SQLite::Statement q(s.db(), "INSERT INTO sites(lookup, name, policy) VALUES(?,?,?)");
               const std::string_view key = crypto::AsBytes(lookup);
               q.bind(1, key.data(), static_cast<int>(key.size()));
               q.bind(2, name.data(), static_cast<int>(name.size()));
               q.bind(3, policy.data(), static_cast<int>(policy.size()));
               q.exec();
               return Status::Ok();
             }).ok());
  }
  auto vault = f.Reopen();
  auto policy = vault->GetSite(kShop);
  REQUIRE(policy.ok());
  CHECK(policy->allow.Has(Category::kEmail));
  CHECK(policy->deny.empty());
}

TEST_CASE("a flipped byte in a sealed value is vault_corrupt, never partial plaintext") {
  Fixture f;
  f.CreateWithAda();  // written and closed
  f.Tamper(
      "UPDATE record_fields SET value = substr(value, 1, 40) || "
      "CASE WHEN substr(value, 41, 1) = x'00' THEN x'01' ELSE x'00' END || substr(value, 42) "
      "WHERE name = 'family-name'");
  // The rows' digest sees the changed row at unlock, before any value is opened.
  const Status unlocked = f.UnlockStatus();
  CHECK(unlocked.code() == ErrorCode::kVaultCorrupt);
  CHECK(unlocked.message().find("digest") != std::string::npos);
}

TEST_CASE("sealed values swapped between rows do not open") {
  Fixture f;
  f.CreateWithAda();  // written and closed
  // Move the card's number into the person's family name: same key, wrong place.
  f.Tamper(
      "UPDATE record_fields SET value = (SELECT value FROM record_fields WHERE name = 'cc-number')"
      " WHERE name = 'family-name'");
  CHECK(f.UnlockStatus().code() == ErrorCode::kVaultCorrupt);
}

TEST_CASE("a tampered password hashing record cannot unlock the vault") {
  // The minimum cost is opslimit 1; an attacker edits it in the stored JSON.
  const auto [opslimit, expected] = GENERATE(table<const char*, ErrorCode>({
      {"2", ErrorCode::kBadPassword},       // plausible but not what the key was wrapped with
      {"99999", ErrorCode::kVaultCorrupt},  // refused before any work is done
  }));
  Fixture f;
  f.Create();
  f.Tamper(std::string("UPDATE meta SET value = replace(value, '\"opslimit\":1', '\"opslimit\":") +
           opslimit + "') WHERE key = 'kdf'");
  auto vault = Vault::Open(f.file, f.clock);
  REQUIRE(vault.ok());
  CHECK((*vault)->Unlock("pw").code() == expected);
}

TEST_CASE("a truncated, foreign or newer vault file gives a clear error and is left as it was") {
  Fixture f;
  f.CreateWithAda();  // written and closed
  const std::string original = ReadFile(f.file);
  std::string damaged;
  ErrorCode expected = ErrorCode::kVaultCorrupt;
  SECTION("empty") { damaged = ""; }
  SECTION("truncated to 50 bytes") { damaged = original.substr(0, 50); }
  SECTION("truncated to half") { damaged = original.substr(0, original.size() / 2); }
  SECTION("not SQLite") { damaged = std::string(8192, 'x'); }
  SECTION("a newer schema") {
    f.Tamper("PRAGMA user_version = 99");
    damaged = ReadFile(f.file);
    expected = ErrorCode::kVaultNewer;
  }
  std::filesystem::remove(f.file.string() + "-wal");
  std::filesystem::remove(f.file.string() + "-shm");
  WriteFile(f.file, damaged);
  {
    auto vault = Vault::Open(f.file, f.clock);
    if (vault.ok()) {
      // A half file may still open as SQLite; then unlocking or reading must fail cleanly, as
      // damage (or, when the key rows are gone, as a password that opens nothing).
      Status unlocked = (*vault)->Unlock("pw");
      const Status read = unlocked.ok() ? (*vault)->GetProfile().status() : unlocked;
      CHECK_FALSE(read.ok());
      CHECK((read.code() == ErrorCode::kVaultCorrupt || read.code() == ErrorCode::kBadPassword));
      CHECK_FALSE(read.message().empty());
    } else {
      CHECK(vault.status().code() == expected);
      CHECK_FALSE(vault.status().message().empty());
    }
  }  // the vault is closed before the file is compared
  CHECK(ReadFile(f.file) == damaged);
}

TEST_CASE("a missing vault is vault_absent") {
  Fixture f;
  CHECK(Vault::Open(f.file, f.clock).status().code() == ErrorCode::kVaultAbsent);
}

TEST_CASE("settings keep the auto-lock time within bounds") {
  Fixture f;
  auto vault = f.Create();
  CHECK(vault->GetSettings()->autolock_minutes == 15);
  REQUIRE(vault->SetSettings(VaultSettings{5}).ok());
  CHECK(vault->GetSettings()->autolock_minutes == 5);
  CHECK(vault->SetSettings(VaultSettings{-1}).code() == ErrorCode::kBadRequest);
  CHECK(vault->SetSettings(VaultSettings{kMaxAutolockMinutes + 1}).code() ==
        ErrorCode::kBadRequest);
}

}  // namespace pims

namespace pims {

TEST_CASE(
    "a consent revoked by another process while a fill waits for the write lock lets no value "
    "out") {
  Fixture f;
  auto revoker = f.CreateWithAda();
  // The site's row as a revoke writes it, kept to be written again by "the other host" later.
  // (with the rows' digest of that state, so that writing both back is the revoke itself).
  REQUIRE(revoker->SetSite(kShop, SitePolicy{}).ok());
  std::string revoked_name, revoked_row, revoked_digest;
  {
    SQLite::Database db(f.file.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT hex(name), hex(policy) FROM sites");
    REQUIRE(q.executeStep());
    revoked_name = q.getColumn(0).getString();
    revoked_row = q.getColumn(1).getString();
    revoked_digest = db.execAndGet("SELECT hex(value) FROM meta WHERE key = 'digest'").getString();
  }
  AllowEmail(*revoker);
  auto filler = f.Reopen();

  // The other host holds the write lock; the fill starts and must wait for it.
  SQLite::Database other(f.file.string(), SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  Result<FillResult> filled = Status(ErrorCode::kInternal, "not run");
  std::thread fill([&] {
    filled = FillFields(*filler, kShop, FillTrigger::kAuto, Fields({{"a", "email"}}));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the fill is waiting by now
  other.exec("UPDATE sites SET name = x'" + revoked_name + "', policy = x'" + revoked_row + "'");
  other.exec("UPDATE meta SET value = x'" + revoked_digest + "' WHERE key = 'digest'");
  other.exec("COMMIT");
  fill.join();

  REQUIRE(filled.ok());
  CHECK(filled->fills.empty());
  REQUIRE(filled->withheld.size() == 1);
  CHECK(filled->withheld[0].reason == WithheldReason::kNotAllowed);
  CHECK(filler->ListLedger(std::nullopt, 10, std::nullopt)->entries.empty());
}

}  // namespace pims

namespace pims {

TEST_CASE(
    "after entries are cut from the ledger's end, the next fill is vault_corrupt and shares "
    "nothing") {
  Fixture f;
  {
    auto vault = f.CreateWithAda();
    AllowEmail(*vault);
    for (int i = 0; i < 3; ++i) FillOnce(*vault);
  }
  f.Tamper("DELETE FROM ledger WHERE seq = 3");
  auto vault = f.Reopen();
  CHECK_FALSE(vault->VerifyLedger()->ok);
  auto filled = FillFields(*vault, kShop, FillTrigger::kAuto, Fields({{"a", "email"}}));
  CHECK(filled.status().code() == ErrorCode::kVaultCorrupt);
  CHECK(vault->ListLedger(std::nullopt, 10, std::nullopt)->entries.size() == 2);
}

}  // namespace pims

namespace pims {

TEST_CASE(
    "a password change replaces the data key: an old copy's key opens nothing written since") {
  Fixture f;
  {
    auto vault = f.CreateWithAda();
    AllowEmail(*vault);
    FillOnce(*vault);
    FillOnce(*vault);
  }
  const std::string old_copy = ReadFile(f.file);
  {
    auto vault = f.Reopen();
    REQUIRE(vault->ChangePassword("pw", "new pw").ok());
    // Everything is there under the new key, in this session and the next.
    CHECK(*vault->GetProfile() == testing::AdaProfile());
    FillOnce(*vault);
  }
  auto vault = f.Reopen("new pw");
  CHECK(*vault->GetProfile() == testing::AdaProfile());
  CHECK(vault->GetSite(kShop)->allow.Has(Category::kEmail));
  auto check = vault->VerifyLedger();
  REQUIRE(check.ok());
  CHECK(check->ok);
  CHECK(check->entries == 3);
  CHECK(vault->GetSettings()->autolock_minutes == 15);
  vault.reset();

  // Someone who kept the old copy and the old password: the old wrapped key, put back into the
  // current file, unlocks (it is the old data key) but opens none of the current rows.
  const std::filesystem::path old_file = f.dir / "old.db";
  WriteFile(old_file, old_copy);
  f.Tamper("ATTACH DATABASE '" + old_file.string() +
           "' AS old; UPDATE main.meta AS m SET value ="
           " (SELECT o.value FROM old.meta AS o WHERE o.key = m.key)"
           " WHERE m.key IN ('kdf', 'data_key')");
  // The old key opens the old wrap but not the digest of the rows sealed since: refused whole.
  CHECK(f.UnlockStatus("pw").code() == ErrorCode::kVaultCorrupt);
}

TEST_CASE("a password change refuses to re-chain an altered ledger, and keeps the old password") {
  Fixture f;
  {
    auto vault = f.CreateWithAda();
    AllowEmail(*vault);
    for (int i = 0; i < 3; ++i) FillOnce(*vault);
  }
  f.Tamper("DELETE FROM ledger WHERE seq = 2");
  auto vault = f.Reopen();
  CHECK(vault->ChangePassword("pw", "new pw").code() == ErrorCode::kVaultCorrupt);
  vault.reset();
  f.Reopen("pw");  // still the old password
}

}  // namespace pims

namespace pims {

TEST_CASE("rows put back from an older copy of the vault are detected, whatever the row") {
  Fixture f;
  SitePolicy everything{CategorySet::All(), /*auto_card=*/true, /*deny=*/{}, /*hosts=*/{},
                        /*never_save=*/false};
  {
    auto vault = f.CreateWithAda();
    REQUIRE(vault->SetSite(kShop, everything).ok());
    FillOnce(*vault);
  }
  const std::filesystem::path old_file = f.dir / "old.db";
  WriteFile(old_file, ReadFile(f.file));
  {
    auto vault = f.Reopen();
    REQUIRE(vault->SetSite(kShop, SitePolicy{}).ok());  // revoked
    Profile fewer = testing::AdaProfile();
    fewer.cards.clear();
    fewer.default_card.clear();
    REQUIRE(vault->PutProfile(fewer).ok());  // the card deleted
    REQUIRE(vault->SetSettings(VaultSettings{1}).ok());
  }
  const std::string attach = "ATTACH DATABASE '" + old_file.string() + "' AS old; ";
  SECTION("a revoked site's policy") {
    f.Tamper(attach + "DELETE FROM main.sites; INSERT INTO main.sites SELECT * FROM old.sites");
  }
  SECTION("a deleted card") {
    f.Tamper(attach +
             "DELETE FROM main.record_fields; DELETE FROM main.records;"
             " INSERT INTO main.records SELECT * FROM old.records;"
             " INSERT INTO main.record_fields SELECT * FROM old.record_fields");
  }
  SECTION("older settings") {
    f.Tamper(attach +
             "UPDATE main.meta AS m SET value = (SELECT o.value FROM old.meta AS o WHERE o.key ="
             " m.key) WHERE m.key = 'settings'");
  }
  SECTION("the digest itself, with the rows it was made for") {
    f.Tamper(attach +
             "DELETE FROM main.sites; INSERT INTO main.sites SELECT * FROM old.sites;"
             " UPDATE main.meta AS m SET value = (SELECT o.value FROM old.meta AS o WHERE o.key ="
             " m.key) WHERE m.key = 'digest'");
  }
  SECTION("the digest removed") { f.Tamper("DELETE FROM meta WHERE key = 'digest'"); }
  const Status unlocked = f.UnlockStatus();
  CHECK(unlocked.code() == ErrorCode::kVaultCorrupt);
}

TEST_CASE("a row put back while the vault is unlocked is caught before the next fill") {
  Fixture f;
  auto vault = f.CreateWithAda();
  REQUIRE(vault->SetSite(kShop, SitePolicy{CategorySet::All(), true, {}, {}, false}).ok());
  std::string allowed_name, allowed_policy;
  {
    SQLite::Database db(f.file.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT hex(name), hex(policy) FROM sites");
    REQUIRE(q.executeStep());
    allowed_name = q.getColumn(0).getString();
    allowed_policy = q.getColumn(1).getString();
  }
  REQUIRE(vault->SetSite(kShop, SitePolicy{}).ok());
  f.Tamper("UPDATE sites SET name = x'" + allowed_name + "', policy = x'" + allowed_policy + "'");
  auto filled = FillFields(*vault, kShop, FillTrigger::kAuto, Fields({{"a", "email"}}));
  CHECK(filled.status().code() == ErrorCode::kVaultCorrupt);
}

}  // namespace pims

namespace pims {

TEST_CASE("a vault from before the rows' digest gets one at its first unlock, and needs it after") {
  Fixture f;
  f.CreateWithAda();
  // Make the file what an older pims wrote: the data key wrapped without the digest's mark, and
  // no digest row.
  {
    SQLite::Database db(f.file.string(), SQLite::OPEN_READWRITE);
    const std::string kdf = db.execAndGet("SELECT value FROM meta WHERE key = 'kdf'").getString();
    SQLite::Statement read(db, "SELECT value FROM meta WHERE key = 'data_key'");
    REQUIRE(read.executeStep());
    const std::string wrapped(static_cast<const char*>(read.getColumn(0).getBlob()),
                              static_cast<size_t>(read.getColumn(0).getBytes()));
    read.reset();
    auto params = crypto::KdfParams::FromJson(kdf);
    REQUIRE(params.ok());
    auto kek = crypto::DeriveKey("pw", *params);
    REQUIRE(kek.ok());
    auto data_key = crypto::Open(*kek, wrapped, SealContext({"meta", "data_key", kdf, "rows"}));
    REQUIRE(data_key.ok());
    const std::string old_wrap =
        crypto::Seal(*kek, data_key->reveal(), SealContext({"meta", "data_key", kdf}));
    SQLite::Statement write(db, "UPDATE meta SET value = ? WHERE key = 'data_key'");
    write.bind(1, old_wrap.data(), static_cast<int>(old_wrap.size()));
    write.exec();
    db.exec("DELETE FROM meta WHERE key = 'digest'");
  }
  CHECK(f.UnlockStatus().ok());  // adopted
  CHECK(*f.Reopen()->GetProfile() == testing::AdaProfile());
  f.Tamper("DELETE FROM meta WHERE key = 'digest'");
  CHECK(f.UnlockStatus().code() == ErrorCode::kVaultCorrupt);
}

}  // namespace pims

namespace pims {
TEST_CASE("settings: automatic filling is kept off once turned off") {
  Fixture f;
  auto vault = f.Create();
  REQUIRE(vault->SetSettings(VaultSettings{15, false}).ok());
  CHECK(vault->GetSettings()->autofill == false);
  CHECK(f.Reopen()->GetSettings()->autofill == false);
}
}  // namespace pims

namespace pims {

TEST_CASE("the profile kept decrypted for fills is read again when the other host changes it") {
  Fixture f;
  auto mine = f.CreateWithAda();
  AllowEmail(*mine);
  auto filled = FillFields(*mine, kShop, FillTrigger::kAuto, Fields({{"a", "email"}}));
  REQUIRE(filled.ok());
  REQUIRE(filled->fills.size() == 1);
  CHECK(filled->fills[0].value.reveal() == "ada@example.org");
  {
    auto other = f.Reopen();  // the other browser's host, on its own connection
    Profile changed = testing::AdaProfile();
    changed.person.insert_or_assign("email", Secret("ada@analytical.example"));
    REQUIRE(other->PutProfile(changed).ok());
  }
  filled = FillFields(*mine, kShop, FillTrigger::kAuto, Fields({{"a", "email"}}));
  REQUIRE(filled.ok());
  REQUIRE(filled->fills.size() == 1);
  CHECK(filled->fills[0].value.reveal() == "ada@analytical.example");
  mine->Lock();
  CHECK(FillFields(*mine, kShop, FillTrigger::kAuto, Fields({{"a", "email"}})).status().code() ==
        ErrorCode::kLocked);
}

TEST_CASE("writes back to back with no pause are checkpointed at the commit that fills the log") {
  Fixture f;
  auto vault = f.Create();
  int writes = 0;
  do {
    REQUIRE(vault->SetSettings(VaultSettings{writes % 60, writes % 2 == 0}).ok());
    ++writes;
  } while (vault->CheckpointDue() && writes < 10'000);
  CHECK_FALSE(vault->CheckpointDue());
  // Each write is a few pages: the log filled well before 10,000 writes, and not at the first.
  CHECK(writes > 100);
  CHECK(writes < 10'000);
}

TEST_CASE("a site's consent and the settings kept for fills follow what the other host changes") {
  Fixture f;
  auto mine = f.CreateWithAda();
  AllowEmail(*mine);
  auto email = [&](FillTrigger trigger) {
    auto filled = FillFields(*mine, kShop, trigger, Fields({{"a", "email"}}));
    REQUIRE(filled.ok());
    return filled->fills.size();
  };
  REQUIRE(email(FillTrigger::kAuto) == 1);  // the policy and settings are now kept in memory
  REQUIRE(
      f.Reopen()->SetSite(kShop, SitePolicy{}).ok());  // the other browser's host takes email away
  CHECK(email(FillTrigger::kAuto) == 0);
  AllowEmail(*mine);  // this host's own write is what it keeps
  CHECK(email(FillTrigger::kAuto) == 1);
  REQUIRE(f.Reopen()->SetSettings(VaultSettings{15, false}).ok());  // no more automatic fills
  CHECK(email(FillTrigger::kAuto) == 0);
  CHECK(email(FillTrigger::kGesture) == 1);
  // Another host's consent, written straight into the file without the vault's digest of its
  // rows, is never used: the next fill refuses the vault.
  REQUIRE(f.Reopen()->ForgetSite(kShop).ok());
  {
    SQLite::Database db(f.file.string(), SQLite::OPEN_READWRITE);
    db.exec("DELETE FROM meta WHERE key = 'digest'");
  }
  CHECK(FillFields(*mine, kShop, FillTrigger::kGesture, Fields({{"a", "email"}})).status().code() ==
        ErrorCode::kVaultCorrupt);
}

}  // namespace pims
