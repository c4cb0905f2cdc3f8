// The `pims` command line in process (host/tools/cli): each command against a vault in a
// temporary folder, with scripted answers to its password prompts.
#include <catch2/catch.hpp>
#include <deque>
#include <sstream>

#include "cli/cli.h"
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

}  // namespace pims::cli
