// The fill, step by step and whole, against a real vault file in a temporary folder:
//  - the decision for the 40-field form: the site's policy read and opened, the form
//    classified, the plan made and every allowed value decrypted (no write);
//  - one ledger append: an entry sealed and chained, committed in its own transaction;
//  - Vault::Fill: both of the above, as pims-host runs it;
//  - Session::Handle: the fill request as parsed JSON in, the reply JSON out (everything but
//    the pipe).
#include <benchmark/benchmark.h>

#include <vector>

#include "bench_requests.h"
#include "checkout_form.h"
#include "pims/classify.h"
#include "pims/request.h"
#include "pims/session.h"
#include "seeded_vault.h"
#include "store/database.h"
#include "support/temp_dir.h"
#include "vault/vault_impl.h"

namespace pims {
namespace {

struct Fixture {
  testing::TempDir dir;
  std::unique_ptr<Vault> vault;
  Site shop;
  std::vector<FieldDescriptor> form = bench::CheckoutForm();

  Fixture() {
    auto seeded = bench::SeedVault(dir / "vault.db", {}, SystemClock());
    auto site = SiteFromUrl(bench::kShopUrl);
    if (!seeded.ok() || !site.ok()) std::abort();
    vault = std::move(seeded).value();
    shop = *site;
  }
};

void BM_FillDecision40(benchmark::State& state) {
  Fixture f;
  Vault::Impl& v = f.vault->internals();
  const FieldClassifier& classifier = HeuristicClassifier();
  for (auto _ : state) {
    auto result =
        v.DecideFill(f.shop, v.SiteLookup(f.shop), FillTrigger::kGesture, f.form, classifier);
    if (!result.ok() || result->fills.empty()) state.SkipWithError("the decision filled nothing");
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_FillDecision40)->Unit(benchmark::kMicrosecond);

void BM_LedgerAppend(benchmark::State& state) {
  Fixture f;
  Vault::Impl& v = f.vault->internals();
  const crypto::Hash lookup = v.SiteLookup(f.shop);
  const std::vector<std::string> fields{"given-name",  "family-name", "email",     "street-address",
                                        "postal-code", "country",     "cc-number", "cc-exp"};
  for (auto _ : state) {
    Status s = store::WriteTransaction(
        *v.db, [&] { return v.AppendLedger(f.shop, lookup, fields, v.clock.NowMillis()); });
    if (!s.ok()) state.SkipWithError("append failed");
  }
}
BENCHMARK(BM_LedgerAppend)->Unit(benchmark::kMicrosecond);

void BM_VaultFill40(benchmark::State& state) {
  Fixture f;
  const FieldClassifier& classifier = HeuristicClassifier();
  for (auto _ : state) {
    auto result = f.vault->Fill(f.shop, FillTrigger::kGesture, f.form, classifier);
    if (!result.ok() || result->fills.empty()) state.SkipWithError("the fill filled nothing");
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_VaultFill40)->Unit(benchmark::kMicrosecond);

void BM_SessionFill40(benchmark::State& state) {
  testing::TempDir dir;
  {
    auto seeded = bench::SeedVault(dir / "vault.db", {}, SystemClock());
    if (!seeded.ok()) std::abort();
  }
  Session session(SessionConfig{.vault_file = dir / "vault.db"});
  auto unlock = std::get<Request>(ParseRequest(bench::UnlockRequest(1).dump()));
  if (!session.Handle(unlock).value("ok", false)) std::abort();
  const auto fill = std::get<Request>(ParseRequest(bench::FillRequest(2).dump()));
  for (auto _ : state) {
    nlohmann::json reply = session.Handle(fill);
    if (!reply.value("ok", false)) state.SkipWithError("the fill failed");
    benchmark::DoNotOptimize(reply);
  }
}
BENCHMARK(BM_SessionFill40)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace pims
