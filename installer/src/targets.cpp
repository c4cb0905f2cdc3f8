#include "targets.h"

#include "files.h"
#include "manifest.h"
#include "sandbox.h"

namespace pims::installer {
namespace fs = std::filesystem;

std::string Target::Label() const {
  std::string label(browser->name);
  if (kind == TargetKind::kFlatpak) label += " (Flatpak)";
  if (kind == TargetKind::kProfile) label += " (profile)";
  return label;
}

std::string Target::Where() const {
  if (kind != TargetKind::kRegistry) return PathToUtf8(manifest_file);
  std::string where;
  for (const RegistryKey& key : keys) {
    if (!where.empty()) where += ", ";
    where += key.ToString();
  }
  return where + " -> " + PathToUtf8(manifest_file);
}

std::vector<Target> TargetsFor(const Browser& browser, Os os, Scope scope,
                               const InstallRoots& roots) {
  std::vector<Target> targets;
  if (scope == Scope::kSystem && !browser.has_system_scope) return targets;
  if (os == Os::kWindows) {
    Target target{.browser = &browser, .scope = scope, .kind = TargetKind::kRegistry};
    target.manifest_file = WindowsManifestFile(browser.family, scope, roots);
    const Hive hive = scope == Scope::kUser ? Hive::kCurrentUser : Hive::kLocalMachine;
    for (const std::string& path : RegistryKeyPaths(browser)) target.keys.push_back({hive, path});
    targets.push_back(std::move(target));
    return targets;
  }
  for (const fs::path& dir : ManifestDirs(browser, os, scope, roots)) {
    targets.push_back({.browser = &browser,
                       .scope = scope,
                       .kind = TargetKind::kFile,
                       .manifest_file = dir / ManifestFileName()});
  }
  if (os == Os::kLinux && scope == Scope::kUser && !browser.flatpak_app_id.empty()) {
    const Detection detection = Detect(browser, os, roots);
    for (const SandboxedCopy& copy : detection.sandboxed) {
      if (copy.kind != SandboxedCopy::Kind::kFlatpak) continue;
      targets.push_back(FlatpakTarget(browser, roots));
    }
  }
  return targets;
}

Target FlatpakTarget(const Browser& browser, const InstallRoots& roots) {
  return {.browser = &browser,
          .scope = Scope::kUser,
          .kind = TargetKind::kFlatpak,
          .manifest_file =
              Join(FlatpakAppDir(browser, roots), browser.flatpak_rel) / ManifestFileName(),
          .wrapper_file = FlatpakWrapperFile(browser, roots)};
}

Target ProfileTarget(const Browser& browser, const fs::path& profile_dir) {
  return {.browser = &browser,
          .scope = Scope::kUser,
          .kind = TargetKind::kProfile,
          .manifest_file = profile_dir / "NativeMessagingHosts" / ManifestFileName()};
}

}  // namespace pims::installer
