#include "pims/request.h"

#include <catch2/catch.hpp>
#include <string>

#include "pims/frame.h"

namespace pims {
namespace {

using nlohmann::json;
using namespace std::string_literals;

// The error of a payload that must not parse as a request.
RequestError ParseError(std::string_view payload) {
  auto parsed = ParseRequest(payload);
  REQUIRE(std::holds_alternative<RequestError>(parsed));
  return std::get<RequestError>(std::move(parsed));
}

Request ParseOk(std::string_view payload) {
  auto parsed = ParseRequest(payload);
  if (auto* error = std::get_if<RequestError>(&parsed)) FAIL(error->status.ToString());
  return std::get<Request>(std::move(parsed));
}

}  // namespace

TEST_CASE("a request with a numeric or string id and a type parses") {
  Request numeric = ParseOk(R"({"id": 7, "type": "status"})");
  CHECK(numeric.id == 7);
  CHECK(numeric.type == "status");
  CHECK(numeric.body == json{{"id", 7}, {"type", "status"}});

  Request text = ParseOk(R"({"id": "req-1", "type": "unlock", "password": "p"})");
  CHECK(text.id == "req-1");
  CHECK(text.type == "unlock");
  CHECK(text.body["password"] == "p");
}

TEST_CASE("an empty payload is bad JSON") {
  RequestError error = ParseError("");
  CHECK(error.status.code() == ErrorCode::kBadJson);
  CHECK(error.id.is_null());
}

TEST_CASE("text that is not JSON is bad JSON and the message does not quote it") {
  for (const char* payload :
       {"{\"id\":1,\"type\":\"unlock\",\"password\":\"hunter2", "{\"id\":1,\"password\":hunter2}",
        "hunter2", "{} hunter2", "{\"id\":1,} ", "// hunter2\n{}"}) {
    INFO(payload);
    RequestError error = ParseError(payload);
    CHECK(error.status.code() == ErrorCode::kBadJson);
    CHECK_THAT(error.status.message(), Catch::StartsWith("not valid JSON"));
    CHECK(error.status.message().find("hunter2") == std::string::npos);
    CHECK(error.id.is_null());
  }
}

TEST_CASE("a syntax error reports its byte offset") {
  RequestError error = ParseError(R"({"id": 1, x})");
  CHECK(error.status.message() == "not valid JSON: syntax error near byte 10");
}

TEST_CASE("a NUL byte is bad JSON, even after a complete request") {
  // nlohmann::json alone would stop at the NUL and accept the request before it.
  const std::string payload = "{\"id\":1,\"type\":\"x\"}\0{\"junk\""s;
  RequestError error = ParseError(payload);
  CHECK(error.status.code() == ErrorCode::kBadJson);
  CHECK(error.status.message() == "not valid JSON: a NUL byte at byte 19");
  CHECK(ParseError("{\"id\":1,\"type\":\"a\0b\"}"s).status.message() ==
        "not valid JSON: a NUL byte at byte 17");
  CHECK(ParseOk(R"({"id":1,"type":"a\u0000b"})").type == "a\0b"s);
}

TEST_CASE("a number too large for a double is bad JSON, not an exception") {
  RequestError error = ParseError(R"({"id": 1, "type": "x", "n": 1e400})");
  CHECK(error.status.code() == ErrorCode::kBadJson);
  CHECK(error.status.message() == "not valid JSON: a number is out of range");
}

TEST_CASE("invalid UTF-8 in a request is bad JSON") {
  for (const char* bad : {"\x80", "\xC0\xAF", "\xED\xA0\x80", "\xE2\x82", "\xF4\x90\x80\x80"}) {
    const std::string payload = std::string(R"({"id":1,"type":"x","name":")") + bad + "\"}";
    RequestError error = ParseError(payload);
    CHECK(error.status.code() == ErrorCode::kBadJson);
    CHECK_THAT(error.status.message(), Catch::StartsWith("not valid UTF-8 at byte "));
    CHECK(error.id.is_null());
  }
}

TEST_CASE("an escaped lone surrogate is bad JSON") {
  RequestError error = ParseError(R"({"id":1,"type":"x","name":"\ud800"})");
  CHECK(error.status.code() == ErrorCode::kBadJson);
}

TEST_CASE("a request nested 10,000 deep is bad JSON") {
  const size_t n = 10000;
  std::string arrays =
      R"({"id":1,"type":"x","v":)" + std::string(n, '[') + std::string(n, ']') + "}";
  std::string objects = R"({"id":1,"type":"x","v":)";
  for (size_t i = 0; i < n; ++i) objects += "{\"a\":";
  objects += "0" + std::string(n, '}') + "}";
  std::string mixed = R"({"id":1,"type":"x","v":)";
  for (size_t i = 0; i < n; ++i) mixed += (i % 2 == 0) ? "[" : "{\"k\":";
  for (const auto& payload : {arrays, objects, mixed}) {
    RequestError error = ParseError(payload);
    CHECK(error.status.code() == ErrorCode::kBadJson);
    CHECK(error.status.message() == "JSON nests deeper than 64 levels");
  }
}

TEST_CASE("a request nested exactly to the limit parses") {
  // The envelope object is level 1.
  const std::string payload =
      R"({"id":1,"type":"x","v":)" + std::string(63, '[') + std::string(63, ']') + "}";
  CHECK(ParseOk(payload).type == "x");
}

TEST_CASE("brackets and escaped quotes inside request strings do not count as nesting") {
  const std::string deep_text = std::string(1000, '[') + "\\\"" + std::string(1000, '{');
  Request request = ParseOk(R"({"id":1,"type":"x","note":")" + deep_text + "\"}");
  CHECK(request.body["note"] == std::string(1000, '[') + "\"" + std::string(1000, '{'));
}

TEST_CASE("JSON that is not an object is a bad request without an id") {
  for (const char* payload : {"[]", "[{\"id\":1,\"type\":\"x\"}]", "1", "\"x\"", "null", "true"}) {
    INFO(payload);
    RequestError error = ParseError(payload);
    CHECK(error.status.code() == ErrorCode::kBadRequest);
    CHECK(error.status.message() == "the request must be a JSON object");
    CHECK(error.id.is_null());
  }
}

TEST_CASE("a request without an id is a bad request with a null id") {
  RequestError error = ParseError(R"({"type": "status"})");
  CHECK(error.status.code() == ErrorCode::kBadRequest);
  CHECK(error.status.field() == "id");
  CHECK(error.status.message() == "field 'id' is required");
  CHECK(error.id.is_null());
}

TEST_CASE("an id that is not a number or a string is a bad request with a null id") {
  for (const char* id : {"{}", "{\"a\":1}", "[]", "[1]", "true", "false", "null"}) {
    INFO(id);
    RequestError error = ParseError(std::string(R"({"type": "status", "id": )") + id + "}");
    CHECK(error.status.code() == ErrorCode::kBadRequest);
    CHECK(error.status.field() == "id");
    CHECK(error.status.message() == "field 'id' must be a string or a number");
    CHECK(error.id.is_null());
  }
}

TEST_CASE("numeric ids must be integers a JavaScript number holds exactly") {
  CHECK(ParseOk(R"({"id": 0, "type": "x"})").id == 0);
  CHECK(ParseOk(R"({"id": -5, "type": "x"})").id == -5);
  CHECK(ParseOk(R"({"id": 9007199254740991, "type": "x"})").id == 9007199254740991LL);
  CHECK(ParseOk(R"({"id": -9007199254740991, "type": "x"})").id == -9007199254740991LL);
  Request float_id = ParseOk(R"({"id": 7.0, "type": "x"})");
  CHECK(float_id.id == 7.0);
  CHECK(float_id.id.is_number_float());  // echoed as sent

  for (const char* id : {"1.5", "9007199254740992", "-9007199254740992", "18446744073709551615",
                         "1e300", "-1e300", "0.1"}) {
    INFO(id);
    RequestError error = ParseError(std::string(R"({"type": "x", "id": )") + id + "}");
    CHECK(error.status.code() == ErrorCode::kBadRequest);
    CHECK(error.status.field() == "id");
    CHECK(error.status.message() ==
          "field 'id' must be an integer from -9007199254740991 to 9007199254740991");
    CHECK(error.id.is_null());
  }
}

TEST_CASE("string ids longer than 256 bytes are a bad request") {
  const std::string longest(kMaxIdBytes, 'i');
  CHECK(ParseOk(R"({"type":"x","id":")" + longest + "\"}").id == longest);
  RequestError error = ParseError(R"({"type":"x","id":")" + longest + "i\"}");
  CHECK(error.status.code() == ErrorCode::kBadRequest);
  CHECK(error.status.message() == "field 'id' must be at most 256 bytes long");
  CHECK(error.id.is_null());
}

TEST_CASE("a missing or non-string type is a bad request that echoes the id") {
  RequestError missing = ParseError(R"({"id": 42})");
  CHECK(missing.status.code() == ErrorCode::kBadRequest);
  CHECK(missing.status.field() == "type");
  CHECK(missing.status.message() == "field 'type' is required");
  CHECK(missing.id == 42);

  for (const char* type : {"1", "null", "true", "[\"status\"]", "{}"}) {
    INFO(type);
    RequestError error = ParseError(std::string(R"({"id": "abc", "type": )") + type + "}");
    CHECK(error.status.code() == ErrorCode::kBadRequest);
    CHECK(error.status.field() == "type");
    CHECK(error.status.message() == "field 'type' must be a string");
    CHECK(error.id == "abc");
  }
}

TEST_CASE("a zero-length frame fails to parse as bad JSON") {
  FrameDecoder decoder;
  decoder.Feed(EncodeFrame(""));
  auto frame = decoder.Next();
  REQUIRE(frame.event == FrameDecoder::Event::kFrame);
  CHECK(ParseError(frame.payload).status.code() == ErrorCode::kBadJson);
}

TEST_CASE("an ok reply carries the id, ok and the handler's fields") {
  CHECK(OkReply(7, json::object()) == json{{"id", 7}, {"ok", true}});
  CHECK(OkReply("a", nullptr) == json{{"id", "a"}, {"ok", true}});
  CHECK(OkReply(7, {{"locked", false}}) == json{{"id", 7}, {"ok", true}, {"locked", false}});
  // The envelope wins over fields of the same name.
  CHECK(OkReply(7, {{"id", 8}, {"ok", false}}) == json{{"id", 7}, {"ok", true}});
}

TEST_CASE("an ok reply whose fields are not an object becomes an internal error") {
  const json reply = OkReply(7, json::array({1, 2}));
  CHECK(reply["ok"] == false);
  CHECK(reply["id"] == 7);
  CHECK(reply["error"]["code"] == "internal");
}

TEST_CASE("an error reply carries the stable code, the message and the field") {
  CHECK(
      ErrorReply(3, Status(ErrorCode::kLocked, "unlock first")) ==
      json{{"id", 3}, {"ok", false}, {"error", {{"code", "locked"}, {"message", "unlock first"}}}});
  CHECK(
      ErrorReply(nullptr, Status(ErrorCode::kBadRequest, "field 'url' is required", "url")) ==
      json{{"id", nullptr},
           {"ok", false},
           {"error",
            {{"code", "bad_request"}, {"message", "field 'url' is required"}, {"field", "url"}}}});
  // A success passed as an error is a bug, reported as such rather than as "ok".
  CHECK(ErrorReply(1, Status::Ok())["error"]["code"] == "internal");
}

TEST_CASE("a reply serialises compactly") {
  CHECK(SerializeReply(OkReply(1, {{"n", 2}})) == R"({"id":1,"n":2,"ok":true})");
  CHECK(SerializeReply(OkReply(1, {{"s", "caf\xC3\xA9"}})) ==
        "{\"id\":1,\"ok\":true,\"s\":\"caf\xC3\xA9\"}");
}

TEST_CASE("invalid UTF-8 in a reply is replaced, not thrown") {
  std::string text;
  REQUIRE_NOTHROW(text = SerializeReply(OkReply(1, {{"s",
                                                     "a\xFF"
                                                     "b"}})));
  CHECK(text ==
        "{\"id\":1,\"ok\":true,\"s\":\"a\xEF\xBF\xBD"
        "b\"}");
}

TEST_CASE("a reply over the limit becomes a too_large error that echoes the id") {
  const json big = OkReply("req-9", {{"blob", std::string(kMaxReplyBytes, 'x')}});
  const std::string text = SerializeReply(big);
  CHECK(text.size() <= kMaxReplyBytes);
  const json reply = json::parse(text);
  CHECK(reply["id"] == "req-9");
  CHECK(reply["ok"] == false);
  CHECK(reply["error"]["code"] == "too_large");
  const size_t full = big.dump().size();
  CHECK(reply["error"]["message"] ==
        "reply of " + std::to_string(full) + " bytes exceeds the 1 MiB limit");
}

TEST_CASE("a reply exactly at the limit is sent as it is") {
  const json reply = OkReply(1, {{"s", ""}});
  const std::string text = SerializeReply(reply);
  CHECK(SerializeReply(reply, text.size()) == text);
  CHECK(json::parse(SerializeReply(reply, text.size() - 1))["error"]["code"] == "too_large");
  CHECK(json::parse(SerializeReply(reply, text.size() - 1))["error"]["message"] ==
        "reply of " + std::to_string(text.size()) + " bytes exceeds the " +
            std::to_string(text.size() - 1) + "-byte limit");
}

TEST_CASE("a too_large reply drops an id that does not fit the limit") {
  const json reply = OkReply(std::string(300, 'i'), {{"blob", std::string(500, 'x')}});
  const json fallback = json::parse(SerializeReply(reply, 200));
  CHECK(fallback["id"].is_null());
  CHECK(fallback["error"]["code"] == "too_large");
}

TEST_CASE("required strings must be present and be strings") {
  const json body = {{"password", "pw"}, {"n", 1}, {"nothing", nullptr}};
  CHECK(*RequireString(body, "password") == "pw");

  auto missing = RequireString(body, "url");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == ErrorCode::kBadRequest);
  CHECK(missing.status().field() == "url");
  CHECK(missing.status().message() == "field 'url' is required");

  for (const char* field : {"n", "nothing"}) {
    auto wrong = RequireString(body, field);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.status().code() == ErrorCode::kBadRequest);
    CHECK(wrong.status().field() == field);
    CHECK(wrong.status().message() == "field '" + std::string(field) + "' must be a string");
  }
  CHECK(RequireString(json::array(), "password").status().message() ==
        "field 'password' is required");
}

TEST_CASE("optional strings may be absent or null but not another type") {
  const json body = {{"label", "Home"}, {"empty", nullptr}, {"n", 3}};
  CHECK(*OptionalString(body, "label") == std::optional<std::string>("Home"));
  CHECK_FALSE(OptionalString(body, "missing")->has_value());
  CHECK_FALSE(OptionalString(body, "empty")->has_value());
  auto wrong = OptionalString(body, "n");
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.status().field() == "n");
  CHECK(wrong.status().message() == "field 'n' must be a string");
}

TEST_CASE("required arrays and objects point into the body") {
  const json body = {
      {"allow", {"name", "email"}}, {"profile", {{"person", json::object()}}}, {"s", "x"}};
  auto allow = RequireArray(body, "allow");
  REQUIRE(allow.ok());
  CHECK(*allow == &body["allow"]);
  auto profile = RequireObject(body, "profile");
  REQUIRE(profile.ok());
  CHECK(*profile == &body["profile"]);

  CHECK(RequireArray(body, "missing").status().message() == "field 'missing' is required");
  CHECK(RequireArray(body, "profile").status().message() == "field 'profile' must be an array");
  CHECK(RequireArray(body, "s").status().field() == "s");
  CHECK(RequireObject(body, "allow").status().message() == "field 'allow' must be an object");
  CHECK(RequireObject(body, "s").status().code() == ErrorCode::kBadRequest);
  CHECK(RequireObject(body, "missing").status().message() == "field 'missing' is required");
}

TEST_CASE("optional integers must be whole numbers within range") {
  const json body = json::parse(R"({"minutes": 15, "big": 18446744073709551615, "neg": -3,
      "whole": 30.0, "half": 2.5, "huge": 1e300, "s": "15", "b": true, "null": null})");
  CHECK(*OptionalInteger(body, "minutes", 1, 60) == std::optional<int64_t>(15));
  CHECK(*OptionalInteger(body, "whole", 1, 60) == std::optional<int64_t>(30));
  CHECK(*OptionalInteger(body, "neg", -10, 0) == std::optional<int64_t>(-3));
  CHECK_FALSE(OptionalInteger(body, "missing", 1, 60)->has_value());
  CHECK_FALSE(OptionalInteger(body, "null", 1, 60)->has_value());
  CHECK(*OptionalInteger(body, "minutes", 15, 15) == std::optional<int64_t>(15));

  for (const char* field : {"big", "neg", "half", "huge", "s", "b"}) {
    INFO(field);
    auto wrong = OptionalInteger(body, field, 1, 60);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.status().code() == ErrorCode::kBadRequest);
    CHECK(wrong.status().field() == field);
    CHECK(wrong.status().message() ==
          "field '" + std::string(field) + "' must be an integer from 1 to 60");
  }
  CHECK_FALSE(OptionalInteger(body, "minutes", 16, 60).ok());
  CHECK_FALSE(OptionalInteger(body, "minutes", 1, 14).ok());
  const json edge = json::parse(R"({"two63": 9223372036854775808.0, "min": -9223372036854775808})");
  CHECK_FALSE(OptionalInteger(edge, "two63", INT64_MIN, INT64_MAX).ok());
  CHECK(*OptionalInteger(edge, "min", INT64_MIN, INT64_MAX) == std::optional<int64_t>(INT64_MIN));
}

TEST_CASE("optional booleans must be true or false") {
  const json body = {{"yes", true}, {"no", false}, {"one", 1}, {"str", "true"}, {"nil", nullptr}};
  CHECK(*OptionalBool(body, "yes") == std::optional<bool>(true));
  CHECK(*OptionalBool(body, "no") == std::optional<bool>(false));
  CHECK_FALSE(OptionalBool(body, "missing")->has_value());
  CHECK_FALSE(OptionalBool(body, "nil")->has_value());
  for (const char* field : {"one", "str"}) {
    auto wrong = OptionalBool(body, field);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.status().field() == field);
    CHECK(wrong.status().message() == "field '" + std::string(field) + "' must be true or false");
  }
}

}  // namespace pims
