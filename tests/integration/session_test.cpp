// A shopper's whole session through the real pims-host binary, over its pipes.
#include <catch2/catch.hpp>
#include <fstream>

#include "support/host_process.h"
#include "support/temp_dir.h"
#include "support/test_profile.h"

namespace pims::testing {
namespace {

using nlohmann::json;

const json kProfile = ArchitectureExampleJson();

const json kCheckoutFields = json::parse(R"([
  {"ref": "f1", "autocomplete": "given-name"},
  {"ref": "f2", "autocomplete": "family-name"},
  {"ref": "f3", "autocomplete": "email"},
  {"ref": "f4", "autocomplete": "shipping street-address"},
  {"ref": "f5", "autocomplete": "shipping postal-code"},
  {"ref": "f6", "autocomplete": "tel"},
  {"ref": "f7", "autocomplete": "cc-number"},
  {"ref": "f8", "autocomplete": "bday"},
  {"ref": "f9", "autocomplete": "username"}
])");

json ValueOf(const json& fill_reply, const std::string& ref) {
  for (const json& f : fill_reply["fills"]) {
    if (f["ref"] == ref) return f["value"];
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a shopper's session: setup, consent, fill, lock, a new host, unlock, ledger") {
  TempDir home;
  {
    HostProcess host(home.path());
    json status = host.Call({{"id", 1}, {"type", "status"}});
    CHECK(status["ok"] == true);
    CHECK(status["vault"] == "absent");
    CHECK(status["id"] == 1);

    json setup = host.Call({{"id", 2}, {"type", "setup"}, {"password", "correct horse"}});
    REQUIRE(setup["ok"] == true);

    json put = host.Call({{"id", 3}, {"type", "profile.put"}, {"profile", kProfile}});
    REQUIRE(put["ok"] == true);

    json allow = host.Call({{"id", "set"},
                            {"type", "site.set"},
                            {"url", "https://www.shop.example/account"},
                            {"allow", {"name", "email", "shipping_address"}}});
    REQUIRE(allow["ok"] == true);
    CHECK(allow["id"] == "set");
    CHECK(allow["site"] == "https://shop.example");
    CHECK(allow["hosts"] == json::array({"www.shop.example"}));

    json fill = host.Call({{"id", 5},
                           {"type", "fill"},
                           {"url", "https://www.shop.example/checkout"},
                           {"fields", kCheckoutFields}});
    REQUIRE(fill["ok"] == true);
    CHECK(fill["site"] == "https://shop.example");
    CHECK(ValueOf(fill, "f1") == "Ada");
    CHECK(ValueOf(fill, "f2") == "Lovelace");
    CHECK(ValueOf(fill, "f3") == "ada@example.org");
    CHECK(ValueOf(fill, "f4") == "12 St James's Square\nFlat 3");
    CHECK(ValueOf(fill, "f5") == "SW1Y 4JH");
    // Only the allowed values come back: phone, card and birthday are withheld with a category.
    CHECK(fill["fills"].size() == 5);
    CHECK(ValueOf(fill, "f6").is_null());
    CHECK(ValueOf(fill, "f7").is_null());
    std::map<std::string, std::string> withheld;
    for (const json& w : fill["withheld"]) withheld[w["ref"]] = w["category"];
    CHECK(withheld ==
          std::map<std::string, std::string>{{"f6", "phone"}, {"f7", "card"}, {"f8", "birthday"}});
    CHECK(fill["unknown"] == json::array({"f9"}));
    CHECK(fill.dump().find("4111") == std::string::npos);

    json lock = host.Call({{"id", 6}, {"type", "lock"}});
    REQUIRE(lock["ok"] == true);
    json refused = host.Call({{"id", 7},
                              {"type", "fill"},
                              {"url", "https://shop.example"},
                              {"fields", kCheckoutFields}});
    CHECK(refused["ok"] == false);
    CHECK(refused["error"]["code"] == "locked");
    CHECK(refused["id"] == 7);
    CHECK(host.CloseAndWait() == 0);
  }
  {
    HostProcess host(home.path());
    json status = host.Call({{"id", 1}, {"type", "status"}});
    CHECK(status["vault"] == "locked");

    json wrong = host.Call({{"id", 2}, {"type", "unlock"}, {"password", "battery staple"}});
    CHECK(wrong["ok"] == false);
    CHECK(wrong["error"]["code"] == "bad_password");
    CHECK(wrong.dump().find("battery") == std::string::npos);

    json unlock = host.Call({{"id", 3}, {"type", "unlock"}, {"password", "correct horse"}});
    REQUIRE(unlock["ok"] == true);

    json ledger = host.Call({{"id", 4}, {"type", "ledger.list"}});
    REQUIRE(ledger["ok"] == true);
    REQUIRE(ledger["entries"].size() == 1);
    const json& entry = ledger["entries"][0];
    CHECK(entry["site"] == "https://shop.example");
    CHECK(entry["fields"] ==
          json::array({"given-name", "family-name", "email", "street-address", "postal-code"}));
    CHECK(entry["time"].get<std::string>().size() == 24);

    json verify = host.Call({{"id", 5}, {"type", "ledger.verify"}});
    REQUIRE(verify["ok"] == true);
    CHECK(verify["entries"] == 1);
    CHECK(host.CloseAndWait() == 0);
  }
}

}  // namespace pims::testing

namespace pims::testing {

TEST_CASE("with PIMS_HOST_LOG the host logs verbs and outcomes, never a password or a value") {
  TempDir home;
  const std::filesystem::path log = home / "host.log";
  {
    HostProcess host(home.path(), {}, {{"PIMS_HOST_LOG", log.string()}});
    REQUIRE(host.Call({{"id", 1}, {"type", "setup"}, {"password", "hunter2-secret"}})["ok"] ==
            true);
    REQUIRE(host.Call({{"id", 2},
                       {"type", "profile.put"},
                       {"profile", ArchitectureExampleJson()}})["ok"] == true);
    REQUIRE(host.Call({{"id", 3},
                       {"type", "site.set"},
                       {"url", "https://shop.example"},
                       {"allow", {"email"}}})["ok"] == true);
    REQUIRE(host.Call({{"id", 4},
                       {"type", "fill"},
                       {"url", "https://shop.example"},
                       {"fields", {{{"ref", "e"}, {"autocomplete", "email"}}}}})["fills"]
                .size() == 1);
    host.Call({{"id", 5}, {"type", "unlock"}, {"password", "wrong-secret"}});
    host.CloseAndWait();
  }
  std::ifstream in(log);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("verb=fill id=4 -> ok") != std::string::npos);
  CHECK(text.find("verb=unlock id=5 -> bad_password") != std::string::npos);
  for (const char* secret :
       {"hunter2", "wrong-secret", "ada@example.org", "Lovelace", "4111", "SW1Y"}) {
    INFO(secret);
    CHECK(text.find(secret) == std::string::npos);
  }
}

TEST_CASE("without PIMS_HOST_LOG the host writes no log") {
  TempDir home;
  {
    HostProcess host(home.path());
    REQUIRE(host.Call({{"id", 1}, {"type", "setup"}, {"password", "pw"}})["ok"] == true);
    host.CloseAndWait();
  }
  for (const auto& entry : std::filesystem::directory_iterator(home.path())) {
    CHECK(entry.path().filename().string().rfind("vault.db", 0) == 0);
  }
}

}  // namespace pims::testing
