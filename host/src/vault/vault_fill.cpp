#include "vault/fill_decision.h"

namespace pims {

Result<FillDecision> DecideFill(SiteStore& sites, ProfileStore& profile, const Site& site,
                                FillTrigger trigger, std::span<const FieldDescriptor> fields,
                                std::span<const std::optional<AutofillToken>> tokens, bool autofill,
                                const FillPlace& place) {
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
  PIMS_ASSIGN_OR_RETURN(decision.result,
                        PlanFill(site, policy, trigger, fields, tokens, source, autofill, scope));
  return decision;
}

}  // namespace pims
