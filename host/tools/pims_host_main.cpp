// pims-host: the native messaging host. The browser starts it and speaks frames over its
// stdin/stdout; main only sets up, checks the caller and pumps frames to the Session.
//
// Exit codes (docs/protocol.md):
//   0  the browser closed the stream on a frame boundary
//   2  started by hand (--help, --version, or no caller)
//   3  the input stream broke mid-frame (truncated length prefix or body); a bad_frame error
//      reply was sent first
//   4  the caller is not the pims extension; a caller_refused reply was sent to its first frame
//   5  stdout is closed or failed: nobody is listening
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "pims/build_config.h"
#include "pims/caller.h"
#include "pims/classify.h"
#include "pims/frame.h"
#include "pims/platform.h"
#include "pims/profile.h"
#include "pims/request.h"
#include "pims/session.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;
constexpr int kExitBrokenStream = 3;
constexpr int kExitCallerRefused = 4;
constexpr int kExitOutputClosed = 5;

// A log of verbs, ids and outcomes, written only when PIMS_HOST_LOG names a file. Never a body:
// bodies carry passwords and profile values.
class HostLog {
 public:
  explicit HostLog(const pims::Environment& env) {
    if (auto path = env.get("PIMS_HOST_LOG")) out_.open(*path, std::ios::app);
  }
  void Line(const std::string& text) {
    if (out_) out_ << pims::FormatTime(pims::SystemClock().NowMillis()) << " " << text << std::endl;
  }

 private:
  std::ofstream out_;
};

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Sends one reply frame and wipes every copy of it. False when stdout is gone.
bool SendReply(nlohmann::json& reply) {
  std::string payload = pims::SerializeReply(reply);
  std::string frame = pims::EncodeFrame(payload);
  const bool sent = WriteAll(STDOUT_FILENO, frame);
  pims::WipeJson(reply);
  pims::WipeString(payload);
  pims::WipeString(frame);
  return sent;
}

void PrintUsage() {
  std::printf(
      "pims-host %s: the native messaging host of pims.\n\n"
      "Browsers start it for the pims extension; it speaks length-prefixed JSON on stdin and\n"
      "stdout (docs/protocol.md). To manage your profile from a terminal, use `pims`.\n\n"
      "Environment: PIMS_HOME (vault folder), PIMS_HOST_LOG (append a log without secrets),\n"
      "PIMS_KDF=minimum (tests only: weakest password hashing for new vaults).\n",
      pims::build::kVersion);
}

}  // namespace

int main(int argc, char** argv) {
  pims::HardenProcess();
  signal(SIGPIPE, SIG_IGN);  // a closed stdout is an error from write(), not a silent death

  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    PrintUsage();
    return kExitUsage;
  }
  if (!args.empty() && args[0] == "--version") {
    std::printf("pims-host %s\n", pims::build::kVersion);
    return kExitUsage;
  }

  const pims::Environment env = pims::Environment::Process();
  HostLog log(env);
  const pims::Result<pims::Caller> caller = pims::IdentifyCaller(args);
  if (!caller.ok() && isatty(STDIN_FILENO)) {
    std::fprintf(stderr, "%s\n", caller.status().message().c_str());
    return kExitUsage;
  }

  pims::SessionConfig config;
  config.classifier = &pims::HeuristicClassifier();  // autocomplete first, then the heuristics
  if (auto dir = pims::DataDir(env); dir.ok()) config.vault_file = pims::VaultFile(*dir);
  if (env.get("PIMS_KDF") == std::optional<std::string>("minimum")) {
    config.new_vault_cost = pims::PasswordHashing::Minimum();
  }
  pims::Session session(config);
  pims::FrameDecoder decoder;
  log.Line(caller.ok() ? "start caller=" + caller->extension_id : "start caller refused");

  std::string buffer(64 * 1024, '\0');
  for (;;) {
    pollfd in{STDIN_FILENO, POLLIN, 0};
    const int64_t wait_ms = session.Tick();
    const int ready =
        poll(&in, 1, wait_ms < 0 ? -1 : static_cast<int>(std::min<int64_t>(wait_ms, 60000)));
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;  // timeout: Tick() locks an idle vault

    const ssize_t n = read(STDIN_FILENO, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // end of stream
    decoder.Feed(std::string_view(buffer.data(), static_cast<size_t>(n)));
    pims::Wipe(buffer.data(), static_cast<size_t>(n));

    for (;;) {
      pims::FrameDecoder::Output out = decoder.Next();
      if (out.event == pims::FrameDecoder::Event::kNeedMore) break;
      nlohmann::json reply;
      if (out.event == pims::FrameDecoder::Event::kTooLarge) {
        reply =
            pims::ErrorReply(nullptr, pims::Status(pims::ErrorCode::kTooLarge,
                                                   "a request of " + std::to_string(out.announced) +
                                                       " bytes exceeds the host's limit of " +
                                                       std::to_string(pims::kMaxRequestBytes)));
        log.Line("too_large frame");
      } else if (!caller.ok()) {
        reply = pims::ErrorReply(nullptr, caller.status());
        SendReply(reply);
        log.Line("refused caller");
        return kExitCallerRefused;
      } else {
        auto parsed = pims::ParseRequest(out.payload);
        pims::WipeString(out.payload);
        if (auto* error = std::get_if<pims::RequestError>(&parsed)) {
          reply = pims::ErrorReply(error->id, error->status);
          log.Line("bad request: " + std::string(error->status.code_name()));
        } else {
          auto& request = std::get<pims::Request>(parsed);
          reply = session.Handle(request);
          log.Line(
              "verb=" + request.type.substr(0, 40) + " id=" + request.id.dump().substr(0, 40) +
              " -> " +
              (reply.value("ok", false) ? std::string("ok") : reply["error"].value("code", "?")));
          pims::WipeJson(request.body);
        }
      }
      if (!SendReply(reply)) return kExitOutputClosed;
    }
  }

  const pims::Status end = decoder.Finish();
  if (!end.ok()) {
    nlohmann::json reply = pims::ErrorReply(nullptr, end);
    SendReply(reply);
    log.Line("stream broken: " + end.message());
    return kExitBrokenStream;
  }
  log.Line("end of stream");
  return caller.ok() ? kExitOk : kExitCallerRefused;
}
