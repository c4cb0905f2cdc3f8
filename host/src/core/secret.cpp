#include "pims/secret.h"

#include <sodium.h>

#include <cstdlib>

namespace pims {

void Wipe(void* data, size_t size) {
  if (data != nullptr && size > 0) sodium_memzero(data, size);
}

void WipeString(std::string& s) {
  Wipe(s.data(), s.capacity());
  s.clear();
}

bool Secret::operator==(const Secret& other) const {
  if (s_.size() != other.s_.size()) return false;
  return sodium_memcmp(s_.data(), other.s_.data(), s_.size()) == 0;
}

KeyBytes::KeyBytes() : p_(static_cast<uint8_t*>(sodium_malloc(kSize))) {
  if (p_ == nullptr) std::abort();  // no locked memory left: nothing safe to do
  sodium_memzero(p_, kSize);
}

KeyBytes::~KeyBytes() {
  if (p_ != nullptr) sodium_free(p_);  // wipes before freeing
}

KeyBytes& KeyBytes::operator=(KeyBytes&& other) noexcept {
  if (this != &other) {
    if (p_ != nullptr) sodium_free(p_);
    p_ = other.p_;
    other.p_ = nullptr;
  }
  return *this;
}

KeyBytes KeyBytes::Random() {
  KeyBytes key;
  randombytes_buf(key.data(), kSize);
  return key;
}

}  // namespace pims
