// One conversation with the extension: the host's state between requests (the open vault, its
// lock, the idle timer) and the dispatch of each request to its verb's handler.
//
// Every verb, its fields and its reply are listed in docs/protocol.md. Handle() never throws and
// never exits: every failure becomes an error reply with a stable code.
//
// Thread-safety: not thread-safe; the host runs one Session on its main thread.
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "pims/classify.h"
#include "pims/fill.h"
#include "pims/platform.h"
#include "pims/request.h"
#include "pims/vault.h"

namespace pims {

class ClassifiedForms;

struct SessionConfig {
  std::filesystem::path vault_file;
  PasswordHashing new_vault_cost = PasswordHashing::Default();  // used by `setup`
  const Clock* clock = &SystemClock();
  // How `fill` understands fields: the page's autocomplete token, else the heuristics.
  const FieldClassifier* classifier = &HeuristicClassifier();
};

class Session {
 public:
  explicit Session(SessionConfig config);
  ~Session();

  // The reply for one request: {"id", "ok": true, ...} or {"id", "ok": false, "error": {...}}.
  // Every request but an automatic fill (a fill without trigger "gesture") restarts the idle
  // time: pages cannot keep the vault unlocked.
  // The request is the session's: a fill's descriptors are used in place (not copied), and its
  // body, which may hold a password or profile values, is wiped before the reply is returned.
  nlohmann::json Handle(Request request);
  // The same reply as wire text: SerializeReply(Handle(request), max_bytes), byte for byte. A
  // fill's reply, the hot path, is written without building a JSON document. The text may hold
  // profile values: wipe it once sent.
  std::string HandleToText(Request request, size_t max_bytes = kMaxReplyBytes);

  // Locks the vault when it has been idle for its auto-lock time, and checkpoints its
  // write-ahead log once no request has come for kCheckpointAfterQuietMs. Returns how many
  // milliseconds until the next check is due, or -1 when nothing is pending (locked or
  // auto-lock off, and nothing to checkpoint). The host calls it before each wait for input
  // and when the wait times out.
  int64_t Tick();
  static constexpr int64_t kCheckpointAfterQuietMs = 1000;
  // True once after Tick() locked the vault for idleness (the serve loop then tells the
  // extension, which clears what its pages show).
  bool TakeAutoLock();

  // --- for handlers ---
  const SessionConfig& config() const { return config_; }
  // The vault, opened on first use (kVaultAbsent, kVaultCorrupt, kVaultNewer).
  Result<Vault*> OpenVault();
  // The vault when it was opened already, else nullptr (opens nothing).
  const Vault* OpenedVault() const { return vault_.get(); }
  // The vault, which must be unlocked (kLocked otherwise).
  Result<Vault*> UnlockedVault();
  // Adopts a vault just created by `setup`.
  void AdoptVault(std::unique_ptr<Vault> vault);
  // Re-reads the auto-lock time after unlock or a settings change.
  void RefreshAutolock();
  // After `setup` or `unlock`: re-reads the auto-lock time and readies the classifier, site
  // identity and the vault for the fills that follow (FieldClassifier::Warm, WarmSiteFromUrl,
  // Vault::Warm).
  void Unlocked();
  // The configured classifier's tokens for a form, from memory when the same form (descriptor
  // for descriptor) was classified lately: the extension sends the whole frame every time.
  std::vector<std::optional<AutofillToken>> Classify(std::span<const FieldDescriptor> form);

 private:
  // What every request does first: an idle vault locks; the shopper's requests restart the idle
  // time.
  void Begin(const Request& request);
  // Locks the vault when it has been idle for its auto-lock time: milliseconds until it will
  // be, or -1 (Tick without the checkpoint, which never runs as a request starts).
  int64_t LockIfIdle();

  SessionConfig config_;
  std::unique_ptr<Vault> vault_;
  std::unique_ptr<ClassifiedForms> forms_;

  int64_t last_activity_ms_ = 0;
  int64_t last_request_ms_ = 0;  // any request, an automatic fill too
  int64_t autolock_ms_ = 0;      // 0: off
  bool locked_by_timer_ = false;
};

}  // namespace pims
