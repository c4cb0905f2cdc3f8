// site list / show / allow / deny / never / forget
#include <iomanip>
#include <ostream>

#include "cli/command.h"

namespace pims::cli {
namespace {

std::string Names(CategorySet set) {
  std::string out;
  for (Category c : set.List()) {
    if (!out.empty()) out += ",";
    out += CategoryName(c);
  }
  return out;
}

// What the site may receive, then what the shopper refused it ("never for this shop").
std::string AllowText(const SitePolicy& policy) {
  std::string out = policy.allow.empty() ? "(nothing)" : Names(policy.allow);
  if (!policy.deny.empty()) out += "; never: " + Names(policy.deny);
  return out;
}

int ListSites(Invocation& run) {
  auto vault = run.OpenUnlocked();
  if (!vault.ok()) return run.Fail(vault.status());
  auto sites = (*vault)->ListSites();
  if (!sites.ok()) return run.Fail(sites.status());
  if (run.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const SiteSummary& s : *sites) out.push_back(SiteSummaryToJson(s));
    run.PrintJson(out);
    return kExitOk;
  }
  for (const SiteSummary& s : *sites) {
    run.out << std::left << std::setw(32) << s.site.ToString() << " " << std::setw(40)
            << AllowText(s.policy) << std::right << " "
            << (s.last_shared ? FormatTime(*s.last_shared) : "never shared") << "\n";
  }
  if (sites->empty()) run.out << "no sites yet\n";
  return kExitOk;
}

// The categories named after the URL ("all": every one).
Result<CategorySet> NamedCategories(Invocation& run) {
  CategorySet named;
  for (size_t i = 2; i < run.args.size(); ++i) {
    if (run.args[i] == "all") return CategorySet::All();
    auto category = CategoryFromName(run.args[i]);
    if (!category) return Status(ErrorCode::kBadRequest, "unknown category " + run.args[i]);
    named.Add(*category);
  }
  return named;
}

}  // namespace

int CmdSite(Invocation& run) {
  const std::string sub = run.args.empty() ? "" : run.args[0];
  if (sub == "list") return ListSites(run);
  if (sub != "show" && sub != "allow" && sub != "deny" && sub != "never" && sub != "forget") {
    return run.Usage("site needs list, show, allow, deny, never or forget");
  }
  if (run.args.size() < 2) return run.Usage("site " + sub + " needs a URL");
  auto page = SiteAndHostFromUrl(run.args[1]);
  if (!page.ok()) return run.Fail(page.status());
  const Site* site = &page->site;
  const bool edit = sub == "allow" || sub == "deny" || sub == "never";
  if (edit && run.args.size() < 3) return run.Usage("site " + sub + " URL CATEGORY...");
  auto named = NamedCategories(run);
  if (!named.ok()) return run.Usage(named.status().message());

  auto vault = run.OpenUnlocked();
  if (!vault.ok()) return run.Fail(vault.status());
  if (sub == "forget") {
    Status forgotten = (*vault)->ForgetSite(*site);
    if (!forgotten.ok()) return run.Fail(forgotten);
    run.out << "forgot " << site->ToString() << "\n";
    return kExitOk;
  }
  auto policy = (*vault)->GetSite(*site);
  if (!policy.ok()) return run.Fail(policy.status());
  if (edit) {
    // A category is in one state: allowed, refused (never), or undecided (deny takes the
    // permission away and leaves a refusal as it was).
    for (Category c : named->List()) {
      if (sub == "allow") {
        policy->allow.Add(c);
        policy->deny.Remove(c);
      } else {
        policy->allow.Remove(c);
        if (sub == "never") policy->deny.Add(c);
      }
    }
    // Allowing on a URL is consent given on its host: automatic fills go there.
    if (sub == "allow") AddConsentHost(*policy, page->host);
    Status saved = (*vault)->SetSite(*site, *policy);
    if (!saved.ok()) return run.Fail(saved);
  }
  run.out << site->ToString() << ": " << AllowText(*policy) << "\n";
  if (sub == "show" && !policy->hosts.empty()) {
    run.out << "  fills by itself on:";
    for (const std::string& host : policy->hosts) run.out << " " << host;
    run.out << " (other hosts of the site: only when you ask)\n";
  }
  return kExitOk;
}

}  // namespace pims::cli
