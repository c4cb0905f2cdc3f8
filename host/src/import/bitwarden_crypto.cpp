#include "import/bitwarden_crypto.h"

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "import/builder.h"

namespace pims {
namespace {

constexpr int kPbkdf2 = 0;  // Bitwarden's kdfType values
constexpr int kArgon2id = 1;
constexpr size_t kKeyBytes = 32;
constexpr size_t kIvBytes = 16;
constexpr size_t kMacBytes = 32;

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
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                          reinterpret_cast<const unsigned char*>(salt.data()),
                          static_cast<int>(salt.size()), static_cast<int>(iterations), EVP_sha256(),
                          static_cast<int>(kKeyBytes), key.data()) != 1) {
      return Status(ErrorCode::kInternal, "PBKDF2 failed");
    }
    return key;
  }
  PIMS_ASSIGN_OR_RETURN(int64_t iterations,
                        file.RequireInteger("kdfIterations", 1, kMaxArgon2Iterations));
  PIMS_ASSIGN_OR_RETURN(int64_t memory,
                        file.RequireInteger("kdfMemory", kMinArgon2MemoryMiB, kMaxArgon2MemoryMiB));
  PIMS_ASSIGN_OR_RETURN(int64_t lanes,
                        file.RequireInteger("kdfParallelism", 1, kMaxArgon2Parallelism));
  // Bitwarden salts Argon2id with the SHA-256 of the salt text.
  std::array<unsigned char, SHA256_DIGEST_LENGTH> salt_hash{};
  SHA256(reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), salt_hash.data());
  const int result =
      argon2id_hash_raw(static_cast<uint32_t>(iterations), static_cast<uint32_t>(memory * 1024),
                        static_cast<uint32_t>(lanes), password.data(), password.size(),
                        salt_hash.data(), salt_hash.size(), key.data(), kKeyBytes);
  if (result != ARGON2_OK) {
    return Status(ErrorCode::kInternal,
                  std::string("Argon2id failed: ") + argon2_error_message(result));
  }
  return key;
}

// HKDF-Expand (RFC 5869) to one block: HMAC-SHA256(prk, info || 0x01).
KeyBytes Expand(const KeyBytes& prk, std::string_view info) {
  std::string message(info);
  message += '\x01';
  KeyBytes out;
  unsigned int length = 0;
  HMAC(EVP_sha256(), prk.data(), static_cast<int>(kKeyBytes),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), out.data(), &length);
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
  std::array<unsigned char, kMacBytes> mac{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), mac_key.data(), static_cast<int>(kKeyBytes), message.data(), message.size(),
       mac.data(), &length);
  return length == kMacBytes && CRYPTO_memcmp(mac.data(), enc.mac.data(), kMacBytes) == 0;
}

// AES-256-CBC with PKCS#7 padding. REQUIRES: the MAC was checked.
Result<Secret> Decrypt(const EncString& enc, const KeyBytes& enc_key, std::string_view what) {
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                      EVP_CIPHER_CTX_free);
  if (!ctx) return Status(ErrorCode::kInternal, "out of memory");
  Secret clear = Secret::Zeroed(enc.ciphertext.size() + kIvBytes);
  auto* out = reinterpret_cast<unsigned char*>(clear.data());
  int written = 0;
  int last = 0;
  if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, enc_key.data(), enc.iv.data()) !=
          1 ||
      EVP_DecryptUpdate(ctx.get(), out, &written, enc.ciphertext.data(),
                        static_cast<int>(enc.ciphertext.size())) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), out + written, &last) != 1) {
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
