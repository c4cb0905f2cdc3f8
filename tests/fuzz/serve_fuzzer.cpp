// The whole pipeline: arbitrary bytes as the browser -> host stream, split where the first byte
// says, through pims::Serve to a real session with a vault in a temporary folder. Whatever comes
// in, what goes out is whole frames of JSON replies, each with an id and "ok".
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz/fuzz_session.h"
#include "pims/request.h"
#include "pims/serve.h"
#include "support/memory_streams.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t chunk = data[0] % 16;  // 0: as much as the reader takes
  pims::testing::MemoryInput input(std::string(reinterpret_cast<const char*>(data) + 1, size - 1),
                                   chunk);
  pims::testing::MemoryOutput output;
  const pims::Result<pims::Caller> caller =
      pims::Caller{pims::Caller::Browser::kFirefox, "pims@example"};
  const pims::ServeEnd end = pims::Serve(input, output, pims::fuzz::TheSession(), caller);
  if (end == pims::ServeEnd::kCallerRefused || end == pims::ServeEnd::kOutputClosed) abort();
  for (const nlohmann::json& reply : pims::testing::DecodeReplies(output.written)) {
    if (!reply.is_object() || !reply.contains("id") || !reply.contains("ok")) abort();
  }
  return 0;
}
