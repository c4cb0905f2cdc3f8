// The native messaging request and reply envelopes, and typed access to request fields.
//
// Request:  {"id": <number|string>, "type": "<verb>", ...verb's fields}
// Replies:  {"id": <same>, "ok": true, ...fields}
//           {"id": <same>, "ok": false,
//            "error": {"code": "<stable_code>", "message": "<human text>"[, "field": "<path>"]}}
// (docs/architecture.md, "Shared names and contracts"; every verb and code is listed in
// docs/protocol.md.)
//
// All functions are pure, run in time linear in their input and throw nothing except
// std::bad_alloc: every exception from nlohmann::json is caught here and becomes a Status.
// Error messages are built from field names and positions only, never from request content, so
// they cannot echo a password or a profile value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "pims/field.h"
#include "pims/frame.h"
#include "pims/json_fields.h"
#include "pims/status.h"

namespace pims {

// The longest string id the host accepts (it is echoed in every reply).
inline constexpr size_t kMaxIdBytes = 256;
// Numeric ids must be integers that a JavaScript number holds exactly: |id| <= 2^53 - 1.
inline constexpr int64_t kMaxSafeIntegerId = (int64_t{1} << 53) - 1;

// A parsed request envelope.
struct Request {
  nlohmann::json id;    // a string (at most kMaxIdBytes) or an integer within +-kMaxSafeIntegerId
  std::string type;     // the verb, as sent (the dispatcher decides whether it is known)
  nlohmann::json body;  // the whole request object, id and type included; handlers read it
  // A fill's descriptors when the fast path read them (protocol/fill_parser.h); `body` then
  // holds the request's other members only.
  std::optional<std::vector<FieldDescriptor>> fields;
};

// Why a payload is not a request, plus its id when that could be read, so that the reply can
// still echo it.
struct RequestError {
  Status status;
  nlohmann::json id;  // null when the id is unknown (not JSON, no id, or an id of the wrong kind)
};

// Parses one frame payload (the caller bounds its size: FrameDecoder, kMaxRequestBytes).
// Errors:
//  - kBadJson: not valid UTF-8, nested deeper than kMaxJsonDepth (both by CheckJsonText, before
//    parsing), or not JSON (the message gives the byte offset, not the text; an empty payload is
//    not JSON; a raw NUL byte anywhere is refused, as nlohmann::json would otherwise stop there
//    and ignore what follows). The id is null.
//  - kBadRequest, null id, no field: the JSON is not an object.
//  - kBadRequest, field "id", null id: no "id"; an id that is not a string or a number (null,
//    bool, array, object); a string id longer than kMaxIdBytes; a numeric id that is not an
//    integer in [-kMaxSafeIntegerId, kMaxSafeIntegerId] (1.5, 2^53, 1e300: the extension could
//    not match the echo). An integral float such as 7.0 is accepted and echoed as sent.
//  - kBadRequest, field "type", id echoed: no "type", or a "type" that is not a string.
std::variant<Request, RequestError> ParseRequest(std::string_view payload);

// {"id": id, "ok": true, ...fields}. fields must be an object (or null, meaning none); its "id"
// and "ok" members, if any, are ignored: the envelope's win. Anything else as fields is a bug in
// the caller and yields ErrorReply(id, internal) instead.
nlohmann::json OkReply(const nlohmann::json& id, nlohmann::json fields);

// {"id": id, "ok": false, "error": {"code": ..., "message": ...}}, with "field" inside "error"
// when error.field() is non-empty. An OK status (a bug in the caller) becomes an internal error.
nlohmann::json ErrorReply(const nlohmann::json& id, const Status& error);

// Serialises a reply compactly for the wire (the frame body, without the length prefix).
// Strings holding invalid UTF-8 are written with U+FFFD in place of the bad bytes, never thrown.
// If the text would exceed max_bytes, returns instead the serialised
// ErrorReply(reply["id"], too_large "reply of N bytes exceeds the 1 MiB limit"); should even
// that not fit (an id too long for a tiny max_bytes), the same reply with a null id.
// REQUIRES: max_bytes >= 160, room for the too_large reply with a null id.
std::string SerializeReply(const nlohmann::json& reply, size_t max_bytes = kMaxReplyBytes);

// Typed access to a request's fields, for handlers: JsonFields::OfRequest(body) (json_fields.h)
// one field at a time. body is normally Request::body, but any JSON object works (for nested
// objects, pass the nested object and its own key). Every error is kBadRequest with
// Status::field() set to the field name.

Result<std::string> RequireString(const nlohmann::json& body, std::string_view field);
// A password, held in wiping storage from the parse on.
Result<Secret> RequireSecret(const nlohmann::json& body, std::string_view field);
Result<std::optional<std::string>> OptionalString(const nlohmann::json& body,
                                                  std::string_view field);
// The pointers point into body and live as long as body does, unmodified.
Result<const nlohmann::json*> RequireArray(const nlohmann::json& body, std::string_view field);
Result<const nlohmann::json*> RequireObject(const nlohmann::json& body, std::string_view field);
// Accepts a JSON integer, or a float with an integral value (JSON does not tell them apart),
// within [min, max]; otherwise "field 'x' must be an integer from min to max".
// REQUIRES: min <= max.
Result<std::optional<int64_t>> OptionalInteger(const nlohmann::json& body, std::string_view field,
                                               int64_t min, int64_t max);
Result<std::optional<bool>> OptionalBool(const nlohmann::json& body, std::string_view field);

}  // namespace pims
