// PIMS_UNDER_ASAN: 1 when this translation unit is built with AddressSanitizer, by GCC (which
// defines __SANITIZE_ADDRESS__) or clang (which, before version 15, only answers __has_feature).
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define PIMS_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PIMS_UNDER_ASAN 1
#endif
#endif
#ifndef PIMS_UNDER_ASAN
#define PIMS_UNDER_ASAN 0
#endif
