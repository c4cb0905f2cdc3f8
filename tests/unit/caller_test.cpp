#include "pims/caller.h"

#include <catch2/catch.hpp>

#include "pims/build_config.h"

namespace pims {
namespace {

Result<Caller> Identify(std::initializer_list<std::string_view> args) {
  std::vector<std::string_view> v(args);
  return IdentifyCaller(v, AllowedCallers{"abcdefghijklmnopabcdefghijklmnop", "pims@example.org"});
}

}  // namespace

TEST_CASE("Chrome's caller origin with the pims ID is accepted") {
  auto caller = Identify({"chrome-extension://abcdefghijklmnopabcdefghijklmnop/"});
  REQUIRE(caller.ok());
  CHECK(caller->browser == Caller::Browser::kChrome);
  CHECK(caller->extension_id == "abcdefghijklmnopabcdefghijklmnop");
}

TEST_CASE("Chrome on Windows adds a parent window argument, which is ignored") {
  CHECK(
      Identify({"chrome-extension://abcdefghijklmnopabcdefghijklmnop/", "--parent-window=0"}).ok());
}

TEST_CASE("another Chrome extension is refused with caller_refused") {
  auto caller = Identify({"chrome-extension://pppppppppppppppppppppppppppppppp/"});
  REQUIRE_FALSE(caller.ok());
  CHECK(caller.status().code() == ErrorCode::kCallerRefused);
  CHECK(caller.status().message().find("pppp") != std::string::npos);
}

TEST_CASE("an ID that only starts like the pims ID is refused") {
  CHECK_FALSE(Identify({"chrome-extension://abcdefghijklmnopabcdefghijklmnopx/"}).ok());
  CHECK_FALSE(Identify({"chrome-extension://abcdefghijklmnop/"}).ok());
}

TEST_CASE("Firefox's manifest path and extension ID are accepted") {
  auto caller =
      Identify({"/home/a/.mozilla/native-messaging-hosts/org.pims.host.json", "pims@example.org"});
  REQUIRE(caller.ok());
  CHECK(caller->browser == Caller::Browser::kFirefox);
}

TEST_CASE("another Firefox extension, no arguments, or a person at a terminal are refused") {
  CHECK(Identify({"/x/org.pims.host.json", "evil@example.org"}).status().code() ==
        ErrorCode::kCallerRefused);
  CHECK(Identify({}).status().code() == ErrorCode::kCallerRefused);
  CHECK(Identify({"--help"}).status().code() == ErrorCode::kCallerRefused);
}

TEST_CASE("control characters in a refused caller do not reach the message") {
  auto caller = Identify({"chrome-extension://\x1b[31mevil/"});
  REQUIRE_FALSE(caller.ok());
  CHECK(caller.status().message().find('\x1b') == std::string::npos);
}

TEST_CASE("the built-in IDs come from extension/identity.json") {
  CHECK(std::string(build::kChromeExtensionId).size() == 32);
  CHECK(std::string(build::kGeckoExtensionId).find('@') != std::string::npos);
  std::string origin = std::string("chrome-extension://") + build::kChromeExtensionId + "/";
  std::vector<std::string_view> args{origin};
  CHECK(IdentifyCaller(args).ok());
}

}  // namespace pims

#include <sodium.h>

#include <fstream>
#include <nlohmann/json.hpp>

namespace pims {

TEST_CASE("the Chrome ID in identity.json is the one Chrome derives from its public key") {
  REQUIRE(sodium_init() >= 0);
  std::ifstream in(std::string(PIMS_SOURCE_DIR) + "/extension/identity.json");
  REQUIRE(in);
  const nlohmann::json identity = nlohmann::json::parse(in);
  const std::string key_b64 = identity.at("chrome_key");
  std::vector<unsigned char> der(key_b64.size());
  size_t der_len = 0;
  REQUIRE(sodium_base642bin(der.data(), der.size(), key_b64.data(), key_b64.size(), nullptr,
                            &der_len, nullptr, sodium_base64_VARIANT_ORIGINAL) == 0);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, der.data(), der_len);
  std::string id;
  for (int i = 0; i < 16; ++i) {
    id += static_cast<char>('a' + (digest[i] >> 4));
    id += static_cast<char>('a' + (digest[i] & 15));
  }
  CHECK(id == identity.at("chrome_id"));
  CHECK(id == build::kChromeExtensionId);
}

}  // namespace pims
