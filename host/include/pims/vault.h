// The shopper's vault: one encrypted SQLite file holding the profile, the per-site consent and
// the ledger of what was shared. docs/vault.md describes the cryptography and the schema.
//
// Lifecycle: Create() or Open() gives a locked vault; Unlock() derives the keys from the
// master password; Lock() wipes them. Everything that reads or writes profile data, policies or
// the ledger needs it unlocked (kLocked otherwise).
//
// Errors common to every call: kVaultCorrupt when a stored value fails its integrity check (the
// file was damaged or tampered with: nothing partial is returned), kBusy when another process
// held the write lock for longer than the busy timeout, kIoError when the disk refuses.
// Every write happens in one transaction: it lands whole or not at all.
//
// Thread-safety: a Vault is not thread-safe; use one per thread. Several processes (a Chrome and a
// Firefox host) may each open the same file: SQLite's locking serialises their writes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pims/fill.h"
#include "pims/platform.h"
#include "pims/policy.h"
#include "pims/profile.h"
#include "pims/site.h"
#include "pims/status.h"

namespace pims {

// Argon2id cost, stored in the vault at setup.
struct PasswordHashing {
  uint64_t opslimit = 3;
  uint64_t memlimit = 64ull << 20;
  static PasswordHashing Default() { return {}; }
  // libsodium's minimums: for tests only (PIMS_KDF=minimum; docs/vault.md).
  static PasswordHashing Minimum();
};

struct VaultSettings {
  int autolock_minutes = 15;  // 0: never lock by itself
  bool operator==(const VaultSettings&) const = default;
};
inline constexpr int kMaxAutolockMinutes = 24 * 60;

struct SiteSummary {
  Site site;
  SitePolicy policy;
  std::optional<int64_t> last_shared;  // ms since the epoch
};

struct LedgerEntry {
  int64_t seq = 0;
  int64_t time = 0;                 // ms since the epoch
  std::string site;                 // "https://shop.example"
  std::vector<std::string> fields;  // autofill field names shared, never values
};

struct LedgerPage {
  std::vector<LedgerEntry> entries;  // newest first
  std::optional<int64_t> next;       // pass as `before` for the following page
};

struct LedgerCheck {
  bool ok = false;
  int64_t entries = 0;
  std::string problem;  // when !ok: which entry failed and how
};

class Vault {
 public:
  // Creates a new vault file protected by password. kVaultExists if one is there; kBadRequest
  // if the password is empty. The vault is returned unlocked.
  static Result<std::unique_ptr<Vault>> Create(const std::filesystem::path& file,
                                               std::string_view password,
                                               const PasswordHashing& cost, const Clock& clock);
  // Opens an existing vault, locked. kVaultAbsent, kVaultCorrupt, kVaultNewer (see database.h).
  static Result<std::unique_ptr<Vault>> Open(const std::filesystem::path& file, const Clock& clock);
  ~Vault();
  Vault(const Vault&) = delete;
  Vault& operator=(const Vault&) = delete;

  // kBadPassword if the password does not open the vault.
  Status Unlock(std::string_view password);
  // Wipes the keys. Idempotent.
  void Lock();
  bool unlocked() const;
  // Rewraps the data key under a key from new_password (fresh salt); the data is untouched.
  // kBadPassword if old_password is wrong; kBadRequest if new_password is empty.
  Status ChangePassword(std::string_view old_password, std::string_view new_password);

  Result<VaultSettings> GetSettings();
  // kBadRequest if autolock_minutes is outside 0..kMaxAutolockMinutes.
  Status SetSettings(const VaultSettings& settings);

  Result<Profile> GetProfile();
  // Replaces the whole profile. The profile must be valid (ProfileFromJson validates).
  Status PutProfile(const Profile& profile);

  // A site never configured gets the default policy (nothing allowed).
  Result<SitePolicy> GetSite(const Site& site);
  Status SetSite(const Site& site, const SitePolicy& policy);
  Result<std::vector<SiteSummary>> ListSites();
  // Removes the site's policy (it is denied everything again). Its ledger entries stay: they
  // are the shopper's record of what was shared. kNotFound if the site was never configured.
  Status ForgetSite(const Site& site);

  // Decides the fill (fill.h), and when anything is filled appends a ledger entry and updates
  // the site's last_shared in the same transaction.
  Result<FillResult> Fill(const Site& site, FillTrigger trigger,
                          std::span<const FieldDescriptor> fields,
                          const FieldClassifier& classifier);

  // The ledger, newest first, optionally for one site; at most `limit` entries older than
  // `before` (a seq) when given.
  Result<LedgerPage> ListLedger(const std::optional<Site>& site, int limit,
                                std::optional<int64_t> before);
  // Walks the whole hash chain: reports a removed, reordered, edited or truncated entry.
  Result<LedgerCheck> VerifyLedger();

  class Impl;
  // libpims' own internals (host/src/vault/vault_impl.h), for its benchmarks to time one step
  // of a fill alone (tests/bench/fill_bench.cpp). Not part of the contract.
  Impl& internals() { return *impl_; }

 private:
  explicit Vault(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pims
