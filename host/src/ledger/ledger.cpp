// The ledger: what was shared with which site, and when. Never values.
//
// Entry n (seq = n, counting from 1) is stored as
//   site  = the site's keyed lookup hash (so one site's entries can be listed without decrypting
//           every entry),
//   entry = sealed {"time", "site", "fields"} bound to "ledger|n",
//   mac   = BLAKE2b_ledgerkey(n, mac of entry n-1, site, entry)   (entry 0's mac: 32 zero bytes).
// meta.ledger_head seals {"count": n, "mac": hex of the last mac}. Removing, reordering or editing
// an entry breaks the chain; removing entries from the end disagrees with the head; removing the
// head is itself reported. Appends happen inside the fill's write transaction.
#include <nlohmann/json.hpp>

#include "store/database.h"
#include "vault/vault_impl.h"

namespace pims {
namespace {

using nlohmann::json;

constexpr std::string_view kMetaLedgerHead = "ledger_head";

crypto::Hash ChainMac(const KeyBytes& key, int64_t seq, std::string_view prev_mac,
                      std::string_view site_lookup, std::string_view sealed_entry) {
  const std::string seq_text = std::to_string(seq);
  return crypto::KeyedHashParts(key,
                                {"pims1-ledger", seq_text, prev_mac, site_lookup, sealed_entry});
}

std::string SealHead(const Vault::Impl& v, int64_t count, std::string_view mac) {
  return v.Seal(json{{"count", count}, {"mac", crypto::ToHex(mac)}}.dump(),
                {"meta", "ledger_head"});
}

struct Head {
  int64_t count = 0;
  std::string mac_hex;
};

Result<Head> ReadHead(Vault::Impl& v) {
  auto sealed = v.ReadMeta(kMetaLedgerHead);
  if (!sealed) return Status(ErrorCode::kVaultCorrupt, "the ledger's head record is missing");
  PIMS_ASSIGN_OR_RETURN(Secret clear, v.Open(*sealed, {"meta", "ledger_head"}));
  json j = json::parse(clear.reveal(), nullptr, false);
  if (!j.is_object() || !j["count"].is_number_integer() || !j["mac"].is_string()) {
    return Status(ErrorCode::kVaultCorrupt, "the ledger's head record is damaged");
  }
  return Head{j["count"].get<int64_t>(), j["mac"].get<std::string>()};
}

Result<LedgerEntry> OpenEntry(const Vault::Impl& v, int64_t seq, std::string_view sealed) {
  PIMS_ASSIGN_OR_RETURN(Secret clear, v.Open(sealed, {"ledger", std::to_string(seq)}));
  json j = json::parse(clear.reveal(), nullptr, false);
  if (!j.is_object() || !j["time"].is_number_integer() || !j["site"].is_string() ||
      !j["fields"].is_array()) {
    return Status(ErrorCode::kVaultCorrupt, "ledger entry " + std::to_string(seq) + " is damaged");
  }
  LedgerEntry entry;
  entry.seq = seq;
  entry.time = j["time"].get<int64_t>();
  entry.site = j["site"].get<std::string>();
  for (const json& f : j["fields"]) {
    if (!f.is_string()) {
      return Status(ErrorCode::kVaultCorrupt,
                    "ledger entry " + std::to_string(seq) + " is damaged");
    }
    entry.fields.push_back(f.get<std::string>());
  }
  return entry;
}

}  // namespace

void Vault::Impl::InitLedgerHead() {
  const std::string zero(crypto::kHashBytes, '\0');
  WriteMeta(kMetaLedgerHead, SealHead(*this, 0, zero));
}

Status Vault::Impl::AppendLedger(const Site& site, const crypto::Hash& lookup,
                                 const std::vector<std::string>& fields, int64_t time) {
  int64_t prev_seq = 0;
  std::string prev_mac(crypto::kHashBytes, '\0');
  {
    CachedStatement last = Prepared("SELECT seq, mac FROM ledger ORDER BY seq DESC LIMIT 1");
    if (last->executeStep()) {
      prev_seq = last->getColumn(0).getInt64();
      prev_mac = std::string(BlobView(last->getColumn(1)));
    }
  }
  const int64_t seq = prev_seq + 1;
  const std::string sealed =
      Seal(json{{"time", time}, {"site", site.ToString()}, {"fields", fields}}.dump(),
           {"ledger", std::to_string(seq)});
  const crypto::Hash mac = ChainMac(keys->ledger, seq, prev_mac, crypto::AsBytes(lookup), sealed);
  CachedStatement insert = Prepared("INSERT INTO ledger(seq, site, entry, mac) VALUES(?, ?, ?, ?)");
  insert->bind(1, seq);
  insert->bind(2, lookup.data(), static_cast<int>(lookup.size()));
  insert->bind(3, sealed.data(), static_cast<int>(sealed.size()));
  insert->bind(4, mac.data(), static_cast<int>(mac.size()));
  insert->exec();
  WriteMeta(kMetaLedgerHead, SealHead(*this, seq, crypto::AsBytes(mac)));
  return Status::Ok();
}

Result<LedgerPage> Vault::ListLedger(const std::optional<Site>& site, int limit,
                                     std::optional<int64_t> before) {
  PIMS_RETURN_IF_ERROR(impl_->RequireUnlocked());
  if (limit < 1) limit = 1;
  try {
    std::string sql = "SELECT seq, entry FROM ledger WHERE seq < ?";
    if (site) sql += " AND site = ?";
    sql += " ORDER BY seq DESC LIMIT ?";
    SQLite::Statement q(*impl_->db, sql);
    int index = 1;
    q.bind(index++, before.value_or(INT64_MAX));
    crypto::Hash lookup{};
    if (site) {
      lookup = impl_->SiteLookup(*site);
      q.bind(index++, lookup.data(), static_cast<int>(lookup.size()));
    }
    q.bind(index, limit + 1);  // one more tells whether there is a next page
    LedgerPage page;
    while (q.executeStep()) {
      const int64_t seq = q.getColumn(0).getInt64();
      if (static_cast<int>(page.entries.size()) == limit) {
        page.next = page.entries.back().seq;
        break;
      }
      PIMS_ASSIGN_OR_RETURN(LedgerEntry entry, OpenEntry(*impl_, seq, BlobView(q.getColumn(1))));
      page.entries.push_back(std::move(entry));
    }
    return page;
  } catch (...) {
    return store::StatusFromCurrentException("reading the ledger");
  }
}

Result<LedgerCheck> Vault::VerifyLedger() {
  PIMS_RETURN_IF_ERROR(impl_->RequireUnlocked());
  try {
    LedgerCheck check;
    auto fail = [&](int64_t seq, const std::string& what) {
      check.ok = false;
      check.problem = "entry " + std::to_string(seq) + ": " + what;
      return check;
    };
    std::string prev_mac(crypto::kHashBytes, '\0');
    int64_t expected = 1;
    SQLite::Statement q(*impl_->db, "SELECT seq, site, entry, mac FROM ledger ORDER BY seq");
    while (q.executeStep()) {
      const int64_t seq = q.getColumn(0).getInt64();
      if (seq != expected) {
        return fail(expected, seq > expected ? "missing (removed from the chain)" : "out of order");
      }
      const std::string site_lookup(BlobView(q.getColumn(1)));
      const std::string sealed(BlobView(q.getColumn(2)));
      const crypto::Hash mac = ChainMac(impl_->keys->ledger, seq, prev_mac, site_lookup, sealed);
      if (crypto::AsBytes(mac) != BlobView(q.getColumn(3))) {
        return fail(seq, "does not chain to the entry before it (edited, replaced or reordered)");
      }
      auto entry = OpenEntry(*impl_, seq, sealed);
      if (!entry.ok()) return fail(seq, "cannot be opened (edited)");
      auto site = SiteFromUrl(entry->site);
      if (!site.ok() || crypto::AsBytes(impl_->SiteLookup(*site)) != site_lookup) {
        return fail(seq, "is filed under another site");
      }
      prev_mac = std::string(crypto::AsBytes(mac));
      ++expected;
    }
    check.entries = expected - 1;
    auto head = ReadHead(*impl_);
    if (!head.ok()) return fail(expected, head.status().message());
    if (head->count != check.entries || head->mac_hex != crypto::ToHex(prev_mac)) {
      check.ok = false;
      check.problem = "the ledger ends at entry " + std::to_string(check.entries) +
                      " but its head says " + std::to_string(head->count) +
                      " (entries were removed from the end)";
      return check;
    }
    check.ok = true;
    return check;
  } catch (...) {
    return store::StatusFromCurrentException("verifying the ledger");
  }
}

}  // namespace pims
