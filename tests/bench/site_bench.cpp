// Site normalisation (URL -> scheme + registrable domain through the Public Suffix List), done
// once per fill and per site.* request.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "pims/site.h"

namespace pims {
namespace {

void BM_SiteFromUrl(benchmark::State& state) {
  const std::vector<std::string> urls = {
      "https://www.shop.co.uk/checkout?step=2#payment",
      "https://checkout.example.com/cart",
      "https://user:pass@Shop.Example.DE:8443/kasse",
      "http://127.0.0.1:8080/test",
      "https://pims-shop.github.io/checkout",
      "https://xn--shp-una.example/checkout",
      "https://[2001:db8::1]/pay",
      "https://a.b.c.d.e.example.com.au/",
  };
  size_t i = 0;
  for (auto _ : state) {
    auto site = SiteFromUrl(urls[i++ % urls.size()]);
    benchmark::DoNotOptimize(site);
  }
}
BENCHMARK(BM_SiteFromUrl)->Unit(benchmark::kNanosecond);

}  // namespace
}  // namespace pims
