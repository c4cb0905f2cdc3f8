// An import laid over a profile: duplicates skipped, person fields kept, the preview masked,
// the profile's limits, one transaction; and the Bitwarden export read back.
#include <catch2/catch.hpp>

#include "pims/vault.h"
#include "support/import_files.h"
#include "support/temp_dir.h"
#include "support/test_profile.h"

namespace pims {
namespace {

using nlohmann::json;
using testing::Field;
using testing::Imported;
using testing::ImportFile;

ImportPlan Planned(const Profile& profile, const ImportedProfile& imported,
                   ImportFormat format = ImportFormat::kBitwarden) {
  auto plan = PlanImport(profile, format, imported);
  INFO(plan.status().ToString());
  REQUIRE(plan.ok());
  return std::move(plan).value();
}

}  // namespace

TEST_CASE("an import adds new records, skips duplicates and keeps the profile's person") {
  const Profile ada = testing::AdaProfile();
  const ImportedProfile grace = Imported(ImportFormat::kBitwarden, ImportFile("bitwarden.json"));
  const ImportPlan first = Planned(ada, grace);
  CHECK(first.addresses.size() == 2);
  CHECK(first.cards.size() == 2);
  CHECK(first.duplicate_addresses == 0);
  // Ada's name stays; Grace's differs and is said so. A field Ada lacks is filled.
  CHECK(Field(first.result.person, "given-name") == "Ada");
  CHECK(std::any_of(first.unplaced.begin(), first.unplaced.end(), [](const UnplacedField& u) {
    return u.field == "person.given-name" && u.why == UnplacedWhy::kProfileKept;
  }));
  CHECK(first.person.count("additional-name") == 1);
  CHECK(first.result.addresses.size() == ada.addresses.size() + 2);
  CHECK(first.addresses[0].id == "address-1");

  // Importing the same file again into the result finds only duplicates.
  const ImportPlan again = Planned(first.result, grace);
  CHECK(again.addresses.empty());
  CHECK(again.cards.empty());
  CHECK(again.duplicate_addresses == 2);
  CHECK(again.duplicate_cards == 2);
  CHECK(again.person.empty());
  CHECK(again.result == first.result);
}

TEST_CASE("a record whose fields another record already has is a duplicate, labels aside") {
  Profile profile;
  REQUIRE(AddRecord(profile, RecordKind::kCard,
                    {{"cc-number", Secret("4111111111111111")},
                     {"cc-csc", Secret("123")},
                     {"label", Secret("Mine")}},
                    "", false)
              .ok());
  ImportedProfile imported;
  imported.cards.push_back(
      Record{"", {{"cc-number", Secret("4111111111111111")}, {"label", Secret("Theirs")}}});
  imported.cards.push_back(
      Record{"", {{"cc-number", Secret("4111111111111111")}, {"cc-csc", Secret("999")}}});
  const ImportPlan plan = Planned(profile, imported);
  CHECK(plan.duplicate_cards == 1);
  CHECK(plan.cards.size() == 1);  // a different security code is another card
}

TEST_CASE("an import that would pass the profile's limits is refused whole") {
  Profile profile;
  ImportedProfile imported;
  for (size_t i = 0; i <= kMaxAddresses; ++i) {
    imported.addresses.push_back(Record{"", {{"postal-code", Secret(std::to_string(10000 + i))}}});
  }
  auto plan = PlanImport(profile, ImportFormat::kCsv, imported);
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.status().code() == ErrorCode::kInvalidField);
  CHECK(plan.status().field() == "addresses");
}

TEST_CASE("the preview masks card numbers and leaves out security codes") {
  const ImportPlan plan =
      Planned(Profile{}, Imported(ImportFormat::kBitwarden, ImportFile("bitwarden.json")));
  json preview = ImportPlanToJson(plan);
  CHECK(preview["format"] == "bitwarden");
  CHECK(preview["cards"][0]["cc-number"] == "\u2022\u2022\u2022\u2022 1111");
  CHECK_FALSE(preview["cards"][0].contains("cc-csc"));
  CHECK(preview["addresses"].size() == 2);
  CHECK(preview["person"]["given-name"] == "Grace");
  CHECK(preview["ignored"]["logins"] == 1);
  CHECK(preview["duplicates"]["cards"] == 0);
  CHECK(preview.dump().find("4111111111111111") == std::string::npos);
  CHECK(preview.dump().find("\"123\"") == std::string::npos);
  CHECK(preview["unplaced"][0].contains("reason"));
  for (const json& entry : preview["unplaced"]) {
    const std::string why = entry["why"];
    CHECK((why == "not_kept" || why == "invalid" || why == "notes" || why == "custom_fields"));
  }
  WipeJson(preview);
}

TEST_CASE("the Bitwarden export reads back into the same profile") {
  const Profile ada = testing::AdaProfile();
  const Secret exported = ExportBitwardenJson(ada);
  const json file = json::parse(exported.reveal());
  CHECK(file["encrypted"] == false);
  const ImportPlan plan =
      Planned(Profile{}, Imported(ImportFormat::kBitwarden, std::string(exported.reveal())));
  for (const char* field : {"given-name", "family-name", "email", "tel", "organization"}) {
    CHECK(Field(plan.result.person, field) == Field(ada.person, field));
  }
  REQUIRE(plan.result.addresses.size() == ada.addresses.size());
  REQUIRE(plan.result.cards.size() == ada.cards.size());
  for (size_t i = 0; i < ada.addresses.size(); ++i) {
    for (const auto& [key, value] : ada.addresses[i].fields) {
      INFO(key);
      CHECK(Field(plan.result.addresses[i].fields, key) == std::string(value.reveal()));
    }
  }
  for (size_t i = 0; i < ada.cards.size(); ++i) {
    for (const auto& [key, value] : ada.cards[i].fields) {
      INFO(key);
      CHECK(Field(plan.result.cards[i].fields, key) == std::string(value.reveal()));
    }
  }
  // Exported twice: the second import finds duplicates only.
  const ImportPlan again =
      Planned(ada, Imported(ImportFormat::kBitwarden, std::string(exported.reveal())));
  CHECK(again.addresses.empty());
  CHECK(again.cards.empty());
}

TEST_CASE("an import is stored in one transaction, and a failed one stores nothing") {
  testing::TempDir dir;
  auto vault = Vault::Create(dir / "vault.db", "pw", PasswordHashing::Minimum(), SystemClock());
  REQUIRE(vault.ok());
  REQUIRE((*vault)->PutProfile(testing::AdaProfile()).ok());
  const ImportedProfile grace = Imported(ImportFormat::kCsv, ImportFile("profile.csv"));
  REQUIRE((*vault)
              ->EditProfile([&](Profile& profile) -> Status {
                PIMS_ASSIGN_OR_RETURN(ImportPlan plan,
                                      PlanImport(profile, ImportFormat::kCsv, grace));
                profile = plan.result;
                return Status::Ok();
              })
              .ok());
  auto stored = (*vault)->GetProfile();
  REQUIRE(stored.ok());
  CHECK(stored->addresses.size() == testing::AdaProfile().addresses.size() + 2);
  const Profile before = *stored;
  const Status refused = (*vault)->EditProfile([&](Profile& profile) -> Status {
    profile.addresses.clear();
    return Status(ErrorCode::kInvalidField, "refused", "addresses");
  });
  CHECK(refused.code() == ErrorCode::kInvalidField);
  CHECK(*(*vault)->GetProfile() == before);
}

}  // namespace pims
