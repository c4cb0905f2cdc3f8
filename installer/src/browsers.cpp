#include "browsers.h"

#include <system_error>

#include "pims/build_config.h"

namespace pims::installer {
namespace fs = std::filesystem;

namespace {

// Registry keys (without the host name).
constexpr std::string_view kChromeKey = "Software\\Google\\Chrome\\NativeMessagingHosts";
constexpr std::string_view kChromiumKey = "Software\\Chromium\\NativeMessagingHosts";
constexpr std::string_view kEdgeKey = "Software\\Microsoft\\Edge\\NativeMessagingHosts";
constexpr std::string_view kBraveKey =
    "Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts";
constexpr std::string_view kVivaldiKey = "Software\\Vivaldi\\NativeMessagingHosts";
constexpr std::string_view kMozillaKey = "Software\\Mozilla\\NativeMessagingHosts";

// System folders several browsers share.
constexpr Place kLinuxChromeSystem{Base::kSystem, "etc/opt/chrome/native-messaging-hosts"};
constexpr Place kMacChromeSystem{Base::kSystem, "Library/Google/Chrome/NativeMessagingHosts"};

// Why some rows point at another browser's folder:
// - Brave, Vivaldi and Opera read Google Chrome's system folder on Linux, and Opera reads Chrome's
//   user folder too, whatever profile it runs (traced with their Linux builds). On macOS the same
//   is assumed for the system folder (unconfirmed) and Opera's forum confirms the user folder.
// - On Windows, Brave and Vivaldi read their own key and then Chrome's; Opera documents Chrome's.
//   Writing every key a browser may read costs nothing and removes the guess.
// - Waterfox also reads Mozilla's registry keys (its NativeManifests override); LibreWolf and Tor
//   Browser read Mozilla's keys on Windows.
const std::vector<Browser>& Table() {
  static const auto& table = *new std::vector<Browser>{
      {.id = "chrome",
       .name = "Google Chrome",
       .family = Family::kChromium,
       .on_linux = {.user = {{Base::kXdgConfig, "google-chrome/NativeMessagingHosts"}},
                    .system = {kLinuxChromeSystem},
                    .probes = {{Base::kXdgConfig, "google-chrome"},
                               {Base::kSystem, "usr/bin/google-chrome-stable"},
                               {Base::kSystem, "usr/bin/google-chrome"},
                               {Base::kSystem, "opt/google/chrome/chrome"}}},
       .on_macos = {.user = {{Base::kMacAppSupport, "Google/Chrome/NativeMessagingHosts"}},
                    .system = {kMacChromeSystem},
                    .probes = {{Base::kSystem, "Applications/Google Chrome.app"},
                               {Base::kHome, "Applications/Google Chrome.app"},
                               {Base::kMacAppSupport, "Google/Chrome"}}},
       .windows_keys = {kChromeKey},
       .windows_probes = {{Base::kLocalAppData, "Google/Chrome/User Data"},
                          {Base::kProgramFiles, "Google/Chrome/Application/chrome.exe"}},
       .flatpak_app_id = "com.google.Chrome",
       .flatpak_rel = "config/google-chrome/NativeMessagingHosts"},
      {.id = "chrome-beta",
       .name = "Google Chrome Beta",
       .family = Family::kChromium,
       .on_linux = {.user = {{Base::kXdgConfig, "google-chrome-beta/NativeMessagingHosts"}},
                    .system = {kLinuxChromeSystem},
                    .probes = {{Base::kXdgConfig, "google-chrome-beta"},
                               {Base::kSystem, "usr/bin/google-chrome-beta"},
                               {Base::kSystem, "opt/google/chrome-beta/chrome"}}},
       .on_macos = {.user = {{Base::kMacAppSupport, "Google/Chrome Beta/NativeMessagingHosts"}},
                    .system = {kMacChromeSystem},
                    .probes = {{Base::kSystem, "Applications/Google Chrome Beta.app"},
                               {Base::kHome, "Applications/Google Chrome Beta.app"},
                               {Base::kMacAppSupport, "Google/Chrome Beta"}}},
       .windows_keys = {kChromeKey},
       .windows_probes = {{Base::kLocalAppData, "Google/Chrome Beta/User Data"}}},
      {.id = "chrome-dev",
       .name = "Google Chrome Dev (unstable)",
       .family = Family::kChromium,
       .on_linux = {.user = {{Base::kXdgConfig, "google-chrome-unstable/NativeMessagingHosts"}},
                    .system = {kLinuxChromeSystem},
                    .probes = {{Base::kXdgConfig, "google-chrome-unstable"},
                               {Base::kSystem, "usr/bin/google-chrome-unstable"},
                               {Base::kSystem, "opt/google/chrome-unstable/chrome"}}},
       .on_macos = {.user = {{Base::kMacAppSupport, "Google/Chrome Dev/NativeMessagingHosts"}},
                    .system = {kMacChromeSystem},
                    .probes = {{Base::kSystem, "Applications/Google Chrome Dev.app"},
                               {Base::kHome, "Applications/Google Chrome Dev.app"},
                               {Base::kMacAppSupport, "Google/Chrome Dev"}}},
       .windows_keys = {kChromeKey},
       .windows_probes = {{Base::kLocalAppData, "Google/Chrome Dev/User Data"}},
       .flatpak_app_id = "com.google.ChromeDev",
       .flatpak_rel = "config/google-chrome-unstable/NativeMessagingHosts"},
      {.id = "chromium",
       .name = "Chromium",
       .family = Family::kChromium,
       .on_linux = {.user = {{Base::kXdgConfig, "chromium/NativeMessagingHosts"}},
                    .system = {{Base::kSystem, "etc/chromium/native-messaging-hosts"}},
                    .probes = {{Base::kXdgConfig, "chromium"},
                               {Base::kSystem, "usr/bin/chromium"},
                               {Base::kSystem, "usr/lib/chromium/chromium"},
                               {Base::kSystem, "usr/lib/chromium-browser/chromium-browser"}}},
       .on_macos = {.user = {{Base::kMacAppSupport, "Chromium/NativeMessagingHosts"}},
                    .system = {{Base::kSystem,
                                "Library/Application Support/Chromium/NativeMessagingHosts"}},
                    .probes = {{Base::kSystem, "Applications/Chromium.app"},
                               {Base::kHome, "Applications/Chromium.app"},
                               {Base::kMacAppSupport, "Chromium"}}},
       .windows_keys = {kChromiumKey},
       .windows_probes = {{Base::kLocalAppData, "Chromium/User Data"}},
       .flatpak_app_id = "org.chromium.Chromium",
       .flatpak_rel = "config/chromium/NativeMessagingHosts",
       .snap_name = "chromium"},
      {.id = "brave",
       .name = "Brave",
       .family = Family::kChromium,
       .on_linux = {.user = {{Base::kXdgConfig,
                              "BraveSoftware/Brave-Browser/NativeMessagingHosts"}},
                    .system = {kLinuxChromeSystem},
                    .probes = {{Base::kXdgConfig, "BraveSoftware/Brave-Browser"},
                               {Base::kSystem, "usr/bin/brave-browser"},
                               {Base::kSystem, "opt/brave.com/brave/brave"}}},
       .on_macos = {.user = {{Base::kMacAppSupport,
                              "BraveSoftware/Brave-Browser/NativeMessagingHosts"}},
                    .system = {kMacChromeSystem},
                    .probes = {{Base::kSystem, "Applications/Brave Browser.app"},
                               {Base::kHome, "Applications/Brave Browser.app"},
                               {Base::kMacAppSupport, "BraveSoftware/Brave-Browser"}}},
       .windows_keys = {kBraveKey, kChromeKey},
       .windows_probes = {{Base::kLocalAppData, "BraveSoftware/Brave-Browser/User Data"}},
       .flatpak_app_id = "com.brave.Browser",
       .flatpak_rel = "config/BraveSoftware/Brave-Browser/NativeMessagingHosts",
       .snap_name = "brave"},
      {.id = "edge",
       .name = "Microsoft Edge",
       .family = Family::kChromium,
       .on_linux = {.user = {{Base::kXdgConfig, "microsoft-edge/NativeMessagingHosts"}},
                    .system = {{Base::kSystem, "etc/opt/edge/native-messaging-hosts"}},
                    .probes = {{Base::kXdgConfig, "microsoft-edge"},
                               {Base::kSystem, "usr/bin/microsoft-edge"},
                               {Base::kSystem, "usr/bin/microsoft-edge-stable"},
                               {Base::kSystem, "opt/microsoft/msedge/msedge"}}},
       .on_macos = {.user = {{Base::kMacAppSupport, "Microsoft Edge/NativeMessagingHosts"}},
                    .system = {{Base::kSystem, "Library/Microsoft/Edge/NativeMessagingHosts"}},
                    .probes = {{Base::kSystem, "Applications/Microsoft Edge.app"},
                               {Base::kHome, "Applications/Microsoft Edge.app"},
                               {Base::kMacAppSupport, "Microsoft Edge"}}},
       .windows_keys = {kEdgeKey},
       .windows_probes = {{Base::kLocalAppData, "Microsoft/Edge/User Data"}},
       .flatpak_app_id = "com.microsoft.Edge",
       .flatpak_rel = "config/microsoft-edge/NativeMessagingHosts"},
      {.id = "vivaldi",
       .name = "Vivaldi",
       .family = Family::kChromium,
       .on_linux = {.user = {{Base::kXdgConfig, "vivaldi/NativeMessagingHosts"}},
                    .system = {kLinuxChromeSystem},
                    .probes = {{Base::kXdgConfig, "vivaldi"},
                               {Base::kSystem, "usr/bin/vivaldi"},
                               {Base::kSystem, "usr/bin/vivaldi-stable"},
                               {Base::kSystem, "opt/vivaldi/vivaldi"}}},
       .on_macos = {.user = {{Base::kMacAppSupport, "Vivaldi/NativeMessagingHosts"}},
                    .system = {kMacChromeSystem},
                    .probes = {{Base::kSystem, "Applications/Vivaldi.app"},
                               {Base::kHome, "Applications/Vivaldi.app"},
                               {Base::kMacAppSupport, "Vivaldi"}}},
       .windows_keys = {kVivaldiKey, kChromeKey},
       .windows_probes = {{Base::kLocalAppData, "Vivaldi/User Data"}},
       .flatpak_app_id = "com.vivaldi.Vivaldi",
       .flatpak_rel = "config/vivaldi/NativeMessagingHosts",
       .snap_name = "vivaldi"},
      {.id = "opera",
       .name = "Opera",
       .family = Family::kChromium,
       .on_linux = {.user = {{Base::kXdgConfig, "google-chrome/NativeMessagingHosts"}},
                    .system = {kLinuxChromeSystem},
                    .probes = {{Base::kXdgConfig, "opera"},
                               {Base::kSystem, "usr/bin/opera"},
                               {Base::kSystem, "usr/lib/x86_64-linux-gnu/opera/opera"}}},
       .on_macos = {.user = {{Base::kMacAppSupport, "Google/Chrome/NativeMessagingHosts"}},
                    .system = {kMacChromeSystem},
                    .probes = {{Base::kSystem, "Applications/Opera.app"},
                               {Base::kHome, "Applications/Opera.app"},
                               {Base::kMacAppSupport, "com.operasoftware.Opera"}}},
       .windows_keys = {kChromeKey},
       .windows_probes = {{Base::kRoamingAppData, "Opera Software/Opera Stable"}},
       .flatpak_app_id = "com.opera.Opera",
       .flatpak_rel = "config/google-chrome/NativeMessagingHosts",
       .snap_name = "opera"},
      {.id = "firefox",
       .name = "Firefox",
       .family = Family::kFirefox,
       .on_linux = {.user = {{Base::kHome, ".mozilla/native-messaging-hosts"}},
                    .system = {{Base::kSystem, "usr/lib/mozilla/native-messaging-hosts"},
                               {Base::kSystem, "usr/lib64/mozilla/native-messaging-hosts",
                                "usr/lib64/mozilla"}},
                    .probes = {{Base::kHome, ".mozilla/firefox"},
                               {Base::kSystem, "usr/bin/firefox"},
                               {Base::kSystem, "usr/bin/firefox-esr"},
                               {Base::kSystem, "usr/lib/firefox/firefox"},
                               {Base::kSystem, "usr/lib/firefox-esr/firefox-esr"},
                               {Base::kSystem, "opt/firefox/firefox"}}},
       .on_macos = {.user = {{Base::kMacAppSupport, "Mozilla/NativeMessagingHosts"}},
                    .system = {{Base::kSystem,
                                "Library/Application Support/Mozilla/NativeMessagingHosts"}},
                    .probes = {{Base::kSystem, "Applications/Firefox.app"},
                               {Base::kHome, "Applications/Firefox.app"},
                               {Base::kMacAppSupport, "Firefox"}}},
       .windows_keys = {kMozillaKey},
       .windows_probes = {{Base::kRoamingAppData, "Mozilla/Firefox"},
                          {Base::kProgramFiles, "Mozilla Firefox/firefox.exe"}},
       .flatpak_app_id = "org.mozilla.firefox",
       .flatpak_rel = ".mozilla/native-messaging-hosts",
       .snap_name = "firefox"},
      {.id = "librewolf",
       .name = "LibreWolf",
       .family = Family::kFirefox,
       .on_linux = {.user = {{Base::kHome, ".librewolf/native-messaging-hosts"}},
                    .system = {{Base::kSystem, "usr/lib/librewolf/native-messaging-hosts"}},
                    .probes = {{Base::kHome, ".librewolf"},
                               {Base::kSystem, "usr/bin/librewolf"},
                               {Base::kSystem, "usr/lib/librewolf/librewolf"}}},
       .on_macos = {.user = {{Base::kMacAppSupport, "LibreWolf/NativeMessagingHosts"}},
                    .system = {{Base::kSystem,
                                "Library/Application Support/LibreWolf/NativeMessagingHosts"}},
                    .probes = {{Base::kSystem, "Applications/LibreWolf.app"},
                               {Base::kHome, "Applications/LibreWolf.app"},
                               {Base::kMacAppSupport, "librewolf"}}},
       .windows_keys = {kMozillaKey},
       .windows_probes = {{Base::kRoamingAppData, "librewolf"},
                          {Base::kProgramFiles, "LibreWolf/librewolf.exe"}},
       .flatpak_app_id = "io.gitlab.librewolf-community",
       .flatpak_rel = ".librewolf/native-messaging-hosts"},
      {.id = "waterfox",
       .name = "Waterfox",
       .family = Family::kFirefox,
       .on_linux = {.user = {{Base::kHome, ".waterfox/native-messaging-hosts"}},
                    .system = {{Base::kSystem, "usr/lib/waterfox/native-messaging-hosts"}},
                    .probes = {{Base::kHome, ".waterfox"},
                               {Base::kSystem, "usr/bin/waterfox"},
                               {Base::kSystem, "opt/waterfox/waterfox"}}},
       .on_macos = {.user = {{Base::kMacAppSupport, "Waterfox/NativeMessagingHosts"}},
                    .system = {{Base::kSystem,
                                "Library/Application Support/Waterfox/NativeMessagingHosts"}},
                    .probes = {{Base::kSystem, "Applications/Waterfox.app"},
                               {Base::kHome, "Applications/Waterfox.app"},
                               {Base::kMacAppSupport, "Waterfox"}}},
       .windows_keys = {kMozillaKey},
       .windows_probes = {{Base::kRoamingAppData, "Waterfox"},
                          {Base::kProgramFiles, "Waterfox/waterfox.exe"}},
       .flatpak_app_id = "net.waterfox.waterfox",
       .flatpak_rel = ".waterfox/native-messaging-hosts"},
      {.id = "tor-browser",
       .name = "Tor Browser",
       .family = Family::kFirefox,
       .on_linux = {.user = {{Base::kTorBrowserData, ".mozilla/native-messaging-hosts"}},
                    .probes = {{Base::kTorBrowserData, ""}}},
       .on_macos = {.user = {{Base::kMacAppSupport,
                              "TorBrowser-Data/Browser/Mozilla/NativeMessagingHosts"}},
                    .probes = {{Base::kSystem, "Applications/Tor Browser.app"},
                               {Base::kHome, "Applications/Tor Browser.app"},
                               {Base::kMacAppSupport, "TorBrowser-Data"}}},
       .windows_keys = {kMozillaKey},
       .has_system_scope = false},
  };
  return table;
}

bool Exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

// Tor Browser is unpacked anywhere; these are where torbrowser-launcher and the download page's
// instructions put it.
std::optional<fs::path> FindTorBrowserData(const InstallRoots& roots) {
  if (!roots.tor_browser_data.empty()) return roots.tor_browser_data;
  std::vector<fs::path> folders;
  for (const char* arch : {"x86_64", "i686", "aarch64"}) {
    for (const char* name : {"tor-browser", "tor-browser_en-US"}) {
      folders.push_back(roots.xdg_data_home / "torbrowser" / "tbb" / arch / name);
    }
  }
  folders.push_back(roots.home / "tor-browser");
  folders.push_back(roots.home / "tor-browser_en-US");
  for (const fs::path& folder : folders) {
    fs::path data = Join(folder, "Browser/TorBrowser/Data/Browser");
    if (Exists(data)) return data;
  }
  return std::nullopt;
}

const OsPlaces& PlacesFor(const Browser& browser, Os os) {
  return os == Os::kMacOS ? browser.on_macos : browser.on_linux;
}

}  // namespace

std::string_view ScopeName(Scope scope) { return scope == Scope::kUser ? "user" : "system"; }

const std::vector<Browser>& AllBrowsers() { return Table(); }

const Browser* FindBrowser(std::string_view id) {
  for (const Browser& browser : Table()) {
    if (browser.id == id) return &browser;
  }
  return nullptr;
}

std::optional<fs::path> Resolve(const Place& place, const InstallRoots& roots) {
  fs::path base;
  switch (place.base) {
    case Base::kHome:
      base = roots.home;
      break;
    case Base::kXdgConfig:
      base = roots.xdg_config_home;
      break;
    case Base::kXdgData:
      base = roots.xdg_data_home;
      break;
    case Base::kSystem:
      base = roots.system;
      break;
    case Base::kMacAppSupport:
      base = roots.home / "Library" / "Application Support";
      break;
    case Base::kLocalAppData:
      base = roots.local_app_data;
      break;
    case Base::kRoamingAppData:
      base = roots.roaming_app_data;
      break;
    case Base::kProgramFiles:
      base = roots.program_files;
      break;
    case Base::kTorBrowserData: {
      auto data = FindTorBrowserData(roots);
      if (!data) return std::nullopt;
      base = *data;
      break;
    }
  }
  if (!place.only_if.empty() && !Exists(Join(base, place.only_if))) return std::nullopt;
  return Join(base, place.rel);
}

std::vector<fs::path> ManifestDirs(const Browser& browser, Os os, Scope scope,
                                   const InstallRoots& roots) {
  std::vector<fs::path> dirs;
  if (os == Os::kWindows) return dirs;
  const OsPlaces& places = PlacesFor(browser, os);
  for (const Place& place : scope == Scope::kUser ? places.user : places.system) {
    if (auto dir = Resolve(place, roots)) dirs.push_back(*dir);
  }
  return dirs;
}

std::vector<std::string> RegistryKeyPaths(const Browser& browser) {
  std::vector<std::string> keys;
  for (std::string_view key : browser.windows_keys) {
    keys.push_back(std::string(key) + "\\" + build::kNativeHostName);
  }
  return keys;
}

fs::path WindowsManifestFile(Family family, Scope scope, const InstallRoots& roots) {
  const fs::path base = scope == Scope::kUser ? roots.local_app_data : roots.program_data;
  return base / "pims" / "NativeMessagingHosts" /
         (std::string(build::kNativeHostName) + "." + std::string(FamilyName(family)) + ".json");
}

fs::path FlatpakAppDir(const Browser& browser, const InstallRoots& roots) {
  return roots.home / ".var" / "app" / std::string(browser.flatpak_app_id);
}

Detection Detect(const Browser& browser, Os os, const InstallRoots& roots) {
  Detection detection;
  const std::vector<Place>& probes =
      os == Os::kWindows ? browser.windows_probes : PlacesFor(browser, os).probes;
  for (const Place& probe : probes) {
    auto path = Resolve(probe, roots);
    if (path && Exists(*path)) {
      detection.found = true;
      detection.evidence = *path;
      break;
    }
  }
  if (os != Os::kLinux) return detection;

  if (!browser.flatpak_app_id.empty()) {
    const std::string app(browser.flatpak_app_id);
    for (const fs::path& evidence :
         {FlatpakAppDir(browser, roots), roots.xdg_data_home / "flatpak" / "app" / app,
          Join(roots.system, "var/lib/flatpak/app") / app}) {
      if (Exists(evidence)) {
        detection.sandboxed.push_back({SandboxedCopy::Kind::kFlatpak, evidence});
        break;
      }
    }
  }
  if (!browser.snap_name.empty()) {
    const std::string snap(browser.snap_name);
    for (const fs::path& evidence :
         {Join(roots.system, "snap/bin") / snap, roots.home / "snap" / snap}) {
      if (Exists(evidence)) {
        detection.sandboxed.push_back({SandboxedCopy::Kind::kSnap, evidence});
        break;
      }
    }
  }
  return detection;
}

}  // namespace pims::installer
