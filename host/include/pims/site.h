// Sites: the unit of consent. A shopper grants categories to a site, never to a page; the exact
// host where a grant was given is remembered beside it (an automatic fill on another host of the
// site needs a gesture).
//
// A site is a scheme plus a registrable domain ("eTLD+1" from the Public Suffix List), so
// https://checkout.shop.co.uk and https://www.shop.co.uk are one site, http://shop.co.uk is
// another (plain http is never trusted with what https was given), and
// https://shop.co.uk.evil.com is https://evil.com.
//
// Thread-safety: everything here is safe to call from any thread; SiteFromUrl is a pure
// function of its argument (the Public Suffix List is the one compiled into libpsl).
#pragma once

#include <compare>
#include <cstddef>
#include <string>
#include <string_view>

#include "pims/status.h"

namespace pims {

// A shopping site: scheme plus registrable domain, in lowercase ASCII (IDNs in punycode).
// Two URLs belong to the same site exactly when SiteFromUrl gives equal Sites.
struct Site {
  std::string scheme;  // "http" or "https"
  // One of:
  //  - a registrable domain: "shop.co.uk", "alice.github.io", "xn--bcher-kva.de";
  //  - a host that is itself a public suffix or a single label: "github.io", "co.uk",
  //    "localhost", "intranet";
  //  - an IPv4 literal in dotted decimal: "127.0.0.1";
  //  - an IPv6 literal in brackets, in inet_ntop's lowercase compressed form: "[::1]".
  std::string host;

  // "https://shop.co.uk". SiteFromUrl(site.ToString()) gives back an equal Site.
  std::string ToString() const;
  // True for https: the site's pages were delivered over TLS.
  bool secure() const { return scheme == "https"; }

  bool operator==(const Site&) const = default;
  // An arbitrary but stable order, so a Site can key a std::map.
  auto operator<=>(const Site&) const = default;
};

// A URL's site and its exact host: the site is what the shopper grants categories to, the host
// the one page address a grant was given on (policy.h, SitePolicy::hosts).
struct SiteAndHost {
  Site site;
  // The URL's host in lowercase ASCII (IDNs in punycode), no trailing dot, IPv6 in brackets:
  // "checkout.shop.co.uk" for https://Checkout.Shop.co.uk:8443/pay.
  std::string host;
};

// SiteFromUrl refuses longer inputs before parsing them.
inline constexpr std::size_t kMaxUrlBytes = 2048;

// Any absolute http(s) URL or origin -> its site.
//
// Accepts what a browser serializes (location.href, location.origin, tab.url), strictly:
//   scheme ":" "//" [userinfo "@"] host [":" port] [path] ["?" query] ["#" fragment]
// Scheme and host are case-insensitive. Userinfo, port, path, query and fragment are dropped;
// the userinfo is whatever precedes the LAST "@" of the authority, as in browsers, so
// "https://shop.com@evil.com/" is https://evil.com. One trailing dot on the host is removed.
// Internationalised hosts are converted with UTS #46 (non-transitional, falling back to
// transitional for symbols only the latter allows), so "www.bücher.de" is xn--bcher-kva.de.
// Hosts that end in a number must be dotted-decimal IPv4; IPv6 literals are normalised.
//
// Every failure is ErrorCode::kBadSite. The message says what is wrong in fixed words: it never
// quotes the input, so neither a password in the userinfo nor hostile bytes reach a log.
// kBadSite means one of:
//  - the URL is longer than kMaxUrlBytes;
//  - it contains a space, a control character or a NUL byte (browsers percent-encode these);
//  - it has no scheme, or a scheme other than http/https (file:, data:, about:, javascript:,
//    ftp:, blob:, chrome-extension:, moz-extension:, ... have no site);
//  - the scheme is not followed by "//" (no authority), or the authority has a backslash
//    (browsers read "\" as "/", so we refuse to guess which host was meant);
//  - the host is empty, or has a character not allowed in a hostname. Allowed are ASCII
//    letters, digits, "-", "_" (browsers resolve such names) and "."; non-ASCII letters only
//    through IDNA. Refused are "%" (browsers would percent-decode, so it could hide a name),
//    spaces, "<", ">", "*", and everything else;
//  - a label is empty ("a..b", ".a") or longer than 63 bytes, or the host is longer than 253;
//  - the host is not a valid internationalised name (bad UTF-8, bad punycode in an "xn--"
//    label, a disallowed code point, a bidi or hyphen rule broken in an IDN);
//  - the host ends in a number but is not a dotted-decimal IPv4 address ("1.2.3", "0x7f.1",
//    "010.0.0.1", "2130706433", "shop.123": browsers would read them as other addresses);
//  - an IPv6 literal that inet_pton refuses (zone ids "%25eth0" included);
//  - the port is not a decimal number up to 65535 (an empty port, "host:", is accepted).
// kInternal only if libpsl has no Public Suffix List at all (a broken build).
Result<Site> SiteFromUrl(std::string_view url);

// Loads what SiteFromUrl loads on its first call (libidn2, libpsl and its list), so that a
// shopper's first fill does not wait for the dynamic loader. Session calls it at unlock, which
// waits for Argon2id anyway. Failing to load is not reported here: SiteFromUrl reports it.
void WarmSiteFromUrl();

// SiteFromUrl, with the URL's host kept as well. Same errors.
Result<SiteAndHost> SiteAndHostFromUrl(std::string_view url);

// Whether `host` is a host as SiteAndHost spells it (what a backup or a stored row may hold):
// SiteAndHostFromUrl("https://" + host) gives back exactly that host.
bool IsCanonicalHost(std::string_view host);

}  // namespace pims
