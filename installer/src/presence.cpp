#include "presence.h"

#include <system_error>

#include "files.h"

namespace pims::installer {
namespace fs = std::filesystem;
namespace {

// Profile files above this size are not read (a Preferences file is some 100 KB).
constexpr std::uintmax_t kMaxProfileFile = 64u << 20;

// Whether `file` exists and is readable; `names` says whether its text holds `quoted`.
bool FileNames(const fs::path& file, std::string_view quoted, bool& names) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) > kMaxProfileFile || ec) {
    return false;
  }
  auto text = ReadFile(file);
  if (!text.ok() || !*text) return false;
  names = (*text)->find(quoted) != std::string::npos;
  return true;
}

// Each sub-folder of `dir` (the profiles), in no particular order.
template <typename Visit>
void EachSubfolder(const fs::path& dir, Visit visit) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_directory(type_ec)) visit(it->path());
  }
}

PresenceCheck InProfiles(const fs::path& profiles, std::string_view id,
                         std::initializer_list<std::string_view> files, bool firefox) {
  PresenceCheck check{Presence::kUnknown, profiles};
  const std::string quoted = "\"" + std::string(id) + "\"";
  EachSubfolder(profiles, [&](const fs::path& profile) {
    if (check.presence == Presence::kInstalled) return;
    for (std::string_view name : files) {
      bool names = false;
      if (!FileNames(profile / name, quoted, names)) continue;
      if (names) {
        check = {Presence::kInstalled, profile / name};
        return;
      }
      check.presence = Presence::kAbsent;
    }
    if (firefox) {
      std::error_code ec;
      const fs::path xpi = profile / "extensions" / (std::string(id) + ".xpi");
      if (fs::exists(xpi, ec)) check = {Presence::kInstalled, xpi};
    }
  });
  return check;
}

}  // namespace

PresenceCheck FindPims(const Browser& browser, Os os, const InstallRoots& roots,
                       std::string_view chrome_id, std::string_view gecko_id) {
  if (os == Os::kWindows) return {};
  if (browser.family == Family::kChromium) {
    const std::vector<fs::path> dirs = ManifestDirs(browser, os, Scope::kUser, roots);
    if (dirs.empty() || dirs.front().filename() != "NativeMessagingHosts") return {};
    return InProfiles(dirs.front().parent_path(), chrome_id, {"Preferences", "Secure Preferences"},
                      false);
  }
  if (browser.id != "firefox") return {};
  const fs::path profiles = os == Os::kMacOS
                                ? roots.home / "Library/Application Support/Firefox/Profiles"
                                : roots.home / ".mozilla/firefox";
  return InProfiles(profiles, gecko_id, {"extensions.json"}, true);
}

}  // namespace pims::installer
