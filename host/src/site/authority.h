// The part of URL parsing a site needs: scheme and authority, nothing else.
//
// Internal to the site module. A deliberately small, strict parser: it accepts the URLs
// browsers serialize and refuses the lenient spellings (backslashes, missing slashes, raw
// spaces) a browser would silently repair, because guessing the repair is how two parsers end
// up disagreeing on the host.
#pragma once

#include <string_view>

#include "pims/status.h"

namespace pims::site_internal {

// A URL split at its scheme. Views into the string passed to SplitScheme.
struct SchemeAndRest {
  std::string_view scheme;  // as written, e.g. "HTTPS"; syntax ALPHA *(ALPHA / DIGIT / "+-.")
  std::string_view rest;    // everything after the ":"
};

// Errors (kBadSite): a byte <= 0x20 or 0x7f anywhere in the URL, no scheme.
// Does not check the input length or the scheme's value.
Result<SchemeAndRest> SplitScheme(std::string_view url);

// The authority of a URL, as written. Views into the string passed to ParseAuthority.
struct Authority {
  std::string_view host;  // "Shop.Example.", "[::1]", "bücher.de"; never empty
  std::string_view port;  // digits only, possibly empty; "" when there is no ":"
};

// after_scheme: SchemeAndRest::rest, i.e. "//" [userinfo "@"] host [":" port] [tail], where
// the authority ends at the first "/", "?" or "#" and userinfo is everything up to its last "@".
// The host is not validated here beyond its brackets and delimiters (see SiteFromUrl).
// Errors (kBadSite): no "//", a backslash in the authority, an empty host, an unbalanced "[",
// a port that is not 0..65535. Does not allocate on success.
Result<Authority> ParseAuthority(std::string_view after_scheme);

}  // namespace pims::site_internal
