// Drives the real pims-host binary over its stdin/stdout pipes, as a browser does.
#pragma once

#include <boost/process.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pims::testing {

// The origin Chromium passes for the pims extension, built from identity.json's ID.
std::string PimsChromeOrigin();

class HostProcess {
 public:
  // Starts pims-host with `args` (default: the pims Chrome origin), PIMS_HOME=home and the
  // minimum password hashing cost, so tests run fast.
  // `env` adds or overrides environment variables.
  explicit HostProcess(const std::filesystem::path& home, std::vector<std::string> args = {},
                       const std::vector<std::pair<std::string, std::string>>& env = {});
  ~HostProcess();

  // Sends one request frame and reads one reply frame.
  nlohmann::json Call(const nlohmann::json& request);
  // Writes raw bytes to the host's stdin.
  void SendRaw(const std::string& bytes);
  // Reads one reply frame; a null json when the stream ended.
  nlohmann::json ReadReply();
  // Closes the host's stdin (end of stream) and returns its exit code.
  int CloseAndWait();
  // The host's process id (to send it signals).
  int pid() const { return child_.id(); }

 private:
  boost::process::opstream to_host_;
  boost::process::ipstream from_host_;
  boost::process::child child_;
};

// A frame: 4-byte native-order length, then the payload.
std::string Frame(const std::string& payload);

}  // namespace pims::testing
