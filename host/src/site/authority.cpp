#include "site/authority.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "core/text.h"

namespace pims::site_internal {
namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSchemeChar(char c) {
  return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '+' || c == '-' || c == '.';
}

Status Bad(std::string message) { return Status(ErrorCode::kBadSite, std::move(message)); }

// RFC 3986 port = *DIGIT, bounded by the 16-bit range TCP and browsers use.
bool IsValidPort(std::string_view port) {
  if (port.size() > 5) return false;
  unsigned value = 0;
  for (char c : port) {
    if (!IsAsciiDigit(c)) return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value <= 65535;
}

}  // namespace

Result<SchemeAndRest> SplitScheme(std::string_view url) {
  // Browsers percent-encode these everywhere in a serialized URL; a raw one means the input
  // was typed, mangled or crafted (a NUL would also truncate the host for C libraries).
  for (char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) {
      return Bad("the URL contains a space, a control character or a NUL byte");
    }
  }

  std::size_t colon = 0;
  if (url.empty() || !IsAsciiAlpha(url[0])) {
    return Bad("the URL has no scheme (expected it to start with https:// or http://)");
  }
  while (colon < url.size() && IsSchemeChar(url[colon])) ++colon;
  if (colon == url.size() || url[colon] != ':') {
    return Bad("the URL has no scheme (expected it to start with https:// or http://)");
  }
  return SchemeAndRest{url.substr(0, colon), url.substr(colon + 1)};
}

Result<Authority> ParseAuthority(std::string_view after_scheme) {
  std::string_view rest = after_scheme;
  if (rest.size() < 2 || rest[0] != '/' || rest[1] != '/') {
    if (rest.size() >= 1 && (rest[0] == '\\' || (rest.size() >= 2 && rest[1] == '\\'))) {
      return Bad("the URL has a backslash where \"//\" should follow the scheme");
    }
    return Bad("the URL has no host (expected \"//\" after the scheme)");
  }
  rest.remove_prefix(2);

  const std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (authority.find('\\') != std::string_view::npos) {
    return Bad("the URL has a backslash in its host part");
  }
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);  // drop userinfo; it is never looked at again
  }

  Authority out;
  std::string_view host_port = authority;
  std::size_t host_end = 0;
  if (!host_port.empty() && host_port[0] == '[') {
    const std::size_t close = host_port.find(']');
    if (close == std::string_view::npos) {
      return Bad("the URL's IPv6 host has no closing \"]\"");
    }
    host_end = close + 1;
    if (host_end < host_port.size() && host_port[host_end] != ':') {
      return Bad("the URL has characters after its IPv6 host");
    }
  } else {
    host_end = host_port.find(':');
    if (host_end == std::string_view::npos) host_end = host_port.size();
  }
  out.host = host_port.substr(0, host_end);
  if (out.host.empty()) return Bad("the URL has an empty host");

  if (host_end < host_port.size()) {  // host_port[host_end] == ':'
    out.port = host_port.substr(host_end + 1);
    if (!IsValidPort(out.port)) {
      return Bad("the URL's port is not a number from 0 to 65535");
    }
  }
  return out;
}

}  // namespace pims::site_internal
