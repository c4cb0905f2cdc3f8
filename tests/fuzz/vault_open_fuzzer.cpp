// Arbitrary bytes opened as a vault: open, unlock, read everything, verify the ledger. Any
// outcome but a crash is fine; errors must carry a code. Unlock is skipped when the file asks for
// expensive password hashing (a real vault may ask up to 4 GiB: not something to run per input).
#include <SQLiteCpp/SQLiteCpp.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "pims/vault.h"

namespace {

const std::filesystem::path& VaultPath() {
  static const std::filesystem::path path = [] {
    std::string dir = (std::filesystem::temp_directory_path() / "pims-fuzz-XXXXXX").string();
    if (mkdtemp(dir.data()) == nullptr) abort();
    return std::filesystem::path(dir) / "vault.db";
  }();
  return path;
}

bool CheapToUnlock(const std::filesystem::path& file) {
  try {
    SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT value FROM meta WHERE key = 'kdf'");
    if (!q.executeStep()) return true;
    auto kdf = nlohmann::json::parse(q.getColumn(0).getString(), nullptr, false);
    if (!kdf.is_object()) return true;
    return kdf.value("memlimit", uint64_t{0}) <= (64u << 10) &&
           kdf.value("opslimit", uint64_t{0}) <= 2;
  } catch (...) {
    return true;
  }
}

class FixedClock final : public pims::Clock {
 public:
  int64_t NowMillis() const override { return 1'800'000'000'000; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto& file = VaultPath();
  std::error_code ec;
  for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(file.string() + suffix, ec);
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  static const FixedClock clock;
  auto vault = pims::Vault::Open(file, clock);
  if (!vault.ok()) {
    if (vault.status().message().empty()) abort();
    return 0;
  }
  if (!CheapToUnlock(file)) return 0;
  if (!(*vault)->Unlock("pw").ok()) return 0;
  (void)(*vault)->GetProfile();
  (void)(*vault)->ListSites();
  (void)(*vault)->GetSettings();
  (void)(*vault)->ListLedger(std::nullopt, 10, std::nullopt);
  (void)(*vault)->VerifyLedger();
  return 0;
}
