// Where pims-install itself is, to find the pims-host installed beside it.
#pragma once

#include <filesystem>
#include <optional>

namespace pims::installer {

// The running executable's absolute path; nullopt when the OS does not say.
std::optional<std::filesystem::path> SelfExecutable();

// The pims-host to register when --host-path is not given: the one next to self_exe if there is
// one, else <install prefix>/bin/pims-host (the prefix pims-install was built for).
std::filesystem::path DefaultHostPath(const std::optional<std::filesystem::path>& self_exe);

// "pims-host" or "pims-host.exe".
std::filesystem::path HostFileName();

}  // namespace pims::installer
