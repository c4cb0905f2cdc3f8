// install and uninstall: for each selected browser, write (or remove) its registrations and say
// what became of each.
#include <algorithm>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "cli_commands.h"
#include "created_dirs.h"
#include "files.h"
#include "pims/build_config.h"
#include "presence.h"
#include "sandbox.h"
#include "selection.h"
#include "targets.h"

namespace pims::installer {
namespace fs = std::filesystem;

namespace {

std::string ActionText(Action action) {
  switch (action) {
    case Action::kCreated:
      return "registered";
    case Action::kUpdated:
      return "registration updated";
    case Action::kUnchanged:
      return "already registered";
    case Action::kRemoved:
      return "unregistered";
    case Action::kAbsent:
      return "nothing to remove";
    case Action::kLeftAlone:
      return "NOT changed";
    case Action::kFailed:
      return "FAILED";
  }
  return "";
}

void PrintOutcome(std::ostream& out, const Target& target, const Outcome& outcome) {
  out << "  " << target.Label() << ": " << ActionText(outcome.action) << " (" << target.Where()
      << ")\n";
  if (!outcome.detail.empty()) out << "    " << outcome.detail << "\n";
}

void PrintSandboxAdvice(std::ostream& out, const Selected& s, const std::vector<Target>& targets,
                        const World& world) {
  for (const Target& target : targets) {
    if (target.kind == TargetKind::kFlatpak) {
      out << FlatpakAdvice(*s.browser, FlatpakMayTalkToFlatpak(*s.browser, world.roots));
    }
  }
  PrintSnapAdvice(out, s);
}

// Reads the record of the folders pims-install created for this scope (so that uninstall removes
// only those) into `record`, unless --profile-dir names the folder. False, after saying why on
// err, when the record cannot be read.
bool LoadCreatedDirs(const Options& options, Scope scope, const World& world, std::ostream& err,
                     std::optional<CreatedDirs>& record) {
  if (options.profile_dir) return true;
  auto loaded =
      CreatedDirs::Load(CreatedDirsRecordFile(world.os, scope == Scope::kSystem, world.roots));
  if (!loaded.ok()) {
    PrintError(err, loaded.status().message());
    return false;
  }
  record = std::move(loaded).value();
  return true;
}

// Saves the record of created folders, if there is one. False, after saying why on err, when it
// cannot be written.
bool SaveCreatedDirs(std::optional<CreatedDirs>& record, std::ostream& err) {
  if (!record) return true;
  if (Status status = record->Save(); !status.ok()) {
    PrintError(err, status.message());
    return false;
  }
  return true;
}

// One install or uninstall over the selected browsers: what each browser's part needs, and the
// tally.
struct Pass {
  const Options& options;
  const World& world;
  Scope scope;
  CreatedDirs* record;  // nullptr: folders are not recorded (--profile-dir)
  std::ostream& out;
  bool failed = false;
  int done = 0;  // registrations in place (install) or removed (uninstall)
};

// Whether install may go on with host. False, after saying why on err, when it is not an
// executable file, unless --force (then a warning).
bool HostUsable(const fs::path& host, bool force, std::ostream& err) {
  if (IsExecutableFile(host)) return true;
  if (!force) {
    err << "pims-install: " << PathToUtf8(host)
        << " is not an executable file. Build or install pims-host first, or name it with "
           "--host-path (--force registers it anyway).\n";
    return false;
  }
  err << "pims-install: warning: " << PathToUtf8(host) << " is not an executable file yet.\n";
  return true;
}

// Whether install should leave out a browser it was not asked for by name: one whose profiles
// show that pims is not installed in it (presence.h). A host manifest there would only name
// pims' IDs for another extension to present.
bool PimsNotInstalled(const Selected& s, const Pass& pass) {
  if (s.named || pass.options.profile_dir || pass.scope != Scope::kUser) return false;
  const PresenceCheck check = FindPims(*s.browser, pass.world.os, pass.world.roots,
                                       build::kChromeExtensionId, build::kGeckoExtensionId);
  if (check.presence != Presence::kAbsent) return false;
  pass.out << "  " << s.browser->name << ": pims is not installed in it (no profile in "
           << PathToUtf8(check.evidence)
           << " names pims' ID); not registered. Install the pims extension there and run "
              "pims-install again, or name the browser with --browser to register anyway.\n";
  return true;
}

// Registers host at every install target of one browser, then advises on its sandboxed copies.
void InstallBrowser(const Selected& s, const fs::path& host, Pass& pass) {
  if (PimsNotInstalled(s, pass)) return;
  const std::vector<Target> targets = InstallTargets(s, pass.scope, pass.options, pass.world);
  if (s.named && !pass.options.profile_dir && !FoundAnyCopy(s.detection) && !targets.empty()) {
    pass.out << "  " << s.browser->name << ": not found on this machine; registering anyway\n";
  }
  if (targets.empty() && (s.named || s.detection.found)) {
    pass.out << "  " << s.browser->name << ": " << NoTargetReason(*s.browser, pass.scope) << "\n";
    pass.failed = pass.failed || s.named;
  }
  for (const Target& target : targets) {
    const Outcome outcome = Install(target, host, pass.record, pass.world);
    PrintOutcome(pass.out, target, outcome);
    if (outcome.action == Action::kFailed || outcome.action == Action::kLeftAlone) {
      pass.failed = true;
    } else {
      ++pass.done;
    }
  }
  if (!pass.options.profile_dir) PrintSandboxAdvice(pass.out, s, targets, pass.world);
}

// Uninstall looks everywhere by default: a browser removed since install still has our file.
Options EveryBrowserUnlessNamed(const Options& options) {
  Options everywhere = options;
  if (everywhere.browsers.empty() && !everywhere.profile_dir) {
    for (const Browser& browser : AllBrowsers()) everywhere.browsers.emplace_back(browser.id);
  }
  return everywhere;
}

// Adds the browser's Flatpak target when TargetsFor no longer lists it: a Flatpak uninstalled
// since may have left its folder, and our manifest in it.
void AddLeftoverFlatpak(const Browser& browser, const Pass& pass, std::vector<Target>& targets) {
  if (pass.world.os != Os::kLinux || pass.scope != Scope::kUser || pass.options.profile_dir ||
      browser.flatpak_app_id.empty()) {
    return;
  }
  const bool listed = std::any_of(targets.begin(), targets.end(),
                                  [](const Target& t) { return t.kind == TargetKind::kFlatpak; });
  std::error_code ec;
  if (!listed && fs::exists(FlatpakAppDir(browser, pass.world.roots), ec)) {
    targets.push_back(FlatpakTarget(browser, pass.world.roots));
  }
}

// Removes pims's registration from every target of one browser; says nothing of a target that
// had none.
void UninstallBrowser(const Selected& s, Pass& pass) {
  std::vector<Target> targets = ChosenTargets(*s.browser, pass.scope, pass.options, pass.world);
  AddLeftoverFlatpak(*s.browser, pass, targets);
  for (const Target& target : targets) {
    const Outcome outcome = Uninstall(target, pass.record, pass.world);
    if (outcome.action == Action::kAbsent && outcome.detail.empty()) continue;
    PrintOutcome(pass.out, target, outcome);
    if (outcome.action == Action::kFailed) pass.failed = true;
    if (outcome.action == Action::kRemoved) ++pass.done;
  }
}

}  // namespace

int RunInstall(const Options& options, const CliContext& context, const World& world,
               std::ostream& out, std::ostream& err) {
  const fs::path host = HostPath(options, context);
  if (!HostUsable(host, options.force, err)) return kExitFailed;
  const Scope scope = options.scope.value_or(Scope::kUser);
  const std::vector<Selected> selected = Select(options, world);
  if (selected.empty()) return NoBrowserFound(err);

  std::optional<CreatedDirs> record;
  if (!LoadCreatedDirs(options, scope, world, err, record)) return kExitFailed;

  out << "Registering " << PathToUtf8(host) << " (" << ScopeName(scope) << " scope):\n";
  Pass pass{.options = options,
            .world = world,
            .scope = scope,
            .record = record ? &*record : nullptr,
            .out = out};
  for (const Selected& s : selected) InstallBrowser(s, host, pass);
  if (!SaveCreatedDirs(record, err)) pass.failed = true;
  out << (pass.failed ? "Some registrations failed (see above).\n"
                      : "Done: " + std::to_string(pass.done) + " registration(s) in place.\n");
  return pass.failed ? kExitFailed : kExitOk;
}

int RunUninstall(const Options& options, const World& world, std::ostream& out, std::ostream& err) {
  const Scope scope = options.scope.value_or(Scope::kUser);
  std::optional<CreatedDirs> record;
  if (!LoadCreatedDirs(options, scope, world, err, record)) return kExitFailed;
  out << "Unregistering pims (" << ScopeName(scope) << " scope):\n";
  Pass pass{.options = options,
            .world = world,
            .scope = scope,
            .record = record ? &*record : nullptr,
            .out = out};
  for (const Selected& s : Select(EveryBrowserUnlessNamed(options), world)) {
    UninstallBrowser(s, pass);
  }
  if (!SaveCreatedDirs(record, err)) pass.failed = true;
  if (pass.done == 0 && !pass.failed) out << "  nothing of pims's was registered\n";
  out << (pass.failed ? "Some registrations could not be removed (see above).\n"
                      : "Done: " + std::to_string(pass.done) + " registration(s) removed.\n");
  return pass.failed ? kExitFailed : kExitOk;
}

}  // namespace pims::installer
