#include "import/bitwarden_crypto.h"

#include <argon2.h>
#include <openssl/evp.h>
#include <sodium.h>

#include <array>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "import/builder.h"
#include "pims/platform.h"

namespace pims {
namespace {

constexpr int kPbkdf2 = 0;  // Bitwarden's kdfType values
constexpr int kArgon2id = 1;
constexpr size_t kKeyBytes = 32;
constexpr size_t kIvBytes = 16;
constexpr size_t kMacBytes = 32;

// AES-256-CBC from OpenSSL and Argon2id with lanes from libargon2 (libsodium has neither), loaded
// only when a password-protected export is opened: a host that never imports one never maps
// them (libcrypto alone is 1.5 MB of a resident host).
struct OpenSsl {
  decltype(&EVP_CIPHER_CTX_new) ctx_new;
  decltype(&EVP_CIPHER_CTX_free) ctx_free;
  decltype(&EVP_aes_256_cbc) aes_256_cbc;
  decltype(&EVP_DecryptInit_ex) init;
  decltype(&EVP_DecryptUpdate) update;
  decltype(&EVP_DecryptFinal_ex) final;
};

Result<const OpenSsl*> LoadOpenSsl() {
  static const Result<OpenSsl> loaded = []() -> Result<OpenSsl> {
    PIMS_ASSIGN_OR_RETURN(SharedLibrary lib, SharedLibrary::Load({"libcrypto.so.3"}));
    OpenSsl f{lib.Find<decltype(&EVP_CIPHER_CTX_new)>("EVP_CIPHER_CTX_new"),
              lib.Find<decltype(&EVP_CIPHER_CTX_free)>("EVP_CIPHER_CTX_free"),
              lib.Find<decltype(&EVP_aes_256_cbc)>("EVP_aes_256_cbc"),
              lib.Find<decltype(&EVP_DecryptInit_ex)>("EVP_DecryptInit_ex"),
              lib.Find<decltype(&EVP_DecryptUpdate)>("EVP_DecryptUpdate"),
              lib.Find<decltype(&EVP_DecryptFinal_ex)>("EVP_DecryptFinal_ex")};
    if (!f.ctx_new || !f.ctx_free || !f.aes_256_cbc || !f.init || !f.update || !f.final) {
      return Status(ErrorCode::kInternal, "libcrypto.so.3 lacks AES-256-CBC");
    }
    return f;
  }();
  if (!loaded.ok()) return loaded.status();
  return &*loaded;
}

using Argon2idHashRaw = decltype(&argon2id_hash_raw);

Result<Argon2idHashRaw> LoadArgon2() {
  static const Result<Argon2idHashRaw> loaded = []() -> Result<Argon2idHashRaw> {
    PIMS_ASSIGN_OR_RETURN(SharedLibrary lib, SharedLibrary::Load({"libargon2.so.1"}));
    auto hash = lib.Find<Argon2idHashRaw>("argon2id_hash_raw");
    if (!hash) return Status(ErrorCode::kInternal, "libargon2.so.1 lacks argon2id_hash_raw");
    return hash;
  }();
  return loaded;
}

// HMAC-SHA256(key, message) (libsodium).
std::array<unsigned char, crypto_auth_hmacsha256_BYTES> HmacSha256(const unsigned char* key,
                                                                   size_t key_size,
                                                                   const unsigned char* message,
                                                                   size_t size) {
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key, key_size);
  crypto_auth_hmacsha256_update(&state, message, size);
  crypto_auth_hmacsha256_final(&state, mac.data());
  sodium_memzero(&state, sizeof state);
  return mac;
}

// PBKDF2-HMAC-SHA256 (RFC 8018) to one 32-byte block, which is all Bitwarden takes. The HMAC
// state keyed with the password is made once and copied for each of the iterations.
void Pbkdf2Sha256(std::string_view password, std::string_view salt, uint32_t iterations,
                  unsigned char* out) {
  crypto_auth_hmacsha256_state keyed;
  crypto_auth_hmacsha256_init(&keyed, reinterpret_cast<const unsigned char*>(password.data()),
                              password.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> u{};
  crypto_auth_hmacsha256_state state = keyed;
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(salt.data()),
                                salt.size());
  const unsigned char block_index[4] = {0, 0, 0, 1};
  crypto_auth_hmacsha256_update(&state, block_index, sizeof block_index);
  crypto_auth_hmacsha256_final(&state, u.data());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> t = u;
  for (uint32_t i = 1; i < iterations; ++i) {
    state = keyed;
    crypto_auth_hmacsha256_update(&state, u.data(), u.size());
    crypto_auth_hmacsha256_final(&state, u.data());
    for (size_t k = 0; k < t.size(); ++k) t[k] ^= u[k];
  }
  std::memcpy(out, t.data(), t.size());
  sodium_memzero(&keyed, sizeof keyed);
  sodium_memzero(&state, sizeof state);
  sodium_memzero(u.data(), u.size());
  sodium_memzero(t.data(), t.size());
}

Status Damaged(std::string_view what) {
  return BadImport("the Bitwarden export's " + std::string(what) + " is damaged");
}

// The master key from the password, as the file's KDF fields say.
Result<KeyBytes> MasterKey(const JsonFields& file, std::string_view password,
                           std::string_view salt) {
  PIMS_ASSIGN_OR_RETURN(int64_t kdf, file.RequireInteger("kdfType", kPbkdf2, kArgon2id));
  KeyBytes key;
  if (kdf == kPbkdf2) {
    PIMS_ASSIGN_OR_RETURN(
        int64_t iterations,
        file.RequireInteger("kdfIterations", kMinPbkdf2Iterations, kMaxPbkdf2Iterations));
    Pbkdf2Sha256(password, salt, static_cast<uint32_t>(iterations), key.data());
    return key;
  }
  PIMS_ASSIGN_OR_RETURN(int64_t iterations,
                        file.RequireInteger("kdfIterations", 1, kMaxArgon2Iterations));
  PIMS_ASSIGN_OR_RETURN(int64_t memory,
                        file.RequireInteger("kdfMemory", kMinArgon2MemoryMiB, kMaxArgon2MemoryMiB));
  PIMS_ASSIGN_OR_RETURN(int64_t lanes,
                        file.RequireInteger("kdfParallelism", 1, kMaxArgon2Parallelism));
  // Bitwarden salts Argon2id with the SHA-256 of the salt text.
  std::array<unsigned char, crypto_hash_sha256_BYTES> salt_hash{};
  crypto_hash_sha256(salt_hash.data(), reinterpret_cast<const unsigned char*>(salt.data()),
                     salt.size());
  PIMS_ASSIGN_OR_RETURN(Argon2idHashRaw argon2id, LoadArgon2());
  const int result =
      argon2id(static_cast<uint32_t>(iterations), static_cast<uint32_t>(memory * 1024),
               static_cast<uint32_t>(lanes), password.data(), password.size(), salt_hash.data(),
               salt_hash.size(), key.data(), kKeyBytes);
  if (result != ARGON2_OK) {
    return Status(ErrorCode::kInternal, "Argon2id failed (error " + std::to_string(result) + ")");
  }
  return key;
}

// HKDF-Expand (RFC 5869) to one block: HMAC-SHA256(prk, info || 0x01).
KeyBytes Expand(const KeyBytes& prk, std::string_view info) {
  std::string message(info);
  message += '\x01';
  KeyBytes out;
  const auto mac =
      HmacSha256(prk.data(), kKeyBytes, reinterpret_cast<const unsigned char*>(message.data()),
                 message.size());
  std::memcpy(out.data(), mac.data(), mac.size());
  return out;
}

Result<std::vector<unsigned char>> FromBase64(std::string_view text, std::string_view what) {
  std::vector<unsigned char> bytes(text.size() / 4 * 3 + 3);
  size_t length = 0;
  if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return Damaged(what);
  }
  bytes.resize(length);
  return bytes;
}

struct EncString {
  std::vector<unsigned char> iv, ciphertext, mac;
};

// "2.<iv>|<ciphertext>|<mac>", each part base64.
Result<EncString> ParseEncString(std::string_view text, std::string_view what) {
  if (text.substr(0, 2) != "2.") {
    return BadImport("the Bitwarden export's " + std::string(what) +
                     " is not an AES-256-CBC + HMAC-SHA256 string (type 2)");
  }
  text.remove_prefix(2);
  const size_t first = text.find('|');
  const size_t second = first == std::string_view::npos ? first : text.find('|', first + 1);
  if (second == std::string_view::npos || text.find('|', second + 1) != std::string_view::npos) {
    return Damaged(what);
  }
  EncString out;
  PIMS_ASSIGN_OR_RETURN(out.iv, FromBase64(text.substr(0, first), what));
  PIMS_ASSIGN_OR_RETURN(out.ciphertext,
                        FromBase64(text.substr(first + 1, second - first - 1), what));
  PIMS_ASSIGN_OR_RETURN(out.mac, FromBase64(text.substr(second + 1), what));
  if (out.iv.size() != kIvBytes || out.mac.size() != kMacBytes || out.ciphertext.empty() ||
      out.ciphertext.size() % kIvBytes != 0) {
    return Damaged(what);
  }
  return out;
}

bool MacMatches(const EncString& enc, const KeyBytes& mac_key) {
  std::vector<unsigned char> message(enc.iv);
  message.insert(message.end(), enc.ciphertext.begin(), enc.ciphertext.end());
  const auto mac = HmacSha256(mac_key.data(), kKeyBytes, message.data(), message.size());
  return sodium_memcmp(mac.data(), enc.mac.data(), kMacBytes) == 0;
}

// AES-256-CBC with PKCS#7 padding. REQUIRES: the MAC was checked.
Result<Secret> Decrypt(const EncString& enc, const KeyBytes& enc_key, std::string_view what) {
  PIMS_ASSIGN_OR_RETURN(const OpenSsl* ssl, LoadOpenSsl());
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(ssl->ctx_new(),
                                                                      ssl->ctx_free);
  if (!ctx) return Status(ErrorCode::kInternal, "out of memory");
  Secret clear = Secret::Zeroed(enc.ciphertext.size() + kIvBytes);
  auto* out = reinterpret_cast<unsigned char*>(clear.data());
  int written = 0;
  int last = 0;
  if (ssl->init(ctx.get(), ssl->aes_256_cbc(), nullptr, enc_key.data(), enc.iv.data()) != 1 ||
      ssl->update(ctx.get(), out, &written, enc.ciphertext.data(),
                  static_cast<int>(enc.ciphertext.size())) != 1 ||
      ssl->final(ctx.get(), out + written, &last) != 1) {
    return Damaged(what);
  }
  Secret result(clear.reveal().substr(0, static_cast<size_t>(written + last)));
  return result;
}

}  // namespace

Result<Secret> OpenBitwardenExport(const JsonFields& file, std::string_view password) {
  PIMS_ASSIGN_OR_RETURN(std::string salt, file.RequireString("salt"));
  PIMS_ASSIGN_OR_RETURN(std::string validation, file.RequireString("encKeyValidation_DO_NOT_EDIT"));
  PIMS_ASSIGN_OR_RETURN(std::string data, file.RequireString("data"));
  if (salt.empty()) return file.Error("salt", "must not be empty");
  PIMS_ASSIGN_OR_RETURN(EncString check, ParseEncString(validation, "password check"));
  PIMS_ASSIGN_OR_RETURN(EncString sealed, ParseEncString(data, "data"));
  if (sodium_init() < 0) return Status(ErrorCode::kInternal, "libsodium cannot start");  // keys
  if (password.empty()) {
    return Status(ErrorCode::kBadRequest,
                  "this Bitwarden export is protected by a password: give its password",
                  "password");
  }
  PIMS_ASSIGN_OR_RETURN(KeyBytes master, MasterKey(file, password, salt));
  const KeyBytes enc_key = Expand(master, "enc");
  const KeyBytes mac_key = Expand(master, "mac");
  if (!MacMatches(check, mac_key)) {
    return Status(ErrorCode::kBadPassword, "the password does not open this Bitwarden export");
  }
  PIMS_RETURN_IF_ERROR(Decrypt(check, enc_key, "password check").status());
  if (!MacMatches(sealed, mac_key)) return Damaged("data");
  return Decrypt(sealed, enc_key, "data");
}

}  // namespace pims
