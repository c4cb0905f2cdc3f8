// status: for each browser, whether it is on this machine; for each of its targets, whether pims
// is registered there and whether the registration works.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "cli_commands.h"
#include "files.h"
#include "sandbox.h"
#include "selection.h"
#include "targets.h"

namespace pims::installer {
namespace fs = std::filesystem;

namespace {

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

// What status looks at, worked out once from the options.
struct StatusQuery {
  const Options& options;
  std::vector<Scope> scopes;              // --scope, else user then system
  std::optional<fs::path> expected_host;  // --host-path, absolute; else any host will do
};

StatusQuery MakeStatusQuery(const Options& options) {
  StatusQuery query{.options = options};
  if (options.scope) {
    query.scopes.push_back(*options.scope);
  } else {
    query.scopes = {Scope::kUser, Scope::kSystem};
  }
  if (options.host_path) query.expected_host = Absolute(*options.host_path);
  return query;
}

// Whether something is registered for the browser at one of its targets in these scopes.
bool RegisteredSomewhere(const Browser& browser, const std::vector<Scope>& scopes,
                         const World& world) {
  for (Scope scope : scopes) {
    for (const Target& target : TargetsFor(browser, world.os, scope, world.roots)) {
      if (Inspect(target, world).present) return true;
    }
  }
  return false;
}

// The browsers Select chooses; by default also every browser with a registration left somewhere.
std::vector<Selected> SelectForStatus(const StatusQuery& query, const World& world) {
  std::vector<Selected> selected = Select(query.options, world);
  if (!query.options.browsers.empty() || query.options.profile_dir) return selected;
  for (const Browser& browser : AllBrowsers()) {
    const bool listed = std::any_of(selected.begin(), selected.end(),
                                    [&](const Selected& s) { return s.browser == &browser; });
    if (!listed && RegisteredSomewhere(browser, query.scopes, world)) {
      selected.push_back({&browser, Detect(browser, world.os, world.roots), false});
    }
  }
  return selected;
}

void PrintDetection(const Selected& s, std::ostream& out) {
  out << s.browser->name << " (" << s.browser->id << "): ";
  if (s.detection.found) {
    out << "found (" << PathToUtf8(s.detection.evidence) << ")\n";
  } else if (FoundAnyCopy(s.detection)) {
    out << "found as a sandboxed copy only\n";
  } else {
    out << "not found\n";
  }
}

// With --host-path, a registration naming another host is a problem. A Flatpak manifest names
// its wrapper script, so it is not compared.
void CheckExpectedHost(const Target& target, const std::optional<fs::path>& expected_host,
                       Registration& reg) {
  if (reg.present && expected_host && reg.check && reg.check->parsed &&
      target.kind != TargetKind::kFlatpak && fs::path(reg.host_path) != *expected_host) {
    reg.problems.push_back("host is " + reg.host_path + ", not " + PathToUtf8(*expected_host));
  }
}

// "Flatpak", "profile", or "<scope> scope".
std::string TargetLabel(const Target& target) {
  if (target.kind == TargetKind::kFlatpak) return "Flatpak";
  if (target.kind == TargetKind::kProfile) return "profile";
  return std::string(ScopeName(target.scope)) + " scope";
}

enum class TargetState { kNotRegistered, kWorking, kBroken };

// Inspects one target of a browser and prints what is registered there.
TargetState ReportTarget(const Selected& s, const Target& target, const StatusQuery& query,
                         const World& world, std::ostream& out) {
  Registration reg = Inspect(target, world);
  CheckExpectedHost(target, query.expected_host, reg);
  // System scope is listed only when asked for or when something is there.
  if (target.scope == Scope::kSystem && !query.options.scope && !reg.present) {
    return TargetState::kNotRegistered;
  }
  out << "  " << TargetLabel(target) << ": " << target.Where() << "\n";
  if (!reg.present) {
    out << "    registered: no\n";
    return TargetState::kNotRegistered;
  }
  const bool manifest_valid = reg.check && reg.check->valid;
  out << "    registered: yes; manifest valid: " << (manifest_valid ? "yes" : "NO")
      << "; host: " << (reg.host_path.empty() ? "-" : reg.host_path) << " ("
      << HostStateText(reg.host) << ")\n";
  for (const std::string& problem : reg.problems) out << "    - " << problem << "\n";
  if (target.kind == TargetKind::kFlatpak && !FlatpakMayTalkToFlatpak(*s.browser, world.roots)) {
    out << "    - the sandbox may not start pims-host yet: " << FlatpakOverrideCommand(*s.browser)
        << "\n";
  }
  return reg.ok() ? TargetState::kWorking : TargetState::kBroken;
}

// Prints one browser and each of its targets in the scopes asked about. True when a registration
// works and none is broken.
bool ReportBrowser(const Selected& s, const StatusQuery& query, const World& world,
                   std::ostream& out) {
  PrintDetection(s, out);
  bool any_ok = false;
  bool any_broken = false;
  for (Scope scope : query.scopes) {
    if (query.options.profile_dir && scope == Scope::kSystem) continue;
    const std::vector<Target> targets = ChosenTargets(*s.browser, scope, query.options, world);
    if (targets.empty() && (scope == Scope::kUser || query.options.scope)) {
      out << "  " << ScopeName(scope) << " scope: " << NoTargetReason(*s.browser, scope) << "\n";
    }
    for (const Target& target : targets) {
      const TargetState state = ReportTarget(s, target, query, world, out);
      any_ok = any_ok || state == TargetState::kWorking;
      any_broken = any_broken || state == TargetState::kBroken;
    }
  }
  PrintSnapAdvice(out, s);
  return any_ok && !any_broken;
}

}  // namespace

int RunStatus(const Options& options, const World& world, std::ostream& out, std::ostream& err) {
  const StatusQuery query = MakeStatusQuery(options);
  const std::vector<Selected> selected = SelectForStatus(query, world);
  if (selected.empty()) {
    NoBrowserFound(err);
    out << "No browser found and nothing of pims's registered.\n";
    return kExitNoBrowser;
  }
  bool all_ok = true;
  for (const Selected& s : selected) {
    if (!ReportBrowser(s, query, world, out)) all_ok = false;
  }
  return all_ok ? kExitOk : kExitNotRegistered;
}

}  // namespace pims::installer
