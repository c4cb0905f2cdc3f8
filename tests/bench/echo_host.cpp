// The floor for cold start: the smallest native messaging host one can write in C++. It reads
// each length-prefixed message from stdin and writes it straight back, until end of stream.
// No JSON, no vault, no libraries beyond libc: what any host pays just to exist.
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace {

bool ReadAll(int fd, char* out, size_t n) {
  while (n > 0) {
    const ssize_t got = read(fd, out, n);
    if (got <= 0) return false;
    out += got;
    n -= static_cast<size_t>(got);
  }
  return true;
}

bool WriteAll(int fd, const char* data, size_t n) {
  while (n > 0) {
    const ssize_t put = write(fd, data, n);
    if (put <= 0) return false;
    data += put;
    n -= static_cast<size_t>(put);
  }
  return true;
}

}  // namespace

int main() {
  std::vector<char> message;
  for (;;) {
    uint32_t length = 0;
    if (!ReadAll(STDIN_FILENO, reinterpret_cast<char*>(&length), sizeof length)) return 0;
    if (length > (1u << 20)) return 1;
    message.resize(sizeof length + length);
    std::memcpy(message.data(), &length, sizeof length);
    if (!ReadAll(STDIN_FILENO, message.data() + sizeof length, length)) return 1;
    if (!WriteAll(STDOUT_FILENO, message.data(), message.size())) return 1;
  }
}
