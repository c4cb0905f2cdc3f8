// A fill against the vault: the policy and the lazily decrypted profile go into the planner;
// whatever is shared is written to the ledger in the same transaction as last_shared.
#include "pims/vault.h"
#include "store/database.h"
#include "vault/profile_store.h"
#include "vault/vault_impl.h"

namespace pims {

Result<FillResult> Vault::Fill(const Site& site, FillTrigger trigger,
                               std::span<const FieldDescriptor> fields,
                               const FieldClassifier& classifier) {
  PIMS_RETURN_IF_ERROR(impl_->RequireUnlocked());
  Impl& v = *impl_;
  try {
    const crypto::Hash lookup = v.SiteLookup(site);
    PIMS_ASSIGN_OR_RETURN(FillResult result,
                          v.DecideFill(site, lookup, trigger, fields, classifier));
    if (result.fills.empty()) return result;

    std::vector<std::string> shared;
    shared.reserve(result.fills.size());
    for (const FilledField& f : result.fills) shared.push_back(f.field);
    const int64_t now = v.clock.NowMillis();
    PIMS_RETURN_IF_ERROR(store::WriteTransaction(*v.db, [&]() -> Status {
      // Re-read inside the write lock: another process may have changed the policy.
      PIMS_ASSIGN_OR_RETURN(auto current, v.LoadPolicy(lookup));
      if (!current) {
        return Status(ErrorCode::kNotFound, "the site's settings changed during the fill");
      }
      current->last_shared = now;
      v.StorePolicy(lookup, site, *current);
      return v.AppendLedger(site, lookup, shared, now);
    }));
    return result;
  } catch (...) {
    return store::StatusFromCurrentException("filling");
  }
}

Result<FillResult> Vault::Impl::DecideFill(const Site& site, const crypto::Hash& lookup,
                                           FillTrigger trigger,
                                           std::span<const FieldDescriptor> fields,
                                           const FieldClassifier& classifier) {
  PIMS_ASSIGN_OR_RETURN(auto stored, LoadPolicy(lookup));
  const SitePolicy policy = stored ? stored->policy : SitePolicy{};
  const std::vector<std::optional<AutofillToken>> tokens = classifier.Classify(fields);
  VaultProfileSource source(*this);
  return PlanFill(site, policy, trigger, fields, tokens, source);
}

}  // namespace pims
