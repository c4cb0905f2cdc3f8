// What every command of the `pims` command line shares: its context, its streams, and the one
// way to fail. Internal to the command line (host/tools/cli).
#pragma once

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "cli/prompt.h"
#include "pims/password_hashing.h"
#include "pims/platform.h"
#include "pims/vault.h"

namespace pims::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

// Where the command line runs: the vault, how passwords are asked, the streams.
struct CliContext {
  std::filesystem::path vault_file;
  PasswordHashing cost = PasswordHashing::Default();
  Prompter* prompter = nullptr;
  const Clock* clock = &SystemClock();
  std::istream* in = nullptr;  // for `profile set --json -`
};

// One run of one command: its arguments (after the command's name) and where it writes.
class Invocation {
 public:
  Invocation(CliContext& where, std::vector<std::string> arguments, bool json_output,
             std::ostream& out_stream, std::ostream& err_stream)
      : context(where),
        args(std::move(arguments)),
        json(json_output),
        out(out_stream),
        err(err_stream) {}

  // Prints "pims: code: message" (and the field) on err; returns kExitFailed.
  int Fail(const Status& status);
  // Prints the usage problem on err; returns kExitUsage.
  int Usage(const std::string& problem);
  // Pretty JSON on out.
  void PrintJson(const nlohmann::json& value);
  // Opens the vault and unlocks it with the master password, asked now.
  Result<std::unique_ptr<Vault>> OpenUnlocked();

  CliContext& context;
  std::vector<std::string> args;
  bool json;  // --json: machine-readable output
  std::ostream& out;
  std::ostream& err;
};

using CommandFn = int (*)(Invocation&);

// Commands, one file each group (cmd_*.cpp).
int CmdInit(Invocation&);
int CmdStatus(Invocation&);
int CmdPasswd(Invocation&);
int CmdSettings(Invocation&);
int CmdProfile(Invocation&);
int CmdAddress(Invocation&);
int CmdCard(Invocation&);
int CmdSite(Invocation&);
int CmdLedger(Invocation&);
int CmdExport(Invocation&);
int CmdImport(Invocation&);
// cmd_import.cpp: other programs' files, reached through export --to / import --from.
int CmdExportTo(Invocation&);
int CmdImportFrom(Invocation&);

// "key=value" -> (key, value), with "\n" in the value turned into a newline. False for an
// argument without "=" or with an empty key.
bool SplitAssignment(const std::string& arg, std::string& key, std::string& value);

}  // namespace pims::cli
