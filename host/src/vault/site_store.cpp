#include "vault/site_store.h"

#include <algorithm>

#include "pims/json_fields.h"

namespace pims {
namespace {

using nlohmann::json;

std::string LookupHex(std::string_view lookup) { return crypto::ToHex(lookup); }

// The sealed policy row: {"allow": category bits, "deny": category bits, "auto_card": bool,
// "last_shared": ms | null, "hosts": [host, ...], "never_save": bool}. Rows written before
// refusals existed have no "deny": nothing refused; rows written before hosts were recorded have
// no "hosts"; rows written before saving offers have no "never_save" (false).
Result<SiteStore::Stored> ParseStored(std::string_view clear) {
  constexpr std::string_view kWhat = "a site's policy record";
  PIMS_ASSIGN_OR_RETURN(json record, ParseStoredRecord(clear, kWhat));
  const JsonFields fields = JsonFields::OfRecord(record, std::string(kWhat));
  PIMS_ASSIGN_OR_RETURN(int64_t bits, fields.RequireInteger("allow", 0, UINT32_MAX));
  PIMS_ASSIGN_OR_RETURN(std::optional<int64_t> deny_bits,
                        fields.OptionalInteger("deny", 0, UINT32_MAX));
  PIMS_ASSIGN_OR_RETURN(bool auto_card, fields.RequireBool("auto_card"));
  PIMS_ASSIGN_OR_RETURN(std::optional<int64_t> last_shared,
                        fields.OptionalInteger("last_shared", INT64_MIN, INT64_MAX));
  PIMS_ASSIGN_OR_RETURN(std::vector<std::string> hosts, ConsentHostsFromJson(fields, "hosts"));
  PIMS_ASSIGN_OR_RETURN(std::optional<bool> never_save, fields.OptionalBool("never_save"));
  SiteStore::Stored stored;
  stored.policy.never_save = never_save.value_or(false);
  stored.policy.allow = CategorySet::FromBits(static_cast<uint32_t>(bits));
  // A category is never both: an allowed one wins over a refusal (a row written elsewhere).
  stored.policy.deny = CategorySet::FromBits(static_cast<uint32_t>(deny_bits.value_or(0)) &
                                             ~stored.policy.allow.bits());
  stored.policy.hosts = std::move(hosts);
  stored.policy.auto_card = auto_card;
  stored.last_shared = last_shared;
  return stored;
}

}  // namespace

crypto::Hash SiteStore::LookupUnder(const Keyring& keys, const Site& site) {
  return crypto::KeyedHash(keys.lookup, site.ToString());
}

Result<std::optional<SiteStore::Stored>> SiteStore::Load(const crypto::Hash& lookup) {
  if (const auto* kept = kept_.Find(store_)) {
    if (auto it = kept->find(lookup); it != kept->end()) return it->second;
  }
  std::optional<Stored> stored;
  {
    CachedStatement q = store_.Prepared("SELECT policy FROM sites WHERE lookup = ?");
    BindBlob(*q, 1, crypto::AsBytes(lookup));
    if (q->executeStep()) {
      PIMS_ASSIGN_OR_RETURN(Secret clear,
                            store_.Open(BlobView(q->getColumn(0)),
                                        {"sites", LookupHex(crypto::AsBytes(lookup)), "policy"}));
      PIMS_ASSIGN_OR_RETURN(stored, ParseStored(clear.reveal()));
    }
  }
  Keep(lookup, stored);
  return stored;
}

void SiteStore::Keep(const crypto::Hash& lookup, std::optional<Stored> stored) {
  std::map<crypto::Hash, std::optional<Stored>> sites;
  if (const auto* kept = kept_.Find(store_); kept != nullptr && kept->size() < kKeptSites) {
    sites = *kept;
  }
  sites.insert_or_assign(lookup, std::move(stored));
  kept_.Keep(store_, std::move(sites));
}

void SiteStore::Store(const crypto::Hash& lookup, const Site& site, const Stored& stored) {
  const std::string hex = LookupHex(crypto::AsBytes(lookup));
  const json record{{"allow", stored.policy.allow.bits()},
                    {"deny", stored.policy.deny.bits()},
                    {"auto_card", stored.policy.auto_card},
                    {"last_shared", stored.last_shared ? json(*stored.last_shared) : json(nullptr)},
                    {"hosts", stored.policy.hosts},
                    {"never_save", stored.policy.never_save}};
  const std::string name = store_.Seal(site.ToString(), {"sites", hex, "name"});
  const std::string policy = store_.Seal(record.dump(), {"sites", hex, "policy"});
  TrackOld(lookup);
  store_.Track({"sites", crypto::AsBytes(lookup), name, policy});
  CachedStatement q =
      store_.Prepared("INSERT OR REPLACE INTO sites(lookup, name, policy) VALUES(?, ?, ?)");
  BindBlob(*q, 1, crypto::AsBytes(lookup));
  BindBlob(*q, 2, name);
  BindBlob(*q, 3, policy);
  q->exec();
  Keep(lookup, stored);
}

void SiteStore::TrackOld(const crypto::Hash& lookup) {
  CachedStatement q = store_.Prepared("SELECT name, policy FROM sites WHERE lookup = ?");
  BindBlob(*q, 1, crypto::AsBytes(lookup));
  if (q->executeStep()) {
    store_.Track(
        {"sites", crypto::AsBytes(lookup), BlobView(q->getColumn(0)), BlobView(q->getColumn(1))});
  }
}

bool SiteStore::Forget(const crypto::Hash& lookup) {
  TrackOld(lookup);
  CachedStatement q = store_.Prepared("DELETE FROM sites WHERE lookup = ?");
  BindBlob(*q, 1, crypto::AsBytes(lookup));
  const bool removed = q->exec() > 0;
  Keep(lookup, std::nullopt);
  return removed;
}

Result<std::vector<SiteSummary>> SiteStore::List() {
  std::vector<SiteSummary> sites;
  SQLite::Statement q(store_.db(), "SELECT lookup, name, policy FROM sites");
  while (q.executeStep()) {
    const std::string hex = LookupHex(BlobView(q.getColumn(0)));
    PIMS_ASSIGN_OR_RETURN(Secret name,
                          store_.Open(BlobView(q.getColumn(1)), {"sites", hex, "name"}));
    PIMS_ASSIGN_OR_RETURN(Secret policy,
                          store_.Open(BlobView(q.getColumn(2)), {"sites", hex, "policy"}));
    PIMS_ASSIGN_OR_RETURN(Stored stored, ParseStored(policy.reveal()));
    PIMS_ASSIGN_OR_RETURN(Site site, SiteFromUrl(name.reveal()));
    sites.push_back(SiteSummary{std::move(site), stored.policy, stored.last_shared});
  }
  std::sort(sites.begin(), sites.end(), [](const SiteSummary& a, const SiteSummary& b) {
    return a.site.ToString() < b.site.ToString();
  });
  return sites;
}

Status SiteStore::Reseal(const Keyring& from, const Keyring& to) {
  ForgetKept();  // every lookup changes
  struct Row {
    std::string lookup, name, policy;
  };
  std::vector<Row> rows;
  {
    CachedStatement q = store_.Prepared("SELECT lookup, name, policy FROM sites");
    while (q->executeStep()) {
      rows.push_back({std::string(BlobView(q->getColumn(0))),
                      std::string(BlobView(q->getColumn(1))),
                      std::string(BlobView(q->getColumn(2)))});
    }
  }
  store_.db().exec("DELETE FROM sites");
  CachedStatement insert =
      store_.Prepared("INSERT INTO sites(lookup, name, policy) VALUES(?, ?, ?)");
  for (const Row& row : rows) {
    const std::string old_hex = LookupHex(row.lookup);
    PIMS_ASSIGN_OR_RETURN(Secret name,
                          SealedStore::OpenUnder(from, row.name, {"sites", old_hex, "name"}));
    PIMS_ASSIGN_OR_RETURN(Secret policy,
                          SealedStore::OpenUnder(from, row.policy, {"sites", old_hex, "policy"}));
    PIMS_ASSIGN_OR_RETURN(Site site, SiteFromUrl(name.reveal()));
    const crypto::Hash lookup = LookupUnder(to, site);
    const std::string hex = LookupHex(crypto::AsBytes(lookup));
    const std::string new_name = SealedStore::SealUnder(to, name.reveal(), {"sites", hex, "name"});
    const std::string new_policy =
        SealedStore::SealUnder(to, policy.reveal(), {"sites", hex, "policy"});
    BindBlob(*insert, 1, crypto::AsBytes(lookup));
    BindBlob(*insert, 2, new_name);
    BindBlob(*insert, 3, new_policy);
    insert->exec();
    insert->reset();
  }
  return Status::Ok();
}

}  // namespace pims
