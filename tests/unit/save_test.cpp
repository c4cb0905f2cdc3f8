// Saving what the shopper typed (pims/save.h) and its verbs record.match, record.save and
// record.never, through a Session with the autocomplete classifier.
#include "pims/save.h"

#include <catch2/catch.hpp>

#include "pims/session.h"
#include "support/manual_clock.h"
#include "support/temp_dir.h"
#include "support/test_profile.h"

namespace pims {
namespace {

using nlohmann::json;

SubmittedField Typed(std::string_view autocomplete, std::string_view value, bool typed = true,
                     std::string_view text = "") {
  return {*ParseAutocomplete(autocomplete), Secret(value), Secret(text), typed};
}

std::vector<SaveCandidate> Candidates(const std::vector<SubmittedField>& fields,
                                      const Profile& profile) {
  return SaveCandidates(fields, profile);
}

struct Fixture {
  testing::TempDir dir;
  testing::ManualClock clock;
  Session session{SessionConfig{dir / "vault.db", PasswordHashing::Minimum(), &clock,
                                &AutocompleteClassifier()}};
  int next_id = 1;

  Fixture() {
    REQUIRE(Call("setup", {{"password", "pw"}})["ok"] == true);
    REQUIRE(Call("profile.put", {{"profile", testing::AdaProfileJson()}})["ok"] == true);
  }
  json Call(const std::string& verb, json body = json::object()) {
    body["type"] = verb;
    Request request{next_id++, verb, body, {}};
    return session.Handle(request);
  }
  // A record.match of a form whose fields are (autocomplete, value), all typed.
  json Match(const std::vector<std::pair<std::string, std::string>>& form,
             std::string url = "https://shop.example/checkout") {
    json fields = json::array();
    json values = json::array();
    int n = 0;
    for (const auto& [autocomplete, value] : form) {
      const std::string ref = "f" + std::to_string(++n);
      fields.push_back({{"ref", ref}, {"autocomplete", autocomplete}});
      values.push_back({{"ref", ref}, {"value", value}, {"typed", true}});
    }
    return Call("record.match", {{"url", url}, {"fields", fields}, {"values", values}});
  }
};

const std::vector<std::pair<std::string, std::string>> kNewAddress = {
    {"shipping name", "Grace Hopper"},        {"shipping street-address", "1 Navy Yard"},
    {"shipping address-level2", "Arlington"}, {"shipping postal-code", "22202"},
    {"shipping country", "United States"},    {"shipping tel", "(202) 555-0100"}};

}  // namespace

TEST_CASE("typed address fields make one address, normalised as profile.put does") {
  const Profile ada = testing::AdaProfile();
  auto out = Candidates({Typed("name", "Grace Hopper"), Typed("address-line1", "1 Navy Yard"),
                         Typed("address-line2", "Building 3"), Typed("postal-code", "22202"),
                         Typed("country", "840", true, "Vereinigte Staaten"),
                         Typed("tel", "(202) 555-0100"), Typed("email", "grace@example.com")},
                        ada);
  REQUIRE(out.size() == 1);
  const SaveCandidate& c = out[0];
  CHECK(c.kind == RecordKind::kAddress);
  CHECK(c.section == AddressHint::kShipping);
  CHECK(c.record["street-address"] == "1 Navy Yard\nBuilding 3");
  CHECK(c.record["country"] == "US");        // a name (or a numeric code) becomes the code
  CHECK(c.record["tel"] == "+12025550100");  // national, in the address's country
  CHECK(c.record["email"] == "grace@example.com");
  CHECK(c.record["name"] == "Grace Hopper");
  CHECK(c.dropped.empty());
}

TEST_CASE("a value that fails validation is left out, and named") {
  auto out = Candidates({Typed("street-address", "1 Navy Yard"), Typed("postal-code", "22202"),
                         Typed("country", "Atlantis"), Typed("email", "not-an-email")},
                        Profile{});
  REQUIRE(out.size() == 1);
  CHECK_FALSE(out[0].record.contains("country"));
  CHECK_FALSE(out[0].record.contains("email"));
  CHECK(out[0].dropped == std::vector<std::string>{"country", "email"});
}

TEST_CASE("only typing makes a candidate: values pims filled alone make none") {
  const Profile ada = testing::AdaProfile();
  CHECK(Candidates(
            {Typed("street-address", "1 Navy Yard", false), Typed("postal-code", "22202", false)},
            ada)
            .empty());
  // A card needs a valid number; a bad one drops the card.
  CHECK(
      Candidates({Typed("cc-number", "4111111111111112"), Typed("cc-exp", "12/30")}, ada).empty());
}

TEST_CASE("card fields: a split number, an expiry in one box, a security code") {
  auto out = Candidates(
      {Typed("cc-name", "Grace Hopper"), Typed("cc-exp", "07 / 31"), Typed("cc-csc", "987")},
      Profile{});
  CHECK(out.empty());  // no number
  AutofillToken part = *ParseAutocomplete("cc-number");
  std::vector<SubmittedField> fields;
  for (int i = 0; i < 4; ++i) {
    part.part_offset = static_cast<uint16_t>(4 * i);
    part.part_length = 4;
    part.part_total = 16;
    fields.push_back({part,
                      Secret(i == 0   ? "5555"
                             : i == 3 ? "4444"
                             : i == 1 ? "5555"
                                      : "5555"),
                      Secret(""), true});
  }
  fields.push_back(Typed("cc-exp", "07 / 31"));
  fields.push_back(Typed("cc-csc", "987"));
  out = Candidates(fields, Profile{});
  REQUIRE(out.size() == 1);
  CHECK(out[0].kind == RecordKind::kCard);
  CHECK(out[0].record["cc-number"] == "5555555555554444");
  CHECK(out[0].record["cc-exp-month"] == 7);
  CHECK(out[0].record["cc-exp-year"] == 2031);
  const json shown = MaskedRecord(RecordKind::kCard, out[0].record);
  CHECK(shown["cc-number"] == "•••• 4444");
  CHECK_FALSE(shown.contains("cc-csc"));
}

TEST_CASE("name, email and phone without an address are the person's") {
  auto out = Candidates({Typed("name", "Ada King"), Typed("email", "ada@king.example")},
                        testing::AdaProfile());
  REQUIRE(out.size() == 1);
  CHECK(out[0].kind == RecordKind::kPerson);
  CHECK(out[0].record ==
        json{{"given-name", "Ada"}, {"family-name", "King"}, {"email", "ada@king.example"}});
}

TEST_CASE("matching: the same address, a changed postcode, another address") {
  const Profile ada = testing::AdaProfile();
  auto home = Candidates(
      {Typed("name", "ada lovelace"), Typed("street-address", "12 St James's Square\nFlat 3"),
       Typed("address-level2", "London"), Typed("postal-code", "SW1Y 4JH"), Typed("country", "GB")},
      ada);
  REQUIRE(home.size() == 1);
  CHECK(MatchCandidate(ada, home[0]).action == SaveAction::kSame);  // case-blind

  home[0].record["postal-code"] = "SW1Y 4JJ";
  SaveMatch m = MatchCandidate(ada, home[0]);
  CHECK(m.action == SaveAction::kUpdate);
  CHECK(m.id == "home");
  CHECK(m.label == "Home");
  CHECK(m.changed == std::vector<std::string>{"postal-code"});

  // The shopper's own email and phone typed beside Home's address (which has none): no update.
  home[0].record["postal-code"] = "SW1Y 4JH";
  home[0].record["email"] = "ada@example.org";
  home[0].record["tel"] = "+442079460000";
  home[0].typed.push_back("email");
  CHECK(MatchCandidate(ada, home[0]).action == SaveAction::kSame);
  home[0].record["email"] = "ada@elsewhere.example";
  CHECK(MatchCandidate(ada, home[0]).changed == std::vector<std::string>{"email"});
  home[0].record.erase("email");
  home[0].record.erase("tel");
  home[0].record["postal-code"] = "SW1Y 4JJ";

  // The change is in a value pims filled, not one the shopper typed: no offer.
  home[0].typed = {"name"};
  CHECK(MatchCandidate(ada, home[0]).action == SaveAction::kSame);

  auto other = Candidates({Typed("name", "Grace Hopper"), Typed("street-address", "1 Navy Yard"),
                           Typed("address-level2", "London"), Typed("postal-code", "22202")},
                          ada);
  REQUIRE(other.size() == 1);
  CHECK(MatchCandidate(ada, other[0]).action == SaveAction::kNew);
}

TEST_CASE("matching a card by its number; the person field by field") {
  const Profile ada = testing::AdaProfile();
  auto card =
      Candidates({Typed("cc-number", "4111 1111 1111 1111"), Typed("cc-exp", "01/32")}, ada);
  REQUIRE(card.size() == 1);
  SaveMatch m = MatchCandidate(ada, card[0]);
  CHECK(m.action == SaveAction::kUpdate);
  CHECK(m.id == "visa");
  CHECK(m.changed == std::vector<std::string>{"cc-exp-month", "cc-exp-year"});
  auto person = Candidates({Typed("email", "ADA@example.org")}, ada);
  REQUIRE(person.size() == 1);
  CHECK(MatchCandidate(ada, person[0]).action == SaveAction::kSame);
}

TEST_CASE("SaveRecord adds, updates and refuses as profile.put does") {
  Profile ada = testing::AdaProfile();
  auto id = SaveRecord(ada, RecordKind::kAddress, "",
                       {{"street-address", "1 Navy Yard\nBuilding 3"},
                        {"postal-code", "22202"},
                        {"country", "us"},
                        {"tel", "202 555 0100"}});
  REQUIRE(id.ok());
  CHECK(*id == "address-1");
  REQUIRE(ada.addresses.size() == 3);
  CHECK(ada.addresses[2].fields.at("label").reveal() == "1 Navy Yard");
  CHECK(ada.addresses[2].fields.at("country").reveal() == "US");
  CHECK(ada.addresses[2].fields.at("tel").reveal() == "+12025550100");

  REQUIRE(SaveRecord(ada, RecordKind::kAddress, "home", {{"postal-code", "SW1Y 4JJ"}}).ok());
  CHECK(ada.addresses[0].fields.at("postal-code").reveal() == "SW1Y 4JJ");
  CHECK(ada.addresses[0].fields.at("address-level2").reveal() == "London");  // kept

  auto bad = SaveRecord(ada, RecordKind::kCard, "", {{"cc-number", "4111111111111112"}});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == ErrorCode::kInvalidField);
  CHECK(bad.status().field() == "record.cc-number");
  CHECK(SaveRecord(ada, RecordKind::kAddress, "nope", {{"postal-code", "1"}}).status().code() ==
        ErrorCode::kNotFound);
  CHECK(SaveRecord(ada, RecordKind::kAddress, "", {{"pin", "1"}}).status().field() == "record.pin");
  CHECK(SaveRecord(ada, RecordKind::kAddress, "", json::array()).status().field() == "record");
  CHECK(ada.addresses.size() == 3);  // nothing of the refused ones stored

  auto card = SaveRecord(ada, RecordKind::kCard, "", {{"cc-number", "5555555555554444"}});
  REQUIRE(card.ok());
  CHECK(ada.cards.back().fields.at("label").reveal() == "Card 4444");
}

TEST_CASE("record.match offers a new address, then nothing once it is saved") {
  Fixture f;
  json reply = f.Match(kNewAddress);
  REQUIRE(reply["ok"] == true);
  CHECK(reply["site"] == "https://shop.example");
  CHECK(reply["never"] == false);
  REQUIRE(reply["records"].size() == 1);
  const json& offer = reply["records"][0];
  CHECK(offer["kind"] == "address");
  CHECK(offer["section"] == "shipping");
  CHECK(offer["action"] == "new");
  CHECK(offer["record"]["country"] == "US");
  CHECK(offer["record"]["tel"] == "+12025550100");

  json saved = f.Call("record.save", {{"kind", "address"}, {"record", offer["record"]}});
  REQUIRE(saved["ok"] == true);
  CHECK(saved["saved"] == "address-1");
  CHECK(saved["label"] == "1 Navy Yard");
  json profile = f.Call("profile.get")["profile"];
  CHECK(profile["addresses"].size() == 3);
  CHECK(profile["addresses"][2]["postal-code"] == "22202");

  reply = f.Match(kNewAddress);
  CHECK(reply["records"].empty());
  CHECK(reply["same"] == 1);

  auto changed = kNewAddress;
  changed[3].second = "22203";
  reply = f.Match(changed);
  REQUIRE(reply["records"].size() == 1);
  CHECK(reply["records"][0]["action"] == "update");
  CHECK(reply["records"][0]["id"] == "address-1");
  CHECK(reply["records"][0]["changed"] == json{"postal-code"});
  saved = f.Call(
      "record.save",
      {{"kind", "address"}, {"update", "address-1"}, {"record", reply["records"][0]["record"]}});
  REQUIRE(saved["ok"] == true);
  CHECK(f.Call("profile.get")["profile"]["addresses"][2]["postal-code"] == "22203");
  CHECK(f.Call("profile.get")["profile"]["addresses"].size() == 3);
}

TEST_CASE("record.match masks the card it offers and says a security code was typed") {
  Fixture f;
  json reply =
      f.Match({{"cc-number", "5555 5555 5555 4444"}, {"cc-exp", "07/31"}, {"cc-csc", "987"}});
  REQUIRE(reply["records"].size() == 1);
  const json& card = reply["records"][0];
  CHECK(card["kind"] == "card");
  CHECK(card["action"] == "new");
  CHECK(card["csc"] == true);
  CHECK(card["shown"]["cc-number"] == "•••• 4444");
  CHECK_FALSE(card["shown"].contains("cc-csc"));
}

TEST_CASE("record.never stops the offers for the site, and only for it") {
  Fixture f;
  json never = f.Call("record.never", {{"url", "https://www.shop.example/cart"}});
  REQUIRE(never["ok"] == true);
  CHECK(never["never_save"] == true);
  CHECK(never["allow"].empty());
  CHECK(f.Call("site.get", {{"url", "https://shop.example"}})["never_save"] == true);
  json reply = f.Match(kNewAddress);
  CHECK(reply["never"] == true);
  CHECK(reply["records"].empty());
  CHECK(f.Match(kNewAddress, "https://other.example/")["records"].size() == 1);
  // site.set keeps it; record.never {never: false} lifts it.
  REQUIRE(f.Call("site.set", {{"url", "https://shop.example"}, {"allow", {"name"}}})["ok"] == true);
  CHECK(f.Call("site.get", {{"url", "https://shop.example"}})["never_save"] == true);
  REQUIRE(f.Call("record.never", {{"url", "https://shop.example"}, {"never", false}})["ok"] ==
          true);
  CHECK(f.Match(kNewAddress)["records"].size() == 1);
}

TEST_CASE("record verbs refuse bad requests naming the field, and need the vault unlocked") {
  Fixture f;
  auto code = [](const json& r) { return r["error"]["code"].get<std::string>(); };
  auto field = [](const json& r) { return r["error"].value("field", ""); };
  json r = f.Call("record.save", {{"kind", "pet"}, {"record", json::object()}});
  CHECK(code(r) == "bad_request");
  CHECK(field(r) == "kind");
  r = f.Call("record.save", {{"kind", "address"}, {"record", "x"}});
  CHECK(field(r) == "record");
  r = f.Call("record.save", {{"kind", "card"}, {"record", {{"cc-number", "4111111111111112"}}}});
  CHECK(code(r) == "invalid_field");
  CHECK(field(r) == "record.cc-number");
  r = f.Call("record.save",
             {{"kind", "address"}, {"update", "nope"}, {"record", {{"postal-code", "1"}}}});
  CHECK(code(r) == "not_found");
  CHECK(field(r) == "update");
  r = f.Call("record.match", {{"url", "https://shop.example"},
                              {"fields", json::array()},
                              {"values", {{{"ref", "f1"}, {"value", 3}}}}});
  CHECK(code(r) == "bad_request");
  CHECK(field(r) == "values[0].value");
  r = f.Call("record.match",
             {{"url", "ftp://shop.example"}, {"fields", json::array()}, {"values", json::array()}});
  CHECK(code(r) == "bad_site");
  REQUIRE(f.Call("lock")["ok"] == true);
  CHECK(code(f.Match(kNewAddress)) == "locked");
  CHECK(code(f.Call("record.save", {{"kind", "address"}, {"record", {{"postal-code", "1"}}}})) ==
        "locked");
}

}  // namespace pims
