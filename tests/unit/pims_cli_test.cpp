// The `pims` command line in process (host/tools/cli): each command against a vault in a
// temporary folder, with scripted answers to its password prompts.
#include <catch2/catch.hpp>
#include <deque>
#include <fstream>
#include <sstream>

#include "cli/cli.h"
#include "support/import_files.h"
#include "support/manual_clock.h"
#include "support/temp_dir.h"

namespace pims::cli {
namespace {

class ScriptedPrompter final : public Prompter {
 public:
  Result<Secret> Ask(const std::string& question) override {
    asked.push_back(question);
    if (answers.empty()) return Status(ErrorCode::kBadRequest, "no answer to: " + question);
    Secret answer(answers.front());
    answers.pop_front();
    return answer;
  }
  Result<Secret> AskNew(const std::string& question) override { return Ask(question); }
  std::deque<std::string> answers;
  std::vector<std::string> asked;
};

struct Pims {
  testing::TempDir dir;
  testing::ManualClock clock;
  ScriptedPrompter prompter;
  std::istringstream in;
  CliContext context{dir / "vault.db", PasswordHashing::Minimum(), &prompter, &clock, &in};
  std::string out, err;

  // Runs one command; `answers` are what the prompts get, the master password first.
  int operator()(std::vector<std::string> args, std::deque<std::string> answers = {"pw"}) {
    prompter.answers = std::move(answers);
    prompter.asked.clear();
    std::ostringstream o, e;
    const int code = Run(args, context, o, e);
    out = o.str();
    err = e.str();
    return code;
  }
};

}  // namespace

TEST_CASE("pims init creates the vault once; status says so") {
  Pims pims;
  CHECK(pims({"status"}) == kExitOk);
  CHECK(pims.out.find("vault: absent") != std::string::npos);
  REQUIRE(pims({"init"}) == kExitOk);
  CHECK(pims({"init"}) == kExitFailed);
  CHECK(pims.err.find("vault_exists") != std::string::npos);
  CHECK(pims({"--json", "status"}) == kExitOk);
  CHECK(nlohmann::json::parse(pims.out)["vault"] == "present");
}

TEST_CASE("person fields are validated one by one and an empty value clears one") {
  Pims pims;
  REQUIRE(pims({"init"}) == kExitOk);
  REQUIRE(pims({"profile", "set", "given-name=Ada", "email=ada@example.org"}) == kExitOk);
  CHECK(pims({"profile", "set", "email=nope"}) == kExitFailed);
  CHECK(pims.err.find("person.email") != std::string::npos);
  CHECK(pims.err.find("nope") == std::string::npos);  // a rejected value is never echoed
  CHECK(pims({"profile", "set", "phone=+44"}) == kExitFailed);
  CHECK(pims({"profile", "set", "no-equals-sign"}) == kExitUsage);
  REQUIRE(pims({"profile", "set", "email="}) == kExitOk);
  REQUIRE(pims({"--json", "profile", "show"}) == kExitOk);
  const auto shown = nlohmann::json::parse(pims.out);
  CHECK(shown["person"]["given-name"] == "Ada");
  CHECK(shown["person"]["email"] == "");
}

TEST_CASE("addresses: add with a default, list, and a removed default falls back to the first") {
  Pims pims;
  REQUIRE(pims({"init"}) == kExitOk);
  REQUIRE(pims({"address", "add", "--label", "Home", "street-address=1 A St\\nFlat 3",
                "postal-code=SW1Y 4JH", "country=gb"}) == kExitOk);
  CHECK(pims.out == "added address address-1\n");
  REQUIRE(pims({"address", "add", "--id", "office", "--default", "street-address=2 B St",
                "country=FR"}) == kExitOk);
  CHECK(pims({"address", "add", "country=Narnia"}) == kExitFailed);
  CHECK(pims.err.find("addresses[2].country") != std::string::npos);
  CHECK(pims({"address", "add", "--id", "office", "country=FR"}) == kExitFailed);

  REQUIRE(pims({"--json", "profile", "show"}) == kExitOk);
  auto profile = nlohmann::json::parse(pims.out);
  CHECK(profile["defaults"]["shipping"] == "office");
  CHECK(profile["addresses"][0]["country"] == "GB");
  CHECK(profile["addresses"][0]["street-address"] == "1 A St\nFlat 3");

  REQUIRE(pims({"address", "list"}) == kExitOk);
  CHECK(pims.out.find("1 A St,Flat 3, SW1Y 4JH") != std::string::npos);
  REQUIRE(pims({"address", "remove", "office"}) == kExitOk);
  CHECK(pims({"address", "remove", "office"}) == kExitFailed);
  CHECK(pims.err.find("not_found") != std::string::npos);
  REQUIRE(pims({"--json", "profile", "show"}) == kExitOk);
  profile = nlohmann::json::parse(pims.out);
  CHECK(profile["defaults"]["shipping"] == "");  // "": the first address
  CHECK(profile["addresses"].size() == 1);
}

TEST_CASE("a card's number and code are asked, never taken from the arguments, and listed masked") {
  Pims pims;
  REQUIRE(pims({"init"}) == kExitOk);
  CHECK(pims({"card", "add", "cc-number=4111111111111111"}) == kExitUsage);
  CHECK(pims.prompter.asked.empty());  // refused before asking anything
  REQUIRE(pims({"card", "add", "--label", "Visa", "cc-name=Ada Lovelace", "cc-exp-month=7",
                "cc-exp-year=2030"},
               {"pw", "4111 1111 1111 1111", "123"}) == kExitOk);
  CHECK(pims.prompter.asked ==
        std::vector<std::string>{"Master password", "Card number", "Security code (empty: none)"});
  CHECK(pims({"card", "add"}, {"pw", "4111111111111112", ""}) == kExitFailed);
  CHECK(pims.err.find("4111111111111112") == std::string::npos);
  REQUIRE(pims({"card", "list"}) == kExitOk);
  CHECK(pims.out.find("1111") != std::string::npos);
  CHECK(pims.out.find("4111111111111111") == std::string::npos);
  CHECK(pims.out.find("7/2030") != std::string::npos);
}

TEST_CASE("sites are allowed and denied by category, and the ledger takes any page size") {
  Pims pims;
  REQUIRE(pims({"init"}) == kExitOk);
  REQUIRE(pims({"site", "allow", "https://shop.example/cart", "name", "email"}) == kExitOk);
  CHECK(pims.out == "https://shop.example: name,email\n");
  REQUIRE(pims({"site", "deny", "https://shop.example", "all"}) == kExitOk);
  CHECK(pims.out == "https://shop.example: (nothing)\n");
  REQUIRE(pims({"site", "never", "https://shop.example", "phone", "card"}) == kExitOk);
  CHECK(pims.out == "https://shop.example: (nothing); never: phone,card\n");
  REQUIRE(pims({"site", "allow", "https://shop.example", "phone"}) == kExitOk);
  CHECK(pims.out == "https://shop.example: phone; never: card\n");
  REQUIRE(pims({"site", "deny", "https://shop.example", "all"}) == kExitOk);
  CHECK(pims.out == "https://shop.example: (nothing); never: card\n");
  CHECK(pims({"site", "allow", "https://shop.example", "soul"}) == kExitUsage);
  CHECK(pims({"site", "allow", "ftp://shop.example", "name"}) == kExitFailed);
  REQUIRE(pims({"--json", "site", "list"}) == kExitOk);
  CHECK(nlohmann::json::parse(pims.out)[0]["last_shared"].is_null());
  REQUIRE(pims({"ledger", "show", "--limit", "2147483647"}) == kExitOk);
  CHECK(pims.out == "nothing shared yet\n");
  CHECK(pims({"ledger", "show", "--limit", "0"}) == kExitUsage);
  CHECK(pims({"ledger", "show", "--limit", "99999999999"}) == kExitUsage);
  REQUIRE(pims({"ledger", "verify"}) == kExitOk);
  CHECK(pims.out == "ledger intact: 0 entries\n");
}

TEST_CASE("a wrong master password, an unknown command and no command are told apart") {
  Pims pims;
  REQUIRE(pims({"init"}) == kExitOk);
  CHECK(pims({"profile", "show"}, {"wrong"}) == kExitFailed);
  CHECK(pims.err.find("bad_password") != std::string::npos);
  CHECK(pims({"frobnicate"}) == kExitUsage);
  CHECK(pims({}) == kExitUsage);
  CHECK(pims({"--help"}) == kExitOk);
  CHECK(pims.out.find("ledger show") != std::string::npos);
}

TEST_CASE("import --from shows what a file holds, asks, and stores it; no stores nothing") {
  Pims pims;
  REQUIRE(pims({"init"}) == kExitOk);
  const std::string file = std::string(PIMS_TEST_DATA_DIR) + "/import/bitwarden.json";
  REQUIRE(pims({"import", "--from", "bitwarden", file}, {"pw", "n"}) == kExitOk);
  CHECK(pims.prompter.asked.back() ==
        "Import 2 addresses and 2 cards (and 6 person fields)? [y/N]");
  CHECK(pims.out.find("card card-1: Visa \u2022\u2022\u2022\u2022 1111") != std::string::npos);
  CHECK(pims.out.find("not imported: logins (1)") != std::string::npos);
  CHECK(pims.out.find("could not place card.number") != std::string::npos);
  CHECK(pims.out.find("4111111111111111") == std::string::npos);
  CHECK(pims.err == "pims: nothing was imported\n");
  REQUIRE(pims({"--json", "profile", "show"}) == kExitOk);
  CHECK(nlohmann::json::parse(pims.out)["addresses"].empty());

  REQUIRE(pims({"import", "--from", "bitwarden", file}, {"pw", "y"}) == kExitOk);
  CHECK(pims.err == "pims: imported 2 addresses and 2 cards (and 6 person fields)\n");
  // Again, for scripts: everything is a duplicate now, and nothing is asked.
  REQUIRE(pims({"--json", "import", "--yes", "--from", "bitwarden", file}) == kExitOk);
  const auto preview = nlohmann::json::parse(pims.out);
  CHECK(preview["duplicates"]["addresses"] == 2);
  CHECK(pims.prompter.asked == std::vector<std::string>{"Master password"});
  CHECK(pims.err == "pims: nothing to import\n");
}

TEST_CASE("import --from asks a protected export's password, and refuses bad files and formats") {
  Pims pims;
  REQUIRE(pims({"init"}) == kExitOk);
  const std::string dir = std::string(PIMS_TEST_DATA_DIR) + "/import/";
  REQUIRE(pims({"import", "--yes", "--from", "bitwarden", dir + "bitwarden-protected-pbkdf2.json"},
               {"pw", "import-pw"}) == kExitOk);
  CHECK(pims.prompter.asked ==
        std::vector<std::string>{"Master password", "Password of the Bitwarden export"});
  CHECK(pims({"import", "--from", "bitwarden", dir + "bitwarden-protected-pbkdf2.json"},
             {"pw", "nope"}) == kExitFailed);
  CHECK(pims.err.find("bad_password") != std::string::npos);
  CHECK(pims({"import", "--from", "bitwarden", dir + "bitwarden-wrong-types.json"}) == kExitFailed);
  CHECK(pims.err.find("bad_import") != std::string::npos);
  CHECK(pims({"import", "--from", "keepass", dir + "profile.csv"}) == kExitUsage);
  CHECK(pims.err.find("bitwarden, 1pux, firefox, csv") != std::string::npos);
  CHECK(pims({"import", "--from", "csv"}) == kExitUsage);
  CHECK(pims({"import", "--from", "csv", dir + "no-such-file.csv"}) == kExitFailed);
  CHECK(pims.err.find("io_error") != std::string::npos);
}

TEST_CASE("export --to bitwarden warns that the file is not encrypted and reads back") {
  Pims pims;
  REQUIRE(pims({"init"}) == kExitOk);
  REQUIRE(pims({"import", "--yes", "--from", "csv",
                std::string(PIMS_TEST_DATA_DIR) + "/import/profile.csv"}) == kExitOk);
  const std::string out = (pims.dir / "bitwarden.json").string();
  REQUIRE(pims({"export", "--to", "bitwarden", out}) == kExitOk);
  CHECK(pims.err.find("NOT encrypted") != std::string::npos);
  CHECK((std::filesystem::status(out).permissions() & std::filesystem::perms::group_read) ==
        std::filesystem::perms::none);
  std::ifstream in(out);
  const auto exported = nlohmann::json::parse(in);
  CHECK(exported["encrypted"] == false);
  CHECK(exported["items"].size() == 4);  // the person, two addresses, a card
  CHECK(pims({"export", "--to", "bitwarden", out}) == kExitFailed);  // never overwritten
  CHECK(pims({"export", "--to", "lastpass", out}) == kExitUsage);
}

TEST_CASE("import FILE without --from is still pims' own backup") {
  Pims pims;
  REQUIRE(pims({"init"}) == kExitOk);
  REQUIRE(pims({"profile", "set", "given-name=Ada"}) == kExitOk);
  const std::string backup = (pims.dir / "backup.pims").string();
  REQUIRE(pims({"export", backup}, {"pw", "backup-pw"}) == kExitOk);
  REQUIRE(pims({"import", backup}, {"pw", "backup-pw"}) == kExitOk);
  CHECK(pims.out.find("imported") != std::string::npos);
}

}  // namespace pims::cli
