// pims-install's command line: parsing (pure) and running a command against a World, writing
// to the given streams. main() only gathers the process's arguments, environment and registry.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "browsers.h"
#include "install.h"
#include "manifest.h"
#include "pims/platform.h"
#include "pims/status.h"
#include "roots.h"

namespace pims::installer {

// Exit codes (also in --help and docs/install.md). Stable: scripts match on them.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;         // a registration could not be written or removed,
                                              // or something not pims's is in the way
inline constexpr int kExitUsage = 2;          // bad command line
inline constexpr int kExitNotRegistered = 3;  // status: a browser shown is not registered/broken
inline constexpr int kExitNoBrowser = 4;      // no browser found (and none named)

enum class Command { kInstall, kUninstall, kStatus, kManifest, kList, kLocations, kHelp, kVersion };

struct Options {
  Command command = Command::kHelp;
  std::vector<std::string> browsers;  // ids as given; empty: the default selection
  std::optional<Scope> scope;         // default: user (status: both)
  std::optional<std::filesystem::path> host_path;
  std::optional<std::filesystem::path> profile_dir;
  std::optional<std::filesystem::path> root;    // system root instead of "/"
  std::optional<Family> family;                 // manifest
  std::optional<std::filesystem::path> output;  // manifest: write here instead of stdout
  std::optional<Os> os;                         // locations
  bool found_only = false;                      // list
  bool force = false;                           // install even if the host is missing
};

// Parses argv[1..]. kBadRequest with a message for the user on any error. Checks everything that
// does not need the machine: known browser names, --profile-dir only with Chromium-family
// browsers and user scope, options that belong to the command.
Result<Options> ParseArgs(std::span<const std::string_view> args);

// The usage text printed by --help.
std::string UsageText();

// What Run needs from the process, injectable for tests.
struct CliContext {
  Environment env;
  Os os = CurrentOs();
  std::optional<std::filesystem::path> self_exe;  // to find the pims-host beside pims-install
  Registry* registry = nullptr;                   // Windows registry (or a fake in tests)
};

// Runs a parsed command; returns the exit code.
int Run(const Options& options, const CliContext& context, std::ostream& out, std::ostream& err);

// Parse + Run; on a parse error prints it and a hint to err and returns kExitUsage.
int Main(std::span<const std::string_view> args, const CliContext& context, std::ostream& out,
         std::ostream& err);

}  // namespace pims::installer
