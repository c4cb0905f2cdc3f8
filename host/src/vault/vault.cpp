// The vault: the sealed store and the modules that keep rows in it (profile, sites, ledger,
// settings), composed behind pims/vault.h. Every operation on vault data runs through the
// store's one guard (unlocked check + exception boundary) and every write through one
// transaction.
#include "pims/vault.h"

#include <nlohmann/json.hpp>

#include "ledger/ledger.h"
#include "pims/autocomplete.h"
#include "pims/derive.h"
#include "pims/json_fields.h"
#include "store/sealed_store.h"
#include "vault/fill_decision.h"
#include "vault/profile_store.h"
#include "vault/site_store.h"

namespace pims {
namespace {

using nlohmann::json;

constexpr std::string_view kMetaSettings = "settings";
constexpr std::string_view kSettingsWhat = "the vault's settings record";

void WriteSettingsUnder(SealedStore& store, const Keyring& keys, const VaultSettings& settings) {
  store.WriteMeta(kMetaSettings, SealedStore::SealUnder(keys, VaultSettingsToJson(settings).dump(),
                                                        {"meta", "settings"}));
}

void WriteSettings(SealedStore& store, const VaultSettings& settings) {
  WriteSettingsUnder(store, store.keys(), settings);
}

Result<VaultSettings> ReadSettingsUnder(SealedStore& store, const Keyring& keys) {
  auto sealed = store.ReadMeta(kMetaSettings);
  if (!sealed) return VaultSettings{};
  PIMS_ASSIGN_OR_RETURN(Secret clear, SealedStore::OpenUnder(keys, *sealed, {"meta", "settings"}));
  PIMS_ASSIGN_OR_RETURN(json record, ParseStoredRecord(clear.reveal(), kSettingsWhat));
  return VaultSettingsFromJson(JsonFields::OfRecord(record, std::string(kSettingsWhat)), {});
}

Result<VaultSettings> ReadSettings(SealedStore& store) {
  return ReadSettingsUnder(store, store.keys());
}

Status CheckSettings(const VaultSettings& settings) {
  if (settings.autolock_minutes < 0 || settings.autolock_minutes > kMaxAutolockMinutes) {
    return Status(
        ErrorCode::kBadRequest,
        "autolock_minutes must be between 0 (never) and " + std::to_string(kMaxAutolockMinutes),
        "autolock_minutes");
  }
  return Status::Ok();
}

}  // namespace

json VaultSettingsToJson(const VaultSettings& settings) {
  return {{"autolock_minutes", settings.autolock_minutes},
          {"autofill", settings.autofill},
          {"menu", settings.menu}};
}

Result<VaultSettings> VaultSettingsFromJson(const JsonFields& fields, VaultSettings base) {
  PIMS_ASSIGN_OR_RETURN(std::optional<int64_t> minutes,
                        fields.OptionalInteger("autolock_minutes", 0, kMaxAutolockMinutes));
  PIMS_ASSIGN_OR_RETURN(std::optional<bool> autofill, fields.OptionalBool("autofill"));
  PIMS_ASSIGN_OR_RETURN(std::optional<bool> menu, fields.OptionalBool("menu"));
  if (minutes) base.autolock_minutes = static_cast<int>(*minutes);
  if (autofill) base.autofill = *autofill;
  if (menu) base.menu = *menu;
  return base;
}

class Vault::Impl {
 public:
  explicit Impl(std::unique_ptr<SealedStore> sealed)
      : store(std::move(sealed)), sites(*store), profile(*store), ledger(*store, sites) {}

  // The settings, decrypted once per store generation: a fill reads them on every request.
  Result<VaultSettings> Settings() {
    if (const VaultSettings* kept = settings.Find(*store)) return *kept;
    PIMS_ASSIGN_OR_RETURN(VaultSettings read, ReadSettings(*store));
    return settings.Keep(*store, std::move(read));
  }
  // REQUIRES: inside a write transaction.
  void PutSettings(const VaultSettings& replacement) {
    WriteSettings(*store, replacement);
    settings.Keep(*store, replacement);
  }
  // Everything decrypted that is kept in memory goes with the keys.
  void ForgetKept() {
    settings.Forget();
    sites.ForgetKept();
    profile.ForgetKept();
    ledger.ForgetKept();
  }

  std::unique_ptr<SealedStore> store;
  SiteStore sites;
  ProfileStore profile;
  Ledger ledger;
  GenerationCached<VaultSettings> settings;
};

Vault::Vault(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Vault::~Vault() = default;

Result<std::unique_ptr<Vault>> Vault::Create(const std::filesystem::path& file,
                                             std::string_view password, const PasswordHashing& cost,
                                             const Clock& clock) {
  PIMS_ASSIGN_OR_RETURN(auto store,
                        SealedStore::Create(file, password, cost, clock, [](SealedStore& created) {
                          WriteSettings(created, VaultSettings{});
                          SiteStore sites(created);
                          Ledger(created, sites).InitHead();
                          return Status::Ok();
                        }));
  return std::unique_ptr<Vault>(new Vault(std::make_unique<Impl>(std::move(store))));
}

Result<std::unique_ptr<Vault>> Vault::Open(const std::filesystem::path& file, const Clock& clock) {
  PIMS_ASSIGN_OR_RETURN(auto store, SealedStore::Open(file, clock));
  return std::unique_ptr<Vault>(new Vault(std::make_unique<Impl>(std::move(store))));
}

Status Vault::Unlock(std::string_view password) { return impl_->store->Unlock(password); }
void Vault::Lock() {
  impl_->store->Lock();
  impl_->ForgetKept();
}
bool Vault::unlocked() const { return impl_->store->unlocked(); }
bool Vault::CheckpointDue() const { return impl_->store->CheckpointDue(); }
void Vault::Checkpoint() { impl_->store->Checkpoint(); }

Status Vault::ChangePassword(std::string_view old_password, std::string_view new_password) {
  SealedStore& store = *impl_->store;
  PIMS_ASSIGN_OR_RETURN(SealedStore::Rekey rekey, store.PrepareRekey(old_password, new_password));
  try {
    // Every row under the new data key, and the new wrapped key, in one transaction: a crash at
    // any point leaves the old vault (old password) or the new one (new password).
    PIMS_RETURN_IF_ERROR(store.Write([&]() -> Status {
      store.PauseTracking();  // WriteWrappedKey computes the digest afresh
      PIMS_RETURN_IF_ERROR(impl_->ledger.Reseal(rekey.from, rekey.to));
      PIMS_RETURN_IF_ERROR(impl_->sites.Reseal(rekey.from, rekey.to));
      PIMS_RETURN_IF_ERROR(impl_->profile.Reseal(rekey.from, rekey.to));
      PIMS_ASSIGN_OR_RETURN(VaultSettings settings, ReadSettingsUnder(store, rekey.from));
      WriteSettingsUnder(store, rekey.to, settings);
      store.WriteWrappedKey(rekey);
      return Status::Ok();
    }));
  } catch (...) {
    return store::StatusFromCurrentException("changing the password");
  }
  store.AdoptKeys(std::move(rekey.to));
  return Status::Ok();
}

Result<VaultSettings> Vault::GetSettings() {
  return impl_->store->Guarded("reading the settings", [&] { return impl_->Settings(); });
}

Status Vault::SetSettings(const VaultSettings& settings) {
  PIMS_RETURN_IF_ERROR(CheckSettings(settings));
  SealedStore& store = *impl_->store;
  return store.Guarded("saving the settings", [&] {
    return store.Write([&] {
      impl_->PutSettings(settings);
      return Status::Ok();
    });
  });
}

Result<Profile> Vault::GetProfile() {
  return impl_->store->Guarded("reading the profile", [&]() -> Result<Profile> {
    PIMS_ASSIGN_OR_RETURN(const Profile* profile, impl_->profile.Cached());
    return *profile;
  });
}

Status Vault::PutProfile(const Profile& profile) {
  SealedStore& store = *impl_->store;
  return store.Guarded("saving the profile", [&] {
    return store.Write([&] {
      impl_->profile.Put(profile);
      return Status::Ok();
    });
  });
}

Status Vault::EditProfile(const std::function<Status(Profile&)>& edit) {
  SealedStore& store = *impl_->store;
  return store.Guarded("editing the profile", [&] {
    return store.Write([&]() -> Status {
      PIMS_ASSIGN_OR_RETURN(Profile profile, impl_->profile.Get());
      PIMS_RETURN_IF_ERROR(edit(profile));
      impl_->profile.Put(profile);
      return Status::Ok();
    });
  });
}

Result<SitePolicy> Vault::GetSite(const Site& site) {
  return impl_->store->Guarded("reading the site's policy", [&]() -> Result<SitePolicy> {
    PIMS_ASSIGN_OR_RETURN(auto stored, impl_->sites.Load(impl_->sites.Lookup(site)));
    return stored ? stored->policy : SitePolicy{};
  });
}

// A site's stored row with a new policy; last_shared is kept. REQUIRES: inside a transaction.
static Status StorePolicy(SiteStore& sites, const Site& site, const SitePolicy& policy) {
  const crypto::Hash lookup = sites.Lookup(site);
  PIMS_ASSIGN_OR_RETURN(auto stored, sites.Load(lookup));
  SiteStore::Stored updated = stored.value_or(SiteStore::Stored{});
  updated.policy = policy;
  sites.Store(lookup, site, updated);
  return Status::Ok();
}

Status Vault::SetSite(const Site& site, const SitePolicy& policy) {
  SealedStore& store = *impl_->store;
  return store.Guarded("saving the site's policy", [&] {
    return store.Write([&] { return StorePolicy(impl_->sites, site, policy); });
  });
}

Status Vault::ForgetSite(const Site& site) {
  SealedStore& store = *impl_->store;
  return store.Guarded("forgetting the site", [&] {
    return store.Write([&]() -> Status {
      if (!impl_->sites.Forget(impl_->sites.Lookup(site))) {
        return Status(ErrorCode::kNotFound, "no settings are stored for " + site.ToString());
      }
      return Status::Ok();
    });
  });
}

Result<std::vector<SiteSummary>> Vault::ListSites() {
  return impl_->store->Guarded("listing the sites", [&]() -> Result<std::vector<SiteSummary>> {
    PIMS_ASSIGN_OR_RETURN(std::vector<SiteSummary> sites, impl_->sites.List());
    // A site's last_shared is its newest ledger entry's time (a fill rewrites no site row);
    // rows written before that kept it in the policy, and the later of the two counts.
    for (SiteSummary& summary : sites) {
      PIMS_ASSIGN_OR_RETURN(std::optional<int64_t> last, impl_->ledger.LastShared(summary.site));
      if (last && (!summary.last_shared || *last > *summary.last_shared)) {
        summary.last_shared = last;
      }
    }
    return sites;
  });
}

Status Vault::Restore(const VaultContent& content) {
  PIMS_RETURN_IF_ERROR(CheckSettings(content.settings));
  SealedStore& store = *impl_->store;
  return store.Guarded("restoring a backup", [&] {
    return store.Write([&]() -> Status {
      impl_->profile.Put(content.profile);
      for (const auto& [site, policy] : content.sites) {
        PIMS_RETURN_IF_ERROR(StorePolicy(impl_->sites, site, policy));
      }
      impl_->PutSettings(content.settings);
      return Status::Ok();
    });
  });
}

Result<FillResult> Vault::Fill(const Site& site, FillTrigger trigger,
                               std::span<const FieldDescriptor> fields,
                               std::span<const std::optional<AutofillToken>> tokens,
                               const FillOptions& options, const FillPlace& place) {
  SealedStore& store = *impl_->store;
  return store.Guarded("filling", [&]() -> Result<FillResult> {
    std::optional<FillDecision> decision;
    PIMS_RETURN_IF_ERROR(store.Write([&]() -> Status {
      PIMS_ASSIGN_OR_RETURN(VaultSettings settings, impl_->Settings());
      PIMS_ASSIGN_OR_RETURN(decision,
                            DecideFill(impl_->sites, impl_->profile, site, trigger, fields, tokens,
                                       settings.autofill, options, place));
      const FillResult& result = decision->result;
      if (result.fills.empty()) return Status::Ok();
      std::vector<std::string> shared;
      shared.reserve(result.fills.size());
      for (const FilledField& f : result.fills) shared.push_back(f.field);
      // The entry and its head are all a fill writes: the site's last_shared is read from the
      // ledger (ListSites), so a fill does not reseal the site's row.
      return impl_->ledger.Append(site, shared, store.clock().NowMillis(), decision->record,
                                  decision->once);
    }));
    return std::move(decision->result);
  });
}

namespace {

// The rehearsal form of Vault::Warm: contact, address (its country a select) and card fields.
struct WarmForm {
  std::vector<FieldDescriptor> fields;
  std::vector<std::optional<AutofillToken>> tokens;
};

const WarmForm& TheWarmForm() {
  static const WarmForm form = [] {
    WarmForm f;
    for (const char* autocomplete :
         {"given-name", "email", "tel", "shipping street-address", "shipping postal-code",
          "shipping country", "cc-number", "cc-exp"}) {
      FieldDescriptor field;
      field.ref = autocomplete;
      field.tag = "input";
      field.autocomplete = autocomplete;
      if (std::string_view(autocomplete) == "shipping country") {
        // A select, so that choosing among options is rehearsed too.
        field.tag = "select";
        field.options = {{"", "Choose a country"},
                         {"DE", "Germany"},
                         {"GB", "United Kingdom"},
                         {"US", "United States"}};
      }
      f.tokens.push_back(ParseAutocomplete(autocomplete));
      f.fields.push_back(std::move(field));
    }
    return f;
  }();
  return form;
}

}  // namespace

void Vault::Warm() {
  SealedStore& store = *impl_->store;
  (void)store.Guarded("warming up", [&]() -> Status {
    PIMS_RETURN_IF_ERROR(store.StartJournal());
    PIMS_ASSIGN_OR_RETURN(VaultSettings settings, impl_->Settings());
    const Site nowhere{.scheme = "https", .host = "pims.invalid"};
    PIMS_RETURN_IF_ERROR(impl_->sites.Load(impl_->sites.Lookup(nowhere)).status());
    PIMS_ASSIGN_OR_RETURN(const Profile* clear, impl_->profile.Cached());
    InMemoryProfileSource source(*clear);
    const SitePolicy everything{.allow = CategorySet::All(), .auto_card = true, .hosts = {}};
    const WarmForm& form = TheWarmForm();
    PIMS_RETURN_IF_ERROR(PlanFill(nowhere, everything, FillTrigger::kGesture, form.fields,
                                  form.tokens, source, settings.autofill)
                             .status());
    // The fill's write: its statements compiled and the ledger's end read, nothing written.
    return impl_->ledger.Warm();
  });
}

Result<MenuOffer> Vault::Offer(const Site& site, PickRole role, Category focus, CategorySet once) {
  return impl_->store->Guarded("reading what the menu may offer", [&] {
    return DecideOffer(impl_->sites, impl_->profile, site, role, focus, once);
  });
}

Result<LedgerPage> Vault::ListLedger(const std::optional<Site>& site, int limit,
                                     std::optional<int64_t> before) {
  return impl_->store->Guarded("reading the ledger",
                               [&] { return impl_->ledger.List(site, limit, before); });
}

Result<LedgerCheck> Vault::VerifyLedger() {
  return impl_->store->Guarded("verifying the ledger", [&] { return impl_->ledger.Verify(); });
}

}  // namespace pims
