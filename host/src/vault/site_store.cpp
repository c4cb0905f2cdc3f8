// Per-site consent in the vault. A site is found by a keyed BLAKE2b hash of its name, and its
// name and policy are sealed, so the file alone reveals neither the shops nor what they get.
#include <nlohmann/json.hpp>

#include "store/database.h"
#include "vault/vault_impl.h"

namespace pims {
namespace {

using nlohmann::json;

std::string LookupHex(const crypto::Hash& lookup) { return crypto::ToHex(crypto::AsBytes(lookup)); }

Result<Vault::Impl::StoredPolicy> ParsePolicy(std::string_view clear) {
  json j = json::parse(clear, nullptr, false);
  if (!j.is_object() || !j["allow"].is_number_unsigned() || !j["auto_card"].is_boolean() ||
      !(j["last_shared"].is_null() || j["last_shared"].is_number_integer())) {
    return Status(ErrorCode::kVaultCorrupt, "a site's policy record is damaged");
  }
  Vault::Impl::StoredPolicy stored;
  stored.policy.allow = CategorySet::FromBits(j["allow"].get<uint32_t>());
  stored.policy.auto_card = j["auto_card"].get<bool>();
  if (j["last_shared"].is_number_integer()) stored.last_shared = j["last_shared"].get<int64_t>();
  return stored;
}

}  // namespace

crypto::Hash Vault::Impl::SiteLookup(const Site& site) const {
  return crypto::KeyedHash(keys->lookup, site.ToString());
}

Result<std::optional<Vault::Impl::StoredPolicy>> Vault::Impl::LoadPolicy(
    const crypto::Hash& lookup) {
  CachedStatement q = Prepared("SELECT policy FROM sites WHERE lookup = ?");
  q->bind(1, lookup.data(), static_cast<int>(lookup.size()));
  if (!q->executeStep()) return std::optional<StoredPolicy>();
  PIMS_ASSIGN_OR_RETURN(Secret clear,
                        Open(BlobView(q->getColumn(0)), {"sites", LookupHex(lookup), "policy"}));
  PIMS_ASSIGN_OR_RETURN(StoredPolicy stored, ParsePolicy(clear.reveal()));
  return std::optional<StoredPolicy>(stored);
}

void Vault::Impl::StorePolicy(const crypto::Hash& lookup, const Site& site,
                              const StoredPolicy& stored) {
  const std::string hex = LookupHex(lookup);
  json j{{"allow", stored.policy.allow.bits()},
         {"auto_card", stored.policy.auto_card},
         {"last_shared", stored.last_shared ? json(*stored.last_shared) : json(nullptr)}};
  const std::string name = Seal(site.ToString(), {"sites", hex, "name"});
  const std::string policy = Seal(j.dump(), {"sites", hex, "policy"});
  CachedStatement q =
      Prepared("INSERT OR REPLACE INTO sites(lookup, name, policy) VALUES(?, ?, ?)");
  q->bind(1, lookup.data(), static_cast<int>(lookup.size()));
  q->bind(2, name.data(), static_cast<int>(name.size()));
  q->bind(3, policy.data(), static_cast<int>(policy.size()));
  q->exec();
}

Result<SitePolicy> Vault::GetSite(const Site& site) {
  PIMS_RETURN_IF_ERROR(impl_->RequireUnlocked());
  try {
    PIMS_ASSIGN_OR_RETURN(auto stored, impl_->LoadPolicy(impl_->SiteLookup(site)));
    return stored ? stored->policy : SitePolicy{};
  } catch (...) {
    return store::StatusFromCurrentException("reading the site's policy");
  }
}

Status Vault::SetSite(const Site& site, const SitePolicy& policy) {
  PIMS_RETURN_IF_ERROR(impl_->RequireUnlocked());
  Impl& v = *impl_;
  const crypto::Hash lookup = v.SiteLookup(site);
  return store::WriteTransaction(*v.db, [&]() -> Status {
    PIMS_ASSIGN_OR_RETURN(auto stored, v.LoadPolicy(lookup));
    Impl::StoredPolicy updated = stored.value_or(Impl::StoredPolicy{});
    updated.policy = policy;
    v.StorePolicy(lookup, site, updated);
    return Status::Ok();
  });
}

Status Vault::ForgetSite(const Site& site) {
  PIMS_RETURN_IF_ERROR(impl_->RequireUnlocked());
  Impl& v = *impl_;
  const crypto::Hash lookup = v.SiteLookup(site);
  return store::WriteTransaction(*v.db, [&]() -> Status {
    SQLite::Statement q(*v.db, "DELETE FROM sites WHERE lookup = ?");
    q.bind(1, lookup.data(), static_cast<int>(lookup.size()));
    if (q.exec() == 0) {
      return Status(ErrorCode::kNotFound, "no settings are stored for " + site.ToString());
    }
    return Status::Ok();
  });
}

Result<std::vector<SiteSummary>> Vault::ListSites() {
  PIMS_RETURN_IF_ERROR(impl_->RequireUnlocked());
  try {
    std::vector<SiteSummary> sites;
    SQLite::Statement q(*impl_->db, "SELECT lookup, name, policy FROM sites");
    while (q.executeStep()) {
      const std::string hex = crypto::ToHex(BlobView(q.getColumn(0)));
      PIMS_ASSIGN_OR_RETURN(Secret name,
                            impl_->Open(BlobView(q.getColumn(1)), {"sites", hex, "name"}));
      PIMS_ASSIGN_OR_RETURN(Secret policy,
                            impl_->Open(BlobView(q.getColumn(2)), {"sites", hex, "policy"}));
      PIMS_ASSIGN_OR_RETURN(Impl::StoredPolicy stored, ParsePolicy(policy.reveal()));
      PIMS_ASSIGN_OR_RETURN(Site site, SiteFromUrl(name.reveal()));
      sites.push_back(SiteSummary{std::move(site), stored.policy, stored.last_shared});
    }
    std::sort(sites.begin(), sites.end(), [](const SiteSummary& a, const SiteSummary& b) {
      return a.site.ToString() < b.site.ToString();
    });
    return sites;
  } catch (...) {
    return store::StatusFromCurrentException("listing the sites");
  }
}

}  // namespace pims
