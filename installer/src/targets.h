// Targets: the concrete places one registration goes for a browser and scope on this machine.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "browsers.h"
#include "registry.h"
#include "roots.h"

namespace pims::installer {

enum class TargetKind {
  kFile,      // Linux, macOS: a manifest file in a folder the browser reads
  kFlatpak,   // Linux: a manifest inside a Flatpak app's folder, naming a wrapper script
  kProfile,   // a Chromium --user-data-dir: <dir>/NativeMessagingHosts/org.pims.host.json
  kRegistry,  // Windows: registry keys whose default value is the path of a manifest file
};

struct Target {
  const Browser* browser = nullptr;
  Scope scope = Scope::kUser;
  TargetKind kind = TargetKind::kFile;
  std::filesystem::path manifest_file;
  std::vector<RegistryKey> keys;       // kRegistry only
  std::filesystem::path wrapper_file;  // kFlatpak only

  // "Chromium", "Chromium (Flatpak)", "Chromium (profile)".
  std::string Label() const;
  // Where it goes: the manifest file, or for Windows "HKCU\...\org.pims.host -> C:\...json".
  std::string Where() const;
};

// The targets of one browser for one scope, in order: its manifest folders (Linux, macOS) or its
// registry keys (Windows), then, for user scope on Linux, its Flatpak copy when one is installed.
// Empty when the browser has no such scope (Tor Browser, system) or cannot be located (Tor
// Browser not unpacked in a known place).
std::vector<Target> TargetsFor(const Browser& browser, Os os, Scope scope,
                               const InstallRoots& roots);

// The user-scope target inside a Flatpak app's own folder (~/.var/app/<app id>/<flatpak_rel>),
// whose manifest names the wrapper script. Linux only; TargetsFor lists it when the app is there.
// REQUIRES: !browser.flatpak_app_id.empty().
Target FlatpakTarget(const Browser& browser, const InstallRoots& roots);

// The target for a Chromium-family browser started with --user-data-dir=profile_dir.
// REQUIRES: browser.family == Family::kChromium.
Target ProfileTarget(const Browser& browser, const std::filesystem::path& profile_dir);

}  // namespace pims::installer
