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
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pims/fill.h"
#include "pims/json_fields.h"
#include "pims/ledger.h"
#include "pims/offer.h"
#include "pims/password_hashing.h"
#include "pims/platform.h"
#include "pims/policy.h"
#include "pims/profile.h"
#include "pims/site.h"
#include "pims/status.h"

namespace pims {

struct VaultSettings {
  int autolock_minutes = 15;  // 0: never lock by itself
  // Fill allowed fields as soon as a checkout page asks, without a gesture. Off: every automatic
  // fill is withheld (autofill_off) and only the shopper's gestures fill. Kept in the vault, not
  // in the extension's storage, which a compromised renderer could write.
  bool autofill = true;
  // Open the menu at a checkout field the shopper focuses (docs/protocol.md, `offer`).
  bool menu = true;
  bool operator==(const VaultSettings&) const = default;
};
inline constexpr int kMaxAutolockMinutes = 24 * 60;

// {"autolock_minutes": N, "autofill": bool, "menu": bool}: the settings' one JSON form (stored, on
// the wire, in backups).
nlohmann::json VaultSettingsToJson(const VaultSettings& settings);
// `base` with the fields the object holds (each optional; out of range or mistyped: the
// reader's error, naming the field).
Result<VaultSettings> VaultSettingsFromJson(const JsonFields& fields, VaultSettings base);

// Everything a backup carries (pims/backup.h): the profile, the sites' policies, the settings.
struct VaultContent {
  Profile profile;
  std::vector<std::pair<Site, SitePolicy>> sites;
  VaultSettings settings;
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
  // Whether writes wait in the write-ahead log to be copied into the file, and the copy: the
  // host runs it in a pause between requests, so that no fill waits for it (SealedStore).
  // Locked or not; errors are left for the next one.
  bool CheckpointDue() const;
  void Checkpoint();
  // Rewraps the data key under a key from new_password (fresh salt); the data is untouched.
  // kBadPassword if old_password is wrong; kBadRequest if new_password is empty.
  Status ChangePassword(std::string_view old_password, std::string_view new_password);

  Result<VaultSettings> GetSettings();
  // kBadRequest if autolock_minutes is outside 0..kMaxAutolockMinutes.
  Status SetSettings(const VaultSettings& settings);

  Result<Profile> GetProfile();
  // Replaces the whole profile. The profile must be valid (ProfileFromJson validates).
  Status PutProfile(const Profile& profile);
  // Reads the profile, lets `edit` change it and stores the result, all in one write
  // transaction: an edit decided on what is stored (an import skipping duplicates) cannot lose
  // another process's write in between. When edit returns an error nothing is stored and that
  // error is returned. REQUIRES: edit leaves the profile valid.
  Status EditProfile(const std::function<Status(Profile&)>& edit);

  // A site never configured gets the default policy (nothing allowed).
  Result<SitePolicy> GetSite(const Site& site);
  Status SetSite(const Site& site, const SitePolicy& policy);
  Result<std::vector<SiteSummary>> ListSites();
  // Removes the site's policy (it is denied everything again). Its ledger entries stay: they
  // are the shopper's record of what was shared. kNotFound if the site was never configured.
  Status ForgetSite(const Site& site);

  // Replaces the profile and the settings with the content's and sets each of its sites'
  // policies (sites not in it keep theirs), in one transaction: all of it lands, or none.
  // REQUIRES: content.profile is valid (ProfileFromJson validates).
  Status Restore(const VaultContent& content);

  // Decides the fill of classified fields (`tokens`: one per field, a classifier's, fill.h)
  // and, when anything is filled, appends a ledger entry (which is also the site's last_shared:
  // ListSites reads it from there).
  // The decision is made inside the write transaction that records it, so a consent revoked by
  // another process (the other browser's host) is seen before any value leaves.
  // options.pick fills the picked record instead of the default (kNotFound, field "pick.id",
  // when the profile has none with that id) and names it in the ledger entry; options.once
  // allows categories for this request alone (never stored) and marks the entry "once" when a
  // value went out under it.
  // `place`: the page's exact host and, in a frame, the top-level site (fill.h; default:
  // neither checked).
  Result<FillResult> Fill(const Site& site, FillTrigger trigger,
                          std::span<const FieldDescriptor> fields,
                          std::span<const std::optional<AutofillToken>> tokens,
                          const FillOptions& options = {}, const FillPlace& place = {});

  // The menu at a field of `site` whose records answer `role` and whose own category is
  // `focus`: the site's stored policy and the records to offer, the default first, each with
  // its label and, only where the site is allowed (its policy or `once`) what it describes, a
  // summary (pims/offer.h). No records when `focus` is refused (and not in `once`), or is a
  // card category on a site that is not https. Reads only.
  Result<MenuOffer> Offer(const Site& site, PickRole role, Category focus, CategorySet once);

  // After Unlock: starts the write-ahead log (SealedStore::StartJournal: the disk sync a new
  // log costs is paid here, not by the first fill), decrypts the profile into the session's
  // cache and rehearses a fill's reads and decision on a small built-in form, for a site with
  // no policy, with every category allowed in memory only; then readies the fill's write (its
  // statements compiled, the ledger's end read and checked against its head). No row changes
  // and nothing leaves: the rehearsal's values are dropped unseen. The shopper's first fill then
  // finds the log started, the statements prepared, the profile decrypted and the code in cache,
  // and costs what later fills do. Errors are not reported: the fill that follows meets and reports
  // them.
  void Warm();

  // The ledger, newest first, optionally for one site; at most `limit` entries older than
  // `before` (a seq) when given.
  Result<LedgerPage> ListLedger(const std::optional<Site>& site, int limit,
                                std::optional<int64_t> before);
  // Walks the whole hash chain: reports a removed, reordered, edited or truncated entry.
  Result<LedgerCheck> VerifyLedger();

 private:
  class Impl;
  explicit Vault(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pims
