// The ledger: what was shared with which site, and when. Never values. Internal to libpims;
// the shopper reads it through Vault::ListLedger / VerifyLedger (pims/ledger.h).
//
// Entry n (seq = n, counting from 1) is stored as
//   site  = the site's keyed lookup hash (so one site's entries can be listed without decrypting
//           every entry),
//   entry = sealed {"time", "site", "fields"} and, for a picked record or a once-fill,
//           "record": {"id", "label"} and "once": true (entries without them read as before),
//           bound to "ledger|n",
//   mac   = BLAKE2b_ledgerkey(n, mac of entry n-1, site, entry)   (entry 0's mac: 32 zero bytes).
// meta.ledger_head seals {"count": n, "mac": hex of the last mac}. Removing, reordering or editing
// an entry breaks the chain; removing entries from the end disagrees with the head; removing the
// head is itself reported.
//
// Errors: Status/Result methods never throw; InitHead may throw SQLite::Exception (callers run
// it inside SealedStore::Write). REQUIRES: the store is unlocked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pims/ledger.h"
#include "pims/site.h"
#include "store/sealed_store.h"
#include "vault/site_store.h"

namespace pims {

class Ledger {
 public:
  // Both must outlive this object; `sites` files each entry under its site's lookup.
  Ledger(SealedStore& store, const SiteStore& sites) : store_(store), sites_(sites) {}

  // The head of an empty chain, written when the vault is created.
  void InitHead();
  // Readies an Append: compiles its statements, reads the chain's end and checks it against the
  // head (so their pages are in SQLite's cache), writing nothing. kVaultCorrupt as Append
  // reports it. May throw SQLite::Exception (callers run it inside SealedStore::Guarded).
  Status Warm();
  // Appends one entry. REQUIRES: inside a write transaction (SealedStore::Write), so that the
  // entry and the head land together, with whatever else the caller writes.
  // kVaultCorrupt, appending nothing, when the chain does not end where the head says (entries
  // were cut from the end, or the head comes from another copy of the vault).
  // `record` and `once` as LedgerEntry says.
  Status Append(const Site& site, const std::vector<std::string>& fields, int64_t time,
                const std::optional<LedgerRecord>& record = std::nullopt, bool once = false);
  // Newest first, optionally for one site: at most `limit` (at least 1) entries older than
  // `before` (a seq) when given.
  Result<LedgerPage> List(const std::optional<Site>& site, int limit,
                          std::optional<int64_t> before);
  // The time of the site's newest entry (ms since the epoch); nullopt when it has none. This is
  // the site's "last shared": a fill writes its entry and nothing else about the site.
  Result<std::optional<int64_t>> LastShared(const Site& site);
  // Walks the whole chain: reports a removed, reordered, edited or truncated entry.
  Result<LedgerCheck> Verify();
  Result<LedgerCheck> VerifyUnder(const Keyring& keys);
  // Re-chains every entry and the head from the keys `from` to `to` (a password change), after
  // checking the chain under `from`: kVaultCorrupt for an altered ledger, which is never
  // re-chained. REQUIRES: inside a write transaction.
  Status Reseal(const Keyring& from, const Keyring& to);
  // Drops the chain's end kept in memory (the vault locked).
  void ForgetKept() { end_.Forget(); }

 private:
  struct End {
    int64_t seq;
    std::string mac;
  };
  // The chain's last entry, checked against the head once per store generation and then kept
  // (Append keeps the end it writes).
  Result<End> CheckedEnd();

  SealedStore& store_;
  const SiteStore& sites_;
  GenerationCached<End> end_;
};

}  // namespace pims
