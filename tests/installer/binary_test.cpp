// The real binaries, end to end: pims-install writes a manifest, and the pims-host it names
// answers a status request when started as the browser would start it (with the manifest's
// allowed origin, or the manifest path and the Gecko ID).
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

#include "pims/build_config.h"
#include "test_support.h"

namespace pims::installer {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::ReadText;
using testing::RunProcess;
using testing::ScratchDir;

std::string Frame(const std::string& payload) {
  const uint32_t size = static_cast<uint32_t>(payload.size());
  std::string frame(sizeof(size), '\0');
  std::memcpy(frame.data(), &size, sizeof(size));  // native byte order, as browsers send it
  return frame + payload;
}

// The first reply frame in a host's output.
json FirstReply(const std::string& out) {
  REQUIRE(out.size() >= 4);
  uint32_t size = 0;
  std::memcpy(&size, out.data(), sizeof(size));
  REQUIRE(out.size() >= 4 + size);
  return json::parse(out.substr(4, size));
}

TEST_CASE("pims-install --profile-dir registers the real pims-host, which answers Chromium") {
  ScratchDir scratch;
  const fs::path udd = scratch.path() / "udd";
  const fs::path home = scratch.path() / "home";
  const auto install = RunProcess({PIMS_INSTALL_BINARY, "install", "--browser", "chromium",
                                   "--profile-dir", udd.string(), "--host-path", PIMS_HOST_BINARY},
                                  {"HOME=" + home.string(), "XDG_CONFIG_HOME=", "XDG_DATA_HOME="});
  INFO(install.out << install.err);
  REQUIRE(install.exit_code == 0);

  const json manifest = json::parse(ReadText(udd / "NativeMessagingHosts/org.pims.host.json"));
  CHECK(manifest["name"] == build::kNativeHostName);
  CHECK(manifest["type"] == "stdio");
  const std::string path = manifest["path"];
  CHECK(fs::path(path).is_absolute());
  CHECK(fs::equivalent(path, PIMS_HOST_BINARY));
  REQUIRE(manifest["allowed_origins"].size() == 1);
  const std::string origin = manifest["allowed_origins"][0];
  CHECK(origin == std::string("chrome-extension://") + build::kChromeExtensionId + "/");

  const auto host = RunProcess({path, origin}, {"PIMS_HOME=" + (scratch.path() / "vault").string()},
                               Frame(R"({"id":1,"type":"status"})"), std::chrono::seconds(20));
  INFO(host.err);
  CHECK(host.exit_code == 0);
  const json reply = FirstReply(host.out);
  CHECK(reply["id"] == 1);
  CHECK(reply.contains("ok"));

  const auto status = RunProcess(
      {PIMS_INSTALL_BINARY, "status", "--profile-dir", udd.string(), "--host-path", path},
      {"HOME=" + home.string()});
  CHECK(status.exit_code == 0);
  // Nothing was written to the (scratch) home: --profile-dir records nothing.
  CHECK_FALSE(fs::exists(home));
}

TEST_CASE("HOME=<dir> pims-install --browser firefox registers a host Firefox can start") {
  ScratchDir scratch;
  const fs::path home = scratch.path() / "home";
  const auto install = RunProcess(
      {PIMS_INSTALL_BINARY, "install", "--browser", "firefox", "--host-path", PIMS_HOST_BINARY},
      {"HOME=" + home.string(), "XDG_CONFIG_HOME=", "XDG_DATA_HOME="});
  INFO(install.out << install.err);
  REQUIRE(install.exit_code == 0);
  const fs::path manifest_file = home / ".mozilla/native-messaging-hosts/org.pims.host.json";
  const json manifest = json::parse(ReadText(manifest_file));
  CHECK(manifest["allowed_extensions"] == json::array({build::kGeckoExtensionId}));
  const std::string gecko_id = manifest["allowed_extensions"][0];

  const auto host =
      RunProcess({manifest["path"].get<std::string>(), manifest_file.string(), gecko_id},
                 {"PIMS_HOME=" + (scratch.path() / "vault").string()},
                 Frame(R"({"id":1,"type":"status"})"), std::chrono::seconds(20));
  INFO(host.err);
  CHECK(host.exit_code == 0);
  CHECK(FirstReply(host.out)["id"] == 1);

  const auto uninstall = RunProcess({PIMS_INSTALL_BINARY, "uninstall", "--browser", "firefox"},
                                    {"HOME=" + home.string(), "XDG_DATA_HOME="});
  CHECK(uninstall.exit_code == 0);
  CHECK_FALSE(fs::exists(manifest_file));
}

TEST_CASE("pims-install --help and a bad command line exit as documented") {
  CHECK(RunProcess({PIMS_INSTALL_BINARY, "--help"}).exit_code == 0);
  const auto bad = RunProcess({PIMS_INSTALL_BINARY, "install", "--browser", "netscape"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("unknown browser") != std::string::npos);
}

}  // namespace
}  // namespace pims::installer
