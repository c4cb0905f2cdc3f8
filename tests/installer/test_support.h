// Helpers for the installer tests: scratch folders, snapshots of a folder tree, a fake Windows
// registry, and running a program with pipes.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "registry.h"

namespace pims::installer::testing {

// A fresh folder under the system's temporary folder, removed with everything in it on
// destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Everything under a folder: relative path -> "dir", "file:<mode>:<content>" or "link:<target>",
// plus each file's modification time, so that two snapshots differ if anything was touched.
using Snapshot = std::map<std::string, std::string>;
Snapshot TakeSnapshot(const std::filesystem::path& root, bool with_times = false);

// Creates parent folders and writes a file.
void WriteText(const std::filesystem::path& file, const std::string& text);
std::string ReadText(const std::filesystem::path& file);
// An empty file with the execute bits (a stand-in browser binary or host).
void MakeExecutable(const std::filesystem::path& file);

// An in-memory registry.
class FakeRegistry final : public Registry {
 public:
  Result<std::optional<std::string>> ReadDefault(const RegistryKey& key) override;
  Status WriteDefault(const RegistryKey& key, const std::string& value) override;
  Status DeleteKey(const RegistryKey& key) override;
  std::map<std::string, std::string> values;  // key.ToString() -> default value
  int writes = 0;
};

struct ProcessResult {
  int exit_code = -1;  // -1 when killed (timeout) or not started
  std::string out;
  std::string err;
};

// Runs argv[0] with the arguments, environment = this process's plus `env` (NAME=VALUE; a value
// of "" removes NAME), stdin fed with `input` then closed. Kills it after `timeout`.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::vector<std::string>& env = {}, const std::string& input = {},
                         std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace pims::installer::testing
