// Rendering and checking native messaging host manifests (installer/src/manifest.h).
#include "manifest.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "pims/build_config.h"
#include "test_support.h"

namespace pims::installer {
namespace {

using nlohmann::json;

const std::string kChromeOrigin =
    std::string("chrome-extension://") + build::kChromeExtensionId + "/";

TEST_CASE("a Chromium-family manifest names the host, its path and exactly the pims origin") {
  const json manifest = json::parse(RenderManifest(Family::kChromium, "/opt/pims/bin/pims-host"));
  CHECK(manifest["name"] == "org.pims.host");
  CHECK(manifest["path"] == "/opt/pims/bin/pims-host");
  CHECK(manifest["type"] == "stdio");
  CHECK(manifest["allowed_origins"] == json::array({kChromeOrigin}));
  CHECK_FALSE(manifest.contains("allowed_extensions"));
  CHECK(manifest["description"].get<std::string>().find("pims") != std::string::npos);
}

TEST_CASE("a Firefox-family manifest allows exactly the pims Gecko ID") {
  const json manifest = json::parse(RenderManifest(Family::kFirefox, "/usr/bin/pims-host"));
  CHECK(manifest["name"] == "org.pims.host");
  CHECK(manifest["path"] == "/usr/bin/pims-host");
  CHECK(manifest["type"] == "stdio");
  CHECK(manifest["allowed_extensions"] == json::array({build::kGeckoExtensionId}));
  CHECK_FALSE(manifest.contains("allowed_origins"));
}

TEST_CASE("the IDs in manifests are the ones of extension/identity.json") {
  const json identity = json::parse(testing::ReadText(PIMS_SOURCE_DIR "/extension/identity.json"));
  CHECK(identity["chrome_id"] == build::kChromeExtensionId);
  CHECK(identity["gecko_id"] == build::kGeckoExtensionId);
}

TEST_CASE("rendering is deterministic and ends with a newline") {
  const std::string a = RenderManifest(Family::kChromium, "/x/pims-host");
  CHECK(a == RenderManifest(Family::kChromium, "/x/pims-host"));
  CHECK(a.back() == '\n');
  CHECK(a != RenderManifest(Family::kChromium, "/y/pims-host"));
}

TEST_CASE("a host path with backslashes, quotes and non-ASCII stays valid JSON") {
  const std::string path = "C:\\Program Files\\pims \"beta\"\\caf\xc3\xa9\\pims-host.exe";
  const json manifest = json::parse(RenderManifest(Family::kFirefox, path));
  CHECK(manifest["path"] == path);
  const ManifestCheck check =
      CheckManifest(RenderManifest(Family::kFirefox, path), Family::kFirefox);
  CHECK(check.valid);
  CHECK(check.ours);
}

TEST_CASE("the manifest templates in manifests/ are valid JSON with every placeholder") {
  for (const char* file : {"org.pims.host.chromium.json.in", "org.pims.host.firefox.json.in"}) {
    INFO(file);
    const std::string text = testing::ReadText(std::string(PIMS_SOURCE_DIR "/manifests/") + file);
    const json manifest = json::parse(text);  // throws (fails the test) when broken
    CHECK(manifest["name"] == "{{name}}");
    CHECK(manifest["path"] == "{{path}}");
    CHECK(manifest["type"] == "stdio");
  }
}

TEST_CASE("a rendered manifest passes its own check") {
  for (Family family : {Family::kChromium, Family::kFirefox}) {
    const ManifestCheck check = CheckManifest(RenderManifest(family, "/usr/bin/pims-host"), family);
    CHECK(check.parsed);
    CHECK(check.valid);
    CHECK(check.ours);
    CHECK(check.problems.empty());
    CHECK(check.path == "/usr/bin/pims-host");
  }
}

TEST_CASE("a malformed manifest is reported, and is not ours") {
  for (const char* text : {"", "{", "not json", "[1,2]", "\"org.pims.host\"", "{\"name\":"}) {
    INFO(text);
    const ManifestCheck check = CheckManifest(text, Family::kChromium);
    CHECK_FALSE(check.parsed);
    CHECK_FALSE(check.valid);
    CHECK_FALSE(check.ours);
    CHECK_FALSE(check.problems.empty());
  }
}

TEST_CASE("each wrong field of a manifest is a problem") {
  json good = json::parse(RenderManifest(Family::kChromium, "/usr/bin/pims-host"));
  auto problems_with = [&](const std::function<void(json&)>& edit) {
    json manifest = good;
    edit(manifest);
    return CheckManifest(manifest.dump(), Family::kChromium);
  };
  SECTION("another name: not valid and not ours") {
    auto check = problems_with([](json& m) { m["name"] = "com.example.other"; });
    CHECK_FALSE(check.valid);
    CHECK_FALSE(check.ours);
  }
  SECTION("a foreign path: not ours") {
    auto check = problems_with([](json& m) { m["path"] = "/usr/bin/something-else"; });
    CHECK_FALSE(check.valid);
    CHECK_FALSE(check.ours);
  }
  SECTION("a relative path") {
    auto check = problems_with([](json& m) { m["path"] = "bin/pims-host"; });
    CHECK_FALSE(check.valid);
    CHECK(check.ours);  // still a pims-host: install may repair it
  }
  SECTION("another type") {
    auto check = problems_with([](json& m) { m["type"] = "socket"; });
    CHECK_FALSE(check.valid);
  }
  SECTION("another origin, or one more") {
    CHECK_FALSE(problems_with([](json& m) {
                  m["allowed_origins"] = json::array({"chrome-extension://aaaa/"});
                }).valid);
    CHECK_FALSE(problems_with([&](json& m) {
                  m["allowed_origins"] = json::array({kChromeOrigin, "chrome-extension://b/"});
                }).valid);
    CHECK_FALSE(problems_with([](json& m) { m["allowed_origins"] = "*"; }).valid);
  }
  SECTION("the other family's list") {
    auto check =
        CheckManifest(RenderManifest(Family::kFirefox, "/usr/bin/pims-host"), Family::kChromium);
    CHECK_FALSE(check.valid);
    CHECK(check.ours);
    REQUIRE(check.problems.size() == 1);
    CHECK(check.problems[0].find("allowed_extensions") != std::string::npos);
  }
}

TEST_CASE("host file names pims may register") {
  CHECK(IsHostFileName("pims-host"));
  CHECK(IsHostFileName("pims-host.exe"));
  CHECK_FALSE(IsHostFileName("pims"));
  CHECK_FALSE(IsHostFileName("pims-host.sh"));
  CHECK(ManifestFileName() == "org.pims.host.json");
}

}  // namespace
}  // namespace pims::installer
