// Backup import of authentic-looking backups: arbitrary bytes as the decrypted payload (what a
// backup file holds once its password opened it), read by type and restored into a real vault.
// A malformed payload must be a clear error that changes nothing; a well-formed one must land
// whole.
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "backup/backup_payload.h"
#include "pims/vault.h"

namespace {

pims::Vault& TheVault() {
  static pims::Vault* vault = [] {
    std::string dir = (std::filesystem::temp_directory_path() / "pims-fuzz-XXXXXX").string();
    if (mkdtemp(dir.data()) == nullptr) abort();
    auto created = pims::Vault::Create(std::filesystem::path(dir) / "vault.db", "pw",
                                       pims::PasswordHashing::Minimum(), pims::SystemClock());
    if (!created.ok()) abort();
    return std::move(created).value().release();
  }();
  return *vault;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto content =
      pims::ReadBackupPayload(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!content.ok()) {
    if (content.status().code() != pims::ErrorCode::kVaultCorrupt) abort();
    return 0;
  }
  pims::Vault& vault = TheVault();
  if (!vault.Restore(*content).ok()) return 0;  // e.g. settings out of range: refused whole
  auto profile = vault.GetProfile();
  if (!profile.ok() || !(*profile == content->profile)) abort();
  return 0;
}
