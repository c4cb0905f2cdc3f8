// Whether pims' extension is installed in a browser, as far as the browser's profiles on disk
// tell. pims-install registers the host, unasked, only for browsers where pims is installed or
// where it cannot tell (docs/security.md, "A hostile other extension"): a registration in a
// browser without pims is a host manifest naming pims' IDs that another extension could
// present.
//
// What is read (existence checks and reads only, never writes):
//   Chromium family (Linux, macOS): the profiles of the user data folder, the parent of the
//     browser's user-scope manifest folder (Default, Profile 1, ...): their Preferences and
//     Secure Preferences files name every installed extension by ID (unpacked ones too).
//   Firefox (Linux, macOS): the profiles of ~/.mozilla/firefox (~/Library/Application
//     Support/Firefox/Profiles): extensions.json names installed add-ons by ID, and
//     extensions/<id>.xpi is an add-on put there to be installed at the next start.
//   Other browsers, Windows and system scope: not told (kUnknown).
#pragma once

#include <filesystem>
#include <string_view>

#include "browsers.h"
#include "roots.h"

namespace pims::installer {

enum class Presence {
  kInstalled,  // a profile names pims' ID
  kAbsent,     // profiles were read and none names it
  kUnknown,    // no profile could be read: the browser was never started, or its layout is not
               // one pims knows
};

struct PresenceCheck {
  Presence presence = Presence::kUnknown;
  std::filesystem::path evidence;  // the file naming pims (kInstalled), or the profiles' folder
};

// Looks for pims (chrome_id for the Chromium family, gecko_id for Firefox) in the user's
// profiles of `browser`.
PresenceCheck FindPims(const Browser& browser, Os os, const InstallRoots& roots,
                       std::string_view chrome_id, std::string_view gecko_id);

}  // namespace pims::installer
