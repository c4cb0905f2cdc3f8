// Where secrets live: locked, undumpable pages where the system allows (core/secure_memory.h).
#include "core/secure_memory.h"

#include <sys/mman.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <string>

#include "core/sanitizers.h"
#include "pims/secret.h"

namespace pims {
namespace {

// The flags of the mapping holding p, from /proc/self/smaps ("VmFlags: ... lo ... dd ...").
std::string VmFlagsOf(const void* p) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  const auto address = reinterpret_cast<uintptr_t>(p);
  bool inside = false;
  while (std::getline(smaps, line)) {
    unsigned long start = 0, end = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &start, &end) == 2) {
      inside = address >= start && address < end;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return "";
}

}  // namespace

TEST_CASE("a secret's bytes live in locked pages left out of core dumps, when the system allows") {
  Secret secret("correct horse battery staple");
  secret.append(std::string(40, 'x'));  // outgrow the string's own small buffer
  const LockedMemory state = LockedMemoryState();
  REQUIRE(state != LockedMemory::kNotYet);
  if (state != LockedMemory::kLocked) return;
  const std::string flags = VmFlagsOf(secret.reveal().data());
  CHECK(flags.find(" dd") != std::string::npos);  // not dumped
  if (PIMS_UNDER_ASAN) {
    // AddressSanitizer intercepts mlock and makes it a no-op that reports success.
    WARN("under AddressSanitizer mlock does nothing; the lock is checked in the normal build");
  } else {
    CHECK(flags.find(" lo") != std::string::npos);  // mlocked
  }
}

TEST_CASE("freed secret blocks are reused, and large ones still work") {
  void* a = AllocateSecretBytes(24);
  std::memset(a, 0, 24);
  FreeSecretBytes(a, 24);
  void* b = AllocateSecretBytes(20);  // the same size class
  if (LockedMemoryState() == LockedMemory::kLocked) CHECK(a == b);
  FreeSecretBytes(b, 20);
  void* big = AllocateSecretBytes(1 << 20);  // beyond every class: the heap
  std::memset(big, 1, 1 << 20);
  FreeSecretBytes(big, 1 << 20);
}

}  // namespace pims
