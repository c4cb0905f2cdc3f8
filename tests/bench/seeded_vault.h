// Vaults of a chosen size for the benchmarks, written with libpims itself: Ada's profile, the
// benchmark shop allowed every category, other sites allowed a little, and a ledger of a chosen
// length (a real hash chain that ledger.verify accepts).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include "pims/platform.h"
#include "pims/vault.h"

namespace pims::bench {

// The shop every benchmark fills, and the vaults' password.
inline constexpr std::string_view kShopUrl = "https://www.shop.example/checkout";
inline constexpr std::string_view kPassword = "correct horse battery staple";

struct VaultShape {
  int sites = 10;              // configured sites, the shop included
  int64_t ledger_entries = 0;  // entries written before the benchmark starts
  PasswordHashing cost = PasswordHashing::Minimum();
};

// Creates the vault file (which must not exist) and returns it unlocked. Seeding 10,000 sites
// and 100,000 ledger entries takes a few seconds.
Result<std::unique_ptr<Vault>> SeedVault(const std::filesystem::path& file, const VaultShape& shape,
                                         const Clock& clock);

}  // namespace pims::bench
