#include "pims/serve.h"

#include <string>

#include "pims/frame.h"
#include "pims/profile.h"
#include "pims/request.h"
#include "protocol/fill_parser.h"

namespace pims {
namespace {

using nlohmann::json;

constexpr size_t kReadBytes = 64 * 1024;

// Sends one reply frame, given as its text, and wipes every copy of it. False when the output
// is gone.
bool SendText(ByteOutput& output, std::string& payload) {
  std::string frame = EncodeFrame(payload);
  const bool sent = output.Write(frame);
  WipeString(payload);
  WipeString(frame);
  return sent;
}

bool SendReply(ByteOutput& output, json& reply) {
  std::string payload = SerializeReply(reply);
  WipeJson(reply);
  return SendText(output, payload);
}

// "ok" or the error code, read from the start of a reply's text (members in key order: an error
// reply begins {"error":{"code":"...", an OK reply has no "error").
std::string Outcome(std::string_view reply) {
  constexpr std::string_view kError = "{\"error\":{\"code\":\"";
  if (!reply.starts_with(kError)) return "ok";
  const std::string_view code = reply.substr(kError.size());
  return std::string(code.substr(0, std::min(code.find('"'), size_t{40})));
}

class Conversation {
 public:
  Conversation(ByteOutput& output, Session& session, const Result<Caller>& caller,
               const ServeLog& log)
      : output_(output), session_(session), caller_(caller), log_(log) {}

  // Answers every whole frame the decoder holds. nullopt while the conversation goes on.
  std::optional<ServeEnd> AnswerFrames(FrameDecoder& decoder) {
    for (;;) {
      FrameDecoder::Output frame = decoder.Next();
      if (frame.event == FrameDecoder::Event::kNeedMore) return std::nullopt;
      std::string reply;
      if (frame.event == FrameDecoder::Event::kTooLarge) {
        reply = SerializeReply(ErrorReply(
            nullptr,
            Status(ErrorCode::kTooLarge, "a request of " + std::to_string(frame.announced) +
                                             " bytes exceeds the host's limit of " +
                                             std::to_string(kMaxRequestBytes))));
        Log("too_large frame");
      } else if (!caller_.ok()) {
        reply = SerializeReply(ErrorReply(nullptr, caller_.status()));
        SendText(output_, reply);
        Log("refused caller");
        return ServeEnd::kCallerRefused;
      } else {
        reply = Answer(frame.payload);
      }
      if (!SendText(output_, reply)) return ServeEnd::kOutputClosed;
    }
  }

  void Log(std::string_view line) const {
    if (log_) log_(line);
  }

 private:
  // The reply's text.
  std::string Answer(std::string& payload) {
    std::optional<Request> fast = fill_parser_.Parse(payload);
    auto parsed =
        fast ? std::variant<Request, RequestError>(std::move(*fast)) : ParseRequest(payload);
    WipeString(payload);
    if (auto* error = std::get_if<RequestError>(&parsed)) {
      Log("bad request: " + std::string(error->status.code_name()));
      return SerializeReply(ErrorReply(error->id, error->status));
    }
    auto& request = std::get<Request>(parsed);
    const std::string what =
        log_ ? "verb=" + request.type.substr(0, 40) + " id=" + request.id.dump().substr(0, 40)
             : std::string();
    std::string reply = session_.HandleToText(std::move(request));  // wipes the request's body
    if (log_) Log(what + " -> " + Outcome(reply));
    return reply;
  }

  ByteOutput& output_;
  Session& session_;
  FillParser fill_parser_;
  const Result<Caller>& caller_;
  const ServeLog& log_;
};

}  // namespace

ServeEnd Serve(ByteInput& input, ByteOutput& output, Session& session, const Result<Caller>& caller,
               const ServeLog& log) {
  Conversation conversation(output, session, caller, log);
  conversation.Log(caller.ok() ? "start caller=" + caller->extension_id : "start caller refused");
  FrameDecoder decoder;
  // Not zeroed: only the pages a read fills become resident (a status is one page, not 64 KiB).
  const std::unique_ptr<char[]> storage(new char[kReadBytes]);
  const std::span<char> buffer(storage.get(), kReadBytes);
  for (;;) {
    const ByteInput::ReadResult read = input.Read(buffer, session.Tick());
    if (session.TakeAutoLock()) {
      // Not a reply: an event, without an id, that the extension tells apart by "event".
      json event = {{"event", "locked"}};
      if (!SendReply(output, event)) return ServeEnd::kOutputClosed;
      conversation.Log("event locked");
    }
    if (read.event == ByteInput::Event::kTimeout) continue;  // Tick() locked an idle vault
    if (read.event != ByteInput::Event::kData) break;
    decoder.Feed(std::string_view(buffer.data(), read.bytes));
    Wipe(buffer.data(), read.bytes);
    if (auto end = conversation.AnswerFrames(decoder)) return *end;
  }
  const Status end = decoder.Finish();
  if (!end.ok()) {
    json reply = ErrorReply(nullptr, end);
    SendReply(output, reply);
    conversation.Log("stream broken: " + end.message());
    return ServeEnd::kBrokenStream;
  }
  conversation.Log("end of stream");
  return caller.ok() ? ServeEnd::kEndOfStream : ServeEnd::kCallerRefused;
}

}  // namespace pims
