#include "pims/caller.h"

#include "pims/build_config.h"

namespace pims {
namespace {

constexpr std::string_view kChromeScheme = "chrome-extension://";

// A caller string fit for an error message: printable ASCII, at most 100 characters.
std::string Printable(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 100)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

}  // namespace

AllowedCallers AllowedCallers::Built() {
  return {build::kChromeExtensionId, build::kGeckoExtensionId};
}

Result<Caller> IdentifyCaller(std::span<const std::string_view> args,
                              const AllowedCallers& allowed) {
  if (!args.empty() && args[0].starts_with(kChromeScheme)) {
    std::string_view id = args[0].substr(kChromeScheme.size());
    if (id.ends_with('/')) id.remove_suffix(1);
    if (id == allowed.chrome_id) return Caller{Caller::Browser::kChrome, std::string(id)};
    return Status(ErrorCode::kCallerRefused, "pims-host answers only the pims extension (" +
                                                 allowed.chrome_id + "), not " +
                                                 Printable(args[0]));
  }
  if (args.size() >= 2 && args[1] == allowed.gecko_id) {
    return Caller{Caller::Browser::kFirefox, std::string(args[1])};
  }
  std::string seen = args.empty() ? "no caller" : Printable(args.size() >= 2 ? args[1] : args[0]);
  return Status(ErrorCode::kCallerRefused,
                "pims-host answers only the pims extension (chrome-extension://" +
                    allowed.chrome_id + "/ or " + allowed.gecko_id + "), not " + seen +
                    "; it is started by the browser, not by hand");
}

}  // namespace pims
