// Vault internals shared by the vault's source files (vault.cpp, profile_store.cpp,
// site_store.cpp, ledger.cpp). Not part of libpims' face.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <initializer_list>
#include <map>
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

// A statement from the vault's cache (Vault::Impl::Prepared), in use for one scope: on leaving
// it the statement is reset and its bindings cleared, so no read stays open and no value stays
// bound to it.
class CachedStatement {
 public:
  explicit CachedStatement(SQLite::Statement& statement) : statement_(statement) {}
  ~CachedStatement() {
    statement_.tryReset();
    statement_.clearBindings();
  }
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  SQLite::Statement* operator->() { return &statement_; }
  SQLite::Statement& operator*() { return statement_; }

 private:
  SQLite::Statement& statement_;
};

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

  // A fill's decision (vault_fill.cpp): the site's policy, the classifier's tokens and the plan,
  // with the allowed values decrypted; nothing written. May throw SQLite::Exception.
  Result<FillResult> DecideFill(const Site& site, const crypto::Hash& lookup, FillTrigger trigger,
                                std::span<const FieldDescriptor> fields,
                                const FieldClassifier& classifier);

  // Ledger (ledger.cpp). REQUIRES: inside a write transaction.
  Status AppendLedger(const Site& site, const crypto::Hash& lookup,
                      const std::vector<std::string>& fields, int64_t time);
  // The head written at creation: an empty chain.
  void InitLedgerHead();

  // The statement for sql, compiled on first use and kept for the connection's life: the fill
  // path runs a dozen statements per request, and compiling them was an eighth of its time.
  // May throw SQLite::Exception (as compiling does).
  CachedStatement Prepared(std::string_view sql);

  std::unique_ptr<SQLite::Database> db;
  const Clock& clock;
  std::optional<Keyring> keys;

 private:
  // Declared after db, so destroyed (finalized) before the connection closes.
  std::map<std::string, std::unique_ptr<SQLite::Statement>, std::less<>> statements_;
};

}  // namespace pims
