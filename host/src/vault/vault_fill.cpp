#include "vault/fill_decision.h"

namespace pims {
namespace {

// The record of `records` whose id is `id`; nullptr when there is none.
const Record* FindRecord(const std::vector<Record>& records, std::string_view id) {
  for (const Record& record : records) {
    if (record.id == id) return &record;
  }
  return nullptr;
}

const std::vector<Record>& RecordsOfRole(const Profile& profile, PickRole role) {
  return role == PickRole::kCard ? profile.cards : profile.addresses;
}

std::string LabelOf(const Record& record) {
  const auto it = record.fields.find("label");
  return it == record.fields.end() ? std::string() : std::string(it->second.reveal());
}

// Points the source at `record` for `role`.
void Use(InMemoryProfileSource& source, PickRole role, const Record* record) {
  switch (role) {
    case PickRole::kShipping: source.UseAddress(AddressHint::kShipping, record); break;
    case PickRole::kBilling: source.UseAddress(AddressHint::kBilling, record); break;
    case PickRole::kCard: source.UseCard(record); break;
    case PickRole::kPerson: break;
  }
}

// Points the source at the picked record; its id and label for the ledger.
Result<std::optional<LedgerRecord>> ChoosePicked(const Profile& profile,
                                                 InMemoryProfileSource& source,
                                                 const FillPick& pick) {
  if (pick.role == PickRole::kPerson) return std::optional<LedgerRecord>();
  const Record* record = FindRecord(RecordsOfRole(profile, pick.role), pick.id);
  if (record == nullptr) {
    return Status(ErrorCode::kNotFound, "the profile has no record with the id picked", "pick.id");
  }
  Use(source, pick.role, record);
  return std::optional<LedgerRecord>(LedgerRecord{pick.id, LabelOf(*record)});
}

}  // namespace

SitePolicy WithOnce(SitePolicy policy, CategorySet once) {
  policy.allow = CategorySet::FromBits(policy.allow.bits() | once.bits());
  policy.deny = CategorySet::FromBits(policy.deny.bits() & ~once.bits());
  return policy;
}

Result<FillDecision> DecideFill(SiteStore& sites, ProfileStore& profile, const Site& site,
                                FillTrigger trigger, std::span<const FieldDescriptor> fields,
                                std::span<const std::optional<AutofillToken>> tokens, bool autofill,
                                const FillOptions& options, const FillPlace& place) {
  FillDecision decision;
  decision.lookup = sites.Lookup(site);
  PIMS_ASSIGN_OR_RETURN(decision.stored, sites.Load(decision.lookup));
  const SitePolicy policy = decision.stored ? decision.stored->policy : SitePolicy{};
  FillScope scope;
  // What the shopper sees in the address bar: in a frame of the page's own site, the top-level
  // page's host (a cross-site frame needs an aimed gesture anyway).
  const std::string& shown = place.top ? place.top_host : place.host;
  scope.consent_host = shown.empty() || ConsentGivenOn(policy, shown);
  scope.aimed = place.aimed;
  if (place.top && *place.top != site) {
    PIMS_ASSIGN_OR_RETURN(auto top, sites.Load(sites.Lookup(*place.top)));
    scope.top = top ? top->policy : SitePolicy{};
    scope.top_secure = place.top->secure();
  }
  PIMS_ASSIGN_OR_RETURN(const Profile* clear, profile.Cached());
  InMemoryProfileSource source(*clear);
  if (options.pick) {
    PIMS_ASSIGN_OR_RETURN(decision.record, ChoosePicked(*clear, source, *options.pick));
  }
  // `once` answers this site's request; a frame's top-level site is asked its own policy.
  PIMS_ASSIGN_OR_RETURN(decision.result, PlanFill(site, WithOnce(policy, options.once), trigger,
                                                  fields, tokens, source, autofill, scope));
  for (const FilledField& f : decision.result.fills) {
    if (!policy.allow.Has(f.category)) decision.once = true;
  }
  return decision;
}

Result<MenuOffer> DecideOffer(SiteStore& sites, ProfileStore& profile, const Site& site,
                              PickRole role, Category focus, CategorySet once) {
  MenuOffer offer;
  PIMS_ASSIGN_OR_RETURN(std::optional<SiteStore::Stored> stored, sites.Load(sites.Lookup(site)));
  if (stored) offer.policy = stored->policy;
  const SitePolicy effective = WithOnce(offer.policy, once);
  const bool card = focus == Category::kCard || focus == Category::kCardCsc;
  if (effective.deny.Has(focus) || (card && !site.secure())) return offer;
  CategorySet allowed = effective.allow;
  if (!site.secure()) {
    allowed.Remove(Category::kCard);
    allowed.Remove(Category::kCardCsc);
  }
  PIMS_ASSIGN_OR_RETURN(const Profile* clear, profile.Cached());
  if (role == PickRole::kPerson) {
    InMemoryProfileSource source(*clear);
    PIMS_ASSIGN_OR_RETURN(Secret summary, SummarizeRecord(source, role, allowed));
    offer.entries.push_back(OfferEntry{"", "", std::move(summary), true});
    return offer;
  }
  const std::vector<Record>& records = RecordsOfRole(*clear, role);
  const Record* preferred = DefaultRecord(
      records, role == PickRole::kCard      ? clear->default_card
               : role == PickRole::kBilling ? clear->default_billing
                                            : clear->default_shipping);
  for (const Record& record : records) {
    OfferEntry entry;
    entry.id = record.id;
    entry.label = LabelOf(record);
    entry.is_default = &record == preferred;
    InMemoryProfileSource one(*clear);
    Use(one, role, &record);
    PIMS_ASSIGN_OR_RETURN(entry.summary, SummarizeRecord(one, role, allowed));
    if (entry.is_default) {
      offer.entries.insert(offer.entries.begin(), std::move(entry));
    } else {
      offer.entries.push_back(std::move(entry));
    }
  }
  return offer;
}

}  // namespace pims
