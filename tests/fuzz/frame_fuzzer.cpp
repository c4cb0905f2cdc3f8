// The browser -> host byte stream: framing, then request parsing, then reply serialisation.
#include <cstdint>
#include <string_view>

#include "pims/frame.h"
#include "pims/request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // A small frame limit so the too-large path is reached often.
  pims::FrameDecoder decoder(size % 2 ? 64 : pims::kMaxRequestBytes);
  // Feed in uneven pieces, as pipes deliver them.
  size_t at = 0, step = 1;
  while (at < bytes.size()) {
    decoder.Feed(bytes.substr(at, step));
    at += step;
    step = step * 3 % 17 + 1;
    for (;;) {
      auto out = decoder.Next();
      if (out.event == pims::FrameDecoder::Event::kNeedMore) break;
      if (out.event != pims::FrameDecoder::Event::kFrame) continue;
      auto parsed = pims::ParseRequest(out.payload);
      nlohmann::json reply;
      if (auto* request = std::get_if<pims::Request>(&parsed)) {
        reply = pims::OkReply(request->id, {{"type", request->type}});
      } else {
        auto& error = std::get<pims::RequestError>(parsed);
        reply = pims::ErrorReply(error.id, error.status);
      }
      (void)pims::SerializeReply(reply, 256);
    }
  }
  (void)decoder.Finish();
  return 0;
}
