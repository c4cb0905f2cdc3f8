// Encrypted backups of a vault, for `pims export` and `pims import`.
//
// A backup holds the profile, the site policies and the settings (not the ledger: it is this
// vault's own history, and its chain is keyed to this vault). File layout:
//   "PIMSBAK1" | 4-byte little-endian header length | header JSON (Argon2id parameters and salt)
//   | nonce || XChaCha20-Poly1305(payload JSON), associated data = everything before it.
// The backup password is independent of the vault's.
#pragma once

#include <string>
#include <string_view>

#include "pims/vault.h"

namespace pims {

// The vault's content as a backup file's bytes. REQUIRES: vault unlocked (kLocked otherwise).
Result<std::string> ExportBackup(Vault& vault, std::string_view backup_password,
                                 const PasswordHashing& cost);

// Replaces the vault's profile and settings with the backup's and sets each of its sites'
// policies (sites not in the backup are kept), in one transaction (Vault::Restore): all of it
// or nothing. kBadPassword if the password does not open it; kVaultCorrupt if the bytes are not
// a pims backup, were altered, or hold anything but the shape pims writes (every field is read
// by type: nothing is thrown, nothing is undefined).
Status ImportBackup(Vault& vault, std::string_view backup_bytes, std::string_view backup_password);

}  // namespace pims
