#include "store/row_digest.h"

#include <string>

namespace pims {
namespace {

std::string_view Blob(const SQLite::Column& column) {
  return {static_cast<const char*>(column.getBlob()), static_cast<size_t>(column.getBytes())};
}

}  // namespace

crypto::Hash RowHash(const KeyBytes& key, std::initializer_list<std::string_view> row) {
  return crypto::KeyedHashParts(key, row);
}

void XorInto(crypto::Hash& into, const crypto::Hash& hash) {
  for (size_t i = 0; i < into.size(); ++i) into[i] ^= hash[i];
}

bool IsDigestedMeta(std::string_view key) { return key == "settings" || key == "ledger_head"; }

crypto::Hash ComputeRowDigest(SQLite::Database& db, const KeyBytes& key) {
  crypto::Hash digest{};
  SQLite::Statement sites(db, "SELECT lookup, name, policy FROM sites");
  while (sites.executeStep()) {
    XorInto(digest, RowHash(key, {"sites", Blob(sites.getColumn(0)), Blob(sites.getColumn(1)),
                                  Blob(sites.getColumn(2))}));
  }
  SQLite::Statement records(db, "SELECT id, kind, position FROM records");
  while (records.executeStep()) {
    const std::string id = std::to_string(records.getColumn(0).getInt64());
    const std::string position = std::to_string(records.getColumn(2).getInt64());
    XorInto(digest, RowHash(key, {"records", id, Blob(records.getColumn(1)), position}));
  }
  SQLite::Statement fields(db, "SELECT record, name, value FROM record_fields");
  while (fields.executeStep()) {
    const std::string record = std::to_string(fields.getColumn(0).getInt64());
    XorInto(digest, RowHash(key, {"record_fields", record, Blob(fields.getColumn(1)),
                                  Blob(fields.getColumn(2))}));
  }
  SQLite::Statement meta(db,
                         "SELECT key, value FROM meta WHERE key IN ('settings', 'ledger_head')");
  while (meta.executeStep()) {
    XorInto(digest, RowHash(key, {"meta", Blob(meta.getColumn(0)), Blob(meta.getColumn(1))}));
  }
  return digest;
}

}  // namespace pims
