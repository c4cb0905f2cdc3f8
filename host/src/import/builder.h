// What every format's reader shares: collecting records into an ImportedProfile with each value
// normalised on the way in, reading a file's JSON with its depth bounded, and the small
// conversions several formats need. Internal to libpims (host/src/import).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pims/import.h"

namespace pims {

// kBadImport with a message.
Status BadImport(std::string message);

// Parses a file's JSON text. kBadImport ("<what> is not JSON ...") for text that is not UTF-8 or
// not JSON, or that nests deeper than 64 levels (refused, not parsed: nothing deep is built).
Result<nlohmann::json> ParseImportJson(std::string_view text, std::string_view what);

// Where a value goes: the parts of one record of the file.
enum ImportPart : unsigned { kToPerson = 1, kToAddress = 2, kToCard = 4 };

// One record of the file as a reader fills it: the values it holds for the person, an address
// and a card, by pims field name, each already normalised.
struct ImportDraft {
  FieldMap person;
  FieldMap address;
  FieldMap card;
};

class ImportBuilder {
 public:
  // Normalises `value` as `field` (a stored field of each part named in `parts`) into the draft.
  // An empty value is nothing; a value that breaks the field's rule is not placed: it is counted
  // under `source`, the file's name for it. REQUIRES: the field is stored by every part named.
  void Put(ImportDraft& draft, unsigned parts, std::string_view field, std::string_view value,
           std::string_view source);
  // Something of the file pims has no place for (its value is never looked at).
  void Unplaced(std::string_view source, UnplacedWhy why);
  // An item of a kind pims does not import ("logins", "notes").
  void Ignore(std::string_view kind);
  // Ends a record: the person takes each field it has no value for yet; an address is made when
  // the draft has a street, place, postal code or country; a card when it has any card field
  // besides a label. kTooLarge past kMaxImportedRecords.
  Status Add(ImportDraft draft);

  ImportedProfile Take() &&;

 private:
  // Counts `field` with an entry of the same name and why, or adds it (up to kMaxUnplacedKinds).
  void AddUnplaced(UnplacedField field);

  ImportedProfile profile_;
  int unplaced_other_ = 0;  // past kMaxUnplacedKinds
};

// The ISO 3166-1 alpha-2 code of a country written as a code or a name in one of the languages
// pims reads ("Deutschland" -> "DE"); the text as it was when it names no country (so that the
// country rule reports it).
std::string CountryCodeOrText(std::string_view text);

// Names joined with single spaces, empty parts left out.
std::string JoinWords(std::initializer_list<std::string_view> words);

// A card's expiry year as pims stores it: four digits; two digits are taken as 20YY (exports
// written by hand and some programs shorten it).
std::string FourDigitYear(std::string_view year);

}  // namespace pims
