// The real Windows registry. Compiled everywhere, but the Win32 code only on Windows; elsewhere
// OpenSystemRegistry() returns nullptr. Not built or run on the Linux CI: see docs/install.md.
#include "registry.h"

#ifdef _WIN32
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

#include <vector>
#endif

namespace pims::installer {

std::string RegistryKey::ToString() const {
  return std::string(hive == Hive::kCurrentUser ? "HKCU\\" : "HKLM\\") + path;
}

#ifdef _WIN32
namespace {

std::wstring Widen(const std::string& utf8) {
  if (utf8.empty()) return {};
  const int n =
      MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
  std::wstring wide(static_cast<size_t>(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), wide.data(), n);
  return wide;
}

std::string Narrow(const std::wstring& wide) {
  if (wide.empty()) return {};
  const int n = WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()), nullptr,
                                    0, nullptr, nullptr);
  std::string utf8(static_cast<size_t>(n), '\0');
  WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()), utf8.data(), n,
                      nullptr, nullptr);
  return utf8;
}

HKEY RootOf(Hive hive) {
  return hive == Hive::kCurrentUser ? HKEY_CURRENT_USER : HKEY_LOCAL_MACHINE;
}

Status Failure(const char* what, const RegistryKey& key, LSTATUS code) {
  return Status(ErrorCode::kIoError,
                std::string("cannot ") + what + " " + key.ToString() + " (Windows error " +
                    std::to_string(code) + ")" +
                    (code == ERROR_ACCESS_DENIED && key.hive == Hive::kLocalMachine
                         ? ": system scope needs an administrator"
                         : ""));
}

class Win32Registry final : public Registry {
 public:
  Result<std::optional<std::string>> ReadDefault(const RegistryKey& key) override {
    const std::wstring path = Widen(key.path);
    DWORD bytes = 0;
    LSTATUS rc = RegGetValueW(RootOf(key.hive), path.c_str(), nullptr,
                              RRF_RT_REG_SZ | RRF_SUBKEY_WOW6464KEY, nullptr, nullptr, &bytes);
    if (rc == ERROR_FILE_NOT_FOUND) return std::optional<std::string>();
    if (rc != ERROR_SUCCESS) return Failure("read", key, rc);
    std::wstring value(bytes / sizeof(wchar_t) + 1, L'\0');
    rc = RegGetValueW(RootOf(key.hive), path.c_str(), nullptr,
                      RRF_RT_REG_SZ | RRF_SUBKEY_WOW6464KEY, nullptr, value.data(), &bytes);
    if (rc != ERROR_SUCCESS) return Failure("read", key, rc);
    value.resize(wcsnlen(value.c_str(), value.size()));
    return std::optional<std::string>(Narrow(value));
  }

  Status WriteDefault(const RegistryKey& key, const std::string& value) override {
    HKEY handle = nullptr;
    LSTATUS rc = RegCreateKeyExW(RootOf(key.hive), Widen(key.path).c_str(), 0, nullptr,
                                 REG_OPTION_NON_VOLATILE, KEY_SET_VALUE | KEY_WOW64_64KEY, nullptr,
                                 &handle, nullptr);
    if (rc != ERROR_SUCCESS) return Failure("create", key, rc);
    const std::wstring wide = Widen(value);
    rc = RegSetValueExW(handle, nullptr, 0, REG_SZ, reinterpret_cast<const BYTE*>(wide.c_str()),
                        static_cast<DWORD>((wide.size() + 1) * sizeof(wchar_t)));
    RegCloseKey(handle);
    if (rc != ERROR_SUCCESS) return Failure("write", key, rc);
    return Status::Ok();
  }

  Status DeleteKey(const RegistryKey& key) override {
    const LSTATUS rc =
        RegDeleteKeyExW(RootOf(key.hive), Widen(key.path).c_str(), KEY_WOW64_64KEY, 0);
    if (rc == ERROR_SUCCESS || rc == ERROR_FILE_NOT_FOUND) return Status::Ok();
    return Failure("delete", key, rc);
  }
};

}  // namespace

std::unique_ptr<Registry> OpenSystemRegistry() { return std::make_unique<Win32Registry>(); }

#else

std::unique_ptr<Registry> OpenSystemRegistry() { return nullptr; }

#endif

}  // namespace pims::installer
