// What the menu at a field may show: the records a shopper can pick for the field's role (the
// addresses, the cards, the person), each with its label, and a one-line summary only where
// the site is allowed the category the summary describes. Summaries are computed here, in the
// host, from the stored values; the extension shows them and never sees a whole card number.
//
// Thread-safety: the functions are reentrant; a ProfileSource is used from one thread at a time.
#pragma once

#include <string>
#include <vector>

#include "pims/categories.h"
#include "pims/derive.h"
#include "pims/fill.h"
#include "pims/policy.h"
#include "pims/secret.h"
#include "pims/status.h"

namespace pims {

struct OfferEntry {
  std::string id;     // the record's id; "" for the person
  std::string label;  // the shopper's name for the record ("Home", "Visa"); "" for the person
  Secret summary;     // one line; empty when the site may not see what it would describe
  bool is_default = false;
};

// What the vault offers for one field (Vault::Offer): the site's policy as stored, and the
// records, the default first.
struct MenuOffer {
  SitePolicy policy;
  std::vector<OfferEntry> entries;
};

// The summary of the record `source` answers for `role`, built from the parts `allowed` covers
// (empty when it covers none):
//  - kShipping / kBilling (the address category of that role): "first street line, town,
//    postcode" ("12 St James's Square, London, SW1Y 4JH");
//  - kCard (card): "brand •••• last four, MM/YYYY" ("Visa •••• 1111, 12/2030"); never more of
//    the number;
//  - kPerson: the full name (name), email (email) and phone (phone), joined by ", ".
// Parts the profile lacks are left out.
Result<Secret> SummarizeRecord(ProfileSource& source, PickRole role, CategorySet allowed);

// The consent category whose permission a summary of `role` needs (kPerson: nullopt, per part).
std::optional<Category> CategoryOfRole(PickRole role);

}  // namespace pims
