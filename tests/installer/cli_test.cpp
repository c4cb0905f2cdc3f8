// pims-install's command line (installer/src/cli.h): parsing, and whole commands run against
// scratch roots with an injected environment, as the binary would run them.
#include "cli.h"

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "files.h"
#include "pims/build_config.h"
#include "test_support.h"

namespace pims::installer {
namespace {

namespace fs = std::filesystem;
using testing::ReadText;
using testing::ScratchDir;
using testing::WriteText;

Result<Options> Parse(std::vector<std::string_view> args) { return ParseArgs(args); }

TEST_CASE("parsing: commands, repeated and comma-separated browsers, --opt=value") {
  auto options = Parse({"install", "--browser", "chromium,firefox", "--browser=edge",
                        "--scope=system", "--host-path", "/usr/bin/pims-host"});
  REQUIRE(options.ok());
  CHECK(options->command == Command::kInstall);
  CHECK(options->browsers == std::vector<std::string>{"chromium", "firefox", "edge"});
  CHECK(options->scope == Scope::kSystem);
  CHECK(options->host_path == fs::path("/usr/bin/pims-host"));

  auto all = Parse({"uninstall", "--browser", "all"});
  REQUIRE(all.ok());
  CHECK(all->browsers.size() == AllBrowsers().size());
  CHECK(Parse({"--help"})->command == Command::kHelp);
  CHECK(Parse({"status", "-h"})->command == Command::kHelp);
  CHECK(Parse({"--version"})->command == Command::kVersion);
}

TEST_CASE("parsing: mistakes are usage errors with a useful message") {
  const std::map<std::vector<std::string_view>, std::string> cases = {
      {{}, "no command"},
      {{"instal"}, "unknown command"},
      {{"install", "--browser", "netscape"}, "unknown browser"},
      {{"install", "--browser"}, "needs a value"},
      {{"install", "--scope", "everyone"}, "user or system"},
      {{"install", "--frobnicate"}, "unknown option"},
      {{"install", "--force=yes"}, "takes no value"},
      {{"manifest"}, "--family"},
      {{"manifest", "--family", "safari"}, "chromium or firefox"},
      {{"list", "--browser", "chromium"}, "go with install"},
      {{"status", "--force"}, "goes with install"},
      {{"uninstall", "--host-path", "/x"}, "no --host-path"},
      {{"install", "--profile-dir", "/tmp/p", "--scope", "system"}, "cannot be system"},
      {{"install", "--browser", "firefox", "--profile-dir", "/tmp/p"}, "not meaningful"},
      {{"install", "--browser", "chromium,librewolf", "--profile-dir", "/tmp/p"}, "HOME"},
  };
  for (const auto& [args, expected] : cases) {
    auto options = Parse(args);
    INFO((args.empty() ? "(none)" : std::string(args[0])) << " -> " << expected);
    REQUIRE_FALSE(options.ok());
    CHECK(options.status().code() == ErrorCode::kBadRequest);
    CHECK(options.status().message().find(expected) != std::string::npos);
  }
}

TEST_CASE("the help text documents every exit code") {
  const std::string usage = UsageText();
  for (const char* line : {"0  success", "1  a registration", "2  bad command line", "3  status",
                           "4  no browser found"}) {
    CHECK(usage.find(line) != std::string::npos);
  }
  CHECK(usage.find("--profile-dir") != std::string::npos);
}

// A scratch machine driven through the command line.
struct Cli {
  ScratchDir scratch;
  fs::path home = scratch.path() / "home";
  fs::path root = scratch.path() / "root";
  fs::path host = scratch.path() / "bin" / "pims-host";
  std::string out, err;

  Cli() {
    fs::create_directories(home);
    fs::create_directories(root);
    testing::MakeExecutable(host);
  }

  int operator()(std::vector<std::string> args) {
    std::vector<std::string_view> views;
    for (const std::string& arg : args) views.push_back(arg);
    views.push_back("--root");
    const std::string root_text = root.string();
    views.push_back(root_text);
    const std::string home_text = home.string();
    CliContext context{
        .env = Environment{[home_text](std::string_view name) -> std::optional<std::string> {
          if (name == "HOME") return home_text;
          return std::nullopt;
        }},
        .os = Os::kLinux};
    std::ostringstream o, e;
    const int code = Main(views, context, o, e);
    out = o.str();
    err = e.str();
    return code;
  }
};

TEST_CASE("install with no browser found exits 4 and writes nothing") {
  Cli cli;
  CHECK(cli({"install", "--host-path", cli.host.string()}) == kExitNoBrowser);
  CHECK(cli.err.find("no browser found") != std::string::npos);
  CHECK(testing::TakeSnapshot(cli.home).empty());
  CHECK(cli({"status"}) == kExitNoBrowser);
}

TEST_CASE("install registers every browser found, status says so, uninstall undoes it") {
  Cli cli;
  testing::MakeExecutable(cli.root / "usr/bin/chromium");
  testing::MakeExecutable(cli.root / "usr/bin/firefox-esr");
  const auto before = testing::TakeSnapshot(cli.scratch.path());

  REQUIRE(cli({"install", "--host-path", cli.host.string()}) == kExitOk);
  CHECK(cli.out.find("Chromium: registered") != std::string::npos);
  CHECK(cli.out.find("Firefox: registered") != std::string::npos);
  CHECK(cli.out.find("Brave") == std::string::npos);
  const fs::path chromium = cli.home / ".config/chromium/NativeMessagingHosts/org.pims.host.json";
  const fs::path firefox = cli.home / ".mozilla/native-messaging-hosts/org.pims.host.json";
  CHECK(ReadText(chromium) == RenderManifest(Family::kChromium, cli.host.string()));
  CHECK(ReadText(firefox) == RenderManifest(Family::kFirefox, cli.host.string()));

  REQUIRE(cli({"status", "--host-path", cli.host.string()}) == kExitOk);
  CHECK(cli.out.find("Chromium (chromium): found") != std::string::npos);
  CHECK(cli.out.find("registered: yes; manifest valid: yes") != std::string::npos);
  CHECK(cli.out.find("present, executable") != std::string::npos);

  CHECK(cli({"install", "--host-path", cli.host.string()}) == kExitOk);
  CHECK(cli.out.find("already registered") != std::string::npos);

  REQUIRE(cli({"uninstall"}) == kExitOk);
  CHECK(cli.out.find("2 registration(s) removed") != std::string::npos);
  CHECK(testing::TakeSnapshot(cli.scratch.path()) == before);
  CHECK(cli({"uninstall"}) == kExitOk);
  CHECK(cli.out.find("nothing of pims's was registered") != std::string::npos);
}

TEST_CASE("install leaves out a browser whose profiles show pims is not installed, unless named") {
  Cli cli;
  testing::MakeExecutable(cli.root / "usr/bin/chromium");
  testing::MakeExecutable(cli.root / "usr/bin/firefox-esr");
  testing::MakeExecutable(cli.root / "usr/bin/brave-browser");
  // Chromium: two profiles, one with pims (unpacked: named in Secure Preferences).
  WriteText(cli.home / ".config/chromium/Default/Preferences", R"({"extensions":{}})");
  WriteText(cli.home / ".config/chromium/Profile 1/Secure Preferences",
            std::string(R"({"extensions":{"settings":{")") + build::kChromeExtensionId +
                R"(":{"path":"/opt/pims"}}}})");
  // Firefox: a profile whose add-ons are others only.
  WriteText(cli.home / ".mozilla/firefox/abcd.default-esr/extensions.json",
            R"({"addons":[{"id":"uBlock0@raymondhill.net"}]})");
  // Brave: never started, no profile: pims cannot tell, and registers as before.

  REQUIRE(cli({"install", "--host-path", cli.host.string()}) == kExitOk);
  CHECK(cli.out.find("Chromium: registered") != std::string::npos);
  CHECK(cli.out.find("Firefox: pims is not installed in it") != std::string::npos);
  CHECK_FALSE(fs::exists(cli.home / ".mozilla/native-messaging-hosts/org.pims.host.json"));
  CHECK(fs::exists(cli.home / ".config/chromium/NativeMessagingHosts/org.pims.host.json"));
  CHECK(fs::exists(cli.home /
                   ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts/org.pims.host.json"));

  // Once pims is there (an add-on waiting in the profile), or when named, Firefox is registered.
  WriteText(cli.home / ".mozilla/firefox/abcd.default-esr/extensions" /
                (std::string(build::kGeckoExtensionId) + ".xpi"),
            "zip");
  REQUIRE(cli({"install", "--host-path", cli.host.string()}) == kExitOk);
  CHECK(fs::exists(cli.home / ".mozilla/native-messaging-hosts/org.pims.host.json"));
  fs::remove(cli.home / ".mozilla/firefox/abcd.default-esr/extensions" /
             (std::string(build::kGeckoExtensionId) + ".xpi"));
  fs::remove(cli.home / ".mozilla/native-messaging-hosts/org.pims.host.json");
  REQUIRE(cli({"install", "--browser", "firefox", "--host-path", cli.host.string()}) == kExitOk);
  CHECK(fs::exists(cli.home / ".mozilla/native-messaging-hosts/org.pims.host.json"));
}

TEST_CASE("status: a missing host, a host that is not executable, a malformed manifest") {
  Cli cli;
  const fs::path manifest = cli.home / ".config/chromium/NativeMessagingHosts/org.pims.host.json";
  REQUIRE(cli({"install", "--browser", "chromium", "--host-path", cli.host.string()}) == kExitOk);
  REQUIRE(cli({"status", "--browser", "chromium"}) == kExitOk);

  SECTION("host missing") {
    fs::remove(cli.host);
    CHECK(cli({"status", "--browser", "chromium"}) == kExitNotRegistered);
    CHECK(cli.out.find("(MISSING)") != std::string::npos);
    CHECK(cli.out.find("does not exist") != std::string::npos);
  }
  SECTION("host not executable") {
    fs::permissions(cli.host, fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace);
    REQUIRE_FALSE(IsExecutableFile(cli.host));  // even for root: no x bit at all
    CHECK(cli({"status", "--browser", "chromium"}) == kExitNotRegistered);
    CHECK(cli.out.find("NOT executable") != std::string::npos);
  }
  SECTION("host is a folder") {
    fs::remove(cli.host);
    fs::create_directories(cli.host);
    CHECK(cli({"status", "--browser", "chromium"}) == kExitNotRegistered);
    CHECK(cli.out.find("NOT executable") != std::string::npos);
  }
  SECTION("manifest malformed") {
    WriteText(manifest, "{\"name\": \"org.pims.host\", ");
    CHECK(cli({"status", "--browser", "chromium"}) == kExitNotRegistered);
    CHECK(cli.out.find("manifest valid: NO") != std::string::npos);
    CHECK(cli.out.find("not a JSON object") != std::string::npos);
  }
  SECTION("manifest with a wrong origin") {
    auto json = nlohmann::json::parse(ReadText(manifest));
    json["allowed_origins"] = {"chrome-extension://abcdefghijklmnopabcdefghijklmnop/"};
    WriteText(manifest, json.dump());
    CHECK(cli({"status", "--browser", "chromium"}) == kExitNotRegistered);
    CHECK(cli.out.find("allowed_origins") != std::string::npos);
  }
  SECTION("another host than the one asked about") {
    CHECK(cli({"status", "--browser", "chromium", "--host-path", "/usr/bin/pims-host"}) ==
          kExitNotRegistered);
    CHECK(cli.out.find("not /usr/bin/pims-host") != std::string::npos);
  }
  SECTION("not registered") {
    fs::remove(manifest);
    CHECK(cli({"status", "--browser", "chromium"}) == kExitNotRegistered);
    CHECK(cli.out.find("registered: no") != std::string::npos);
  }
}

TEST_CASE("install refuses a host that is not there, unless --force") {
  Cli cli;
  const std::string missing = (cli.scratch.path() / "nowhere/pims-host").string();
  CHECK(cli({"install", "--browser", "chromium", "--host-path", missing}) == kExitFailed);
  CHECK(cli.err.find("not an executable file") != std::string::npos);
  CHECK(testing::TakeSnapshot(cli.home).empty());
  CHECK(cli({"install", "--browser", "chromium", "--host-path", missing, "--force"}) == kExitOk);
}

TEST_CASE("install exits 1 when another program's manifest is in the way") {
  Cli cli;
  const fs::path manifest = cli.home / ".mozilla/native-messaging-hosts/org.pims.host.json";
  WriteText(manifest, R"({"name": "com.other", "path": "/usr/bin/other", "type": "stdio"})");
  CHECK(cli({"install", "--browser", "firefox", "--host-path", cli.host.string()}) == kExitFailed);
  CHECK(cli.out.find("left alone") != std::string::npos);
  CHECK(cli({"uninstall", "--browser", "firefox"}) == kExitOk);
  CHECK(fs::exists(manifest));
}

TEST_CASE("the harness's calls: --profile-dir for Chromium, HOME for Firefox") {
  Cli cli;
  const fs::path udd = cli.scratch.path() / "udd";
  REQUIRE(cli({"install", "--browser", "chromium", "--profile-dir", udd.string(), "--host-path",
               cli.host.string()}) == kExitOk);
  CHECK(ReadText(udd / "NativeMessagingHosts/org.pims.host.json") ==
        RenderManifest(Family::kChromium, cli.host.string()));
  CHECK_FALSE(fs::exists(cli.home / ".config"));
  CHECK(cli({"status", "--profile-dir", udd.string()}) == kExitOk);

  REQUIRE(cli({"install", "--browser", "firefox", "--host-path", cli.host.string()}) == kExitOk);
  CHECK(ReadText(cli.home / ".mozilla/native-messaging-hosts/org.pims.host.json") ==
        RenderManifest(Family::kFirefox, cli.host.string()));

  CHECK(cli({"install", "--browser", "firefox", "--profile-dir", udd.string()}) == kExitUsage);
  CHECK(cli.err.find("$HOME/.mozilla/native-messaging-hosts") != std::string::npos);

  CHECK(cli({"uninstall", "--profile-dir", udd.string()}) == kExitOk);
  CHECK_FALSE(fs::exists(udd / "NativeMessagingHosts/org.pims.host.json"));
}

TEST_CASE("system scope writes under --root, never the real /etc") {
  Cli cli;
  REQUIRE(cli({"install", "--browser", "chromium,chrome,firefox", "--scope", "system",
               "--host-path", cli.host.string()}) == kExitOk);
  CHECK(fs::exists(cli.root / "etc/chromium/native-messaging-hosts/org.pims.host.json"));
  CHECK(fs::exists(cli.root / "etc/opt/chrome/native-messaging-hosts/org.pims.host.json"));
  CHECK(fs::exists(cli.root / "usr/lib/mozilla/native-messaging-hosts/org.pims.host.json"));
  CHECK(fs::exists(cli.root / "var/lib/pims-install/created-dirs.json"));
  CHECK(cli({"status", "--scope", "system", "--browser", "chromium"}) == kExitOk);
  CHECK(cli({"uninstall", "--scope", "system"}) == kExitOk);
  CHECK(testing::TakeSnapshot(cli.root).empty());
}

TEST_CASE("a Snap-only Chromium is explained, not registered, and a Flatpak gets its script") {
  Cli cli;
  testing::MakeExecutable(cli.root / "snap/bin/chromium");
  fs::create_directories(cli.home / ".var/app/org.mozilla.firefox");
  REQUIRE(cli({"install", "--host-path", cli.host.string()}) == kExitOk);
  CHECK(cli.out.find("Chromium from Snap") != std::string::npos);
  CHECK_FALSE(fs::exists(cli.home / ".config/chromium"));
  CHECK(cli.out.find("Firefox (Flatpak): registered") != std::string::npos);
  CHECK(cli.out.find("flatpak override --user --talk-name=org.freedesktop.Flatpak "
                     "org.mozilla.firefox") != std::string::npos);
  CHECK(fs::exists(cli.home / ".var/app/org.mozilla.firefox/data/pims/pims-host"));
  CHECK_FALSE(fs::exists(cli.home / ".mozilla"));
}

TEST_CASE("manifest prints what install writes, and list and locations describe the table") {
  Cli cli;
  REQUIRE(cli({"manifest", "--family", "firefox", "--host-path", "/usr/bin/pims-host"}) == kExitOk);
  CHECK(cli.out == RenderManifest(Family::kFirefox, "/usr/bin/pims-host"));
  const fs::path output = cli.scratch.path() / "out/org.pims.host.json";
  REQUIRE(cli({"manifest", "--family", "chromium", "--host-path", "/usr/bin/pims-host", "--output",
               output.string()}) == kExitOk);
  CHECK(ReadText(output) == RenderManifest(Family::kChromium, "/usr/bin/pims-host"));

  testing::MakeExecutable(cli.root / "opt/google/chrome/chrome");
  REQUIRE(cli({"list", "--found"}) == kExitOk);
  CHECK(cli.out == "chrome\tchromium\tfound\tGoogle Chrome\n");
  REQUIRE(cli({"locations", "--os", "windows"}) == kExitOk);
  CHECK(cli.out.find("HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\org.pims.host") !=
        std::string::npos);
}

}  // namespace
}  // namespace pims::installer
