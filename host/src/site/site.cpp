#include "pims/site.h"

#include <arpa/inet.h>
#include <idn2.h>
#include <libpsl.h>

#include <array>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "core/text.h"
#include "pims/platform.h"
#include "site/authority.h"

namespace pims {
namespace {

constexpr std::size_t kMaxHostBytes = 253;   // RFC 1035, without the trailing dot
constexpr std::size_t kMaxLabelBytes = 63;   // RFC 1035
constexpr std::size_t kMaxIpv6Literal = 45;  // INET6_ADDRSTRLEN - 1: "ffff:...:255.255.255.255"

Status Bad(std::string message) { return Status(ErrorCode::kBadSite, std::move(message)); }

// libidn2 (with libunistring) and libpsl, loaded the first time a site is read: pims-host
// answers `status` and idles without them (they are a quarter of a megabyte of its memory).
struct SiteLibraries {
  decltype(&idn2_to_ascii_8z) to_ascii;
  decltype(&idn2_free) free_string;
  decltype(&psl_builtin) builtin;
  decltype(&psl_latest) latest;
  decltype(&psl_registrable_domain) registrable_domain;
};

Result<const SiteLibraries*> Libraries() {
  static const Result<SiteLibraries> loaded = []() -> Result<SiteLibraries> {
    PIMS_ASSIGN_OR_RETURN(SharedLibrary idn2, SharedLibrary::Load({"libidn2.so.0"}));
    PIMS_ASSIGN_OR_RETURN(SharedLibrary psl, SharedLibrary::Load({"libpsl.so.5"}));
    SiteLibraries f{idn2.Find<decltype(&idn2_to_ascii_8z)>("idn2_to_ascii_8z"),
                    idn2.Find<decltype(&idn2_free)>("idn2_free"),
                    psl.Find<decltype(&psl_builtin)>("psl_builtin"),
                    psl.Find<decltype(&psl_latest)>("psl_latest"),
                    psl.Find<decltype(&psl_registrable_domain)>("psl_registrable_domain")};
    if (!f.to_ascii || !f.free_string || !f.builtin || !f.latest || !f.registrable_domain) {
      return Status(ErrorCode::kInternal, "libidn2 or libpsl lacks a function pims needs");
    }
    return f;
  }();
  if (!loaded.ok()) return loaded.status();
  return &*loaded;
}

bool IsAsciiHexDigit(char c) {
  return IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// The hostname alphabet, lowercase. "_" is in: WHATWG URLs and DNS resolvers accept it and real
// hosts use it; it is ASCII, so it cannot disguise one name as another.
bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || IsAsciiDigit(c) || c == '-' || c == '_' || c == '.';
}

// The user-visible name of a scheme we refuse, taken from our own constants so that nothing
// from the input (which may be userinfo mistaken for a scheme) reaches the message.
std::string_view KnownSchemeName(std::string_view lowercase_scheme) {
  static constexpr std::array<std::string_view, 14> kKnown = {
      "file",          "data", "about", "javascript", "ftp",  "blob",        "chrome-extension",
      "moz-extension", "ws",   "wss",   "chrome",     "edge", "view-source", "mailto"};
  for (std::string_view known : kKnown) {
    if (known == lowercase_scheme) return known;
  }
  return {};
}

// UTS #46 to ASCII. Non-transitional first (what browsers do: "faß.de" stays distinct from
// "fass.de"); transitional only for code points non-transitional disallows (symbols such as
// emoji), as curl and wget do. Works for ASCII input too, where it validates "xn--" labels.
Result<std::string> ToAsciiIdn(const std::string& host) {
  PIMS_ASSIGN_OR_RETURN(const SiteLibraries* lib, Libraries());
  char* raw = nullptr;
  int rc = lib->to_ascii(host.c_str(), &raw, IDN2_NONTRANSITIONAL);
  if (rc == IDN2_DISALLOWED) {
    lib->free_string(raw);
    raw = nullptr;
    rc = lib->to_ascii(host.c_str(), &raw, IDN2_TRANSITIONAL);
  }
  std::unique_ptr<char, decltype(lib->free_string)> owned(raw, lib->free_string);
  if (rc != IDN2_OK || owned == nullptr) {
    return Bad("the URL's host is not a valid internationalised domain name");
  }
  return std::string(owned.get());
}

// Dots, labels and lengths of an ASCII lowercase host without its trailing dot.
Status CheckHostName(std::string_view host) {
  if (host.empty()) return Bad("the URL has an empty host");
  if (host.size() > kMaxHostBytes) return Bad("the URL's host is longer than 253 characters");
  std::size_t label_size = 0;
  for (char c : host) {
    if (!IsHostChar(c)) return Bad("the URL's host has a character not allowed in a hostname");
    if (c == '.') {
      if (label_size == 0)
        return Bad("the URL's host has an empty label (\"..\" or a leading dot)");
      label_size = 0;
    } else if (++label_size > kMaxLabelBytes) {
      return Bad("the URL's host has a label longer than 63 characters");
    }
  }
  if (label_size == 0) return Bad("the URL's host has an empty label (\"..\" or a leading dot)");
  return Status::Ok();
}

bool HasPunycodeLabel(std::string_view host) {
  for (std::size_t start = 0; start <= host.size();) {
    std::size_t dot = host.find('.', start);
    if (dot == std::string_view::npos) dot = host.size();
    if (host.substr(start, dot - start).starts_with("xn--")) return true;
    start = dot + 1;
  }
  return false;
}

// kBadSite unless every "xn--" label of an ASCII host decodes to a valid name (IDNA gives the
// host back unchanged).
Status CheckPunycode(const std::string& host) {
  if (!HasPunycodeLabel(host)) return Status::Ok();
  PIMS_ASSIGN_OR_RETURN(std::string checked, ToAsciiIdn(host));
  if (checked != host) return Bad("the URL's host is not a valid internationalised domain name");
  return Status::Ok();
}

// WHATWG's "ends in a number": such a host goes to the IPv4 parser, which also reads octal,
// hex and fewer than four parts. We accept only the canonical form and refuse the rest, so a
// host can never mean one address to the browser and another to us.
bool EndsInNumber(std::string_view host) {
  const std::size_t dot = host.rfind('.');
  std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  bool all_digits = true;
  for (char c : last) all_digits = all_digits && IsAsciiDigit(c);
  if (all_digits) return true;
  if (last.size() >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X')) {
    for (char c : last.substr(2)) {
      if (!IsAsciiHexDigit(c)) return false;
    }
    return true;
  }
  return false;
}

// Exactly four decimal parts 0..255, no leading zeros: the form browsers serialize.
bool IsCanonicalIpv4(std::string_view host) {
  int parts = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = host.find('.', start);
    if (dot == std::string_view::npos) dot = host.size();
    const std::string_view part = host.substr(start, dot - start);
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0')) return false;
    int value = 0;
    for (char c : part) {
      if (!IsAsciiDigit(c)) return false;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return false;
    ++parts;
    if (dot == host.size()) break;
    start = dot + 1;
  }
  return parts == 4;
}

Result<std::string> CanonicalIpv6(std::string_view bracketed) {
  // ParseAuthority guarantees "[" ... "]".
  const std::string_view inner = bracketed.substr(1, bracketed.size() - 2);
  if (inner.empty() || inner.size() > kMaxIpv6Literal) {
    return Bad("the URL's host is not a valid IPv6 address");
  }
  std::array<char, kMaxIpv6Literal + 1> text{};
  std::memcpy(text.data(), inner.data(), inner.size());
  in6_addr address{};
  if (inet_pton(AF_INET6, text.data(), &address) != 1) {
    return Bad("the URL's host is not a valid IPv6 address");
  }
  std::array<char, INET6_ADDRSTRLEN> normal{};
  if (inet_ntop(AF_INET6, &address, normal.data(), normal.size()) == nullptr) {
    return Status(ErrorCode::kInternal, "inet_ntop failed on a parsed IPv6 address");
  }
  return "[" + std::string(normal.data()) + "]";
}

const psl_ctx_t* PublicSuffixList(const SiteLibraries& lib) {
  // The list compiled into libpsl; a distribution built without one still ships the file.
  // Loaded once, kept for the life of the process.
  static const psl_ctx_t* const list = [&lib]() -> const psl_ctx_t* {
    if (const psl_ctx_t* builtin = lib.builtin(); builtin != nullptr) return builtin;
    return lib.latest(nullptr);
  }();
  return list;
}

// host: a valid lowercase ASCII domain name. The registrable domain, or the host itself when
// it is a public suffix or a bare label (libpsl's implicit "*" rule makes "example" or
// "localhost" a suffix, so "shop.example" is registrable).
Result<std::string> RegistrableDomain(const std::string& host) {
  PIMS_ASSIGN_OR_RETURN(const SiteLibraries* lib, Libraries());
  const psl_ctx_t* list = PublicSuffixList(*lib);
  if (list == nullptr) {
    return Status(ErrorCode::kInternal, "libpsl has no Public Suffix List");
  }
  const char* registrable = lib->registrable_domain(list, host.c_str());
  if (registrable == nullptr) return host;
  return std::string(registrable);  // a suffix of host.c_str()
}

// Host as written (not bracketed) -> lowercase ASCII host, checked; and its site host.
struct Hosts {
  std::string host;
  std::string site_host;
};

Result<Hosts> SiteHost(std::string_view written) {
  bool ascii = true;
  for (char c : written) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      ascii = false;
    } else if (!IsHostChar(AsciiLower(c))) {
      // Checked before IDNA too, so "%", "<", "[" and friends never reach libidn2.
      return Bad("the URL's host has a character not allowed in a hostname");
    }
  }

  std::string host;
  if (ascii) {
    host.resize(written.size());
    for (std::size_t i = 0; i < written.size(); ++i) host[i] = AsciiLower(written[i]);
  } else {
    PIMS_ASSIGN_OR_RETURN(host, ToAsciiIdn(std::string(written)));
    // UTS #46 maps some code points to ASCII we refuse ("／" to "/", NBSP to " "); the
    // check below catches them. It also lowercases, but make sure.
    for (char& c : host) c = AsciiLower(c);
  }
  if (!host.empty() && host.back() == '.') host.pop_back();
  PIMS_RETURN_IF_ERROR(CheckHostName(host));
  // A browser refuses an "xn--" label that does not decode to a valid name; so do we.
  if (ascii) PIMS_RETURN_IF_ERROR(CheckPunycode(host));

  if (EndsInNumber(host)) {
    if (!IsCanonicalIpv4(host)) {
      return Bad("the URL's host ends in a number but is not a dotted-decimal IPv4 address");
    }
    return Hosts{host, host};
  }
  PIMS_ASSIGN_OR_RETURN(std::string site_host, RegistrableDomain(host));
  // A site must read back as itself, and IDNA's checks are not closed under taking a suffix:
  // libidn2 can encode a Unicode label into an "xn--" label it refuses once the labels around
  // it (which set the name's direction) are gone. Such a host has no site.
  if (!ascii || site_host.size() != host.size()) PIMS_RETURN_IF_ERROR(CheckPunycode(site_host));
  return Hosts{std::move(host), std::move(site_host)};
}

}  // namespace

std::string Site::ToString() const { return scheme + "://" + host; }

Result<Site> SiteFromUrl(std::string_view url) {
  PIMS_ASSIGN_OR_RETURN(SiteAndHost parsed, SiteAndHostFromUrl(url));
  return std::move(parsed.site);
}

bool IsCanonicalHost(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  auto parsed = SiteAndHostFromUrl("https://" + std::string(host) + "/");
  return parsed.ok() && parsed->host == host;
}

Result<SiteAndHost> SiteAndHostFromUrl(std::string_view url) {
  if (url.size() > kMaxUrlBytes) return Bad("the URL is longer than 2048 bytes");
  PIMS_ASSIGN_OR_RETURN(const site_internal::SchemeAndRest split, site_internal::SplitScheme(url));

  // The scheme first: "data:text/html,..." should hear about its scheme, not its missing host.
  Site site;
  site.scheme.resize(split.scheme.size());
  for (std::size_t i = 0; i < split.scheme.size(); ++i) {
    site.scheme[i] = AsciiLower(split.scheme[i]);
  }
  if (site.scheme != "http" && site.scheme != "https") {
    const std::string_view known = KnownSchemeName(site.scheme);
    if (!known.empty()) {
      return Bad("only http and https URLs have a site, not " + std::string(known) + ": URLs");
    }
    return Bad("only http and https URLs have a site (the URL has another scheme)");
  }

  PIMS_ASSIGN_OR_RETURN(const site_internal::Authority authority,
                        site_internal::ParseAuthority(split.rest));
  std::string host;
  if (authority.host.front() == '[') {
    PIMS_ASSIGN_OR_RETURN(site.host, CanonicalIpv6(authority.host));
    host = site.host;
  } else {
    PIMS_ASSIGN_OR_RETURN(Hosts hosts, SiteHost(authority.host));
    site.host = std::move(hosts.site_host);
    host = std::move(hosts.host);
  }
  return SiteAndHost{std::move(site), std::move(host)};
}

void WarmSiteFromUrl() {
  (void)SiteFromUrl("https://www.b\xC3\xBC" "cher.example/");  // "bücher": IDNA runs too
}

}  // namespace pims
