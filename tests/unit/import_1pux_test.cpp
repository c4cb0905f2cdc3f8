// 1Password's 1PUX export: a ZIP archive around export.data, written by hand
// (tests/data/import/1pux-export.data) and zipped here, plus broken archives and ZIP bombs.
#include <catch2/catch.hpp>

#include "support/import_files.h"

namespace pims::testing {
namespace {

Status Error(const std::string& bytes, const std::string& password = {}) {
  return ImportError(ImportFormat::kOnePux, bytes, password);
}

std::string ExportData() { return ImportFile("1pux-export.data"); }

}  // namespace

TEST_CASE("a 1PUX export gives its identities and credit cards, deflated or stored") {
  for (bool compress : {true, false}) {
    const ImportedProfile imported =
        Imported(ImportFormat::kOnePux, ZipOf("export.data", ExportData(), compress));
    REQUIRE(imported.addresses.size() == 1);
    const FieldMap& home = imported.addresses[0].fields;
    CHECK(Field(home, "label") == "Grace at home");
    CHECK(Field(home, "name") == "Grace B Hopper");
    CHECK(Field(home, "street-address") == "1 Navy Yard");
    CHECK(Field(home, "country") == "US");
    CHECK(Field(home, "postal-code") == "22202");
    CHECK(Field(home, "tel") == "+12025550100");
    CHECK(Field(imported.person, "bday") == "1906-12-09");
    CHECK(Field(imported.person, "email") == "grace@example.com");
    REQUIRE(imported.cards.size() == 2);
    CHECK(Field(imported.cards[0].fields, "cc-number") == "378282246310005");
    CHECK(Field(imported.cards[0].fields, "cc-csc") == "1234");
    CHECK(Field(imported.cards[0].fields, "cc-exp-month") == "4");
    CHECK(Field(imported.cards[0].fields, "cc-exp-year") == "2030");
    // The early {"item": {...}} wrapping.
    CHECK(Field(imported.cards[1].fields, "label") == "Mastercard");
    CHECK(Field(imported.cards[1].fields, "cc-exp-month") == "11");
    CHECK(imported.ignored.at("logins") == 1);
    CHECK(imported.ignored.at("archived or deleted items") == 1);
    CHECK(UnplacedCount(imported, "card.PIN") == 1);
    CHECK(UnplacedCount(imported, "identity.occupation") == 1);
    CHECK(UnplacedCount(imported, "identity.username") == 0);  // empty
  }
}

TEST_CASE("the archive made by Python's zipfile, with export.attributes beside it, reads too") {
  const ImportedProfile imported = Imported(ImportFormat::kOnePux, ImportFile("grace.1pux"));
  CHECK(imported.addresses.size() == 1);
  CHECK(imported.cards.size() == 2);
}

TEST_CASE("ZIP bombs are refused before anything large is allocated") {
  const std::string zeros(64u << 20, '0');
  // Declares its 64 MiB honestly.
  CHECK(Error(ZipOf("export.data", zeros)).code() == ErrorCode::kTooLarge);
  // Declares 1 KiB and inflates to 64 MiB: refused after 1 KiB and a byte.
  const Status lying = Error(ZipOf("export.data", zeros, true, 1024));
  CHECK(lying.code() == ErrorCode::kBadImport);
  CHECK(lying.message().find("declares") != std::string::npos);
}

TEST_CASE("broken archives and broken export.data are bad_import") {
  const std::string good = ZipOf("export.data", ExportData());
  CHECK(Error("not a zip at all").code() == ErrorCode::kBadImport);
  CHECK(Error(good.substr(0, good.size() / 2)).code() == ErrorCode::kBadImport);
  CHECK(Error(ZipOf("other.data", ExportData())).message().find("has no export.data") !=
        std::string::npos);
  std::string flipped = good;
  flipped[60] = static_cast<char>(flipped[60] ^ 0x55);  // inside the deflated data
  CHECK(Error(flipped).code() == ErrorCode::kBadImport);
  std::string bad_offset = good;
  bad_offset[bad_offset.size() - 6] = '\x7f';  // the directory's offset points past the end
  CHECK(Error(bad_offset).code() == ErrorCode::kBadImport);

  const auto export_error = [](const std::string& data) {
    return Error(ZipOf("export.data", data));
  };
  CHECK(export_error("{\"accounts\": {}}").message().find("'accounts' must be an array") !=
        std::string::npos);
  CHECK(export_error(R"({"accounts":[{"vaults":[{"items":[{"categoryUuid":2}]}]}]})")
            .message()
            .find("categoryUuid") != std::string::npos);
  CHECK(
      export_error(
          R"({"accounts":[{"vaults":[{"items":[{"categoryUuid":"002","details":{"sections":[{"fields":[{"id":"ccnum","value":{"creditCardNumber":4111111111111111}}]}]}}]}]}]})")
          .code() == ErrorCode::kBadImport);
  CHECK(export_error(std::string(1000, '[') + std::string(1000, ']')).message().find("deeper") !=
        std::string::npos);
  CHECK(export_error("{\"accounts\": [\"\xFF\"]}").message().find("UTF-8") != std::string::npos);
}

}  // namespace pims::testing
