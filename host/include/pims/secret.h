// Types for secret bytes: passwords, profile values, keys.
//
// Secret: a string whose every buffer (including the small-string buffer inside the object and any
// buffer left behind by growth) is wiped with sodium_memzero when released, and lives in pages
// locked into RAM and left out of core dumps where the system allows it. It has no stream
// operator and no implicit conversion, so a secret cannot reach a log by accident; reading it is
// an explicit reveal().
//
// KeyBytes: a fixed-size key in libsodium guarded memory (sodium_malloc: guard pages, mlock'd,
// never swapped, wiped and freed by sodium_free). Move-only.
//
// Thread-safety: neither type is synchronised; use one per thread or guard externally.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace pims {

// Wipes memory with sodium_memzero (cannot be optimised away).
void Wipe(void* data, size_t size);
// Wipes a std::string's whole buffer, including capacity beyond size().
void WipeString(std::string& s);

// Memory for secrets: in locked pages where the system allows (host/src/core/secure_memory.h),
// else the heap; either way wiped when released.
void* AllocateSecretBytes(size_t n);
void FreeSecretBytes(void* p, size_t n);

template <typename T>
struct WipingAllocator {
  using value_type = T;
  WipingAllocator() = default;
  template <typename U>
  WipingAllocator(const WipingAllocator<U>&) {}  // NOLINT
  T* allocate(size_t n) { return static_cast<T*>(AllocateSecretBytes(n * sizeof(T))); }
  void deallocate(T* p, size_t n) {
    Wipe(p, n * sizeof(T));
    FreeSecretBytes(p, n * sizeof(T));
  }
  template <typename U>
  bool operator==(const WipingAllocator<U>&) const {
    return true;
  }
};

class Secret {
 public:
  using String = std::basic_string<char, std::char_traits<char>, WipingAllocator<char>>;

  Secret() = default;
  explicit Secret(std::string_view clear) : s_(clear.data(), clear.size()) {}
  Secret(const Secret&) = default;
  Secret& operator=(const Secret&) = default;
  Secret(Secret&& other) noexcept : s_(std::move(other.s_)) { other.clear(); }
  Secret& operator=(Secret&& other) noexcept {
    if (this != &other) {
      clear();
      s_ = std::move(other.s_);
      other.clear();
    }
    return *this;
  }
  ~Secret() { clear(); }

  // n zero bytes, to be written through data() (e.g. by a decryption).
  static Secret Zeroed(size_t n) {
    Secret s;
    s.s_.assign(n, '\0');
    return s;
  }
  char* data() { return s_.data(); }

  // The clear bytes. The view lives as long as this Secret is unchanged.
  std::string_view reveal() const { return {s_.data(), s_.size()}; }
  bool empty() const { return s_.empty(); }
  size_t size() const { return s_.size(); }
  void clear() {
    Wipe(s_.data(), s_.capacity());
    s_.clear();
  }
  void append(std::string_view more) { s_.append(more.data(), more.size()); }
  bool operator==(const Secret& other) const;  // constant time in the length

 private:
  String s_;
};

class KeyBytes {
 public:
  static constexpr size_t kSize = 32;

  // A key of kSize zero bytes in guarded memory. Aborts (libsodium's policy) only if the
  // allocation itself fails, which means the process is out of locked memory.
  KeyBytes();
  ~KeyBytes();
  KeyBytes(KeyBytes&& other) noexcept : p_(other.p_) { other.p_ = nullptr; }
  KeyBytes& operator=(KeyBytes&& other) noexcept;
  KeyBytes(const KeyBytes&) = delete;
  KeyBytes& operator=(const KeyBytes&) = delete;

  // A fresh random key.
  static KeyBytes Random();

  uint8_t* data() { return p_; }
  const uint8_t* data() const { return p_; }
  std::span<const uint8_t, kSize> span() const {
    return std::span<const uint8_t, kSize>(p_, kSize);
  }

 private:
  uint8_t* p_;
};

}  // namespace pims
