// Vault internals shared by the vault's source files (vault.cpp, profile_store.cpp,
// site_store.cpp, ledger.cpp). Not part of libpims' face.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/crypto.h"
#include "pims/vault.h"

namespace pims {

// The keys of an unlocked vault, all in guarded memory. Subkeys are derived from the data key
// so that one purpose's key never doubles as another's.
struct Keyring {
  KeyBytes data;    // the random data key; wrapped under the password key in meta.data_key
  KeyBytes seal;    // seals every stored value (XChaCha20-Poly1305)
  KeyBytes lookup;  // keyed BLAKE2b of site names, for lookup without storing them in clear
  KeyBytes ledger;  // keyed BLAKE2b chaining the ledger's entries

  static Keyring FromDataKey(KeyBytes data_key);
};

// Associated data for a sealed value: "pims1|part|part|...". Parts never contain '|'... except
// values we do not control, so each part is length-prefixed.
std::string SealContext(std::initializer_list<std::string_view> parts);

// The bytes of a BLOB column; valid until the statement steps again.
inline std::string_view BlobView(const SQLite::Column& column) {
  return {static_cast<const char*>(column.getBlob()), static_cast<size_t>(column.getBytes())};
}

class Vault::Impl {
 public:
  Impl(std::unique_ptr<SQLite::Database> db, const Clock& clock)
      : db(std::move(db)), clock(clock) {}

  Status RequireUnlocked() const;
  // Reads meta.key; nullopt when absent.
  std::optional<std::string> ReadMeta(std::string_view key);
  void WriteMeta(std::string_view key, std::string_view value);

  std::string Seal(std::string_view clear, std::initializer_list<std::string_view> where) const {
    return crypto::Seal(keys->seal, clear, SealContext(where));
  }
  Result<Secret> Open(std::string_view sealed,
                      std::initializer_list<std::string_view> where) const {
    return crypto::Open(keys->seal, sealed, SealContext(where));
  }

  // Site storage (site_store.cpp).
  crypto::Hash SiteLookup(const Site& site) const;
  struct StoredPolicy {
    SitePolicy policy;
    std::optional<int64_t> last_shared;
  };
  Result<std::optional<StoredPolicy>> LoadPolicy(const crypto::Hash& lookup);
  void StorePolicy(const crypto::Hash& lookup, const Site& site, const StoredPolicy& policy);

  // Ledger (ledger.cpp). REQUIRES: inside a write transaction.
  Status AppendLedger(const Site& site, const crypto::Hash& lookup,
                      const std::vector<std::string>& fields, int64_t time);
  // The head written at creation: an empty chain.
  void InitLedgerHead();

  std::unique_ptr<SQLite::Database> db;
  const Clock& clock;
  std::optional<Keyring> keys;
};

}  // namespace pims
