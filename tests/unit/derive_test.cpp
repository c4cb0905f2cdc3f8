#include "pims/derive.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "pims/autocomplete.h"
#include "pims/profile.h"
#include "profile/phone.h"

namespace pims {
namespace {

using nlohmann::json;

Profile MakeProfile(const json& input) {
  Result<Profile> profile = ProfileFromJson(input);
  if (!profile.ok()) FAIL(profile.status().ToString() + " at " + profile.status().field());
  return std::move(profile).value();
}

// Ada at home in London, shipping a gift to Charles in Washington, paying with a Visa.
Profile Ada() {
  return MakeProfile(json::parse(R"({
    "person": {"given-name": "Ada", "additional-name": "King", "family-name": "Lovelace",
               "email": "ada@example.org", "tel": "+44 20 7946 0000", "bday": "1815-12-10",
               "organization": "Analytical Engines Ltd"},
    "addresses": [
      {"id": "home", "name": "Ada King Lovelace", "street-address": "12 St James's Square\nFlat 3",
       "address-level2": "London", "postal-code": "SW1Y 4JH", "country": "GB"},
      {"id": "gift", "name": "Charles Xavier Babbage", "organization": "Difference Inc",
       "street-address": "1600 Pennsylvania Ave NW\nSuite 5\nFloor 2\nDesk 9",
       "address-level1": "DC", "address-level2": "Washington", "address-level3": "Foggy Bottom",
       "postal-code": "20500", "country": "US", "tel": "+1 (202) 555-0123",
       "email": "charles@example.com"}],
    "cards": [{"id": "visa", "cc-name": "Ada K Lovelace", "cc-number": "4111 1111 1111 1111",
               "cc-exp-month": 7, "cc-exp-year": 2030, "cc-csc": "123"}],
    "defaults": {"shipping": "gift", "billing": "home", "card": "visa"}
  })"));
}

std::string Fill(ProfileSource& source, std::string_view attribute, const FieldShape& shape = {}) {
  std::optional<AutofillToken> token = ParseAutocomplete(attribute);
  if (!token) FAIL("not an autocomplete attribute");
  Result<std::optional<Secret>> value = DeriveValue(source, *token, shape);
  if (!value.ok()) return "error: " + value.status().ToString();
  return value->has_value() ? std::string((*value)->reveal()) : "<none>";
}

std::string Fill(const Profile& profile, std::string_view attribute, const FieldShape& shape = {}) {
  InMemoryProfileSource source(profile);
  return Fill(source, attribute, shape);
}

FieldShape MaxLength(int maxlength) {
  FieldShape shape;
  shape.maxlength = maxlength;
  return shape;
}

FieldShape Placeholder(std::string placeholder) {
  FieldShape shape;
  shape.placeholder = std::move(placeholder);
  return shape;
}

Profile WithPerson(const json& person) { return MakeProfile(json{{"person", person}}); }

Profile WithCard(const json& card) { return MakeProfile(json{{"cards", json::array({card})}}); }

Profile WithTel(std::string_view tel) { return WithPerson({{"tel", tel}}); }

// Records every stored field asked for ("person.tel", "shipping.name", "card.cc-number").
class RecordingSource : public ProfileSource {
 public:
  explicit RecordingSource(const Profile& profile) : inner_(profile) {}
  Result<std::optional<Secret>> Person(std::string_view field) override {
    reads.push_back("person." + std::string(field));
    return inner_.Person(field);
  }
  Result<std::optional<Secret>> Address(AddressHint which, std::string_view field) override {
    reads.push_back((which == AddressHint::kBilling ? "billing." : "shipping.") +
                    std::string(field));
    return inner_.Address(which, field);
  }
  Result<std::optional<Secret>> Card(std::string_view field) override {
    reads.push_back("card." + std::string(field));
    return inner_.Card(field);
  }
  std::vector<std::string> reads;

 private:
  InMemoryProfileSource inner_;
};

using Reads = std::vector<std::string>;

Reads ReadsFor(const Profile& profile, std::string_view attribute, const FieldShape& shape = {}) {
  RecordingSource source(profile);
  Fill(source, attribute, shape);
  return source.reads;
}

// A vault that fails.
class BrokenSource : public ProfileSource {
 public:
  Result<std::optional<Secret>> Person(std::string_view) override { return Broken(); }
  Result<std::optional<Secret>> Address(AddressHint, std::string_view) override { return Broken(); }
  Result<std::optional<Secret>> Card(std::string_view) override { return Broken(); }

 private:
  static Status Broken() { return Status(ErrorCode::kVaultCorrupt, "a sealed value is damaged"); }
};

}  // namespace

TEST_CASE("a name joins the person's parts with single spaces", "[derive]") {
  CHECK(Fill(Ada(), "name") == "Ada King Lovelace");
  CHECK(Fill(WithPerson({{"given-name", "Ada"}, {"family-name", "Lovelace"}}), "name") ==
        "Ada Lovelace");
  CHECK(Fill(WithPerson({{"family-name", "Lovelace"}}), "name") == "Lovelace");
  CHECK(Fill(Profile{}, "name") == "<none>");
}

TEST_CASE("a shipping or billing name prefers the address's recipient", "[derive]") {
  const Profile ada = Ada();
  CHECK(Fill(ada, "shipping name") == "Charles Xavier Babbage");
  CHECK(Fill(ada, "billing name") == "Ada King Lovelace");
  Profile nameless = ada;
  nameless.addresses[1].fields.erase("name");
  CHECK(Fill(nameless, "shipping name") == "Ada King Lovelace");
}

TEST_CASE("name parts come from the person", "[derive]") {
  const Profile ada = Ada();
  CHECK(Fill(ada, "given-name") == "Ada");
  CHECK(Fill(ada, "additional-name") == "King");
  CHECK(Fill(ada, "family-name") == "Lovelace");
  // The billing address is Ada's own: her stored parts, not a split of "Ada King Lovelace".
  CHECK(Fill(ada, "billing given-name") == "Ada");
  CHECK(Fill(ada, "billing family-name") == "Lovelace");
}

TEST_CASE("hinted name parts split the recipient's name when it is not the person", "[derive]") {
  const Profile ada = Ada();
  CHECK(Fill(ada, "shipping given-name") == "Charles");
  CHECK(Fill(ada, "shipping additional-name") == "Xavier");
  CHECK(Fill(ada, "shipping family-name") == "Babbage");

  Profile no_person = Ada();
  no_person.person.clear();
  CHECK(Fill(no_person, "billing given-name") == "Ada");
  CHECK(Fill(no_person, "billing additional-name") == "King");
  CHECK(Fill(no_person, "billing family-name") == "Lovelace");
  CHECK(Fill(no_person, "given-name") == "<none>");  // no hint: the person only

  Profile one_word = Ada();
  one_word.addresses[1].fields.insert_or_assign("name", Secret("Cher"));
  CHECK(Fill(one_word, "shipping given-name") == "Cher");
  CHECK(Fill(one_word, "shipping family-name") == "<none>");
  Profile two_words = Ada();
  two_words.addresses[1].fields.insert_or_assign("name", Secret("Charles Babbage"));
  CHECK(Fill(two_words, "shipping additional-name") == "<none>");
}

TEST_CASE("organization, email and telephone prefer a hinted address's own", "[derive]") {
  const Profile ada = Ada();
  CHECK(Fill(ada, "organization") == "Analytical Engines Ltd");
  CHECK(Fill(ada, "shipping organization") == "Difference Inc");
  CHECK(Fill(ada, "billing organization") == "Analytical Engines Ltd");  // home has none
  CHECK(Fill(ada, "email") == "ada@example.org");
  CHECK(Fill(ada, "shipping email") == "charles@example.com");
  CHECK(Fill(ada, "billing email") == "ada@example.org");
  CHECK(Fill(ada, "tel") == "+442079460000");
  CHECK(Fill(ada, "shipping tel") == "+12025550123");
  CHECK(Fill(ada, "billing home tel") == "+442079460000");
}

TEST_CASE("a fax or pager field gets no number and an extension is never filled", "[derive]") {
  const Profile ada = Ada();
  CHECK(Fill(ada, "fax tel") == "<none>");
  CHECK(Fill(ada, "pager tel-national") == "<none>");
  CHECK(Fill(ada, "work tel") == "+442079460000");
  CHECK(Fill(ada, "mobile tel") == "+442079460000");
  CHECK(Fill(ada, "tel-extension") == "<none>");
  CHECK(ReadsFor(ada, "fax tel").empty());
}

TEST_CASE("the country code and national number split at the ITU calling code", "[derive]") {
  CHECK(Fill(WithTel("+442079460000"), "tel-country-code") == "+44");
  CHECK(Fill(WithTel("+442079460000"), "tel-national") == "02079460000");
  CHECK(Fill(WithTel("+4930123456"), "tel-national") == "030123456");
  CHECK(Fill(WithTel("+61212345678"), "tel-national") == "0212345678");
  CHECK(Fill(WithTel("+353123456789"), "tel-country-code") == "+353");
  CHECK(Fill(WithTel("+353123456789"), "tel-national") == "0123456789");
  CHECK(Fill(WithTel("+390612345678"), "tel-national") == "0612345678");  // Italy: no trunk 0
  CHECK(Fill(WithTel("+34912345678"), "tel-national") == "912345678");
  CHECK(Fill(WithTel("+12025550123"), "tel-country-code") == "+1");
  CHECK(Fill(WithTel("+12025550123"), "tel-national") == "2025550123");
  CHECK(Fill(WithTel("+79161234567"), "tel-national") == "9161234567");  // Russia dials 8
  CHECK(Fill(WithTel("+2101234567"), "tel-country-code") == "<none>");   // 210 is unassigned
  CHECK(Fill(WithTel("+2101234567"), "tel") == "+2101234567");
}

TEST_CASE("area code and local parts exist only for North American numbers", "[derive]") {
  const Profile us = WithTel("+12025550123");
  CHECK(Fill(us, "tel-area-code") == "202");
  CHECK(Fill(us, "tel-local") == "5550123");
  CHECK(Fill(us, "tel-local-prefix") == "555");
  CHECK(Fill(us, "tel-local-suffix") == "0123");
  const Profile gb = WithTel("+442079460000");
  for (std::string_view field :
       {"tel-area-code", "tel-local", "tel-local-prefix", "tel-local-suffix"}) {
    INFO(field);
    CHECK(Fill(gb, field) == "<none>");
    CHECK(Fill(WithTel("+1202555012"), field) == "<none>");  // nine national digits
  }
}

TEST_CASE("E.164 numbers split at prefix-free calling codes", "[derive]") {
  std::optional<PhoneParts> parts = SplitPhone("+442079460000");
  REQUIRE(parts);
  CHECK(parts->country_code == "44");
  CHECK(parts->national == "2079460000");
  REQUIRE(SplitPhone("+8613800138000"));
  CHECK(SplitPhone("+8613800138000")->country_code == "86");
  REQUIRE(SplitPhone("+88212345678"));
  CHECK(SplitPhone("+88212345678")->country_code == "882");
  CHECK_FALSE(SplitPhone("442079460000"));
  CHECK_FALSE(SplitPhone("+44 20"));
  CHECK_FALSE(SplitPhone("+"));
  CHECK_FALSE(SplitPhone("+44"));  // a code with no number
  CHECK(TrunkPrefix("44") == "0");
  CHECK(TrunkPrefix("1") == "");
  CHECK(TrunkPrefix("39") == "");
  CHECK(TrunkPrefix("7") == "");
}

TEST_CASE("the street address and its lines", "[derive]") {
  const Profile ada = Ada();
  CHECK(Fill(ada, "street-address") ==
        "1600 Pennsylvania Ave NW\nSuite 5\nFloor 2\nDesk 9");  // kNone: default shipping
  CHECK(Fill(ada, "shipping address-line1") == "1600 Pennsylvania Ave NW");
  CHECK(Fill(ada, "shipping address-line2") == "Suite 5");
  CHECK(Fill(ada, "shipping address-line3") == "Floor 2, Desk 9");
  CHECK(Fill(ada, "billing street-address") == "12 St James's Square\nFlat 3");
  CHECK(Fill(ada, "billing address-line1") == "12 St James's Square");
  CHECK(Fill(ada, "billing address-line2") == "Flat 3");
  CHECK(Fill(ada, "billing address-line3") == "<none>");
  Profile one_line = Ada();
  one_line.addresses[0].fields.insert_or_assign("street-address", Secret("1 Road"));
  CHECK(Fill(one_line, "billing address-line1") == "1 Road");
  CHECK(Fill(one_line, "billing address-line2") == "<none>");
}

TEST_CASE("address levels, postal code and country", "[derive]") {
  const Profile ada = Ada();
  CHECK(Fill(ada, "address-level1") == "DC");
  CHECK(Fill(ada, "address-level2") == "Washington");
  CHECK(Fill(ada, "address-level3") == "Foggy Bottom");
  CHECK(Fill(ada, "address-level4") == "<none>");
  CHECK(Fill(ada, "postal-code") == "20500");
  CHECK(Fill(ada, "billing postal-code") == "SW1Y 4JH");
  CHECK(Fill(ada, "billing address-level1") == "<none>");
  CHECK(Fill(ada, "country") == "US");
  CHECK(Fill(ada, "billing country") == "GB");
  CHECK(Fill(ada, "country-name") == "United States");
  CHECK(Fill(ada, "billing country-name") == "United Kingdom");
}

TEST_CASE("an empty default means the first record and no record means nothing", "[derive]") {
  Profile ada = Ada();
  ada.default_shipping.clear();
  ada.default_billing.clear();
  CHECK(Fill(ada, "postal-code") == "SW1Y 4JH");
  CHECK(Fill(ada, "billing postal-code") == "SW1Y 4JH");
  ada.default_billing = "gift";
  CHECK(Fill(ada, "billing postal-code") == "20500");
  const Profile empty;
  CHECK(Fill(empty, "postal-code") == "<none>");
  CHECK(Fill(empty, "cc-number") == "<none>");
}

TEST_CASE("card holder, number and security code", "[derive]") {
  const Profile ada = Ada();
  CHECK(Fill(ada, "cc-name") == "Ada K Lovelace");
  CHECK(Fill(ada, "cc-given-name") == "Ada K");
  CHECK(Fill(ada, "cc-family-name") == "Lovelace");
  CHECK(Fill(ada, "cc-additional-name") == "<none>");
  CHECK(Fill(ada, "cc-number") == "4111111111111111");
  CHECK(Fill(ada, "cc-csc") == "123");
  const Profile madonna = WithCard({{"cc-name", "Madonna"}});
  CHECK(Fill(madonna, "cc-given-name") == "Madonna");
  CHECK(Fill(madonna, "cc-family-name") == "<none>");
}

TEST_CASE("the expiry date follows the field's length and placeholder", "[derive]") {
  const Profile ada = Ada();
  CHECK(Fill(ada, "cc-exp") == "07/30");
  CHECK(Fill(ada, "cc-exp", MaxLength(5)) == "07/30");
  CHECK(Fill(ada, "cc-exp", MaxLength(4)) == "0730");
  CHECK(Fill(ada, "cc-exp", MaxLength(7)) == "07/2030");
  CHECK(Fill(ada, "cc-exp", MaxLength(10)) == "07/2030");
  CHECK(Fill(ada, "cc-exp", Placeholder("MM/YYYY")) == "07/2030");
  CHECK(Fill(ada, "cc-exp", Placeholder("mm / yyyy")) == "07 / 2030");  // as the shop spells it
  CHECK(Fill(ada, "cc-exp", Placeholder("MM/YY")) == "07/30");
  FieldShape short_field = Placeholder("MM/YYYY");
  short_field.maxlength = 5;  // no room for the long form
  CHECK(Fill(ada, "cc-exp", short_field) == "07/30");
  FieldShape month_input;
  month_input.type = "month";
  CHECK(Fill(ada, "cc-exp", month_input) == "2030-07");
}

TEST_CASE("the expiry month and year alone", "[derive]") {
  const Profile ada = Ada();
  CHECK(Fill(ada, "cc-exp-month") == "07");
  CHECK(Fill(ada, "cc-exp-month", MaxLength(2)) == "07");
  CHECK(Fill(ada, "cc-exp-month", MaxLength(1)) == "7");
  CHECK(Fill(WithCard({{"cc-exp-month", 11}, {"cc-exp-year", 2031}}), "cc-exp-month") == "11");
  CHECK(Fill(ada, "cc-exp-year") == "2030");
  CHECK(Fill(ada, "cc-exp-year", MaxLength(2)) == "30");
  CHECK(Fill(ada, "cc-exp-year", MaxLength(4)) == "2030");
  CHECK(Fill(ada, "cc-exp-year", Placeholder("YY")) == "30");
  CHECK(Fill(ada, "cc-exp-year", Placeholder(" yy ")) == "30");
  CHECK(Fill(ada, "cc-exp-year", Placeholder("YYYY")) == "2030");
  const Profile no_year = WithCard({{"cc-exp-month", 7}});
  CHECK(Fill(no_year, "cc-exp") == "<none>");
  CHECK(Fill(no_year, "cc-exp-month") == "<none>");
}

TEST_CASE("the card type comes from the number's prefix", "[derive]") {
  const auto type = [](std::string_view number) {
    return Fill(WithCard({{"cc-number", number}}), "cc-type");
  };
  CHECK(type("4111111111111111") == "Visa");
  CHECK(type("5555555555554444") == "Mastercard");
  CHECK(type("2223003122003222") == "Mastercard");
  CHECK(type("378282246310005") == "American Express");
  CHECK(type("6011111111111117") == "Discover");
  CHECK(type("6221260000000000") == "Discover");
  CHECK(type("30569309025904") == "Diners Club");
  CHECK(type("3530111333300000") == "JCB");
  CHECK(type("6200000000000005") == "UnionPay");
  CHECK(type("6759649826438453") == "Maestro");
  CHECK(type("2200000000000004") == "Mir");
  CHECK(type("9999999999999995") == "<none>");
  CHECK(ReadsFor(Ada(), "cc-type") == Reads{"card.cc-number"});
}

TEST_CASE("birthday and its parts", "[derive]") {
  const Profile ada = Ada();
  CHECK(Fill(ada, "bday") == "1815-12-10");
  CHECK(Fill(ada, "bday-day") == "10");
  CHECK(Fill(ada, "bday-month") == "12");
  CHECK(Fill(ada, "bday-year") == "1815");
  const Profile early = WithPerson({{"bday", "1990-03-05"}});
  CHECK(Fill(early, "bday-day") == "5");
  CHECK(Fill(early, "bday-month") == "3");
}

TEST_CASE("fields pims keeps nothing for are not filled", "[derive]") {
  const Profile ada = Ada();
  for (std::string_view attribute :
       {"honorific-prefix", "honorific-suffix", "nickname", "username", "current-password",
        "new-password", "one-time-code", "organization-title", "sex", "url", "photo", "language",
        "transaction-amount", "home impp", "address-level4", "cc-additional-name"}) {
    INFO(attribute);
    CHECK(Fill(ada, attribute) == "<none>");
    CHECK(ReadsFor(ada, attribute).empty());
  }
}

TEST_CASE("a derivation reads only the stored fields it needs", "[derive]") {
  const Profile ada = Ada();
  CHECK(ReadsFor(ada, "name") ==
        Reads{"person.given-name", "person.additional-name", "person.family-name"});
  CHECK(ReadsFor(ada, "shipping name") == Reads{"shipping.name"});
  CHECK(ReadsFor(ada, "given-name") == Reads{"person.given-name"});
  CHECK(ReadsFor(ada, "email") == Reads{"person.email"});
  CHECK(ReadsFor(ada, "billing email") == Reads{"billing.email", "person.email"});
  CHECK(ReadsFor(ada, "tel-national") == Reads{"person.tel"});
  CHECK(ReadsFor(ada, "cc-number") == Reads{"card.cc-number"});
  CHECK(ReadsFor(ada, "cc-exp") == Reads{"card.cc-exp-month", "card.cc-exp-year"});
  CHECK(ReadsFor(ada, "cc-given-name") == Reads{"card.cc-name"});
  CHECK(ReadsFor(ada, "cc-csc") == Reads{"card.cc-csc"});
  CHECK(ReadsFor(ada, "country-name") == Reads{"shipping.country"});
  CHECK(ReadsFor(ada, "billing address-line2") == Reads{"billing.street-address"});
  CHECK(ReadsFor(ada, "bday-year") == Reads{"person.bday"});
  // No field of a card is read for an address, and no csc for the number.
  for (std::string_view attribute : {"cc-number", "cc-exp", "cc-type", "cc-name"}) {
    for (const std::string& read : ReadsFor(ada, attribute)) CHECK(read != "card.cc-csc");
  }
}

TEST_CASE("a vault error propagates out of the derivation", "[derive]") {
  BrokenSource broken;
  for (std::string_view attribute : {"name", "shipping given-name", "tel-national", "address-line2",
                                     "country-name", "cc-exp", "cc-type", "bday-day", "email"}) {
    INFO(attribute);
    CHECK(Fill(broken, attribute) == "error: vault_corrupt: a sealed value is damaged");
  }
  CHECK(Fill(broken, "username") == "<none>");
}

TEST_CASE("a token built by hand is matched case-insensitively", "[derive]") {
  const Profile ada = Ada();
  InMemoryProfileSource source(ada);
  AutofillToken token;
  token.field = "Family-Name";
  Result<std::optional<Secret>> value = DeriveValue(source, token, FieldShape{});
  REQUIRE(value.ok());
  REQUIRE(value->has_value());
  CHECK((*value)->reveal() == "Lovelace");
}

}  // namespace pims

namespace pims {

TEST_CASE("a phone number into a number box goes as digits, national", "[derive]") {
  FieldShape number;
  number.type = "number";
  CHECK(Fill(WithTel("+442079460000"), "tel", number) == "02079460000");
  CHECK(Fill(WithTel("+12025550123"), "tel", number) == "2025550123");
}

}  // namespace pims
