// Profiles from other programs' exports, and a profile for them: pims never locks anyone in.
//
// Importing is three steps, so that the shopper sees what a file holds before anything is stored:
//  1. ParseImport reads a file's bytes (one reader per format, host/src/import/) into an
//     ImportedProfile: addresses, cards and person fields, every value normalised as
//     NormalizeField says, plus what the file held that pims does not import (logins, notes)
//     and the fields it could not place (a passport number, a card number Firefox encrypted).
//     It is pure: no vault, no disk, no clock.
//  2. PlanImport lays that over the shopper's profile: records already there are duplicates and
//     skipped, person fields fill only what the profile lacks. The plan's `result` is the
//     profile after the import; ImportPlanToJson is the preview the shopper confirms.
//  3. The caller stores the plan's result in one transaction (Vault::EditProfile, planning again
//     inside it, so that the preview's rules decide against what is stored at that moment).
// docs/import.md says what each format maps where, its limits, and what is not imported and why.
//
// Error messages name parts of the file ("items[3].card", a column's header) and rules, never a
// value from it.
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pims/profile.h"
#include "pims/secret.h"
#include "pims/status.h"

namespace pims {

enum class ImportFormat {
  kBitwarden,  // Bitwarden's JSON export, unencrypted or password-protected
  kOnePux,     // 1Password's 1PUX export (a ZIP archive holding export.data)
  kFirefox,    // Firefox's autofill-profiles.json
  kCsv,        // a CSV whose header row names WHATWG autofill fields
};

// The wire and command-line names: "bitwarden", "1pux", "firefox", "csv".
std::string_view ImportFormatName(ImportFormat format);
std::optional<ImportFormat> ImportFormatFromName(std::string_view name);
std::span<const ImportFormat> ImportFormats();

// The largest file any reader takes (the command line's limit; the protocol's is lower, since a
// request frame carries the file as base64: docs/protocol.md).
inline constexpr size_t kMaxImportFileBytes = 16u << 20;
// A 1PUX archive's export.data, once inflated: an archive that would inflate to more is refused
// before more is allocated (a ZIP bomb).
inline constexpr size_t kMaxUnpackedBytes = 16u << 20;
// Addresses (and, apart, cards) one file may hold.
inline constexpr size_t kMaxImportedRecords = 1000;
// Distinct kinds of unplaced field a preview lists; the rest are counted in one last entry.
inline constexpr size_t kMaxUnplacedKinds = 100;

// Why something in a file was not placed. Each has a stable wire name (UnplacedWhyName), which
// the extension shows in the shopper's language; `reason` says it in English.
enum class UnplacedWhy {
  kNotKept,           // "not_kept": pims keeps no such field (a title, an ID number, a PIN)
  kUnknownName,       // "unknown_name": a CSV header that is no WHATWG autofill field name
  kNotes,             // "notes": an item's notes
  kCustomFields,      // "custom_fields": an item's custom fields
  kInvalid,           // "invalid": the value breaks its field's rule (reason names the rule)
  kCardNumberLocked,  // "card_number_locked": encrypted with a key store only the browser opens
  kProfileKept,       // "profile_kept": differs from the profile's value, which is kept
  kMore,              // "more": past kMaxUnplacedKinds kinds, counted together
};
std::string_view UnplacedWhyName(UnplacedWhy why);

// Something in the file that pims has no place for, counted by its name in the file and why.
struct UnplacedField {
  std::string field;  // the file's name for it: "identity.ssn", "cc-number", a CSV header
  UnplacedWhy why = UnplacedWhy::kNotKept;
  std::string reason;  // in English: "is not a valid card number (its check digit is wrong)"
  int count = 0;       // how many records had it
  bool operator==(const UnplacedField&) const = default;
};

// An unplaced entry of `why`; its reason is `rule` (kInvalid: the rule the value broke) or, when
// empty, the why's own English sentence.
UnplacedField UnplacedOf(std::string field, UnplacedWhy why, int count = 1, std::string rule = {});

// What a file holds, in pims' terms. Records have no ids yet.
struct ImportedProfile {
  FieldMap person;  // each field from the first record that had it
  std::vector<Record> addresses;
  std::vector<Record> cards;
  std::map<std::string, int> ignored;  // items pims does not import, by kind: "logins": 3
  std::vector<UnplacedField> unplaced;
};

// True for a Bitwarden export protected by a password: ParseImport then needs the password.
bool NeedsPassword(ImportFormat format, std::string_view bytes);

// Reads a file of `format`. `password` opens a password-protected Bitwarden export (ignored
// otherwise). A value that breaks its field's rule (a card number with a wrong check digit, an
// unknown country) is not imported and is listed in `unplaced`; the rest of its record is.
// Errors:
//  - kTooLarge: the file is over kMaxImportFileBytes, holds more than kMaxImportedRecords
//    addresses or cards, or (1PUX) inflates to more than kMaxUnpackedBytes;
//  - kBadImport: the bytes are not a file of that format (not UTF-8, not JSON, JSON nested deeper
//    than 64 levels, a part of the wrong type, a broken ZIP or CSV); the message says where;
//  - kBadRequest with field() "password": a password-protected Bitwarden export and no password;
//  - kBadPassword: the password does not open it.
Result<ImportedProfile> ParseImport(ImportFormat format, std::string_view bytes,
                                    std::string_view password = {});

// An import laid over a profile.
struct ImportPlan {
  ImportFormat format = ImportFormat::kCsv;
  FieldMap person;                // person fields the import sets (the profile had none)
  std::vector<Record> addresses;  // addresses it adds, with the ids they get
  std::vector<Record> cards;      // cards it adds, with the ids they get
  int duplicate_addresses = 0;    // records already in the profile (or twice in the file)
  int duplicate_cards = 0;
  std::map<std::string, int> ignored;
  std::vector<UnplacedField> unplaced;  // the file's, and person fields the profile has already
  Profile result;                       // the profile after the import
};

// A record is a duplicate when every field it has (but its label) has the same normalised value
// in one record of the same list (already there, or added earlier by the same import). A person
// field is set only where the profile has none; a different value is listed as unplaced.
// kInvalidField when the result would hold more than kMaxAddresses / kMaxCards records.
Result<ImportPlan> PlanImport(const Profile& existing, ImportFormat format,
                              const ImportedProfile& imported);

// The preview (and, after a commit, what was stored), as docs/protocol.md shows for
// import.preview: {"format", "person", "addresses", "cards", "duplicates", "ignored",
// "unplaced"}. Card numbers are masked to their last four digits; no security code is shown.
// The result holds clear values: WipeJson it when done.
nlohmann::json ImportPlanToJson(const ImportPlan& plan);

// The profile as a Bitwarden-compatible unencrypted JSON export (docs/import.md): the person
// and each address as identities, each card as a card. It holds every value in clear, card
// numbers and security codes included.
Secret ExportBitwardenJson(const Profile& profile);

}  // namespace pims
