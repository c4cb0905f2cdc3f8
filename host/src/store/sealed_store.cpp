#include "store/sealed_store.h"

#include <sodium.h>

#include <cstring>

namespace pims {
namespace {

constexpr char kSubkeyContext[] = "pimsvlt1";
constexpr std::string_view kMetaKdf = "kdf";
constexpr std::string_view kMetaDataKey = "data_key";

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
  std::string wrapped = crypto::Seal(kek, key_bytes, SealContext({"meta", "data_key", kdf}));
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
  Keyring k{std::move(data_key), KeyBytes(), KeyBytes(), KeyBytes()};
  k.seal = crypto::DeriveSubkey(k.data, 1, kSubkeyContext);
  k.lookup = crypto::DeriveSubkey(k.data, 2, kSubkeyContext);
  k.ledger = crypto::DeriveSubkey(k.data, 3, kSubkeyContext);
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
  const Status written = store->Write([&] {
    store->WriteMeta(kMetaKdf, wrapped.kdf);
    store->WriteMeta(kMetaDataKey, wrapped.data_key);
    return initialize(*store);
  });
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
Result<KeyBytes> SealedStore::UnwrapDataKey(std::string_view password) {
  auto kdf_text = ReadMeta(kMetaKdf);
  auto wrapped = ReadMeta(kMetaDataKey);
  if (!kdf_text || !wrapped) {
    return Status(ErrorCode::kVaultCorrupt, "the vault has no wrapped key: it is damaged");
  }
  PIMS_ASSIGN_OR_RETURN(crypto::KdfParams params, crypto::KdfParams::FromJson(*kdf_text));
  PIMS_ASSIGN_OR_RETURN(KeyBytes kek, crypto::DeriveKey(password, params));
  auto clear = crypto::Open(kek, *wrapped, SealContext({"meta", "data_key", *kdf_text}));
  if (!clear.ok() || clear->size() != KeyBytes::kSize) {
    return Status(ErrorCode::kBadPassword, "the password does not open this vault");
  }
  KeyBytes data_key;
  std::memcpy(data_key.data(), clear->reveal().data(), KeyBytes::kSize);
  return data_key;
}

Status SealedStore::Unlock(std::string_view password) {
  try {
    PIMS_ASSIGN_OR_RETURN(KeyBytes data_key, UnwrapDataKey(password));
    keys_ = Keyring::FromDataKey(std::move(data_key));
    return Status::Ok();
  } catch (...) {
    return store::StatusFromCurrentException("unlocking the vault");
  }
}

Result<SealedStore::Rekey> SealedStore::PrepareRekey(std::string_view old_password,
                                                     std::string_view new_password) {
  if (new_password.empty()) {
    return Status(ErrorCode::kBadRequest, "the new password must not be empty", "new");
  }
  try {
    PIMS_ASSIGN_OR_RETURN(KeyBytes old_key, UnwrapDataKey(old_password));
    // The same cost as before, with a fresh salt. UnwrapDataKey read the parameters already.
    PIMS_ASSIGN_OR_RETURN(crypto::KdfParams old_params,
                          crypto::KdfParams::FromJson(ReadMeta(kMetaKdf).value_or("")));
    const PasswordHashing cost{old_params.opslimit, old_params.memlimit};
    KeyBytes new_key = KeyBytes::Random();
    PIMS_ASSIGN_OR_RETURN(WrappedKey wrapped, WrapDataKey(new_key, new_password, ParamsFor(cost)));
    return Rekey{Keyring::FromDataKey(std::move(old_key)), Keyring::FromDataKey(std::move(new_key)),
                 std::move(wrapped.kdf), std::move(wrapped.data_key)};
  } catch (...) {
    return store::StatusFromCurrentException("changing the password");
  }
}

void SealedStore::WriteWrappedKey(const Rekey& rekey) {
  WriteMeta(kMetaKdf, rekey.kdf);
  WriteMeta(kMetaDataKey, rekey.data_key);
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

std::optional<std::string> SealedStore::ReadMeta(std::string_view key) {
  CachedStatement q = Prepared("SELECT value FROM meta WHERE key = ?");
  q->bind(1, std::string(key));
  if (!q->executeStep()) return std::nullopt;
  return std::string(BlobView(q->getColumn(0)));
}

void SealedStore::WriteMeta(std::string_view key, std::string_view value) {
  CachedStatement q = Prepared("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
  q->bind(1, std::string(key));
  BindBlob(*q, 2, value);
  q->exec();
}

}  // namespace pims
