// Bad input to the real pims-host: each gets an error reply with a stable code and the host
// carries on, or, where the stream itself is broken, a documented exit code.
#include <catch2/catch.hpp>
#include <cstring>

#include "pims/build_config.h"
#include "support/host_process.h"
#include "support/temp_dir.h"

namespace pims::testing {
namespace {

using nlohmann::json;

std::string LengthPrefix(uint32_t n) {
  std::string out(4, '\0');
  std::memcpy(out.data(), &n, 4);
  return out;
}

// After a bad frame the host must still answer a good one.
void ExpectStillServing(HostProcess& host) {
  json status = host.Call({{"id", "after"}, {"type", "status"}});
  CHECK(status["ok"] == true);
  CHECK(status["id"] == "after");
}

json Error(HostProcess& host, const std::string& payload) {
  host.SendRaw(Frame(payload));
  return host.ReadReply();
}

}  // namespace

TEST_CASE("a truncated length prefix ends the host with exit code 3 after a bad_frame reply") {
  TempDir home;
  for (int bytes = 1; bytes <= 3; ++bytes) {
    HostProcess host(home.path());
    host.SendRaw(std::string(static_cast<size_t>(bytes), '\x05'));
    const int code = host.CloseAndWait();
    CHECK(code == 3);
  }
}

TEST_CASE("a length longer than the rest of the stream ends the host with exit code 3") {
  TempDir home;
  HostProcess host(home.path());
  host.SendRaw(LengthPrefix(100) + R"({"id":1,"type":"status"})");
  CHECK(host.CloseAndWait() == 3);
}

TEST_CASE("a length over the limit is refused with too_large and the host carries on") {
  TempDir home;
  HostProcess host(home.path());
  // Announce 2 MiB, send them: the host skips them without buffering and answers.
  const uint32_t size = 2u << 20;
  host.SendRaw(LengthPrefix(size));
  host.SendRaw(std::string(size, ' '));
  json reply = host.ReadReply();
  CHECK(reply["ok"] == false);
  CHECK(reply["error"]["code"] == "too_large");
  CHECK(reply["id"].is_null());
  ExpectStillServing(host);
  CHECK(host.CloseAndWait() == 0);
}

TEST_CASE("invalid UTF-8, invalid JSON and deep nesting are bad_json and the host carries on") {
  TempDir home;
  HostProcess host(home.path());
  const std::string cases[] = {
      "{\"id\":1,\"type\":\"status\",\"x\":\"\xC0\xAF\"}",      // overlong
      "{\"id\":1,\"type\":\"status\",\"x\":\"\xED\xA0\x80\"}",  // surrogate
      "{\"id\":1,\"type\":\"status\"",                          // unterminated
      "not json at all",
      "",
      std::string(10000, '[') + std::string(10000, ']'),
      "{\"id\":1,\"a\":" + std::string(10000, '{'),
  };
  for (const std::string& payload : cases) {
    json reply = Error(host, payload);
    CHECK(reply["ok"] == false);
    CHECK(reply["error"]["code"] == "bad_json");
    CHECK_FALSE(reply["error"]["message"].get<std::string>().empty());
  }
  ExpectStillServing(host);
  CHECK(host.CloseAndWait() == 0);
}

TEST_CASE("a missing id is bad_request with a null id; an unknown verb is unknown_verb") {
  TempDir home;
  HostProcess host(home.path());
  json missing = Error(host, R"({"type":"status"})");
  CHECK(missing["error"]["code"] == "bad_request");
  CHECK(missing["id"].is_null());
  json bad_id = Error(host, R"({"id":{"a":1},"type":"status"})");
  CHECK(bad_id["error"]["code"] == "bad_request");
  json unknown = host.Call({{"id", 9}, {"type", "vault.delete"}});
  CHECK(unknown["error"]["code"] == "unknown_verb");
  CHECK(unknown["id"] == 9);
  json no_type = Error(host, R"({"id":3})");
  CHECK(no_type["error"]["code"] == "bad_request");
  CHECK(no_type["id"] == 3);
  ExpectStillServing(host);
  CHECK(host.CloseAndWait() == 0);
}

TEST_CASE("wrong types in every field of every verb are bad_request naming the field") {
  TempDir home;
  HostProcess host(home.path());
  REQUIRE(host.Call({{"id", 0}, {"type", "setup"}, {"password", "pw"}})["ok"] == true);
  struct Case {
    const char* verb;
    json body;
    const char* field;
  };
  const json object = json::object();
  const std::vector<Case> cases = {
      {"setup", {{"password", 5}}, "password"},
      {"unlock", {{"password", json::array()}}, "password"},
      {"unlock", object, "password"},
      {"passwd", {{"old", "pw"}, {"new", 7}}, "new"},
      {"passwd", {{"old", nullptr}, {"new", "x"}}, "old"},
      {"settings.set", {{"autolock_minutes", "ten"}}, "autolock_minutes"},
      {"settings.set", {{"autolock_minutes", -1}}, "autolock_minutes"},
      {"profile.put", {{"profile", "me"}}, "profile"},
      {"profile.put", object, "profile"},
      {"site.get", {{"url", 42}}, "url"},
      {"site.set", {{"url", "https://a.example"}, {"allow", "name"}}, "allow"},
      {"site.set", {{"url", "https://a.example"}, {"allow", {"name", 3}}}, "allow[1]"},
      {"site.set", {{"url", "https://a.example"}, {"allow", {"nickname"}}}, "allow[0]"},
      {"site.set",
       {{"url", "https://a.example"}, {"allow", json::array()}, {"auto_card", "yes"}},
       "auto_card"},
      {"site.set", {{"allow", json::array()}}, "url"},
      {"site.set",
       {{"url", "https://a.example"}, {"allow", json::array()}, {"deny", "card"}},
       "deny"},
      {"site.set",
       {{"url", "https://a.example"}, {"allow", json::array()}, {"deny", {"card", 1}}},
       "deny[1]"},
      {"site.forget", {{"url", false}}, "url"},
      {"fill", {{"url", "https://a.example"}, {"fields", object}}, "fields"},
      {"fill", {{"url", "https://a.example"}, {"fields", {1}}}, "fields[0]"},
      {"fill",
       {{"url", "https://a.example"}, {"fields", {{{"autocomplete", "email"}}}}},
       "fields[0].ref"},
      {"fill",
       {{"url", "https://a.example"}, {"fields", {{{"ref", "a"}, {"maxlength", "5"}}}}},
       "fields[0].maxlength"},
      {"fill",
       {{"url", "https://a.example"}, {"fields", {{{"ref", "a"}, {"visible", 1}}}}},
       "fields[0].visible"},
      {"fill",
       {{"url", "https://a.example"}, {"fields", {{{"ref", "a"}, {"options", {1}}}}}},
       "fields[0].options[0]"},
      {"fill",
       {{"url", "https://a.example"},
        {"fields",
         {{{"ref", "a"}, {"options", {{{"value", "x"}}, {{"value", "y"}, {"text", 3}}}}}}}},
       "fields[0].options[1]"},
      {"fill",
       {{"url", "https://a.example"}, {"trigger", "always"}, {"fields", json::array()}},
       "trigger"},
      {"fill", {{"url", 1}, {"fields", json::array()}}, "url"},
      {"fill", {{"url", "https://a.example"}, {"fields", json::array()}, {"pick", "home"}}, "pick"},
      {"fill",
       {{"url", "https://a.example"}, {"fields", json::array()}, {"pick", {{"role", "work"}}}},
       "pick.role"},
      {"fill",
       {{"url", "https://a.example"},
        {"fields", json::array()},
        {"pick", {{"role", "card"}, {"id", 4}}}},
       "pick.id"},
      {"fill",
       {{"url", "https://a.example"},
        {"trigger", "gesture"},
        {"fields", json::array()},
        {"once", {"name", "everything"}}},
       "once[1]"},
      {"fill",
       {{"url", "https://a.example"}, {"fields", json::array()}, {"once", {"name"}}},
       "once"},
      {"offer", {{"url", "https://a.example"}, {"fields", json::array()}}, "focus"},
      {"offer", {{"url", "https://a.example"}, {"fields", json::array()}, {"focus", 2}}, "focus"},
      {"offer",
       {{"url", "https://a.example"}, {"fields", json::array()}, {"focus", "f1"}},
       "focus"},
      {"offer", {{"url", "https://a.example"}, {"fields", "f1"}, {"focus", "f1"}}, "fields"},
      {"offer",
       {{"url", "https://a.example"},
        {"fields", {{{"ref", "f1"}}}},
        {"focus", "f1"},
        {"once", "name"}},
       "once"},
      {"offer", {{"url", false}, {"fields", json::array()}, {"focus", "f1"}}, "url"},
      {"settings.set", {{"menu", "on"}}, "menu"},
      {"ledger.list", {{"url", 3}}, "url"},
      {"ledger.list", {{"limit", "all"}}, "limit"},
      {"ledger.list", {{"before", 0}}, "before"},
      {"import.preview", {{"format", 5}, {"data", ""}}, "format"},
      {"import.preview", {{"format", "keepass"}, {"data", ""}}, "format"},
      {"import.preview", {{"format", "csv"}}, "data"},
      {"import.preview", {{"format", "csv"}, {"data", 7}}, "data"},
      {"import.preview", {{"format", "csv"}, {"data", "not base64!"}}, "data"},
      {"import.preview", {{"format", "bitwarden"}, {"data", "e30="}, {"password", 5}}, "password"},
      {"import.commit", {{"data", "e30="}}, "format"},
      {"import.commit", {{"format", "firefox"}, {"data", json::array()}}, "data"},
      {"ledger.export", {{"format", "xml"}}, "format"},
      {"ledger.export", object, "format"},
      {"backup.export", {{"password", 3}}, "password"},
      {"backup.export", object, "password"},
      {"record.match", {{"url", "https://a.example"}, {"fields", json::array()}}, "values"},
      {"record.match",
       {{"url", "https://a.example"}, {"fields", json::array()}, {"values", {{{"ref", 1}}}}},
       "values[0].ref"},
      {"record.match",
       {{"url", "https://a.example"},
        {"fields", json::array()},
        {"values", {{{"ref", "f1"}, {"value", "x"}, {"typed", "yes"}}}}},
       "values[0].typed"},
      {"record.save", {{"record", object}}, "kind"},
      {"record.save", {{"kind", "pet"}, {"record", object}}, "kind"},
      {"record.save", {{"kind", "address"}}, "record"},
      {"record.save", {{"kind", "address"}, {"update", 4}, {"record", object}}, "update"},
      {"record.never", {{"url", "https://a.example"}, {"never", "yes"}}, "never"},
      {"record.never", object, "url"},
  };
  int id = 1;
  for (const Case& c : cases) {
    json request = c.body;
    request["id"] = id;
    request["type"] = c.verb;
    json reply = host.Call(request);
    INFO(c.verb << " " << c.body.dump());
    CHECK(reply["id"] == id);
    CHECK(reply["ok"] == false);
    CHECK(reply["error"]["code"] == "bad_request");
    CHECK(reply["error"]["field"] == c.field);
    ++id;
  }
  ExpectStillServing(host);
  CHECK(host.CloseAndWait() == 0);
}

TEST_CASE("a URL that is not an http(s) site is bad_site") {
  TempDir home;
  HostProcess host(home.path());
  REQUIRE(host.Call({{"id", 0}, {"type", "setup"}, {"password", "pw"}})["ok"] == true);
  for (const char* url :
       {"file:///etc/passwd", "chrome-extension://abc/", "about:blank", "shop.example"}) {
    json reply = host.Call({{"id", 1}, {"type", "site.get"}, {"url", url}});
    CHECK(reply["error"]["code"] == "bad_site");
  }
  CHECK(host.CloseAndWait() == 0);
}

TEST_CASE("an unknown caller gets caller_refused and the host exits with code 4") {
  TempDir home;
  SECTION("another Chrome extension") {
    HostProcess host(home.path(), {"chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"});
    json reply = host.Call({{"id", 1}, {"type", "status"}});
    CHECK(reply["error"]["code"] == "caller_refused");
    CHECK(host.CloseAndWait() == 4);
  }
  SECTION("another Firefox extension") {
    HostProcess host(home.path(), {"/tmp/org.pims.host.json", "evil@example.org"});
    json reply = host.Call({{"id", 1}, {"type", "setup"}, {"password", "x"}});
    CHECK(reply["error"]["code"] == "caller_refused");
    CHECK(host.CloseAndWait() == 4);
  }
  // Nothing was created on the refused caller's behalf.
  CHECK_FALSE(std::filesystem::exists(home / "vault.db"));
}

TEST_CASE("the pims Firefox extension is accepted") {
  TempDir home;
  HostProcess host(home.path(), {"/tmp/org.pims.host.json", build::kGeckoExtensionId});
  CHECK(host.Call({{"id", 1}, {"type", "status"}})["ok"] == true);
  CHECK(host.CloseAndWait() == 0);
}

}  // namespace pims::testing
