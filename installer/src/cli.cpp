// Run and Main: hand a parsed command to its file (cli_register.cpp, cli_status.cpp), or run the
// small ones kept here: manifest, list and locations.
#include "cli.h"

#include <algorithm>
#include <string>
#include <system_error>

#include "cli_commands.h"
#include "files.h"
#include "pims/build_config.h"
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

// Windows: the registry keys of one browser and scope, and the manifest file they name.
void PrintRegistryLocations(const Browser& browser, Scope scope, const InstallRoots& roots,
                            std::ostream& out) {
  const char* hive = scope == Scope::kUser ? "HKCU\\" : "HKLM\\";
  for (const std::string& key : RegistryKeyPaths(browser)) {
    out << "  " << ScopeName(scope) << ": " << hive << key << "\n";
  }
  out << "    = " << Display(WindowsManifestFile(browser.family, scope, roots), Os::kWindows)
      << "\n";
}

// Linux, macOS: the manifest files of one browser and scope, each with its condition if any.
void PrintFileLocations(const Browser& browser, Os os, Scope scope, const InstallRoots& roots,
                        std::ostream& out) {
  const OsPlaces& places = os == Os::kMacOS ? browser.on_macos : browser.on_linux;
  for (const Place& place : scope == Scope::kUser ? places.user : places.system) {
    Place unconditional = place;
    unconditional.only_if = {};
    const auto dir = Resolve(unconditional, roots);
    if (!dir) continue;
    out << "  " << ScopeName(scope) << ": " << Display(*dir / ManifestFileName(), os);
    if (!place.only_if.empty()) out << " (when /" << place.only_if << " exists)";
    out << "\n";
  }
}

int RunLocations(const Options& options, std::ostream& out) {
  const Os os = options.os.value_or(CurrentOs());
  const InstallRoots roots = InstallRoots::Symbolic(os);
  out << "Where each browser reads pims's manifest on " << OsName(os) << ":\n";
  for (const Browser& browser : AllBrowsers()) {
    out << browser.name << " (" << browser.id << ")\n";
    for (Scope scope : {Scope::kUser, Scope::kSystem}) {
      if (scope == Scope::kSystem && !browser.has_system_scope) {
        out << "  system: none (portable browser)\n";
      } else if (os == Os::kWindows) {
        PrintRegistryLocations(browser, scope, roots, out);
      } else {
        PrintFileLocations(browser, os, scope, roots, out);
      }
    }
    if (os == Os::kLinux && !browser.flatpak_app_id.empty()) {
      out << "  flatpak: " << Display(FlatpakTarget(browser, roots).manifest_file, os) << "\n";
    }
  }
  return kExitOk;
}

// install, uninstall, status and list: the commands that look at this machine.
int RunOnMachine(const Options& options, const CliContext& context, std::ostream& out,
                 std::ostream& err) {
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
      return RunStatus(options, *world, out, err);
    case Command::kList:
      return RunList(options, *world, out);
    default:
      return kExitUsage;
  }
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
      return RunOnMachine(options, context, out, err);
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
