// The vault's digest of its rows, so that rows from two copies of the vault cannot be mixed
// (docs/vault.md, "Rows from another copy"). Internal to libpims.
//
// Every protected row (each site, each record and record field, the settings and the ledger's
// head) has a keyed BLAKE2b hash of its table, key and sealed content; the digest is the XOR of
// them all, sealed in meta.digest. A write XORs out the rows it replaces and XORs in the rows it
// writes, so the digest stays current at the cost of one hash per row written. Putting back one
// row from an older copy (a revoked policy, a deleted card, an older settings row) changes the
// XOR of the file's rows, and without the digest key nobody can compute the digest that would
// match. The ledger's entries are not in it: their own hash chain ends in the ledger's head,
// which is.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <initializer_list>
#include <string_view>

#include "crypto/crypto.h"

namespace pims {

// The hash of one row: its table, key and content, each part length-prefixed.
crypto::Hash RowHash(const KeyBytes& key, std::initializer_list<std::string_view> row);

void XorInto(crypto::Hash& into, const crypto::Hash& hash);

// The digest of every protected row of the file, under key. May throw SQLite::Exception.
crypto::Hash ComputeRowDigest(SQLite::Database& db, const KeyBytes& key);

// The meta keys the digest protects.
bool IsDigestedMeta(std::string_view key);

}  // namespace pims
