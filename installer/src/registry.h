// The Windows registry, behind a small interface: Chromium- and Firefox-family browsers on
// Windows find a host's manifest through a key whose default value is the manifest's path.
// The real registry exists only in Windows builds (registry_win.cpp); tests use an in-memory one,
// so the Windows install flow is exercised on every OS.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "pims/status.h"

namespace pims::installer {

// HKEY_CURRENT_USER (user scope) or HKEY_LOCAL_MACHINE (system scope).
enum class Hive { kCurrentUser, kLocalMachine };

struct RegistryKey {
  Hive hive;
  std::string path;  // "Software\\Google\\Chrome\\NativeMessagingHosts\\org.pims.host"

  // "HKCU\\Software\\..." or "HKLM\\Software\\...".
  std::string ToString() const;
  bool operator==(const RegistryKey&) const = default;
};

// Thread-safety: none needed; pims-install is single-threaded.
class Registry {
 public:
  virtual ~Registry() = default;
  // The key's default (unnamed) string value; nullopt when the key or the value does not exist.
  // kIoError when the registry refuses the read.
  virtual Result<std::optional<std::string>> ReadDefault(const RegistryKey& key) = 0;
  // Creates the key (and its parents) if needed and sets its default value to `value`.
  // kIoError on refusal (typically: HKLM without administrator rights).
  virtual Status WriteDefault(const RegistryKey& key, const std::string& value) = 0;
  // Deletes the key (which pims created, holding only the default value). OK when absent.
  virtual Status DeleteKey(const RegistryKey& key) = 0;
};

// The machine's registry on Windows (64-bit view, where Chromium and Firefox look after the
// 32-bit one); nullptr on every other OS.
std::unique_ptr<Registry> OpenSystemRegistry();

}  // namespace pims::installer
