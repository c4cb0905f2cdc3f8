#include "store/sealed_store.h"

#include <sodium.h>
#include <sqlite3.h>

#include <cstring>

#include "store/row_digest.h"

namespace pims {
namespace {

constexpr char kSubkeyContext[] = "pimsvlt1";
constexpr std::string_view kMetaKdf = "kdf";
constexpr std::string_view kMetaDataKey = "data_key";
constexpr std::string_view kMetaDigest = "digest";
// The last part of the data key's associated data since the vault keeps a digest of its rows:
// a wrap without it is from an older pims (or put back from an older copy), whose vault gets a
// digest at unlock; deleting the digest row of a newer vault is therefore never taken for that.
constexpr std::string_view kWrapSinceDigest = "rows";

struct WrappedKey {
  std::string kdf;       // meta.kdf: the Argon2id parameters and salt
  std::string data_key;  // meta.data_key: the data key sealed under the password key
};

// Wraps data_key under a fresh password key.
Result<WrappedKey> WrapDataKey(const KeyBytes& data_key, std::string_view password,
                               const crypto::KdfParams& params) {
  PIMS_ASSIGN_OR_RETURN(KeyBytes kek, crypto::DeriveKey(password, params));
  std::string kdf = params.ToJson();
  std::string_view key_bytes(reinterpret_cast<const char*>(data_key.data()), KeyBytes::kSize);
  std::string wrapped =
      crypto::Seal(kek, key_bytes, SealContext({"meta", "data_key", kdf, kWrapSinceDigest}));
  return WrappedKey{std::move(kdf), std::move(wrapped)};
}

crypto::KdfParams ParamsFor(const PasswordHashing& cost) {
  crypto::KdfParams p = crypto::KdfParams::Default();  // fresh salt
  p.opslimit = cost.opslimit;
  p.memlimit = cost.memlimit;
  return p;
}

void RemoveVaultFiles(const std::filesystem::path& file) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(file.string() + suffix, ec);
  }
}

}  // namespace

PasswordHashing PasswordHashing::Minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Keyring Keyring::FromDataKey(KeyBytes data_key) {
  Keyring k{std::move(data_key), KeyBytes(), KeyBytes(), KeyBytes(), KeyBytes()};
  k.seal = crypto::DeriveSubkey(k.data, 1, kSubkeyContext);
  k.lookup = crypto::DeriveSubkey(k.data, 2, kSubkeyContext);
  k.ledger = crypto::DeriveSubkey(k.data, 3, kSubkeyContext);
  k.digest = crypto::DeriveSubkey(k.data, 4, kSubkeyContext);
  return k;
}

std::string SealContext(std::initializer_list<std::string_view> parts) {
  std::string ad = "pims1";
  for (std::string_view part : parts) {
    ad += '|';
    ad += std::to_string(part.size());
    ad += ':';
    ad += part;
  }
  return ad;
}

Result<std::unique_ptr<SealedStore>> SealedStore::Create(
    const std::filesystem::path& file, std::string_view password, const PasswordHashing& cost,
    const Clock& clock, const std::function<Status(SealedStore&)>& initialize) {
  PIMS_RETURN_IF_ERROR(crypto::Init());
  if (password.empty()) {
    return Status(ErrorCode::kBadRequest, "the master password must not be empty", "password");
  }
  const crypto::KdfParams params = ParamsFor(cost);
  PIMS_RETURN_IF_ERROR(params.Check());
  KeyBytes data_key = KeyBytes::Random();
  PIMS_ASSIGN_OR_RETURN(WrappedKey wrapped, WrapDataKey(data_key, password, params));
  PIMS_ASSIGN_OR_RETURN(auto db, store::CreateDatabase(file));
  std::unique_ptr<SealedStore> store(new SealedStore(std::move(db), clock));
  store->keys_ = Keyring::FromDataKey(std::move(data_key));
  store->creating_ = true;
  const Status written = store->Write([&] {
    store->WriteMeta(kMetaKdf, wrapped.kdf);
    store->WriteMeta(kMetaDataKey, wrapped.data_key);
    return initialize(*store);
  });
  store->creating_ = false;
  if (!written.ok()) {
    store.reset();
    RemoveVaultFiles(file);
    return written;
  }
  return store;
}

Result<std::unique_ptr<SealedStore>> SealedStore::Open(const std::filesystem::path& file,
                                                       const Clock& clock) {
  PIMS_RETURN_IF_ERROR(crypto::Init());
  PIMS_ASSIGN_OR_RETURN(auto db, store::OpenDatabase(file));
  return std::unique_ptr<SealedStore>(new SealedStore(std::move(db), clock));
}

// kBadPassword when the password key does not open the wrapped data key. A tampered kdf row
// also lands here: the parameters are bound into the wrapping's associated data.
Result<SealedStore::Unwrapped> SealedStore::UnwrapDataKey(std::string_view password) {
  auto kdf_text = ReadMeta(kMetaKdf);
  auto wrapped = ReadMeta(kMetaDataKey);
  if (!kdf_text || !wrapped) {
    return Status(ErrorCode::kVaultCorrupt, "the vault has no wrapped key: it is damaged");
  }
  PIMS_ASSIGN_OR_RETURN(crypto::KdfParams params, crypto::KdfParams::FromJson(*kdf_text));
  PIMS_ASSIGN_OR_RETURN(KeyBytes kek, crypto::DeriveKey(password, params));
  bool before_digest = false;
  auto clear =
      crypto::Open(kek, *wrapped, SealContext({"meta", "data_key", *kdf_text, kWrapSinceDigest}));
  if (!clear.ok()) {
    clear = crypto::Open(kek, *wrapped, SealContext({"meta", "data_key", *kdf_text}));
    before_digest = clear.ok();
  }
  if (!clear.ok() || clear->size() != KeyBytes::kSize) {
    return Status(ErrorCode::kBadPassword, "the password does not open this vault");
  }
  Unwrapped unwrapped{KeyBytes(), before_digest};
  std::memcpy(unwrapped.data_key.data(), clear->reveal().data(), KeyBytes::kSize);
  return unwrapped;
}

Status SealedStore::Unlock(std::string_view password) {
  try {
    PIMS_ASSIGN_OR_RETURN(Unwrapped unwrapped, UnwrapDataKey(password));
    AdoptKeys(Keyring::FromDataKey(std::move(unwrapped.data_key)));
    verified_version_ = -1;
    Status rows = unwrapped.before_digest ? AdoptDigest(password) : CheckRows();
    if (!rows.ok()) Lock();  // a vault that fails its check stays locked
    return rows;
  } catch (...) {
    Lock();
    return store::StatusFromCurrentException("unlocking the vault");
  }
}

Status SealedStore::AdoptDigest(std::string_view password) {
  PIMS_ASSIGN_OR_RETURN(crypto::KdfParams params,
                        crypto::KdfParams::FromJson(ReadMeta(kMetaKdf).value_or("")));
  const PasswordHashing cost{params.opslimit, params.memlimit};
  PIMS_ASSIGN_OR_RETURN(WrappedKey wrapped, WrapDataKey(keys_->data, password, ParamsFor(cost)));
  return Write([&] {
    const crypto::Hash digest = ComputeRowDigest(*db_, keys_->digest);
    WriteMeta(kMetaDigest, Seal(crypto::AsBytes(digest), {"meta", "digest"}));
    WriteMeta(kMetaKdf, wrapped.kdf);
    WriteMeta(kMetaDataKey, wrapped.data_key);
    return Status::Ok();
  });
}

int64_t SealedStore::DataVersion() {
  CachedStatement data_version = Prepared("PRAGMA data_version");
  data_version->executeStep();
  return data_version->getColumn(0).getInt64();
}

SealedStore::SealedStore(std::unique_ptr<SQLite::Database> db, const Clock& clock)
    : db_(std::move(db)), clock_(clock) {
  sqlite3_wal_hook(db_->getHandle(), &SealedStore::OnLogCommit, this);
}

SealedStore::~SealedStore() { sqlite3_wal_hook(db_->getHandle(), nullptr, nullptr); }

int SealedStore::OnLogCommit(void* store, sqlite3* db, const char* name, int pages) {
  auto* self = static_cast<SealedStore*>(store);
  self->wal_pages_ = pages;
  if (pages >= kCheckpointAtCommitPages) {
    sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    self->wal_pages_ = 0;
  }
  return SQLITE_OK;
}

void SealedStore::Checkpoint() {
  int logged = 0;
  int copied = 0;
  sqlite3_wal_checkpoint_v2(db_->getHandle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &logged, &copied);
  // A log copied whole starts again at the next write, which would wait for the new log's
  // header to reach the disk: start it now, in the pause, not in the next fill.
  if (logged > 0 && copied == logged) (void)StartJournal();
  wal_pages_ = 0;  // the next commit says how many pages the log holds then
}

Status SealedStore::CheckRows() {
  if (DataVersion() == verified_version_) return Status::Ok();
  // One snapshot for the digest and every row: the other browser's host may commit meanwhile.
  SQLite::Transaction snapshot(*db_, SQLite::TransactionBehavior::DEFERRED);
  PIMS_RETURN_IF_ERROR(VerifyRows());
  snapshot.commit();
  return Status::Ok();
}

Status SealedStore::VerifyRows() {
  const int64_t version = DataVersion();
  auto sealed = ReadMeta(kMetaDigest);
  if (!sealed) {
    return Status(ErrorCode::kVaultCorrupt,
                  "the vault's digest of its rows is missing: the file was tampered with");
  }
  PIMS_ASSIGN_OR_RETURN(Secret stored, Open(*sealed, {"meta", "digest"}));
  const crypto::Hash digest = ComputeRowDigest(*db_, keys_->digest);
  if (stored.reveal() != crypto::AsBytes(digest)) {
    return Status(ErrorCode::kVaultCorrupt,
                  "the vault's rows do not match its digest: rows from another copy of the vault "
                  "were put into it");
  }
  verified_version_ = version;
  seen_version_ = version;
  ++generation_;  // what was read before may have changed
  return Status::Ok();
}

void SealedStore::Track(std::initializer_list<std::string_view> row) {
  if (!tracking_ || !keys_) return;
  XorInto(pending_, RowHash(keys_->digest, row));
  pending_any_ = true;
}

Status SealedStore::FoldPending() {
  crypto::Hash digest{};
  if (auto sealed = ReadMeta(kMetaDigest)) {
    PIMS_ASSIGN_OR_RETURN(Secret stored, Open(*sealed, {"meta", "digest"}));
    if (stored.size() != digest.size()) {
      return Status(ErrorCode::kVaultCorrupt, "the vault's digest of its rows is damaged");
    }
    std::memcpy(digest.data(), stored.reveal().data(), digest.size());
  } else if (!creating_) {
    return Status(ErrorCode::kVaultCorrupt,
                  "the vault's digest of its rows is missing: the file was tampered with");
  }
  XorInto(digest, pending_);
  WriteMeta(kMetaDigest, Seal(crypto::AsBytes(digest), {"meta", "digest"}));
  return Status::Ok();
}

Status SealedStore::Write(const std::function<Status()>& fn) {
  pending_ = {};
  pending_any_ = false;
  PIMS_RETURN_IF_ERROR(CompileTransaction());
  const Status written = store::WriteTransaction(
      *db_,
      [&]() -> Status {
        // Another connection may have committed since the rows were checked: what modules keep
        // in memory is void, and the rows are checked again under the lock, so that fn sees
        // rows that match the digest (not before they were first checked: a vault being
        // created, or given its digest).
        const int64_t version = DataVersion();
        if (version != seen_version_) {
          seen_version_ = version;
          ++generation_;
          if (verified_version_ >= 0 && keys_) PIMS_RETURN_IF_ERROR(VerifyRows());
        }
        PIMS_RETURN_IF_ERROR(fn());
        if (pending_any_) PIMS_RETURN_IF_ERROR(FoldPending());
        return Status::Ok();
      },
      transaction_.get());
  tracking_ = true;
  pending_any_ = false;
  if (!written.ok()) ++generation_;  // rolled back: what fn kept in memory is void
  return written;
}

Status SealedStore::CompileTransaction() {
  if (transaction_) return Status::Ok();
  try {
    transaction_ = std::make_unique<store::TransactionStatements>(*db_);
  } catch (...) {
    return store::StatusFromCurrentException("starting a write");
  }
  return Status::Ok();
}

Status SealedStore::StartJournal() {
  PIMS_RETURN_IF_ERROR(CompileTransaction());
  return store::WriteTransaction(
      *db_,
      [&] {
        const int version = db_->execAndGet("PRAGMA user_version").getInt();
        db_->exec("PRAGMA user_version=" + std::to_string(version));
        return Status::Ok();
      },
      transaction_.get());
}

Result<SealedStore::Rekey> SealedStore::PrepareRekey(std::string_view old_password,
                                                     std::string_view new_password) {
  if (new_password.empty()) {
    return Status(ErrorCode::kBadRequest, "the new password must not be empty", "new");
  }
  try {
    PIMS_ASSIGN_OR_RETURN(Unwrapped old_key, UnwrapDataKey(old_password));
    // The same cost as before, with a fresh salt. UnwrapDataKey read the parameters already.
    PIMS_ASSIGN_OR_RETURN(crypto::KdfParams old_params,
                          crypto::KdfParams::FromJson(ReadMeta(kMetaKdf).value_or("")));
    const PasswordHashing cost{old_params.opslimit, old_params.memlimit};
    KeyBytes new_key = KeyBytes::Random();
    PIMS_ASSIGN_OR_RETURN(WrappedKey wrapped, WrapDataKey(new_key, new_password, ParamsFor(cost)));
    return Rekey{Keyring::FromDataKey(std::move(old_key.data_key)),
                 Keyring::FromDataKey(std::move(new_key)), std::move(wrapped.kdf),
                 std::move(wrapped.data_key)};
  } catch (...) {
    return store::StatusFromCurrentException("changing the password");
  }
}

void SealedStore::WriteWrappedKey(const Rekey& rekey) {
  WriteMeta(kMetaKdf, rekey.kdf);
  WriteMeta(kMetaDataKey, rekey.data_key);
  const crypto::Hash digest = ComputeRowDigest(*db_, rekey.to.digest);
  WriteMeta(kMetaDigest, SealUnder(rekey.to, crypto::AsBytes(digest), {"meta", "digest"}));
  pending_any_ = false;
}

CachedStatement SealedStore::Prepared(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    it = statements_
             .emplace(std::string(sql), std::make_unique<SQLite::Statement>(*db_, std::string(sql)))
             .first;
  }
  return CachedStatement(*it->second);
}

constexpr std::string_view kReadMeta = "SELECT value FROM meta WHERE key = ?";
constexpr std::string_view kWriteMeta = "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)";

std::optional<std::string> SealedStore::ReadMeta(std::string_view key) {
  CachedStatement q = Prepared(kReadMeta);
  q->bind(1, std::string(key));
  if (!q->executeStep()) return std::nullopt;
  return std::string(BlobView(q->getColumn(0)));
}

void SealedStore::PrepareMetaWrite() {
  (void)Prepared(kReadMeta);
  (void)Prepared(kWriteMeta);
}

void SealedStore::WriteMeta(std::string_view key, std::string_view value) {
  if (IsDigestedMeta(key)) {
    if (auto old = ReadMeta(key)) Track({"meta", key, *old});
    Track({"meta", key, value});
  }
  CachedStatement q = Prepared(kWriteMeta);
  q->bind(1, std::string(key));
  BindBlob(*q, 2, value);
  q->exec();
}

}  // namespace pims
