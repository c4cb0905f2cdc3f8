// Fill-time values: what to put in one form field, computed from the stored profile fields.
//
// Only stored fields live in the vault (pims/profile.h); everything a page may ask for (name,
// address-line2, cc-exp, tel-national, country-name, ...) is derived here, lazily: DeriveValue
// asks its ProfileSource for exactly the stored fields the requested field needs, so a vault
// reads only those. The caller decides consent BEFORE calling (CategoryOfField on the same
// token): a field the policy withholds must not reach DeriveValue at all.
//
// What a derivation may read, by the token's category (so that consent for the category covers
// every read):
//  - kName: the person's given/additional/family name; for a shipping/billing token also the
//    "name" of that address (the recipient);
//  - kEmail / kPhone / kOrganization: the person's email / tel / organization; for a
//    shipping/billing token first the same field of that address;
//  - kShippingAddress / kBillingAddress: fields of that address only;
//  - kCard: cc-name, cc-number, cc-exp-month, cc-exp-year of the default card; kCardCsc: cc-csc;
//  - kBirthday: the person's bday.
//
// Thread-safety: DeriveValue is reentrant; a ProfileSource is used from one thread at a time.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pims/autocomplete.h"
#include "pims/categories.h"
#include "pims/profile.h"
#include "pims/secret.h"
#include "pims/status.h"

namespace pims {

// Where stored values come from. The vault implements it by decrypting on demand.
// Field names are StoredFields(...) keys. Each call returns the stored (normalised) value, or
// nullopt when the field, the record or the whole list is absent; errors (vault_corrupt,
// locked, ...) propagate unchanged out of DeriveValue.
class ProfileSource {
 public:
  virtual ~ProfileSource() = default;
  // A field of the person (kPerson).
  virtual Result<std::optional<Secret>> Person(std::string_view field) = 0;
  // A field of the address chosen for `which`: kShipping -> the default shipping address,
  // kBilling -> the default billing address, kNone -> the default shipping address.
  virtual Result<std::optional<Secret>> Address(AddressHint which, std::string_view field) = 0;
  // A field of the default card.
  virtual Result<std::optional<Secret>> Card(std::string_view field) = 0;
};

// What the page says about the field, for choosing a format.
struct FieldShape {
  int maxlength = -1;       // the maxlength attribute; -1 when absent
  std::string placeholder;  // e.g. "MM/YYYY"
  std::string type;         // the input type ("text", "tel", "month", ...) or "select"/"textarea"
  std::string label;        // the field's label, e.g. "Expiry (MM / YY)"
};

// The value for one field, or nullopt when the profile has nothing for it (including fields pims
// never fills, such as username, honorific-prefix, nickname, address-level4, tel-extension,
// cc-additional-name, and a "fax" or "pager" contact, for which no number is stored).
//
// Derivations (A = the address chosen by token.hint, P = the person, C = the default card):
//  - name: for a shipping/billing token A.name when set; else P's given, additional and family
//    names joined by single spaces.
//  - given-name / additional-name / family-name: P's. For a shipping/billing token whose A.name
//    is set and differs from P's joined name (a recipient other than the shopper, or no person
//    name at all), A.name split into words instead: the first word / the middle words / the last
//    word (a one-word name is a given name only).
//  - organization, email, tel*: for a shipping/billing token A's when set, else P's.
//  - tel: "+442079460000"; the national number instead ("02079460000") when the field asks for
//    one: its placeholder shows a number without "+" ("(000) 000-0000"), or its maxlength leaves
//    no room for the international form but does for the national one. tel-country-code: "+44".
//    tel-national: the national number, after the trunk prefix "0" where the country dials one
//    ("02079460000"; "2025550123" for +1). tel-area-code / tel-local / tel-local-prefix /
//    tel-local-suffix: for +1 (NANP) numbers of ten national digits only: 3 / 7 / 3 / 4 digits;
//    else nullopt.
//  - street-address: A's lines joined by "\n"; by ", " for a one-line input (a shape type other
//    than "" and "textarea"). address-line1 / address-line2: line 1 / 2.
//    address-line3: lines 3 and after, joined by ", ". address-level1..3, postal-code, country
//    (alpha-2): A's. country-name: the English name of A's country.
//  - cc-name, cc-number, cc-csc: C's. cc-given-name / cc-family-name: cc-name split at its last
//    space (a one-word cc-name is a given name only).
//  - cc-exp: as the placeholder, else the label, spells it: a month "MM" (or "M"), a separator
//    ("/", "-", ".", none, with the spaces around it) and a year of 2 or 4 letters Y, A or J
//    ("MM / YY", "MM-YYYY", "MM/AA", "MMJJ"), when that fits maxlength. Otherwise "MM/YY";
//    "MMYY" when maxlength == 4; "MM/YYYY" when maxlength >= 7; "YYYY-MM" for an input of type
//    "month".
//  - cc-exp-month: "MM" ("07"); "M" ("7") when maxlength == 1.
//  - cc-exp-year: "2030"; "30" when maxlength == 2 or the placeholder is "YY" (any case, spaces
//    around allowed).
//  - cc-type: the brand from the number's prefix: "Visa", "Mastercard", "American Express",
//    "Discover", "Diners Club", "JCB", "UnionPay", "Maestro", "Mir"; nullopt when unknown.
//  - bday: "YYYY-MM-DD". bday-day / bday-month / bday-year: numbers without leading zeros
//    ("10", "12", "1815").
// Values are built straight into Secrets; no clear copy is left in a plain std::string.
Result<std::optional<Secret>> DeriveValue(ProfileSource& source, const AutofillToken& token,
                                          const FieldShape& shape);

// A ProfileSource over an in-memory Profile (tests, the command line). A default id of "" (or
// one naming no record) means the first record of its list.
// The Profile is borrowed: it must outlive this object and not change while it is used.
class InMemoryProfileSource : public ProfileSource {
 public:
  explicit InMemoryProfileSource(const Profile& profile) : profile_(&profile) {}

  Result<std::optional<Secret>> Person(std::string_view field) override;
  Result<std::optional<Secret>> Address(AddressHint which, std::string_view field) override;
  Result<std::optional<Secret>> Card(std::string_view field) override;

  // Answers shipping (or billing) addresses, or cards, from `record` instead of the default:
  // the record the shopper picked. nullptr goes back to the default. The record is borrowed
  // like the profile.
  void UseAddress(AddressHint which, const Record* record) {
    (which == AddressHint::kBilling ? billing_ : shipping_) = record;
  }
  void UseCard(const Record* record) { card_ = record; }

 private:
  const Profile* profile_;
  const Record* shipping_ = nullptr;
  const Record* billing_ = nullptr;
  const Record* card_ = nullptr;
};

}  // namespace pims
