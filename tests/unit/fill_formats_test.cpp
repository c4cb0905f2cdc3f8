// The shop's own formats in the fill path: select options, split boxes, one-line streets,
// national phone numbers and combined expiry dates (plan.cpp, select_option.cpp, derive.cpp).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "fill/select_option.h"
#include "pims/derive.h"
#include "pims/fill.h"
#include "pims/profile.h"

namespace pims {
namespace {

using nlohmann::json;

std::vector<SelectOption> Options(std::initializer_list<std::pair<const char*, const char*>> list) {
  std::vector<SelectOption> options;
  for (const auto& [value, text] : list) options.push_back({value, text});
  return options;
}

std::string Match(std::string_view field, std::string_view value,
                  const std::vector<SelectOption>& options) {
  return MatchOption(field, value, options).value_or("<none>");
}

TEST_CASE("a country option by code or by name in several languages", "[fill-formats]") {
  const auto by_code = Options({{"", "Select"}, {"FR", "France"}, {"DE", "Germany"}});
  CHECK(Match("country", "DE", by_code) == "DE");
  const auto by_name_de = Options(
      {{"", "Bitte wählen"}, {"1", "Frankreich"}, {"2", "Deutschland"}, {"3", "Österreich"}});
  CHECK(Match("country", "DE", by_name_de) == "2");
  CHECK(Match("country", "AT", by_name_de) == "3");
  const auto by_name_fr = Options({{"a", "Allemagne"}, {"b", "Royaume-Uni"}});
  CHECK(Match("country", "GB", by_name_fr) == "b");
  const auto alpha3 = Options({{"GBR", "United Kingdom"}, {"USA", "United States"}});
  CHECK(Match("country", "US", alpha3) == "USA");
  const auto dial = Options({{"AF", "+93 (Afghanistan)"}, {"GB", "+44 (United Kingdom)"}});
  CHECK(Match("country", "GB", dial) == "GB");
  const auto numbered =
      Options({{"840 UNITED STATES", "UNITED STATES"}, {"004 AFGHANISTAN", "AFGHANISTAN"}});
  CHECK(Match("country", "US", numbered) == "840 UNITED STATES");
  CHECK(Match("country-name", "United Kingdom", by_name_fr) == "b");
  // The names shops write for Great Britain and the USA, beside the catalogues' official ones.
  const auto usual_de = Options({{"", "Land"}, {"7", "Großbritannien"}, {"8", "USA"}});
  CHECK(Match("country", "GB", usual_de) == "7");
  const auto usual_fr = Options({{"1", "Grande-Bretagne"}, {"2", "États-Unis d'Amérique"}});
  CHECK(Match("country", "GB", usual_fr) == "1");
  CHECK(Match("country", "US", usual_fr) == "2");
  CHECK(Match("country", "GB", Options({{"x", "Gran Bretaña"}})) == "x");
  // The shop's own numbers are never read as ISO numeric codes (100 is Bulgaria's).
  const auto ids = Options({{"100", "Canada"}, {"200", "Bulgaria"}});
  CHECK(Match("country", "BG", ids) == "200");
  // No option for it: nothing, never another option.
  CHECK(Match("country", "JP", by_code) == "<none>");
  CHECK(Match("country", "DE", Options({{"", "Germany"}})) == "<none>");  // a placeholder
}

TEST_CASE("a region option by code or by name", "[fill-formats]") {
  const auto names = Options({{"", "Select a state"}, {"1", "Alabama"}, {"12", "California"}});
  CHECK(Match("address-level1", "CA", names) == "12");
  const auto codes = Options({{"AL", "AL"}, {"CA", "CA"}});
  CHECK(Match("address-level1", "California", codes) == "CA");
  const auto dashed = Options({{"AL", "AL - Alabama"}, {"CA", "CA - California"}});
  CHECK(Match("address-level1", "california", dashed) == "CA");
  CHECK(Match("address-level1", "Bavaria", codes) == "<none>");
}

TEST_CASE("month and year options in the shop's format", "[fill-formats]") {
  const auto numbers = Options({{"", "MM"}, {"1", "01"}, {"7", "07"}, {"12", "12"}});
  CHECK(Match("cc-exp-month", "07", numbers) == "7");
  const auto padded = Options({{"01", "01"}, {"07", "07"}});
  CHECK(Match("cc-exp-month", "7", padded) == "07");
  const auto english = Options({{"a", "January"}, {"b", "July"}});
  CHECK(Match("cc-exp-month", "07", english) == "b");
  const auto short_names = Options({{"1", "Jan"}, {"7", "Jul"}});
  CHECK(Match("bday-month", "07", Options({{"x", "Jul"}, {"y", "Aug"}})) == "x");
  CHECK(Match("cc-exp-month", "7", short_names) == "7");
  CHECK(Match("cc-exp-month", "03", Options({{"m", "März"}})) == "m");
  CHECK(Match("cc-exp-month", "10", Options({{"o", "octobre"}})) == "o");
  CHECK(Match("cc-exp-month", "12", Options({{"d", "diciembre"}})) == "d");
  CHECK(Match("cc-exp-month", "06", Options({{"g", "giugno"}})) == "g");
  CHECK(Match("cc-exp-month", "05", Options({{"m", "mei"}})) == "m");
  CHECK(Match("cc-exp-month", "09", Options({{"s", "setembro"}})) == "s");
  const auto four = Options({{"2029", "2029"}, {"2030", "2030"}});
  CHECK(Match("cc-exp-year", "2030", four) == "2030");
  const auto two = Options({{"29", "2029"}, {"30", "2030"}});
  CHECK(Match("cc-exp-year", "2030", two) == "30");
  const auto two_text = Options({{"a", "29"}, {"b", "30"}});
  CHECK(Match("cc-exp-year", "2030", two_text) == "b");
  CHECK(Match("cc-exp-year", "2040", four) == "<none>");
  CHECK(Match("bday-day", "5", Options({{"05", "05"}})) == "05");
  // Garbage never throws and never matches another option.
  CHECK(Match("cc-exp-month", "0777777777777777777777", numbers) == "<none>");
  CHECK(Match("cc-exp-month", "13", numbers) == "<none>");
  CHECK(Match("bday-day", "99999999999999999999", Options({{"1", "1"}})) == "<none>");
}

// Ada, shopping from London, and the fill planner with every category allowed.
class Planner {
 public:
  Planner() {
    Result<Profile> p = ProfileFromJson(json::parse(R"({
      "person": {"given-name": "Ada", "family-name": "Lovelace", "tel": "+44 20 7946 0000"},
      "addresses": [{"id": "home", "street-address": "12 St James's Square\nFlat 3",
                     "address-level1": "CA", "address-level2": "London", "country": "GB"}],
      "cards": [{"id": "visa", "cc-number": "4111 1111 1111 1111", "cc-exp-month": 7,
                 "cc-exp-year": 2030, "cc-csc": "123"}]})"));
    REQUIRE(p.ok());
    profile_ = std::move(p).value();
    policy_.allow = CategorySet::All();
    policy_.auto_card = true;
  }

  // {ref: value} of the fills, and "empty"/"too_long" for the rest.
  std::map<std::string, std::string> Fill(const std::vector<FieldDescriptor>& fields,
                                          const std::vector<std::string>& names,
                                          std::vector<AutofillToken> tokens = {}) {
    std::vector<std::optional<AutofillToken>> planned;
    for (size_t i = 0; i < names.size(); ++i) {
      AutofillToken t = i < tokens.size() ? tokens[i] : AutofillToken{};
      t.field = names[i];
      planned.push_back(t);
    }
    InMemoryProfileSource source(profile_);
    Result<Site> site = SiteFromUrl("https://shop.example");
    REQUIRE(site.ok());
    Result<FillResult> result =
        PlanFill(*site, policy_, FillTrigger::kGesture, fields, planned, source);
    REQUIRE(result.ok());
    std::map<std::string, std::string> out;
    for (const auto& f : result->fills) out[f.ref] = std::string(f.value.reveal());
    for (const auto& ref : result->empty) out[ref] = "empty";
    for (const auto& w : result->withheld) out[w.ref] = std::string(WithheldReasonName(w.reason));
    return out;
  }

 private:
  Profile profile_;
  SitePolicy policy_;
};

FieldDescriptor Select(std::string ref, std::vector<SelectOption> options) {
  FieldDescriptor d;
  d.ref = std::move(ref);
  d.tag = "select";
  d.type = "select";
  d.options = std::move(options);
  return d;
}

FieldDescriptor Box(std::string ref, int maxlength = -1, std::string placeholder = "") {
  FieldDescriptor d;
  d.ref = std::move(ref);
  d.tag = "input";
  d.type = "text";
  d.maxlength = maxlength;
  d.placeholder = std::move(placeholder);
  return d;
}

TEST_CASE("a select is filled with the value of the option that names the value",
          "[fill-formats]") {
  Planner planner;
  const auto filled = planner.Fill(
      {Select("country",
              Options({{"", "Land"}, {"10", "Deutschland"}, {"20", "Vereinigtes Königreich"}})),
       Select("month", Options({{"", "Monat"}, {"1", "Januar"}, {"7", "Juli"}})),
       Select("year", Options({{"29", "2029"}, {"30", "2030"}})),
       Select("state", Options({{"AL", "Alabama"}, {"CA", "California"}})),
       Select("nocountry", Options({{"FR", "France"}}))},
      {"country", "cc-exp-month", "cc-exp-year", "address-level1", "country"});
  CHECK(filled.at("country") == "20");
  CHECK(filled.at("month") == "7");
  CHECK(filled.at("year") == "30");
  CHECK(filled.at("state") == "CA");
  CHECK(filled.at("nocountry") == "empty");  // no option for it: never a wrong one
}

TEST_CASE("a card number in four boxes fills each box with its slice", "[fill-formats]") {
  Planner planner;
  std::vector<AutofillToken> parts(4);
  for (uint16_t i = 0; i < 4; ++i) {
    parts[i].part_offset = static_cast<uint16_t>(4 * i);
    parts[i].part_length = 4;
    parts[i].part_total = 16;
  }
  const auto filled = planner.Fill({Box("a", 4), Box("b", 4), Box("c", 4), Box("d", 4)},
                                   {"cc-number", "cc-number", "cc-number", "cc-number"}, parts);
  CHECK(filled.at("a") == "4111");
  CHECK(filled.at("d") == "1111");
  // Boxes too small for the whole number: nothing is cut, nothing is filled.
  for (auto& p : parts) p.part_total = 12;
  const auto small = planner.Fill({Box("a", 4), Box("b", 4), Box("c", 4)},
                                  {"cc-number", "cc-number", "cc-number"}, parts);
  CHECK(small.at("a") == "too_long");
}

TEST_CASE("one-line street, national phone and expiry as the box asks", "[fill-formats]") {
  Planner planner;
  const auto filled = planner.Fill(
      {Box("street"), Box("tel", -1, "(000) 000-0000"), Box("intl", -1, "+44 ..."),
       Box("short", 11), Box("exp", -1, "MM / YY"), Box("exp2", -1, "MM-YYYY"), Box("exp3", 4)},
      {"street-address", "tel", "tel", "tel", "cc-exp", "cc-exp", "cc-exp"});
  CHECK(filled.at("street") == "12 St James's Square, Flat 3");
  CHECK(filled.at("tel") == "02079460000");
  CHECK(filled.at("intl") == "+442079460000");
  CHECK(filled.at("short") == "02079460000");  // the international form would not fit
  CHECK(filled.at("exp") == "07 / 30");
  CHECK(filled.at("exp2") == "07-2030");
  CHECK(filled.at("exp3") == "0730");
}

}  // namespace
}  // namespace pims
