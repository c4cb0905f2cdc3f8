// The Session: dispatch of every verb, and the idle auto-lock, with a clock the test controls.
#include "pims/session.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>

#include "protocol/verbs.h"
#include "support/manual_clock.h"
#include "support/temp_dir.h"
#include "support/test_profile.h"

namespace pims {
namespace {

using nlohmann::json;

struct Fixture {
  testing::TempDir dir;
  testing::ManualClock clock;
  Session session{SessionConfig{dir / "vault.db", PasswordHashing::Minimum(), &clock,
                                &AutocompleteClassifier()}};
  int next_id = 1;

  json Call(const std::string& verb, json body = json::object()) {
    body["type"] = verb;
    Request request{next_id++, verb, body, {}};
    return session.Handle(request);
  }
};

}  // namespace

TEST_CASE("every verb in the table answers with its id, locked or not") {
  Fixture f;
  for (std::string_view verb : AllVerbs()) {
    json reply = f.Call(std::string(verb));
    INFO(verb);
    CHECK(reply.contains("id"));
    CHECK(reply["ok"].is_boolean());
    if (reply["ok"] == false) CHECK_FALSE(reply["error"]["message"].get<std::string>().empty());
  }
}

TEST_CASE("places lists every country code and the regions of the US, Canada and Australia") {
  Fixture f;  // no vault at all: the lists hold nothing of the shopper's
  json reply = f.Call("places");
  REQUIRE(reply["ok"] == true);
  const json& countries = reply["countries"];
  CHECK(countries.size() == 250);
  CHECK(std::find(countries.begin(), countries.end(), "GB") != countries.end());
  CHECK(std::is_sorted(countries.begin(), countries.end()));
  const json& regions = reply["regions"];
  CHECK(regions["US"].size() == 59);  // the states, DC, the territories, the military codes
  CHECK(regions["CA"].size() == 13);
  CHECK(regions["AU"].size() == 8);
  CHECK(regions["US"][4] == json{{"code", "CA"}, {"name", "California"}});
  CHECK(!regions.contains("FR"));
}

TEST_CASE("the vault locks itself after its idle time, and not before") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  REQUIRE(f.Call("settings.set", {{"autolock_minutes", 2}})["ok"] == true);
  f.clock.now += 119'000;
  CHECK(f.session.Tick() == 1'000);
  CHECK(f.Call("status")["vault"] == "unlocked");  // activity restarts the idle time
  f.clock.now += 119'000;
  CHECK(f.Call("status")["vault"] == "unlocked");
  f.clock.now += 120'000;
  CHECK(f.session.Tick() == -1);
  CHECK(f.Call("status")["vault"] == "locked");
  CHECK(f.Call("profile.get")["error"]["code"] == "locked");
}

TEST_CASE("a request after the idle time finds the vault locked even without a tick") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  f.clock.now += 15 * 60'000;  // the default: 15 minutes
  CHECK(f.Call("profile.get")["error"]["code"] == "locked");
}

TEST_CASE("auto-lock 0 never locks") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  REQUIRE(f.Call("settings.set", {{"autolock_minutes", 0}})["ok"] == true);
  f.clock.now += 48LL * 3600'000;
  CHECK(f.session.Tick() == -1);
  CHECK(f.Call("status")["vault"] == "unlocked");
}

TEST_CASE(
    "the write-ahead log is checkpointed after a second without requests, never as one starts") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  REQUIRE(f.Call("settings.set", {{"autolock_minutes", 0}})["ok"] == true);
  const Vault* vault = f.session.OpenedVault();
  REQUIRE(vault != nullptr);
  REQUIRE(vault->CheckpointDue());
  f.clock.now += 400;
  CHECK(f.session.Tick() == 600);  // the serve loop waits for input that long, then ticks
  CHECK(vault->CheckpointDue());
  f.clock.now += 600;
  REQUIRE(f.Call("status")["ok"] == true);  // a request arriving then is answered first
  CHECK(vault->CheckpointDue());
  CHECK(f.session.Tick() == Session::kCheckpointAfterQuietMs);
  f.clock.now += Session::kCheckpointAfterQuietMs;
  CHECK(f.session.Tick() == -1);  // checkpointed; nothing else pending (auto-lock off)
  CHECK_FALSE(vault->CheckpointDue());
  // Every page of the log is in the file, and the log was begun anew in the pause (its header
  // synced then, not in the next fill): one frame, which another connection's checkpoint copies.
  SQLite::Database db((f.dir / "vault.db").string(), SQLite::OPEN_READWRITE);
  SQLite::Statement checkpoint(db, "PRAGMA wal_checkpoint(PASSIVE)");
  REQUIRE(checkpoint.executeStep());
  CHECK(checkpoint.getColumn(1).getInt() == 1);
  CHECK(checkpoint.getColumn(2).getInt() == 1);
}

TEST_CASE("setup twice is vault_exists; unlock without a vault is vault_absent") {
  Fixture f;
  CHECK(f.Call("unlock", {{"password", "pw"}})["error"]["code"] == "vault_absent");
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  CHECK(f.Call("setup", {{"password", "pw"}})["error"]["code"] == "vault_exists");
}

TEST_CASE("profile.put reports the path of an invalid field without its value") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  json profile = testing::AdaProfileJson();
  profile["cards"][0]["cc-number"] = "4111111111111112";
  json reply = f.Call("profile.put", {{"profile", profile}});
  CHECK(reply["error"]["code"] == "invalid_field");
  CHECK(reply["error"]["field"] == "profile.cards[0].cc-number");
  CHECK(reply.dump().find("4111111111111112") == std::string::npos);
}

TEST_CASE("profile.put assigns ids and profile.get returns what was put") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  json profile = testing::AdaProfileJson();
  profile["addresses"][1].erase("id");
  profile["defaults"]["billing"] = "home";
  json put = f.Call("profile.put", {{"profile", profile}});
  REQUIRE(put["ok"] == true);
  const std::string assigned = put["profile"]["addresses"][1]["id"];
  CHECK_FALSE(assigned.empty());
  json got = f.Call("profile.get");
  CHECK(got["profile"] == put["profile"]);
}

TEST_CASE("card fields need a gesture or auto_card, and https") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  REQUIRE(f.Call("profile.put", {{"profile", testing::AdaProfileJson()}})["ok"] == true);
  const json fields = json::array({{{"ref", "n"}, {"autocomplete", "cc-number"}},
                                   {{"ref", "x"}, {"autocomplete", "cc-exp"}},
                                   {{"ref", "c"}, {"autocomplete", "cc-csc"}}});
  REQUIRE(f.Call("site.set",
                 {{"url", "https://shop.example"}, {"allow", {"card", "card_csc"}}})["ok"] == true);
  REQUIRE(f.Call("site.set",
                 {{"url", "http://plain.example"}, {"allow", {"card", "card_csc"}}})["ok"] == true);

  json automatic = f.Call("fill", {{"url", "https://shop.example/pay"}, {"fields", fields}});
  REQUIRE(automatic["ok"] == true);
  REQUIRE(automatic["fills"].size() == 1);
  CHECK(automatic["fills"][0]["ref"] == "x");
  CHECK(automatic["fills"][0]["value"] == "12/30");
  CHECK(automatic["withheld"].size() == 2);
  CHECK(automatic["withheld"][0]["reason"] == "needs_gesture");

  json gesture = f.Call(
      "fill", {{"url", "https://shop.example/pay"}, {"trigger", "gesture"}, {"fields", fields}});
  CHECK(gesture["fills"].size() == 3);

  json insecure = f.Call(
      "fill", {{"url", "http://plain.example/pay"}, {"trigger", "gesture"}, {"fields", fields}});
  CHECK(insecure["fills"].empty());
  for (const json& w : insecure["withheld"]) CHECK(w["reason"] == "insecure_origin");

  REQUIRE(f.Call("site.set", {{"url", "https://shop.example"},
                              {"allow", {"card", "card_csc"}},
                              {"auto_card", true}})["ok"] == true);
  CHECK(f.Call("fill", {{"url", "https://shop.example/pay"}, {"fields", fields}})["fills"].size() ==
        3);
}

TEST_CASE("hidden fields and values longer than maxlength are withheld, never cut") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  REQUIRE(f.Call("profile.put", {{"profile", testing::AdaProfileJson()}})["ok"] == true);
  REQUIRE(f.Call("site.set",
                 {{"url", "https://shop.example"}, {"allow", {"name", "email"}}})["ok"] == true);
  json reply =
      f.Call("fill", {{"url", "https://shop.example"},
                      {"fields",
                       {{{"ref", "h"}, {"autocomplete", "email"}, {"visible", false}},
                        {{"ref", "s"}, {"autocomplete", "family-name"}, {"maxlength", 4}},
                        {{"ref", "ok"}, {"autocomplete", "given-name"}, {"maxlength", 3}}}}});
  REQUIRE(reply["ok"] == true);
  REQUIRE(reply["fills"].size() == 1);
  CHECK(reply["fills"][0]["value"] == "Ada");
  std::map<std::string, std::string> reasons;
  for (const json& w : reply["withheld"]) reasons[w["ref"]] = w["reason"];
  CHECK(reasons == std::map<std::string, std::string>{{"h", "not_visible"}, {"s", "too_long"}});
}

TEST_CASE("site.list, site.forget and ledger.list speak in sites and field names") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  REQUIRE(f.Call("profile.put", {{"profile", testing::AdaProfileJson()}})["ok"] == true);
  REQUIRE(f.Call("site.set", {{"url", "https://a.shop.example"}, {"allow", {"email"}}})["ok"] ==
          true);
  json list = f.Call("site.list");
  REQUIRE(list["sites"].size() == 1);
  CHECK(list["sites"][0]["site"] == "https://shop.example");
  CHECK(list["sites"][0]["last_shared"].is_null());
  REQUIRE(f.Call("fill", {{"url", "https://a.shop.example/cart"},
                          {"fields", {{{"ref", "e"}, {"autocomplete", "email"}}}}})["fills"]
              .size() == 1);
  CHECK(f.Call("site.list")["sites"][0]["last_shared"].is_string());
  json ledger = f.Call("ledger.list", {{"url", "https://shop.example"}});
  REQUIRE(ledger["entries"].size() == 1);
  CHECK(ledger["entries"][0]["fields"] == json::array({"email"}));
  CHECK(f.Call("ledger.verify")["entries"] == 1);
  CHECK(f.Call("site.forget", {{"url", "https://shop.example"}})["site"] == "https://shop.example");
  CHECK(f.Call("site.forget", {{"url", "https://shop.example"}})["error"]["code"] == "not_found");
  CHECK(f.Call("site.get", {{"url", "https://shop.example"}})["allow"].empty());
}

TEST_CASE("passwd changes the password; the old one stops working") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "old"}})["ok"] == true);
  CHECK(f.Call("passwd", {{"old", "wrong"}, {"new", "new"}})["error"]["code"] == "bad_password");
  REQUIRE(f.Call("passwd", {{"old", "old"}, {"new", "new"}})["ok"] == true);
  REQUIRE(f.Call("lock")["ok"] == true);
  CHECK(f.Call("unlock", {{"password", "old"}})["error"]["code"] == "bad_password");
  CHECK(f.Call("unlock", {{"password", "new"}})["ok"] == true);
}

}  // namespace pims

namespace pims {

TEST_CASE("the largest profile validation allows still comes back in one reply") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  json profile = testing::ArchitectureExampleJson();
  profile.erase("defaults");
  profile["addresses"] = json::array();
  profile["cards"] = json::array();
  // 100 addresses and 100 cards of 999-byte fields: the limits of profile.h.
  const std::string big(999, 'x');
  for (int i = 0; i < 100; ++i) {
    json address = {{"country", "GB"}, {"email", std::string(200, 'e') + "@example.org"}};
    for (const char* key : {"label", "name", "organization", "street-address", "address-level1",
                            "address-level2", "address-level3", "postal-code"}) {
      address[key] = big;
    }
    profile["addresses"].push_back(address);
    profile["cards"].push_back({{"label", big}, {"cc-name", big}});
  }
  REQUIRE(f.Call("profile.put", {{"profile", profile}})["ok"] == true);
  const json reply = f.Call("profile.get");
  REQUIRE(reply["ok"] == true);
  CHECK(SerializeReply(reply).size() <= kMaxReplyBytes);
  CHECK(reply["profile"]["addresses"].size() == 100);
}

}  // namespace pims

namespace pims {

TEST_CASE("automatic fills do not keep the vault unlocked; the shopper's requests do") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  REQUIRE(f.Call("settings.set", {{"autolock_minutes", 2}})["ok"] == true);
  const json fields = json::array({{{"ref", "e"}, {"autocomplete", "email"}}});
  // A page that asks every minute: the vault still locks two minutes after the shopper's last
  // request.
  f.clock.now += 60'000;
  CHECK(f.Call("fill", {{"url", "https://shop.example"}, {"fields", fields}})["ok"] == true);
  f.clock.now += 60'000;
  CHECK(f.Call("fill", {{"url", "https://shop.example"},
                        {"fields", fields},
                        {"trigger", "auto"}})["error"]["code"] == "locked");
  CHECK(f.Call("status")["vault"] == "locked");
  // A gesture fill is the shopper's doing.
  REQUIRE(f.Call("unlock", {{"password", "pw"}})["ok"] == true);
  f.clock.now += 100'000;
  CHECK(f.Call("fill", {{"url", "https://shop.example"},
                        {"fields", fields},
                        {"trigger", "gesture"}})["ok"] == true);
  f.clock.now += 100'000;
  CHECK(f.Call("status")["vault"] == "unlocked");
}

TEST_CASE("with automatic filling off, only gestures fill, and the setting lives in the vault") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  REQUIRE(f.Call("profile.put", {{"profile", testing::AdaProfileJson()}})["ok"] == true);
  REQUIRE(f.Call("site.set", {{"url", "https://shop.example"}, {"allow", {"email"}}})["ok"] ==
          true);
  CHECK(f.Call("settings.get")["autofill"] == true);
  CHECK(f.Call("settings.set", {{"autofill", "no"}})["error"]["field"] == "autofill");
  REQUIRE(f.Call("settings.set", {{"autofill", false}})["autofill"] == false);
  CHECK(f.Call("settings.get")["autolock_minutes"] == 15);  // the other setting is kept
  const json fields = json::array({{{"ref", "e"}, {"autocomplete", "email"}}});
  json automatic = f.Call("fill", {{"url", "https://shop.example"}, {"fields", fields}});

  CHECK(automatic["fills"].empty());
  REQUIRE(automatic["withheld"].size() == 1);
  CHECK(automatic["withheld"][0]["reason"] == "autofill_off");
  json gesture =
      f.Call("fill", {{"url", "https://shop.example"}, {"fields", fields}, {"trigger", "gesture"}});
  CHECK(gesture["fills"].size() == 1);
  // In a new session (another host, after a restart) it is still off.
  Session other{SessionConfig{f.dir / "vault.db", PasswordHashing::Minimum(), &f.clock,
                              &AutocompleteClassifier()}};
  REQUIRE(other.Handle(Request{1, "unlock", {{"type", "unlock"}, {"password", "pw"}}, {}})["ok"] ==
          true);
  CHECK(other.Handle(Request{2, "settings.get", {{"type", "settings.get"}}, {}})["autofill"] ==
        false);
}

}  // namespace pims

namespace pims {

TEST_CASE("a fill decides only the asked fields; the others are context, in no reply or ledger") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  REQUIRE(f.Call("profile.put", {{"profile", testing::AdaProfileJson()}})["ok"] == true);
  REQUIRE(f.Call("site.set",
                 {{"url", "https://shop.example"}, {"allow", {"name", "email"}}})["ok"] == true);
  const json fields = json::array({{{"ref", "g"}, {"autocomplete", "given-name"}},
                                   {{"ref", "e"}, {"autocomplete", "email"}},
                                   {{"ref", "t"}, {"autocomplete", "tel"}}});
  json reply =
      f.Call("fill", {{"url", "https://shop.example"}, {"fields", fields}, {"ask", {"g"}}});
  REQUIRE(reply["ok"] == true);
  REQUIRE(reply["fills"].size() == 1);
  CHECK(reply["fills"][0]["ref"] == "g");
  CHECK(reply["withheld"].empty());  // tel is not allowed, but was not asked
  json ledger = f.Call("ledger.list");
  REQUIRE(ledger["entries"].size() == 1);
  CHECK(ledger["entries"][0]["fields"] == json({"given-name"}));
  CHECK(f.Call("fill", {{"url", "https://shop.example"},
                        {"fields", fields},
                        {"ask", {1}}})["error"]["field"] == "ask");
}

TEST_CASE("a consent given on one host fills another host of its site only on a gesture") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  REQUIRE(f.Call("profile.put", {{"profile", testing::AdaProfileJson()}})["ok"] == true);
  json set = f.Call("site.set", {{"url", "https://store.shop.example/cart"}, {"allow", {"email"}}});
  REQUIRE(set["ok"] == true);
  CHECK(set["site"] == "https://shop.example");
  CHECK(set["hosts"] == json::array({"store.shop.example"}));
  const json fields = {{{"ref", "e"}, {"autocomplete", "email"}}};

  json here = f.Call("fill", {{"url", "https://store.shop.example/pay"}, {"fields", fields}});
  CHECK(here["fills"].size() == 1);
  json there = f.Call("fill", {{"url", "https://docs.shop.example/form"}, {"fields", fields}});
  CHECK(there["fills"].empty());
  REQUIRE(there["withheld"].size() == 1);
  CHECK(there["withheld"][0]["reason"] == "other_host");
  CHECK(there["site"] == "https://shop.example");
  json asked = f.Call(
      "fill",
      {{"url", "https://docs.shop.example/form"}, {"trigger", "gesture"}, {"fields", fields}});
  CHECK(asked["fills"].size() == 1);

  // Consent given there too: both hosts fill by themselves; the list keeps both, once.
  REQUIRE(f.Call("site.set", {{"url", "https://docs.shop.example/"}, {"allow", {"email"}}})["ok"] ==
          true);
  REQUIRE(f.Call("site.set",
                 {{"url", "https://DOCS.shop.example./x"}, {"allow", {"email"}}})["ok"] == true);
  CHECK(f.Call("site.get", {{"url", "https://shop.example"}})["hosts"] ==
        json::array({"store.shop.example", "docs.shop.example"}));
  CHECK(f.Call("fill", {{"url", "https://docs.shop.example/form"}, {"fields", fields}})["fills"]
            .size() == 1);
  CHECK(f.Call("site.list")["sites"][0]["hosts"].size() == 2);
}

TEST_CASE("a frame of another site fills only on a gesture, and only what the top site may have") {
  Fixture f;
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  REQUIRE(f.Call("profile.put", {{"profile", testing::AdaProfileJson()}})["ok"] == true);
  REQUIRE(f.Call("site.set", {{"url", "https://pay.psp.example/"},
                              {"allow", {"email", "card"}},
                              {"auto_card", true}})["ok"] == true);
  REQUIRE(f.Call("site.set", {{"url", "https://www.shop.example/"}, {"allow", {"email"}}})["ok"] ==
          true);
  REQUIRE(f.Call("site.set", {{"url", "http://www.plain.example/"},
                              {"allow", {"email", "card"}}})["ok"] == true);
  const json fields = {{{"ref", "e"}, {"autocomplete", "email"}},
                       {{"ref", "n"}, {"autocomplete", "cc-number"}}};
  auto reasons = [](const json& reply) {
    std::map<std::string, std::string> out;
    for (const json& w : reply["withheld"]) out[w["ref"]] = w["reason"];
    return out;
  };
  json fill = {{"url", "https://pay.psp.example/frame"},
               {"top_url", "https://www.shop.example/checkout"},
               {"fields", fields}};

  // Automatic: nothing, even with auto_card, whatever the frame's own site allows.
  json automatic = f.Call("fill", fill);
  CHECK(automatic["fills"].empty());
  CHECK(reasons(automatic) ==
        std::map<std::string, std::string>{{"e", "cross_site_frame"}, {"n", "top_not_allowed"}});
  // A gesture at the tab as a whole (Fill now, a shortcut) does not reach into it.
  fill["trigger"] = "gesture";
  CHECK(reasons(f.Call("fill", fill)) ==
        std::map<std::string, std::string>{{"e", "cross_site_frame"}, {"n", "top_not_allowed"}});
  // On a gesture aimed at the frame: what both sites allow.
  fill["aimed"] = true;
  json gesture = f.Call("fill", fill);
  REQUIRE(gesture["fills"].size() == 1);
  CHECK(gesture["fills"][0]["ref"] == "e");
  CHECK(reasons(gesture) == std::map<std::string, std::string>{{"n", "top_not_allowed"}});
  // Under an http: page, no card data even where both sites allow it.
  fill["top_url"] = "http://www.plain.example/";
  CHECK(reasons(f.Call("fill", fill)) ==
        std::map<std::string, std::string>{{"n", "insecure_origin"}});
  // A frame of the page's own site is the page's: it fills by itself when the top-level page's
  // host is one where consent was given, whatever the frame's own host.
  json same = f.Call("fill", {{"url", "https://frames.psp.example/frame"},
                              {"top_url", "https://pay.psp.example/"},
                              {"fields", fields}});
  CHECK(same["fills"].size() == 2);  // email, and the number with auto_card
  CHECK(same["withheld"].empty());
  json elsewhere = f.Call("fill", {{"url", "https://pay.psp.example/frame"},
                                   {"top_url", "https://www.psp.example/"},
                                   {"fields", fields}});
  CHECK(reasons(elsewhere) ==
        std::map<std::string, std::string>{{"e", "other_host"}, {"n", "other_host"}});
  // aimed must be a boolean.
  json typo = f.Call(
      "fill", {{"url", "https://pay.psp.example/frame"}, {"aimed", "yes"}, {"fields", fields}});
  CHECK(typo["error"]["code"] == "bad_request");
  // A top_url that is no site is refused before anything is decided.
  fill["top_url"] = "about:blank";
  json bad = f.Call("fill", fill);
  CHECK(bad["error"]["code"] == "bad_site");
  CHECK(bad["error"]["field"] == "top_url");
}

}  // namespace pims

namespace pims {

TEST_CASE("status reads the vault file's header alone: no database is opened to say locked") {
  Fixture f;
  const std::filesystem::path file = f.dir / "vault.db";
  CHECK(f.Call("status")["vault"] == "absent");
  {
    Session creator{
        SessionConfig{file, PasswordHashing::Minimum(), &f.clock, &AutocompleteClassifier()}};
    REQUIRE(creator.Handle(
                Request{1, "setup", {{"type", "setup"}, {"password", "pw"}}, {}})["ok"] == true);
    // While the creating host still runs, its schema may sit in the write-ahead log only.
    CHECK(f.Call("status")["vault"] == "locked");
  }
  std::filesystem::remove(file.string() + "-wal");
  std::filesystem::remove(file.string() + "-shm");
  CHECK(f.Call("status")["vault"] == "locked");
  CHECK_FALSE(std::filesystem::exists(file.string() + "-wal"));  // nothing opened it
  CHECK_FALSE(std::filesystem::exists(file.string() + "-shm"));

  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  auto write = [&](const std::string& content) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << content;
  };
  SECTION("a newer schema") {
    bytes[63] = 99;  // user_version, big-endian at offset 60
    write(bytes);
    CHECK(f.Call("status")["error"]["code"] == "vault_newer");
  }
  SECTION("not SQLite") {
    write(std::string(4096, 'x'));
    CHECK(f.Call("status")["error"]["code"] == "vault_corrupt");
  }
  SECTION("no pims schema and no log") {
    bytes[63] = 0;
    write(bytes);
    CHECK(f.Call("status")["error"]["code"] == "vault_corrupt");
  }
}

TEST_CASE("HandleToText answers a fill with the bytes SerializeReply(Handle()) gives") {
  Fixture f;
  // A fill answered twice: as text, then as JSON (a fill's reply does not depend on the ledger
  // entries before it); any other verb through Handle.
  auto fill_both_ways = [&](json body) {
    body["type"] = "fill";
    body["id"] = f.next_id;
    const std::string text = f.session.HandleToText(Request{f.next_id, "fill", body, {}});
    CHECK(text == SerializeReply(f.session.Handle(Request{f.next_id, "fill", body, {}})));
    ++f.next_id;
    return json::parse(text);
  };
  const json fields = json::array({{{"ref", "g"}, {"autocomplete", "given-name"}},
                                   {{"ref", "e"}, {"autocomplete", "email"}},
                                   {{"ref", "n"}, {"autocomplete", "cc-number"}},
                                   {{"ref", "o"}, {"autocomplete", "organization"}},
                                   {{"ref", "q"}, {"name", "q"}, {"type", "search"}}});
  const json fill = {{"url", "https://shop.example/pay"}, {"fields", fields}};
  CHECK(fill_both_ways(fill)["error"]["code"] == "vault_absent");
  REQUIRE(f.Call("setup", {{"password", "pw"}})["ok"] == true);
  CHECK(fill_both_ways(fill)["withheld"].size() == 4);  // nothing allowed yet
  json profile = testing::AdaProfileJson();
  profile["person"]["organization"] = "";
  profile["person"]["given-name"] = "Ada \"Countess\" \\ Zoë";
  REQUIRE(f.Call("profile.put", {{"profile", profile}})["ok"] == true);
  REQUIRE(f.Call("site.set", {{"url", "https://shop.example"},
                              {"allow", {"name", "email", "organization"}}})["ok"] == true);
  const json filled = fill_both_ways(fill);
  CHECK(filled["fills"].size() == 2);
  CHECK(filled["fills"][0]["value"] == "Ada \"Countess\" \\ Zoë");
  CHECK(filled["withheld"].size() == 1);
  CHECK(filled["unknown"] == json({"q"}));
  CHECK(filled["empty"] == json({"o"}));
  CHECK(fill_both_ways({{"url", "not a url"}, {"fields", fields}})["error"]["code"] == "bad_site");
  CHECK(fill_both_ways({{"url", "https://shop.example/"}, {"fields", 3}})["error"]["field"] ==
        "fields");
  // Both ways wrote their ledger entry.
  CHECK(f.Call("ledger.list")["entries"].size() == 2);
  // Another verb's text is its JSON reply serialised.
  const std::string status = f.session.HandleToText(Request{99, "status", {{"id", 99}}, {}});
  CHECK(json::parse(status)["vault"] == "unlocked");
  REQUIRE(f.Call("lock")["ok"] == true);
  CHECK(fill_both_ways(fill)["error"]["code"] == "locked");
}

}  // namespace pims
