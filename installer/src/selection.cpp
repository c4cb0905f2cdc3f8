#include "selection.h"

#include <algorithm>
#include <utility>

#include "files.h"
#include "sandbox.h"

namespace pims::installer {
namespace fs = std::filesystem;

std::string KnownBrowserIds() {
  std::string ids;
  for (const Browser& browser : AllBrowsers()) {
    if (!ids.empty()) ids += ", ";
    ids += browser.id;
  }
  return ids;
}

std::vector<const Browser*> NamedBrowsers(const Options& options) {
  std::vector<const Browser*> named;
  for (const Browser& browser : AllBrowsers()) {
    if (std::find(options.browsers.begin(), options.browsers.end(), browser.id) !=
        options.browsers.end()) {
      named.push_back(&browser);
    }
  }
  return named;
}

bool FoundAnyCopy(const Detection& detection) {
  return detection.found || !detection.sandboxed.empty();
}

bool HasSnap(const Detection& detection, fs::path* evidence) {
  for (const SandboxedCopy& copy : detection.sandboxed) {
    if (copy.kind == SandboxedCopy::Kind::kSnap) {
      if (evidence != nullptr) *evidence = copy.evidence;
      return true;
    }
  }
  return false;
}

std::vector<Selected> Select(const Options& options, const World& world) {
  std::vector<Selected> selected;
  if (!options.browsers.empty()) {
    for (const Browser* browser : NamedBrowsers(options)) {
      selected.push_back({browser, Detect(*browser, world.os, world.roots), true});
    }
    return selected;
  }
  if (options.profile_dir) {
    const Browser* chromium = FindBrowser("chromium");
    selected.push_back({chromium, Detect(*chromium, world.os, world.roots), true});
    return selected;
  }
  for (const Browser& browser : AllBrowsers()) {
    Detection detection = Detect(browser, world.os, world.roots);
    if (FoundAnyCopy(detection)) selected.push_back({&browser, std::move(detection), false});
  }
  return selected;
}

std::vector<Target> ChosenTargets(const Browser& browser, Scope scope, const Options& options,
                                  const World& world) {
  if (options.profile_dir) return {ProfileTarget(browser, Absolute(*options.profile_dir))};
  return TargetsFor(browser, world.os, scope, world.roots);
}

std::vector<Target> InstallTargets(const Selected& s, Scope scope, const Options& options,
                                   const World& world) {
  std::vector<Target> targets = ChosenTargets(*s.browser, scope, options, world);
  if (options.profile_dir) return targets;
  const bool keep_ordinary = s.named || s.detection.found ||
                             (s.browser->family == Family::kFirefox && HasSnap(s.detection));
  if (!keep_ordinary) {
    std::erase_if(targets, [](const Target& t) { return t.kind != TargetKind::kFlatpak; });
  }
  return targets;
}

std::string NoTargetReason(const Browser& browser, Scope scope) {
  if (scope == Scope::kSystem && !browser.has_system_scope) {
    return std::string(browser.name) +
           " is a portable browser: it has no system-wide location; use --scope user.";
  }
  if (browser.id == "tor-browser") {
    return "Tor Browser was not found (looked in ~/.local/share/torbrowser/tbb/*/tor-browser*/ "
           "and ~/tor-browser*/); start it once with torbrowser-launcher, or unpack it in one of "
           "those places.";
  }
  return std::string(browser.name) + " has no location for this scope on this system.";
}

void PrintSnapAdvice(std::ostream& out, const Selected& s) {
  fs::path snap;
  if (HasSnap(s.detection, &snap)) out << SnapAdvice(*s.browser, snap);
}

int NoBrowserFound(std::ostream& err) {
  err << "pims-install: no browser found. Install one (or start it once), or name one with "
         "--browser (known: "
      << KnownBrowserIds() << ").\n";
  return kExitNoBrowser;
}

}  // namespace pims::installer
