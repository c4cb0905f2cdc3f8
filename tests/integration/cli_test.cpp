// The `pims` command line, run as a shopper would, with --password-stdin standing in for the
// no-echo prompt.
#include <boost/process.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/host_process.h"
#include "support/temp_dir.h"
#include "support/transcript.h"

namespace bp = boost::process;

namespace pims::testing {
namespace {

struct Run {
  int exit_code;
  std::string out;
  std::string err;
};

Run Pims(const std::filesystem::path& home, std::vector<std::string> args,
         const std::string& input = "pw\n") {
  args.insert(args.begin(), "--password-stdin");
  auto env = boost::this_process::environment();
  env["PIMS_HOME"] = home.string();
  env["PIMS_KDF"] = "minimum";
  bp::opstream in;
  bp::ipstream out, err;
  bp::child child(PIMS_CLI_BINARY, bp::args(args), bp::std_in<in, bp::std_out> out,
                  bp::std_err > err, env);
  in << input;
  in.flush();
  in.pipe().close();
  std::string out_text((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
  std::string err_text((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
  child.wait();
  RecordTranscript("cli-stderr", err_text);
  return {child.exit_code(), out_text, err_text};
}

}  // namespace

TEST_CASE("pims sets up a profile, masks cards, sets consent and shows the ledger") {
  TempDir home;
  REQUIRE(Pims(home.path(), {"init"}).exit_code == 0);
  CHECK(Pims(home.path(), {"init"}).err.find("vault_exists") != std::string::npos);

  Run set = Pims(home.path(), {"profile", "set", "given-name=Ada", "family-name=Lovelace",
                               "email=ada@example.org"});
  REQUIRE(set.exit_code == 0);
  Run bad = Pims(home.path(), {"profile", "set", "email=not-an-email"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("invalid_field") != std::string::npos);
  CHECK(bad.err.find("person.email") != std::string::npos);

  REQUIRE(Pims(home.path(), {"address", "add", "--id", "home", "--label", "Home", "--default",
                             "name=Ada Lovelace", "street-address=12 St James's Square\\nFlat 3",
                             "address-level2=London", "postal-code=SW1Y 4JH", "country=GB"})
              .exit_code == 0);
  Run card = Pims(home.path(),
                  {"card", "add", "--label", "Visa", "--default", "cc-name=Ada Lovelace",
                   "cc-exp-month=12", "cc-exp-year=2030"},
                  "pw\n4111 1111 1111 1111\n123\n");
  REQUIRE(card.exit_code == 0);
  CHECK(card.out.find("card-1") != std::string::npos);
  CHECK(Pims(home.path(), {"card", "add", "cc-number=4111111111111111"}).exit_code == 2);
  Run bad_card = Pims(home.path(), {"card", "add"}, "pw\n4111111111111112\n\n");
  CHECK(bad_card.exit_code == 1);
  CHECK(bad_card.err.find("4111111111111112") == std::string::npos);

  Run cards = Pims(home.path(), {"card", "list"});
  REQUIRE(cards.exit_code == 0);
  CHECK(cards.out.find("1111") != std::string::npos);
  CHECK(cards.out.find("4111111111111111") == std::string::npos);
  CHECK(cards.out.find("123") == std::string::npos);

  Run addresses = Pims(home.path(), {"--json", "address", "list"});
  REQUIRE(addresses.exit_code == 0);
  auto list = nlohmann::json::parse(addresses.out);
  REQUIRE(list.size() == 1);
  CHECK(list[0]["street-address"] == "12 St James's Square\nFlat 3");

  Run allow =
      Pims(home.path(), {"site", "allow", "https://www.shop.example/cart", "name", "email"});
  REQUIRE(allow.exit_code == 0);
  CHECK(allow.out.find("https://shop.example: name,email") != std::string::npos);
  CHECK(Pims(home.path(), {"site", "allow", "https://shop.example", "passport"}).exit_code == 2);

  // A fill through the host, then the ledger from the command line.
  {
    HostProcess host(home.path());
    REQUIRE(host.Call({{"id", 1}, {"type", "unlock"}, {"password", "pw"}})["ok"] == true);
    auto fill = host.Call({{"id", 2},
                           {"type", "fill"},
                           {"url", "https://www.shop.example/checkout"},
                           {"fields", {{{"ref", "a"}, {"autocomplete", "email"}}}}});
    REQUIRE(fill["fills"].size() == 1);
    host.CloseAndWait();
  }
  Run ledger = Pims(home.path(), {"ledger", "show"});
  REQUIRE(ledger.exit_code == 0);
  CHECK(ledger.out.find("https://shop.example") != std::string::npos);
  CHECK(ledger.out.find("email") != std::string::npos);
  CHECK(ledger.out.find("ada@example.org") == std::string::npos);
  Run verify = Pims(home.path(), {"ledger", "verify"});
  CHECK(verify.exit_code == 0);
  CHECK(verify.out.find("1 entries") != std::string::npos);

  Run sites = Pims(home.path(), {"--json", "site", "list"});
  REQUIRE(sites.exit_code == 0);
  CHECK(nlohmann::json::parse(sites.out)[0]["last_shared"].is_string());
  REQUIRE(Pims(home.path(), {"site", "deny", "https://shop.example", "all"}).exit_code == 0);
  REQUIRE(Pims(home.path(), {"site", "forget", "https://shop.example"}).exit_code == 0);
  CHECK(Pims(home.path(), {"site", "forget", "https://shop.example"}).exit_code == 1);
}

TEST_CASE("a wrong master password is refused by every command") {
  TempDir home;
  REQUIRE(Pims(home.path(), {"init"}).exit_code == 0);
  Run wrong = Pims(home.path(), {"profile", "show"}, "nope\n");
  CHECK(wrong.exit_code == 1);
  CHECK(wrong.err.find("bad_password") != std::string::npos);
  CHECK(wrong.err.find("nope") == std::string::npos);
}

TEST_CASE("passwd changes the master password") {
  TempDir home;
  REQUIRE(Pims(home.path(), {"init"}).exit_code == 0);
  REQUIRE(Pims(home.path(), {"passwd"}, "pw\nnew\n").exit_code == 0);
  CHECK(Pims(home.path(), {"profile", "show"}, "pw\n").exit_code == 1);
  CHECK(Pims(home.path(), {"profile", "show"}, "new\n").exit_code == 0);
}

TEST_CASE("export and import carry the profile and sites through an encrypted backup") {
  TempDir home, other;
  REQUIRE(Pims(home.path(), {"init"}).exit_code == 0);
  REQUIRE(
      Pims(home.path(), {"profile", "set", "given-name=Ada", "email=ada@example.org"}).exit_code ==
      0);
  REQUIRE(Pims(home.path(), {"site", "allow", "https://shop.example", "email"}).exit_code == 0);
  const std::string backup = (home / "backup.pims").string();
  REQUIRE(Pims(home.path(), {"export", backup}, "pw\nbackup-pw\n").exit_code == 0);
  CHECK(Pims(home.path(), {"export", backup}, "pw\nbackup-pw\n").exit_code == 1);  // no overwrite
  {
    std::ifstream in(backup, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(bytes.rfind("PIMSBAK1", 0) == 0);
    CHECK(bytes.find("ada@example.org") == std::string::npos);
    CHECK(bytes.find("shop.example") == std::string::npos);
  }
  REQUIRE(Pims(other.path(), {"init"}, "other-pw\n").exit_code == 0);
  Run wrong = Pims(other.path(), {"import", backup}, "other-pw\nwrong\n");
  CHECK(wrong.exit_code == 1);
  CHECK(wrong.err.find("bad_password") != std::string::npos);
  REQUIRE(Pims(other.path(), {"import", backup}, "other-pw\nbackup-pw\n").exit_code == 0);
  Run shown = Pims(other.path(), {"--json", "profile", "show"}, "other-pw\n");
  CHECK(nlohmann::json::parse(shown.out)["person"]["email"] == "ada@example.org");
  Run sites = Pims(other.path(), {"site", "show", "https://shop.example"}, "other-pw\n");
  CHECK(sites.out.find("email") != std::string::npos);
}

TEST_CASE("pims --help names every command, and an unknown one is a usage error") {
  TempDir home;
  Run help = Pims(home.path(), {"--help"});
  CHECK(help.exit_code == 0);
  for (const char* command :
       {"init", "passwd", "profile", "address", "card", "site", "ledger", "export", "import"}) {
    CHECK(help.out.find(command) != std::string::npos);
  }
  CHECK(Pims(home.path(), {"frobnicate"}).exit_code == 2);
}

}  // namespace pims::testing
