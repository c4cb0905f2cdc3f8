// The ledger as the shopper reads it: what was shared with which site, and when. Never values.
// The vault keeps it as a keyed hash chain (docs/vault.md); Vault::ListLedger and
// Vault::VerifyLedger read it.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace pims {

// The record a shopper picked in the menu at a field: its id and label, never its values.
struct LedgerRecord {
  std::string id;
  std::string label;
  bool operator==(const LedgerRecord&) const = default;
};

struct LedgerEntry {
  int64_t seq = 0;
  int64_t time = 0;                    // ms since the epoch
  std::string site;                    // "https://shop.example"
  std::vector<std::string> fields;     // autofill field names shared, never values
  std::optional<LedgerRecord> record;  // the record picked, when the shopper picked one
  bool once = false;  // shared under a "fill once" answer: the site was not allowed it
};

struct LedgerPage {
  std::vector<LedgerEntry> entries;  // newest first
  std::optional<int64_t> next;       // pass as `before` for the following page
};

struct LedgerCheck {
  bool ok = false;
  int64_t entries = 0;
  std::string problem;  // when !ok: which entry failed and how
};

// {"seq", "time": ISO 8601 UTC, "site", "fields"} and, when set, "record": {"id", "label"} and
// "once": true: the wire form (docs/protocol.md).
nlohmann::json LedgerEntryToJson(const LedgerEntry& entry);

}  // namespace pims
