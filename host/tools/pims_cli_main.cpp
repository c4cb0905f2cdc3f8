// pims: the shopper's command line over libpims (host/tools/cli/cli.h does the work). Same
// vault, same rules as the browser host. Exit codes: 0 success, 1 the operation failed (the
// message says why), 2 usage error.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"

int main(int argc, char** argv) {
  pims::HardenProcess();
  pims::IgnoreBrokenPipe();
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const bool from_stdin = std::find(args.begin(), args.end(), "--password-stdin") != args.end();
    pims::cli::TerminalPrompter prompter(from_stdin);
    pims::cli::CliContext context;
    const pims::Environment env = pims::Environment::Process();
    auto dir = pims::DataDir(env);
    if (!dir.ok()) {
      std::cerr << "pims: " << dir.status().ToString() << "\n";
      return pims::cli::kExitFailed;
    }
    context.vault_file = pims::VaultFile(*dir);
    if (env.get("PIMS_KDF") == std::optional<std::string>("minimum")) {
      context.cost = pims::PasswordHashing::Minimum();
    }
    context.prompter = &prompter;
    context.in = &std::cin;
    return pims::cli::Run(args, context, std::cout, std::cerr);
  } catch (...) {
    std::cerr << "pims: internal: the command failed unexpectedly\n";
    return pims::cli::kExitFailed;
  }
}
