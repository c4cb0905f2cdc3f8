#include "install.h"

#include <system_error>

#include "browsers.h"
#include "files.h"
#include "sandbox.h"

namespace pims::installer {
namespace fs = std::filesystem;

namespace {

Outcome Failed(const Status& status) { return {Action::kFailed, status.message()}; }

Status EnsureDir(const fs::path& dir, CreatedDirs* created) {
  if (created != nullptr) return created->Create(dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    return Status(ErrorCode::kIoError, "cannot create " + PathToUtf8(dir) + ": " + ec.message());
  }
  return Status::Ok();
}

void PruneDirs(const fs::path& dir, CreatedDirs* created) {
  if (created != nullptr) created->RemoveIfEmpty(dir);
}

std::string Describe(const ManifestCheck& check) {
  if (!check.parsed) return "it is not a JSON object";
  return "its name is \"" + check.name + "\" and its path \"" + check.path + "\"";
}

// Writes `content` at `file` unless the same bytes are there. kLeftAlone when something that
// `is_ours` rejects is in the way.
template <typename IsOurs>
Outcome WriteOwnedFile(const fs::path& file, const std::string& content, fs::perms perms,
                       CreatedDirs* created, IsOurs is_ours) {
  auto existing = ReadFile(file);
  if (!existing.ok()) return Failed(existing.status());
  Action action = Action::kCreated;
  if (existing->has_value()) {
    if (**existing == content) return {Action::kUnchanged, ""};
    std::string why;
    if (!is_ours(**existing, why)) {
      return {Action::kLeftAlone,
              PathToUtf8(file) + " was not written by pims (" + why +
                  "); left alone. Remove it yourself if it is stale, then install again."};
    }
    action = Action::kUpdated;
  }
  if (Status status = EnsureDir(file.parent_path(), created); !status.ok()) return Failed(status);
  if (Status status = WriteFileAtomically(file, content, perms); !status.ok()) {
    return Failed(status);
  }
  return {action, ""};
}

Action Combine(Action a, Action b) {
  // The most telling of two outcomes: failure, then left alone, then any change.
  for (Action worst : {Action::kFailed, Action::kLeftAlone, Action::kCreated, Action::kUpdated}) {
    if (a == worst || b == worst) return worst;
  }
  return a;
}

void Append(std::string& detail, const std::string& more) {
  if (more.empty()) return;
  if (!detail.empty()) detail += " ";
  detail += more;
}

auto ManifestOwnership(Family family) {
  return [family](const std::string& text, std::string& why) {
    const ManifestCheck check = CheckManifest(text, family);
    why = Describe(check);
    return IsOurs(check);
  };
}

bool WrapperIsOurs(const std::string& text, std::string& why) {
  why = "it is not a pims-install script";
  return ParseFlatpakWrapper(text).has_value();
}

// ---- Linux and macOS: files ----

Outcome InstallFile(const Target& target, const fs::path& host_path, CreatedDirs* created) {
  const Family family = target.browser->family;
  Outcome outcome{Action::kUnchanged, ""};
  fs::path manifest_path = host_path;
  if (target.kind == TargetKind::kFlatpak) {
    outcome = WriteOwnedFile(target.wrapper_file, RenderFlatpakWrapper(*target.browser, host_path),
                             kScriptPerms, created, WrapperIsOurs);
    if (outcome.action == Action::kFailed || outcome.action == Action::kLeftAlone) return outcome;
    manifest_path = target.wrapper_file;
  }
  Outcome manifest =
      WriteOwnedFile(target.manifest_file, RenderManifest(family, PathToUtf8(manifest_path)),
                     kManifestPerms, created, ManifestOwnership(family));
  outcome.action = Combine(outcome.action, manifest.action);
  Append(outcome.detail, manifest.detail);
  return outcome;
}

Outcome UninstallFile(const Target& target, CreatedDirs* created) {
  auto existing = ReadFile(target.manifest_file);
  if (!existing.ok()) return Failed(existing.status());
  Outcome outcome{Action::kAbsent, ""};
  if (existing->has_value()) {
    const ManifestCheck check = CheckManifest(**existing, target.browser->family);
    if (!IsOurs(check)) {
      return {Action::kLeftAlone, PathToUtf8(target.manifest_file) + " was not written by pims (" +
                                      Describe(check) + "); left alone."};
    }
    if (Status status = RemoveFile(target.manifest_file); !status.ok()) return Failed(status);
    outcome.action = Action::kRemoved;
  }
  PruneDirs(target.manifest_file.parent_path(), created);

  if (target.kind == TargetKind::kFlatpak) {
    auto wrapper = ReadFile(target.wrapper_file);
    if (!wrapper.ok()) return Failed(wrapper.status());
    if (wrapper->has_value()) {
      if (!ParseFlatpakWrapper(**wrapper)) {
        Append(outcome.detail,
               PathToUtf8(target.wrapper_file) + " is not a pims-install script; left alone.");
      } else {
        if (Status status = RemoveFile(target.wrapper_file); !status.ok()) return Failed(status);
        outcome.action = Action::kRemoved;
      }
    }
    PruneDirs(target.wrapper_file.parent_path(), created);
  }
  return outcome;
}

// ---- Windows: a manifest file named by registry keys ----

// Whether a key's value names a file that holds pims's manifest (so the key may be replaced).
bool KeyValueIsOurs(const std::string& value, Family family) {
  auto text = ReadFile(fs::path(std::u8string(value.begin(), value.end())));
  if (!text.ok() || !text->has_value()) return true;  // a dangling key: replacing it harms nobody
  return IsOurs(CheckManifest(**text, family));
}

Outcome InstallRegistry(const Target& target, const fs::path& host_path, CreatedDirs* created,
                        Registry& registry) {
  const Family family = target.browser->family;
  Outcome outcome =
      WriteOwnedFile(target.manifest_file, RenderManifest(family, PathToUtf8(host_path)),
                     kManifestPerms, created, ManifestOwnership(family));
  if (outcome.action == Action::kFailed || outcome.action == Action::kLeftAlone) return outcome;
  const std::string file = PathToUtf8(target.manifest_file);
  for (const RegistryKey& key : target.keys) {
    auto value = registry.ReadDefault(key);
    if (!value.ok()) return Failed(value.status());
    if (value->has_value() && **value == file) continue;
    if (value->has_value() && !KeyValueIsOurs(**value, family)) {
      outcome.action = Combine(outcome.action, Action::kLeftAlone);
      Append(outcome.detail,
             key.ToString() + " names " + **value + ", which is not pims's manifest; left alone.");
      continue;
    }
    if (Status status = registry.WriteDefault(key, file); !status.ok()) return Failed(status);
    outcome.action =
        Combine(outcome.action, value->has_value() ? Action::kUpdated : Action::kCreated);
  }
  return outcome;
}

Outcome UninstallRegistry(const Target& target, CreatedDirs* created, Registry& registry) {
  const Family family = target.browser->family;
  const std::string file = PathToUtf8(target.manifest_file);
  Outcome outcome{Action::kAbsent, ""};
  for (const RegistryKey& key : target.keys) {
    auto value = registry.ReadDefault(key);
    if (!value.ok()) return Failed(value.status());
    if (!value->has_value()) continue;
    if (**value != file && !KeyValueIsOurs(**value, family)) {
      Append(outcome.detail,
             key.ToString() + " names " + **value + ", which is not pims's manifest; left alone.");
      if (outcome.action == Action::kAbsent) outcome.action = Action::kLeftAlone;
      continue;
    }
    if (Status status = registry.DeleteKey(key); !status.ok()) return Failed(status);
    outcome.action = Action::kRemoved;
  }
  // The file is shared by every browser of the family: remove it once no key names it.
  const Hive hive = target.keys.empty() ? Hive::kCurrentUser : target.keys.front().hive;
  for (const Browser& browser : AllBrowsers()) {
    if (browser.family != family) continue;
    for (const std::string& path : RegistryKeyPaths(browser)) {
      auto value = registry.ReadDefault({hive, path});
      if (value.ok() && value->has_value() && **value == file) return outcome;
    }
  }
  auto existing = ReadFile(target.manifest_file);
  if (!existing.ok()) return Failed(existing.status());
  if (existing->has_value()) {
    const ManifestCheck check = CheckManifest(**existing, family);
    if (!IsOurs(check)) {
      Append(outcome.detail, file + " was not written by pims; left alone.");
      return outcome;
    }
    if (Status status = RemoveFile(target.manifest_file); !status.ok()) return Failed(status);
    if (outcome.action == Action::kLeftAlone) {
      Append(outcome.detail, "pims's unused " + file + " was removed.");
    } else {
      outcome.action = Action::kRemoved;
    }
  }
  PruneDirs(target.manifest_file.parent_path(), created);
  return outcome;
}

// ---- Inspect ----

HostState CheckHost(const fs::path& host) {
  std::error_code ec;
  if (!fs::exists(host, ec)) return HostState::kMissing;
  return IsExecutableFile(host) ? HostState::kOk : HostState::kNotExecutable;
}

void InspectManifestFile(const Target& target, Registration& reg) {
  auto text = ReadFile(reg.manifest_file);
  if (!text.ok()) {
    reg.problems.push_back(text.status().message());
    return;
  }
  if (!text->has_value()) {
    reg.problems.push_back(PathToUtf8(reg.manifest_file) + " does not exist");
    return;
  }
  reg.check = CheckManifest(**text, target.browser->family);
  for (const std::string& problem : reg.check->problems) {
    reg.problems.push_back("manifest: " + problem);
  }
  if (!reg.check->parsed || reg.check->path.empty()) return;
  reg.host_path = reg.check->path;

  if (target.kind == TargetKind::kFlatpak) {
    if (fs::path(reg.host_path) != target.wrapper_file) {
      reg.problems.push_back("manifest: path should be the script " +
                             PathToUtf8(target.wrapper_file));
    }
    auto script = ReadFile(target.wrapper_file);
    std::optional<std::string> host;
    if (script.ok() && script->has_value()) host = ParseFlatpakWrapper(**script);
    if (!host) {
      reg.problems.push_back("the Flatpak script " + PathToUtf8(target.wrapper_file) +
                             " is missing or not pims's");
      return;
    }
    if (!IsExecutableFile(target.wrapper_file)) {
      reg.problems.push_back("the Flatpak script " + PathToUtf8(target.wrapper_file) +
                             " is not executable");
    }
    reg.host_path = *host;
  }

  const fs::path host(std::u8string(reg.host_path.begin(), reg.host_path.end()));
  reg.host = CheckHost(host);
  if (reg.host == HostState::kMissing) {
    reg.problems.push_back("host " + reg.host_path + " does not exist");
  } else if (reg.host == HostState::kNotExecutable) {
    reg.problems.push_back("host " + reg.host_path + " is not an executable file");
  }
}

}  // namespace

Outcome Install(const Target& target, const fs::path& host_path, CreatedDirs* created,
                const World& world) {
  if (target.kind == TargetKind::kRegistry) {
    if (world.registry == nullptr) {
      return {Action::kFailed, "the Windows registry is not available on this system"};
    }
    return InstallRegistry(target, host_path, created, *world.registry);
  }
  return InstallFile(target, host_path, created);
}

Outcome Uninstall(const Target& target, CreatedDirs* created, const World& world) {
  if (target.kind == TargetKind::kRegistry) {
    if (world.registry == nullptr) {
      return {Action::kFailed, "the Windows registry is not available on this system"};
    }
    return UninstallRegistry(target, created, *world.registry);
  }
  return UninstallFile(target, created);
}

Registration Inspect(const Target& target, const World& world) {
  Registration reg;
  reg.manifest_file = target.manifest_file;
  if (target.kind == TargetKind::kRegistry) {
    if (world.registry == nullptr) {
      reg.problems.push_back("the Windows registry is not available on this system");
      return reg;
    }
    const std::string file = PathToUtf8(target.manifest_file);
    std::optional<std::string> named;
    for (const RegistryKey& key : target.keys) {
      auto value = world.registry->ReadDefault(key);
      if (!value.ok()) {
        reg.problems.push_back(value.status().message());
      } else if (!value->has_value()) {
        reg.problems.push_back(key.ToString() + " is not set");
      } else {
        if (!named) named = **value;
        if (**value != file) {
          reg.problems.push_back(key.ToString() + " names " + **value + ", not " + file);
        }
      }
    }
    if (!named) return reg;
    reg.present = true;
    reg.manifest_file = fs::path(std::u8string(named->begin(), named->end()));
    InspectManifestFile(target, reg);
    return reg;
  }
  std::error_code ec;
  reg.present = fs::exists(target.manifest_file, ec) || fs::is_symlink(target.manifest_file, ec);
  if (!reg.present) return reg;
  InspectManifestFile(target, reg);
  return reg;
}

}  // namespace pims::installer
