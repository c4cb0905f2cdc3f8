// Native messaging framing: pure functions over bytes, no I/O.
//
// On the wire every message is a 4-byte length in the machine's native byte order followed by
// that many bytes of UTF-8 JSON (docs/architecture.md, "Shared names and contracts"). The browser
// accepts at most 1 MiB from the host; the host documents its own limit for what it accepts
// (kMaxRequestBytes) and refuses a larger frame with a too_large reply instead of allocating for
// it.
//
// Everything here is bounded before it allocates and throws nothing except std::bad_alloc, so it
// can be fed arbitrary bytes (tests/fuzz/).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "pims/status.h"

namespace pims {

// The largest frame the host accepts from the browser (documented in docs/protocol.md).
inline constexpr size_t kMaxRequestBytes = 1 << 20;
// The largest frame the host may send to the browser: Chrome's limit (Firefox allows more).
inline constexpr size_t kMaxReplyBytes = 1 << 20;
// How deep JSON arrays and objects may nest in a request. Deeper requests are refused before
// nlohmann::json sees them, so nothing downstream (dump, handlers) recurses without bound.
inline constexpr int kMaxJsonDepth = 64;

// Returns the 4-byte length prefix in native byte order followed by the payload.
// REQUIRES: payload.size() <= UINT32_MAX (asserted; replies are capped far lower by
// SerializeReply).
std::string EncodeFrame(std::string_view payload);

// A push decoder for the browser -> host byte stream.
//
// Feed() the bytes as they arrive, split anywhere (even one byte at a time), then call Next()
// until it returns kNeedMore. Feed() does the decoding; Next() hands out what it found, in stream
// order.
//
// Memory: for each frame the decoder allocates at most min(announced length, max_frame) bytes,
// and kPayloadSlack more.
// A frame whose length prefix exceeds max_frame yields kTooLarge exactly once (carrying the
// announced length); its body is then discarded as it arrives, inside Feed(), without being
// buffered, and decoding carries on with the next frame. Frames decoded but not yet taken with
// Next() stay queued, so a caller should drain Next() after every Feed().
//
// A zero-length frame is a kFrame with an empty payload (which ParseRequest then refuses as
// bad_json: an empty text is not JSON).
//
// Thread-safety: none; one decoder per stream.
class FrameDecoder {
 public:
  explicit FrameDecoder(size_t max_frame = kMaxRequestBytes);

  // Consumes all of bytes. The view need not outlive the call.
  void Feed(std::string_view bytes);

  enum class Event {
    kNeedMore,  // nothing decoded is waiting: Feed() more bytes (or Finish() at end of stream)
    kFrame,     // a complete frame: payload holds its body
    kTooLarge,  // a frame longer than max_frame was announced; its body is being skipped
  };
  // A kFrame payload of n > 0 bytes has a capacity of at least n + kPayloadSlack, so that a
  // parser that reads past the end of its input (simdjson reads up to 64 bytes beyond) parses it
  // in place instead of copying it first.
  static constexpr size_t kPayloadSlack = 64;
  struct Output {
    Event event = Event::kNeedMore;
    std::string payload;     // kFrame: the frame's body (possibly empty); otherwise empty
    uint64_t announced = 0;  // kFrame and kTooLarge: the frame's length prefix
  };
  // The next decoded event, or kNeedMore when none is waiting.
  Output Next();

  // Call at end of stream. OK if the stream ended on a frame boundary (frames still queued can
  // be taken with Next() regardless); otherwise kBadFrame, with a message that tells a
  // truncated length prefix (1-3 of 4 bytes) from a body shorter than announced ("X of Y bytes").
  Status Finish() const;

  // True while inside the body of a too-large frame that is being skipped. Like Finish(), it
  // describes the stream as fed so far, which may be ahead of the events Next() has handed out.
  bool skipping() const { return state_ == State::kSkip; }

 private:
  enum class State { kHeader, kBody, kSkip };

  void StartFrame();

  size_t max_frame_;
  State state_ = State::kHeader;
  unsigned char prefix_[4] = {};
  size_t prefix_len_ = 0;     // kHeader: bytes of the length prefix seen so far
  uint32_t announced_ = 0;    // kBody, kSkip: the current frame's length prefix
  std::string body_;          // kBody: the body so far (capacity reserved once)
  uint64_t skipped_ = 0;      // kSkip: body bytes discarded so far
  std::deque<Output> ready_;  // decoded, not yet taken by Next()
};

// Checks, in one linear pass without allocating, that text
//  - is valid UTF-8: no stray continuation bytes, overlong forms, surrogates (U+D800..U+DFFF),
//    code points above U+10FFFF or truncated sequences; and
//  - nests JSON arrays and objects at most max_depth deep, counting brackets outside strings
//    (honouring backslash escapes inside strings).
// It does not check that text is JSON; a parser does that next, knowing it is safe to run.
// Errors (kBadJson): "not valid UTF-8 at byte N" (N counts from 0, at the start of the bad
// sequence) or "JSON nests deeper than <max_depth> levels".
Status CheckJsonText(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace pims
