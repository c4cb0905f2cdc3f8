// ledger show / verify
#include <charconv>
#include <iomanip>
#include <ostream>

#include "cli/command.h"

namespace pims::cli {
namespace {

int VerifyLedger(Invocation& run) {
  auto vault = run.OpenUnlocked();
  if (!vault.ok()) return run.Fail(vault.status());
  auto check = (*vault)->VerifyLedger();
  if (!check.ok()) return run.Fail(check.status());
  if (check->ok) {
    run.out << "ledger intact: " << check->entries << " entries\n";
    return kExitOk;
  }
  run.out << "ledger ALTERED: " << check->problem << "\n";
  return kExitFailed;
}

}  // namespace

int CmdLedger(Invocation& run) {
  const std::string sub = run.args.empty() ? "" : run.args[0];
  if (sub == "verify") return VerifyLedger(run);
  if (sub != "show") return run.Usage("ledger needs show or verify");
  std::optional<Site> site;
  int limit = 50;
  for (size_t i = 1; i < run.args.size(); ++i) {
    const std::string& arg = run.args[i];
    if (arg == "--site" && i + 1 < run.args.size()) {
      auto parsed = SiteFromUrl(run.args[++i]);
      if (!parsed.ok()) return run.Fail(parsed.status());
      site = *parsed;
    } else if (arg == "--limit" && i + 1 < run.args.size()) {
      const std::string& text = run.args[++i];
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
      if (ec != std::errc() || end != text.data() + text.size() || limit < 1) {
        return run.Usage("--limit takes a number from 1 to " + std::to_string(INT32_MAX));
      }
    } else {
      return run.Usage("unexpected argument: " + arg);
    }
  }
  auto vault = run.OpenUnlocked();
  if (!vault.ok()) return run.Fail(vault.status());
  auto page = (*vault)->ListLedger(site, limit, std::nullopt);
  if (!page.ok()) return run.Fail(page.status());
  if (run.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const LedgerEntry& e : page->entries) out.push_back(LedgerEntryToJson(e));
    run.PrintJson(out);
    return kExitOk;
  }
  for (const LedgerEntry& e : page->entries) {
    std::string fields;
    for (const std::string& f : e.fields) fields += (fields.empty() ? "" : ",") + f;
    run.out << FormatTime(e.time) << "  " << std::left << std::setw(32) << e.site << std::right
            << " " << fields << "\n";
  }
  if (page->entries.empty()) run.out << "nothing shared yet\n";
  return kExitOk;
}

}  // namespace pims::cli
