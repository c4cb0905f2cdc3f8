// ISO 3166-1 alpha-2 country codes with their English short names (internal to libpims; the
// public face is IsCountryCode / CountryName in pims/profile.h).
#pragma once

#include <span>
#include <string_view>

namespace pims {

struct CountryEntry {
  std::string_view code;  // "GB"
  std::string_view name;  // "United Kingdom"
};

// Every officially assigned ISO 3166-1 alpha-2 code (249) plus "XK" (Kosovo, user-assigned but
// used by shops and carriers), sorted by code.
std::span<const CountryEntry> Countries();

// The entry for an upper-case alpha-2 code, or nullptr. The pointer is to static storage.
const CountryEntry* FindCountry(std::string_view code);

}  // namespace pims
