// URL -> site. A site that parses must print back to itself (the vault re-parses stored sites).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pims/site.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view url(reinterpret_cast<const char*>(data), size);
  auto site = pims::SiteFromUrl(url);
  if (site.ok()) {
    auto again = pims::SiteFromUrl(site->ToString());
    if (!again.ok() || !(*again == *site)) std::abort();
  } else if (site.status().message().empty()) {
    std::abort();
  }
  return 0;
}
