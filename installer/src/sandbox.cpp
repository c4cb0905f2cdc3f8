#include "sandbox.h"

#include "files.h"

namespace pims::installer {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kWrapperMarker = "# Written by pims-install for a Flatpak browser.";
constexpr std::string_view kExecPrefix = "exec flatpak-spawn --host ";

// POSIX shell single quotes: 'it'\''s'.
std::string ShellQuote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

std::optional<std::string> ShellUnquote(std::string_view text) {
  if (text.size() < 2 || text.front() != '\'') return std::nullopt;
  std::string out;
  size_t i = 1;
  for (;;) {
    const size_t close = text.find('\'', i);
    if (close == std::string_view::npos) return std::nullopt;
    out.append(text.substr(i, close - i));
    i = close + 1;
    if (text.substr(i, 3) == "\\''") {
      out.push_back('\'');
      i += 3;
      continue;
    }
    break;
  }
  if (i != text.size()) return std::nullopt;
  return out;
}

}  // namespace

fs::path FlatpakWrapperFile(const Browser& browser, const InstallRoots& roots) {
  return FlatpakAppDir(browser, roots) / "data" / "pims" / "pims-host";
}

std::string RenderFlatpakWrapper(const Browser& browser, const fs::path& host_path) {
  std::string script = "#!/bin/sh\n";
  script += kWrapperMarker;
  script += "\n# " + std::string(browser.name) +
            " runs in a Flatpak sandbox, which cannot start pims-host itself; this asks\n"
            "# Flatpak to start it outside the sandbox. That needs, once:\n#   " +
            FlatpakOverrideCommand(browser) + "\n";
  script += std::string(kExecPrefix) + ShellQuote(PathToUtf8(host_path)) + " \"$@\"\n";
  return script;
}

std::optional<std::string> ParseFlatpakWrapper(std::string_view text) {
  if (text.find(kWrapperMarker) == std::string_view::npos) return std::nullopt;
  const size_t at = text.find(kExecPrefix);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view line = text.substr(at + kExecPrefix.size());
  line = line.substr(0, line.find('\n'));
  constexpr std::string_view kArgs = " \"$@\"";
  if (line.size() < kArgs.size() || line.substr(line.size() - kArgs.size()) != kArgs) {
    return std::nullopt;
  }
  return ShellUnquote(line.substr(0, line.size() - kArgs.size()));
}

bool FlatpakMayTalkToFlatpak(const Browser& browser, const InstallRoots& roots) {
  const std::string app(browser.flatpak_app_id);
  for (const fs::path& file : {roots.xdg_data_home / "flatpak" / "overrides" / app,
                               Join(roots.system, "var/lib/flatpak/overrides") / app}) {
    auto text = ReadFile(file);
    if (!text.ok() || !text->has_value()) continue;
    const std::string& content = **text;
    const size_t section = content.find("[Session Bus Policy]");
    if (section == std::string::npos) continue;
    const size_t next = content.find("\n[", section + 1);
    const std::string_view body = std::string_view(content).substr(
        section, next == std::string::npos ? std::string::npos : next - section);
    if (body.find("org.freedesktop.Flatpak=talk") != std::string_view::npos) return true;
  }
  return false;
}

std::string FlatpakOverrideCommand(const Browser& browser) {
  return "flatpak override --user --talk-name=org.freedesktop.Flatpak " +
         std::string(browser.flatpak_app_id);
}

std::string FlatpakAdvice(const Browser& browser, bool permission_granted) {
  std::string text = "  " + std::string(browser.name) + " from Flatpak (" +
                     std::string(browser.flatpak_app_id) +
                     ") reads manifests inside its sandbox, and the sandbox\n"
                     "  cannot run pims-host: it does not see ~/.local or /usr/bin of this "
                     "system. pims registered\n"
                     "  a small script there that asks Flatpak to start pims-host outside the "
                     "sandbox.\n";
  if (permission_granted) {
    text += "  The app may already do so (an override allows org.freedesktop.Flatpak).\n";
  } else {
    text += "  It works only after you allow it, once:\n      " + FlatpakOverrideCommand(browser) +
            "\n  Know that this lets the browser start any program as you, outside its "
            "sandbox.\n";
  }
  return text;
}

std::string SnapAdvice(const Browser& browser, const fs::path& evidence) {
  if (browser.family == Family::kFirefox) {
    return "  " + std::string(browser.name) + " from Snap (" + PathToUtf8(evidence) +
           ") starts native hosts through the desktop portal,\n"
           "  which reads the ordinary ~/.mozilla/native-messaging-hosts manifest: nothing more "
           "to do,\n"
           "  but the first connection asks you to allow it. This needs xdg-desktop-portal "
           "with the\n"
           "  WebExtensions portal (Ubuntu 22.04 and later). Elsewhere, use Firefox from a .deb "
           "or tarball.\n";
  }
  return "  " + std::string(browser.name) + " from Snap (" + PathToUtf8(evidence) +
         ") is not registered: its confinement lets it\n"
         "  start only programs inside its snap, so it cannot run pims-host from ~/.local/bin "
         "or /usr/bin.\n"
         "  Use a .deb or Flatpak build of the browser (or another browser) with pims.\n";
}

}  // namespace pims::installer
