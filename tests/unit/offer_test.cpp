// The menu at a field: what `offer` may show for a field, a fill of the record the shopper
// picked, "fill once", and refusals ("never for this shop"), through the Session as the
// extension's background asks.
#include "pims/offer.h"

#include <catch2/catch.hpp>

#include "pims/session.h"
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

  Fixture() {
    REQUIRE(Call("setup", {{"password", "pw"}})["ok"] == true);
    json profile = testing::AdaProfileJson();
    profile["cards"].push_back({{"id", "mc"},
                                {"label", "Work card"},
                                {"cc-name", "A Lovelace"},
                                {"cc-number", "5555555555554444"},
                                {"cc-exp-month", 3},
                                {"cc-exp-year", 2029}});
    REQUIRE(Call("profile.put", {{"profile", profile}})["ok"] == true);
  }

  json Call(const std::string& verb, json body = json::object()) {
    body["type"] = verb;
    Request request{next_id++, verb, body, {}};
    return session.Handle(request);
  }
  json Offer(const std::string& url, const std::string& focus, json extra = json::object()) {
    json body = {{"url", url}, {"fields", Form()}, {"focus", focus}};
    body.update(extra);
    return Call("offer", body);
  }
  json Allow(const std::string& url, json allow, json extra = json::object()) {
    json body = {{"url", url}, {"allow", std::move(allow)}};
    body.update(extra);
    return Call("site.set", body);
  }

  // A checkout with contact, shipping, billing and card fields, and one hidden birthday box.
  static json Form() {
    json fields = json::array();
    for (auto [ref, autocomplete] : std::initializer_list<std::pair<const char*, const char*>>{
             {"given", "given-name"},
             {"email", "email"},
             {"street", "shipping street-address"},
             {"town", "shipping address-level2"},
             {"bstreet", "billing street-address"},
             {"number", "cc-number"},
             {"csc", "cc-csc"},
             {"search", "off"}}) {
      fields.push_back({{"ref", ref}, {"autocomplete", autocomplete}, {"visible", true}});
    }
    fields.push_back({{"ref", "bday"}, {"autocomplete", "bday"}, {"visible", false}});
    return fields;
  }
};

std::vector<std::string> Ids(const json& entries) {
  std::vector<std::string> ids;
  for (const json& e : entries) ids.push_back(e["id"]);
  return ids;
}

AutofillToken Token(const char* autocomplete) { return *ParseAutocomplete(autocomplete); }

}  // namespace

TEST_CASE("a field's records: its section's addresses, the cards, or the person") {
  CHECK(PickRoleOf(Token("street-address")) == PickRole::kShipping);
  CHECK(PickRoleOf(Token("billing postal-code")) == PickRole::kBilling);
  CHECK(PickRoleOf(Token("billing name")) == PickRole::kBilling);
  CHECK(PickRoleOf(Token("cc-csc")) == PickRole::kCard);
  CHECK(PickRoleOf(Token("email")) == PickRole::kPerson);
  CHECK_FALSE(PickRoleOf(Token("username")).has_value());

  CHECK(InPick(PickRole::kShipping, Token("shipping street-address")));
  CHECK(InPick(PickRole::kShipping, Token("given-name")));
  CHECK(InPick(PickRole::kShipping, Token("shipping tel")));
  CHECK_FALSE(InPick(PickRole::kShipping, Token("billing street-address")));
  CHECK_FALSE(InPick(PickRole::kShipping, Token("billing name")));
  CHECK_FALSE(InPick(PickRole::kShipping, Token("cc-number")));
  CHECK(InPick(PickRole::kCard, Token("cc-csc")));
  CHECK(InPick(PickRole::kPerson, Token("bday")));
  CHECK_FALSE(InPick(PickRole::kPerson, Token("shipping name")));
}

TEST_CASE("on a site that decided nothing, the menu lists the records by label and asks") {
  Fixture f;
  json offer = f.Offer("https://fairsocks.example/checkout", "street");
  REQUIRE(offer["ok"] == true);
  CHECK(offer["role"] == "shipping");
  CHECK(offer["category"] == "shipping_address");
  CHECK(offer["state"] == "undecided");
  // The visible fields ask; the hidden birthday box does not.
  CHECK(offer["asks"] ==
        json({"name", "email", "shipping_address", "billing_address", "card", "card_csc"}));
  CHECK(offer["undecided"] == offer["asks"]);
  CHECK(Ids(offer["entries"]) == std::vector<std::string>{"home", "work"});
  CHECK(offer["entries"][0]["label"] == "Home");
  CHECK(offer["entries"][0]["default"] == true);
  for (const json& e : offer["entries"]) CHECK(e["summary"] == "");
  CHECK(offer.dump().find("James") == std::string::npos);
}

TEST_CASE("an allowed category shows summaries, the default first; cards never in full") {
  Fixture f;
  REQUIRE(f.Allow("https://fairsocks.example", {"name", "billing_address", "card"})["ok"] == true);
  json billing = f.Offer("https://fairsocks.example/checkout", "bstreet");
  CHECK(billing["state"] == "allowed");
  CHECK(Ids(billing["entries"]) == std::vector<std::string>{"work", "home"});
  CHECK(billing["entries"][0]["summary"] == "1 Babbage Street, Cambridge, CB2 1TN");
  CHECK(billing["entries"][1]["summary"] == "12 St James's Square, London, SW1Y 4JH");
  CHECK(billing["undecided"] == json({"email", "shipping_address", "card_csc"}));

  json cards = f.Offer("https://fairsocks.example/checkout", "csc");
  CHECK(cards["role"] == "card");
  CHECK(cards["state"] == "undecided");  // card_csc itself
  REQUIRE(cards["entries"].size() == 2);
  CHECK(cards["entries"][0]["summary"] == "Visa \u2022\u2022\u2022\u2022 1111, 12/2030");
  CHECK(cards["entries"][1]["summary"] == "Mastercard \u2022\u2022\u2022\u2022 4444, 03/2029");
  CHECK(cards.dump().find("4111111111111111") == std::string::npos);

  json person = f.Offer("https://fairsocks.example/checkout", "given");
  CHECK(person["role"] == "person");
  REQUIRE(person["entries"].size() == 1);
  CHECK(person["entries"][0]["summary"] == "Ada Lovelace");  // email is not allowed
}

TEST_CASE("on an http page cards are neither offered nor asked about") {
  Fixture f;
  REQUIRE(f.Allow("http://plain.example", {"card", "card_csc"})["ok"] == true);
  json offer = f.Offer("http://plain.example/pay", "number");
  CHECK(offer["state"] == "insecure");
  CHECK(offer["entries"].empty());
  json street = f.Offer("http://plain.example/pay", "street");
  CHECK(street["undecided"] == json({"name", "email", "shipping_address", "billing_address"}));
}

TEST_CASE("fields pims does not fill, hidden fields and a menu turned off offer nothing") {
  Fixture f;
  CHECK(f.Offer("https://a.example", "search")["role"].is_null());
  CHECK(f.Offer("https://a.example", "bday")["role"].is_null());
  CHECK(f.Offer("https://a.example", "nope")["error"]["field"] == "focus");
  REQUIRE(f.Call("settings.set", {{"menu", false}})["menu"] == false);
  json off = f.Offer("https://a.example", "street");
  CHECK(off["menu"] == false);
  CHECK(off["entries"].empty());
}

TEST_CASE("picking a record fills it in the fields of its section only, and the ledger names it") {
  Fixture f;
  REQUIRE(f.Allow("https://fairsocks.example", {"name", "shipping_address", "billing_address",
                                                "card", "card_csc"})["ok"] == true);
  json reply = f.Call("fill", {{"url", "https://fairsocks.example/checkout"},
                               {"trigger", "gesture"},
                               {"fields", Fixture::Form()},
                               {"pick", {{"role", "shipping"}, {"id", "work"}}}});
  REQUIRE(reply["ok"] == true);
  std::map<std::string, std::string> filled;
  for (const json& fill : reply["fills"]) filled[fill["ref"]] = fill["value"];
  CHECK(filled == std::map<std::string, std::string>{
                      {"given", "Ada"}, {"street", "1 Babbage Street"}, {"town", "Cambridge"}});
  // email is asked by the pick, but not allowed
  REQUIRE(reply["withheld"].size() == 1);
  CHECK(reply["withheld"][0]["ref"] == "email");
  json ledger = f.Call("ledger.list");
  REQUIRE(ledger["entries"].size() == 1);
  CHECK(ledger["entries"][0]["record"] == json({{"id", "work"}, {"label", "Work"}}));
  CHECK_FALSE(ledger["entries"][0].contains("once"));

  json card = f.Call("fill", {{"url", "https://fairsocks.example/checkout"},
                              {"trigger", "gesture"},
                              {"fields", Fixture::Form()},
                              {"pick", {{"role", "card"}, {"id", "mc"}}}});
  filled.clear();
  for (const json& fill : card["fills"]) filled[fill["ref"]] = fill["value"];
  CHECK(filled == std::map<std::string, std::string>{{"number", "5555555555554444"}});
  CHECK(f.Call("ledger.list")["entries"][0]["record"]["label"] == "Work card");
  CHECK(f.Call("ledger.verify")["entries"] == 2);

  json missing = f.Call("fill", {{"url", "https://fairsocks.example/checkout"},
                                 {"trigger", "gesture"},
                                 {"fields", Fixture::Form()},
                                 {"pick", {{"role", "card"}, {"id", "home"}}}});
  CHECK(missing["error"]["code"] == "not_found");
  CHECK(missing["error"]["field"] == "pick.id");
}

TEST_CASE("fill once shares on a gesture without storing anything, and the ledger says once") {
  Fixture f;
  const json once = {"name", "email", "shipping_address"};
  json offer = f.Offer("https://fairsocks.example/checkout", "street", {{"once", once}});
  CHECK(offer["state"] == "once");
  CHECK(offer["entries"][1]["summary"] == "1 Babbage Street, Cambridge, CB2 1TN");
  CHECK(offer["undecided"] == json({"billing_address", "card", "card_csc"}));

  json automatic = f.Call(
      "fill",
      {{"url", "https://fairsocks.example/checkout"}, {"fields", Fixture::Form()}, {"once", once}});
  CHECK(automatic["error"]["field"] == "once");
  json reply = f.Call("fill", {{"url", "https://fairsocks.example/checkout"},
                               {"trigger", "gesture"},
                               {"fields", Fixture::Form()},
                               {"once", once},
                               {"pick", {{"role", "shipping"}, {"id", "home"}}}});
  REQUIRE(reply["ok"] == true);
  CHECK(reply["fills"].size() == 4);  // given, email, street, town
  json ledger = f.Call("ledger.list");
  REQUIRE(ledger["entries"].size() == 1);
  CHECK(ledger["entries"][0]["once"] == true);
  CHECK(ledger["entries"][0]["record"]["id"] == "home");
  CHECK(f.Call("site.get", {{"url", "https://fairsocks.example"}})["allow"].empty());
  CHECK(f.Call("site.list")["sites"].empty());
  // Nothing remains allowed: the next automatic fill shares nothing.
  CHECK(f.Call("fill", {{"url", "https://fairsocks.example/checkout"},
                        {"fields", Fixture::Form()}})["fills"]
            .empty());
}

TEST_CASE("a refused category is withheld as refused, offers nothing, and is asked no more") {
  Fixture f;
  json set = f.Allow("https://fairsocks.example", {"name"}, {{"deny", {"email", "card"}}});
  REQUIRE(set["ok"] == true);
  CHECK(set["deny"] == json({"email", "card"}));
  json offer = f.Offer("https://fairsocks.example/checkout", "number");
  CHECK(offer["state"] == "refused");
  CHECK(offer["entries"].empty());
  CHECK(offer["undecided"] == json({"shipping_address", "billing_address", "card_csc"}));
  json fill = f.Call("fill", {{"url", "https://fairsocks.example"},
                              {"fields", {{{"ref", "e"}, {"autocomplete", "email"}}}}});
  CHECK(fill["withheld"][0]["reason"] == "refused");

  // allow without deny keeps the refusals, except what is allowed now
  json allowed = f.Allow("https://fairsocks.example", {"name", "email"});
  CHECK(allowed["allow"] == json({"name", "email"}));
  CHECK(allowed["deny"] == json({"card"}));
  json both = f.Allow("https://fairsocks.example", {"card"}, {{"deny", {"card"}}});
  CHECK(both["error"]["code"] == "bad_request");
  CHECK(both["error"]["field"] == "deny");
  CHECK(f.Call("site.list")["sites"][0]["deny"] == json({"card"}));
}

TEST_CASE("a pick in a frame of another site is aimed at it; once answers the frame's site only") {
  Fixture f;
  REQUIRE(f.Allow("https://pay.psp.example/", {"card"})["ok"] == true);
  json shop = f.Allow("https://www.fairsocks.example/", {"name", "card"}, {{"deny", {"email"}}});
  REQUIRE(shop["ok"] == true);
  CHECK(shop["deny"] == json({"email"}));
  CHECK(shop["hosts"] == json({"www.fairsocks.example"}));
  auto reasons = [](const json& reply) {
    std::map<std::string, std::string> out;
    for (const json& w : reply["withheld"]) out[w["ref"]] = w["reason"];
    return out;
  };
  json fill = {{"url", "https://pay.psp.example/frame"},
               {"top_url", "https://www.fairsocks.example/checkout"},
               {"trigger", "gesture"},
               {"fields", Fixture::Form()},
               {"once", {"card_csc"}},
               {"pick", {{"role", "card"}, {"id", "mc"}}}};

  // Not aimed (a pick always is, but the host does not take it on trust): nothing.
  json loose = f.Call("fill", fill);
  REQUIRE(loose["ok"] == true);
  CHECK(loose["fills"].empty());
  CHECK(reasons(loose) == std::map<std::string, std::string>{{"number", "cross_site_frame"},
                                                             {"csc", "top_not_allowed"}});
  // Aimed: the picked card's number, which both sites allow; the code was allowed once to the
  // frame's site only, and the shop is not allowed it.
  fill["aimed"] = true;
  json aimed = f.Call("fill", fill);
  REQUIRE(aimed["fills"].size() == 1);
  CHECK(aimed["fills"][0]["ref"] == "number");
  CHECK(aimed["fills"][0]["value"] == "5555555555554444");
  CHECK(reasons(aimed) == std::map<std::string, std::string>{{"csc", "top_not_allowed"}});
  json entry = f.Call("ledger.list")["entries"][0];
  CHECK(entry["site"] == "https://psp.example");
  CHECK(entry["record"]["id"] == "mc");
  CHECK_FALSE(entry.contains("once"));

  // The person picked in the frame: email allowed once there, refused by the shop.
  json person = f.Call("fill", {{"url", "https://pay.psp.example/frame"},
                                {"top_url", "https://www.fairsocks.example/checkout"},
                                {"trigger", "gesture"},
                                {"aimed", true},
                                {"fields", Fixture::Form()},
                                {"once", {"email"}},
                                {"pick", {{"role", "person"}}}});
  CHECK(person["fills"].empty());
  CHECK(reasons(person) == std::map<std::string, std::string>{{"given", "not_allowed"},
                                                              {"email", "top_not_allowed"},
                                                              {"bday", "not_allowed"}});
}

}  // namespace pims
