#include "roots.h"

#include <optional>
#include <string>

namespace pims::installer {
namespace fs = std::filesystem;

Os CurrentOs() {
#if defined(_WIN32)
  return Os::kWindows;
#elif defined(__APPLE__)
  return Os::kMacOS;
#else
  return Os::kLinux;
#endif
}

std::string_view OsName(Os os) {
  switch (os) {
    case Os::kLinux:
      return "linux";
    case Os::kMacOS:
      return "macos";
    case Os::kWindows:
      return "windows";
  }
  return "linux";
}

fs::path Join(const fs::path& root, std::string_view rel) {
  fs::path out = root;
  while (!rel.empty()) {
    const size_t slash = rel.find('/');
    const std::string_view part = rel.substr(0, slash);
    if (!part.empty()) out /= fs::path(std::string(part));
    if (slash == std::string_view::npos) break;
    rel.remove_prefix(slash + 1);
  }
  return out;
}

namespace {

std::optional<fs::path> AbsoluteVar(const Environment& env, std::string_view name) {
  auto value = env.get(name);
  if (!value) return std::nullopt;
  fs::path path(*value);
  if (!path.is_absolute()) return std::nullopt;
  return path;
}

}  // namespace

Result<InstallRoots> InstallRoots::FromEnvironment(const Environment& env, Os os,
                                                   const fs::path& system) {
  InstallRoots roots;
  roots.system = system;
  if (os == Os::kWindows) {
    auto profile = AbsoluteVar(env, "USERPROFILE");
    auto local = AbsoluteVar(env, "LOCALAPPDATA");
    if (!local) {
      return Status(ErrorCode::kIoError, "LOCALAPPDATA is not set: cannot find the user's folders");
    }
    roots.home = profile.value_or(local->parent_path().parent_path());
    roots.local_app_data = *local;
    roots.roaming_app_data =
        AbsoluteVar(env, "APPDATA").value_or(roots.home / "AppData" / "Roaming");
    roots.program_data = AbsoluteVar(env, "ProgramData").value_or(system / "ProgramData");
    roots.program_files = AbsoluteVar(env, "ProgramFiles").value_or(system / "Program Files");
    return roots;
  }
  auto home = AbsoluteVar(env, "HOME");
  if (!home) return Status(ErrorCode::kIoError, "HOME is not set: cannot find the user's folders");
  roots.home = *home;
  roots.xdg_config_home = AbsoluteVar(env, "XDG_CONFIG_HOME").value_or(*home / ".config");
  roots.xdg_data_home = AbsoluteVar(env, "XDG_DATA_HOME").value_or(*home / ".local" / "share");
  return roots;
}

InstallRoots InstallRoots::Under(const fs::path& dir) {
  InstallRoots roots;
  roots.home = dir / "home";
  roots.xdg_config_home = roots.home / ".config";
  roots.xdg_data_home = roots.home / ".local" / "share";
  roots.system = dir / "root";
  roots.local_app_data = roots.home / "AppData" / "Local";
  roots.roaming_app_data = roots.home / "AppData" / "Roaming";
  roots.program_data = dir / "root" / "ProgramData";
  roots.program_files = dir / "root" / "Program Files";
  return roots;
}

InstallRoots InstallRoots::Symbolic(Os os) {
  InstallRoots roots;
  if (os == Os::kWindows) {
    roots.home = "%USERPROFILE%";
    roots.local_app_data = "%LOCALAPPDATA%";
    roots.roaming_app_data = "%APPDATA%";
    roots.program_data = "%ProgramData%";
    roots.program_files = "%ProgramFiles%";
    roots.system = "C:";
    return roots;
  }
  roots.home = "~";
  roots.xdg_config_home = "~/.config";
  roots.xdg_data_home = "~/.local/share";
  roots.system = "/";
  roots.tor_browser_data = "<Tor Browser folder>/Browser/TorBrowser/Data/Browser";
  return roots;
}

}  // namespace pims::installer
