// The protocol's byte work on the hot path: the fill request of the 40-field form coming in
// (frame decoding, then parsing and checking the JSON) and its reply going out.
#include <benchmark/benchmark.h>

#include <string>

#include "bench_requests.h"
#include "pims/frame.h"
#include "pims/request.h"

namespace pims {
namespace {

void BM_DecodeFillFrame(benchmark::State& state) {
  const std::string frame = EncodeFrame(bench::FillRequest(1).dump());
  FrameDecoder decoder;
  for (auto _ : state) {
    decoder.Feed(frame);
    FrameDecoder::Output out = decoder.Next();
    benchmark::DoNotOptimize(out.payload.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(frame.size()));
}
BENCHMARK(BM_DecodeFillFrame)->Unit(benchmark::kMicrosecond);

// The floor of any parse with nlohmann::json: reading the text and checking its syntax, with
// no document built (json::accept).
void BM_LexFillRequest(benchmark::State& state) {
  const std::string payload = bench::FillRequest(1).dump();
  for (auto _ : state) {
    const bool valid = nlohmann::json::accept(payload);
    benchmark::DoNotOptimize(valid);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(payload.size()));
}
BENCHMARK(BM_LexFillRequest)->Unit(benchmark::kMicrosecond);

void BM_ParseFillRequest(benchmark::State& state) {
  const std::string payload = bench::FillRequest(1).dump();
  for (auto _ : state) {
    auto parsed = ParseRequest(payload);
    benchmark::DoNotOptimize(parsed);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(payload.size()));
}
BENCHMARK(BM_ParseFillRequest)->Unit(benchmark::kMicrosecond);

// A reply the size of a 40-field fill's: 26 fills, a few withheld and unknown refs.
nlohmann::json FillReply() {
  nlohmann::json fills = nlohmann::json::array();
  for (int i = 1; i <= 26; ++i) {
    std::string ref = "f";
    ref += std::to_string(i);  // not "f" + ...: GCC 12 warns falsely (-Wrestrict) at -O3
    fills.push_back({{"ref", ref},
                     {"value", "12 St James's Square, Flat 3"},
                     {"field", "street-address"},
                     {"category", "shipping_address"}});
  }
  return {{"id", 1},
          {"ok", true},
          {"site", "https://shop.example"},
          {"fills", fills},
          {"withheld", nlohmann::json::array()},
          {"unknown", {"f1", "f26", "f27", "f28", "f38", "f39", "f40"}},
          {"empty", {"f6", "f10"}}};
}

void BM_EncodeFillReplyFrame(benchmark::State& state) {
  const nlohmann::json reply = FillReply();
  for (auto _ : state) {
    std::string frame = EncodeFrame(SerializeReply(reply));
    benchmark::DoNotOptimize(frame.data());
  }
}
BENCHMARK(BM_EncodeFillReplyFrame)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace pims
