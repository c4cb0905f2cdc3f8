// The cost of turning a master or backup password into a key (Argon2id, libsodium's
// crypto_pwhash). Stored in the vault at setup and in each backup's header, so a later change of
// the default never locks anyone out.
#pragma once

#include <cstdint>

namespace pims {

struct PasswordHashing {
  uint64_t opslimit = 3;            // passes
  uint64_t memlimit = 64ull << 20;  // bytes of memory
  static PasswordHashing Default() { return {}; }
  // libsodium's minimums: for tests only (PIMS_KDF=minimum; docs/vault.md).
  static PasswordHashing Minimum();
};

}  // namespace pims
