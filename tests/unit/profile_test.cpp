#include "pims/profile.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <string_view>

#include "profile/countries.h"
#include "support/test_profile.h"

namespace pims {
namespace {

using nlohmann::json;

json Example() { return testing::ArchitectureExampleJson(); }

std::string Reveal(const FieldMap& fields, std::string_view key) {
  const auto it = fields.find(key);
  return it == fields.end() ? "<unset>" : std::string(it->second.reveal());
}

// The error of a profile that must be refused; REQUIREs that it is kInvalidField.
Status Refusal(const json& input) {
  Result<Profile> profile = ProfileFromJson(input);
  REQUIRE_FALSE(profile.ok());
  REQUIRE(profile.status().code() == ErrorCode::kInvalidField);
  return profile.status();
}

// The path reported for one person field with this value.
std::string PersonRefusal(std::string_view field, const json& value) {
  json input = {{"person", {{std::string(field), value}}}};
  return Refusal(input).field();
}

std::string CardRefusal(std::string_view field, const json& value) {
  json card = {{"cc-number", "4111111111111111"}};
  card[std::string(field)] = value;
  return Refusal(json{{"cards", json::array({card})}}).field();
}

std::string AddressRefusal(std::string_view field, const json& value) {
  json address = {{std::string(field), value}};
  return Refusal(json{{"addresses", json::array({json::object(), address})}}).field();
}

bool Accepted(RecordKind kind, std::string_view field, std::string_view value) {
  return ValidateField(kind, field, value, "x").ok();
}

std::string Normalized(RecordKind kind, std::string_view field, std::string_view value) {
  Result<Secret> result = NormalizeField(kind, field, value, "x");
  if (!result.ok()) return "error: " + result.status().ToString();
  return std::string(result->reveal());
}

}  // namespace

TEST_CASE("the example profile reads into stored fields", "[profile]") {
  Result<Profile> profile = ProfileFromJson(Example());
  REQUIRE(profile.ok());
  CHECK(Reveal(profile->person, "given-name") == "Ada");
  CHECK(Reveal(profile->person, "additional-name") == "<unset>");  // empty values are not stored
  CHECK(Reveal(profile->person, "tel") == "+442079460000");
  CHECK(profile->person.size() == 6);
  REQUIRE(profile->addresses.size() == 1);
  CHECK(profile->addresses[0].id == "home");
  CHECK(Reveal(profile->addresses[0].fields, "street-address") == "12 St James's Square\nFlat 3");
  CHECK(Reveal(profile->addresses[0].fields, "address-level1") == "<unset>");
  REQUIRE(profile->cards.size() == 1);
  CHECK(Reveal(profile->cards[0].fields, "cc-exp-month") == "12");
  CHECK(Reveal(profile->cards[0].fields, "cc-exp-year") == "2030");
  CHECK(profile->default_shipping == "home");
  CHECK(profile->default_billing == "home");
  CHECK(profile->default_card == "visa");
}

TEST_CASE("a profile round-trips from JSON to JSON", "[profile]") {
  Result<Profile> profile = ProfileFromJson(Example());
  REQUIRE(profile.ok());
  json expected = Example();
  expected["addresses"][0]["address-level3"] = "";  // every stored key is listed
  CHECK(ProfileToJson(*profile) == expected);
  Result<Profile> again = ProfileFromJson(ProfileToJson(*profile));
  REQUIRE(again.ok());
  CHECK(*again == *profile);
}

TEST_CASE("an empty object is an empty profile and every part is optional", "[profile]") {
  Result<Profile> profile = ProfileFromJson(json::object());
  REQUIRE(profile.ok());
  CHECK(*profile == Profile{});
  CHECK(ProfileToJson(*profile) ==
        json::parse(R"({"person": {"given-name": "", "additional-name": "", "family-name": "",
                                   "email": "", "tel": "", "bday": "", "organization": ""},
                        "addresses": [], "cards": [],
                        "defaults": {"shipping": "", "billing": "", "card": ""}})"));
  CHECK(ProfileFromJson(json{{"person", nullptr}, {"cards", nullptr}}).ok());
}

TEST_CASE("null and empty values mean not set", "[profile]") {
  Result<Profile> profile = ProfileFromJson(json::parse(R"({
    "person": {"given-name": null, "family-name": "  ", "email": ""},
    "cards": [{"cc-number": "4111111111111111", "cc-exp-month": null, "cc-csc": ""}],
    "defaults": {"card": "", "shipping": null}})"));
  REQUIRE(profile.ok());
  CHECK(profile->person.empty());
  CHECK(profile->cards[0].fields.size() == 1);
  CHECK(profile->default_card.empty());
}

TEST_CASE("records without an id get unique ones", "[profile]") {
  Result<Profile> profile = ProfileFromJson(json::parse(R"({
    "addresses": [{"label": "a"}, {"id": "address-2", "label": "b"}, {"label": "c"},
                  {"label": "d"}],
    "cards": [{"label": "x"}, {"id": "address-1", "label": "y"}]})"));
  REQUIRE(profile.ok());
  CHECK(profile->addresses[0].id == "address-3");  // address-1 is taken by a card
  CHECK(profile->addresses[1].id == "address-2");
  CHECK(profile->addresses[2].id == "address-4");
  CHECK(profile->addresses[3].id == "address-5");
  CHECK(profile->cards[0].id == "card-1");
  CHECK(profile->cards[1].id == "address-1");
}

TEST_CASE("a repeated id is refused at the second record", "[profile]") {
  CHECK(Refusal(json::parse(R"({"addresses": [{"id": "a"}, {"id": "a"}]})")).field() ==
        "addresses[1].id");
  CHECK(Refusal(json::parse(R"({"addresses": [{"id": "a"}], "cards": [{"id": "a"}]})")).field() ==
        "cards[0].id");
}

TEST_CASE("an id must be short and plain", "[profile]") {
  CHECK(AddressRefusal("id", "has space") == "addresses[1].id");
  CHECK(AddressRefusal("id", std::string(65, 'a')) == "addresses[1].id");
  CHECK(AddressRefusal("id", 7) == "addresses[1].id");
  CHECK(Accepted(RecordKind::kAddress, "id", "home-2_b.c:d"));
}

TEST_CASE("a default naming a missing record is refused", "[profile]") {
  json input = Example();
  input["defaults"]["card"] = "amex";
  Status status = Refusal(input);
  CHECK(status.field() == "defaults.card");
  CHECK(status.message().find("amex") == std::string::npos);

  input = Example();
  input["defaults"]["shipping"] = "visa";  // a card id is not an address
  CHECK(Refusal(input).field() == "defaults.shipping");
  input = Example();
  input["defaults"]["billing"] = "nowhere";
  CHECK(Refusal(input).field() == "defaults.billing");
  input = Example();
  input["defaults"]["cash"] = "visa";
  CHECK(Refusal(input).field() == "defaults.cash");
}

TEST_CASE("unknown keys are refused with their path", "[profile]") {
  CHECK(Refusal(json{{"persons", json::object()}}).field() == "persons");
  CHECK(PersonRefusal("phone", "+442079460000") == "person.phone");
  CHECK(PersonRefusal("name", "Ada Lovelace") == "person.name");  // derived, never stored
  CHECK(PersonRefusal("id", "me") == "person.id");
  CHECK(AddressRefusal("address-line1", "1 Road") == "addresses[1].address-line1");
  CHECK(CardRefusal("cc-exp", "12/30") == "cards[0].cc-exp");
  CHECK(CardRefusal("pin", "1234") == "cards[0].pin");
  // A long or odd key is quoted only in part.
  const std::string path = PersonRefusal(std::string(200, 'k') + "\n", "v");
  CHECK(path.size() < 80);
  CHECK(path.find('\n') == std::string::npos);
}

TEST_CASE("values of the wrong type are refused with their path", "[profile]") {
  CHECK(Refusal(json::array()).field().empty());
  CHECK(Refusal(json{{"person", json::array()}}).field() == "person");
  CHECK(Refusal(json{{"addresses", json::object()}}).field() == "addresses");
  CHECK(Refusal(json{{"cards", json::array({"4111111111111111"})}}).field() == "cards[0]");
  CHECK(Refusal(json{{"defaults", "home"}}).field() == "defaults");
  CHECK(PersonRefusal("given-name", 5) == "person.given-name");
  CHECK(PersonRefusal("email", json::array()) == "person.email");
  CHECK(CardRefusal("cc-number", 4111111111111111) == "cards[0].cc-number");
  CHECK(CardRefusal("cc-exp-month", "12") == "cards[0].cc-exp-month");
  CHECK(CardRefusal("cc-exp-year", 2030.5) == "cards[0].cc-exp-year");
  CHECK(CardRefusal("cc-exp-year", true) == "cards[0].cc-exp-year");
}

TEST_CASE("a card number failing Luhn is refused without echoing it", "[profile]") {
  Status status = Refusal(json{{"cards", json::array({{{"cc-number", "4111111111111112"}}})}});
  CHECK(status.field() == "cards[0].cc-number");
  CHECK(status.message().find("4111") == std::string::npos);
  CHECK(status.ToString().find("1112") == std::string::npos);
}

TEST_CASE("a card number is digits with optional spaces and dashes, 12 to 19 long", "[profile]") {
  CHECK(Normalized(RecordKind::kCard, "cc-number", "4111 1111-1111 1111") == "4111111111111111");
  CHECK(Normalized(RecordKind::kCard, "cc-number", "378282246310005") == "378282246310005");
  CHECK(Accepted(RecordKind::kCard, "cc-number", "6011111111111117"));
  CHECK(Accepted(RecordKind::kCard, "cc-number", "4222222222222220004"));  // 19 digits
  CHECK_FALSE(Accepted(RecordKind::kCard, "cc-number", "42424242424"));    // 11 digits
  CHECK_FALSE(
      Accepted(RecordKind::kCard, "cc-number", "42222222222222200000"));  // 20 digits, Luhn-valid
  CHECK_FALSE(Accepted(RecordKind::kCard, "cc-number", "4111.1111.1111.1111"));
  CHECK_FALSE(Accepted(RecordKind::kCard, "cc-number", "4111x111111111111"));
  for (std::string_view number : {"4111.1111.1111.1111", "42424242424", "4111111111111112"}) {
    Status status = ValidateField(RecordKind::kCard, "cc-number", number, "cards[3].cc-number");
    CHECK(status.field() == "cards[3].cc-number");
    CHECK(status.message().find(number) == std::string::npos);
    CHECK(status.message().find("4242") == std::string::npos);
    CHECK(status.message().find("1111") == std::string::npos);
  }
}

TEST_CASE("an expiry month is 1 to 12 and a year has four digits", "[profile]") {
  CHECK(CardRefusal("cc-exp-month", 0) == "cards[0].cc-exp-month");
  CHECK(CardRefusal("cc-exp-month", 13) == "cards[0].cc-exp-month");
  CHECK(CardRefusal("cc-exp-month", -1) == "cards[0].cc-exp-month");
  CHECK(CardRefusal("cc-exp-year", 30) == "cards[0].cc-exp-year");  // a 2-digit year
  CHECK(CardRefusal("cc-exp-year", 1999) == "cards[0].cc-exp-year");
  CHECK(CardRefusal("cc-exp-year", 2101) == "cards[0].cc-exp-year");
  CHECK(CardRefusal("cc-exp-year", json(uint64_t{18446744073709551615u})) ==
        "cards[0].cc-exp-year");
  CHECK(Normalized(RecordKind::kCard, "cc-exp-month", "07") == "7");
  CHECK(Normalized(RecordKind::kCard, "cc-exp-month", "1") == "1");
  CHECK(Normalized(RecordKind::kCard, "cc-exp-year", "2100") == "2100");
  CHECK_FALSE(Accepted(RecordKind::kCard, "cc-exp-month", "007"));
  CHECK_FALSE(Accepted(RecordKind::kCard, "cc-exp-year", "30"));
}

TEST_CASE("a card security code is 3 or 4 digits", "[profile]") {
  CHECK(Accepted(RecordKind::kCard, "cc-csc", "123"));
  CHECK(Accepted(RecordKind::kCard, "cc-csc", "1234"));
  CHECK(CardRefusal("cc-csc", "12") == "cards[0].cc-csc");
  CHECK(CardRefusal("cc-csc", "12345") == "cards[0].cc-csc");
  CHECK(CardRefusal("cc-csc", "12a") == "cards[0].cc-csc");
  CHECK(CardRefusal("cc-csc", 123) == "cards[0].cc-csc");
  Status status = ValidateField(RecordKind::kCard, "cc-csc", "98765", "cards[0].cc-csc");
  CHECK(status.message().find("98765") == std::string::npos);
}

TEST_CASE("an email needs one @, a local part and a dotted domain", "[profile]") {
  CHECK(Accepted(RecordKind::kPerson, "email", "ada@example.org"));
  CHECK(Accepted(RecordKind::kPerson, "email", "a.b+shop@mail.example.co.uk"));
  CHECK(Normalized(RecordKind::kPerson, "email", "  ada@example.org ") == "ada@example.org");
  for (std::string_view bad : {"ada", "@example.org", "ada@", "ada@example", "ada@@example.org",
                               "a@b@example.org", "ada lovelace@example.org", "ada@.example.org",
                               "ada@example.org.", "ada@example..org", "ada@exa\tmple.org"}) {
    INFO(bad);
    CHECK_FALSE(Accepted(RecordKind::kPerson, "email", bad));
  }
  const std::string long_local(250, 'a');
  CHECK_FALSE(Accepted(RecordKind::kPerson, "email", long_local + "@b.cd"));      // 255 bytes
  CHECK(Accepted(RecordKind::kPerson, "email", long_local.substr(1) + "@b.cd"));  // 254 bytes
  CHECK(PersonRefusal("email", "ada.example.org") == "person.email");
  CHECK(AddressRefusal("email", "nobody") == "addresses[1].email");
}

TEST_CASE("a country is a known ISO 3166-1 alpha-2 code, stored upper case", "[profile]") {
  CHECK(Normalized(RecordKind::kAddress, "country", "gb") == "GB");
  CHECK(Normalized(RecordKind::kAddress, "country", "US") == "US");
  CHECK(Normalized(RecordKind::kAddress, "country", "XK") == "XK");
  for (std::string_view bad : {"UK", "GBR", "G", "ZZ", "E1", "United Kingdom", "Gb "}) {
    INFO(bad);
    if (std::string_view(bad) == "Gb ") {
      CHECK(Accepted(RecordKind::kAddress, "country", bad));  // trimmed
    } else {
      CHECK_FALSE(Accepted(RecordKind::kAddress, "country", bad));
    }
  }
  CHECK(AddressRefusal("country", "UK") == "addresses[1].country");
}

TEST_CASE("the country table is complete, sorted and named in English", "[profile]") {
  std::span<const CountryEntry> countries = Countries();
  CHECK(countries.size() == 250);  // 249 assigned codes plus XK
  std::set<std::string_view> codes;
  std::string_view previous;
  for (const CountryEntry& country : countries) {
    CHECK(country.code > previous);
    previous = country.code;
    CHECK(IsCountryCode(country.code));
    CHECK(!country.name.empty());
  }
  CHECK(CountryName("GB") == std::optional<std::string_view>("United Kingdom"));
  CHECK(CountryName("DE") == std::optional<std::string_view>("Germany"));
  CHECK(CountryName("US") == std::optional<std::string_view>("United States"));
  CHECK(CountryName("CI") == std::optional<std::string_view>("Côte d'Ivoire"));
  CHECK_FALSE(CountryName("gb").has_value());
  CHECK_FALSE(CountryName("UK").has_value());
  CHECK_FALSE(IsCountryCode(""));
}

TEST_CASE("a birthday is a real past date written YYYY-MM-DD", "[profile]") {
  CHECK(Accepted(RecordKind::kPerson, "bday", "1815-12-10"));
  CHECK(Accepted(RecordKind::kPerson, "bday", "2000-02-29"));
  for (std::string_view bad :
       {"1900-02-29", "1815-13-10", "1815-12-32", "1815-00-10", "1815-12-1", "15-12-10",
        "1815/12/10", "10.12.1815", "0000-01-01", "2999-01-01", "1815-12-10T00:00"}) {
    INFO(bad);
    CHECK_FALSE(Accepted(RecordKind::kPerson, "bday", bad));
  }
  CHECK(PersonRefusal("bday", "2999-01-01") == "person.bday");
}

TEST_CASE("a telephone number is stored in international form", "[profile]") {
  CHECK(Normalized(RecordKind::kPerson, "tel", "+44 (20) 7946-0000") == "+442079460000");
  CHECK(Normalized(RecordKind::kPerson, "tel", "+1.202.555.0123") == "+12025550123");
  CHECK(Accepted(RecordKind::kPerson, "tel", "+1234567"));          // 7 digits
  CHECK(Accepted(RecordKind::kPerson, "tel", "+123456789012345"));  // 15 digits
  for (std::string_view bad :
       {"020 7946 0000", "+123456", "+1234567890123456", "+44 20 x946", "++442079460000",
        "+44+2079460000", "+0442079460000", "44+2079460000", "+"}) {
    INFO(bad);
    CHECK_FALSE(Accepted(RecordKind::kPerson, "tel", bad));
  }
  CHECK(PersonRefusal("tel", "020 7946 0000") == "person.tel");
  CHECK(AddressRefusal("tel", "+44") == "addresses[1].tel");
}

TEST_CASE("a street address keeps its lines, trimmed and without blanks", "[profile]") {
  CHECK(Normalized(RecordKind::kAddress, "street-address", "12 Square \r\n\n  Flat 3\r") ==
        "12 Square\nFlat 3");
  CHECK(Normalized(RecordKind::kAddress, "street-address", "\n \n") == "");
  CHECK_FALSE(Accepted(RecordKind::kAddress, "street-address", "12\tSquare"));
  CHECK_FALSE(Accepted(RecordKind::kAddress, "name", "Ada\nLovelace"));
  CHECK(AddressRefusal("postal-code", std::string("SW1\0", 4)) == "addresses[1].postal-code");
}

TEST_CASE("every string is at most 1000 bytes of UTF-8", "[profile]") {
  CHECK(Accepted(RecordKind::kAddress, "label", std::string(1000, 'a')));
  CHECK(AddressRefusal("label", std::string(1001, 'a')) == "addresses[1].label");
  CHECK(PersonRefusal("organization", std::string(1001, ' ')) == "person.organization");
  CHECK(Accepted(RecordKind::kPerson, "family-name", "Brontë 😀"));
  CHECK_FALSE(Accepted(RecordKind::kPerson, "family-name", "\xC3"));
  CHECK_FALSE(Accepted(RecordKind::kPerson, "family-name", "\xC0\xAF"));      // overlong
  CHECK_FALSE(Accepted(RecordKind::kPerson, "family-name", "\xED\xA0\x80"));  // surrogate
  CHECK_FALSE(Accepted(RecordKind::kPerson, "family-name", "\xF4\x90\x80\x80"));
}

TEST_CASE("at most 100 addresses and 100 cards", "[profile]") {
  json addresses = json::array();
  for (int i = 0; i < 100; ++i) addresses.push_back(json::object());
  CHECK(ProfileFromJson(json{{"addresses", addresses}}).ok());
  addresses.push_back(json::object());
  CHECK(Refusal(json{{"addresses", addresses}}).field() == "addresses");
  json cards = json::array();
  for (int i = 0; i < 101; ++i) cards.push_back(json::object());
  CHECK(Refusal(json{{"cards", cards}}).field() == "cards");
}

TEST_CASE("validation of one field by kind and name", "[profile]") {
  Status status = ValidateField(RecordKind::kPerson, "pin", "1", "person.pin");
  CHECK(status.code() == ErrorCode::kInvalidField);
  CHECK(status.field() == "person.pin");
  CHECK_FALSE(Accepted(RecordKind::kPerson, "id", "x"));
  CHECK(Accepted(RecordKind::kDefaults, "card", "visa"));
  CHECK_FALSE(Accepted(RecordKind::kDefaults, "card", "v i s a"));
  CHECK(Accepted(RecordKind::kCard, "cc-number", ""));  // empty means "not set"
  CHECK(Normalized(RecordKind::kPerson, "given-name", "  Ada ") == "Ada");
}

TEST_CASE("stored fields are listed per kind", "[profile]") {
  CHECK(StoredFields(RecordKind::kPerson).size() == 7);
  CHECK(StoredFields(RecordKind::kAddress).size() == 11);
  CHECK(StoredFields(RecordKind::kCard).size() == 6);
  CHECK(StoredFields(RecordKind::kDefaults).size() == 3);
  for (RecordKind kind : {RecordKind::kPerson, RecordKind::kAddress, RecordKind::kCard}) {
    for (std::string_view field : StoredFields(kind)) {
      INFO(field);
      CHECK(Accepted(kind, field, ""));
    }
  }
}

TEST_CASE("masked cards show only the last four digits and no security code", "[profile]") {
  Result<Profile> profile = ProfileFromJson(Example());
  REQUIRE(profile.ok());
  json masked = ProfileToJson(*profile, /*mask_cards=*/true);
  CHECK(masked["cards"][0]["cc-number"] == "\u2022\u2022\u2022\u2022 1111");
  CHECK_FALSE(masked["cards"][0].contains("cc-csc"));
  CHECK(masked["cards"][0]["cc-exp-month"] == 12);
  CHECK(masked["person"]["email"] == "ada@example.org");
  CHECK(masked.dump().find("4111111111111111") == std::string::npos);
  CHECK(masked.dump().find("123") == std::string::npos);
}

TEST_CASE("an unset expiry is left out and an unset number is empty", "[profile]") {
  Result<Profile> profile = ProfileFromJson(json::parse(R"({"cards": [{"label": "old"}]})"));
  REQUIRE(profile.ok());
  json out = ProfileToJson(*profile);
  CHECK_FALSE(out["cards"][0].contains("cc-exp-month"));
  CHECK_FALSE(out["cards"][0].contains("cc-exp-year"));
  CHECK(out["cards"][0]["cc-number"] == "");
  CHECK(out["cards"][0]["cc-csc"] == "");
  CHECK(ProfileToJson(*profile, true)["cards"][0]["cc-number"] == "");
}

TEST_CASE("wiping a json tree empties every string and zeroes every number", "[profile]") {
  json tree = Example();
  tree["extra"] = json::array({"secret", 4.5, true, nullptr, json::binary({1, 2, 3})});
  WipeJson(tree);
  CHECK(tree["person"]["given-name"] == "");
  CHECK(tree["addresses"][0]["street-address"] == "");
  CHECK(tree["cards"][0]["cc-number"] == "");
  CHECK(tree["cards"][0]["cc-exp-year"] == 0);
  CHECK(tree["extra"][0] == "");
  CHECK(tree["extra"][1] == 0);
  CHECK(tree["extra"][2] == true);
  CHECK(tree["extra"][4].get_binary().empty());
  CHECK(tree.contains("defaults"));  // keys stay
}

}  // namespace pims

namespace pims {
namespace {

std::vector<std::string> ProblemFields(const nlohmann::json& input) {
  std::vector<std::string> fields;
  for (const Status& problem : ProfileProblems(input)) {
    CHECK(problem.code() == ErrorCode::kInvalidField);
    fields.push_back(problem.field());
  }
  return fields;
}

}  // namespace

TEST_CASE("every problem of a profile is found, not only the first", "[profile]") {
  nlohmann::json input = testing::ArchitectureExampleJson();
  CHECK(ProfileProblems(input).empty());
  input["person"]["email"] = "not an address";
  input["person"]["tel"] = "12";
  input["addresses"][0]["country"] = "ZZ";
  input["cards"][0]["cc-number"] = "4111111111111112";
  input["cards"][0]["cc-exp-month"] = "7";  // a string where a number belongs
  input["person"]["phone"] = "+441234567890";  // no such field
  const std::vector<std::string> fields = ProblemFields(input);
  CHECK(fields == std::vector<std::string>{"person.email", "person.phone", "person.tel",
                                           "addresses[0].country", "cards[0].cc-exp-month",
                                           "cards[0].cc-number"});
  // The first is what ProfileFromJson reports, word for word.
  const Result<Profile> first = ProfileFromJson(input);
  REQUIRE(!first.ok());
  CHECK(first.status().field() == fields.front());
  CHECK(first.status().message() == ProfileProblems(input).front().message());
}

TEST_CASE("problems of structure end the list; ids and defaults wait for good values",
          "[profile]") {
  CHECK(ProblemFields(nlohmann::json::array()) == std::vector<std::string>{""});
  nlohmann::json input = {{"person", {{"email", "x"}}}, {"addresses", "not a list"}};
  CHECK(ProblemFields(input) == std::vector<std::string>{"person.email", "addresses"});
  nlohmann::json defaults = {{"defaults", {{"card", "card-9"}}}};
  CHECK(ProblemFields(defaults) == std::vector<std::string>{"defaults.card"});
  defaults["person"] = {{"email", "x"}};
  CHECK(ProblemFields(defaults) == std::vector<std::string>{"person.email"});
}

}  // namespace pims

namespace pims {

TEST_CASE("a phone number typed as dialled at home is stored internationally", "[profile]") {
  const auto stored_tel = [](const nlohmann::json& input, bool person) {
    Result<Profile> profile = ProfileFromJson(input);
    REQUIRE(profile.ok());
    const FieldMap& fields = person ? profile->person : profile->addresses.at(0).fields;
    return std::string(fields.at("tel").reveal());
  };
  const auto address = [](const char* country, const char* tel) {
    return nlohmann::json{{"addresses", {{{"country", country}, {"tel", tel}}}}};
  };
  CHECK(stored_tel(address("GB", "020 7946 0000"), false) == "+442079460000");
  CHECK(stored_tel(address("gb", "(020) 7946-0000"), false) == "+442079460000");
  CHECK(stored_tel(address("IT", "06 1234 5678"), false) == "+390612345678");  // no trunk 0
  CHECK(stored_tel(address("US", "(415) 555-0123"), false) == "+14155550123");
  CHECK(stored_tel(address("FR", "+44 20 7946 0000"), false) == "+442079460000");
  // The shopper's own number is read where the default shipping address is.
  nlohmann::json both = {
      {"person", {{"tel", "030 1234567"}}},
      {"addresses", {{{"id", "a"}, {"country", "GB"}}, {{"id", "b"}, {"country", "DE"}}}},
      {"defaults", {{"shipping", "b"}}}};
  CHECK(stored_tel(both, true) == "+49301234567");
  // Without a country pims knows the code of, the "+" is still needed.
  CHECK(ProfileFromJson(address("KE", "0712 345678")).status().field() == "addresses[0].tel");
  CHECK(ProfileFromJson({{"person", {{"tel", "020 7946 0000"}}}}).status().field() ==
        "person.tel");
}

}  // namespace pims
