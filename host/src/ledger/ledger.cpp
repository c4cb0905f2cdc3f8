#include "ledger/ledger.h"

#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "pims/json_fields.h"
#include "pims/platform.h"

namespace pims {
namespace {

using nlohmann::json;

constexpr std::string_view kMetaLedgerHead = "ledger_head";
constexpr std::string_view kInsertEntry =
    "INSERT INTO ledger(seq, site, entry, mac) VALUES(?, ?, ?, ?)";

crypto::Hash ChainMac(const KeyBytes& key, int64_t seq, std::string_view prev_mac,
                      std::string_view site_lookup, std::string_view sealed_entry) {
  const std::string seq_text = std::to_string(seq);
  return crypto::KeyedHashParts(key,
                                {"pims1-ledger", seq_text, prev_mac, site_lookup, sealed_entry});
}

std::string SealHead(const Keyring& keys, int64_t count, std::string_view mac) {
  return SealedStore::SealUnder(keys, json{{"count", count}, {"mac", crypto::ToHex(mac)}}.dump(),
                                {"meta", "ledger_head"});
}

// An entry's sealed content: {"fields", "once"?, "record"?: {"id", "label"}, "site", "time"},
// written directly (a fill writes one per request), as nlohmann::json would write it.
std::string EntryText(const LedgerEntry& entry) {
  std::string text = "{\"fields\":";
  AppendJsonStrings(text, entry.fields);
  if (entry.once) text.append(",\"once\":true");
  if (entry.record) {
    text.append(",\"record\":");
    AppendJsonStringObject(text, {{"id", entry.record->id}, {"label", entry.record->label}});
  }
  text.append(",\"site\":");
  AppendJsonString(text, entry.site);
  text.append(",\"time\":");
  text.append(std::to_string(entry.time));
  text.push_back('}');
  return text;
}

// The optional parts of an entry written by a pick or a once-fill.
Status ReadEntryExtras(const JsonFields& fields, const std::string& what, LedgerEntry& entry) {
  PIMS_ASSIGN_OR_RETURN(const json* record, fields.OptionalObject("record"));
  if (record != nullptr) {
    const JsonFields record_fields = JsonFields::OfRecord(*record, what + "'s record");
    LedgerRecord picked;
    PIMS_ASSIGN_OR_RETURN(picked.id, record_fields.RequireString("id"));
    PIMS_ASSIGN_OR_RETURN(picked.label, record_fields.RequireString("label"));
    entry.record = std::move(picked);
  }
  PIMS_ASSIGN_OR_RETURN(std::optional<bool> once, fields.OptionalBool("once"));
  entry.once = once.value_or(false);
  return Status::Ok();
}

struct Head {
  int64_t count = 0;
  std::string mac_hex;
};

Result<Head> ReadHead(SealedStore& store, const Keyring& keys) {
  constexpr std::string_view kWhat = "the ledger's head record";
  auto sealed = store.ReadMeta(kMetaLedgerHead);
  if (!sealed) return Status(ErrorCode::kVaultCorrupt, "the ledger's head record is missing");
  PIMS_ASSIGN_OR_RETURN(Secret clear,
                        SealedStore::OpenUnder(keys, *sealed, {"meta", "ledger_head"}));
  PIMS_ASSIGN_OR_RETURN(json record, ParseStoredRecord(clear.reveal(), kWhat));
  const JsonFields fields = JsonFields::OfRecord(record, std::string(kWhat));
  PIMS_ASSIGN_OR_RETURN(int64_t count, fields.RequireInteger("count", 0, INT64_MAX));
  PIMS_ASSIGN_OR_RETURN(std::string mac, fields.RequireString("mac"));
  return Head{count, std::move(mac)};
}

Result<LedgerEntry> OpenEntry(const Keyring& keys, int64_t seq, std::string_view sealed) {
  const std::string what = "ledger entry " + std::to_string(seq);
  PIMS_ASSIGN_OR_RETURN(Secret clear,
                        SealedStore::OpenUnder(keys, sealed, {"ledger", std::to_string(seq)}));
  PIMS_ASSIGN_OR_RETURN(json record, ParseStoredRecord(clear.reveal(), what));
  const JsonFields fields = JsonFields::OfRecord(record, what);
  LedgerEntry entry;
  entry.seq = seq;
  PIMS_ASSIGN_OR_RETURN(entry.time, fields.RequireInteger("time", INT64_MIN, INT64_MAX));
  PIMS_ASSIGN_OR_RETURN(entry.site, fields.RequireString("site"));
  PIMS_ASSIGN_OR_RETURN(entry.fields, fields.RequireStrings("fields"));
  PIMS_RETURN_IF_ERROR(ReadEntryExtras(fields, what, entry));
  return entry;
}

}  // namespace

json LedgerEntryToJson(const LedgerEntry& entry) {
  json out{{"seq", entry.seq},
           {"time", FormatTime(entry.time)},
           {"site", entry.site},
           {"fields", entry.fields}};
  if (entry.record) out["record"] = {{"id", entry.record->id}, {"label", entry.record->label}};
  if (entry.once) out["once"] = true;
  return out;
}

void Ledger::InitHead() {
  end_.Forget();
  const std::string zero(crypto::kHashBytes, '\0');
  store_.WriteMeta(kMetaLedgerHead, SealHead(store_.keys(), 0, zero));
}

// The chain's last seq and mac, after checking that the head says the same. The chain must end
// where its head says before it grows: entries cut from the end (or a head from another copy)
// would otherwise be papered over by the next append.
Result<Ledger::End> Ledger::CheckedEnd() {
  if (const End* kept = end_.Find(store_)) return *kept;
  End end{0, std::string(crypto::kHashBytes, '\0')};
  {
    CachedStatement last = store_.Prepared("SELECT seq, mac FROM ledger ORDER BY seq DESC LIMIT 1");
    if (last->executeStep()) {
      end.seq = last->getColumn(0).getInt64();
      end.mac = std::string(BlobView(last->getColumn(1)));
    }
  }
  PIMS_ASSIGN_OR_RETURN(Head head, ReadHead(store_, store_.keys()));
  if (head.count != end.seq || head.mac_hex != crypto::ToHex(end.mac)) {
    return Status(ErrorCode::kVaultCorrupt, "the ledger was altered: it ends at entry " +
                                                std::to_string(end.seq) + " but its head says " +
                                                std::to_string(head.count) +
                                                "; nothing more is recorded until it is restored");
  }
  return end_.Keep(store_, std::move(end));
}

Status Ledger::Warm() {
  PIMS_RETURN_IF_ERROR(CheckedEnd().status());
  (void)store_.Prepared(kInsertEntry);
  store_.PrepareMetaWrite();
  return Status::Ok();
}

Status Ledger::Append(const Site& site, const std::vector<std::string>& fields, int64_t time,
                      const std::optional<LedgerRecord>& record, bool once) {
  const crypto::Hash lookup = sites_.Lookup(site);
  PIMS_ASSIGN_OR_RETURN(End end, CheckedEnd());
  const int64_t seq = end.seq + 1;
  const LedgerEntry entry{seq, time, site.ToString(), fields, record, once};
  const std::string sealed = store_.Seal(EntryText(entry), {"ledger", std::to_string(seq)});
  const crypto::Hash mac =
      ChainMac(store_.keys().ledger, seq, end.mac, crypto::AsBytes(lookup), sealed);
  CachedStatement insert = store_.Prepared(kInsertEntry);
  insert->bind(1, seq);
  BindBlob(*insert, 2, crypto::AsBytes(lookup));
  BindBlob(*insert, 3, sealed);
  BindBlob(*insert, 4, crypto::AsBytes(mac));
  insert->exec();
  store_.WriteMeta(kMetaLedgerHead, SealHead(store_.keys(), seq, crypto::AsBytes(mac)));
  end_.Keep(store_, End{seq, std::string(crypto::AsBytes(mac))});
  return Status::Ok();
}

Result<LedgerPage> Ledger::List(const std::optional<Site>& site, int limit,
                                std::optional<int64_t> before) {
  limit = std::max(limit, 1);
  std::string sql = "SELECT seq, entry FROM ledger WHERE seq < ?";
  if (site) sql += " AND site = ?";
  sql += " ORDER BY seq DESC LIMIT ?";
  SQLite::Statement q(store_.db(), sql);
  int index = 1;
  q.bind(index++, before.value_or(INT64_MAX));
  crypto::Hash lookup{};
  if (site) {
    lookup = sites_.Lookup(*site);
    BindBlob(q, index++, crypto::AsBytes(lookup));
  }
  q.bind(index, int64_t{limit} + 1);  // one more tells whether there is a next page
  LedgerPage page;
  while (q.executeStep()) {
    const int64_t seq = q.getColumn(0).getInt64();
    if (static_cast<int64_t>(page.entries.size()) == limit) {
      page.next = page.entries.back().seq;
      break;
    }
    PIMS_ASSIGN_OR_RETURN(LedgerEntry entry,
                          OpenEntry(store_.keys(), seq, BlobView(q.getColumn(1))));
    page.entries.push_back(std::move(entry));
  }
  return page;
}

Result<std::optional<int64_t>> Ledger::LastShared(const Site& site) {
  const crypto::Hash lookup = sites_.Lookup(site);
  CachedStatement q =
      store_.Prepared("SELECT seq, entry FROM ledger WHERE site = ? ORDER BY seq DESC LIMIT 1");
  BindBlob(*q, 1, crypto::AsBytes(lookup));
  if (!q->executeStep()) return std::optional<int64_t>();
  PIMS_ASSIGN_OR_RETURN(LedgerEntry entry, OpenEntry(store_.keys(), q->getColumn(0).getInt64(),
                                                     BlobView(q->getColumn(1))));
  return std::optional<int64_t>(entry.time);
}

Result<LedgerCheck> Ledger::Verify() { return VerifyUnder(store_.keys()); }

Result<LedgerCheck> Ledger::VerifyUnder(const Keyring& keys) {
  LedgerCheck check;
  auto fail = [&](int64_t seq, const std::string& what) {
    check.ok = false;
    check.problem = "entry " + std::to_string(seq) + ": " + what;
    return check;
  };
  std::string prev_mac(crypto::kHashBytes, '\0');
  int64_t expected = 1;
  SQLite::Statement q(store_.db(), "SELECT seq, site, entry, mac FROM ledger ORDER BY seq");
  while (q.executeStep()) {
    const int64_t seq = q.getColumn(0).getInt64();
    if (seq != expected) {
      return fail(expected, seq > expected ? "missing (removed from the chain)" : "out of order");
    }
    const std::string site_lookup(BlobView(q.getColumn(1)));
    const std::string sealed(BlobView(q.getColumn(2)));
    const crypto::Hash mac = ChainMac(keys.ledger, seq, prev_mac, site_lookup, sealed);
    if (crypto::AsBytes(mac) != BlobView(q.getColumn(3))) {
      return fail(seq, "does not chain to the entry before it (edited, replaced or reordered)");
    }
    auto entry = OpenEntry(keys, seq, sealed);
    if (!entry.ok()) return fail(seq, "cannot be opened (edited)");
    auto site = SiteFromUrl(entry->site);
    if (!site.ok() || crypto::AsBytes(SiteStore::LookupUnder(keys, *site)) != site_lookup) {
      return fail(seq, "is filed under another site");
    }
    prev_mac = std::string(crypto::AsBytes(mac));
    ++expected;
  }
  check.entries = expected - 1;
  auto head = ReadHead(store_, keys);
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
}

Status Ledger::Reseal(const Keyring& from, const Keyring& to) {
  end_.Forget();  // every entry's mac changes
  // A chain is never laundered: an altered ledger stays altered, and the password stays.
  PIMS_ASSIGN_OR_RETURN(LedgerCheck check, VerifyUnder(from));
  if (!check.ok) {
    return Status(ErrorCode::kVaultCorrupt,
                  "the ledger was altered (" + check.problem + "): the password was not changed");
  }
  constexpr int kPage = 1000;
  CachedStatement page =
      store_.Prepared("SELECT seq, entry FROM ledger WHERE seq > ? ORDER BY seq LIMIT ?");
  CachedStatement update =
      store_.Prepared("UPDATE ledger SET site = ?, entry = ?, mac = ? WHERE seq = ?");
  std::string prev_mac(crypto::kHashBytes, '\0');
  int64_t last = 0;
  for (;;) {
    std::vector<std::pair<int64_t, std::string>> rows;
    page->bind(1, last);
    page->bind(2, kPage);
    while (page->executeStep()) {
      rows.emplace_back(page->getColumn(0).getInt64(), std::string(BlobView(page->getColumn(1))));
    }
    page->reset();
    if (rows.empty()) break;
    for (const auto& [seq, sealed] : rows) {
      const std::string where = std::to_string(seq);
      PIMS_ASSIGN_OR_RETURN(LedgerEntry entry, OpenEntry(from, seq, sealed));
      PIMS_ASSIGN_OR_RETURN(Site site, SiteFromUrl(entry.site));
      const crypto::Hash lookup = SiteStore::LookupUnder(to, site);
      const std::string resealed = SealedStore::SealUnder(to, EntryText(entry), {"ledger", where});
      const crypto::Hash mac =
          ChainMac(to.ledger, seq, prev_mac, crypto::AsBytes(lookup), resealed);
      BindBlob(*update, 1, crypto::AsBytes(lookup));
      BindBlob(*update, 2, resealed);
      BindBlob(*update, 3, crypto::AsBytes(mac));
      update->bind(4, seq);
      update->exec();
      update->reset();
      prev_mac = std::string(crypto::AsBytes(mac));
      last = seq;
    }
  }
  store_.WriteMeta(kMetaLedgerHead, SealHead(to, last, prev_mac));
  return Status::Ok();
}

}  // namespace pims
