// pims-install's command line, parsed: the command, then its options, then which options go
// with which command. Pure: nothing here looks at the machine.
#include <initializer_list>
#include <optional>
#include <utility>

#include "cli.h"
#include "files.h"
#include "pims/build_config.h"
#include "selection.h"
#include "self_path.h"

namespace pims::installer {
namespace fs = std::filesystem;

namespace {

Status Usage(std::string message) { return Status(ErrorCode::kBadRequest, std::move(message)); }

// Sets `out` to the choice that `value` names, or says which values `option` takes:
// "--os is linux, macos or windows, not \"beos\"".
template <typename T>
Status Choose(std::string_view option, std::string_view value,
              std::initializer_list<std::pair<std::string_view, T>> choices,
              std::optional<T>& out) {
  std::string names;
  size_t i = 0;
  for (const auto& [name, choice] : choices) {
    if (name == value) {
      out = choice;
      return Status::Ok();
    }
    names += i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ";
    names += name;
    ++i;
  }
  return Usage(std::string(option) + " is " + names + ", not \"" + std::string(value) + "\"");
}

// The browser ids for --help, wrapped under the option descriptions.
std::string WrappedBrowserIds() {
  constexpr size_t kIndent = 22;
  constexpr size_t kWidth = 94;
  std::string text;
  std::string line(kIndent, ' ');
  for (const Browser& browser : AllBrowsers()) {
    const std::string word = std::string(browser.id) + ",";
    if (line.size() + 1 + word.size() > kWidth) {
      text += line + "\n";
      line = std::string(kIndent, ' ');
    }
    if (line.size() > kIndent) line += " ";
    line += word;
  }
  return text + line + " all.\n";
}

Status AddBrowsers(std::string_view list, Options& options) {
  while (!list.empty()) {
    const size_t comma = list.find(',');
    const std::string_view id = list.substr(0, comma);
    if (id == "all") {
      for (const Browser& browser : AllBrowsers()) options.browsers.emplace_back(browser.id);
    } else if (FindBrowser(id) != nullptr) {
      options.browsers.emplace_back(id);
    } else {
      return Usage("unknown browser \"" + std::string(id) + "\"; known: " + KnownBrowserIds() +
                   ", all");
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return Status::Ok();
}

Status SetPath(std::string_view value, std::optional<fs::path>& out) {
  out = fs::path(std::string(value));
  return Status::Ok();
}

Status SetFlag(bool& flag) {
  flag = true;
  return Status::Ok();
}

// An option: its name, whether it takes a value ("--scope user" or "--scope=user"), and how it
// sets its value in Options.
struct OptionSpec {
  std::string_view name;
  bool takes_value;
  Status (*apply)(std::string_view value, Options& options);
};

constexpr OptionSpec kOptionSpecs[] = {
    {"--browser", true, [](std::string_view value, Options& o) { return AddBrowsers(value, o); }},
    {"--scope", true,
     [](std::string_view value, Options& o) {
       return Choose("--scope", value, {{"user", Scope::kUser}, {"system", Scope::kSystem}},
                     o.scope);
     }},
    {"--host-path", true,
     [](std::string_view value, Options& o) { return SetPath(value, o.host_path); }},
    {"--profile-dir", true,
     [](std::string_view value, Options& o) { return SetPath(value, o.profile_dir); }},
    {"--root", true, [](std::string_view value, Options& o) { return SetPath(value, o.root); }},
    {"--family", true,
     [](std::string_view value, Options& o) {
       return Choose("--family", value,
                     {{"chromium", Family::kChromium}, {"firefox", Family::kFirefox}}, o.family);
     }},
    {"--output", true, [](std::string_view value, Options& o) { return SetPath(value, o.output); }},
    {"--os", true,
     [](std::string_view value, Options& o) {
       return Choose("--os", value,
                     {{"linux", Os::kLinux}, {"macos", Os::kMacOS}, {"windows", Os::kWindows}},
                     o.os);
     }},
    {"--found", false, [](std::string_view, Options& o) { return SetFlag(o.found_only); }},
    {"--force", false, [](std::string_view, Options& o) { return SetFlag(o.force); }},
};

const OptionSpec* FindOptionSpec(std::string_view name) {
  for (const OptionSpec& spec : kOptionSpecs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

constexpr std::pair<std::string_view, Command> kCommandWords[] = {
    {"install", Command::kInstall}, {"uninstall", Command::kUninstall},
    {"status", Command::kStatus},   {"manifest", Command::kManifest},
    {"list", Command::kList},       {"locations", Command::kLocations},
    {"-h", Command::kHelp},         {"--help", Command::kHelp},
    {"help", Command::kHelp},       {"--version", Command::kVersion},
};

// The command that the first word names.
Result<Command> ParseCommand(std::string_view word) {
  for (const auto& [name, command] : kCommandWords) {
    if (name == word) return command;
  }
  return Usage("unknown command \"" + std::string(word) + "\"");
}

// Reads the option at args[i] into options, with its value ("--opt=value", or the next word:
// then i moves past it). -h or --help sets the command to kHelp.
Status ParseOption(std::span<const std::string_view> args, size_t& i, Options& options) {
  std::string_view option = args[i];
  std::string_view value;
  bool has_value = false;
  if (const size_t eq = option.find('='); option.rfind("--", 0) == 0 && eq != option.npos) {
    value = option.substr(eq + 1);
    option = option.substr(0, eq);
    has_value = true;
  }
  if (option == "-h" || option == "--help") {
    options.command = Command::kHelp;
    return Status::Ok();
  }
  const OptionSpec* spec = FindOptionSpec(option);
  if (spec != nullptr && spec->takes_value) {
    if (!has_value) {
      if (i + 1 >= args.size()) return Usage(std::string(option) + " needs a value");
      value = args[++i];
    }
    if (value.empty()) return Usage(std::string(option) + " needs a value");
  } else if (has_value) {
    return Usage(std::string(option) + " takes no value");
  }
  if (spec == nullptr) return Usage("unknown option \"" + std::string(option) + "\"");
  return spec->apply(value, options);
}

// Options that belong to other commands are usage errors, not silently ignored.
Status CheckOptionsFitCommand(const Options& options) {
  const bool registers = options.command == Command::kInstall ||
                         options.command == Command::kUninstall ||
                         options.command == Command::kStatus;
  if (!registers && (!options.browsers.empty() || options.scope || options.profile_dir)) {
    return Usage("--browser, --scope and --profile-dir go with install, uninstall and status");
  }
  if (options.command != Command::kManifest && (options.family || options.output)) {
    return Usage("--family and --output go with the manifest command");
  }
  if (options.command == Command::kManifest && !options.family) {
    return Usage("manifest needs --family chromium or --family firefox");
  }
  if (options.command != Command::kLocations && options.os) {
    return Usage("--os goes with the locations command");
  }
  if (options.command != Command::kList && options.found_only) {
    return Usage("--found goes with the list command");
  }
  if (options.command != Command::kInstall && options.force) {
    return Usage("--force goes with install");
  }
  if (options.command == Command::kUninstall && options.host_path) {
    return Usage(
        "uninstall takes no --host-path: it removes pims's registrations wherever "
        "they point");
  }
  return Status::Ok();
}

// --profile-dir is one Chromium-family profile of the user.
Status CheckProfileDir(const Options& options) {
  if (!options.profile_dir) return Status::Ok();
  if (options.scope == Scope::kSystem) {
    return Usage("--profile-dir registers for one browser profile: it cannot be system scope");
  }
  for (const Browser* browser : NamedBrowsers(options)) {
    if (browser->family == Family::kFirefox) {
      return Usage(std::string("--profile-dir is not meaningful for ") +
                   std::string(browser->name) +
                   ": Firefox-family browsers read host manifests from "
                   "$HOME/.mozilla/native-messaging-hosts (MDN, \"Native manifests\"), not "
                   "from the profile. Run with HOME=<dir> instead, without --profile-dir.");
    }
  }
  return Status::Ok();
}

// --help: the commands.
constexpr char kUsageCommands[] =
    "Usage:\n"
    "  pims-install install   [--browser NAME]... [--scope user|system] [--host-path PATH]\n"
    "                         [--profile-dir DIR] [--force]\n"
    "  pims-install uninstall [--browser NAME]... [--scope user|system] [--profile-dir DIR]\n"
    "  pims-install status    [--browser NAME]... [--scope user|system] [--host-path PATH]\n"
    "                         [--profile-dir DIR]\n"
    "  pims-install manifest  --family chromium|firefox [--host-path PATH] [--output FILE]\n"
    "  pims-install list      [--found]\n"
    "  pims-install locations [--os linux|macos|windows]\n"
    "\n"
    "Commands:\n"
    "  install     write the host manifest where each browser reads it (Windows: and the\n"
    "              registry key). Running it again changes nothing.\n"
    "  uninstall   remove what install wrote, and only that; a manifest that is not pims's\n"
    "              is left alone. Without --browser: every known browser.\n"
    "  status      per browser: found or not, registered or not, manifest valid, host\n"
    "              present and executable.\n"
    "  manifest    print the manifest install writes (for packagers).\n"
    "  list        the browsers pims knows, tab-separated: id, family, found, name.\n"
    "  locations   where each browser reads the manifest, on this or another OS.\n"
    "\n";

// --help: the options; the browser names and the default host come from the table and the build.
std::string UsageOptions() {
  return "Options:\n"
         "  --browser NAME      a browser, or all; repeat it or separate names with commas.\n"
         "                      Default: every browser found on this machine. Names:\n" +
         WrappedBrowserIds() +
         "  --scope user|system user (default): for you, no privileges needed. system: for every\n"
         "                      user, needs root (an administrator on Windows).\n"
         "  --host-path PATH    the pims-host to register. Default: the pims-host next to\n"
         "                      pims-install, else " +
         PathToUtf8(DefaultHostPath(std::nullopt)) +
         ".\n"
         "  --profile-dir DIR   register for a Chromium-family browser started with\n"
         "                      --user-data-dir=DIR: writes "
         "DIR/NativeMessagingHosts/org.pims.host.json.\n"
         "                      Not for Firefox-family browsers, which read manifests from\n"
         "                      $HOME/.mozilla/native-messaging-hosts whatever the profile: set\n"
         "                      HOME instead. Brave and Opera ignore it (they read their default\n"
         "                      folder).\n"
         "  --root DIR          read and write system locations (/etc, /usr, /opt, /Library, ...)\n"
         "                      under DIR instead of / (tests, package staging). HOME and the\n"
         "                      XDG_* variables choose the user locations.\n"
         "  --force             install even if the host is not an executable file yet.\n"
         "  -h, --help          this text.   --version   the version.\n"
         "\n";
}

// --help: the exit codes, as kExit* in cli.h.
constexpr char kUsageExitCodes[] =
    "Exit codes:\n"
    "  0  success (status: every browser shown is registered and working)\n"
    "  1  a registration could not be written or removed, or a manifest that is not\n"
    "     pims's is in the way (install)\n"
    "  2  bad command line\n"
    "  3  status: a browser shown is not registered, or its registration is broken\n"
    "  4  no browser found, and none named with --browser\n"
    "\n"
    "Details, every location and the Flatpak/Snap story: docs/install.md.\n";

}  // namespace

std::string UsageText() {
  return std::string("pims-install ") + build::kVersion +
         ": registers pims-host, the native messaging host of pims, with your browsers.\n"
         "\n" +
         kUsageCommands + UsageOptions() + kUsageExitCodes;
}

Result<Options> ParseArgs(std::span<const std::string_view> args) {
  if (args.empty()) return Usage("no command given");
  Options options;
  PIMS_ASSIGN_OR_RETURN(options.command, ParseCommand(args[0]));
  if (options.command == Command::kHelp || options.command == Command::kVersion) return options;
  for (size_t i = 1; i < args.size(); ++i) {
    PIMS_RETURN_IF_ERROR(ParseOption(args, i, options));
    // --help anywhere wins: the rest of the line is neither read nor checked.
    if (options.command == Command::kHelp) return options;
  }
  PIMS_RETURN_IF_ERROR(CheckOptionsFitCommand(options));
  PIMS_RETURN_IF_ERROR(CheckProfileDir(options));
  return options;
}

}  // namespace pims::installer
