#include "created_dirs.h"

#include <nlohmann/json.hpp>
#include <system_error>
#include <vector>

#include "files.h"

namespace pims::installer {
namespace fs = std::filesystem;

std::string CreatedDirs::Key(const fs::path& dir) { return PathToUtf8(dir.lexically_normal()); }

Result<CreatedDirs> CreatedDirs::Load(fs::path record_file) {
  CreatedDirs record(std::move(record_file));
  PIMS_ASSIGN_OR_RETURN(std::optional<std::string> text, ReadFile(record.record_file_));
  if (!text) return record;
  nlohmann::json json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (json.is_object() && json.contains("created_dirs") && json["created_dirs"].is_array()) {
    for (const auto& dir : json["created_dirs"]) {
      if (dir.is_string()) record.dirs_.insert(dir.get<std::string>());
    }
  }
  return record;
}

bool CreatedDirs::Remembers(const fs::path& dir) const { return dirs_.count(Key(dir)) > 0; }

Status CreatedDirs::Create(const fs::path& dir) {
  // The missing folders, outermost last.
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path at = dir.lexically_normal(); !at.empty() && !fs::exists(at, ec);
       at = at.parent_path()) {
    missing.push_back(at);
    if (at == at.parent_path()) break;
  }
  fs::create_directories(dir, ec);
  if (ec) {
    return Status(
        ErrorCode::kIoError,
        "cannot create " + PathToUtf8(dir) + ": " + ec.message() +
            (ec == std::errc::permission_denied ? " (system scope needs root: try sudo)" : ""));
  }
  for (const fs::path& created : missing) {
    dirs_.insert(Key(created));
    changed_ = true;
  }
  return Status::Ok();
}

void CreatedDirs::RemoveIfEmpty(const fs::path& dir) {
  std::error_code ec;
  for (fs::path at = dir.lexically_normal(); Remembers(at); at = at.parent_path()) {
    if (fs::exists(at, ec)) {
      if (!fs::is_directory(at, ec) || !fs::is_empty(at, ec)) return;
      if (!fs::remove(at, ec) || ec) return;
    }
    dirs_.erase(Key(at));
    changed_ = true;
    if (at == at.parent_path()) return;
  }
}

Status CreatedDirs::Save() {
  // The record's own folders do not count: they exist only to hold the record.
  const fs::path own = record_file_.parent_path().lexically_normal();
  bool only_own = true;
  for (const std::string& dir : dirs_) {
    const fs::path path(dir);
    bool is_own = false;
    for (fs::path at = own; !at.empty(); at = at.parent_path()) {
      if (at == path) {
        is_own = true;
        break;
      }
      if (at == at.parent_path()) break;
    }
    if (!is_own) {
      only_own = false;
      break;
    }
  }
  if (only_own) {
    std::error_code ec;
    if (!fs::exists(record_file_, ec) && dirs_.empty()) return Status::Ok();
    PIMS_RETURN_IF_ERROR(RemoveFile(record_file_));
    RemoveIfEmpty(own);
    return Status::Ok();
  }
  if (!changed_) return Status::Ok();
  PIMS_RETURN_IF_ERROR(Create(own));
  nlohmann::json json;
  json["//"] =
      "Folders pims-install created for native messaging manifests; `pims-install uninstall` "
      "removes them when they are empty. Folders not listed here are never removed.";
  json["created_dirs"] = dirs_;
  PIMS_RETURN_IF_ERROR(WriteFileAtomically(record_file_, json.dump(2) + "\n", kManifestPerms));
  changed_ = false;
  return Status::Ok();
}

fs::path CreatedDirsRecordFile(Os os, bool system_scope, const InstallRoots& roots) {
  fs::path base;
  switch (os) {
    case Os::kLinux:
      base = system_scope ? Join(roots.system, "var/lib") : roots.xdg_data_home;
      break;
    case Os::kMacOS:
      base = system_scope ? Join(roots.system, "Library/Application Support")
                          : roots.home / "Library" / "Application Support";
      break;
    case Os::kWindows:
      base = system_scope ? roots.program_data : roots.local_app_data;
      break;
  }
  return base / "pims-install" / "created-dirs.json";
}

}  // namespace pims::installer
