// The table of browsers and locations (installer/src/browsers.h), checked against the browsers'
// documentation: Chrome "Native messaging", MDN "Native manifests", Microsoft Edge "Native
// messaging", and the traced behaviour of Brave, Vivaldi and Opera (docs/install.md).
#include "browsers.h"

#include <catch2/catch.hpp>
#include <map>
#include <sstream>

#include "cli.h"
#include "test_support.h"

namespace pims::installer {
namespace {

namespace fs = std::filesystem;
using testing::ScratchDir;

std::vector<std::string> Dirs(const std::string& id, Os os, Scope scope) {
  std::vector<std::string> out;
  for (const fs::path& dir :
       ManifestDirs(*FindBrowser(id), os, scope, InstallRoots::Symbolic(os))) {
    std::string text = dir.string();
    if (text.rfind("//", 0) == 0) text.erase(0, 1);
    out.push_back(text);
  }
  return out;
}

using Expected = std::map<std::string, std::vector<std::string>>;

TEST_CASE("every browser of the brief is in the table, each id once") {
  std::vector<std::string> ids;
  for (const Browser& browser : AllBrowsers()) ids.emplace_back(browser.id);
  CHECK(ids == std::vector<std::string>{"chrome", "chrome-beta", "chrome-dev", "chromium", "brave",
                                        "edge", "vivaldi", "opera", "firefox", "librewolf",
                                        "waterfox", "tor-browser"});
  CHECK(FindBrowser("firefox")->family == Family::kFirefox);
  CHECK(FindBrowser("edge")->family == Family::kChromium);
  CHECK(FindBrowser("netscape") == nullptr);
}

TEST_CASE("Linux user locations are the documented ones") {
  const Expected expected = {
      {"chrome", {"~/.config/google-chrome/NativeMessagingHosts"}},
      {"chrome-beta", {"~/.config/google-chrome-beta/NativeMessagingHosts"}},
      {"chrome-dev", {"~/.config/google-chrome-unstable/NativeMessagingHosts"}},
      {"chromium", {"~/.config/chromium/NativeMessagingHosts"}},
      {"brave", {"~/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts"}},
      {"edge", {"~/.config/microsoft-edge/NativeMessagingHosts"}},
      {"vivaldi", {"~/.config/vivaldi/NativeMessagingHosts"}},
      {"opera", {"~/.config/google-chrome/NativeMessagingHosts"}},  // Opera reads Chrome's
      {"firefox", {"~/.mozilla/native-messaging-hosts"}},
      {"librewolf", {"~/.librewolf/native-messaging-hosts"}},
      {"waterfox", {"~/.waterfox/native-messaging-hosts"}},
      {"tor-browser",
       {"<Tor Browser folder>/Browser/TorBrowser/Data/Browser/.mozilla/native-messaging-hosts"}},
  };
  for (const auto& [id, dirs] : expected) {
    INFO(id);
    CHECK(Dirs(id, Os::kLinux, Scope::kUser) == dirs);
  }
}

TEST_CASE("Linux system locations are the documented ones") {
  ScratchDir scratch;
  InstallRoots roots = InstallRoots::Symbolic(Os::kLinux);
  const Expected expected = {
      {"chrome", {"/etc/opt/chrome/native-messaging-hosts"}},
      {"chrome-beta", {"/etc/opt/chrome/native-messaging-hosts"}},
      {"chrome-dev", {"/etc/opt/chrome/native-messaging-hosts"}},
      {"chromium", {"/etc/chromium/native-messaging-hosts"}},
      {"brave", {"/etc/opt/chrome/native-messaging-hosts"}},
      {"edge", {"/etc/opt/edge/native-messaging-hosts"}},
      {"vivaldi", {"/etc/opt/chrome/native-messaging-hosts"}},
      {"opera", {"/etc/opt/chrome/native-messaging-hosts"}},
      {"librewolf", {"/usr/lib/librewolf/native-messaging-hosts"}},
      {"waterfox", {"/usr/lib/waterfox/native-messaging-hosts"}},
      {"tor-browser", {}},
  };
  for (const auto& [id, dirs] : expected) {
    INFO(id);
    CHECK(Dirs(id, Os::kLinux, Scope::kSystem) == dirs);
  }
}

TEST_CASE("Firefox system scope is /usr/lib/mozilla, and /usr/lib64/mozilla where it exists") {
  ScratchDir scratch;
  InstallRoots roots = InstallRoots::Under(scratch.path());
  const Browser& firefox = *FindBrowser("firefox");
  CHECK(ManifestDirs(firefox, Os::kLinux, Scope::kSystem, roots) ==
        std::vector<fs::path>{roots.system / "usr/lib/mozilla/native-messaging-hosts"});
  fs::create_directories(roots.system / "usr/lib64/mozilla");
  CHECK(ManifestDirs(firefox, Os::kLinux, Scope::kSystem, roots) ==
        std::vector<fs::path>{roots.system / "usr/lib/mozilla/native-messaging-hosts",
                              roots.system / "usr/lib64/mozilla/native-messaging-hosts"});
}

TEST_CASE("Chromium browsers on Linux follow $XDG_CONFIG_HOME, Firefox follows $HOME") {
  Environment env{[](std::string_view name) -> std::optional<std::string> {
    if (name == "HOME") return "/home/ada";
    if (name == "XDG_CONFIG_HOME") return "/cfg";
    return std::nullopt;
  }};
  auto roots = InstallRoots::FromEnvironment(env, Os::kLinux);
  REQUIRE(roots.ok());
  CHECK(ManifestDirs(*FindBrowser("chromium"), Os::kLinux, Scope::kUser, *roots) ==
        std::vector<fs::path>{"/cfg/chromium/NativeMessagingHosts"});
  CHECK(ManifestDirs(*FindBrowser("firefox"), Os::kLinux, Scope::kUser, *roots) ==
        std::vector<fs::path>{"/home/ada/.mozilla/native-messaging-hosts"});
  CHECK(ManifestDirs(*FindBrowser("firefox"), Os::kLinux, Scope::kSystem, *roots) ==
        std::vector<fs::path>{"/usr/lib/mozilla/native-messaging-hosts"});
}

TEST_CASE("a relative or missing XDG_CONFIG_HOME falls back to ~/.config, and no HOME is an error") {
  Environment relative{[](std::string_view name) -> std::optional<std::string> {
    if (name == "HOME") return "/home/ada";
    if (name == "XDG_CONFIG_HOME") return "relative/cfg";
    return std::nullopt;
  }};
  auto roots = InstallRoots::FromEnvironment(relative, Os::kLinux);
  REQUIRE(roots.ok());
  CHECK(roots->xdg_config_home == "/home/ada/.config");
  CHECK(roots->xdg_data_home == "/home/ada/.local/share");
  Environment empty{[](std::string_view) -> std::optional<std::string> { return std::nullopt; }};
  CHECK(InstallRoots::FromEnvironment(empty, Os::kLinux).status().code() == ErrorCode::kIoError);
  CHECK(InstallRoots::FromEnvironment(empty, Os::kWindows).status().code() == ErrorCode::kIoError);
}

TEST_CASE("macOS user locations are the documented ones") {
  const std::string as = "~/Library/Application Support/";
  const Expected expected = {
      {"chrome", {as + "Google/Chrome/NativeMessagingHosts"}},
      {"chrome-beta", {as + "Google/Chrome Beta/NativeMessagingHosts"}},
      {"chrome-dev", {as + "Google/Chrome Dev/NativeMessagingHosts"}},
      {"chromium", {as + "Chromium/NativeMessagingHosts"}},
      {"brave", {as + "BraveSoftware/Brave-Browser/NativeMessagingHosts"}},
      {"edge", {as + "Microsoft Edge/NativeMessagingHosts"}},
      {"vivaldi", {as + "Vivaldi/NativeMessagingHosts"}},
      {"opera", {as + "Google/Chrome/NativeMessagingHosts"}},
      {"firefox", {as + "Mozilla/NativeMessagingHosts"}},
      {"librewolf", {as + "LibreWolf/NativeMessagingHosts"}},
      {"waterfox", {as + "Waterfox/NativeMessagingHosts"}},
      {"tor-browser", {as + "TorBrowser-Data/Browser/Mozilla/NativeMessagingHosts"}},
  };
  for (const auto& [id, dirs] : expected) {
    INFO(id);
    CHECK(Dirs(id, Os::kMacOS, Scope::kUser) == dirs);
  }
}

TEST_CASE("macOS system locations are the documented ones") {
  const Expected expected = {
      {"chrome", {"/Library/Google/Chrome/NativeMessagingHosts"}},
      {"chrome-beta", {"/Library/Google/Chrome/NativeMessagingHosts"}},
      {"chromium", {"/Library/Application Support/Chromium/NativeMessagingHosts"}},
      {"edge", {"/Library/Microsoft/Edge/NativeMessagingHosts"}},
      {"brave", {"/Library/Google/Chrome/NativeMessagingHosts"}},
      {"opera", {"/Library/Google/Chrome/NativeMessagingHosts"}},
      {"firefox", {"/Library/Application Support/Mozilla/NativeMessagingHosts"}},
      {"librewolf", {"/Library/Application Support/LibreWolf/NativeMessagingHosts"}},
      {"tor-browser", {}},
  };
  for (const auto& [id, dirs] : expected) {
    INFO(id);
    CHECK(Dirs(id, Os::kMacOS, Scope::kSystem) == dirs);
  }
}

TEST_CASE("Windows registry keys are the documented ones") {
  const std::map<std::string, std::vector<std::string>> expected = {
      {"chrome", {"Software\\Google\\Chrome\\NativeMessagingHosts\\org.pims.host"}},
      {"chrome-beta", {"Software\\Google\\Chrome\\NativeMessagingHosts\\org.pims.host"}},
      {"chrome-dev", {"Software\\Google\\Chrome\\NativeMessagingHosts\\org.pims.host"}},
      {"chromium", {"Software\\Chromium\\NativeMessagingHosts\\org.pims.host"}},
      {"edge", {"Software\\Microsoft\\Edge\\NativeMessagingHosts\\org.pims.host"}},
      {"brave",
       {"Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts\\org.pims.host",
        "Software\\Google\\Chrome\\NativeMessagingHosts\\org.pims.host"}},
      {"vivaldi",
       {"Software\\Vivaldi\\NativeMessagingHosts\\org.pims.host",
        "Software\\Google\\Chrome\\NativeMessagingHosts\\org.pims.host"}},
      {"opera", {"Software\\Google\\Chrome\\NativeMessagingHosts\\org.pims.host"}},
      {"firefox", {"Software\\Mozilla\\NativeMessagingHosts\\org.pims.host"}},
      {"librewolf", {"Software\\Mozilla\\NativeMessagingHosts\\org.pims.host"}},
      {"waterfox", {"Software\\Mozilla\\NativeMessagingHosts\\org.pims.host"}},
      {"tor-browser", {"Software\\Mozilla\\NativeMessagingHosts\\org.pims.host"}},
  };
  for (const auto& [id, keys] : expected) {
    INFO(id);
    CHECK(RegistryKeyPaths(*FindBrowser(id)) == keys);
  }
  CHECK((RegistryKey{Hive::kCurrentUser, "Software\\X"}.ToString()) == "HKCU\\Software\\X");
  CHECK((RegistryKey{Hive::kLocalMachine, "Software\\X"}.ToString()) == "HKLM\\Software\\X");
}

TEST_CASE("Windows targets: HKCU keys and a per-user file, HKLM keys and a machine file") {
  const InstallRoots roots = InstallRoots::Symbolic(Os::kWindows);
  auto user = TargetsFor(*FindBrowser("brave"), Os::kWindows, Scope::kUser, roots);
  REQUIRE(user.size() == 1);
  CHECK(user[0].kind == TargetKind::kRegistry);
  CHECK(user[0].keys.size() == 2);
  CHECK(user[0].keys[0].hive == Hive::kCurrentUser);
  CHECK(user[0].manifest_file == fs::path("%LOCALAPPDATA%") / "pims" / "NativeMessagingHosts" /
                                     "org.pims.host.chromium.json");
  auto system = TargetsFor(*FindBrowser("firefox"), Os::kWindows, Scope::kSystem, roots);
  REQUIRE(system.size() == 1);
  CHECK(system[0].keys[0].hive == Hive::kLocalMachine);
  CHECK(system[0].manifest_file ==
        fs::path("%ProgramData%") / "pims" / "NativeMessagingHosts" / "org.pims.host.firefox.json");
  CHECK(TargetsFor(*FindBrowser("tor-browser"), Os::kWindows, Scope::kSystem, roots).empty());
}

TEST_CASE("a browser is found by its binary or its config folder, under the injected roots") {
  ScratchDir scratch;
  const InstallRoots roots = InstallRoots::Under(scratch.path());
  const Browser& chromium = *FindBrowser("chromium");
  CHECK_FALSE(Detect(chromium, Os::kLinux, roots).found);
  testing::MakeExecutable(roots.system / "usr/lib/chromium/chromium");
  Detection by_binary = Detect(chromium, Os::kLinux, roots);
  CHECK(by_binary.found);
  CHECK(by_binary.evidence == roots.system / "usr/lib/chromium/chromium");

  const Browser& vivaldi = *FindBrowser("vivaldi");
  CHECK_FALSE(Detect(vivaldi, Os::kLinux, roots).found);
  fs::create_directories(roots.xdg_config_home / "vivaldi");
  CHECK(Detect(vivaldi, Os::kLinux, roots).found);

  const Browser& firefox = *FindBrowser("firefox");
  CHECK_FALSE(Detect(firefox, Os::kMacOS, roots).found);
  fs::create_directories(roots.system / "Applications/Firefox.app");
  CHECK(Detect(firefox, Os::kMacOS, roots).found);

  const Browser& edge = *FindBrowser("edge");
  CHECK_FALSE(Detect(edge, Os::kWindows, roots).found);
  fs::create_directories(roots.local_app_data / "Microsoft/Edge/User Data");
  CHECK(Detect(edge, Os::kWindows, roots).found);
}

TEST_CASE("Flatpak and Snap copies are detected apart from native ones") {
  ScratchDir scratch;
  const InstallRoots roots = InstallRoots::Under(scratch.path());
  const Browser& firefox = *FindBrowser("firefox");
  fs::create_directories(roots.home / ".var/app/org.mozilla.firefox");
  testing::MakeExecutable(roots.system / "snap/bin/firefox");
  const Detection detection = Detect(firefox, Os::kLinux, roots);
  CHECK_FALSE(detection.found);
  REQUIRE(detection.sandboxed.size() == 2);
  CHECK(detection.sandboxed[0].kind == SandboxedCopy::Kind::kFlatpak);
  CHECK(detection.sandboxed[1].kind == SandboxedCopy::Kind::kSnap);
  CHECK(detection.sandboxed[1].evidence == roots.system / "snap/bin/firefox");

  auto targets = TargetsFor(firefox, Os::kLinux, Scope::kUser, roots);
  REQUIRE(targets.size() == 2);
  CHECK(targets[1].kind == TargetKind::kFlatpak);
  CHECK(targets[1].manifest_file ==
        roots.home /
            ".var/app/org.mozilla.firefox/.mozilla/native-messaging-hosts/org.pims.host.json");
  CHECK(targets[1].wrapper_file == roots.home / ".var/app/org.mozilla.firefox/data/pims/pims-host");
  // Flatpak registrations are per user.
  CHECK(TargetsFor(firefox, Os::kLinux, Scope::kSystem, roots).size() == 1);
}

TEST_CASE("Tor Browser is found where torbrowser-launcher or a manual unpack puts it") {
  ScratchDir scratch;
  const InstallRoots roots = InstallRoots::Under(scratch.path());
  const Browser& tor = *FindBrowser("tor-browser");
  CHECK_FALSE(Detect(tor, Os::kLinux, roots).found);
  CHECK(TargetsFor(tor, Os::kLinux, Scope::kUser, roots).empty());
  const fs::path data =
      roots.xdg_data_home / "torbrowser/tbb/x86_64/tor-browser/Browser/TorBrowser/Data/Browser";
  fs::create_directories(data);
  CHECK(Detect(tor, Os::kLinux, roots).found);
  auto targets = TargetsFor(tor, Os::kLinux, Scope::kUser, roots);
  REQUIRE(targets.size() == 1);
  CHECK(targets[0].manifest_file == data / ".mozilla/native-messaging-hosts/org.pims.host.json");
}

// Every location `pims-install locations` prints for an OS must be written in docs/install.md.
TEST_CASE("docs/install.md shows every location of the table") {
  const std::string docs = testing::ReadText(PIMS_SOURCE_DIR "/docs/install.md");
  REQUIRE_FALSE(docs.empty());
  for (const char* os : {"linux", "macos", "windows"}) {
    std::ostringstream out, err;
    const std::vector<std::string_view> args = {"locations", "--os", os};
    REQUIRE(Main(args, CliContext{}, out, err) == kExitOk);
    std::istringstream lines(out.str());
    for (std::string line; std::getline(lines, line);) {
      size_t at = line.find(": ");
      if (line.rfind("    = ", 0) == 0) at = 4;
      if (line.rfind("  ", 0) != 0 || at == std::string::npos) continue;
      std::string location = line.substr(at + 2);
      if (location.rfind("none", 0) == 0) continue;
      for (const std::string& suffix :
           {std::string(" (when /usr/lib64/mozilla exists)"), std::string("/org.pims.host.json"),
            std::string("\\org.pims.host")}) {
        if (location.size() > suffix.size() &&
            location.compare(location.size() - suffix.size(), suffix.size(), suffix) == 0) {
          location.erase(location.size() - suffix.size());
        }
      }
      INFO(os << ": " << location);
      CHECK(docs.find("`" + location + "`") != std::string::npos);
    }
  }
}

}  // namespace
}  // namespace pims::installer
