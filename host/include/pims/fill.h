// Deciding what a checkout form gets: the fill request, its result, and the pure planner.
//
// The planner is where consent is enforced. For each field it decides, in this order:
//   1. classify it (a FieldClassifier: the autocomplete attribute, else heuristics) -> `unknown`;
//   2. the field's category must not be refused for the site           -> withheld refused;
//      and must be allowed                                             -> withheld not_allowed;
//   3. no card data to a page that is not https                        -> withheld insecure_origin;
//   4. card number and code (cc-number, cc-csc) only after a shopper gesture, unless the site
//      has auto_card                                                    -> withheld needs_gesture;
//   5. an automatic fill (no gesture) when the shopper turned automatic filling off (the vault's
//      settings)                                                       -> withheld autofill_off;
//      the field must be visible (as the extension measured it)        -> withheld not_visible;
//   6. the profile must hold a value                                   -> `empty`;
//      a select must have an option naming it (by value or text: country codes and names,
//      region codes and names, month numbers and names, 2- or 4-digit years); the fill is that
//      option's value, and without one the field is `empty` (never a wrong option);
//   7. the value must fit the field's maxlength; it is never cut       -> withheld too_long;
//      a box of a split value (a card number in four) takes its slice, and only when the boxes
//      together hold the whole value (else withheld too_long).
// Only then is the value read from the ProfileSource, so a withheld value is never read (the
// vault's source is the profile it keeps decrypted, in locked memory, while unlocked).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pims/autocomplete.h"
#include "pims/categories.h"
#include "pims/derive.h"
#include "pims/field.h"
#include "pims/policy.h"
#include "pims/secret.h"
#include "pims/site.h"
#include "pims/status.h"

namespace pims {

enum class FillTrigger { kAuto, kGesture };

// APPEND-ONLY: the names are wire values (docs/protocol.md).
enum class WithheldReason {
  kNotAllowed,
  kNeedsGesture,
  kInsecureOrigin,
  kTooLong,
  kNotVisible,
  kAutofillOff,
  kRefused,  // the shopper refused the category for this site ("never for this shop")
};
std::string_view WithheldReasonName(WithheldReason reason);

struct FilledField {
  std::string ref;
  std::string field;  // the autofill field name the value answers
  Category category;
  Secret value;
};

struct WithheldField {
  std::string ref;
  std::string field;
  Category category;
  WithheldReason reason;
};

struct FillResult {
  Site site;
  std::vector<FilledField> fills;
  std::vector<WithheldField> withheld;
  std::vector<std::string> unknown;  // refs of fields not understood, or not checkout fields
  std::vector<std::string> empty;    // refs of allowed fields the profile has no value for
};

// A record the shopper picked in the menu at a field, filled instead of the default. A pick
// fills only the fields its record answers (InPick); `id` names an address (kShipping,
// kBilling) or a card (kCard); the person has one record and no id.
enum class PickRole { kShipping, kBilling, kCard, kPerson };
struct FillPick {
  PickRole role = PickRole::kPerson;
  std::string id;
};
// "shipping", "billing", "card", "person" (wire names).
std::string_view PickRoleName(PickRole role);
std::optional<PickRole> PickRoleFromName(std::string_view name);
// The role of the records that answer a field: an address field -> its section's address
// (kShipping unless the token says billing); a card field -> kCard; anything else pims fills
// -> kPerson. nullopt for a field pims does not fill.
std::optional<PickRole> PickRoleOf(const AutofillToken& token);
// Does a pick of `role` fill this field? An address pick: the address fields of its section and
// the contact fields (name, email, phone, organization) of that section or of none; a card
// pick: the card and its security code; the person: the contact fields and birthday outside
// any address section.
bool InPick(PickRole role, const AutofillToken& token);

// What a fill may do besides the site's policy.
struct FillOptions {
  std::optional<FillPick> pick;
  // Categories the shopper allowed for this one request ("fill once"): never stored. Only on a
  // shopper's gesture (the protocol refuses them otherwise).
  CategorySet once;
};

// The decision described at the top of this file. `tokens` holds one entry per field.
// Errors only come from the source (a value that fails to decrypt: kVaultCorrupt).
// `autofill`: the shopper's setting (VaultSettings::autofill).
Result<FillResult> PlanFill(const Site& site, const SitePolicy& policy, FillTrigger trigger,
                            std::span<const FieldDescriptor> fields,
                            std::span<const std::optional<AutofillToken>> tokens,
                            ProfileSource& source, bool autofill = true);

}  // namespace pims
