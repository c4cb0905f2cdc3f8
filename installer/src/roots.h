// Where pims-install looks and writes: every filesystem root it uses, in one injectable struct,
// so tests (and `pims-install --root DIR`) never touch the real home, /etc or /Library.
#pragma once

#include <filesystem>
#include <string_view>

#include "pims/platform.h"
#include "pims/status.h"

namespace pims::installer {

// The operating system whose conventions apply. Tables are written for all three, so tests check
// the macOS and Windows locations on Linux too.
enum class Os { kLinux, kMacOS, kWindows };

// The OS this binary was built for.
Os CurrentOs();
std::string_view OsName(Os os);  // "linux", "macos", "windows"

// The roots every browser location is relative to. Paths are used as given (not canonicalised).
struct InstallRoots {
  // The user's home ($HOME; %USERPROFILE% on Windows).
  std::filesystem::path home;
  // Linux: $XDG_CONFIG_HOME when absolute, else home/.config (Chromium browsers read it).
  std::filesystem::path xdg_config_home;
  // Linux: $XDG_DATA_HOME when absolute, else home/.local/share.
  std::filesystem::path xdg_data_home;
  // Prefix of every absolute system location (/etc, /usr, /opt, /snap, /Library, /Applications):
  // "/" for real use, a scratch folder in tests.
  std::filesystem::path system;
  // Windows only: %LOCALAPPDATA%, %APPDATA%, %ProgramData%, %ProgramFiles%.
  std::filesystem::path local_app_data;
  std::filesystem::path roaming_app_data;
  std::filesystem::path program_data;
  std::filesystem::path program_files;
  // Tor Browser is portable: its data folder (<folder>/Browser/TorBrowser/Data/Browser) is looked
  // for in the usual places (torbrowser-launcher's, ~/tor-browser) unless this is set.
  std::filesystem::path tor_browser_data;

  // From the environment (HOME, XDG_CONFIG_HOME, XDG_DATA_HOME, USERPROFILE, LOCALAPPDATA,
  // APPDATA, ProgramData, ProgramFiles), with `system` as the system root. kIoError when the
  // home (Linux, macOS) or %LOCALAPPDATA% (Windows) cannot be found.
  static Result<InstallRoots> FromEnvironment(const Environment& env, Os os,
                                              const std::filesystem::path& system = "/");

  // Every root inside `dir` (dir/home, dir/home/.config, dir/root, ...), for tests.
  static InstallRoots Under(const std::filesystem::path& dir);

  // The roots written as a reader expects them: "~", "~/.config", "/", "%LOCALAPPDATA%", ...
  // Used to print the table of locations (pims-install locations, docs/install.md).
  static InstallRoots Symbolic(Os os);
};

// `root / rel` where rel is written with '/' ("etc/opt/chrome/native-messaging-hosts"); each
// segment is appended on its own so the result uses the platform's separator.
std::filesystem::path Join(const std::filesystem::path& root, std::string_view rel);

}  // namespace pims::installer
