// The vault's SQLite file: opening it safely, its schema and migrations. Internal to libpims.
//
// Opening never changes a file that is not a healthy pims vault: the header is checked before
// SQLite touches the file, and the schema version before anything is written. Every
// SQLiteCpp exception is caught here and in the vault, and becomes a Status.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "pims/status.h"

namespace pims::store {

// The schema this build writes. Versions are forward-only: Migrate() walks an older vault up.
inline constexpr int kSchemaVersion = 1;
// How long a writer waits for another process (the other browser's host) before giving up.
inline constexpr int kBusyTimeoutMillis = 5000;

// Creates a new, empty vault file with the current schema (0600, WAL mode).
// kVaultExists if the file exists; kIoError if it cannot be written.
Result<std::unique_ptr<SQLite::Database>> CreateDatabase(const std::filesystem::path& file);

// Opens an existing vault file read-write. kVaultAbsent if missing; kVaultCorrupt if it is not
// SQLite, is truncated or lacks pims' tables; kVaultNewer if a newer pims wrote it. Older
// schemas are migrated in one transaction.
Result<std::unique_ptr<SQLite::Database>> OpenDatabase(const std::filesystem::path& file);

// What the vault file's first 100 bytes (SQLite's header) say, without opening it with SQLite:
// kVaultAbsent when there is no file; kVaultCorrupt when it is not SQLite or carries no pims
// schema; kVaultNewer when a newer pims wrote it; OK when it looks like a pims vault. Cheap
// enough for `status`, which must not pay for opening the database (WAL, locks) to say
// "locked". A file damaged beyond its header is reported when it is opened (OpenDatabase).
Status PeekVaultFile(const std::filesystem::path& file);

// BEGIN IMMEDIATE and COMMIT compiled once, for a connection that writes on every request (a
// fill writes its ledger entry): compiling them was a few percent of a fill. REQUIRES: destroyed
// before the connection. May throw SQLite::Exception (as compiling does).
struct TransactionStatements {
  explicit TransactionStatements(SQLite::Database& db)
      : begin(db, "BEGIN IMMEDIATE"), commit(db, "COMMIT") {}
  SQLite::Statement begin;
  SQLite::Statement commit;
};

// Runs fn inside BEGIN IMMEDIATE ... COMMIT (rolled back if fn fails or throws). IMMEDIATE takes
// the write lock up front, so two processes never deadlock upgrading a read to a write.
// `compiled`, when given, holds the two statements compiled for db already.
Status WriteTransaction(SQLite::Database& db, const std::function<Status()>& fn,
                        TransactionStatements* compiled = nullptr);

// Converts the exception being handled (inside a catch block) into a Status: a busy database
// becomes kBusy, a corrupt or non-database file kVaultCorrupt, a full disk or I/O error kIoError,
// anything else kInternal. `what` names the operation ("saving the profile").
Status StatusFromCurrentException(std::string_view what);

}  // namespace pims::store
