// A fill's decision against the vault: the site's policy and the classified fields go into the
// planner (pims/fill.h), which reads only the allowed values of the profile the vault keeps
// decrypted for the unlocked session. Nothing is written.
// Internal to libpims: Vault::Fill makes it inside the write transaction that records what was
// shared; the benchmarks time it alone.
#pragma once

#include <optional>
#include <span>

#include "pims/fill.h"
#include "pims/ledger.h"
#include "pims/offer.h"
#include "vault/profile_store.h"
#include "vault/site_store.h"

namespace pims {

struct FillDecision {
  crypto::Hash lookup;                      // the site's row
  std::optional<SiteStore::Stored> stored;  // its policy as read; nullopt: never configured
  FillResult result;
  std::optional<LedgerRecord> record;  // the record picked (options.pick), for the ledger
  bool once = false;                   // a value went out under options.once alone
};

// May throw SQLite::Exception. REQUIRES: the stores' SealedStore is unlocked.
// `autofill`: the vault's setting (VaultSettings::autofill). kNotFound (field "pick.id") when
// options.pick names no record of its kind. `place`: the page's host and, in a frame, the
// top-level site (whose policy is read too when it is another site).
Result<FillDecision> DecideFill(SiteStore& sites, ProfileStore& profile, const Site& site,
                                FillTrigger trigger, std::span<const FieldDescriptor> fields,
                                std::span<const std::optional<AutofillToken>> tokens, bool autofill,
                                const FillOptions& options = {}, const FillPlace& place = {});

// The menu at a field (Vault::Offer). May throw SQLite::Exception.
// REQUIRES: the stores' SealedStore is unlocked.
Result<MenuOffer> DecideOffer(SiteStore& sites, ProfileStore& profile, const Site& site,
                              PickRole role, Category focus, CategorySet once);

// The policy a request works under: the stored one with `once` allowed (and not refused).
SitePolicy WithOnce(SitePolicy policy, CategorySet once);

}  // namespace pims
