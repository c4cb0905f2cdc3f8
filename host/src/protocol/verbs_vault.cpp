// status, setup, unlock, lock, passwd, settings.get, settings.set
#include <filesystem>

#include "core/secure_memory.h"
#include "pims/build_config.h"
#include "protocol/verbs.h"
#include "store/database.h"

namespace pims {

using nlohmann::json;

Result<json> HandleStatus(Session& session, const json&) {
  const char* state = "locked";
  if (const Vault* vault = session.OpenedVault()) {
    if (vault->unlocked()) state = "unlocked";
  } else if (Status peeked = store::PeekVaultFile(session.config().vault_file); !peeked.ok()) {
    // The file's header says enough: no need to open the database to say "locked".
    if (peeked.code() != ErrorCode::kVaultAbsent) return peeked;
    state = "absent";
  }
  // Where the host keeps secrets (core/secure_memory.h): "locked" (pages never swapped, left
  // out of core dumps), "swappable" (the system refused to lock pages; still wiped), or "unused"
  // (none held yet).
  const LockedMemory memory = LockedMemoryState();
  const char* memory_state = memory == LockedMemory::kLocked     ? "locked"
                             : memory == LockedMemory::kFallback ? "swappable"
                                                                 : "unused";
  return json{{"vault", state}, {"version", build::kVersion}, {"memory", memory_state}};
}

Result<json> HandleSetup(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(Secret password, RequireSecret(body, "password"));
  auto vault = Vault::Create(session.config().vault_file, password.reveal(),
                             session.config().new_vault_cost, *session.config().clock);
  if (!vault.ok()) return vault.status();
  session.AdoptVault(std::move(vault).value());
  session.Unlocked();
  return json{{"vault", "unlocked"}};
}

Result<json> HandleUnlock(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(Secret password, RequireSecret(body, "password"));
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.OpenVault());
  PIMS_RETURN_IF_ERROR(vault->Unlock(password.reveal()));
  session.Unlocked();
  return json{{"vault", "unlocked"}};
}

Result<json> HandleLock(Session& session, const json&) {
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.OpenVault());
  vault->Lock();
  session.RefreshAutolock();
  return json{{"vault", "locked"}};
}

Result<json> HandlePasswd(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(Secret old_password, RequireSecret(body, "old"));
  PIMS_ASSIGN_OR_RETURN(Secret new_password, RequireSecret(body, "new"));
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.OpenVault());
  PIMS_RETURN_IF_ERROR(vault->ChangePassword(old_password.reveal(), new_password.reveal()));
  session.RefreshAutolock();
  return json::object();
}

Result<json> HandleSettingsGet(Session& session, const json&) {
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(VaultSettings settings, vault->GetSettings());
  return VaultSettingsToJson(settings);
}

Result<json> HandleSettingsSet(Session& session, const json& body) {
  // Checked before the vault is touched: a bad request changes nothing.
  PIMS_RETURN_IF_ERROR(VaultSettingsFromJson(JsonFields::OfRequest(body), {}).status());
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(VaultSettings stored, vault->GetSettings());
  PIMS_ASSIGN_OR_RETURN(VaultSettings settings,
                        VaultSettingsFromJson(JsonFields::OfRequest(body), stored));
  PIMS_RETURN_IF_ERROR(vault->SetSettings(settings));
  session.RefreshAutolock();
  return VaultSettingsToJson(settings);
}

}  // namespace pims
