// Sandboxed browsers. A Flatpak browser reads manifests inside its own ~/.var/app/<app id>/ and
// cannot start a program of the host system by itself; a Snap browser reads manifests inside
// ~/snap/ and is confined to programs of its snap (Snap Firefox excepted: it asks the desktop
// portal, which reads the ordinary ~/.mozilla manifest). What pims-install does about each, and
// the words it prints, live here.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "browsers.h"
#include "roots.h"

namespace pims::installer {

// Flatpak: the manifest's `path` names this script, inside the app's own folder (which the
// sandbox sees at the same path): ~/.var/app/<app id>/data/pims/pims-host.
std::filesystem::path FlatpakWrapperFile(const Browser& browser, const InstallRoots& roots);

// The script: `flatpak-spawn --host <host_path> "$@"`, which starts pims-host outside the
// sandbox, with the browser's arguments. Deterministic.
std::string RenderFlatpakWrapper(const Browser& browser, const std::filesystem::path& host_path);

// The host path inside a wrapper that pims-install wrote, or nullopt when the text is not one.
std::optional<std::string> ParseFlatpakWrapper(std::string_view text);

// Whether the app may ask Flatpak to start host programs: a user or system override with
// `org.freedesktop.Flatpak=talk` in its [Session Bus Policy].
bool FlatpakMayTalkToFlatpak(const Browser& browser, const InstallRoots& roots);

// The command that grants it: flatpak override --user --talk-name=org.freedesktop.Flatpak <app>.
std::string FlatpakOverrideCommand(const Browser& browser);

// What to tell the user about a sandboxed copy (several lines, each ending in '\n').
std::string FlatpakAdvice(const Browser& browser, bool permission_granted);
std::string SnapAdvice(const Browser& browser, const std::filesystem::path& evidence);

}  // namespace pims::installer
