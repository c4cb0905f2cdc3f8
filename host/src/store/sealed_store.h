// The vault's sealed storage: the SQLite file (store/database.h), its cached statements, the
// meta table, the key hierarchy behind the master password, and sealing under it. The stores of
// the vault (profile, sites, settings) and the ledger keep their rows through one SealedStore.
// Internal to libpims; docs/vault.md describes the cryptography and the schema.
//
// Keys: master password -> Argon2id (parameters in meta.kdf) -> key-encryption key -> the random
// data key (sealed in meta.data_key) -> one subkey per purpose (Keyring). Every stored value is
// sealed with XChaCha20-Poly1305 under Keyring::seal, its associated data naming where it lives
// (SealContext), so a value copied to another row or field fails to open.
//
// Errors: methods returning Status/Result never throw. The others (Prepared, ReadMeta,
// WriteMeta, Seal) may throw SQLite::Exception; callers run them inside Guarded() or Write(),
// which turn anything thrown into a Status.
//
// Thread-safety: not thread-safe; one per thread. Several processes may open one file: SQLite's
// locks serialise their writes (Write() takes the write lock up front).
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/crypto.h"
#include "pims/password_hashing.h"
#include "pims/platform.h"
#include "pims/secret.h"
#include "pims/status.h"
#include "store/database.h"

namespace pims {

// The keys of an unlocked vault, all in guarded memory. Subkeys are derived from the data key
// so that one purpose's key never doubles as another's.
struct Keyring {
  KeyBytes data;    // the random data key; wrapped under the password key in meta.data_key
  KeyBytes seal;    // seals every stored value (XChaCha20-Poly1305)
  KeyBytes lookup;  // keyed BLAKE2b of site names, for lookup without storing them in clear
  KeyBytes ledger;  // keyed BLAKE2b chaining the ledger's entries
  KeyBytes digest;  // keyed BLAKE2b of each protected row, for the rows' digest (row_digest.h)

  static Keyring FromDataKey(KeyBytes data_key);
};

// Associated data for a sealed value: "pims1|part|part|...", each part length-prefixed (parts
// may hold values we do not control).
std::string SealContext(std::initializer_list<std::string_view> parts);

// The bytes of a BLOB column; valid until the statement steps again.
inline std::string_view BlobView(const SQLite::Column& column) {
  return {static_cast<const char*>(column.getBlob()), static_cast<size_t>(column.getBytes())};
}

// Binds bytes as a BLOB (no copy: the bytes must outlive the statement's next step).
inline void BindBlob(SQLite::Statement& statement, int index, std::string_view bytes) {
  statement.bind(index, bytes.data(), static_cast<int>(bytes.size()));
}

// A statement from the store's cache (SealedStore::Prepared), in use for one scope: on leaving
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

class SealedStore {
 public:
  ~SealedStore();
  SealedStore(const SealedStore&) = delete;
  SealedStore& operator=(const SealedStore&) = delete;
  // A new vault file protected by password, returned unlocked; `initialize` writes the other
  // modules' first rows (the ledger's head, the settings) in the creating transaction.
  // kVaultExists if a file is there; kBadRequest for an empty password; kIoError.
  static Result<std::unique_ptr<SealedStore>> Create(
      const std::filesystem::path& file, std::string_view password, const PasswordHashing& cost,
      const Clock& clock, const std::function<Status(SealedStore&)>& initialize);
  // An existing vault file, locked. kVaultAbsent, kVaultCorrupt, kVaultNewer (database.h).
  static Result<std::unique_ptr<SealedStore>> Open(const std::filesystem::path& file,
                                                   const Clock& clock);

  // kBadPassword if the password does not open the data key (a tampered kdf row too);
  // kVaultCorrupt, staying locked, when the rows do not match their digest (CheckRows).
  Status Unlock(std::string_view password);
  // Wipes the keys. Idempotent.
  void Lock() {
    keys_.reset();
    ++generation_;
  }
  bool unlocked() const { return keys_.has_value(); }
  // A password change replaces the data key, so that whoever held an old copy of the vault and
  // its old password learns nothing about later copies. PrepareRekey checks old_password and
  // makes the new keys, wrapped under new_password (fresh salt, same cost); the caller then, in
  // ONE write transaction, reseals every row from `from` to `to` and calls WriteWrappedKey;
  // after the commit, AdoptKeys. kBadPassword if old_password is wrong; kBadRequest if
  // new_password is empty.
  struct Rekey {
    Keyring from;
    Keyring to;
    std::string kdf;       // meta.kdf for the new password
    std::string data_key;  // meta.data_key: the new data key wrapped under it
  };
  Result<Rekey> PrepareRekey(std::string_view old_password, std::string_view new_password);
  // REQUIRES: inside the transaction that reseals every row, after PauseTracking(). Writes the
  // new wrapped key and the rows' digest under the new keys.
  void WriteWrappedKey(const Rekey& rekey);
  // Rows resealed for a password change are not tracked one by one: WriteWrappedKey computes the
  // digest afresh. Tracking resumes when the transaction ends.
  void PauseTracking() { tracking_ = false; }
  void AdoptKeys(Keyring keys) {
    keys_ = std::move(keys);
    ++generation_;
  }

  // REQUIRES: unlocked().
  const Keyring& keys() const { return *keys_; }
  const Clock& clock() const { return clock_; }

  // Seals `clear` under the seal key, bound to `where`. REQUIRES: unlocked().
  std::string Seal(std::string_view clear, std::initializer_list<std::string_view> where) const {
    return crypto::Seal(keys_->seal, clear, SealContext(where));
  }
  // kVaultCorrupt when the value was altered or sealed for another place. REQUIRES: unlocked().
  Result<Secret> Open(std::string_view sealed,
                      std::initializer_list<std::string_view> where) const {
    return crypto::Open(keys_->seal, sealed, SealContext(where));
  }
  // The same under given keys (a password change reseals from the old keys to the new).
  static std::string SealUnder(const Keyring& keys, std::string_view clear,
                               std::initializer_list<std::string_view> where) {
    return crypto::Seal(keys.seal, clear, SealContext(where));
  }
  static Result<Secret> OpenUnder(const Keyring& keys, std::string_view sealed,
                                  std::initializer_list<std::string_view> where) {
    return crypto::Open(keys.seal, sealed, SealContext(where));
  }

  // meta.key, nullopt when absent; and its replacement. May throw SQLite::Exception.
  std::optional<std::string> ReadMeta(std::string_view key);
  void WriteMeta(std::string_view key, std::string_view value);
  // Compiles WriteMeta's statements now, writing nothing. May throw SQLite::Exception.
  void PrepareMetaWrite();

  // The statement for sql, compiled on first use and kept for the connection's life: the fill
  // path runs a dozen statements per request, and compiling them was an eighth of its time.
  // May throw SQLite::Exception (as compiling does).
  CachedStatement Prepared(std::string_view sql);
  SQLite::Database& db() { return *db_; }

  // Runs fn in one write transaction (BEGIN IMMEDIATE ... COMMIT; rolled back when fn fails or
  // throws): it lands whole or not at all, with the rows' digest updated for the rows it
  // tracked. When another connection committed between the last CheckRows and the write lock,
  // the rows are checked again under the lock before fn runs (kVaultCorrupt as CheckRows).
  Status Write(const std::function<Status()>& fn);

  // Write-ahead log upkeep. A commit leaves its pages in the log (vault.db-wal); copying them
  // into the file (a checkpoint: a few milliseconds, two syncs to disk) waits for a pause
  // between requests, Checkpoint() when CheckpointDue(), so that no fill waits for it. Only a
  // log past kCheckpointAtCommitPages (writes back to back, with no pause) is checkpointed at the
  // commit that fills it, as SQLite does at 1,000 pages by default.
  static constexpr int kCheckpointAtCommitPages = 4000;
  bool CheckpointDue() const { return wal_pages_ > 0; }
  // A passive checkpoint: it never waits for the other browser's host, and copies what its
  // reads allow; a log copied whole is started again (StartJournal). Errors are left for the
  // next one (the log stays valid).
  void Checkpoint();

  // Starts the write-ahead log now rather than at the next write. The first commit into a new
  // or fully checkpointed log writes its header and waits for the disk to sync it (a new log
  // file: its folder too), about 2 ms on a slow disk. This commit rewrites the file header's
  // user_version with the value it holds: one frame, no row and no value changed. Compiles the
  // statements every later write transaction runs (BEGIN IMMEDIATE, COMMIT).
  Status StartJournal();

  // A protected row (row_digest.h) that the current transaction writes or removes, as its
  // table, key and sealed content: {"sites", lookup, name, policy}. Writing a row means
  // tracking the row it replaces (if any) and the new one. REQUIRES: inside Write().
  void Track(std::initializer_list<std::string_view> row);
  // kVaultCorrupt when the file's protected rows do not match their digest: rows from another
  // copy of the vault were put into it. Recomputed only when another connection (the other
  // browser's host, or someone editing the file) has committed since the last check.
  Status CheckRows();
  // Changes whenever rows may differ from what this connection last read other than by its own
  // writes: another connection committed (seen by CheckRows, or by Write under the lock), a
  // write transaction of this connection rolled back, or the keys changed (lock, password
  // change). Modules that keep decrypted rows in memory (GenerationCached) compare it to know
  // when to read them again; their own writes update what they keep.
  uint64_t generation() const { return generation_; }

  // The one prologue of every operation on vault data: kLocked unless unlocked, then fn() with
  // anything it throws turned into a Status (store::StatusFromCurrentException, naming `what`:
  // "reading the profile"). F returns Status or Result<T>.
  template <typename F>
  auto Guarded(std::string_view what, F&& fn) -> decltype(fn()) {
    if (!unlocked()) return Status(ErrorCode::kLocked, "the vault is locked: unlock it first");
    try {
      PIMS_RETURN_IF_ERROR(CheckRows());
      return fn();
    } catch (...) {
      return store::StatusFromCurrentException(what);
    }
  }

 private:
  SealedStore(std::unique_ptr<SQLite::Database> db, const Clock& clock);
  // SQLite's commit hook for the write-ahead log (sqlite3_wal_hook), in place of its own.
  static int OnLogCommit(void* store, sqlite3* db, const char* name, int pages);
  struct Unwrapped {
    KeyBytes data_key;
    bool before_digest = false;  // wrapped by a pims that kept no digest of the rows
  };
  Result<Unwrapped> UnwrapDataKey(std::string_view password);
  // Compiles BEGIN IMMEDIATE and COMMIT once for the connection (transaction_).
  Status CompileTransaction();
  // PRAGMA data_version, from the cached statement.
  int64_t DataVersion();
  // Checks the rows against their digest. REQUIRES: inside a transaction (one snapshot).
  Status VerifyRows();
  // Adds the pending rows' hashes to the stored digest. REQUIRES: inside the transaction.
  Status FoldPending();
  // A vault written before the digest existed gets one at its first unlock.
  Status AdoptDigest(std::string_view password);

  std::unique_ptr<SQLite::Database> db_;
  const Clock& clock_;
  std::optional<Keyring> keys_;
  crypto::Hash pending_{};  // XOR of the rows tracked in the current transaction
  bool pending_any_ = false;
  bool tracking_ = true;
  bool creating_ = false;          // no digest row yet: the first fold starts from zero
  int64_t verified_version_ = -1;  // PRAGMA data_version when the rows last matched
  int64_t seen_version_ = -1;      // PRAGMA data_version when a write last looked
  uint64_t generation_ = 1;        // see generation()
  int wal_pages_ = 0;              // pages in the write-ahead log after the last commit
  // Declared after db_, so destroyed (finalized) before the connection closes.
  std::map<std::string, std::unique_ptr<SQLite::Statement>, std::less<>> statements_;
  std::unique_ptr<store::TransactionStatements> transaction_;  // compiled at the first Write
};

// A value read from the vault and kept decrypted in memory for the unlocked session, reused while
// the store's generation() is the one it was kept at. The module that writes the value keeps
// the new one (or forgets it) in the same transaction: a rollback changes the generation, so
// nothing kept outlives it. Wiped with the module (its owner forgets it on lock).
template <typename T>
class GenerationCached {
 public:
  // The kept value, or nullptr when there is none for the store's current generation.
  const T* Find(const SealedStore& store) const {
    return value_ && generation_ == store.generation() ? &*value_ : nullptr;
  }
  const T& Keep(const SealedStore& store, T value) {
    value_ = std::move(value);
    generation_ = store.generation();
    return *value_;
  }
  void Forget() { value_.reset(); }

 private:
  std::optional<T> value_;
  uint64_t generation_ = 0;
};

}  // namespace pims
