// The ledger module on its own: a sealed store in a temporary folder, the site store that files
// entries under their sites, and the ledger's hash chain.
#include "ledger/ledger.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include "support/manual_clock.h"
#include "support/temp_dir.h"

namespace pims {
namespace {

const Site kShop = *SiteFromUrl("https://shop.example");
const Site kOther = *SiteFromUrl("https://other.example");
const std::vector<std::string> kFields{"given-name", "email"};

struct Fixture {
  testing::TempDir dir;
  testing::ManualClock clock;
  std::filesystem::path file = dir / "vault.db";
  std::unique_ptr<SealedStore> store;
  std::unique_ptr<SiteStore> sites;
  std::unique_ptr<Ledger> ledger;

  Fixture() {
    auto created =
        SealedStore::Create(file, "pw", PasswordHashing::Minimum(), clock, [](SealedStore& s) {
          SiteStore site_store(s);
          Ledger(s, site_store).InitHead();
          return Status::Ok();
        });
    REQUIRE(created.ok());
    Attach(std::move(created).value());
  }
  void Attach(std::unique_ptr<SealedStore> opened) {
    ledger.reset();
    sites.reset();
    store = std::move(opened);
    sites = std::make_unique<SiteStore>(*store);
    ledger = std::make_unique<Ledger>(*store, *sites);
  }
  void Append(const Site& site, int n = 1) {
    for (int i = 0; i < n; ++i) {
      clock.now += 1000;
      const Status appended =
          store->Write([&] { return ledger->Append(site, kFields, clock.now); });
      INFO(appended.message());
      REQUIRE(appended.ok());
    }
  }
  // Closes the store, runs SQL on the file as an attacker with the file would, reopens it.
  // Returns what unlocking said; the fixture holds the store again only when it unlocked.
  Status Tamper(const std::string& sql) {
    ledger.reset();
    sites.reset();
    store.reset();
    {
      SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
      db.exec(sql);
    }
    auto opened = SealedStore::Open(file, clock);
    REQUIRE(opened.ok());
    const Status unlocked = (*opened)->Unlock("pw");
    if (unlocked.ok()) Attach(std::move(opened).value());
    return unlocked;
  }
};

}  // namespace

TEST_CASE("an appended entry holds its time, site and field names") {
  Fixture f;
  f.Append(kShop);
  auto page = f.ledger->List(std::nullopt, 10, std::nullopt);
  REQUIRE(page.ok());
  REQUIRE(page->entries.size() == 1);
  CHECK(page->entries[0].seq == 1);
  CHECK(page->entries[0].time == f.clock.now);
  CHECK(page->entries[0].site == "https://shop.example");
  CHECK(page->entries[0].fields == kFields);
  CHECK_FALSE(page->next.has_value());
}

TEST_CASE("an entry is sealed as the JSON text nlohmann::json writes, and reads back whole") {
  Fixture f;
  const LedgerRecord record{"addr-1", "Home \"Flat 2\"\\ Zürich\n\x01"};
  const std::vector<std::string> fields{"given-name", "street-address", "cc-number"};
  REQUIRE(f.store->Write([&] { return f.ledger->Append(kShop, fields, 1234, record, true); }).ok());
  REQUIRE(f.store->Write([&] { return f.ledger->Append(kOther, {}, -5); }).ok());

  const nlohmann::json expected[] = {
      {{"time", 1234},
       {"site", "https://shop.example"},
       {"fields", fields},
       {"record", {{"id", record.id}, {"label", record.label}}},
       {"once", true}},
      {{"time", -5}, {"site", "https://other.example"}, {"fields", nlohmann::json::array()}}};
  SQLite::Statement q(f.store->db(), "SELECT seq, entry FROM ledger ORDER BY seq");
  for (const nlohmann::json& entry : expected) {
    REQUIRE(q.executeStep());
    const std::string seq = std::to_string(q.getColumn(0).getInt64());
    auto clear = f.store->Open(BlobView(q.getColumn(1)), {"ledger", seq});
    REQUIRE(clear.ok());
    CHECK(clear->reveal() == entry.dump());
  }
  auto page = f.ledger->List(std::nullopt, 10, std::nullopt);
  REQUIRE(page.ok());
  REQUIRE(page->entries.size() == 2);
  CHECK(page->entries[1].record == record);
  CHECK(page->entries[1].once);
  CHECK(page->entries[1].fields == fields);
  CHECK(page->entries[0].time == -5);
}

TEST_CASE("the ledger pages newest first and filters by site") {
  Fixture f;
  for (int i = 0; i < 5; ++i) f.Append(i % 2 ? kOther : kShop);
  auto first = f.ledger->List(std::nullopt, 2, std::nullopt);
  REQUIRE(first.ok());
  REQUIRE(first->entries.size() == 2);
  CHECK(first->entries[0].seq == 5);
  CHECK(first->entries[1].seq == 4);
  REQUIRE(first->next.has_value());
  auto second = f.ledger->List(std::nullopt, 10, first->next);
  REQUIRE(second.ok());
  CHECK(second->entries.size() == 3);
  CHECK_FALSE(second->next.has_value());
  auto shop_only = f.ledger->List(kShop, 10, std::nullopt);
  REQUIRE(shop_only.ok());
  CHECK(shop_only->entries.size() == 3);
  for (const LedgerEntry& e : shop_only->entries) CHECK(e.site == "https://shop.example");
  auto check = f.ledger->Verify();
  REQUIRE(check.ok());
  CHECK(check->ok);
  CHECK(check->entries == 5);
}

TEST_CASE("a page as long as an int allows does not overflow") {
  Fixture f;
  f.Append(kShop, 3);
  auto page = f.ledger->List(std::nullopt, INT32_MAX, std::nullopt);
  REQUIRE(page.ok());
  CHECK(page->entries.size() == 3);
  CHECK_FALSE(page->next.has_value());
  auto at_least_one = f.ledger->List(std::nullopt, 0, std::nullopt);
  REQUIRE(at_least_one.ok());
  CHECK(at_least_one->entries.size() == 1);
}

TEST_CASE("ledger verification detects removed, reordered, edited and truncated entries") {
  Fixture f;
  f.Append(kShop, 4);
  REQUIRE(f.ledger->Verify()->ok);
  auto check_after = [&](const std::string& sql) {
    REQUIRE(f.Tamper(sql).ok());
    auto check = f.ledger->Verify();
    REQUIRE(check.ok());
    CHECK_FALSE(check->ok);
    CHECK_FALSE(check->problem.empty());
  };
  SECTION("removed from the middle") { check_after("DELETE FROM ledger WHERE seq = 2"); }
  SECTION("removed from the end") { check_after("DELETE FROM ledger WHERE seq = 4"); }
  SECTION("all removed") { check_after("DELETE FROM ledger"); }
  SECTION("head removed") {
    // The head is one of the rows the vault's digest protects: refused at unlock.
    CHECK(f.Tamper("DELETE FROM meta WHERE key = 'ledger_head'").code() ==
          ErrorCode::kVaultCorrupt);
  }
  SECTION("reordered") {
    check_after(
        "UPDATE ledger SET seq = -1 WHERE seq = 2; UPDATE ledger SET seq = 2 WHERE seq = 3;"
        "UPDATE ledger SET seq = 3 WHERE seq = -1");
  }
  SECTION("edited") {
    // Byte 31 of the sealed entry changed (to 01 where it was 00, else to 00): an edit always.
    check_after(
        "UPDATE ledger SET entry = substr(entry, 1, 30) || CASE substr(entry, 31, 1) WHEN x'00' "
        "THEN x'01' ELSE x'00' END || substr(entry, 32) WHERE seq = 3");
  }
  SECTION("moved to another site") {
    check_after("UPDATE ledger SET site = zeroblob(32) WHERE seq = 1");
  }
}

TEST_CASE(
    "entries cut from the end: verify says so, and the next append refuses and adds nothing") {
  Fixture f;
  f.Append(kShop, 4);
  REQUIRE(f.Tamper("DELETE FROM ledger WHERE seq > 2").ok());
  auto check = f.ledger->Verify();
  REQUIRE(check.ok());
  CHECK_FALSE(check->ok);
  const Status appended =
      f.store->Write([&] { return f.ledger->Append(kShop, kFields, f.clock.now + 1); });
  CHECK(appended.code() == ErrorCode::kVaultCorrupt);
  CHECK(appended.message().find("head says 4") != std::string::npos);
  auto page = f.ledger->List(std::nullopt, 10, std::nullopt);
  REQUIRE(page.ok());
  CHECK(page->entries.size() == 2);
}

TEST_CASE("warming the ledger writes nothing, and finds a chain cut from the end as Append does") {
  Fixture f;
  f.Append(kShop, 3);
  const int changes = f.store->db().getTotalChanges();
  CHECK(f.store->Guarded("warming", [&] { return f.ledger->Warm(); }).ok());
  CHECK(f.store->db().getTotalChanges() == changes);
  f.Append(kShop);  // the warmed statements append as before
  auto check = f.ledger->Verify();
  REQUIRE(check.ok());
  CHECK(check->ok);
  CHECK(check->entries == 4);

  REQUIRE(f.Tamper("DELETE FROM ledger WHERE seq > 2").ok());
  const Status warmed = f.store->Guarded("warming", [&] { return f.ledger->Warm(); });
  CHECK(warmed.code() == ErrorCode::kVaultCorrupt);
  CHECK(warmed.message().find("head says 4") != std::string::npos);
}

TEST_CASE("an append rolled back leaves nothing in memory: the next follows the last committed") {
  Fixture f;
  f.Append(kShop, 2);
  const Status failed = f.store->Write([&]() -> Status {
    PIMS_RETURN_IF_ERROR(f.ledger->Append(kShop, kFields, f.clock.now + 1));
    return Status(ErrorCode::kInternal, "the rest of the write failed");
  });
  REQUIRE(failed.code() == ErrorCode::kInternal);
  f.Append(kShop);
  auto check = f.ledger->Verify();
  REQUIRE(check.ok());
  CHECK(check->ok);
  CHECK(check->entries == 3);
}

TEST_CASE("two hosts append in turn to one file: each follows the other's end, not its own") {
  Fixture f;
  auto opened = SealedStore::Open(f.file, f.clock);
  REQUIRE(opened.ok());
  std::unique_ptr<SealedStore> other_store = std::move(opened).value();
  REQUIRE(other_store->Unlock("pw").ok());
  SiteStore other_sites(*other_store);
  Ledger other(*other_store, other_sites);
  for (int i = 0; i < 3; ++i) {
    f.Append(kShop);
    REQUIRE(
        other_store->Write([&] { return other.Append(kOther, kFields, f.clock.now + 1); }).ok());
  }
  auto check = f.ledger->Verify();
  REQUIRE(check.ok());
  CHECK(check->ok);
  CHECK(check->entries == 6);
  // Entries cut from the end by someone else while this host runs: its next append sees it,
  // though it holds the end it wrote last.
  {
    SQLite::Database db(f.file.string(), SQLite::OPEN_READWRITE);
    db.exec("DELETE FROM ledger WHERE seq > 4");
  }
  const Status appended =
      f.store->Write([&] { return f.ledger->Append(kShop, kFields, f.clock.now + 1); });
  CHECK(appended.code() == ErrorCode::kVaultCorrupt);
  CHECK(appended.message().find("head says 6") != std::string::npos);
}

TEST_CASE("an entry whose sealed bytes were swapped for another's fails to open") {
  Fixture f;
  f.Append(kShop, 2);
  REQUIRE(
      f.Tamper("UPDATE ledger SET entry = (SELECT entry FROM ledger WHERE seq = 1) WHERE seq = 2")
          .ok());
  auto page = f.ledger->List(std::nullopt, 10, std::nullopt);
  CHECK(page.status().code() == ErrorCode::kVaultCorrupt);
}

}  // namespace pims
