#include "vault/profile_store.h"

namespace pims {
namespace {

// The kind as stored in records.kind and bound into each sealed field's associated data.
std::string_view KindName(RecordKind kind) {
  constexpr std::string_view kNames[] = {"person", "address", "card", "defaults"};
  return kNames[static_cast<size_t>(kind)];
}

constexpr std::string_view kIdField = "id";

}  // namespace

void ProfileStore::Insert(RecordKind kind, int position, std::string_view id,
                          const FieldMap& fields) {
  CachedStatement insert = store_.Prepared("INSERT INTO records(kind, position) VALUES(?, ?)");
  insert->bind(1, std::string(KindName(kind)));
  insert->bind(2, position);
  insert->exec();
  const int64_t record_id = store_.db().getLastInsertRowid();
  const std::string rowid = std::to_string(record_id);
  store_.Track({"records", rowid, KindName(kind), std::to_string(position)});
  CachedStatement field =
      store_.Prepared("INSERT INTO record_fields(record, name, value) VALUES(?, ?, ?)");
  auto put = [&](std::string_view name, std::string_view clear) {
    const std::string sealed = store_.Seal(clear, {"record_fields", rowid, KindName(kind), name});
    store_.Track({"record_fields", rowid, name, sealed});
    field->bind(1, record_id);
    field->bind(2, std::string(name));
    BindBlob(*field, 3, sealed);
    field->exec();
    field->reset();
  };
  if (!id.empty()) put(kIdField, id);
  for (const auto& [name, value] : fields) {
    if (!value.empty()) put(name, value.reveal());
  }
}

std::vector<SealedRecord> ProfileStore::LoadSealed(RecordKind kind) {
  CachedStatement q = store_.Prepared(
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

void ProfileStore::TrackAll() {
  CachedStatement records = store_.Prepared("SELECT id, kind, position FROM records");
  while (records->executeStep()) {
    store_.Track({"records", std::to_string(records->getColumn(0).getInt64()),
                  BlobView(records->getColumn(1)),
                  std::to_string(records->getColumn(2).getInt64())});
  }
  CachedStatement fields = store_.Prepared("SELECT record, name, value FROM record_fields");
  while (fields->executeStep()) {
    store_.Track({"record_fields", std::to_string(fields->getColumn(0).getInt64()),
                  BlobView(fields->getColumn(1)), BlobView(fields->getColumn(2))});
  }
}

Status ProfileStore::Reseal(const Keyring& from, const Keyring& to) {
  cached_.Forget();
  struct Row {
    int64_t record;
    std::string kind, name, sealed;
  };
  std::vector<Row> rows;
  {
    CachedStatement q = store_.Prepared(
        "SELECT f.record, r.kind, f.name, f.value FROM record_fields f JOIN records r"
        " ON r.id = f.record");
    while (q->executeStep()) {
      rows.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getString(),
                      q->getColumn(2).getString(), std::string(BlobView(q->getColumn(3)))});
    }
  }
  CachedStatement update =
      store_.Prepared("UPDATE record_fields SET value = ? WHERE record = ? AND name = ?");
  for (const Row& row : rows) {
    const std::string rowid = std::to_string(row.record);
    PIMS_ASSIGN_OR_RETURN(
        Secret clear,
        SealedStore::OpenUnder(from, row.sealed, {"record_fields", rowid, row.kind, row.name}));
    const std::string resealed =
        SealedStore::SealUnder(to, clear.reveal(), {"record_fields", rowid, row.kind, row.name});
    BindBlob(*update, 1, resealed);
    update->bind(2, row.record);
    update->bind(3, row.name);
    update->exec();
    update->reset();
  }
  return Status::Ok();
}

Result<std::optional<Secret>> ProfileStore::OpenField(const SealedRecord& record,
                                                      std::string_view name) const {
  auto it = record.fields.find(name);
  if (it == record.fields.end()) return std::optional<Secret>();
  PIMS_ASSIGN_OR_RETURN(Secret clear,
                        store_.Open(it->second, {"record_fields", std::to_string(record.rowid),
                                                 KindName(record.kind), name}));
  return std::optional<Secret>(std::move(clear));
}

namespace {

// Opens every field of a sealed record into a profile Record.
Result<Record> OpenRecord(const ProfileStore& store, const SealedRecord& sealed) {
  Record record;
  for (const auto& [name, unused] : sealed.fields) {
    PIMS_ASSIGN_OR_RETURN(std::optional<Secret> value, store.OpenField(sealed, name));
    if (name == kIdField) {
      record.id = std::string(value->reveal());
    } else {
      record.fields.emplace(name, std::move(*value));
    }
  }
  return record;
}

}  // namespace

Result<Profile> ProfileStore::Get() {
  Profile profile;
  for (const SealedRecord& sealed : LoadSealed(RecordKind::kPerson)) {
    PIMS_ASSIGN_OR_RETURN(Record person, OpenRecord(*this, sealed));
    profile.person = std::move(person.fields);
  }
  for (const SealedRecord& sealed : LoadSealed(RecordKind::kAddress)) {
    PIMS_ASSIGN_OR_RETURN(Record address, OpenRecord(*this, sealed));
    profile.addresses.push_back(std::move(address));
  }
  for (const SealedRecord& sealed : LoadSealed(RecordKind::kCard)) {
    PIMS_ASSIGN_OR_RETURN(Record card, OpenRecord(*this, sealed));
    profile.cards.push_back(std::move(card));
  }
  for (const SealedRecord& sealed : LoadSealed(RecordKind::kDefaults)) {
    PIMS_ASSIGN_OR_RETURN(Record defaults, OpenRecord(*this, sealed));
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
}

Result<const Profile*> ProfileStore::Cached() {
  if (const Profile* kept = cached_.Find(store_)) return kept;
  cached_.Forget();
  PIMS_ASSIGN_OR_RETURN(Profile profile, Get());
  return &cached_.Keep(store_, std::move(profile));
}

void ProfileStore::Put(const Profile& profile) {
  cached_.Forget();  // read again after the write (or its rollback)
  TrackAll();        // every row goes
  store_.db().exec("DELETE FROM records");
  Insert(RecordKind::kPerson, 0, {}, profile.person);
  for (size_t i = 0; i < profile.addresses.size(); ++i) {
    Insert(RecordKind::kAddress, static_cast<int>(i), profile.addresses[i].id,
           profile.addresses[i].fields);
  }
  for (size_t i = 0; i < profile.cards.size(); ++i) {
    Insert(RecordKind::kCard, static_cast<int>(i), profile.cards[i].id, profile.cards[i].fields);
  }
  FieldMap defaults;
  defaults.emplace("shipping", Secret(profile.default_shipping));
  defaults.emplace("billing", Secret(profile.default_billing));
  defaults.emplace("card", Secret(profile.default_card));
  Insert(RecordKind::kDefaults, 0, {}, defaults);
}

}  // namespace pims
