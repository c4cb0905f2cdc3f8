// pims: the shopper's command line over libpims. Same vault, same rules as the browser host.
// Exit codes: 0 success, 1 the operation failed (the message says why), 2 usage error.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/prompt.h"
#include "pims/backup.h"
#include "pims/build_config.h"
#include "pims/platform.h"
#include "pims/profile.h"
#include "pims/session.h"
#include "pims/vault.h"

namespace pims::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

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
    "  site forget URL               categories: name email phone shipping_address\n"
    "                                billing_address card card_csc organization birthday\n"
    "  ledger show [--site URL] [--limit N]   what was shared, newest first\n"
    "  ledger verify                 check that the ledger was not altered\n"
    "  export FILE                   write an encrypted backup (asks for a backup password)\n"
    "  import FILE                   restore a backup into this vault\n"
    "\n"
    "options:\n"
    "  --password-stdin   read passwords (and card numbers) as lines from standard input\n"
    "  --json             print machine-readable JSON\n"
    "  --help             this text; `pims COMMAND --help` too\n"
    "\n"
    "The vault lives in $PIMS_HOME, else ~/.local/share/pims (Linux).\n";

struct Context {
  bool password_stdin = false;
  bool json_output = false;
  fs::path vault_file;
  PasswordHashing cost = PasswordHashing::Default();
  Prompter prompter{false};
};

int Fail(const Status& status) {
  std::fprintf(stderr, "pims: %s\n", status.ToString().c_str());
  if (!status.field().empty()) std::fprintf(stderr, "pims: (field: %s)\n", status.field().c_str());
  return kExitFailed;
}

int Usage(const std::string& message) {
  std::fprintf(stderr, "pims: %s\n(see pims --help)\n", message.c_str());
  return kExitUsage;
}

void PrintJson(const json& j) { std::cout << j.dump(2) << "\n"; }

Result<std::unique_ptr<Vault>> OpenUnlocked(Context& ctx) {
  PIMS_ASSIGN_OR_RETURN(std::unique_ptr<Vault> vault, Vault::Open(ctx.vault_file, SystemClock()));
  PIMS_ASSIGN_OR_RETURN(Secret password, ctx.prompter.Ask("Master password"));
  PIMS_RETURN_IF_ERROR(vault->Unlock(password.reveal()));
  return vault;
}

// "key=value" -> (key, value), with "\n" turned into a newline.
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

// Validates an edited profile JSON (through the one validator) and stores it.
int SaveProfile(Vault& vault, const json& edited) {
  auto profile = ProfileFromJson(edited);
  if (!profile.ok()) return Fail(profile.status());
  Status saved = vault.PutProfile(*profile);
  if (!saved.ok()) return Fail(saved);
  return kExitOk;
}

std::string Field(const json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// --- commands ------------------------------------------------------------------------------

int CmdInit(Context& ctx, std::vector<std::string>& args) {
  if (!args.empty()) return Usage("init takes no arguments");
  auto password = ctx.prompter.AskNew("New master password");
  if (!password.ok()) return Fail(password.status());
  auto vault = Vault::Create(ctx.vault_file, password->reveal(), ctx.cost, SystemClock());
  if (!vault.ok()) return Fail(vault.status());
  std::printf("created the vault at %s\n", ctx.vault_file.string().c_str());
  return kExitOk;
}

int CmdStatus(Context& ctx, std::vector<std::string>&) {
  std::error_code ec;
  const bool exists = fs::exists(ctx.vault_file, ec);
  std::string state = "absent";
  if (exists) {
    auto vault = Vault::Open(ctx.vault_file, SystemClock());
    state = vault.ok() ? "present" : std::string(vault.status().code_name());
  }
  if (ctx.json_output) {
    PrintJson({{"vault", state}, {"path", ctx.vault_file.string()}, {"version", build::kVersion}});
  } else {
    std::printf("vault: %s (%s)\npims %s\n", state.c_str(), ctx.vault_file.string().c_str(),
                build::kVersion);
  }
  return kExitOk;
}

int CmdPasswd(Context& ctx, std::vector<std::string>& args) {
  if (!args.empty()) return Usage("passwd takes no arguments");
  auto vault = Vault::Open(ctx.vault_file, SystemClock());
  if (!vault.ok()) return Fail(vault.status());
  auto old_password = ctx.prompter.Ask("Current master password");
  if (!old_password.ok()) return Fail(old_password.status());
  auto new_password = ctx.prompter.AskNew("New master password");
  if (!new_password.ok()) return Fail(new_password.status());
  Status changed = (*vault)->ChangePassword(old_password->reveal(), new_password->reveal());
  if (!changed.ok()) return Fail(changed);
  std::printf("the master password was changed\n");
  return kExitOk;
}

int CmdSettings(Context& ctx, std::vector<std::string>& args) {
  std::optional<int> autolock;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--autolock" && i + 1 < args.size()) {
      try {
        autolock = std::stoi(args[++i]);
      } catch (...) {
        return Usage("--autolock takes a number of minutes");
      }
    } else {
      return Usage("settings takes only --autolock MINUTES");
    }
  }
  auto vault = OpenUnlocked(ctx);
  if (!vault.ok()) return Fail(vault.status());
  auto settings = (*vault)->GetSettings();
  if (!settings.ok()) return Fail(settings.status());
  if (autolock) {
    settings->autolock_minutes = *autolock;
    Status saved = (*vault)->SetSettings(*settings);
    if (!saved.ok()) return Fail(saved);
  }
  if (ctx.json_output) {
    PrintJson({{"autolock_minutes", settings->autolock_minutes}});
  } else {
    std::printf("auto-lock: %d minutes%s\n", settings->autolock_minutes,
                settings->autolock_minutes == 0 ? " (never)" : "");
  }
  return kExitOk;
}

int CmdProfile(Context& ctx, std::vector<std::string>& args) {
  if (args.empty()) return Usage("profile needs show or set");
  const std::string sub = args[0];
  if (sub == "show") {
    auto vault = OpenUnlocked(ctx);
    if (!vault.ok()) return Fail(vault.status());
    auto profile = (*vault)->GetProfile();
    if (!profile.ok()) return Fail(profile.status());
    json j = ProfileToJson(*profile, /*mask_cards=*/true);
    if (ctx.json_output) {
      PrintJson(j);
    } else {
      for (const auto& [key, value] : j["person"].items()) {
        std::printf("%-16s %s\n", key.c_str(), Field(j["person"], key.c_str()).c_str());
      }
      std::printf("%zu address(es), %zu card(s)\n", j["addresses"].size(), j["cards"].size());
    }
    WipeJson(j);
    return kExitOk;
  }
  if (sub != "set") return Usage("profile needs show or set");
  if (args.size() == 3 && args[1] == "--json") {
    std::stringstream text;
    if (args[2] == "-") {
      text << std::cin.rdbuf();
    } else {
      std::ifstream in(args[2]);
      if (!in) return Fail(Status(ErrorCode::kIoError, "cannot read " + args[2]));
      text << in.rdbuf();
    }
    json edited = json::parse(text.str(), nullptr, false);
    if (edited.is_discarded()) return Fail(Status(ErrorCode::kBadJson, args[2] + " is not JSON"));
    auto vault = OpenUnlocked(ctx);
    if (!vault.ok()) return Fail(vault.status());
    int rc = SaveProfile(**vault, edited);
    WipeJson(edited);
    if (rc == kExitOk) std::printf("profile saved\n");
    return rc;
  }
  if (args.size() < 2) return Usage("profile set needs KEY=VALUE pairs or --json FILE");
  auto vault = OpenUnlocked(ctx);
  if (!vault.ok()) return Fail(vault.status());
  auto profile = (*vault)->GetProfile();
  if (!profile.ok()) return Fail(profile.status());
  json edited = ProfileToJson(*profile);
  for (size_t i = 1; i < args.size(); ++i) {
    std::string key, value;
    if (!SplitAssignment(args[i], key, value)) return Usage("expected KEY=VALUE, got " + key);
    if (value.empty()) {
      edited["person"].erase(key);
    } else {
      edited["person"][key] = value;
    }
  }
  int rc = SaveProfile(**vault, edited);
  WipeJson(edited);
  if (rc == kExitOk) std::printf("profile saved\n");
  return rc;
}

// address add/list/remove and card add/list/remove share one shape: a list in the profile JSON.
int CmdRecords(Context& ctx, std::vector<std::string>& args, bool cards) {
  const char* list_key = cards ? "cards" : "addresses";
  const char* noun = cards ? "card" : "address";
  if (args.empty()) return Usage(std::string(noun) + " needs add, list or remove");
  const std::string sub = args[0];
  if (sub != "add" && sub != "list" && sub != "remove") {
    return Usage(std::string(noun) + " needs add, list or remove");
  }
  if (sub == "remove" && args.size() != 2) return Usage(std::string(noun) + " remove ID");

  json record = json::object();
  bool make_default = false;
  if (sub == "add") {
    for (size_t i = 1; i < args.size(); ++i) {
      std::string key, value;
      if (args[i] == "--default") {
        make_default = true;
      } else if ((args[i] == "--id" || args[i] == "--label") && i + 1 < args.size()) {
        record[args[i].substr(2)] = args[i + 1];
        ++i;
      } else if (SplitAssignment(args[i], key, value)) {
        if (cards && (key == "cc-exp-month" || key == "cc-exp-year")) {
          try {
            record[key] = std::stoi(value);
          } catch (...) {
            return Usage(key + " must be a number");
          }
        } else {
          record[key] = value;
        }
      } else {
        return Usage("unexpected argument: " + args[i]);
      }
    }
  }

  auto vault = OpenUnlocked(ctx);
  if (!vault.ok()) return Fail(vault.status());
  if (sub == "add" && cards) {
    // Card secrets never go on the command line, where other users' `ps` could see them.
    for (const auto& [key, question] : {std::pair{"cc-number", "Card number"},
                                        std::pair{"cc-csc", "Security code (empty: none)"}}) {
      if (record.contains(key)) {
        return Usage(std::string(key) + " is asked for, not given on the command line");
      }
      auto answer = ctx.prompter.Ask(question);
      if (!answer.ok()) return Fail(answer.status());
      if (!answer->empty()) record[key] = std::string(answer->reveal());
    }
  }
  auto profile = (*vault)->GetProfile();
  if (!profile.ok()) return Fail(profile.status());
  json edited = ProfileToJson(*profile);
  json& list = edited[list_key];

  if (sub == "list") {
    json shown = ProfileToJson(*profile, /*mask_cards=*/true)[list_key];
    if (ctx.json_output) {
      PrintJson(shown);
    } else {
      for (const json& r : shown) {
        if (cards) {
          std::printf("%-12s %-16s %s  %s/%s  %s\n", Field(r, "id").c_str(),
                      Field(r, "label").c_str(), Field(r, "cc-number").c_str(),
                      Field(r, "cc-exp-month").c_str(), Field(r, "cc-exp-year").c_str(),
                      Field(r, "cc-name").c_str());
        } else {
          std::string street = Field(r, "street-address");
          std::replace(street.begin(), street.end(), '\n', ',');
          std::printf("%-12s %-16s %s, %s %s, %s\n", Field(r, "id").c_str(),
                      Field(r, "label").c_str(), street.c_str(), Field(r, "postal-code").c_str(),
                      Field(r, "address-level2").c_str(), Field(r, "country").c_str());
        }
      }
      if (shown.empty()) std::printf("no %s yet\n", list_key);
    }
    WipeJson(edited);
    return kExitOk;
  }

  if (sub == "remove") {
    const size_t before = list.size();
    for (auto it = list.begin(); it != list.end(); ++it) {
      if (Field(*it, "id") == args[1]) {
        list.erase(it);
        break;
      }
    }
    if (list.size() == before) {
      return Fail(Status(ErrorCode::kNotFound, std::string("no ") + noun + " with id " + args[1]));
    }
    // A default that named the removed record falls back to the first one.
    for (const char* role : {"shipping", "billing", "card"}) {
      if (Field(edited["defaults"], role) == args[1]) edited["defaults"].erase(role);
    }
  } else {
    list.push_back(record);
  }
  auto validated = ProfileFromJson(edited);
  if (!validated.ok()) return Fail(validated.status());
  if (sub == "add" && make_default) {
    const std::string id = cards ? validated->cards.back().id : validated->addresses.back().id;
    if (cards) {
      validated->default_card = id;
    } else {
      validated->default_shipping = id;
      validated->default_billing = id;
    }
  }
  Status saved = (*vault)->PutProfile(*validated);
  WipeJson(edited);
  WipeJson(record);
  if (!saved.ok()) return Fail(saved);
  if (sub == "add") {
    const std::string id = cards ? validated->cards.back().id : validated->addresses.back().id;
    std::printf("added %s %s\n", noun, id.c_str());
  } else {
    std::printf("removed %s %s\n", noun, args[1].c_str());
  }
  return kExitOk;
}

int CmdAddress(Context& ctx, std::vector<std::string>& args) {
  return CmdRecords(ctx, args, false);
}
int CmdCard(Context& ctx, std::vector<std::string>& args) { return CmdRecords(ctx, args, true); }

std::string AllowText(const SitePolicy& policy) {
  std::string out;
  for (Category c : policy.allow.List()) {
    if (!out.empty()) out += ",";
    out += CategoryName(c);
  }
  return out.empty() ? "(nothing)" : out;
}

int CmdSite(Context& ctx, std::vector<std::string>& args) {
  if (args.empty()) return Usage("site needs list, show, allow, deny or forget");
  const std::string sub = args[0];
  if (sub == "list") {
    auto vault = OpenUnlocked(ctx);
    if (!vault.ok()) return Fail(vault.status());
    auto sites = (*vault)->ListSites();
    if (!sites.ok()) return Fail(sites.status());
    json out = json::array();
    for (const SiteSummary& s : *sites) {
      if (ctx.json_output) {
        json allow = json::array();
        for (Category c : s.policy.allow.List()) allow.push_back(CategoryName(c));
        out.push_back({{"site", s.site.ToString()},
                       {"allow", allow},
                       {"auto_card", s.policy.auto_card},
                       {"last_shared", s.last_shared ? json(FormatTime(*s.last_shared)) : json()}});
      } else {
        std::printf("%-32s %-40s %s\n", s.site.ToString().c_str(), AllowText(s.policy).c_str(),
                    s.last_shared ? FormatTime(*s.last_shared).c_str() : "never shared");
      }
    }
    if (ctx.json_output) PrintJson(out);
    if (!ctx.json_output && sites->empty()) std::printf("no sites yet\n");
    return kExitOk;
  }
  if (args.size() < 2) return Usage("site " + sub + " needs a URL");
  auto site = SiteFromUrl(args[1]);
  if (!site.ok()) return Fail(site.status());
  if (sub != "show" && sub != "allow" && sub != "deny" && sub != "forget") {
    return Usage("site needs list, show, allow, deny or forget");
  }
  if ((sub == "allow" || sub == "deny") && args.size() < 3) {
    return Usage("site " + sub + " URL CATEGORY...");
  }
  CategorySet named;
  bool all = false;
  for (size_t i = 2; i < args.size(); ++i) {
    if (args[i] == "all") {
      all = true;
      continue;
    }
    auto category = CategoryFromName(args[i]);
    if (!category) return Usage("unknown category " + args[i]);
    named.Add(*category);
  }
  auto vault = OpenUnlocked(ctx);
  if (!vault.ok()) return Fail(vault.status());
  if (sub == "forget") {
    Status forgotten = (*vault)->ForgetSite(*site);
    if (!forgotten.ok()) return Fail(forgotten);
    std::printf("forgot %s\n", site->ToString().c_str());
    return kExitOk;
  }
  auto policy = (*vault)->GetSite(*site);
  if (!policy.ok()) return Fail(policy.status());
  if (sub == "allow" || sub == "deny") {
    for (Category c : kAllCategories) {
      const bool mentioned = all || named.Has(c);
      if (!mentioned) continue;
      if (sub == "allow") {
        policy->allow.Add(c);
      } else {
        policy->allow.Remove(c);
      }
    }
    Status saved = (*vault)->SetSite(*site, *policy);
    if (!saved.ok()) return Fail(saved);
  }
  std::printf("%s: %s\n", site->ToString().c_str(), AllowText(*policy).c_str());
  return kExitOk;
}

int CmdLedger(Context& ctx, std::vector<std::string>& args) {
  if (args.empty()) return Usage("ledger needs show or verify");
  if (args[0] == "verify") {
    auto vault = OpenUnlocked(ctx);
    if (!vault.ok()) return Fail(vault.status());
    auto check = (*vault)->VerifyLedger();
    if (!check.ok()) return Fail(check.status());
    if (check->ok) {
      std::printf("ledger intact: %lld entries\n", static_cast<long long>(check->entries));
      return kExitOk;
    }
    std::printf("ledger ALTERED: %s\n", check->problem.c_str());
    return kExitFailed;
  }
  if (args[0] != "show") return Usage("ledger needs show or verify");
  std::optional<Site> site;
  int limit = 50;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--site" && i + 1 < args.size()) {
      auto parsed = SiteFromUrl(args[++i]);
      if (!parsed.ok()) return Fail(parsed.status());
      site = *parsed;
    } else if (args[i] == "--limit" && i + 1 < args.size()) {
      try {
        limit = std::stoi(args[++i]);
      } catch (...) {
        return Usage("--limit takes a number");
      }
    } else {
      return Usage("unexpected argument: " + args[i]);
    }
  }
  auto vault = OpenUnlocked(ctx);
  if (!vault.ok()) return Fail(vault.status());
  auto page = (*vault)->ListLedger(site, limit, std::nullopt);
  if (!page.ok()) return Fail(page.status());
  json out = json::array();
  for (const LedgerEntry& e : page->entries) {
    std::string fields;
    for (const std::string& f : e.fields) fields += (fields.empty() ? "" : ",") + f;
    if (ctx.json_output) {
      out.push_back(
          {{"seq", e.seq}, {"time", FormatTime(e.time)}, {"site", e.site}, {"fields", e.fields}});
    } else {
      std::printf("%s  %-32s %s\n", FormatTime(e.time).c_str(), e.site.c_str(), fields.c_str());
    }
  }
  if (ctx.json_output) PrintJson(out);
  if (!ctx.json_output && page->entries.empty()) std::printf("nothing shared yet\n");
  return kExitOk;
}

int CmdExport(Context& ctx, std::vector<std::string>& args) {
  if (args.size() != 1) return Usage("export FILE");
  const fs::path file = args[0];
  std::error_code ec;
  if (fs::exists(file, ec))
    return Fail(Status(ErrorCode::kIoError, file.string() + " exists already"));
  auto vault = OpenUnlocked(ctx);
  if (!vault.ok()) return Fail(vault.status());
  auto password = ctx.prompter.AskNew("Backup password");
  if (!password.ok()) return Fail(password.status());
  auto bytes = ExportBackup(**vault, password->reveal(), ctx.cost);
  if (!bytes.ok()) return Fail(bytes.status());
  {
    std::ofstream out(file, std::ios::binary);
    out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    if (!out) return Fail(Status(ErrorCode::kIoError, "cannot write " + file.string()));
  }
  Status private_file = MakePrivateFile(file);
  if (!private_file.ok()) return Fail(private_file);
  std::printf("wrote an encrypted backup to %s\n", file.string().c_str());
  return kExitOk;
}

int CmdImport(Context& ctx, std::vector<std::string>& args) {
  if (args.size() != 1) return Usage("import FILE");
  std::ifstream in(args[0], std::ios::binary);
  if (!in) return Fail(Status(ErrorCode::kIoError, "cannot read " + args[0]));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto vault = OpenUnlocked(ctx);
  if (!vault.ok()) return Fail(vault.status());
  auto password = ctx.prompter.Ask("Backup password");
  if (!password.ok()) return Fail(password.status());
  Status imported = ImportBackup(**vault, bytes, password->reveal());
  if (!imported.ok()) return Fail(imported);
  std::printf("imported %s\n", args[0].c_str());
  return kExitOk;
}

struct CommandEntry {
  const char* name;
  int (*run)(Context&, std::vector<std::string>&);
};

constexpr CommandEntry kCommands[] = {
    {"init", CmdInit},         {"status", CmdStatus},   {"passwd", CmdPasswd},
    {"settings", CmdSettings}, {"profile", CmdProfile}, {"address", CmdAddress},
    {"card", CmdCard},         {"site", CmdSite},       {"ledger", CmdLedger},
    {"export", CmdExport},     {"import", CmdImport},
};

}  // namespace

int Main(int argc, char** argv) {
  HardenProcess();
  Context ctx;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--password-stdin") {
      ctx.password_stdin = true;
    } else if (arg == "--json") {
      ctx.json_output = true;
    } else if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return kExitOk;
    } else if (arg == "--version") {
      std::printf("pims %s\n", build::kVersion);
      return kExitOk;
    } else {
      args.push_back(std::move(arg));
    }
  }
  if (args.empty()) {
    std::fputs(kUsage, stderr);
    return kExitUsage;
  }
  ctx.prompter = Prompter(ctx.password_stdin);
  const Environment env = Environment::Process();
  auto dir = DataDir(env);
  if (!dir.ok()) return Fail(dir.status());
  ctx.vault_file = VaultFile(*dir);
  if (env.get("PIMS_KDF") == std::optional<std::string>("minimum")) {
    ctx.cost = PasswordHashing::Minimum();
  }
  const std::string command = args.front();
  args.erase(args.begin());
  for (const CommandEntry& entry : kCommands) {
    if (command == entry.name) return entry.run(ctx, args);
  }
  return Usage("unknown command " + command);
}

}  // namespace pims::cli

int main(int argc, char** argv) { return pims::cli::Main(argc, argv); }
