// Who started pims-host. Browsers pass the caller on the command line:
//   Chrome family: argv[1] = "chrome-extension://<ID>/" (on Windows, a --parent-window=N may
//   follow); Firefox family: argv[1] = the host manifest's path, argv[2] = the extension's ID.
// The host answers only the pims extension, whose IDs come from extension/identity.json.
// Any local program can fake these arguments, so this keeps out other extensions, not other
// programs of the same user (docs/security.md).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "pims/status.h"

namespace pims {

struct Caller {
  enum class Browser { kChrome, kFirefox };
  Browser browser;
  std::string extension_id;
};

// The allowed extension IDs; the defaults are the ones pims was built with.
struct AllowedCallers {
  std::string chrome_id;
  std::string gecko_id;
  static AllowedCallers Built();
};

// args: the command line without argv[0]. kCallerRefused with a message naming what was seen
// (cut to a safe length) and what is accepted.
Result<Caller> IdentifyCaller(std::span<const std::string_view> args,
                              const AllowedCallers& allowed = AllowedCallers::Built());

}  // namespace pims
