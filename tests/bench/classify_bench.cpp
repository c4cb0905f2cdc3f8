// How long the heuristic classifier takes for the 40-field checkout form (checkout_form.h).
#include <benchmark/benchmark.h>

#include <vector>

#include "checkout_form.h"
#include "pims/classify.h"

namespace pims {
namespace {

void BM_Classify40FieldForm(benchmark::State& state) {
  const std::vector<FieldDescriptor> form = bench::CheckoutForm();
  const FieldClassifier& classifier = HeuristicClassifier();
  for (auto _ : state) {
    auto tokens = classifier.Classify(form);
    benchmark::DoNotOptimize(tokens);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(form.size()));
}
BENCHMARK(BM_Classify40FieldForm)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace pims
