// Where secrets live in memory: a small arena of pages locked into RAM (mlock: never written to
// swap) and left out of core dumps (MADV_DONTDUMP), for the buffers of pims::Secret — passwords,
// and the shopper's decrypted profile while the vault is unlocked. Internal to libpims.
//
// Blocks come in size classes of 16 to 2048 bytes, from 64 KiB chunks made as needed (up to
// kMaxLockedBytes); each block is wiped when it is freed. A larger request, a full arena, or a
// system that refuses to lock pages (RLIMIT_MEMLOCK too low) gets ordinary heap memory instead:
// still wiped on release by WipingAllocator, only not locked. LockedMemoryState() says which.
//
// Thread-safety: safe from any thread (one mutex).
#pragma once

#include <cstddef>

namespace pims {

inline constexpr size_t kMaxLockedBytes = 1 << 20;

// n bytes for a secret. Never null (throws std::bad_alloc like operator new).
void* AllocateSecretBytes(size_t n);
// Returns memory from AllocateSecretBytes(n). REQUIRES: the caller wiped it.
void FreeSecretBytes(void* p, size_t n);

enum class LockedMemory {
  kNotYet,    // no secret has been held since the process started
  kLocked,    // secrets are in locked, undumpable pages
  kFallback,  // the system refused to lock pages: secrets are on the ordinary heap (wiped)
};
LockedMemory LockedMemoryState();

}  // namespace pims
