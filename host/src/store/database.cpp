#include "store/database.h"

#include <sqlite3.h>

#include <array>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "pims/platform.h"

namespace pims::store {
namespace fs = std::filesystem;
namespace {

constexpr std::array<const char*, 7> kSchemaV1 = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
    "CREATE TABLE records(id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, position "
    "INTEGER NOT NULL)",
    "CREATE TABLE record_fields(record INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
    " name TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY(record, name)) WITHOUT ROWID",
    "CREATE TABLE sites(lookup BLOB PRIMARY KEY, name BLOB NOT NULL, policy BLOB NOT NULL)"
    " WITHOUT ROWID",
    "CREATE TABLE ledger(seq INTEGER PRIMARY KEY, site BLOB NOT NULL, entry BLOB NOT NULL,"
    " mac BLOB NOT NULL)",
    "CREATE INDEX ledger_by_site ON ledger(site, seq)",
    "CREATE INDEX records_by_kind ON records(kind, position)",
};

// Migrations[i] takes a vault from version i+1 to i+2. Empty while there is one version.
const std::array<std::function<void(SQLite::Database&)>, 0> kMigrations = {};
static_assert(kMigrations.size() == kSchemaVersion - 1);

constexpr char kSqliteMagic[] = "SQLite format 3";  // 16 bytes with the NUL

void ApplyConnectionSettings(SQLite::Database& db) {
  db.setBusyTimeout(kBusyTimeoutMillis);
  db.exec("PRAGMA foreign_keys=ON");
  // NORMAL in WAL mode: a commit survives the process being killed at any moment; only a
  // power cut may lose the last commits, and never corrupts the file.
  db.exec("PRAGMA synchronous=NORMAL");
  db.exec("PRAGMA secure_delete=ON");  // overwrite freed pages (old sealed values, old keys)
}

// SQLite's 100-byte header, checked before SQLite touches the file.
Status CheckHeaderBytes(std::string_view header, const fs::path& file) {
  if (header.size() < 100 || header.substr(0, sizeof kSqliteMagic) !=
                                 std::string_view(kSqliteMagic, sizeof kSqliteMagic)) {
    return Status(ErrorCode::kVaultCorrupt, "the vault file " + file.string() +
                                                " is not a pims vault (truncated or not SQLite)");
  }
  return Status::Ok();
}

Status CheckHeader(const fs::path& file) {
  auto header = ReadFileStart(file, 100);
  if (!header.ok())
    return Status(ErrorCode::kIoError, "cannot read the vault file " + file.string());
  return CheckHeaderBytes(*header, file);
}

// SQLite's header: the schema's user_version is the big-endian 32-bit number at offset 60.
uint32_t UserVersionOf(std::string_view header) {
  uint32_t version = 0;
  for (size_t i = 60; i < 64; ++i) version = (version << 8) | static_cast<unsigned char>(header[i]);
  return version;
}

Status CheckTables(SQLite::Database& db) {
  for (const char* table : {"meta", "records", "record_fields", "sites", "ledger"}) {
    if (!db.tableExists(table)) {
      return Status(ErrorCode::kVaultCorrupt,
                    std::string("the vault file lacks its '") + table + "' table");
    }
  }
  return Status::Ok();
}

}  // namespace

Status StatusFromCurrentException(std::string_view what) {
  try {
    throw;
  } catch (const SQLite::Exception& e) {
    const int code = e.getErrorCode() & 0xff;
    std::string msg = std::string(what) + " failed: " + e.what();
    switch (code) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return Status(ErrorCode::kBusy,
                      std::string(what) + " failed: another pims process kept the vault busy");
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
      case SQLITE_FORMAT:
        return Status(ErrorCode::kVaultCorrupt, msg);
      case SQLITE_FULL:
      case SQLITE_IOERR:
      case SQLITE_CANTOPEN:
      case SQLITE_READONLY:
      case SQLITE_PERM:
        return Status(ErrorCode::kIoError, msg);
      default:
        return Status(ErrorCode::kInternal, msg);
    }
  } catch (const nlohmann::json::exception& e) {
    return Status(ErrorCode::kVaultCorrupt,
                  std::string(what) + " failed: a stored record is malformed");
  } catch (const std::bad_alloc&) {
    return Status(ErrorCode::kInternal, std::string(what) + " failed: out of memory");
  } catch (const std::exception& e) {
    return Status(ErrorCode::kInternal, std::string(what) + " failed: " + e.what());
  }
}

Status PeekVaultFile(const fs::path& file) {
  auto header = ReadFileStart(file, 100);
  if (!header.ok()) {
    if (header.status().code() == ErrorCode::kNotFound) {
      return Status(ErrorCode::kVaultAbsent, "no vault at " + file.string() + ": set one up first");
    }
    return Status(ErrorCode::kIoError, "cannot read the vault file " + file.string());
  }
  PIMS_RETURN_IF_ERROR(CheckHeaderBytes(*header, file));
  const uint32_t version = UserVersionOf(*header);
  if (version > static_cast<uint32_t>(kSchemaVersion)) {
    return Status(ErrorCode::kVaultNewer, "the vault was written by a newer pims: upgrade pims");
  }
  // 0 in the file itself is a schema still in the write-ahead log (a vault just created by a
  // host that is still running); without a log, there is no pims schema.
  std::error_code ec;
  if (version == 0 && !(fs::file_size(file.string() + "-wal", ec) > 0 && !ec)) {
    return Status(ErrorCode::kVaultCorrupt, "the vault file has no pims schema");
  }
  return Status::Ok();
}

Result<std::unique_ptr<SQLite::Database>> CreateDatabase(const fs::path& file) {
  std::error_code ec;
  if (fs::exists(file, ec)) {
    return Status(ErrorCode::kVaultExists, "a vault already exists at " + file.string());
  }
  PIMS_RETURN_IF_ERROR(EnsurePrivateDir(file.parent_path()));
  try {
    {
      // Create the file 0600 before SQLite opens it, so it is never readable by others.
      std::ofstream touch(file, std::ios::binary);
      if (!touch) return Status(ErrorCode::kIoError, "cannot create " + file.string());
    }
    PIMS_RETURN_IF_ERROR(MakePrivateFile(file));
    auto db = std::make_unique<SQLite::Database>(file.string(), SQLite::OPEN_READWRITE);
    db->exec("PRAGMA journal_mode=WAL");
    ApplyConnectionSettings(*db);
    SQLite::Transaction tx(*db);
    for (const char* statement : kSchemaV1) db->exec(statement);
    db->exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
    tx.commit();
    return db;
  } catch (...) {
    Status status = StatusFromCurrentException("creating the vault");
    fs::remove(file, ec);
    return status;
  }
}

Result<std::unique_ptr<SQLite::Database>> OpenDatabase(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    return Status(ErrorCode::kVaultAbsent, "no vault at " + file.string() + ": set one up first");
  }
  PIMS_RETURN_IF_ERROR(CheckHeader(file));
  try {
    auto db = std::make_unique<SQLite::Database>(file.string(), SQLite::OPEN_READWRITE);
    ApplyConnectionSettings(*db);
    const int version = db->execAndGet("PRAGMA user_version").getInt();
    if (version > kSchemaVersion) {
      return Status(ErrorCode::kVaultNewer, "the vault was written by a newer pims (schema " +
                                                std::to_string(version) + ", this build knows " +
                                                std::to_string(kSchemaVersion) + "): upgrade pims");
    }
    if (version < 1) return Status(ErrorCode::kVaultCorrupt, "the vault file has no pims schema");
    PIMS_RETURN_IF_ERROR(CheckTables(*db));
    if (version < kSchemaVersion) {
      SQLite::Transaction tx(*db);
      for (int v = version; v < kSchemaVersion; ++v) kMigrations[v - 1](*db);
      db->exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
      tx.commit();
    }
    return db;
  } catch (...) {
    return StatusFromCurrentException("opening the vault");
  }
}

Status WriteTransaction(SQLite::Database& db, const std::function<Status()>& fn,
                        TransactionStatements* compiled) {
  // Runs one of the two statements, compiled or not; a compiled one is ready to run again after.
  auto run = [&](SQLite::Statement* statement, const char* sql) {
    if (statement == nullptr) {
      db.exec(sql);
      return;
    }
    struct Reset {
      SQLite::Statement& statement;
      ~Reset() { statement.tryReset(); }
    } reset{*statement};
    statement->exec();
  };
  try {
    run(compiled ? &compiled->begin : nullptr, "BEGIN IMMEDIATE");
  } catch (...) {
    return StatusFromCurrentException("starting a write");
  }
  Status status;
  try {
    status = fn();
    if (status.ok()) run(compiled ? &compiled->commit : nullptr, "COMMIT");
  } catch (...) {
    status = StatusFromCurrentException("writing the vault");
  }
  if (!status.ok()) {
    try {
      if (!db.getHandle() || sqlite3_get_autocommit(db.getHandle()) == 0) db.exec("ROLLBACK");
    } catch (...) {
      // The transaction is already gone (SQLite rolls back on some errors by itself).
    }
  }
  return status;
}

}  // namespace pims::store
