// A CSV with a header row of WHATWG autofill field names (tests/data/import/*.csv), RFC 4180
// quoting, and the CSV the ledger export writes.
#include <catch2/catch.hpp>

#include "import/csv.h"
#include "support/import_files.h"

namespace pims::testing {
namespace {

Status Error(const std::string& bytes, const std::string& password = {}) {
  return ImportError(ImportFormat::kCsv, bytes, password);
}

}  // namespace

TEST_CASE("each CSV row makes an address, a card, or both; quoted fields keep commas and breaks") {
  const ImportedProfile imported = Imported(ImportFormat::kCsv, ImportFile("profile.csv"));
  REQUIRE(imported.addresses.size() == 2);
  const FieldMap& home = imported.addresses[0].fields;
  CHECK(Field(home, "label") == "Home");
  CHECK(Field(home, "name") == "Grace Hopper");
  CHECK(Field(home, "street-address") == "1 Navy Yard\nBuilding 3, east wing");
  CHECK(Field(home, "country") == "US");  // country-name "United States"
  const FieldMap& office = imported.addresses[1].fields;
  CHECK(Field(office, "label") == "Office, \"London\"");
  CHECK(Field(office, "street-address") == "10 Downing Street\nWhitehall");
  CHECK(Field(office, "country") == "GB");
  REQUIRE(imported.cards.size() == 2);
  const FieldMap& visa = imported.cards[0].fields;
  CHECK(Field(visa, "cc-number") == "4111111111111111");
  CHECK(Field(visa, "cc-exp-month") == "7");
  CHECK(Field(visa, "cc-exp-year") == "2031");
  CHECK(Field(visa, "cc-csc") == "123");
  // The bad card: its number and month are not placed, its name and year are.
  CHECK(Field(imported.cards[1].fields, "cc-number").empty());
  CHECK(UnplacedCount(imported, "cc-number") == 1);
  CHECK(UnplacedCount(imported, "cc-exp") == 1);
  CHECK(UnplacedCount(imported, "nickname") == 1);
  CHECK(UnplacedCount(imported, "favourite colour") == 1);
  CHECK(UnplacedWhyOf(imported, "cc-number") == UnplacedWhy::kInvalid);
  CHECK(UnplacedWhyOf(imported, "nickname") == UnplacedWhy::kNotKept);
  CHECK(UnplacedWhyOf(imported, "favourite colour") == UnplacedWhy::kUnknownName);
  CHECK(Field(imported.person, "given-name") == "Grace");
  CHECK(Field(imported.person, "tel") == "+12025550100");
}

TEST_CASE("a CSV with a byte order mark and only person fields sets the person") {
  const ImportedProfile imported = Imported(ImportFormat::kCsv, ImportFile("person-with-bom.csv"));
  CHECK(imported.addresses.empty());
  CHECK(imported.cards.empty());
  CHECK(Field(imported.person, "family-name") == "Hopper");
}

TEST_CASE("broken and hostile CSV files are bad_import naming the line") {
  CHECK(Error("given-name,family-name\nGrace\n").message().find("line 2 has 1 fields") !=
        std::string::npos);
  CHECK(Error("given-name\n\"Grace\n").message().find("quote open from line 2") !=
        std::string::npos);
  CHECK(Error("given-name\n\"Grace\"x\n").message().find("after a closing quote") !=
        std::string::npos);
  CHECK(Error("colour,size\nblue,XL\n").message().find("names no autofill field") !=
        std::string::npos);
  CHECK(Error("email,email\na@example.com,b@example.com\n").message().find("twice") !=
        std::string::npos);
  CHECK(Error("given-name\n\xFF\n").message().find("not UTF-8") != std::string::npos);
  CHECK(Error("\n\n").message().find("no header") != std::string::npos);
  std::string many = "postal-code\n";
  for (size_t i = 0; i <= kMaxImportedRecords; ++i) many += "22202\n";
  CHECK(Error(many).code() == ErrorCode::kTooLarge);
}

TEST_CASE("CSV fields are quoted as RFC 4180 says, and read back the same") {
  CHECK(CsvField("plain") == "plain");
  CHECK(CsvField("a,b") == "\"a,b\"");
  CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvField("two\nlines") == "\"two\nlines\"");
  std::vector<std::vector<std::string>> rows;
  REQUIRE(ForEachCsvRecord(CsvField("a,b") + "," + CsvField("say \"hi\"") + "\r\n\r\nx\r\n",
                           [&](size_t, std::vector<std::string>& fields) {
                             rows.push_back(fields);
                             return Status::Ok();
                           })
              .ok());
  CHECK(rows == std::vector<std::vector<std::string>>{{"a,b", "say \"hi\""}, {"x"}});
}

}  // namespace pims::testing
