// Install and uninstall against scratch roots (installer/src/install.h): every browser and scope
// writes the right file with the right contents; a second install changes nothing; uninstall
// leaves nothing of pims's and touches nothing else.
#include "install.h"

#include <catch2/catch.hpp>

#include "browsers.h"
#include "created_dirs.h"
#include "files.h"
#include "sandbox.h"
#include "targets.h"
#include "test_support.h"

namespace pims::installer {
namespace {

namespace fs = std::filesystem;
using testing::ReadText;
using testing::ScratchDir;
using testing::Snapshot;
using testing::TakeSnapshot;
using testing::WriteText;

// A scratch machine: roots under a scratch folder, a stand-in pims-host, a Tor Browser unpacked
// where torbrowser-launcher puts it.
struct Machine {
  ScratchDir scratch;
  World world;
  fs::path host;

  explicit Machine(Os os = Os::kLinux) {
    world.os = os;
    world.roots = InstallRoots::Under(scratch.path());
    host = scratch.path() / "opt" / "pims" / "bin" / "pims-host";
    testing::MakeExecutable(host);
    fs::create_directories(world.roots.xdg_data_home /
                           "torbrowser/tbb/x86_64/tor-browser/Browser/TorBrowser/Data/Browser");
  }

  CreatedDirs Record(Scope scope) const {
    return CreatedDirs::Load(CreatedDirsRecordFile(world.os, scope == Scope::kSystem, world.roots))
        .value();
  }

  std::vector<Outcome> InstallAll(const std::vector<Target>& targets, Scope scope) {
    CreatedDirs record = Record(scope);
    std::vector<Outcome> outcomes;
    for (const Target& target : targets) outcomes.push_back(Install(target, host, &record, world));
    REQUIRE(record.Save().ok());
    return outcomes;
  }

  std::vector<Outcome> UninstallAll(const std::vector<Target>& targets, Scope scope) {
    CreatedDirs record = Record(scope);
    std::vector<Outcome> outcomes;
    for (const Target& target : targets) outcomes.push_back(Uninstall(target, &record, world));
    REQUIRE(record.Save().ok());
    return outcomes;
  }

  Snapshot Tree() const { return TakeSnapshot(scratch.path(), /*with_times=*/true); }
};

std::string ActionName(Action action) {
  switch (action) {
    case Action::kCreated:
      return "created";
    case Action::kUpdated:
      return "updated";
    case Action::kUnchanged:
      return "unchanged";
    case Action::kRemoved:
      return "removed";
    case Action::kAbsent:
      return "absent";
    case Action::kLeftAlone:
      return "left alone";
    case Action::kFailed:
      return "failed";
  }
  return "?";
}

TEST_CASE("every browser and scope on Linux: install, re-install, uninstall") {
  for (const Browser& browser : AllBrowsers()) {
    for (Scope scope : {Scope::kUser, Scope::kSystem}) {
      DYNAMIC_SECTION(browser.id << " " << ScopeName(scope)) {
        Machine machine;
        const Snapshot before = machine.Tree();
        const std::vector<Target> targets =
            TargetsFor(browser, Os::kLinux, scope, machine.world.roots);
        if (scope == Scope::kSystem && !browser.has_system_scope) {
          CHECK(targets.empty());
          continue;
        }
        REQUIRE(targets.size() == 1);
        const Target& target = targets[0];
        const fs::path base =
            scope == Scope::kUser ? machine.world.roots.home : machine.world.roots.system;
        // Everything goes under the injected roots, never the real home or /etc.
        CHECK(target.manifest_file.string().rfind(base.string(), 0) == 0);
        CHECK(target.manifest_file.filename() == "org.pims.host.json");

        for (const Outcome& outcome : machine.InstallAll(targets, scope)) {
          INFO(outcome.detail);
          CHECK(ActionName(outcome.action) == "created");
        }
        const std::string text = ReadText(target.manifest_file);
        CHECK(text == RenderManifest(browser.family, machine.host.string()));
        const ManifestCheck check = CheckManifest(text, browser.family);
        CHECK(check.valid);
        CHECK(check.path == machine.host.string());
        CHECK((fs::status(target.manifest_file).permissions() & fs::perms::all) == kManifestPerms);
        const Registration reg = Inspect(target, machine.world);
        CHECK(reg.ok());
        CHECK(reg.host == HostState::kOk);

        const Snapshot installed = machine.Tree();
        for (const Outcome& outcome : machine.InstallAll(targets, scope)) {
          CHECK(ActionName(outcome.action) == "unchanged");
        }
        CHECK(machine.Tree() == installed);  // same bytes, same times: nothing written

        for (const Outcome& outcome : machine.UninstallAll(targets, scope)) {
          CHECK(ActionName(outcome.action) == "removed");
        }
        CHECK(machine.Tree() == before);
        for (const Outcome& outcome : machine.UninstallAll(targets, scope)) {
          CHECK(ActionName(outcome.action) == "absent");
        }
      }
    }
  }
}

TEST_CASE("uninstall keeps folders and files that were there before pims") {
  Machine machine;
  const InstallRoots& roots = machine.world.roots;
  WriteText(roots.xdg_config_home / "chromium/NativeMessagingHosts/com.other.host.json", "{}");
  fs::create_directories(roots.home / ".mozilla/native-messaging-hosts");  // empty, not ours
  WriteText(roots.xdg_data_home / "notes.txt", "mine");
  const Snapshot before = machine.Tree();

  std::vector<Target> targets;
  for (const char* id : {"chromium", "firefox", "brave"}) {
    for (const Target& t : TargetsFor(*FindBrowser(id), Os::kLinux, Scope::kUser, roots)) {
      targets.push_back(t);
    }
  }
  machine.InstallAll(targets, Scope::kUser);
  CHECK(fs::exists(roots.xdg_config_home / "chromium/NativeMessagingHosts/org.pims.host.json"));
  CHECK(fs::exists(roots.xdg_data_home / "pims-install/created-dirs.json"));
  machine.UninstallAll(targets, Scope::kUser);
  CHECK(machine.Tree() == before);
  CHECK(fs::is_directory(roots.home / ".mozilla/native-messaging-hosts"));
}

TEST_CASE("a manifest that is not pims's is left alone by install and uninstall") {
  Machine machine;
  const Target target =
      TargetsFor(*FindBrowser("chromium"), Os::kLinux, Scope::kUser, machine.world.roots)[0];
  const std::string foreign_name =
      R"({"name": "com.example.other", "path": "/usr/bin/pims-host", "type": "stdio"})";
  const std::string foreign_path =
      R"({"name": "org.pims.host", "path": "/usr/bin/not-pims", "type": "stdio"})";
  for (const std::string& foreign : {foreign_name, foreign_path, std::string("garbage")}) {
    INFO(foreign);
    WriteText(target.manifest_file, foreign);
    const Snapshot before = machine.Tree();
    auto installed = machine.InstallAll({target}, Scope::kUser);
    CHECK(ActionName(installed[0].action) == "left alone");
    CHECK(installed[0].detail.find("not written by pims") != std::string::npos);
    auto removed = machine.UninstallAll({target}, Scope::kUser);
    CHECK(ActionName(removed[0].action) == "left alone");
    CHECK(ReadText(target.manifest_file) == foreign);
    CHECK(machine.Tree() == before);
  }
}

TEST_CASE("an older pims registration is updated in place") {
  Machine machine;
  const Target target =
      TargetsFor(*FindBrowser("firefox"), Os::kLinux, Scope::kUser, machine.world.roots)[0];
  WriteText(target.manifest_file, RenderManifest(Family::kFirefox, "/old/prefix/bin/pims-host"));
  auto outcomes = machine.InstallAll({target}, Scope::kUser);
  CHECK(ActionName(outcomes[0].action) == "updated");
  CHECK(ReadText(target.manifest_file) == RenderManifest(Family::kFirefox, machine.host.string()));
}

TEST_CASE("a write that fails is reported, not thrown") {
  Machine machine;
  WriteText(machine.world.roots.system / "etc", "a file where a folder should be");
  const Target target =
      TargetsFor(*FindBrowser("chromium"), Os::kLinux, Scope::kSystem, machine.world.roots)[0];
  auto outcomes = machine.InstallAll({target}, Scope::kSystem);
  CHECK(ActionName(outcomes[0].action) == "failed");
  CHECK(outcomes[0].detail.find("cannot create") != std::string::npos);
}

TEST_CASE("a Flatpak browser gets a manifest in its sandbox naming a wrapper script") {
  Machine machine;
  const InstallRoots& roots = machine.world.roots;
  const Browser& chromium = *FindBrowser("chromium");
  fs::create_directories(roots.home / ".var/app/org.chromium.Chromium");
  const Snapshot before = machine.Tree();
  auto targets = TargetsFor(chromium, Os::kLinux, Scope::kUser, roots);
  REQUIRE(targets.size() == 2);
  const Target& flatpak = targets[1];
  REQUIRE(flatpak.kind == TargetKind::kFlatpak);

  machine.InstallAll({flatpak}, Scope::kUser);
  const ManifestCheck check = CheckManifest(ReadText(flatpak.manifest_file), Family::kChromium);
  CHECK(check.valid);
  CHECK(check.path == flatpak.wrapper_file.string());
  const std::string script = ReadText(flatpak.wrapper_file);
  CHECK(script.rfind("#!/bin/sh\n", 0) == 0);
  CHECK(script.find("flatpak-spawn --host") != std::string::npos);
  CHECK(ParseFlatpakWrapper(script) == machine.host.string());
  CHECK(IsExecutableFile(flatpak.wrapper_file));
  const Registration reg = Inspect(flatpak, machine.world);
  CHECK(reg.ok());
  CHECK(reg.host_path == machine.host.string());
  CHECK_FALSE(FlatpakMayTalkToFlatpak(chromium, roots));
  WriteText(roots.xdg_data_home / "flatpak/overrides/org.chromium.Chromium",
            "[Session Bus Policy]\norg.freedesktop.Flatpak=talk\n");
  CHECK(FlatpakMayTalkToFlatpak(chromium, roots));
  fs::remove(roots.xdg_data_home / "flatpak/overrides/org.chromium.Chromium");
  fs::remove(roots.xdg_data_home / "flatpak/overrides");
  fs::remove(roots.xdg_data_home / "flatpak");

  auto removed = machine.UninstallAll({flatpak}, Scope::kUser);
  CHECK(ActionName(removed[0].action) == "removed");
  CHECK(machine.Tree() == before);
}

TEST_CASE("a Flatpak wrapper survives quotes in the host path") {
  const Browser& firefox = *FindBrowser("firefox");
  const std::string path = "/home/o'brien/my pims/bin/pims-host";
  const std::string script = RenderFlatpakWrapper(firefox, path);
  CHECK(ParseFlatpakWrapper(script) == path);
  CHECK(script.find("'/home/o'\\''brien/my pims/bin/pims-host' \"$@\"") != std::string::npos);
  CHECK_FALSE(ParseFlatpakWrapper("#!/bin/sh\nexec /usr/bin/pims-host \"$@\"\n"));
}

TEST_CASE("a profile folder (--profile-dir) gets <dir>/NativeMessagingHosts, recorded nowhere") {
  Machine machine;
  const fs::path profile = machine.scratch.path() / "udd";
  const Target target = ProfileTarget(*FindBrowser("chromium"), profile);
  CHECK(target.manifest_file == profile / "NativeMessagingHosts/org.pims.host.json");
  CHECK(ActionName(Install(target, machine.host, nullptr, machine.world).action) == "created");
  CHECK(CheckManifest(ReadText(target.manifest_file), Family::kChromium).valid);
  CHECK_FALSE(fs::exists(machine.world.roots.xdg_data_home / "pims-install"));
  CHECK(ActionName(Uninstall(target, nullptr, machine.world).action) == "removed");
  CHECK_FALSE(fs::exists(target.manifest_file));
}

// ---- Windows, with an in-memory registry ----

TEST_CASE("Windows: install writes the family's manifest file and sets every key") {
  Machine machine(Os::kWindows);
  testing::FakeRegistry registry;
  machine.world.registry = &registry;
  const InstallRoots& roots = machine.world.roots;
  const Snapshot before = machine.Tree();

  auto chrome = TargetsFor(*FindBrowser("chrome"), Os::kWindows, Scope::kUser, roots);
  auto brave = TargetsFor(*FindBrowser("brave"), Os::kWindows, Scope::kUser, roots);
  const fs::path file =
      roots.local_app_data / "pims/NativeMessagingHosts/org.pims.host.chromium.json";
  REQUIRE(chrome[0].manifest_file == file);

  CHECK(ActionName(machine.InstallAll(chrome, Scope::kUser)[0].action) == "created");
  CHECK(
      registry.values ==
      std::map<std::string, std::string>{
          {"HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\org.pims.host", file.string()}});
  CHECK(CheckManifest(ReadText(file), Family::kChromium).valid);
  CHECK(Inspect(chrome[0], machine.world).ok());

  const int writes = registry.writes;
  const Snapshot installed = machine.Tree();
  CHECK(ActionName(machine.InstallAll(chrome, Scope::kUser)[0].action) == "unchanged");
  CHECK(registry.writes == writes);
  CHECK(machine.Tree() == installed);

  CHECK(ActionName(machine.InstallAll(brave, Scope::kUser)[0].action) == "created");
  CHECK(registry.values.size() == 2);
  CHECK(registry.values.at(
            "HKCU\\Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts\\org.pims.host") ==
        file.string());

  // Brave shares Chrome's key: uninstalling Brave removes both keys, then the unused file.
  CHECK(ActionName(machine.UninstallAll(brave, Scope::kUser)[0].action) == "removed");
  CHECK(registry.values.empty());
  CHECK(machine.Tree() == before);
}

TEST_CASE("Windows: a key naming another program's manifest is left alone") {
  Machine machine(Os::kWindows);
  testing::FakeRegistry registry;
  machine.world.registry = &registry;
  const fs::path other = machine.scratch.path() / "other.json";
  WriteText(other, R"({"name": "org.pims.host", "path": "C:\\evil.exe", "type": "stdio"})");
  const std::string key = "HKCU\\Software\\Mozilla\\NativeMessagingHosts\\org.pims.host";
  registry.values[key] = other.string();

  auto firefox =
      TargetsFor(*FindBrowser("firefox"), Os::kWindows, Scope::kUser, machine.world.roots);
  CHECK(ActionName(machine.InstallAll(firefox, Scope::kUser)[0].action) == "left alone");
  CHECK(registry.values.at(key) == other.string());
  CHECK_FALSE(Inspect(firefox[0], machine.world).ok());
  CHECK(ActionName(machine.UninstallAll(firefox, Scope::kUser)[0].action) == "left alone");
  CHECK(registry.values.at(key) == other.string());
  CHECK(fs::exists(other));
}

TEST_CASE("Windows: system scope uses HKLM and %ProgramData%") {
  Machine machine(Os::kWindows);
  testing::FakeRegistry registry;
  machine.world.registry = &registry;
  auto edge = TargetsFor(*FindBrowser("edge"), Os::kWindows, Scope::kSystem, machine.world.roots);
  CHECK(ActionName(machine.InstallAll(edge, Scope::kSystem)[0].action) == "created");
  const fs::path file =
      machine.world.roots.program_data / "pims/NativeMessagingHosts/org.pims.host.chromium.json";
  CHECK(
      registry.values.at("HKLM\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\org.pims.host") ==
      file.string());
  CHECK(fs::exists(file));
  CHECK(ActionName(machine.UninstallAll(edge, Scope::kSystem)[0].action) == "removed");
  CHECK_FALSE(fs::exists(file));
}

}  // namespace
}  // namespace pims::installer
