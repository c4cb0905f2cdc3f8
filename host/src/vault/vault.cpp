// Vault lifecycle: creation, unlock and lock, password change, settings.
#include "pims/vault.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "store/database.h"
#include "vault/vault_impl.h"

namespace pims {
namespace {

using nlohmann::json;

constexpr char kSubkeyContext[] = "pimsvlt1";
constexpr std::string_view kMetaKdf = "kdf";
constexpr std::string_view kMetaDataKey = "data_key";
constexpr std::string_view kMetaSettings = "settings";

// Wraps data_key under a fresh password key; returns the meta rows (kdf, data_key).
Result<std::pair<std::string, std::string>> WrapDataKey(const KeyBytes& data_key,
                                                        std::string_view password,
                                                        crypto::KdfParams params) {
  PIMS_ASSIGN_OR_RETURN(KeyBytes kek, crypto::DeriveKey(password, params));
  std::string kdf_text = params.ToJson();
  std::string_view key_bytes(reinterpret_cast<const char*>(data_key.data()), KeyBytes::kSize);
  std::string wrapped = crypto::Seal(kek, key_bytes, SealContext({"meta", "data_key", kdf_text}));
  return std::make_pair(std::move(kdf_text), std::move(wrapped));
}

// kBadPassword when the password key does not open the wrapped data key. A tampered kdf row
// also lands here: the parameters are bound into the wrapping's associated data.
Result<KeyBytes> UnwrapDataKey(Vault::Impl& v, std::string_view password) {
  auto kdf_text = v.ReadMeta(kMetaKdf);
  auto wrapped = v.ReadMeta(kMetaDataKey);
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

std::string SealSettings(const Vault::Impl& v, const VaultSettings& settings) {
  return v.Seal(json{{"autolock_minutes", settings.autolock_minutes}}.dump(), {"meta", "settings"});
}

crypto::KdfParams ParamsFor(const PasswordHashing& cost) {
  crypto::KdfParams p = crypto::KdfParams::Default();
  p.opslimit = cost.opslimit;
  p.memlimit = cost.memlimit;
  return p;
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

Status Vault::Impl::RequireUnlocked() const {
  if (!keys) return Status(ErrorCode::kLocked, "the vault is locked: unlock it first");
  return Status::Ok();
}

CachedStatement Vault::Impl::Prepared(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    it = statements_
             .emplace(std::string(sql), std::make_unique<SQLite::Statement>(*db, std::string(sql)))
             .first;
  }
  return CachedStatement(*it->second);
}

std::optional<std::string> Vault::Impl::ReadMeta(std::string_view key) {
  CachedStatement q = Prepared("SELECT value FROM meta WHERE key = ?");
  q->bind(1, std::string(key));
  if (!q->executeStep()) return std::nullopt;
  return std::string(BlobView(q->getColumn(0)));
}

void Vault::Impl::WriteMeta(std::string_view key, std::string_view value) {
  CachedStatement q = Prepared("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
  q->bind(1, std::string(key));
  q->bind(2, value.data(), static_cast<int>(value.size()));
  q->exec();
}

Vault::Vault(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Vault::~Vault() = default;

Result<std::unique_ptr<Vault>> Vault::Create(const std::filesystem::path& file,
                                             std::string_view password, const PasswordHashing& cost,
                                             const Clock& clock) {
  PIMS_RETURN_IF_ERROR(crypto::Init());
  if (password.empty()) {
    return Status(ErrorCode::kBadRequest, "the master password must not be empty", "password");
  }
  crypto::KdfParams params = ParamsFor(cost);
  PIMS_RETURN_IF_ERROR(params.Check());
  KeyBytes data_key = KeyBytes::Random();
  PIMS_ASSIGN_OR_RETURN(auto meta, WrapDataKey(data_key, password, params));
  PIMS_ASSIGN_OR_RETURN(auto db, store::CreateDatabase(file));
  auto impl = std::make_unique<Impl>(std::move(db), clock);
  impl->keys = Keyring::FromDataKey(std::move(data_key));
  Impl& v = *impl;
  Status written = store::WriteTransaction(*v.db, [&] {
    v.WriteMeta(kMetaKdf, meta.first);
    v.WriteMeta(kMetaDataKey, meta.second);
    v.WriteMeta(kMetaSettings, SealSettings(v, VaultSettings{}));
    v.InitLedgerHead();
    return Status::Ok();
  });
  if (!written.ok()) {
    impl.reset();
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(file.string() + suffix, ec);
    }
    return written;
  }
  return std::unique_ptr<Vault>(new Vault(std::move(impl)));
}

Result<std::unique_ptr<Vault>> Vault::Open(const std::filesystem::path& file, const Clock& clock) {
  PIMS_RETURN_IF_ERROR(crypto::Init());
  PIMS_ASSIGN_OR_RETURN(auto db, store::OpenDatabase(file));
  return std::unique_ptr<Vault>(new Vault(std::make_unique<Impl>(std::move(db), clock)));
}

Status Vault::Unlock(std::string_view password) {
  try {
    PIMS_ASSIGN_OR_RETURN(KeyBytes data_key, UnwrapDataKey(*impl_, password));
    impl_->keys = Keyring::FromDataKey(std::move(data_key));
    return Status::Ok();
  } catch (...) {
    return store::StatusFromCurrentException("unlocking the vault");
  }
}

void Vault::Lock() { impl_->keys.reset(); }

bool Vault::unlocked() const { return impl_->keys.has_value(); }

Status Vault::ChangePassword(std::string_view old_password, std::string_view new_password) {
  if (new_password.empty()) {
    return Status(ErrorCode::kBadRequest, "the new password must not be empty", "new");
  }
  try {
    PIMS_ASSIGN_OR_RETURN(KeyBytes data_key, UnwrapDataKey(*impl_, old_password));
    PIMS_ASSIGN_OR_RETURN(auto kdf_text, [&]() -> Result<std::string> {
      auto text = impl_->ReadMeta(kMetaKdf);
      if (!text) return Status(ErrorCode::kVaultCorrupt, "the vault has no password record");
      return *text;
    }());
    PIMS_ASSIGN_OR_RETURN(crypto::KdfParams old_params, crypto::KdfParams::FromJson(kdf_text));
    crypto::KdfParams params = crypto::KdfParams::Default();  // fresh salt, same cost
    params.opslimit = old_params.opslimit;
    params.memlimit = old_params.memlimit;
    PIMS_ASSIGN_OR_RETURN(auto meta, WrapDataKey(data_key, new_password, params));
    PIMS_RETURN_IF_ERROR(store::WriteTransaction(*impl_->db, [&] {
      impl_->WriteMeta(kMetaKdf, meta.first);
      impl_->WriteMeta(kMetaDataKey, meta.second);
      return Status::Ok();
    }));
    impl_->keys = Keyring::FromDataKey(std::move(data_key));
    return Status::Ok();
  } catch (...) {
    return store::StatusFromCurrentException("changing the password");
  }
}

Result<VaultSettings> Vault::GetSettings() {
  PIMS_RETURN_IF_ERROR(impl_->RequireUnlocked());
  try {
    auto sealed = impl_->ReadMeta(kMetaSettings);
    if (!sealed) return VaultSettings{};
    PIMS_ASSIGN_OR_RETURN(Secret clear, impl_->Open(*sealed, {"meta", "settings"}));
    json j = json::parse(clear.reveal(), nullptr, false);
    if (!j.is_object() || !j["autolock_minutes"].is_number_integer()) {
      return Status(ErrorCode::kVaultCorrupt, "the vault's settings record is damaged");
    }
    VaultSettings settings;
    settings.autolock_minutes = j["autolock_minutes"].get<int>();
    return settings;
  } catch (...) {
    return store::StatusFromCurrentException("reading the settings");
  }
}

Status Vault::SetSettings(const VaultSettings& settings) {
  PIMS_RETURN_IF_ERROR(impl_->RequireUnlocked());
  if (settings.autolock_minutes < 0 || settings.autolock_minutes > kMaxAutolockMinutes) {
    return Status(
        ErrorCode::kBadRequest,
        "autolock_minutes must be between 0 (never) and " + std::to_string(kMaxAutolockMinutes),
        "autolock_minutes");
  }
  return store::WriteTransaction(*impl_->db, [&] {
    impl_->WriteMeta(kMetaSettings, SealSettings(*impl_, settings));
    return Status::Ok();
  });
}

}  // namespace pims
