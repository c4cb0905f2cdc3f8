#include "cli.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <system_error>
#include <utility>

#include "cli_commands.h"
#include "created_dirs.h"
#include "files.h"
#include "pims/build_config.h"
#include "sandbox.h"
#include "selection.h"
#include "self_path.h"
#include "targets.h"

namespace pims::installer {
namespace fs = std::filesystem;

namespace {

Result<World> MakeWorld(const Options& options, const CliContext& context) {
  World world;
  world.os = context.os;
  world.registry = context.registry;
  PIMS_ASSIGN_OR_RETURN(world.roots, InstallRoots::FromEnvironment(
                                         context.env, context.os,
                                         options.root ? Absolute(*options.root) : fs::path("/")));
  return world;
}

// ---- status ----

std::string HostStateText(HostState state) {
  switch (state) {
    case HostState::kOk:
      return "present, executable";
    case HostState::kMissing:
      return "MISSING";
    case HostState::kNotExecutable:
      return "present, NOT executable";
    case HostState::kNotChecked:
      return "not checked";
  }
  return "";
}

int RunStatus(const Options& options, const CliContext& context, const World& world,
              std::ostream& out, std::ostream& err) {
  std::vector<Scope> scopes;
  if (options.scope) {
    scopes.push_back(*options.scope);
  } else {
    scopes = {Scope::kUser, Scope::kSystem};
  }
  const std::optional<fs::path> expected_host =
      options.host_path ? std::optional<fs::path>(Absolute(*options.host_path)) : std::nullopt;

  // Default: every browser found, and every browser with a registration left somewhere.
  std::vector<Selected> selected = Select(options, world);
  if (options.browsers.empty() && !options.profile_dir) {
    for (const Browser& browser : AllBrowsers()) {
      const bool listed = std::any_of(selected.begin(), selected.end(),
                                      [&](const Selected& s) { return s.browser == &browser; });
      if (listed) continue;
      bool registered = false;
      for (Scope scope : scopes) {
        for (const Target& target : TargetsFor(browser, world.os, scope, world.roots)) {
          registered = registered || Inspect(target, world).present;
        }
      }
      if (registered) selected.push_back({&browser, Detect(browser, world.os, world.roots), false});
    }
  }
  if (selected.empty()) {
    NoBrowserFound(err);
    out << "No browser found and nothing of pims's registered.\n";
    return kExitNoBrowser;
  }

  bool all_ok = true;
  for (const Selected& s : selected) {
    out << s.browser->name << " (" << s.browser->id << "): ";
    if (s.detection.found) {
      out << "found (" << PathToUtf8(s.detection.evidence) << ")\n";
    } else if (FoundAnyCopy(s.detection)) {
      out << "found as a sandboxed copy only\n";
    } else {
      out << "not found\n";
    }
    bool any_ok = false;
    bool any_broken = false;
    for (Scope scope : scopes) {
      std::vector<Target> targets = ChosenTargets(*s.browser, scope, options, world);
      if (options.profile_dir && scope == Scope::kSystem) continue;
      if (targets.empty() && (scope == Scope::kUser || options.scope)) {
        out << "  " << ScopeName(scope) << " scope: " << NoTargetReason(*s.browser, scope) << "\n";
      }
      for (const Target& target : targets) {
        Registration reg = Inspect(target, world);
        if (reg.present && expected_host && reg.check && reg.check->parsed &&
            target.kind != TargetKind::kFlatpak && fs::path(reg.host_path) != *expected_host) {
          reg.problems.push_back("host is " + reg.host_path + ", not " +
                                 PathToUtf8(*expected_host));
        }
        // System scope is listed only when asked for or when something is there.
        if (scope == Scope::kSystem && !options.scope && !reg.present) continue;
        const std::string where =
            target.kind == TargetKind::kFlatpak
                ? "Flatpak"
                : (target.kind == TargetKind::kProfile ? "profile"
                                                       : std::string(ScopeName(scope)) + " scope");
        out << "  " << where << ": " << target.Where() << "\n";
        if (!reg.present) {
          out << "    registered: no\n";
          continue;
        }
        const bool manifest_valid = reg.check && reg.check->valid;
        out << "    registered: yes; manifest valid: " << (manifest_valid ? "yes" : "NO")
            << "; host: " << (reg.host_path.empty() ? "-" : reg.host_path) << " ("
            << HostStateText(reg.host) << ")\n";
        for (const std::string& problem : reg.problems) out << "    - " << problem << "\n";
        if (target.kind == TargetKind::kFlatpak &&
            !FlatpakMayTalkToFlatpak(*s.browser, world.roots)) {
          out << "    - the sandbox may not start pims-host yet: "
              << FlatpakOverrideCommand(*s.browser) << "\n";
        }
        if (reg.ok()) {
          any_ok = true;
        } else {
          any_broken = true;
        }
      }
    }
    fs::path snap;
    if (HasSnap(s.detection, &snap)) out << SnapAdvice(*s.browser, snap);
    if (!any_ok || any_broken) all_ok = false;
  }
  (void)context;
  return all_ok ? kExitOk : kExitNotRegistered;
}

// ---- manifest, list, locations ----

int RunManifest(const Options& options, const CliContext& context, std::ostream& out,
                std::ostream& err) {
  const fs::path host = HostPath(options, context);
  const std::string text = RenderManifest(*options.family, PathToUtf8(host));
  if (!options.output) {
    out << text;
    return kExitOk;
  }
  std::error_code ec;
  if (options.output->has_parent_path()) fs::create_directories(options.output->parent_path(), ec);
  if (Status status = WriteFileAtomically(*options.output, text, kManifestPerms); !status.ok()) {
    PrintError(err, status.message());
    return kExitFailed;
  }
  return kExitOk;
}

int RunList(const Options& options, const World& world, std::ostream& out) {
  for (const Browser& browser : AllBrowsers()) {
    const Detection detection = Detect(browser, world.os, world.roots);
    if (options.found_only && !FoundAnyCopy(detection)) continue;
    out << browser.id << "\t" << FamilyName(browser.family) << "\t"
        << (detection.found ? "found" : (FoundAnyCopy(detection) ? "sandboxed" : "not-found"))
        << "\t" << browser.name << "\n";
  }
  return kExitOk;
}

std::string Display(const fs::path& path, Os os) {
  std::string text = PathToUtf8(path);
  if (os == Os::kWindows) std::replace(text.begin(), text.end(), '/', '\\');
  // Symbolic roots "/" and "~" joined by fs::path may give "//etc": keep one slash.
  if (text.rfind("//", 0) == 0) text.erase(0, 1);
  return text;
}

int RunLocations(const Options& options, std::ostream& out) {
  const Os os = options.os.value_or(CurrentOs());
  const InstallRoots roots = InstallRoots::Symbolic(os);
  const std::string file = ManifestFileName();
  out << "Where each browser reads pims's manifest on " << OsName(os) << ":\n";
  for (const Browser& browser : AllBrowsers()) {
    out << browser.name << " (" << browser.id << ")\n";
    for (Scope scope : {Scope::kUser, Scope::kSystem}) {
      if (scope == Scope::kSystem && !browser.has_system_scope) {
        out << "  system: none (portable browser)\n";
        continue;
      }
      if (os == Os::kWindows) {
        const char* hive = scope == Scope::kUser ? "HKCU\\" : "HKLM\\";
        for (const std::string& key : RegistryKeyPaths(browser)) {
          out << "  " << ScopeName(scope) << ": " << hive << key << "\n";
        }
        out << "    = " << Display(WindowsManifestFile(browser.family, scope, roots), os) << "\n";
        continue;
      }
      const OsPlaces& places = os == Os::kMacOS ? browser.on_macos : browser.on_linux;
      for (const Place& place : scope == Scope::kUser ? places.user : places.system) {
        Place unconditional = place;
        unconditional.only_if = {};
        const auto dir = Resolve(unconditional, roots);
        if (!dir) continue;
        out << "  " << ScopeName(scope) << ": " << Display(*dir / file, os);
        if (!place.only_if.empty()) out << " (when /" << place.only_if << " exists)";
        out << "\n";
      }
    }
    if (os == Os::kLinux && !browser.flatpak_app_id.empty()) {
      out << "  flatpak: " << Display(FlatpakTarget(browser, roots).manifest_file, os) << "\n";
    }
  }
  return kExitOk;
}

}  // namespace

void PrintError(std::ostream& err, std::string_view message) {
  err << "pims-install: " << message << "\n";
}

fs::path HostPath(const Options& options, const CliContext& context) {
  return options.host_path ? Absolute(*options.host_path) : DefaultHostPath(context.self_exe);
}

int Run(const Options& options, const CliContext& context, std::ostream& out, std::ostream& err) {
  switch (options.command) {
    case Command::kHelp:
      out << UsageText();
      return kExitOk;
    case Command::kVersion:
      out << "pims-install " << build::kVersion << "\n";
      return kExitOk;
    case Command::kManifest:
      return RunManifest(options, context, out, err);
    case Command::kLocations:
      return RunLocations(options, out);
    default:
      break;
  }
  if (options.profile_dir && context.os == Os::kWindows) {
    err << "pims-install: --profile-dir does not work on Windows: Chromium there reads host "
           "manifests only through the registry, whatever --user-data-dir says.\n";
    return kExitUsage;
  }
  auto world = MakeWorld(options, context);
  if (!world.ok()) {
    PrintError(err, world.status().message());
    return kExitFailed;
  }
  if (context.os == Os::kWindows && world->registry == nullptr &&
      options.command != Command::kList) {
    err << "pims-install: the Windows registry is not available\n";
    return kExitFailed;
  }
  if (options.profile_dir) {
    for (const Browser* browser : NamedBrowsers(options)) {
      if (browser->id == "brave" || browser->id == "opera") {
        err << "pims-install: warning: " << browser->name
            << " reads host manifests from its default folder whatever --user-data-dir says; "
               "the manifest in the profile may never be read.\n";
      }
    }
  }
  switch (options.command) {
    case Command::kInstall:
      return RunInstall(options, context, *world, out, err);
    case Command::kUninstall:
      return RunUninstall(options, *world, out, err);
    case Command::kStatus:
      return RunStatus(options, context, *world, out, err);
    case Command::kList:
      return RunList(options, *world, out);
    default:
      return kExitUsage;
  }
}

int Main(std::span<const std::string_view> args, const CliContext& context, std::ostream& out,
         std::ostream& err) {
  auto options = ParseArgs(args);
  if (!options.ok()) {
    PrintError(err, options.status().message());
    err << "Try `pims-install --help`.\n";
    return kExitUsage;
  }
  return Run(*options, context, out, err);
}

}  // namespace pims::installer
