// init, status, passwd, settings
#include <charconv>
#include <ostream>

#include "cli/command.h"
#include "pims/build_config.h"

namespace pims::cli {

namespace fs = std::filesystem;

int CmdInit(Invocation& run) {
  if (!run.args.empty()) return run.Usage("init takes no arguments");
  auto password = run.context.prompter->AskNew("New master password");
  if (!password.ok()) return run.Fail(password.status());
  auto vault = Vault::Create(run.context.vault_file, password->reveal(), run.context.cost,
                             *run.context.clock);
  if (!vault.ok()) return run.Fail(vault.status());
  run.out << "created the vault at " << run.context.vault_file.string() << "\n";
  return kExitOk;
}

int CmdStatus(Invocation& run) {
  std::error_code ec;
  std::string state = "absent";
  if (fs::exists(run.context.vault_file, ec)) {
    auto vault = Vault::Open(run.context.vault_file, *run.context.clock);
    state = vault.ok() ? "present" : std::string(vault.status().code_name());
  }
  if (run.json) {
    run.PrintJson({{"vault", state},
                   {"path", run.context.vault_file.string()},
                   {"version", build::kVersion}});
  } else {
    run.out << "vault: " << state << " (" << run.context.vault_file.string() << ")\npims "
            << build::kVersion << "\n";
  }
  return kExitOk;
}

int CmdPasswd(Invocation& run) {
  if (!run.args.empty()) return run.Usage("passwd takes no arguments");
  auto vault = Vault::Open(run.context.vault_file, *run.context.clock);
  if (!vault.ok()) return run.Fail(vault.status());
  auto old_password = run.context.prompter->Ask("Current master password");
  if (!old_password.ok()) return run.Fail(old_password.status());
  auto new_password = run.context.prompter->AskNew("New master password");
  if (!new_password.ok()) return run.Fail(new_password.status());
  Status changed = (*vault)->ChangePassword(old_password->reveal(), new_password->reveal());
  if (!changed.ok()) return run.Fail(changed);
  run.out << "the master password was changed\n";
  return kExitOk;
}

int CmdSettings(Invocation& run) {
  std::optional<int> autolock;
  for (size_t i = 0; i < run.args.size(); ++i) {
    if (run.args[i] != "--autolock" || i + 1 == run.args.size()) {
      return run.Usage("settings takes only --autolock MINUTES");
    }
    const std::string& text = run.args[++i];
    int minutes = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), minutes);
    if (ec != std::errc() || end != text.data() + text.size()) {
      return run.Usage("--autolock takes a number of minutes");
    }
    autolock = minutes;
  }
  auto vault = run.OpenUnlocked();
  if (!vault.ok()) return run.Fail(vault.status());
  auto settings = (*vault)->GetSettings();
  if (!settings.ok()) return run.Fail(settings.status());
  if (autolock) {
    settings->autolock_minutes = *autolock;
    Status saved = (*vault)->SetSettings(*settings);
    if (!saved.ok()) return run.Fail(saved);
  }
  if (run.json) {
    run.PrintJson({{"autolock_minutes", settings->autolock_minutes}});
  } else {
    run.out << "auto-lock: " << settings->autolock_minutes << " minutes"
            << (settings->autolock_minutes == 0 ? " (never)" : "") << "\n";
  }
  return kExitOk;
}

}  // namespace pims::cli
