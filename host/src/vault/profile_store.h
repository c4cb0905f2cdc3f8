// Reading the sealed profile out of the vault. Internal to libpims.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pims/derive.h"
#include "pims/profile.h"
#include "vault/vault_impl.h"

namespace pims {

// One record as stored: its row id, kind and sealed fields (name -> nonce||ciphertext).
struct SealedRecord {
  int64_t rowid = 0;
  RecordKind kind = RecordKind::kPerson;
  std::map<std::string, std::string, std::less<>> fields;
};

// Every record of a kind, in the profile's order. May throw SQLite::Exception.
std::vector<SealedRecord> LoadSealedRecords(Vault::Impl& v, RecordKind kind);

// Opens one field of a record: nullopt if the record has no such field; kVaultCorrupt if the
// sealed value fails its check. REQUIRES: the vault is unlocked.
Result<std::optional<Secret>> OpenRecordField(const Vault::Impl& v, const SealedRecord& record,
                                              std::string_view name);

// A ProfileSource that decrypts only the fields asked for, for one fill. Records are read from
// the database once per source. Lives no longer than the vault it reads.
// May throw SQLite::Exception; the vault's Fill catches it.
class VaultProfileSource final : public ProfileSource {
 public:
  explicit VaultProfileSource(Vault::Impl& v) : v_(v) {}
  Result<std::optional<Secret>> Person(std::string_view field) override;
  Result<std::optional<Secret>> Address(AddressHint which, std::string_view field) override;
  Result<std::optional<Secret>> Card(std::string_view field) override;

 private:
  // The record the defaults name for role ("shipping", "billing", "card"), else the first one;
  // nullptr when there is none.
  Result<const SealedRecord*> Pick(RecordKind kind, std::string_view role);

  Vault::Impl& v_;
  std::optional<std::vector<SealedRecord>> person_;
  std::optional<std::vector<SealedRecord>> defaults_;
  std::vector<SealedRecord> addresses_;
  std::vector<SealedRecord> cards_;
  bool records_loaded_[2] = {false, false};  // addresses, cards
  std::map<std::string, const SealedRecord*, std::less<>> picked_;
};

}  // namespace pims
