// The formats by name, and ParseImport: the size check every format shares, then its reader.
#include <array>

#include "import/readers.h"

namespace pims {
namespace {

struct FormatEntry {
  ImportFormat format;
  std::string_view name;
};

constexpr std::array<FormatEntry, 4> kFormats = {{
    {ImportFormat::kBitwarden, "bitwarden"},
    {ImportFormat::kOnePux, "1pux"},
    {ImportFormat::kFirefox, "firefox"},
    {ImportFormat::kCsv, "csv"},
}};

constexpr std::array<ImportFormat, 4> kFormatList = {
    ImportFormat::kBitwarden, ImportFormat::kOnePux, ImportFormat::kFirefox, ImportFormat::kCsv};

}  // namespace

std::string_view ImportFormatName(ImportFormat format) {
  for (const FormatEntry& entry : kFormats) {
    if (entry.format == format) return entry.name;
  }
  return "csv";
}

std::optional<ImportFormat> ImportFormatFromName(std::string_view name) {
  for (const FormatEntry& entry : kFormats) {
    if (entry.name == name) return entry.format;
  }
  return std::nullopt;
}

std::span<const ImportFormat> ImportFormats() { return kFormatList; }

bool NeedsPassword(ImportFormat format, std::string_view bytes) {
  return format == ImportFormat::kBitwarden && bytes.size() <= kMaxImportFileBytes &&
         BitwardenNeedsPassword(bytes);
}

Result<ImportedProfile> ParseImport(ImportFormat format, std::string_view bytes,
                                    std::string_view password) {
  if (bytes.size() > kMaxImportFileBytes) {
    return Status(ErrorCode::kTooLarge, "the file is larger than " +
                                            std::to_string(kMaxImportFileBytes >> 20) +
                                            " MiB, the most pims imports");
  }
  if (bytes.empty()) return BadImport("the file is empty");
  ImportBuilder builder;
  Status read;
  try {
    switch (format) {
      case ImportFormat::kBitwarden:
        read = ReadBitwarden(bytes, password, builder);
        break;
      case ImportFormat::kOnePux:
        read = ReadOnePux(bytes, builder);
        break;
      case ImportFormat::kFirefox:
        read = ReadFirefox(bytes, builder);
        break;
      case ImportFormat::kCsv:
        read = ReadCsv(bytes, builder);
        break;
    }
  } catch (const nlohmann::json::exception&) {
    // The readers read JSON through JsonFields; this is the module's edge all the same.
    return Status(ErrorCode::kInternal, "the file could not be read");
  }
  if (!read.ok()) return read;
  return std::move(builder).Take();
}

}  // namespace pims
