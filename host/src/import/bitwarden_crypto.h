// Opening a password-protected Bitwarden export (docs/import.md, "Bitwarden"): the file's
// password and salt through its KDF (PBKDF2-SHA256 from OpenSSL, or Argon2id from libargon2, as
// the file says) give a master key, HKDF-Expand stretches it into an encryption key and a MAC
// key, and each encrypted string ("2.<iv>|<ciphertext>|<mac>", Bitwarden's type 2) is
// AES-256-CBC with HMAC-SHA256 over iv || ciphertext. Internal to libpims (host/src/import).
#pragma once

#include <cstdint>
#include <string_view>

#include "pims/json_fields.h"
#include "pims/secret.h"
#include "pims/status.h"

namespace pims {

// Bounds on what a file may ask of the KDF, so that a hostile file cannot make an import take
// hours or exhaust memory. Bitwarden's own choices lie within them.
inline constexpr int64_t kMinPbkdf2Iterations = 5'000;
inline constexpr int64_t kMaxPbkdf2Iterations = 2'000'000;
inline constexpr int64_t kMaxArgon2Iterations = 10;
inline constexpr int64_t kMinArgon2MemoryMiB = 16;
inline constexpr int64_t kMaxArgon2MemoryMiB = 1024;
inline constexpr int64_t kMaxArgon2Parallelism = 16;

// The clear text of the export's `data`, read from the file's fields (`file` reads its top
// level). kBadRequest naming "password" when the password is empty; kBadPassword when it does
// not open the file; kBadImport for a field missing, of the wrong type or out of bounds, or
// encrypted data that is damaged.
Result<Secret> OpenBitwardenExport(const JsonFields& file, std::string_view password);

}  // namespace pims
