// The clear payload inside a backup file (pims/backup.h), read by type. Internal to libpims;
// the backup import's fuzz target reads payloads through it directly.
#pragma once

#include <string_view>

#include "pims/vault.h"

namespace pims {

// The content of a decrypted backup payload. kVaultCorrupt for anything but the shape pims
// writes: not JSON, a missing or mistyped field, an invalid profile, an unknown category, a
// site that is not a site. Never throws (but std::bad_alloc).
Result<VaultContent> ReadBackupPayload(std::string_view clear_json);

}  // namespace pims
