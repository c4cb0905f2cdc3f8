// Native messaging host manifests: rendering one from the embedded templates (manifests/) and
// checking one found on disk. Pure functions over text; no file access.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pims::installer {

// The two manifest formats. Chromium-family browsers check `allowed_origins`
// ("chrome-extension://ID/"); Firefox-family browsers check `allowed_extensions` (the Gecko ID).
enum class Family { kChromium, kFirefox };

std::string_view FamilyName(Family family);  // "chromium", "firefox"

// The file name every browser looks for on Linux and macOS: "org.pims.host.json".
std::string ManifestFileName();

// The manifest for `family` whose `path` is host_path, from the template embedded at build time
// with the IDs of pims/build_config.h. Deterministic: the same inputs give the same bytes (so a
// re-install can compare bytes), two-space indented, ending in a newline. host_path is
// JSON-escaped; the caller makes sure it is absolute.
std::string RenderManifest(Family family, std::string_view host_path);

// What a manifest on disk says, and whether it is right for pims.
struct ManifestCheck {
  bool parsed = false;  // valid JSON object
  std::string name;     // "" when absent or not a string
  std::string path;     // "" when absent or not a string
  bool ours = false;    // written by pims-install (see IsOurs); only ours may be replaced/removed
  bool valid = false;   // parsed, right name, type "stdio", absolute path, exactly our ID
  std::vector<std::string> problems;  // one human sentence per problem; empty when valid
};

// Checks text as a manifest for `family`.
ManifestCheck CheckManifest(std::string_view text, Family family);

// The file names pims-install may put in a manifest's `path`: "pims-host" (also "pims-host.exe").
// A Flatpak wrapper script is also named pims-host (installer/src/sandbox.h).
bool IsHostFileName(std::string_view file_name);

// A manifest is ours when it parses, its name is org.pims.host and its path names a pims-host.
// Anything else at our file name (another program's manifest, a hand-edited one pointing
// elsewhere) is left alone by install and uninstall.
bool IsOurs(const ManifestCheck& check);

}  // namespace pims::installer
