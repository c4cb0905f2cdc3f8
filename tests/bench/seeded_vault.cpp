#include "seeded_vault.h"

#include <string>
#include <vector>

#include "ledger/ledger.h"
#include "pims/profile.h"
#include "store/sealed_store.h"
#include "support/ada_profile.h"
#include "vault/site_store.h"

namespace pims::bench {
namespace {

// Ledger entries go in batches: one transaction per batch keeps seeding fast without making
// one enormous transaction.
constexpr int64_t kLedgerBatch = 10'000;

// Through the ledger module itself, on its own connection to the vault file.
Status SeedLedger(const std::filesystem::path& file, const Site& shop, int64_t entries,
                  const Clock& clock) {
  if (entries == 0) return Status::Ok();
  PIMS_ASSIGN_OR_RETURN(std::unique_ptr<SealedStore> store, SealedStore::Open(file, clock));
  PIMS_RETURN_IF_ERROR(store->Unlock(kPassword));
  SiteStore sites(*store);
  Ledger ledger(*store, sites);
  const std::vector<std::string> fields{"given-name", "family-name", "email", "street-address"};
  for (int64_t done = 0; done < entries;) {
    const int64_t batch = std::min(kLedgerBatch, entries - done);
    PIMS_RETURN_IF_ERROR(store->Write([&]() -> Status {
      for (int64_t i = 0; i < batch; ++i) {
        PIMS_RETURN_IF_ERROR(ledger.Append(shop, fields, clock.NowMillis()));
      }
      return Status::Ok();
    }));
    done += batch;
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Vault>> SeedVault(const std::filesystem::path& file, const VaultShape& shape,
                                         const Clock& clock) {
  PIMS_ASSIGN_OR_RETURN(std::unique_ptr<Vault> vault,
                        Vault::Create(file, kPassword, shape.cost, clock));
  PIMS_ASSIGN_OR_RETURN(Profile profile, ProfileFromJson(testing::AdaProfileJson()));
  PIMS_RETURN_IF_ERROR(vault->PutProfile(profile));

  PIMS_ASSIGN_OR_RETURN(Site shop, SiteFromUrl(kShopUrl));
  PIMS_RETURN_IF_ERROR(vault->SetSite(shop, SitePolicy{CategorySet::All(), true, {}, {}, false}));
  SitePolicy little;
  little.allow.Add(Category::kName);
  little.allow.Add(Category::kEmail);
  for (int i = 1; i < shape.sites; ++i) {
    PIMS_ASSIGN_OR_RETURN(Site other,
                          SiteFromUrl("https://shop-" + std::to_string(i) + ".example"));
    PIMS_RETURN_IF_ERROR(vault->SetSite(other, little));
  }
  PIMS_RETURN_IF_ERROR(SeedLedger(file, shop, shape.ledger_entries, clock));
  return vault;
}

}  // namespace pims::bench
