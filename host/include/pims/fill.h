// Deciding what a checkout form gets: the fill request, its result, and the pure planner.
//
// The planner is where consent is enforced. Before it, a request's FillOptions apply: a pick
// (the menu at a field) keeps only the fields its record answers (InPick) and fills them from
// that record; `once` allows categories for this one request (a shopper's gesture), so in step 2
// they count as allowed and not refused for the site (never for the top-level site of step 3).
// For each field it decides, in this order:
//   1. classify it (a FieldClassifier: the autocomplete attribute, else heuristics) -> `unknown`;
//   2. the field's category must not be refused for the site           -> withheld refused;
//      and must be allowed                                             -> withheld not_allowed;
//   3. no card data to a page that is not https                        -> withheld insecure_origin;
//      in a frame of another site than the top-level page (FillScope): the category must be
//      allowed to the top-level site too                               -> withheld top_not_allowed;
//      and card data needs that site on https                          -> withheld insecure_origin;
//   4. card number and code (cc-number, cc-csc) only after a shopper gesture, unless the site
//      has auto_card                                                    -> withheld needs_gesture;
//      a frame of another site only on a gesture aimed at that frame    -> withheld
//                                                                         cross_site_frame;
//   5. an automatic fill (no gesture) when the shopper turned automatic filling off (the vault's
//      settings)                                                       -> withheld autofill_off;
//      an automatic fill on a host of the site where consent was not given (FillScope; in a
//      frame of the page's own site, the top-level page's host)
//                                                                      -> withheld other_host;
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
  kOtherHost,
  kCrossSiteFrame,
  kTopNotAllowed,
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

// Where a fill goes beyond its site, as the browser reports it (docs/protocol.md, fill: url and
// top_url).
struct FillPlace {
  std::string host;         // the page's exact host (SiteAndHost::host); "": not checked
  std::optional<Site> top;  // in a frame: the top-level page's site; nullopt at the top level
  std::string top_host;     // in a frame: the top-level page's exact host
  // The shopper's gesture was aimed at this frame (its context menu, a pick inside it), not at
  // the tab as a whole. Only such a gesture fills a frame of another site.
  bool aimed = false;
};

// What the decision needs beyond the site's own policy, from FillPlace and the stored policies.
struct FillScope {
  // The page's host is one where the site's consent was given (SitePolicy::hosts).
  bool consent_host = true;
  // In a frame of another site than the top-level page: that site's policy, and whether it is
  // on https.
  std::optional<SitePolicy> top;
  bool top_secure = true;
  // The gesture, if any, was aimed at this frame (FillPlace::aimed).
  bool aimed = false;
};

// The decision described at the top of this file. `tokens` holds one entry per field.
// `policy` is the one the request works under: the site's stored policy with FillOptions::once
// allowed (and not refused); a pick's fields are chosen before (InPick) and its record is the
// source's. `scope`: the place's rules (FillScope; default: a top-level page on a consent host).
// Errors only come from the source (a value that fails to decrypt: kVaultCorrupt).
// `autofill`: the shopper's setting (VaultSettings::autofill).
Result<FillResult> PlanFill(const Site& site, const SitePolicy& policy, FillTrigger trigger,
                            std::span<const FieldDescriptor> fields,
                            std::span<const std::optional<AutofillToken>> tokens,
                            ProfileSource& source, bool autofill = true,
                            const FillScope& scope = {});

}  // namespace pims
