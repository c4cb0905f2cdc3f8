// The host's whole conversation with the browser, in one straight line:
//   bytes -> frames (frame.h) -> requests (request.h) -> the session (session.h) -> replies
//   -> frames -> bytes,
// until the stream ends. pims-host's main() only sets up and calls Serve(); tests and fuzzers
// call it in-process with memory streams.
//
// What Serve promises (docs/protocol.md, "Exit codes"):
//  - every frame gets exactly one reply, in order; a reply never holds more than kMaxReplyBytes;
//  - a frame announcing more than kMaxRequestBytes gets too_large (id null) and is skipped
//    without being buffered; a payload that is not a request gets its error with the id when it
//    could be read;
//  - a caller that is not the pims extension gets caller_refused for its first frame, then the
//    conversation ends (kCallerRefused);
//  - the vault locks itself when idle (Session::Tick), also while no frame comes, and then the
//    host sends the event {"event": "locked"} (no id: it answers no request);
//  - request and reply bytes are wiped once handled; the log names verbs, ids and outcomes, never
//    a body.
// Serve never throws except std::bad_alloc.
#pragma once

#include <functional>
#include <string_view>

#include "pims/caller.h"
#include "pims/platform.h"
#include "pims/session.h"

namespace pims {

// How a conversation ended; the values are pims-host's exit codes.
enum class ServeEnd {
  kEndOfStream = 0,    // the browser closed the stream on a frame boundary
  kBrokenStream = 3,   // the input broke mid-frame (or failed); a bad_frame reply was sent
  kCallerRefused = 4,  // the caller is not the pims extension; caller_refused was sent
  kOutputClosed = 5,   // the output is closed or failed: nobody is listening
};

// A line of the host's log (PIMS_HOST_LOG), without secrets.
using ServeLog = std::function<void(std::string_view line)>;

ServeEnd Serve(ByteInput& input, ByteOutput& output, Session& session, const Result<Caller>& caller,
               const ServeLog& log = {});

}  // namespace pims
