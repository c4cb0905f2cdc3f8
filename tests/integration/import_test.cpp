// Import and export through the real pims-host: a preview that stores nothing, a commit that
// stores it all, refusals that store nothing, and the files the options page downloads.
#include <sodium.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

#include "support/host_process.h"
#include "support/temp_dir.h"

namespace pims::testing {
namespace {

using nlohmann::json;

std::string Base64(const std::string& bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the NUL
  return out;
}

std::string TestFile(const std::string& name) {
  std::ifstream in(std::string(PIMS_TEST_DATA_DIR) + "/import/" + name, std::ios::binary);
  REQUIRE(in.good());
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct Host {
  TempDir home;
  HostProcess host{home.path()};
  int id = 0;

  json Call(const std::string& verb, json body = json::object()) {
    body["id"] = ++id;
    body["type"] = verb;
    return host.Call(body);
  }
  json Profile() { return Call("profile.get")["profile"]; }
};

}  // namespace

TEST_CASE("import.preview shows a Bitwarden file without storing; import.commit stores it once") {
  Host h;
  REQUIRE(h.Call("setup", {{"password", "correct horse battery staple"}})["ok"] == true);
  const json file = {{"format", "bitwarden"}, {"data", Base64(TestFile("bitwarden.json"))}};

  const json preview = h.Call("import.preview", file);
  REQUIRE(preview["ok"] == true);
  CHECK(preview["stored"] == false);
  CHECK(preview["addresses"].size() == 2);
  CHECK(preview["cards"].size() == 2);
  CHECK(preview["cards"][0]["cc-number"] == "\u2022\u2022\u2022\u2022 1111");
  CHECK(preview["ignored"] == json{{"logins", 1}, {"notes", 1}});
  CHECK(preview.dump().find("4111111111111111") == std::string::npos);
  CHECK(h.Profile()["addresses"].empty());

  const json commit = h.Call("import.commit", file);
  REQUIRE(commit["ok"] == true);
  CHECK(commit["stored"] == true);
  CHECK(commit["addresses"][0]["id"] == "address-1");
  const json profile = h.Profile();
  CHECK(profile["addresses"].size() == 2);
  CHECK(profile["cards"][0]["cc-number"] == "4111111111111111");
  CHECK(profile["person"]["given-name"] == "Grace");

  const json again = h.Call("import.commit", file);
  REQUIRE(again["ok"] == true);
  CHECK(again["duplicates"] == json{{"addresses", 2}, {"cards", 2}});
  CHECK(h.Profile() == profile);
  CHECK(h.host.CloseAndWait() == 0);
}

TEST_CASE("bad imports are refused with a stable code and store nothing") {
  Host h;
  REQUIRE(h.Call("setup", {{"password", "correct horse battery staple"}})["ok"] == true);
  const json before = h.Profile();
  const auto code = [&](const json& body) {
    const json reply = h.Call("import.commit", body);
    CHECK(reply["ok"] == false);
    return reply["error"]["code"].get<std::string>();
  };
  const std::string protected_file = Base64(TestFile("bitwarden-protected-pbkdf2.json"));
  CHECK(code({{"format", "bitwarden"}, {"data", protected_file}}) == "bad_request");
  CHECK(code({{"format", "bitwarden"}, {"data", protected_file}, {"password", "import-pW"}}) ==
        "bad_password");
  CHECK(code({{"format", "bitwarden"}, {"data", Base64(TestFile("bitwarden-wrong-types.json"))}}) ==
        "bad_import");
  CHECK(code({{"format", "1pux"}, {"data", Base64(TestFile("bitwarden.json"))}}) == "bad_import");
  CHECK(code({{"format", "csv"}, {"data", Base64(std::string(800 * 1024, 'a'))}}) == "too_large");
  CHECK(h.Profile() == before);
  h.Call("lock");
  CHECK(code({{"format", "csv"}, {"data", Base64(TestFile("profile.csv"))}}) == "locked");
  CHECK(h.host.CloseAndWait() == 0);
}

TEST_CASE("a protected Bitwarden export imports with its password; every format commits") {
  Host h;
  REQUIRE(h.Call("setup", {{"password", "correct horse battery staple"}})["ok"] == true);
  const json commit =
      h.Call("import.commit", {{"format", "bitwarden"},
                               {"data", Base64(TestFile("bitwarden-protected-argon2id.json"))},
                               {"password", "import-pw"}});
  REQUIRE(commit["ok"] == true);
  CHECK(commit["cards"].size() == 2);
  for (const auto& [format, name] :
       {std::pair{"1pux", "grace.1pux"}, std::pair{"firefox", "firefox-autofill-profiles.json"},
        std::pair{"csv", "profile.csv"}}) {
    INFO(format);
    const json reply =
        h.Call("import.commit", {{"format", format}, {"data", Base64(TestFile(name))}});
    CHECK(reply["ok"] == true);
  }
  CHECK(h.host.CloseAndWait() == 0);
}

TEST_CASE("the options page's downloads: a Bitwarden export, the ledger, an encrypted backup") {
  Host h;
  REQUIRE(h.Call("setup", {{"password", "correct horse battery staple"}})["ok"] == true);
  REQUIRE(h.Call("import.commit",
                 {{"format", "csv"}, {"data", Base64(TestFile("profile.csv"))}})["ok"] == true);
  REQUIRE(h.Call("site.set", {{"url", "https://shop.example"}, {"allow", {"name"}}})["ok"] == true);
  REQUIRE(h.Call("fill", {{"url", "https://shop.example/checkout"},
                          {"fields", {{{"ref", "a"}, {"autocomplete", "given-name"}}}}})["ok"] ==
          true);

  const json bitwarden = h.Call("export.bitwarden");
  REQUIRE(bitwarden["ok"] == true);
  CHECK(bitwarden["encrypted"] == false);
  CHECK(bitwarden["warning"].get<std::string>().find("not encrypted") != std::string::npos);
  CHECK(bitwarden["encoding"] == "utf-8");
  const json exported = json::parse(bitwarden["data"].get<std::string>());
  CHECK(exported["items"].size() == 4);

  const json csv = h.Call("ledger.export", {{"format", "csv"}});
  REQUIRE(csv["ok"] == true);
  CHECK(csv["media_type"] == "text/csv");
  const std::string text = csv["data"];
  CHECK(text.rfind("seq,time,site,fields\r\n1,", 0) == 0);
  CHECK(text.find(",https://shop.example,given-name\r\n") != std::string::npos);
  const json ledger_json = h.Call("ledger.export", {{"format", "json"}});
  CHECK(json::parse(ledger_json["data"].get<std::string>())["entries"][0]["fields"] ==
        json{"given-name"});

  const json backup = h.Call("backup.export", {{"password", "backup-pw"}});
  REQUIRE(backup["ok"] == true);
  CHECK(backup["encrypted"] == true);
  CHECK(backup["encoding"] == "base64");
  CHECK(backup["data"].get<std::string>().rfind(Base64("PIMSBAK1").substr(0, 8), 0) == 0);
  CHECK(h.host.CloseAndWait() == 0);
}

}  // namespace pims::testing
