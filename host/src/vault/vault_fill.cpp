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
  scope.consent_host = place.host.empty() || ConsentGivenOn(policy, place.host);
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
