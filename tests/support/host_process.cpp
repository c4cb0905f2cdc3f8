#include "support/host_process.h"

#include <fcntl.h>

#include <cstring>
#include <mutex>

#include "pims/build_config.h"
#include "support/transcript.h"

namespace bp = boost::process;

namespace pims::testing {

std::string PimsChromeOrigin() {
  return std::string("chrome-extension://") + build::kChromeExtensionId + "/";
}

std::string Frame(const std::string& payload) {
  uint32_t n = static_cast<uint32_t>(payload.size());
  std::string out(4, '\0');
  std::memcpy(out.data(), &n, 4);
  return out + payload;
}

HostProcess::HostProcess(const std::filesystem::path& home, std::vector<std::string> args,
                         const std::vector<std::pair<std::string, std::string>>& extra_env) {
  if (args.empty()) args.push_back(PimsChromeOrigin());
  auto env = boost::this_process::environment();
  env["PIMS_HOME"] = home.string();
  env["PIMS_KDF"] = "minimum";
  // Under ctest every host logs and keeps its stderr in the transcript (transcript.h).
  const std::filesystem::path log = TranscriptFile("host-log");
  const std::filesystem::path err = TranscriptFile("host-stderr");
  if (!log.empty()) env["PIMS_HOST_LOG"] = log.string();
  // Spawn one host at a time and keep our pipe ends out of every later child: a host that
  // inherited another host's stdin would hold it open, and that host would never see EOF.
  static std::mutex spawn_mutex;
  std::lock_guard<std::mutex> lock(spawn_mutex);
  to_host_ = bp::opstream();  // fresh pipes, made under the lock: no other spawn can inherit them
  from_host_ = bp::ipstream();
  for (const auto& [name, value] : extra_env) env[name] = value;
  if (err.empty()) {
    child_ = bp::child(PIMS_HOST_BINARY, bp::args(args),
                       bp::std_in<to_host_, bp::std_out> from_host_, bp::std_err > bp::null, env);
  } else {
    child_ =
        bp::child(PIMS_HOST_BINARY, bp::args(args), bp::std_in<to_host_, bp::std_out> from_host_,
                  bp::std_err > err.string(), env);
  }
  fcntl(to_host_.pipe().native_sink(), F_SETFD, FD_CLOEXEC);
  fcntl(from_host_.pipe().native_source(), F_SETFD, FD_CLOEXEC);
}

HostProcess::~HostProcess() {
  if (child_.running()) {
    to_host_.pipe().close();
    std::error_code ec;
    child_.wait_for(std::chrono::seconds(5), ec);
    if (child_.running(ec)) child_.terminate(ec);
  }
}

nlohmann::json HostProcess::Call(const nlohmann::json& request) {
  SendRaw(Frame(request.dump()));
  return ReadReply();
}

void HostProcess::SendRaw(const std::string& bytes) {
  // Straight to the pipe, unbuffered: a host that was killed makes the write fail here (caught),
  // instead of leaving bytes in the stream's buffer for its destructor to throw on.
  try {
    size_t done = 0;
    while (done < bytes.size()) {
      done += static_cast<size_t>(
          to_host_.pipe().write(bytes.data() + done, static_cast<int>(bytes.size() - done)));
    }
  } catch (const bp::process_error&) {
    // The host is gone; the next ReadReply() sees the end of its stream.
  }
}

nlohmann::json HostProcess::ReadReply() {
  uint32_t n = 0;
  if (!from_host_.read(reinterpret_cast<char*>(&n), 4)) return nullptr;
  std::string payload(n, '\0');
  if (!from_host_.read(payload.data(), n)) return nullptr;
  nlohmann::json reply = nlohmann::json::parse(payload);
  if (reply.is_object() && reply.value("ok", true) == false) {
    RecordTranscript("error-replies", reply.dump());
  }
  return reply;
}

int HostProcess::CloseAndWait() {
  to_host_.pipe().close();
  child_.wait();
  return child_.exit_code();
}

}  // namespace pims::testing
