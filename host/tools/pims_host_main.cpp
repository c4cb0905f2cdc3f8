// pims-host: the native messaging host of pims. The browser starts it and speaks frames over its
// stdin/stdout. main() only reads the command line and the environment, then hands the streams
// to pims::Serve (pims/serve.h), whose ServeEnd is the exit code; 2 when started by hand.
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "pims/build_config.h"
#include "pims/caller.h"
#include "pims/classify.h"
#include "pims/frame.h"
#include "pims/serve.h"

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitInternal = 6;

constexpr char kUsage[] =
    "pims-host %s: the native messaging host of pims.\n\n"
    "Browsers start it for the pims extension; it speaks length-prefixed JSON on stdin and\n"
    "stdout (docs/protocol.md). To manage your profile from a terminal, use `pims`.\n\n"
    "Environment: PIMS_HOME (vault folder), PIMS_HOST_LOG (append a log without secrets),\n"
    "PIMS_KDF=minimum (tests only: weakest password hashing for new vaults).\n";

// Appends to PIMS_HOST_LOG when it names a file; nothing otherwise.
pims::ServeLog FileLog(const pims::Environment& env) {
  auto path = env.get("PIMS_HOST_LOG");
  if (!path) return {};
  auto out = std::make_shared<std::ofstream>(*path, std::ios::app);
  return [out](std::string_view line) {
    *out << pims::FormatTime(pims::SystemClock().NowMillis()) << " " << line << std::endl;
  };
}

int Run(const std::vector<std::string_view>& args) {
  const pims::Environment env = pims::Environment::Process();
  const pims::Result<pims::Caller> caller = pims::IdentifyCaller(args);
  if (!caller.ok() && pims::StandardInputIsTerminal()) {
    std::fprintf(stderr, "%s\n", caller.status().message().c_str());
    return kExitUsage;
  }
  pims::SessionConfig config;
  config.classifier = &pims::HeuristicClassifier();
  if (auto dir = pims::DataDir(env); dir.ok()) config.vault_file = pims::VaultFile(*dir);
  if (env.get("PIMS_KDF") == std::optional<std::string>("minimum")) {
    config.new_vault_cost = pims::PasswordHashing::Minimum();
  }
  pims::Session session(config);
  return static_cast<int>(
      pims::Serve(pims::StandardInput(), pims::StandardOutput(), session, caller, FileLog(env)));
}

}  // namespace

int main(int argc, char** argv) {
  pims::HardenProcess();
  pims::IgnoreBrokenPipe();
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "--version")) {
    std::printf(args[0] == "--version" ? "pims-host %s\n" : kUsage, pims::build::kVersion);
    return kExitUsage;
  }
  try {
    return Run(args);
  } catch (...) {
    // Serve answers every failure as a value; only running out of memory lands here. Say so on
    // the wire rather than dying silently.
    const std::string reply = pims::EncodeFrame(
        R"({"id":null,"ok":false,"error":{"code":"internal","message":"pims-host failed"}})");
    (void)pims::StandardOutput().Write(reply);
    return kExitInternal;
  }
}
