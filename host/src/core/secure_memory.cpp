#include "core/secure_memory.h"

#include <sys/mman.h>

#include <array>
#include <cstdint>
#include <mutex>
#include <new>
#include <vector>

namespace pims {
namespace {

constexpr size_t kChunkBytes = 64 * 1024;
constexpr std::array<size_t, 8> kClasses = {16, 32, 64, 128, 256, 512, 1024, 2048};

struct FreeBlock {
  FreeBlock* next;
};

class Arena {
 public:
  void* Allocate(size_t n) {
    const int c = ClassOf(n);
    if (c < 0) return nullptr;
    std::lock_guard<std::mutex> lock(mutex_);
    if (FreeBlock* block = free_[c]) {
      free_[c] = block->next;
      return block;
    }
    const size_t size = kClasses[static_cast<size_t>(c)];
    if (chunks_.empty() || used_ + size > kChunkBytes) {
      if (!NewChunk()) return nullptr;
    }
    void* block = static_cast<char*>(chunks_.back()) + used_;
    used_ += size;
    return block;
  }

  // False when p is not the arena's.
  bool Free(void* p, size_t n) {
    const int c = ClassOf(n);
    if (c < 0) return false;
    std::lock_guard<std::mutex> lock(mutex_);
    if (!Owns(p)) return false;
    auto* block = static_cast<FreeBlock*>(p);
    block->next = free_[c];
    free_[c] = block;
    return true;
  }

  LockedMemory State() {
    std::lock_guard<std::mutex> lock(mutex_);
    return state_;
  }

 private:
  static int ClassOf(size_t n) {
    for (size_t i = 0; i < kClasses.size(); ++i) {
      if (n <= kClasses[i]) return static_cast<int>(i);
    }
    return -1;
  }

  bool Owns(const void* p) const {
    const auto address = reinterpret_cast<uintptr_t>(p);
    for (void* chunk : chunks_) {
      const auto start = reinterpret_cast<uintptr_t>(chunk);
      if (address >= start && address < start + kChunkBytes) return true;
    }
    return false;
  }

  // REQUIRES: mutex_ held.
  bool NewChunk() {
    if (state_ == LockedMemory::kFallback || (chunks_.size() + 1) * kChunkBytes > kMaxLockedBytes) {
      return false;
    }
    void* chunk = mmap(nullptr, kChunkBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                       -1, 0);
    if (chunk == MAP_FAILED) return false;
#ifdef MADV_DONTDUMP
    madvise(chunk, kChunkBytes, MADV_DONTDUMP);
#endif
    if (mlock(chunk, kChunkBytes) != 0) {
      munmap(chunk, kChunkBytes);
      state_ = LockedMemory::kFallback;  // quietly: the heap, wiped on release, will do
      return false;
    }
    chunks_.push_back(chunk);
    used_ = 0;
    state_ = LockedMemory::kLocked;
    return true;
  }

  std::mutex mutex_;
  std::vector<void*> chunks_;
  size_t used_ = 0;  // bytes handed out of the newest chunk
  std::array<FreeBlock*, kClasses.size()> free_{};
  LockedMemory state_ = LockedMemory::kNotYet;
};

Arena& TheArena() {
  static Arena* arena = new Arena;  // never destroyed: secrets may be freed during exit
  return *arena;
}

}  // namespace

void* AllocateSecretBytes(size_t n) {
  if (void* p = TheArena().Allocate(n)) return p;
  return ::operator new(n);
}

void FreeSecretBytes(void* p, size_t n) {
  if (p == nullptr) return;
  if (!TheArena().Free(p, n)) ::operator delete(p);
}

LockedMemory LockedMemoryState() { return TheArena().State(); }

}  // namespace pims
