#include "self_path.h"

#include <system_error>
#include <vector>

#if defined(_WIN32)
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#elif defined(__APPLE__)
#include <mach-o/dyld.h>
#endif

#ifndef PIMS_INSTALL_BINDIR
#define PIMS_INSTALL_BINDIR "/usr/local/bin"
#endif

namespace pims::installer {
namespace fs = std::filesystem;

std::optional<fs::path> SelfExecutable() {
  std::error_code ec;
#if defined(_WIN32)
  std::vector<wchar_t> buffer(32768);
  const DWORD n = GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
  if (n == 0 || n >= buffer.size()) return std::nullopt;
  return fs::path(std::wstring(buffer.data(), n));
#elif defined(__APPLE__)
  uint32_t size = 0;
  _NSGetExecutablePath(nullptr, &size);
  std::vector<char> buffer(size + 1, '\0');
  if (_NSGetExecutablePath(buffer.data(), &size) != 0) return std::nullopt;
  fs::path path = fs::weakly_canonical(fs::path(buffer.data()), ec);
  if (ec) return std::nullopt;
  return path;
#else
  fs::path path = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return std::nullopt;
  return path;
#endif
}

fs::path HostFileName() {
#if defined(_WIN32)
  return "pims-host.exe";
#else
  return "pims-host";
#endif
}

fs::path DefaultHostPath(const std::optional<fs::path>& self_exe) {
  if (self_exe) {
    const fs::path beside = self_exe->parent_path() / HostFileName();
    std::error_code ec;
    if (fs::exists(beside, ec)) return beside;
  }
  return fs::path(PIMS_INSTALL_BINDIR) / HostFileName();
}

}  // namespace pims::installer
