// The browsers pims knows, and where each one reads native messaging host manifests on Linux,
// macOS and Windows, for one user or for every user of the machine. The table is the single
// source of the locations; docs/install.md shows it and tests/installer checks it against the
// browsers' documentation.
//
// Sources: Chrome "Native messaging" (developer.chrome.com), MDN "Native manifests", Microsoft
// Edge "Native messaging" (learn.microsoft.com); for browsers that document nothing, what their
// builds were traced to read (see docs/install.md, "Sources").
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manifest.h"
#include "roots.h"

namespace pims::installer {

// User scope: only the current user's browsers read it; no privileges needed.
// System scope: every user's browsers read it; needs root (administrator on Windows).
enum class Scope { kUser, kSystem };
std::string_view ScopeName(Scope scope);  // "user", "system"

// What a location is relative to (see InstallRoots).
enum class Base {
  kHome,            // ~
  kXdgConfig,       // $XDG_CONFIG_HOME (~/.config)
  kXdgData,         // $XDG_DATA_HOME (~/.local/share)
  kSystem,          // /
  kMacAppSupport,   // ~/Library/Application Support
  kLocalAppData,    // %LOCALAPPDATA%
  kRoamingAppData,  // %APPDATA%
  kProgramFiles,    // %ProgramFiles%
  kTorBrowserData,  // <Tor Browser folder>/Browser/TorBrowser/Data/Browser (a portable browser)
};

// A folder or file: base + a relative path written with '/'. When `only_if` is set, the place
// applies only if base/only_if exists (e.g. /usr/lib64/mozilla on Fedora-like systems).
struct Place {
  Base base;
  std::string_view rel;
  std::string_view only_if = {};
};

// Where one browser keeps things on one OS (Linux or macOS).
struct OsPlaces {
  std::vector<Place> user;    // manifest folders, user scope
  std::vector<Place> system;  // manifest folders, system scope (empty: no system scope)
  std::vector<Place> probes;  // the browser is "found" when one of these exists
};

struct Browser {
  std::string_view id;    // command-line name: "chrome", "chromium", "firefox", ...
  std::string_view name;  // "Google Chrome"
  Family family;
  OsPlaces on_linux;
  OsPlaces on_macos;
  // Windows: registry keys (below HKCU for user scope, HKLM for system scope) whose default
  // value is the manifest's path; the host name is appended
  // ("...\NativeMessagingHosts\org.pims.host").
  std::vector<std::string_view> windows_keys;
  std::vector<Place> windows_probes;
  bool has_system_scope = true;     // false for a portable browser (Tor Browser)
  std::string_view flatpak_app_id;  // "" when there is no Flatpak build
  std::string_view flatpak_rel;     // manifest folder below ~/.var/app/<app id>/
  std::string_view snap_name;       // "" when there is no Snap
};

// Every browser, in a stable order (Chromium family first).
const std::vector<Browser>& AllBrowsers();

// The browser with this id, or nullptr.
const Browser* FindBrowser(std::string_view id);

// The path of a place, or nullopt when it does not apply (an `only_if` that does not exist, or a
// Tor Browser folder that cannot be found).
std::optional<std::filesystem::path> Resolve(const Place& place, const InstallRoots& roots);

// The manifest folders of a browser for an OS other than Windows, in order; empty when the scope
// does not exist for it (Tor Browser, system scope).
std::vector<std::filesystem::path> ManifestDirs(const Browser& browser, Os os, Scope scope,
                                                const InstallRoots& roots);

// Windows: the full registry key paths ("Software\...\NativeMessagingHosts\org.pims.host").
std::vector<std::string> RegistryKeyPaths(const Browser& browser);

// Windows: the manifest file the registry keys point to, one per family and scope:
// %LOCALAPPDATA%\pims\NativeMessagingHosts\org.pims.host.<family>.json (user),
// %ProgramData%\pims\NativeMessagingHosts\org.pims.host.<family>.json (system).
std::filesystem::path WindowsManifestFile(Family family, Scope scope, const InstallRoots& roots);

// A copy of a browser in a sandbox that reads manifests elsewhere or cannot start the host.
struct SandboxedCopy {
  enum class Kind { kFlatpak, kSnap };
  Kind kind;
  std::filesystem::path evidence;  // the folder or file that shows it is there
};

// Whether a browser is on this machine (and which sandboxed copies of it).
struct Detection {
  bool found = false;              // a native copy: a probe exists
  std::filesystem::path evidence;  // the first probe that exists
  std::vector<SandboxedCopy> sandboxed;
};

// Looks for the browser under roots. Only existence checks; never writes.
Detection Detect(const Browser& browser, Os os, const InstallRoots& roots);

// The folder of a Flatpak app's own data: ~/.var/app/<app id>.
std::filesystem::path FlatpakAppDir(const Browser& browser, const InstallRoots& roots);

}  // namespace pims::installer
