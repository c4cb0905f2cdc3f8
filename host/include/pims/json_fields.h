// Typed reading of a JSON object's fields, errors as values: the one way libpims reads JSON it
// did not write just now (requests, and the records it stored in the vault or a backup).
//
// A reader knows what it reads and which error a missing or mistyped field gives:
//  - a request (OfRequest): kBadRequest with Status::field() the field's name and a message
//    such as "field 'password' must be a string" or "field 'allow' is required";
//  - a stored record (OfRecord): kVaultCorrupt, "the ledger's head record is damaged (field
//    'count' must be an integer from 0 to ...)" — the file was damaged or tampered with;
//  - a file to import (OfImport): kBadImport, "the Bitwarden export's items[2] is damaged (field
//    'card' must be an object)" — the file is not what its format says.
// An object that is not a JSON object has no fields: Require* report the field as missing,
// Optional* as absent. Optional* treat an explicit null like an absent field. Messages name
// fields and limits only, never a value read. Nothing here throws except std::bad_alloc.
//
// Thread-safety: a reader borrows its object, which must outlive it and stay unchanged.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pims/secret.h"
#include "pims/status.h"

namespace pims {

class JsonFields {
 public:
  static JsonFields OfRequest(const nlohmann::json& body) {
    return JsonFields(body, ErrorCode::kBadRequest, {});
  }
  // `what` names the record in messages: "the ledger's head record".
  static JsonFields OfRecord(const nlohmann::json& record, std::string what) {
    return JsonFields(record, ErrorCode::kVaultCorrupt, std::move(what));
  }
  // `what` names the part of the file in messages: "the Bitwarden export's items[2]".
  static JsonFields OfImport(const nlohmann::json& part, std::string what) {
    return JsonFields(part, ErrorCode::kBadImport, std::move(what));
  }

  Result<std::string> RequireString(std::string_view field) const;
  // A string that is a secret (a password): read straight into wiping storage.
  Result<Secret> RequireSecret(std::string_view field) const;
  Result<std::optional<std::string>> OptionalString(std::string_view field) const;
  // The pointers point into the object and live as long as it does.
  Result<const nlohmann::json*> RequireArray(std::string_view field) const;
  Result<const nlohmann::json*> RequireObject(std::string_view field) const;
  // nullptr when the field is absent or null.
  Result<const nlohmann::json*> OptionalArray(std::string_view field) const;
  Result<const nlohmann::json*> OptionalObject(std::string_view field) const;
  // Accepts a JSON integer, or a float with an integral value (JSON does not tell them apart),
  // within [min, max]; otherwise "field 'x' must be an integer from min to max".
  // REQUIRES: min <= max.
  Result<int64_t> RequireInteger(std::string_view field, int64_t min, int64_t max) const;
  Result<std::optional<int64_t>> OptionalInteger(std::string_view field, int64_t min,
                                                 int64_t max) const;
  Result<bool> RequireBool(std::string_view field) const;
  Result<std::optional<bool>> OptionalBool(std::string_view field) const;
  // An array whose every element is a string.
  Result<std::vector<std::string>> RequireStrings(std::string_view field) const;

  // The error this reader gives for `field` and the rule it breaks ("must be a string").
  Status Error(std::string_view field, std::string_view rule) const;

 private:
  JsonFields(const nlohmann::json& object, ErrorCode code, std::string what)
      : object_(object), code_(code), what_(std::move(what)) {}
  const nlohmann::json* Find(std::string_view field) const;

  const nlohmann::json& object_;
  ErrorCode code_;
  std::string what_;
};

// Parses a record the vault stored (a sealed value, once opened). kVaultCorrupt naming `what`
// when the text is not a JSON object.
Result<nlohmann::json> ParseStoredRecord(std::string_view text, std::string_view what);

}  // namespace pims
