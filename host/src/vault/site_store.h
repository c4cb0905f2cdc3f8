// Per-site consent in the vault. A site is found by a keyed BLAKE2b hash of its name (its
// lookup), and its name and policy are sealed, so the file alone reveals neither the shops nor
// what they get. Internal to libpims.
//
// Errors: Status/Result methods never throw; the others may throw SQLite::Exception (callers run
// them inside SealedStore::Guarded or Write). REQUIRES: the store is unlocked.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "pims/policy.h"
#include "store/sealed_store.h"

namespace pims {

class SiteStore {
 public:
  // The store must outlive this object.
  explicit SiteStore(SealedStore& store) : store_(store) {}

  // A site's row key: a keyed hash of its name (under given keys: a password change).
  crypto::Hash Lookup(const Site& site) const { return LookupUnder(store_.keys(), site); }
  static crypto::Hash LookupUnder(const Keyring& keys, const Site& site);

  struct Stored {
    SitePolicy policy;
    std::optional<int64_t> last_shared;  // ms since the epoch
  };
  // nullopt for a site never configured; kVaultCorrupt for a damaged row. Kept decrypted for the
  // store's generation (a fill loads its site's policy on every request), at most kKeptSites.
  Result<std::optional<Stored>> Load(const crypto::Hash& lookup);
  // Wipes the policies kept in memory (the vault locked).
  void ForgetKept() { kept_.Forget(); }
  void Store(const crypto::Hash& lookup, const Site& site, const Stored& stored);
  // False when no row was there.
  bool Forget(const crypto::Hash& lookup);
  // Every configured site, sorted by name.
  Result<std::vector<SiteSummary>> List();
  // Reseals every row (its name, policy and lookup) from the keys `from` to `to`.
  // REQUIRES: inside a write transaction.
  Status Reseal(const Keyring& from, const Keyring& to);

 private:
  // Tracks the row being replaced or removed, if there is one (row_digest.h).
  void TrackOld(const crypto::Hash& lookup);

  // What `lookup` holds now (nullopt: no row), for later Loads in this generation.
  void Keep(const crypto::Hash& lookup, std::optional<Stored> stored);

  static constexpr size_t kKeptSites = 16;
  SealedStore& store_;
  GenerationCached<std::map<crypto::Hash, std::optional<Stored>>> kept_;
};

}  // namespace pims
