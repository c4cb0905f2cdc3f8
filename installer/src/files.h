// The few file operations pims-install needs, returning errors as values.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "pims/status.h"

namespace pims::installer {

// The whole file; nullopt when it does not exist. kIoError when it exists but cannot be read
// (or is not a regular file).
Result<std::optional<std::string>> ReadFile(const std::filesystem::path& path);

// Replaces path's content with `content` through a temporary file in the same folder and a
// rename, so a browser never reads half a manifest. The folder must exist. The file gets
// `perms` (0644 for manifests, 0755 for scripts). kIoError on failure, with the path.
Status WriteFileAtomically(const std::filesystem::path& path, const std::string& content,
                           std::filesystem::perms perms);

// Removes a file; OK when it is already gone. kIoError on failure.
Status RemoveFile(const std::filesystem::path& path);

// Whether path is a regular file (after symlinks) that this user may execute.
bool IsExecutableFile(const std::filesystem::path& path);

// path made absolute against the current folder, and normalized ("a/../b" -> "<cwd>/b"); when
// the current folder cannot be read, path itself, normalized.
std::filesystem::path Absolute(const std::filesystem::path& path);

// A path as UTF-8 (for messages, manifests and registry values), whatever the platform.
std::string PathToUtf8(const std::filesystem::path& path);

// The permission bits for what pims-install writes.
inline constexpr std::filesystem::perms kManifestPerms =
    std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
    std::filesystem::perms::group_read | std::filesystem::perms::others_read;
inline constexpr std::filesystem::perms kScriptPerms =
    kManifestPerms | std::filesystem::perms::owner_exec | std::filesystem::perms::group_exec |
    std::filesystem::perms::others_exec;

}  // namespace pims::installer
