#include "vault/fill_decision.h"

namespace pims {

Result<FillDecision> DecideFill(SiteStore& sites, ProfileStore& profile, const Site& site,
                                FillTrigger trigger, std::span<const FieldDescriptor> fields,
                                std::span<const std::optional<AutofillToken>> tokens,
                                bool autofill) {
  FillDecision decision;
  decision.lookup = sites.Lookup(site);
  PIMS_ASSIGN_OR_RETURN(decision.stored, sites.Load(decision.lookup));
  const SitePolicy policy = decision.stored ? decision.stored->policy : SitePolicy{};
  PIMS_ASSIGN_OR_RETURN(const Profile* clear, profile.Cached());
  InMemoryProfileSource source(*clear);
  PIMS_ASSIGN_OR_RETURN(decision.result,
                        PlanFill(site, policy, trigger, fields, tokens, source, autofill));
  return decision;
}

}  // namespace pims
