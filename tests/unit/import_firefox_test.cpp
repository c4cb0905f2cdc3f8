// Firefox's autofill-profiles.json, written by hand from its documented schema
// (tests/data/import/firefox-autofill-profiles.json).
#include <catch2/catch.hpp>

#include "support/import_files.h"

namespace pims::testing {
namespace {

Status Error(const std::string& bytes, const std::string& password = {}) {
  return ImportError(ImportFormat::kFirefox, bytes, password);
}

}  // namespace

TEST_CASE("Firefox addresses come in; a card comes without its encrypted number, which is said") {
  const ImportedProfile imported =
      Imported(ImportFormat::kFirefox, ImportFile("firefox-autofill-profiles.json"));
  REQUIRE(imported.addresses.size() == 2);  // the deleted record's tombstone is skipped
  const FieldMap& home = imported.addresses[0].fields;
  CHECK(Field(home, "name") == "Grace B. Hopper");
  CHECK(Field(home, "street-address") == "1 Navy Yard\nBuilding 3");
  CHECK(Field(home, "address-level1") == "VA");
  CHECK(Field(home, "tel") == "+12025550100");
  CHECK(Field(imported.addresses[1].fields, "name") == "Grace Hopper");
  CHECK(Field(imported.addresses[1].fields, "country") == "FR");
  CHECK(Field(imported.person, "given-name") == "Grace");
  CHECK(Field(imported.person, "organization") == "Eckert-Mauchly");
  REQUIRE(imported.cards.size() == 1);
  const FieldMap& card = imported.cards[0].fields;
  CHECK(Field(card, "cc-name") == "Grace Hopper");
  CHECK(Field(card, "cc-exp-month") == "7");
  CHECK(Field(card, "cc-exp-year") == "2031");
  CHECK(Field(card, "cc-number").empty());
  REQUIRE(UnplacedCount(imported, "cc-number") == 1);
  CHECK(imported.unplaced[0].reason.find("key store") != std::string::npos);
  CHECK(imported.unplaced[0].why == UnplacedWhy::kCardNumberLocked);
}

TEST_CASE("an old Firefox file with a clear card number imports the number") {
  const ImportedProfile imported = Imported(
      ImportFormat::kFirefox,
      R"({"version":1,"addresses":[],"creditCards":[{"cc-number":"4111111111111111","cc-exp-month":1,"cc-exp-year":30}]})");
  REQUIRE(imported.cards.size() == 1);
  CHECK(Field(imported.cards[0].fields, "cc-number") == "4111111111111111");
  CHECK(Field(imported.cards[0].fields, "cc-exp-year") == "2030");
}

TEST_CASE("broken and hostile Firefox files are bad_import") {
  CHECK(Error(R"({"version":2,"addresses":[],"creditCards":[]})").message().find("version 2") !=
        std::string::npos);
  CHECK(Error(R"({"addresses":[],"creditCards":[]})").message().find("'version'") !=
        std::string::npos);
  CHECK(Error(R"({"version":1,"addresses":{},"creditCards":[]})").code() == ErrorCode::kBadImport);
  CHECK(Error(R"({"version":1,"addresses":[5],"creditCards":[]})")
            .message()
            .find("addresses[0] is not an object") != std::string::npos);
  CHECK(Error(R"({"version":1,"addresses":[{"tel":12025550100}],"creditCards":[]})")
            .message()
            .find("field 'tel' must be a string") != std::string::npos);
  CHECK(Error(R"({"version":1,"addresses":[],"creditCards":[{"cc-exp-month":"07"}]})").code() ==
        ErrorCode::kBadImport);
  CHECK(Error("[" + std::string(70, '[') + std::string(71, ']')).code() == ErrorCode::kBadImport);
  CHECK(Error("{\"version\":1,\"addresses\":[{\"name\":\"\xED\xA0\x80\"}]}").code() ==
        ErrorCode::kBadImport);
}

}  // namespace pims::testing
