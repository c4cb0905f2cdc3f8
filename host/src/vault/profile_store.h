// The profile in the vault: one row per record (the person, each address, each card, the
// defaults) and one sealed value per field, bound to its record, kind and field name.
// Internal to libpims.
//
// Errors: Status/Result methods never throw; the others may throw SQLite::Exception (callers run
// them inside SealedStore::Guarded or Write). REQUIRES: the store is unlocked.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pims/profile.h"
#include "store/sealed_store.h"

namespace pims {

// One record as stored: its row id, kind and sealed fields (name -> nonce||ciphertext).
struct SealedRecord {
  int64_t rowid = 0;
  RecordKind kind = RecordKind::kPerson;
  std::map<std::string, std::string, std::less<>> fields;
};

class ProfileStore {
 public:
  // The store must outlive this object.
  explicit ProfileStore(SealedStore& store) : store_(store) {}

  // The whole profile, decrypted. kVaultCorrupt for a damaged value.
  Result<Profile> Get();
  // The same, decrypted once and kept for the unlocked session, in the locked memory Secrets
  // live in: fills read it instead of decrypting on each request. Read again when the store's
  // generation changed (the other browser's host may have changed the profile) or after Put;
  // wiped by ForgetKept. The pointer lives until the next call of Cached, Put or ForgetKept.
  // REQUIRES: CheckRows ran for this operation (Guarded).
  Result<const Profile*> Cached();
  void ForgetKept() { cached_.Forget(); }
  // Replaces the whole profile. REQUIRES: inside a write transaction; `profile` is valid
  // (ProfileFromJson validates).
  void Put(const Profile& profile);

  // Every record of a kind, sealed, in the profile's order.
  std::vector<SealedRecord> LoadSealed(RecordKind kind);
  // Reseals every field of every record from the keys `from` to `to`.
  // REQUIRES: inside a write transaction.
  Status Reseal(const Keyring& from, const Keyring& to);

  // Opens one field of a record: nullopt when the record has no such field.
  Result<std::optional<Secret>> OpenField(const SealedRecord& record, std::string_view name) const;

 private:
  void Insert(RecordKind kind, int position, std::string_view id, const FieldMap& fields);
  // Tracks every record and field row as removed (row_digest.h).
  void TrackAll();

  SealedStore& store_;
  GenerationCached<Profile> cached_;
};

}  // namespace pims
