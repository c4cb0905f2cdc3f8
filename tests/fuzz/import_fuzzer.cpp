// The importers: arbitrary bytes as a file of the format the first byte picks (0 Bitwarden,
// 1 1PUX, 2 Firefox, 3 CSV; a Bitwarden export protected by a password gets "import-pw").
// Every file must be read or refused with one of the import's documented codes; what is read
// must lay over a profile into a profile that validates, and the preview must serialise.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pims/import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const pims::ImportFormat format = pims::ImportFormats()[data[0] % pims::ImportFormats().size()];
  const std::string_view file(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto imported = pims::ParseImport(format, file, "import-pw");
  if (!imported.ok()) {
    const pims::ErrorCode code = imported.status().code();
    if (code != pims::ErrorCode::kBadImport && code != pims::ErrorCode::kTooLarge &&
        code != pims::ErrorCode::kBadPassword) {
      abort();
    }
    return 0;
  }
  auto plan = pims::PlanImport(pims::Profile{}, format, *imported);
  if (!plan.ok()) {
    if (plan.status().code() != pims::ErrorCode::kInvalidField) abort();
    return 0;
  }
  nlohmann::json profile = pims::ProfileToJson(plan->result);
  auto reread = pims::ProfileFromJson(profile);
  if (!reread.ok() || !(*reread == plan->result)) abort();
  nlohmann::json preview = pims::ImportPlanToJson(*plan);
  (void)preview.dump();
  pims::WipeJson(preview);
  pims::WipeJson(profile);
  return 0;
}
