#include "pims/request.h"

#include <cmath>
#include <limits>
#include <utility>

#include "protocol/reply_text.h"

namespace pims {

using nlohmann::json;

namespace {

Status FieldError(std::string_view field, std::string_view what) {
  static const json kNoFields;
  return JsonFields::OfRequest(kNoFields).Error(field, what);
}

Status Required(std::string_view field) { return FieldError(field, "is required"); }

// The member named field, or nullptr when body is not an object or has no such member.
const json* Find(const json& body, std::string_view field) {
  if (!body.is_object()) return nullptr;
  auto it = body.find(field);
  return it == body.end() ? nullptr : &*it;
}

// Numeric ids must survive a round trip through a JavaScript number unchanged.
bool IsSafeIntegerId(const json& id) {
  if (id.is_number_unsigned()) {
    return id.get<uint64_t>() <= static_cast<uint64_t>(kMaxSafeIntegerId);
  }
  if (id.is_number_integer()) {
    const int64_t n = id.get<int64_t>();
    return n >= -kMaxSafeIntegerId && n <= kMaxSafeIntegerId;
  }
  const double d = id.get<double>();
  return std::isfinite(d) && d == std::trunc(d) && std::fabs(d) <= kMaxSafeIntegerId;
}

// Why id cannot be echoed, or OK.
Status CheckId(const json* id) {
  if (id == nullptr) return Required("id");
  if (id->is_string()) {
    if (id->get_ref<const std::string&>().size() > kMaxIdBytes) {
      return FieldError("id", "must be at most " + std::to_string(kMaxIdBytes) + " bytes long");
    }
    return Status::Ok();
  }
  if (!id->is_number()) return FieldError("id", "must be a string or a number");
  if (!IsSafeIntegerId(*id)) {
    return FieldError("id", "must be an integer from " + std::to_string(-kMaxSafeIntegerId) +
                                " to " + std::to_string(kMaxSafeIntegerId));
  }
  return Status::Ok();
}

std::string Dump(const json& value) {
  return value.dump(/*indent=*/-1, /*indent_char=*/' ', /*ensure_ascii=*/false,
                    json::error_handler_t::replace);
}

std::string DescribeLimit(size_t max_bytes) {
  constexpr size_t kMiB = size_t{1} << 20;
  if (max_bytes != 0 && max_bytes % kMiB == 0) return std::to_string(max_bytes / kMiB) + " MiB";
  return std::to_string(max_bytes) + "-byte";
}

}  // namespace

std::variant<Request, RequestError> ParseRequest(std::string_view payload) {
  if (Status checked = CheckJsonText(payload); !checked.ok()) {
    return RequestError{std::move(checked), nullptr};
  }
  // nlohmann::json stops at a NUL byte as if the input ended there, accepting whatever follows
  // it. A raw NUL is never valid in JSON text (inside a string it must be escaped), so refuse it.
  if (const size_t nul = payload.find('\0'); nul != std::string_view::npos) {
    return RequestError{
        Status(ErrorCode::kBadJson, "not valid JSON: a NUL byte at byte " + std::to_string(nul)),
        nullptr};
  }
  json parsed;
  try {
    parsed = json::parse(payload.begin(), payload.end());
  } catch (const json::parse_error& e) {
    // e.what() quotes the text it last read, which may be a secret: report the position only.
    const size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    return RequestError{Status(ErrorCode::kBadJson,
                               "not valid JSON: syntax error near byte " + std::to_string(offset)),
                        nullptr};
  } catch (const json::exception& e) {
    // out_of_range.406: a number literal too large for a double, such as 1e400.
    return RequestError{
        Status(ErrorCode::kBadJson,
               e.id == 406 ? "not valid JSON: a number is out of range" : "not valid JSON"),
        nullptr};
  }
  if (!parsed.is_object()) {
    return RequestError{Status(ErrorCode::kBadRequest, "the request must be a JSON object"),
                        nullptr};
  }
  const json* id = Find(parsed, "id");
  if (Status checked = CheckId(id); !checked.ok()) {
    return RequestError{std::move(checked), nullptr};
  }
  const json* type = Find(parsed, "type");
  if (type == nullptr) return RequestError{Required("type"), *id};
  if (!type->is_string()) return RequestError{FieldError("type", "must be a string"), *id};

  Request request;
  request.id = *id;
  request.type = type->get_ref<const std::string&>();
  request.body = std::move(parsed);  // id and type point into parsed: copied them first
  return request;
}

json OkReply(const json& id, json fields) {
  if (fields.is_null()) fields = json::object();
  if (!fields.is_object()) {
    return ErrorReply(id, Status(ErrorCode::kInternal, "the reply's fields are not a JSON object"));
  }
  fields["id"] = id;
  fields["ok"] = true;
  return fields;
}

json ErrorReply(const json& id, const Status& error) {
  json detail = json::object();
  if (error.ok()) {
    detail["code"] = ErrorCodeName(ErrorCode::kInternal);
    detail["message"] = "an error reply was built from a success";
  } else {
    detail["code"] = error.code_name();
    detail["message"] = error.message();
    if (!error.field().empty()) detail["field"] = error.field();
  }
  return json{{"id", id}, {"ok", false}, {"error", std::move(detail)}};
}

namespace {

// The error reply's text with `id`, or with a null id should even that exceed max_bytes.
std::string ErrorReplyText(const json& id, const Status& problem, size_t max_bytes) {
  std::string text = Dump(ErrorReply(id, problem));
  if (text.size() <= max_bytes) return text;
  return Dump(ErrorReply(nullptr, problem));
}

}  // namespace

std::string OversizedReplyText(const json& id, size_t size, size_t max_bytes) {
  return ErrorReplyText(
      id,
      Status(ErrorCode::kTooLarge, "reply of " + std::to_string(size) + " bytes exceeds the " +
                                       DescribeLimit(max_bytes) + " limit"),
      max_bytes);
}

std::string SerializeReply(const json& reply, size_t max_bytes) {
  const json* found = Find(reply, "id");
  const json id = found != nullptr ? *found : json(nullptr);
  try {
    std::string text = Dump(reply);
    if (text.size() <= max_bytes) return text;
    return OversizedReplyText(id, text.size(), max_bytes);
  } catch (const json::exception&) {
    // Not expected with error_handler_t::replace; a reply is never dropped silently.
    return ErrorReplyText(id, Status(ErrorCode::kInternal, "the reply could not be serialised"),
                          max_bytes);
  }
}

Result<std::string> RequireString(const json& body, std::string_view field) {
  return JsonFields::OfRequest(body).RequireString(field);
}

Result<Secret> RequireSecret(const json& body, std::string_view field) {
  return JsonFields::OfRequest(body).RequireSecret(field);
}

Result<std::optional<std::string>> OptionalString(const json& body, std::string_view field) {
  return JsonFields::OfRequest(body).OptionalString(field);
}

Result<const json*> RequireArray(const json& body, std::string_view field) {
  return JsonFields::OfRequest(body).RequireArray(field);
}

Result<const json*> RequireObject(const json& body, std::string_view field) {
  return JsonFields::OfRequest(body).RequireObject(field);
}

Result<std::optional<int64_t>> OptionalInteger(const json& body, std::string_view field,
                                               int64_t min, int64_t max) {
  return JsonFields::OfRequest(body).OptionalInteger(field, min, max);
}

Result<std::optional<bool>> OptionalBool(const json& body, std::string_view field) {
  return JsonFields::OfRequest(body).OptionalBool(field);
}

}  // namespace pims
