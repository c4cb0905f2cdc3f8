// Every block the program frees through operator delete is wiped first.
//
// Secret and WipingAllocator (pims/secret.h) keep the values pims itself handles in wiped,
// locked memory, and the protocol wipes the request and reply strings it owns. But libraries
// keep copies of their own that pims cannot reach: nlohmann's lexer accumulates each token
// (a password, a card number in profile.put) in buffers that grow by reallocation and are freed
// with the parser; a reply's text grows the same way while it is serialised; simdjson's and
// the standard library's containers do likewise. Replacing the global operator delete reaches
// all of them: a freed block holds zeros, not the last request. (KeePassXC does the same.)
//
// Linked into the programs that handle secrets (pims-host, pims) and the unit tests, not into
// the library: replacing operator delete is a program's decision. Not under AddressSanitizer,
// which brings its own operator delete to find use-after-free and mismatched frees; not on
// Windows, where the aligned forms of operator new need _aligned_free rather than free.
//
// Costs a memset of each freed block: about 3% of a warm fill (docs/benchmarks.md).
#include "core/sanitizers.h"

#if (defined(__linux__) || defined(__APPLE__)) && !PIMS_UNDER_ASAN

#include <cstdlib>
#include <new>

#if defined(__APPLE__)
#include <malloc/malloc.h>  // malloc_size
#else
#include <malloc.h>  // malloc_usable_size (glibc, musl)
#endif

#include "pims/secret.h"

namespace {

// The size of the block at p as the allocator sees it (at least what was asked).
std::size_t BlockSize(void* p) {
#if defined(__APPLE__)
  return malloc_size(p);
#else
  return malloc_usable_size(p);
#endif
}

void WipeAndFree(void* p, std::size_t n) noexcept {
  if (p == nullptr) return;
  pims::Wipe(p, n);
  std::free(p);
}

void WipeAndFree(void* p) noexcept {
  if (p != nullptr) WipeAndFree(p, BlockSize(p));
}

}  // namespace

// libstdc++'s and libc++'s operator new allocate with malloc (aligned_alloc or posix_memalign
// for the aligned forms), so free
// is the matching release for every form below.
void operator delete(void* p) noexcept { WipeAndFree(p); }
void operator delete[](void* p) noexcept { WipeAndFree(p); }
void operator delete(void* p, std::size_t n) noexcept { WipeAndFree(p, n); }
void operator delete[](void* p, std::size_t n) noexcept { WipeAndFree(p, n); }
void operator delete(void* p, const std::nothrow_t&) noexcept { WipeAndFree(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { WipeAndFree(p); }
void operator delete(void* p, std::align_val_t) noexcept { WipeAndFree(p); }
void operator delete[](void* p, std::align_val_t) noexcept { WipeAndFree(p); }
void operator delete(void* p, std::size_t n, std::align_val_t) noexcept { WipeAndFree(p, n); }
void operator delete[](void* p, std::size_t n, std::align_val_t) noexcept { WipeAndFree(p, n); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { WipeAndFree(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  WipeAndFree(p);
}

#endif
