// The folders pims-install created, remembered between runs, so that uninstall removes those
// (once empty) and never a folder that was there before pims.
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include "pims/status.h"
#include "roots.h"

namespace pims::installer {

class CreatedDirs {
 public:
  // The record kept at record_file (a JSON list); a missing file is an empty record, a damaged
  // one too (it only ever lets us remove less). kIoError when it exists but cannot be read.
  static Result<CreatedDirs> Load(std::filesystem::path record_file);

  // Creates dir and its missing parents, remembering each folder it created.
  // kIoError on failure (typically: no permission for a system folder).
  Status Create(const std::filesystem::path& dir);

  // Removes dir, then its parents in turn, while the folder is one we created and is empty.
  // Stops at the first that is not; never fails (a folder left behind is harmless).
  void RemoveIfEmpty(const std::filesystem::path& dir);

  // Writes the record if it changed. When it holds nothing but the record's own folders, deletes
  // the record and those folders instead. kIoError on failure.
  Status Save();

  bool Remembers(const std::filesystem::path& dir) const;
  const std::filesystem::path& record_file() const { return record_file_; }

 private:
  explicit CreatedDirs(std::filesystem::path record_file) : record_file_(std::move(record_file)) {}
  static std::string Key(const std::filesystem::path& dir);

  std::filesystem::path record_file_;
  std::set<std::string> dirs_;
  bool changed_ = false;
};

// Where the record for a scope lives: in pims-install's own folder of the user's data folder
// (user scope) or of the system's state folder (system scope):
//   Linux  ~/.local/share/pims-install/created-dirs.json, /var/lib/pims-install/...
//   macOS  ~/Library/Application Support/pims-install/..., /Library/Application
//   Support/pims-install/... Windows %LOCALAPPDATA%\pims-install\...,
//   %ProgramData%\pims-install\...
std::filesystem::path CreatedDirsRecordFile(Os os, bool system_scope, const InstallRoots& roots);

}  // namespace pims::installer
