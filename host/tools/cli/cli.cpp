#include "cli/cli.h"

#include <iostream>

#include "pims/build_config.h"

namespace pims::cli {
namespace {

constexpr char kUsage[] =
    "usage: pims [--password-stdin] [--json] COMMAND ...\n"
    "\n"
    "Keeps your checkout profile encrypted on this machine and decides what each shop gets.\n"
    "\n"
    "commands:\n"
    "  init                          create the vault (asks for a master password)\n"
    "  status                        where the vault is and whether it exists\n"
    "  passwd                        change the master password\n"
    "  settings [--autolock MIN]     show or set the auto-lock time (0: never)\n"
    "  profile show                  your name, email, phone, birthday, organization\n"
    "  profile set KEY=VALUE...      set person fields (given-name, additional-name,\n"
    "                                family-name, email, tel, bday, organization); KEY= clears\n"
    "  profile set --json FILE       replace the whole profile from a JSON file (- for stdin)\n"
    "  address add [--id ID] [--label L] [--default] KEY=VALUE...\n"
    "                                keys: name organization street-address address-level1\n"
    "                                address-level2 address-level3 postal-code country tel email\n"
    "                                (\\n in street-address separates lines)\n"
    "  address list | address remove ID\n"
    "  card add [--id ID] [--label L] [--default] cc-name=N cc-exp-month=M cc-exp-year=YYYY\n"
    "                                asks for the number and security code without echo\n"
    "  card list | card remove ID    numbers are shown masked\n"
    "  site list                     every site with what it may receive\n"
    "  site show URL | site allow URL CATEGORY... | site deny URL CATEGORY...|all\n"
    "  site never URL CATEGORY...|all  refused: pims stops asking for them there\n"
    "  site forget URL               categories: name email phone shipping_address\n"
    "                                billing_address card card_csc organization birthday\n"
    "  ledger show [--site URL] [--limit N]   what was shared, newest first\n"
    "  ledger verify                 check that the ledger was not altered\n"
    "  export FILE                   write an encrypted backup (asks for a backup password)\n"
    "  import FILE                   restore a backup into this vault\n"
    "  import --from FORMAT FILE [--yes]\n"
    "                                add the addresses and cards of another program's export\n"
    "                                (bitwarden, 1pux, firefox, csv); shows them and asks first\n"
    "  export --to bitwarden FILE    write a Bitwarden JSON of your identities and cards\n"
    "                                (NOT encrypted)\n"
    "\n"
    "options:\n"
    "  --password-stdin   read passwords (and card numbers) as lines from standard input\n"
    "  --json             print machine-readable JSON\n"
    "  --help             this text; `pims COMMAND --help` too\n"
    "\n"
    "The vault lives in $PIMS_HOME, else ~/.local/share/pims (Linux).\n";

struct Command {
  std::string_view name;
  CommandFn run;
};

constexpr Command kCommands[] = {
    {"init", CmdInit},         {"status", CmdStatus},   {"passwd", CmdPasswd},
    {"settings", CmdSettings}, {"profile", CmdProfile}, {"address", CmdAddress},
    {"card", CmdCard},         {"site", CmdSite},       {"ledger", CmdLedger},
    {"export", CmdExport},     {"import", CmdImport},
};

}  // namespace

int Invocation::Fail(const Status& status) {
  err << "pims: " << status.ToString() << "\n";
  if (!status.field().empty()) err << "pims: (field: " << status.field() << ")\n";
  return kExitFailed;
}

int Invocation::Usage(const std::string& problem) {
  err << "pims: " << problem << "\n(see pims --help)\n";
  return kExitUsage;
}

void Invocation::PrintJson(const nlohmann::json& value) { out << value.dump(2) << "\n"; }

Result<std::unique_ptr<Vault>> Invocation::OpenUnlocked() {
  PIMS_ASSIGN_OR_RETURN(std::unique_ptr<Vault> vault,
                        Vault::Open(context.vault_file, *context.clock));
  PIMS_ASSIGN_OR_RETURN(Secret password, context.prompter->Ask("Master password"));
  PIMS_RETURN_IF_ERROR(vault->Unlock(password.reveal()));
  return vault;
}

bool SplitAssignment(const std::string& arg, std::string& key, std::string& value) {
  const size_t eq = arg.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  key = arg.substr(0, eq);
  value.clear();
  for (size_t i = eq + 1; i < arg.size(); ++i) {
    if (arg[i] == '\\' && i + 1 < arg.size() && arg[i + 1] == 'n') {
      value += '\n';
      ++i;
    } else {
      value += arg[i];
    }
  }
  return true;
}

int Run(std::span<const std::string> all_args, CliContext& context, std::ostream& out,
        std::ostream& err) {
  bool json = false;
  std::vector<std::string> args;
  for (const std::string& arg : all_args) {
    if (arg == "--password-stdin") continue;  // the caller chose the prompter already
    if (arg == "--json") {
      json = true;
    } else if (arg == "--help" || arg == "-h") {
      out << kUsage;
      return kExitOk;
    } else if (arg == "--version") {
      out << "pims " << build::kVersion << "\n";
      return kExitOk;
    } else {
      args.push_back(arg);
    }
  }
  if (args.empty()) {
    err << kUsage;
    return kExitUsage;
  }
  const std::string name = args.front();
  args.erase(args.begin());
  Invocation invocation(context, std::move(args), json, out, err);
  for (const Command& command : kCommands) {
    if (command.name == name) return command.run(invocation);
  }
  return invocation.Usage("unknown command " + name);
}

}  // namespace pims::cli
