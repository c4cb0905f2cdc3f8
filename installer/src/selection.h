// Which browsers and targets install, uninstall and status act on: the browsers named on the
// command line, else those found on this machine, and the targets of each for a scope; and what
// those commands say alike about them.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "browsers.h"
#include "cli.h"
#include "install.h"
#include "targets.h"

namespace pims::installer {

// A browser chosen for a command, with what Detect saw of it.
struct Selected {
  const Browser* browser;
  Detection detection;
  bool named;  // on the command line (else: found on this machine)
};

// The known browser ids, comma-separated in table order, for messages ("chrome, ..., tor-browser").
std::string KnownBrowserIds();

// The browsers the options name, without duplicates, in table order.
std::vector<const Browser*> NamedBrowsers(const Options& options);

// Whether any copy of the browser is there: a native one or a Flatpak or Snap.
bool FoundAnyCopy(const Detection& detection);

// Whether a Snap copy was detected; if so and evidence is not null, sets *evidence to where.
bool HasSnap(const Detection& detection, std::filesystem::path* evidence = nullptr);

// The browsers named (all of them, found or not); else, with --profile-dir, Chromium; else every
// browser with a copy found on this machine. Table order; empty when nothing is found.
std::vector<Selected> Select(const Options& options, const World& world);

// The targets of a browser for a scope: the --profile-dir target when one is given (whatever the
// scope), else TargetsFor the scope on this machine.
std::vector<Target> ChosenTargets(const Browser& browser, Scope scope, const Options& options,
                                  const World& world);

// ChosenTargets as install writes them. A browser found only as a Flatpak or Snap copy (and not
// named) gets no ordinary registration, except Firefox from Snap, whose portal reads the ordinary
// ~/.mozilla manifest.
std::vector<Target> InstallTargets(const Selected& s, Scope scope, const Options& options,
                                   const World& world);

// One sentence saying why a browser has no target for a scope (portable, not found, ...).
std::string NoTargetReason(const Browser& browser, Scope scope);

// Prints SnapAdvice when a Snap copy of the browser was detected.
void PrintSnapAdvice(std::ostream& out, const Selected& s);

// Says on err that no browser was found (and which names --browser knows); returns kExitNoBrowser.
int NoBrowserFound(std::ostream& err);

}  // namespace pims::installer
