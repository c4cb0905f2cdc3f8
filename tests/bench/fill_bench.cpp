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
#include "ledger/ledger.h"
#include "pims/classify.h"
#include "pims/request.h"
#include "pims/serve.h"
#include "pims/session.h"
#include "seeded_vault.h"
#include "store/sealed_store.h"
#include "support/memory_streams.h"
#include "support/temp_dir.h"
#include "vault/fill_decision.h"

namespace pims {
namespace {

struct Fixture {
  testing::TempDir dir;
  std::unique_ptr<Vault> vault;
  Site shop;
  std::vector<FieldDescriptor> form = bench::CheckoutForm();
  std::vector<std::optional<AutofillToken>> tokens;

  Fixture() {
    auto seeded = bench::SeedVault(dir / "vault.db", {}, SystemClock());
    auto site = SiteFromUrl(bench::kShopUrl);
    if (!seeded.ok() || !site.ok()) std::abort();
    vault = std::move(seeded).value();
    shop = *site;
    tokens = HeuristicClassifier().Classify(form);
  }
};

// The vault's modules on their own connection to the fixture's file, for one step alone.
struct Modules {
  std::unique_ptr<SealedStore> store;
  std::unique_ptr<SiteStore> sites;
  std::unique_ptr<ProfileStore> profile;
  std::unique_ptr<Ledger> ledger;

  explicit Modules(const Fixture& f) {
    auto opened = SealedStore::Open(f.dir / "vault.db", SystemClock());
    if (!opened.ok() || !(*opened)->Unlock(bench::kPassword).ok()) std::abort();
    store = std::move(opened).value();
    sites = std::make_unique<SiteStore>(*store);
    profile = std::make_unique<ProfileStore>(*store);
    ledger = std::make_unique<Ledger>(*store, *sites);
  }
};

void BM_FillDecision40(benchmark::State& state) {
  Fixture f;
  Modules m(f);
  const FieldClassifier& classifier = HeuristicClassifier();
  for (auto _ : state) {
    const auto tokens = classifier.Classify(f.form);
    auto decision =
        DecideFill(*m.sites, *m.profile, f.shop, FillTrigger::kGesture, f.form, tokens, true);
    if (!decision.ok() || decision->result.fills.empty()) {
      state.SkipWithError("the decision filled nothing");
    }
    benchmark::DoNotOptimize(decision);
  }
}
BENCHMARK(BM_FillDecision40)->Unit(benchmark::kMicrosecond);

void BM_LedgerAppend(benchmark::State& state) {
  Fixture f;
  Modules m(f);
  const std::vector<std::string> fields{"given-name",  "family-name", "email",     "street-address",
                                        "postal-code", "country",     "cc-number", "cc-exp"};
  for (auto _ : state) {
    Status s = m.store->Write(
        [&] { return m.ledger->Append(f.shop, fields, m.store->clock().NowMillis()); });
    if (!s.ok()) state.SkipWithError("append failed");
  }
}
BENCHMARK(BM_LedgerAppend)->Unit(benchmark::kMicrosecond);

void BM_VaultFill40(benchmark::State& state) {
  Fixture f;
  const FieldClassifier& classifier = HeuristicClassifier();
  for (auto _ : state) {
    auto result = f.vault->Fill(f.shop, FillTrigger::kGesture, f.form, classifier.Classify(f.form));
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

// The whole pipeline as pims-host runs it, without the pipe: frames of the 40-field fill in,
// reply frames out, through pims::Serve (the fast parse, the session's classified forms, the
// vault, the reply's serialisation and wiping). 64 frames per iteration; the time is per frame.
void BM_ServeFill40(benchmark::State& state) {
  testing::TempDir dir;
  {
    auto seeded = bench::SeedVault(dir / "vault.db", {}, SystemClock());
    if (!seeded.ok()) std::abort();
  }
  Session session(SessionConfig{.vault_file = dir / "vault.db"});
  auto unlock = std::get<Request>(ParseRequest(bench::UnlockRequest(1).dump()));
  if (!session.Handle(unlock).value("ok", false)) std::abort();
  constexpr int kFrames = 64;
  std::string frames;
  for (int i = 0; i < kFrames; ++i) frames += EncodeFrame(bench::FillRequest(2 + i).dump());
  const Result<Caller> caller = Caller{Caller::Browser::kChrome, "bench"};
  for (auto _ : state) {
    testing::MemoryInput input(frames);
    testing::MemoryOutput output;
    if (Serve(input, output, session, caller) != ServeEnd::kEndOfStream) {
      state.SkipWithError("the conversation broke");
    }
    benchmark::DoNotOptimize(output.written);
  }
  state.SetItemsProcessed(state.iterations() * kFrames);
}
BENCHMARK(BM_ServeFill40)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pims
