#include "crypto/crypto.h"

#include <catch2/catch.hpp>

namespace pims::crypto {

TEST_CASE("a sealed value opens only with its key and its associated data") {
  REQUIRE(Init().ok());
  KeyBytes key = KeyBytes::Random();
  const std::string sealed = Seal(key, "Lovelace", "person|family-name");
  CHECK(sealed.size() == kNonceBytes + 8 + kTagBytes);
  CHECK(sealed.find("Lovelace") == std::string::npos);

  auto opened = Open(key, sealed, "person|family-name");
  REQUIRE(opened.ok());
  CHECK(opened->reveal() == "Lovelace");

  CHECK(Open(key, sealed, "person|given-name").status().code() == ErrorCode::kVaultCorrupt);
  CHECK(Open(KeyBytes::Random(), sealed, "person|family-name").status().code() ==
        ErrorCode::kVaultCorrupt);
}

TEST_CASE("every flipped bit of a sealed value is detected") {
  REQUIRE(Init().ok());
  KeyBytes key = KeyBytes::Random();
  const std::string sealed = Seal(key, "4111111111111111", "card");
  for (size_t i = 0; i < sealed.size(); ++i) {
    std::string bad = sealed;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    CHECK_FALSE(Open(key, bad, "card").ok());
  }
  CHECK_FALSE(Open(key, sealed.substr(0, kNonceBytes + kTagBytes - 1), "card").ok());
}

TEST_CASE("two seals of one value differ (random nonces)") {
  REQUIRE(Init().ok());
  KeyBytes key = KeyBytes::Random();
  CHECK(Seal(key, "same", "ad") != Seal(key, "same", "ad"));
}

TEST_CASE("Argon2id derives the same key from the same password and salt only") {
  REQUIRE(Init().ok());
  KdfParams params = KdfParams::Minimum();
  auto a = DeriveKey("pw", params);
  auto b = DeriveKey("pw", params);
  auto c = DeriveKey("pW", params);
  REQUIRE((a.ok() && b.ok() && c.ok()));
  CHECK(std::equal(a->data(), a->data() + KeyBytes::kSize, b->data()));
  CHECK_FALSE(std::equal(a->data(), a->data() + KeyBytes::kSize, c->data()));
  KdfParams other_salt = KdfParams::Minimum();
  auto d = DeriveKey("pw", other_salt);
  CHECK_FALSE(std::equal(a->data(), a->data() + KeyBytes::kSize, d->data()));
}

TEST_CASE("password hashing parameters round-trip and out-of-range ones are refused") {
  KdfParams params = KdfParams::Default();
  CHECK(params.opslimit == 3);
  CHECK(params.memlimit == 64u << 20);
  auto back = KdfParams::FromJson(params.ToJson());
  REQUIRE(back.ok());
  CHECK(back->opslimit == params.opslimit);
  CHECK(back->memlimit == params.memlimit);
  CHECK(back->salt == params.salt);

  KdfParams huge = params;
  huge.memlimit = 1ull << 40;
  CHECK(huge.Check().code() == ErrorCode::kVaultCorrupt);
  CHECK(KdfParams::FromJson(huge.ToJson()).status().code() == ErrorCode::kVaultCorrupt);
  CHECK_FALSE(KdfParams::FromJson("{}").ok());
  CHECK_FALSE(KdfParams::FromJson("not json").ok());
  CHECK_FALSE(
      KdfParams::FromJson(R"({"alg":"argon2id13","opslimit":3,"memlimit":67108864,"salt":"zz"})")
          .ok());
}

TEST_CASE("subkeys differ by purpose and keyed hashes by key") {
  REQUIRE(Init().ok());
  KeyBytes master = KeyBytes::Random();
  KeyBytes one = DeriveSubkey(master, 1, "pimsvlt1");
  KeyBytes two = DeriveSubkey(master, 2, "pimsvlt1");
  CHECK_FALSE(std::equal(one.data(), one.data() + KeyBytes::kSize, two.data()));
  CHECK(KeyedHash(one, "https://shop.example") == KeyedHash(one, "https://shop.example"));
  CHECK(KeyedHash(one, "https://shop.example") != KeyedHash(two, "https://shop.example"));
  // Length prefixes keep ("ab","c") and ("a","bc") apart.
  CHECK(KeyedHashParts(one, {"ab", "c"}) != KeyedHashParts(one, {"a", "bc"}));
}

}  // namespace pims::crypto
