// The three operations of pims-install on one target: install (write the registration), uninstall
// (remove what install wrote, and only that) and inspect (what `status` shows).
//
// Ownership rule: a manifest is pims's when IsOurs() says so (name org.pims.host, path naming a
// pims-host). Install replaces only pims's manifests and uninstall removes only those; anything
// else at the same place is left alone and reported. Install writes nothing when the registration
// is already right, byte for byte, so running it twice changes nothing.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "created_dirs.h"
#include "manifest.h"
#include "registry.h"
#include "roots.h"
#include "targets.h"

namespace pims::installer {

// The machine the operations act on.
struct World {
  Os os = CurrentOs();
  InstallRoots roots;
  Registry* registry = nullptr;  // REQUIRES: non-null when os == Os::kWindows. Not owned.
};

enum class Action {
  kCreated,    // install: a new registration was written
  kUpdated,    // install: an older pims registration (another host path, older IDs) was replaced
  kUnchanged,  // install: already right, nothing written
  kRemoved,    // uninstall: pims's registration was removed
  kAbsent,     // uninstall: there was nothing of pims's
  kLeftAlone,  // something that is not pims's is there; not touched (see detail)
  kFailed,     // a read or write failed (see detail): typically permissions for system scope
};

struct Outcome {
  Action action;
  std::string detail;  // one or more sentences for the user; may be empty for plain successes
};

// Registers host_path for the target. created records the folders made (nullptr: do not record,
// used for --profile-dir, whose folder belongs to the caller).
// REQUIRES: host_path is absolute.
Outcome Install(const Target& target, const std::filesystem::path& host_path, CreatedDirs* created,
                const World& world);

// Removes the target's registration if it is pims's, then the folders pims created for it, once
// empty.
Outcome Uninstall(const Target& target, CreatedDirs* created, const World& world);

// The state of the host binary a manifest names.
enum class HostState { kNotChecked, kMissing, kNotExecutable, kOk };

// What is registered for a target.
struct Registration {
  bool present = false;                 // a manifest file (Windows: a key) is there
  std::filesystem::path manifest_file;  // the file read (Windows: the one the key names)
  std::optional<ManifestCheck> check;   // when the file could be read
  std::string host_path;                // the manifest's path (Flatpak: the host in the script)
  HostState host = HostState::kNotChecked;
  std::vector<std::string> problems;  // everything wrong, one sentence each

  // Registered, valid, and the host is there and executable.
  bool ok() const { return present && problems.empty(); }
};

// Reads the target's registration and checks it. Never writes.
Registration Inspect(const Target& target, const World& world);

}  // namespace pims::installer
