// The profile in the vault: one row per record (person, each address, each card, the defaults)
// and one sealed value per field, bound to its record, kind and field name.
#include "vault/profile_store.h"

#include "store/database.h"

namespace pims {
namespace {

std::string_view KindName(RecordKind kind) {
  switch (kind) {
    case RecordKind::kPerson:
      return "person";
    case RecordKind::kAddress:
      return "address";
    case RecordKind::kCard:
      return "card";
    case RecordKind::kDefaults:
      return "defaults";
  }
  return "person";
}

constexpr std::string_view kIdField = "id";

void InsertRecord(Vault::Impl& v, RecordKind kind, int position, std::string_view id,
                  const std::map<std::string, Secret, std::less<>>& fields) {
  SQLite::Statement insert(*v.db, "INSERT INTO records(kind, position) VALUES(?, ?)");
  insert.bind(1, std::string(KindName(kind)));
  insert.bind(2, position);
  insert.exec();
  const int64_t record_id = v.db->getLastInsertRowid();
  const std::string rowid = std::to_string(record_id);
  SQLite::Statement field(*v.db, "INSERT INTO record_fields(record, name, value) VALUES(?, ?, ?)");
  auto put = [&](std::string_view name, std::string_view clear) {
    const std::string sealed = v.Seal(clear, {"record_fields", rowid, KindName(kind), name});
    field.bind(1, record_id);
    field.bind(2, std::string(name));
    field.bind(3, sealed.data(), static_cast<int>(sealed.size()));
    field.exec();
    field.reset();
  };
  if (!id.empty()) put(kIdField, id);
  for (const auto& [name, value] : fields) {
    if (!value.empty()) put(name, value.reveal());
  }
}

}  // namespace

std::vector<SealedRecord> LoadSealedRecords(Vault::Impl& v, RecordKind kind) {
  CachedStatement q = v.Prepared(
      "SELECT r.id, f.name, f.value FROM records r JOIN record_fields f"
      " ON f.record = r.id WHERE r.kind = ? ORDER BY r.position, r.id");
  q->bind(1, std::string(KindName(kind)));
  std::vector<SealedRecord> records;
  while (q->executeStep()) {
    const int64_t rowid = q->getColumn(0).getInt64();
    if (records.empty() || records.back().rowid != rowid) {
      records.push_back(SealedRecord{rowid, kind, {}});
    }
    records.back().fields.emplace(q->getColumn(1).getString(),
                                  std::string(BlobView(q->getColumn(2))));
  }
  return records;
}

Result<std::optional<Secret>> OpenRecordField(const Vault::Impl& v, const SealedRecord& record,
                                              std::string_view name) {
  auto it = record.fields.find(name);
  if (it == record.fields.end()) return std::optional<Secret>();
  PIMS_ASSIGN_OR_RETURN(Secret clear,
                        v.Open(it->second, {"record_fields", std::to_string(record.rowid),
                                            KindName(record.kind), name}));
  return std::optional<Secret>(std::move(clear));
}

namespace {

// Opens every field of a sealed record into a profile Record.
Result<Record> OpenRecord(const Vault::Impl& v, const SealedRecord& sealed) {
  Record record;
  for (const auto& [name, unused] : sealed.fields) {
    PIMS_ASSIGN_OR_RETURN(std::optional<Secret> value, OpenRecordField(v, sealed, name));
    if (name == kIdField) {
      record.id = std::string(value->reveal());
    } else {
      record.fields.emplace(name, std::move(*value));
    }
  }
  return record;
}

}  // namespace

Result<Profile> Vault::GetProfile() {
  PIMS_RETURN_IF_ERROR(impl_->RequireUnlocked());
  try {
    Profile profile;
    for (const SealedRecord& sealed : LoadSealedRecords(*impl_, RecordKind::kPerson)) {
      PIMS_ASSIGN_OR_RETURN(Record person, OpenRecord(*impl_, sealed));
      profile.person = std::move(person.fields);
    }
    for (const SealedRecord& sealed : LoadSealedRecords(*impl_, RecordKind::kAddress)) {
      PIMS_ASSIGN_OR_RETURN(Record address, OpenRecord(*impl_, sealed));
      profile.addresses.push_back(std::move(address));
    }
    for (const SealedRecord& sealed : LoadSealedRecords(*impl_, RecordKind::kCard)) {
      PIMS_ASSIGN_OR_RETURN(Record card, OpenRecord(*impl_, sealed));
      profile.cards.push_back(std::move(card));
    }
    for (const SealedRecord& sealed : LoadSealedRecords(*impl_, RecordKind::kDefaults)) {
      PIMS_ASSIGN_OR_RETURN(Record defaults, OpenRecord(*impl_, sealed));
      auto take = [&](const char* name, std::string& out) {
        if (auto it = defaults.fields.find(name); it != defaults.fields.end()) {
          out = std::string(it->second.reveal());
        }
      };
      take("shipping", profile.default_shipping);
      take("billing", profile.default_billing);
      take("card", profile.default_card);
    }
    return profile;
  } catch (...) {
    return store::StatusFromCurrentException("reading the profile");
  }
}

Status Vault::PutProfile(const Profile& profile) {
  PIMS_RETURN_IF_ERROR(impl_->RequireUnlocked());
  Impl& v = *impl_;
  return store::WriteTransaction(*v.db, [&] {
    v.db->exec("DELETE FROM records");
    InsertRecord(v, RecordKind::kPerson, 0, {}, profile.person);
    for (size_t i = 0; i < profile.addresses.size(); ++i) {
      InsertRecord(v, RecordKind::kAddress, static_cast<int>(i), profile.addresses[i].id,
                   profile.addresses[i].fields);
    }
    for (size_t i = 0; i < profile.cards.size(); ++i) {
      InsertRecord(v, RecordKind::kCard, static_cast<int>(i), profile.cards[i].id,
                   profile.cards[i].fields);
    }
    std::map<std::string, Secret, std::less<>> defaults;
    defaults.emplace("shipping", Secret(profile.default_shipping));
    defaults.emplace("billing", Secret(profile.default_billing));
    defaults.emplace("card", Secret(profile.default_card));
    InsertRecord(v, RecordKind::kDefaults, 0, {}, defaults);
    return Status::Ok();
  });
}

// --- VaultProfileSource -------------------------------------------------------------------

Result<std::optional<Secret>> VaultProfileSource::Person(std::string_view field) {
  if (!person_) person_ = LoadSealedRecords(v_, RecordKind::kPerson);
  if (person_->empty()) return std::optional<Secret>();
  return OpenRecordField(v_, person_->front(), field);
}

Result<std::optional<Secret>> VaultProfileSource::Address(AddressHint which,
                                                          std::string_view field) {
  const bool billing = which == AddressHint::kBilling;
  PIMS_ASSIGN_OR_RETURN(const SealedRecord* record,
                        Pick(RecordKind::kAddress, billing ? "billing" : "shipping"));
  if (record == nullptr) return std::optional<Secret>();
  return OpenRecordField(v_, *record, field);
}

Result<std::optional<Secret>> VaultProfileSource::Card(std::string_view field) {
  PIMS_ASSIGN_OR_RETURN(const SealedRecord* record, Pick(RecordKind::kCard, "card"));
  if (record == nullptr) return std::optional<Secret>();
  return OpenRecordField(v_, *record, field);
}

Result<const SealedRecord*> VaultProfileSource::Pick(RecordKind kind, std::string_view role) {
  if (auto it = picked_.find(std::string(role)); it != picked_.end()) return it->second;
  std::vector<SealedRecord>& records = kind == RecordKind::kCard ? cards_ : addresses_;
  if (!records_loaded_[kind == RecordKind::kCard]) {
    records = LoadSealedRecords(v_, kind);
    records_loaded_[kind == RecordKind::kCard] = true;
  }
  if (!defaults_) defaults_ = LoadSealedRecords(v_, RecordKind::kDefaults);
  const SealedRecord* chosen = records.empty() ? nullptr : &records.front();
  if (!defaults_->empty()) {
    PIMS_ASSIGN_OR_RETURN(std::optional<Secret> wanted,
                          OpenRecordField(v_, defaults_->front(), role));
    if (wanted && !wanted->empty()) {
      for (const SealedRecord& record : records) {
        PIMS_ASSIGN_OR_RETURN(std::optional<Secret> id, OpenRecordField(v_, record, kIdField));
        if (id && *id == *wanted) {
          chosen = &record;
          break;
        }
      }
    }
  }
  picked_.emplace(std::string(role), chosen);
  return chosen;
}

}  // namespace pims
