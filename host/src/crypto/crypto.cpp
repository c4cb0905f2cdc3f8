#include "crypto/crypto.h"

#include <sodium.h>

#include <cstring>
#include <nlohmann/json.hpp>

#include "pims/json_fields.h"

namespace pims::crypto {

static_assert(kNonceBytes == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(kTagBytes == crypto_aead_xchacha20poly1305_ietf_ABYTES);
static_assert(KeyBytes::kSize == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(kSaltBytes == crypto_pwhash_SALTBYTES);

Status Init() {
  if (sodium_init() < 0) return Status(ErrorCode::kInternal, "libsodium failed to initialise");
  return Status::Ok();
}

KdfParams KdfParams::Default() {
  KdfParams p;
  randombytes_buf(p.salt.data(), p.salt.size());
  return p;
}

KdfParams KdfParams::Minimum() {
  KdfParams p = Default();
  p.opslimit = crypto_pwhash_OPSLIMIT_MIN;
  p.memlimit = crypto_pwhash_MEMLIMIT_MIN;
  return p;
}

Status KdfParams::Check() const {
  // Upper bounds keep a tampered vault from making unlock take hours or all memory.
  constexpr uint64_t kMaxOps = 64;
  constexpr uint64_t kMaxMem = 4ull << 30;
  if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > kMaxOps ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > kMaxMem) {
    return Status(ErrorCode::kVaultCorrupt,
                  "the vault's password hashing parameters are out of range");
  }
  return Status::Ok();
}

std::string KdfParams::ToJson() const {
  std::string_view salt_bytes(reinterpret_cast<const char*>(salt.data()), salt.size());
  return nlohmann::json{{"alg", "argon2id13"},
                        {"opslimit", opslimit},
                        {"memlimit", memlimit},
                        {"salt", ToHex(salt_bytes)}}
      .dump();
}

Result<KdfParams> KdfParams::FromJson(std::string_view text) {
  constexpr std::string_view kWhat = "a password hashing record";
  PIMS_ASSIGN_OR_RETURN(nlohmann::json record, ParseStoredRecord(text, kWhat));
  const JsonFields fields = JsonFields::OfRecord(record, std::string(kWhat));
  PIMS_ASSIGN_OR_RETURN(std::string alg, fields.RequireString("alg"));
  if (alg != "argon2id13") return fields.Error("alg", "must be argon2id13");
  KdfParams p;
  PIMS_ASSIGN_OR_RETURN(int64_t opslimit, fields.RequireInteger("opslimit", 0, INT64_MAX));
  PIMS_ASSIGN_OR_RETURN(int64_t memlimit, fields.RequireInteger("memlimit", 0, INT64_MAX));
  PIMS_ASSIGN_OR_RETURN(std::string hex, fields.RequireString("salt"));
  p.opslimit = static_cast<uint64_t>(opslimit);
  p.memlimit = static_cast<uint64_t>(memlimit);
  size_t bin_len = 0;
  if (sodium_hex2bin(p.salt.data(), p.salt.size(), hex.data(), hex.size(), nullptr, &bin_len,
                     nullptr) != 0 ||
      bin_len != p.salt.size()) {
    return fields.Error("salt", "must be 16 bytes in hex");
  }
  PIMS_RETURN_IF_ERROR(p.Check());
  return p;
}

Result<KeyBytes> DeriveKey(std::string_view password, const KdfParams& params) {
  PIMS_RETURN_IF_ERROR(params.Check());
  KeyBytes key;
  if (crypto_pwhash(key.data(), KeyBytes::kSize, password.data(), password.size(),
                    params.salt.data(), params.opslimit, static_cast<size_t>(params.memlimit),
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status(ErrorCode::kInternal, "not enough memory to derive the vault key");
  }
  return key;
}

std::string Seal(const KeyBytes& key, std::string_view plaintext, std::string_view ad) {
  std::string out(kNonceBytes + plaintext.size() + kTagBytes, '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + kNonceBytes, &written, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
      nonce, key.data());
  return out;
}

Result<Secret> Open(const KeyBytes& key, std::string_view sealed, std::string_view ad) {
  if (sealed.size() < kNonceBytes + kTagBytes) {
    return Status(ErrorCode::kVaultCorrupt, "a sealed value is truncated");
  }
  const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
  const size_t clear_size = sealed.size() - kNonceBytes - kTagBytes;
  // Decrypt straight into the Secret's own (wiping) buffer.
  Secret clear = Secret::Zeroed(clear_size);
  auto* out = reinterpret_cast<unsigned char*>(clear.data());
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          out, &written, nullptr, nonce + kNonceBytes, sealed.size() - kNonceBytes,
          reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nonce, key.data()) != 0) {
    return Status(ErrorCode::kVaultCorrupt, "a sealed value failed its integrity check");
  }
  return clear;
}

Hash KeyedHash(const KeyBytes& key, std::string_view data) {
  Hash out;
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), key.data(), KeyBytes::kSize);
  return out;
}

Hash KeyedHashParts(const KeyBytes& key, std::initializer_list<std::string_view> parts) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, key.data(), KeyBytes::kSize, kHashBytes);
  for (std::string_view part : parts) {
    unsigned char len[8];
    uint64_t n = part.size();
    for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
    crypto_generichash_update(&state, len, sizeof len);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                              part.size());
  }
  Hash out;
  crypto_generichash_final(&state, out.data(), out.size());
  return out;
}

KeyBytes DeriveSubkey(const KeyBytes& master, uint64_t id, const char (&context)[9]) {
  static_assert(crypto_kdf_CONTEXTBYTES == 8);
  KeyBytes sub;
  crypto_kdf_derive_from_key(sub.data(), KeyBytes::kSize, id, context, master.data());
  return sub;
}

std::string_view AsBytes(const Hash& hash) {
  return {reinterpret_cast<const char*>(hash.data()), hash.size()};
}

std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

}  // namespace pims::crypto
