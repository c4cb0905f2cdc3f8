// The shopper's profile: the data model, its validation, and its JSON form.
//
// Keys are WHATWG autofill field names (docs/architecture.md, "Shared names and contracts"), so the
// page, the classifier, the vault and the editor speak one language. Only stored fields live
// here; derived ones (name, address-line1, cc-exp, tel-national, country-name, ...) are computed
// at fill time by pims/derive.h.
//
// Every profile value is a Secret. JSON built by ProfileToJson holds clear copies in ordinary
// std::strings: wipe it with WipeJson once it has been sent.
//
// Error messages never contain a value (not even a rejected one): they name the field by its JSON
// path in Status::field() and say which rule failed.
//
// Thread-safety: functions are pure; Profile is a plain value type.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pims/secret.h"
#include "pims/status.h"

namespace pims {

enum class RecordKind { kPerson, kAddress, kCard, kDefaults };

// Limits that ProfileFromJson and ValidateField enforce.
inline constexpr size_t kMaxFieldBytes = 1000;  // any one string, before normalisation
inline constexpr size_t kMaxAddresses = 100;
inline constexpr size_t kMaxCards = 100;
inline constexpr size_t kMaxRecordIdBytes = 64;  // ids: [A-Za-z0-9._:-], 1..64 bytes
inline constexpr size_t kMaxEmailBytes = 254;

using FieldMap = std::map<std::string, Secret, std::less<>>;

// An address or a card. `fields` holds only StoredFields(kind) keys, each with a non-empty value
// in its stored (normalised) form.
struct Record {
  std::string id;  // unique among all addresses and cards of a profile
  FieldMap fields;

  bool operator==(const Record&) const = default;
};

struct Profile {
  // given-name, additional-name, family-name, email, tel, bday, organization.
  FieldMap person;
  // label, name, organization, street-address, address-level1..3, postal-code, country, tel,
  // email.
  std::vector<Record> addresses;
  // label, cc-name, cc-number, cc-exp-month, cc-exp-year, cc-csc.
  std::vector<Record> cards;
  // Record ids. "" means "the first record of the list" (none when the list is empty). A
  // non-empty id always names a record of the right list in a Profile from ProfileFromJson.
  std::string default_shipping, default_billing, default_card;

  bool operator==(const Profile&) const = default;
};

// THE rule for which record a default names, wherever records live (in memory, sealed in the
// vault): the record for which id_is(record) says true, else the first; nullptr when there are
// none. id_is returns bool, or Result<bool> when telling needs work that can fail (decrypting
// a sealed id), whose error is returned.
template <typename R, typename IdIs>
Result<const R*> ChooseDefault(const std::vector<R>& records, IdIs id_is) {
  for (const R& record : records) {
    Result<bool> is = id_is(record);
    if (!is.ok()) return is.status();
    if (*is) return &record;
  }
  return records.empty() ? nullptr : &records.front();
}

// The record that the default id names in `records` (the rule above); nullptr for none.
const Record* DefaultRecord(const std::vector<Record>& records, std::string_view id);

// Typed edits of a profile, for editors (the command line).
// Adds a record of kAddress or kCard. Each field is validated and normalised as NormalizeField
// says (paths "addresses[N].field"); an empty id gets the next free "address-N" / "card-N".
// With make_default the record becomes the default (shipping and billing for an address).
// Returns the record's id. kInvalidField (a field, a repeated id, too many records).
Result<std::string> AddRecord(Profile& profile, RecordKind kind, const FieldMap& fields,
                              std::string_view id, bool make_default);
// Removes the record with that id from kAddress or kCard; defaults that named it fall back to
// the first record. kNotFound when there is none.
Status RemoveRecord(Profile& profile, RecordKind kind, std::string_view id);

// The keys a record of `kind` stores, in the order the profile shows them
// (vocabulary/autofill_fields.json). For kDefaults: "shipping", "billing", "card". The views point
// at static storage.
std::span<const std::string_view> StoredFields(RecordKind kind);

// Validates one value and returns it in stored form. `path` is what Status::field() reports
// ("cards[0].cc-number"). `field` may also be "id" for kAddress and kCard; for kDefaults the
// value is a record id. Numbers (cc-exp-month, cc-exp-year) come as decimal text here.
//
// Every string: at most kMaxFieldBytes bytes, valid UTF-8, no control characters (street-address
// alone allows line breaks), surrounding spaces trimmed. An empty result (after trimming) is
// valid and means "not set". Stored forms and rules:
//  - email: one "@", a non-empty local part, a domain with a dot that neither starts nor ends
//    it and no empty label, no whitespace, at most kMaxEmailBytes;
//  - tel: "+" and 7 to 15 digits once spaces, dashes, dots and parentheses are removed; the first
//    digit is not 0. Stored as "+442079460000";
//  - bday: a real calendar date "YYYY-MM-DD" (year 0001 or later), not after today (UTC, with a
//    day of slack for time zones ahead of UTC);
//  - country: a known ISO 3166-1 alpha-2 code (IsCountryCode), any case; stored upper case;
//  - street-address: lines separated by "\n" ("\r\n" and "\r" accepted); each line trimmed and
//    blank lines dropped; stored joined by "\n";
//  - cc-number: digits, spaces and dashes only; 12 to 19 digits; Luhn checksum. Stored as digits;
//  - cc-exp-month: 1..12 (a leading zero is accepted); stored without one ("7");
//  - cc-exp-year: four digits, 2000..2100 (a 2-digit year is refused);
//  - cc-csc: 3 or 4 digits;
//  - id (and defaults.*): 1..kMaxRecordIdBytes of ASCII letters, digits, ".", "_", ":", "-";
//  - every other field (names, label, organization, address-level*, postal-code): text.
// Errors: kInvalidField with field() == path, or for an unknown field of the kind.
Result<Secret> NormalizeField(RecordKind kind, std::string_view field, std::string_view value,
                              std::string_view path);
// NormalizeField without the result, for editors that check as the shopper types.
Status ValidateField(RecordKind kind, std::string_view field, std::string_view value,
                     std::string_view path);

// True for a known ISO 3166-1 alpha-2 code in upper case ("GB"; also "XK", Kosovo).
bool IsCountryCode(std::string_view code);
// The English name of a country ("GB" -> "United Kingdom"), or nullopt for an unknown code.
// The view points at static storage.
std::optional<std::string_view> CountryName(std::string_view code);

// Reads the JSON shape of docs/architecture.md:
//   {"person": {...}, "addresses": [{...}], "cards": [{...}],
//    "defaults": {"shipping": id, "billing": id, "card": id}}
// Every top-level key is optional (absent = empty). Values are strings except cc-exp-month and
// cc-exp-year, which are JSON integers. null or "" means "not set" for any value. An address or
// card without an "id" gets the first free "address-N" / "card-N" (N from 1). The result is
// normalised as NormalizeField describes.
// Errors, all kInvalidField with Status::field() the JSON path of the culprit:
//  - the root is not an object (field ""); an unknown key ("person.phone", "cards[1].pin"); a
//    value of the wrong type ("cards[0].cc-exp-month" given as a string);
//  - a value failing NormalizeField ("cards[0].cc-number", "person.email", ...);
//  - more than kMaxAddresses / kMaxCards records ("addresses", "cards");
//  - an id used twice among addresses and cards ("cards[2].id");
//  - a default that names no record of its list ("defaults.card").
// kInternal only if nlohmann::json throws unexpectedly. The message never quotes a value.
Result<Profile> ProfileFromJson(const nlohmann::json& json);

// Every problem ProfileFromJson would report, not only the first, so that an editor can show
// each at its field: every value of the wrong type or failing NormalizeField, every unknown key,
// in document order. The checks that need every value read (ids, defaults) are reported when
// no value has a problem; a structural error (the root, a section or a record that is not an
// object or array, too many records) ends the list, as it ends ProfileFromJson. Empty: the
// profile is valid. Same errors, same paths, same messages as ProfileFromJson.
std::vector<Status> ProfileProblems(const nlohmann::json& json);

// The same shape back. person and each record list every stored key ("" when unset) except
// cc-exp-month / cc-exp-year, which are integers and left out when unset; "defaults" lists the
// three ids ("" for "first"). With mask_cards, cc-number becomes "•••• 1111" (its last four
// digits) and cc-csc is left out. ProfileFromJson(ProfileToJson(p)) == p for an unmasked dump.
// The result holds clear values: WipeJson it when done.
nlohmann::json ProfileToJson(const Profile& profile, bool mask_cards = false);

// Overwrites every string in a JSON tree with zeros and empties it, and sets every number to 0
// (for requests and replies that carried profile values). Keys are left as they are.
void WipeJson(nlohmann::json& json);

}  // namespace pims
