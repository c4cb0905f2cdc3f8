// The vault's cryptographic primitives, all from libsodium. Internal to libpims.
//
// - Password hashing: Argon2id (crypto_pwhash) turns the master password into a key-encryption
//   key (KEK); its parameters and salt live in the vault.
// - Sealing: XChaCha20-Poly1305-IETF with a random 24-byte nonce per value, output
//   nonce || ciphertext || tag. The associated data names where the value lives, so a sealed
//   value copied to another table, row or field fails to open.
// - Keyed hashing: BLAKE2b (crypto_generichash) for site lookups and the ledger chain.
// - Subkeys: crypto_kdf (BLAKE2b) from the data key, one per purpose.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "pims/secret.h"
#include "pims/status.h"

namespace pims::crypto {

// Initialises libsodium; safe to call many times. kInternal if the library cannot start.
Status Init();

inline constexpr size_t kSaltBytes = 16;
inline constexpr size_t kNonceBytes = 24;
inline constexpr size_t kTagBytes = 16;
inline constexpr size_t kHashBytes = 32;

using Salt = std::array<uint8_t, kSaltBytes>;
using Hash = std::array<uint8_t, kHashBytes>;

struct KdfParams {
  uint64_t opslimit = 3;          // Argon2id passes (libsodium's "moderate" is 3)
  uint64_t memlimit = 64u << 20;  // bytes of memory
  Salt salt{};

  // The defaults above, with a fresh random salt.
  static KdfParams Default();
  // libsodium's minimums (opslimit 1, 8 KiB): for tests only, never for a shopper's vault.
  static KdfParams Minimum();
  // Refuses parameters outside libsodium's accepted range (a tampered vault could ask for
  // terabytes of memory): kVaultCorrupt.
  Status Check() const;
  // The stored form: {"alg":"argon2id13","opslimit":N,"memlimit":N,"salt":"hex"}. It is bound
  // into the associated data of whatever key it protects, so editing it breaks the unwrap.
  std::string ToJson() const;
  // kVaultCorrupt if the text is not that form or the parameters fail Check().
  static Result<KdfParams> FromJson(std::string_view text);
};

// Argon2id(password, params) -> 32-byte key. kInternal only when the system is out of memory.
Result<KeyBytes> DeriveKey(std::string_view password, const KdfParams& params);

// Seals plaintext under key, binding it to ad. Never fails.
std::string Seal(const KeyBytes& key, std::string_view plaintext, std::string_view ad);

// Opens a sealed value. kVaultCorrupt if it is too short, was altered, or was sealed under
// another key or with other associated data (the caller may know better, e.g. bad_password).
Result<Secret> Open(const KeyBytes& key, std::string_view sealed, std::string_view ad);

// Keyed BLAKE2b-256 of data.
Hash KeyedHash(const KeyBytes& key, std::string_view data);
// Keyed BLAKE2b-256 over several parts, each prefixed by its 8-byte length (no ambiguity).
Hash KeyedHashParts(const KeyBytes& key, std::initializer_list<std::string_view> parts);

// Subkey number `id` of master for an 8-character context.
KeyBytes DeriveSubkey(const KeyBytes& master, uint64_t id, const char (&context)[9]);

std::string_view AsBytes(const Hash& hash);
std::string ToHex(std::string_view bytes);

}  // namespace pims::crypto
