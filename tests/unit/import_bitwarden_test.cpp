// Bitwarden's JSON export, unencrypted and password-protected, from files written by hand
// (tests/data/import/bitwarden*.json; the protected ones made by make_bitwarden_protected.py).
#include <catch2/catch.hpp>

#include "support/import_files.h"

namespace pims::testing {
namespace {

Status Error(const std::string& bytes, const std::string& password = {}) {
  return ImportError(ImportFormat::kBitwarden, bytes, password);
}

void CheckGraceExport(const ImportedProfile& imported) {
  REQUIRE(imported.addresses.size() == 2);
  REQUIRE(imported.cards.size() == 2);
  const FieldMap& home = imported.addresses[0].fields;
  CHECK(Field(home, "label") == "Home");
  CHECK(Field(home, "name") == "Grace Brewster Hopper");
  CHECK(Field(home, "street-address") == "1 Navy Yard\nBuilding 3");
  CHECK(Field(home, "address-level2") == "Arlington");
  CHECK(Field(home, "address-level1") == "VA");
  CHECK(Field(home, "postal-code") == "22202");
  CHECK(Field(home, "country") == "US");
  CHECK(Field(home, "tel") == "+12025550100");
  CHECK(Field(home, "organization") == "Eckert-Mauchly");
  const FieldMap& office = imported.addresses[1].fields;
  CHECK(Field(office, "country") == "GB");  // "United Kingdom"
  CHECK(Field(office, "tel").empty());      // "020 7946 0000" is not international
  CHECK(Field(imported.person, "given-name") == "Grace");
  CHECK(Field(imported.person, "additional-name") == "Brewster");
  CHECK(Field(imported.person, "email") == "grace@example.com");
  const FieldMap& visa = imported.cards[0].fields;
  CHECK(Field(visa, "label") == "Visa");
  CHECK(Field(visa, "cc-number") == "4111111111111111");
  CHECK(Field(visa, "cc-exp-month") == "7");
  CHECK(Field(visa, "cc-exp-year") == "2031");
  CHECK(Field(visa, "cc-csc") == "123");
  // The mistyped number is left out; the rest of the card comes in ("29" is 2029).
  const FieldMap& mistyped = imported.cards[1].fields;
  CHECK(Field(mistyped, "cc-number").empty());
  CHECK(Field(mistyped, "cc-exp-year") == "2029");
  CHECK(imported.ignored.at("logins") == 1);
  CHECK(imported.ignored.at("notes") == 1);
  CHECK(UnplacedCount(imported, "card.number") == 1);
  CHECK(UnplacedCount(imported, "identity.ssn") == 1);
  CHECK(UnplacedCount(imported, "identity.title") == 1);
  CHECK(UnplacedCount(imported, "identity.phone") == 1);
  CHECK(UnplacedCount(imported, "identity.passportNumber") == 0);  // null: nothing to place
  CHECK(UnplacedWhyOf(imported, "card.number") == UnplacedWhy::kInvalid);
  CHECK(UnplacedWhyOf(imported, "identity.ssn") == UnplacedWhy::kNotKept);
}

}  // namespace

TEST_CASE("a Bitwarden export gives its identities and cards; logins and notes are counted") {
  CheckGraceExport(Imported(ImportFormat::kBitwarden, ImportFile("bitwarden.json")));
  CHECK_FALSE(NeedsPassword(ImportFormat::kBitwarden, ImportFile("bitwarden.json")));
}

TEST_CASE("a password-protected Bitwarden export opens with PBKDF2 or Argon2id") {
  for (const char* name :
       {"bitwarden-protected-pbkdf2.json", "bitwarden-protected-argon2id.json"}) {
    INFO(name);
    const std::string file = ImportFile(name);
    CHECK(NeedsPassword(ImportFormat::kBitwarden, file));
    CheckGraceExport(Imported(ImportFormat::kBitwarden, file, "import-pw"));
    const Status wrong = Error(file, "import-pW");
    CHECK(wrong.code() == ErrorCode::kBadPassword);
    const Status none = Error(file);
    CHECK(none.code() == ErrorCode::kBadRequest);
    CHECK(none.field() == "password");
  }
}

TEST_CASE("a protected export with altered data or hostile KDF parameters is refused") {
  const std::string file = ImportFile("bitwarden-protected-pbkdf2.json");
  auto document = nlohmann::json::parse(file);
  SECTION("altered data fails its MAC") {
    std::string data = document["data"];
    data[5] = data[5] == 'A' ? 'B' : 'A';  // inside the IV
    document["data"] = data;
    CHECK(Error(document.dump(), "import-pw").code() == ErrorCode::kBadImport);
  }
  SECTION("another salt is another key") {
    document["salt"] = "c2FsdA==";
    CHECK(Error(document.dump(), "import-pw").code() == ErrorCode::kBadPassword);
  }
  SECTION("more iterations than pims allows are refused before any work") {
    document["kdfIterations"] = 1'000'000'000;
    const Status status = Error(document.dump(), "import-pw");
    CHECK(status.code() == ErrorCode::kBadImport);
    CHECK(status.message().find("kdfIterations") != std::string::npos);
  }
  SECTION("Argon2id asking for 64 GiB is refused") {
    document["kdfType"] = 1;
    document["kdfIterations"] = 3;
    document["kdfMemory"] = 65536;
    document["kdfParallelism"] = 4;
    CHECK(Error(document.dump(), "import-pw").code() == ErrorCode::kBadImport);
  }
  SECTION("an unknown KDF or cipher is refused") {
    document["kdfType"] = 7;
    CHECK(Error(document.dump(), "import-pw").code() == ErrorCode::kBadImport);
    document["kdfType"] = 0;
    document["data"] = "0.AAAA|BBBB";
    CHECK(Error(document.dump(), "import-pw").code() == ErrorCode::kBadImport);
  }
  SECTION("wrong types") {
    document["salt"] = 5;
    CHECK(Error(document.dump(), "import-pw").code() == ErrorCode::kBadImport);
  }
}

TEST_CASE("broken and hostile Bitwarden files are bad_import naming the part, never a value") {
  struct Case {
    const char* file;
    const char* says;
  };
  const Case cases[] = {
      {"bitwarden-account-encrypted.json", "account's own key"},
      {"bitwarden-wrong-types.json", "items[0].card is damaged (field 'number' must be a string)"},
      {"bitwarden-items-not-array.json", "field 'items' must be an array"},
      {"bitwarden-item-type-text.json", "items[0] is damaged (field 'type'"},
      {"bitwarden-card-not-object.json", "field 'card' must be an object"},
      {"bitwarden-not-json.json", "is not JSON"},
  };
  for (const Case& c : cases) {
    INFO(c.file);
    const Status status = Error(ImportFile(c.file));
    CHECK(status.code() == ErrorCode::kBadImport);
    CHECK(status.message().find(c.says) != std::string::npos);
    CHECK(status.message().find("4111") == std::string::npos);
  }
}

TEST_CASE("deep nesting, invalid UTF-8, wrong roots, empty and huge files are refused") {
  const std::string deep = R"({"encrypted":false,"items":[)" + std::string(100000, '[') +
                           std::string(100000, ']') + "]}";
  CHECK(Error(deep).message().find("deeper than 64") != std::string::npos);
  CHECK(Error("{\"items\":[{\"type\":3,\"name\":\"\xC0\xAF\"}]}").message().find("UTF-8") !=
        std::string::npos);
  CHECK(Error("[]").code() == ErrorCode::kBadImport);
  CHECK(Error("\"items\"").code() == ErrorCode::kBadImport);
  // A number beyond a double (found by fuzz_import): nlohmann throws out_of_range, not a parse
  // error; the file is bad_import all the same.
  const Status huge_number = Error(R"({"encrypted": 1111e1111111, "items": []})");
  CHECK(huge_number.code() == ErrorCode::kBadImport);
  CHECK(huge_number.message().find("number too large") != std::string::npos);
  CHECK(Error("").code() == ErrorCode::kBadImport);
  const std::string huge(kMaxImportFileBytes + 1, ' ');
  CHECK(Error(huge).code() == ErrorCode::kTooLarge);
  // Too many records: refused whole.
  nlohmann::json many{{"encrypted", false}, {"items", nlohmann::json::array()}};
  for (size_t i = 0; i <= kMaxImportedRecords; ++i) {
    many["items"].push_back({{"type", 4}, {"identity", {{"postalCode", "22202"}}}});
  }
  CHECK(Error(many.dump()).code() == ErrorCode::kTooLarge);
}

}  // namespace pims::testing
