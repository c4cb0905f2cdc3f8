// Saving what the shopper typed at a checkout: the values of classified fields turned into the
// records pims stores (an address, a card, the person), compared with the profile, and one
// record added or updated. docs/protocol.md, `record.match` and `record.save`.
//
// Values are validated and normalised exactly as profile.put does (ProfileFromJson: countries,
// phones, Luhn, dates), with two extra readings of what forms hold: a country's name in any
// of the seven languages becomes its code, and a month or a two-digit year in a select becomes
// the stored number. Nothing here stores anything; the vault does (Vault::EditProfile).
//
// Records travel as JSON objects of stored keys (pims/profile.h StoredFields), with clear
// values: WipeJson them when done. Messages never contain a value.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pims/autocomplete.h"
#include "pims/profile.h"
#include "pims/secret.h"
#include "pims/status.h"

namespace pims {

// One field of the submitted form, as the host classified it.
struct SubmittedField {
  AutofillToken token;
  Secret value;  // what the field held
  Secret text;   // a select's option text ("" otherwise): read when the value is an opaque key
  // True when the shopper typed it (trusted input, unchanged since); false when pims filled it
  // and it still holds what pims wrote (context for an update, never a reason to offer).
  bool typed = false;
};

// A record the submitted fields describe, normalised.
struct SaveCandidate {
  RecordKind kind = RecordKind::kAddress;            // kAddress, kCard or kPerson
  AddressHint section = AddressHint::kShipping;      // kAddress: kShipping or kBilling
  nlohmann::json record = nlohmann::json::object();  // stored keys -> stored values
  std::vector<std::string> typed;    // the stored keys that hold something the shopper typed
  std::vector<std::string> dropped;  // stored keys left out: their value failed validation
};

// The records the fields describe: one address per section that holds an address field (its
// name, organisation, phone and email from the same section; a field with no section belongs
// to the shipping address, or to the billing address when that is the only one), one card when
// a card number is there, and the person (name, email, phone) when there is no address.
// A value that fails validation is left out (named in `dropped`); a record left without its
// essentials (an address without street or postcode, a card without a valid number) or
// without a typed value is not returned. `profile` gives the countries that national phone
// numbers are read in (as profile.put reads them).
std::vector<SaveCandidate> SaveCandidates(std::span<const SubmittedField> fields,
                                          const Profile& profile);

enum class SaveAction { kNew, kUpdate, kSame };

struct SaveMatch {
  SaveAction action = SaveAction::kNew;
  std::string id;                    // kUpdate / kSame of an address or card: the stored record
  std::string label;                 // its label
  std::vector<std::string> changed;  // kUpdate: the stored keys the candidate changes
};

// How a candidate compares with the profile (letters compared case- and accent-blind):
//  - an address: kSame when a stored address holds every value of it; else kUpdate of the
//    stored address that shares most of its values, when that is at least two and at least half
//    of them; else kNew;
//  - a card: by its number: kSame when the card holds every value, kUpdate when another value
//    differs (a new expiry), kNew for a number not stored;
//  - the person: kSame when it holds every value, else kUpdate.
// A difference only in values the shopper did not type is kSame: only typing makes an offer.
SaveMatch MatchCandidate(const Profile& profile, const SaveCandidate& candidate);

// Adds a record of `kind` (an empty `id`) or lays `record` over the stored record `id` (each
// key given replaces that field; the others stay); for kPerson lays it over the person (`id`
// must be empty). Validation and normalisation as ProfileFromJson, so a record that
// record.match returned is taken as it is. A new address without a "label" is labelled with
// its street's first line, a new card with "Card" and its last four digits. Returns the
// record's id ("" for the person).
// Errors: kInvalidField with field() "record.<key>" (a value, an unknown key, a profile already
// holding 100 records: field "record"); kNotFound (field "id") when no record has that id.
Result<std::string> SaveRecord(Profile& profile, RecordKind kind, std::string_view id,
                               const nlohmann::json& record);

// "address", "card", "person" <-> the kind; nullopt for another name or kind.
std::optional<RecordKind> SaveKindFromName(std::string_view name);
std::string_view SaveKindName(RecordKind kind);

// The record as an offer shows it: the card number masked to its last four ("•••• 1111"),
// the security code left out.
nlohmann::json MaskedRecord(RecordKind kind, const nlohmann::json& record);

}  // namespace pims
