// How shops spell countries, regions and months in their selects: ISO codes, numeric codes and
// names in English, German, French, Spanish, Italian, Dutch and Portuguese. One table per concept
// (country_names.inc generated from Debian's iso-codes; regions and months in place_names.cpp),
// shared by the classifier (is this select a country list?) and the fill path (which option is
// the shopper's country?). Internal to libpims.
//
// Every function takes text folded by FoldText ("Côte d'Ivoire" -> "cote d ivoire").
// Lookups are built once, on first use. Thread-safety: pure functions.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pims {

// The ISO 3166-1 alpha-2 code (upper case) of a folded country name or code in any of the
// languages: "deutschland", "allemagne", "de", "deu", "276", "united states of america".
// nullopt for anything else.
std::optional<std::string_view> CountryCodeOf(std::string_view folded);

// Every folded spelling of a country: its codes (alpha-2, alpha-3, numeric) and names.
// Empty for an unknown code.
std::span<const std::string> CountrySpellings(std::string_view alpha2);

// 1..12 for a folded month: "7", "07", "july", "jul", "juli", "juillet", "julio", "luglio",
// "julho", and abbreviations ("sept", "okt", "mrz", "dic"); 0 for anything else.
int MonthOf(std::string_view folded);

// The folded month names and abbreviations of month 1..12 in every language (empty otherwise).
std::span<const std::string> MonthSpellings(int month);

// For a region of the United States, Canada or Australia: its postal code and folded names
// ("ca" or "california" -> {"CA", "california"}), in the country given (alpha-2, upper case);
// nullopt when `folded` names none of that country's regions.
struct Region {
  std::string_view code;  // "CA"
  std::string_view name;  // "California"
};
std::optional<Region> RegionOf(std::string_view country, std::string_view folded);

// The regions of the United States, Canada or Australia (alpha-2, upper case) in the table's
// order, as a region select offers them; empty for every other country.
std::vector<Region> RegionsOf(std::string_view country);

// True when `folded` is the code or name of a US state, Canadian province or Australian state
// (any of the three countries): the classifier's test for a list of regions.
bool IsKnownRegion(std::string_view folded);

// All three tests in one lookup, for reading long option lists quickly.
enum PlaceKind : unsigned { kPlaceCountry = 1, kPlaceRegion = 2, kPlaceMonth = 4 };
unsigned PlaceKindsOf(std::string_view folded);

}  // namespace pims
