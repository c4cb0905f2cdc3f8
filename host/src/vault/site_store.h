// Per-site consent in the vault. A site is found by a keyed BLAKE2b hash of its name (its
// lookup), and its name and policy are sealed, so the file alone reveals neither the shops nor
// what they get. Internal to libpims.
//
// Errors: Status/Result methods never throw; the others may throw SQLite::Exception (callers run
// them inside SealedStore::Guarded or Write). REQUIRES: the store is unlocked.
#pragma once

#include <optional>
#include <vector>

#include "pims/policy.h"
#include "store/sealed_store.h"

namespace pims {

class SiteStore {
 public:
  // The store must outlive this object.
  explicit SiteStore(SealedStore& store) : store_(store) {}

  // A site's row key: a keyed hash of its name.
  crypto::Hash Lookup(const Site& site) const;

  struct Stored {
    SitePolicy policy;
    std::optional<int64_t> last_shared;  // ms since the epoch
  };
  // nullopt for a site never configured; kVaultCorrupt for a damaged row.
  Result<std::optional<Stored>> Load(const crypto::Hash& lookup);
  void Store(const crypto::Hash& lookup, const Site& site, const Stored& stored);
  // False when no row was there.
  bool Forget(const crypto::Hash& lookup);
  // Every configured site, sorted by name.
  Result<std::vector<SiteSummary>> List();

 private:
  SealedStore& store_;
};

}  // namespace pims
