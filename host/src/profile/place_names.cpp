#include "profile/place_names.h"

#include <array>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"

namespace pims {
namespace {

struct CountryRow {
  std::string_view alpha2;
  std::string_view alpha3;
  std::string_view numeric;
  std::string_view names;  // separated by '|'
};

constexpr CountryRow kCountryRows[] = {
#include "profile/country_names.inc"
};

struct CountryIndex {
  std::unordered_map<std::string, std::string_view> code_of;       // folded spelling -> alpha-2
  std::map<std::string_view, std::vector<std::string>> spellings;  // alpha-2 -> folded spellings
};

const CountryIndex& Countries() {
  static const CountryIndex index = [] {
    CountryIndex ix;
    for (const CountryRow& row : kCountryRows) {
      std::vector<std::string>& all = ix.spellings[row.alpha2];
      auto add = [&](std::string_view text) {
        std::string folded = FoldText(text);
        if (folded.empty()) return;
        ix.code_of.emplace(folded, row.alpha2);
        for (const std::string& s : all) {
          if (s == folded) return;
        }
        all.push_back(std::move(folded));
      };
      add(row.alpha2);
      add(row.alpha3);
      add(row.numeric);
      std::string_view names = row.names;
      while (!names.empty()) {
        const size_t bar = names.find('|');
        add(names.substr(0, bar));
        if (bar == std::string_view::npos) break;
        names.remove_prefix(bar + 1);
      }
    }
    return ix;
  }();
  return index;
}

// Month names: en, de, fr, es, it, nl, pt, with the usual abbreviations.
constexpr std::array<std::string_view, 12> kMonthNames = {
    "january|jan|januar|janner|janvier|janv|enero|ene|gennaio|gen|januari|janeiro",
    "february|feb|februar|feber|fevrier|fevr|fev|febrero|febbraio|februari|fevereiro",
    "march|mar|marz|mrz|mars|marzo|maart|mrt|marco",
    "april|apr|avril|avr|abril|abr|aprile",
    "may|mai|mayo|maggio|mag|mei|maio",
    "june|jun|juni|juin|junio|giugno|giu|junho",
    "july|jul|juli|juillet|juil|julio|luglio|lug|julho",
    "august|aug|aout|agosto|ago|augustus",
    "september|sep|sept|septembre|septiembre|set|settembre|setembro",
    "october|oct|oktober|okt|octobre|octubre|ottobre|ott|outubro|out",
    "november|nov|novembre|noviembre|novembro",
    "december|dec|dezember|dez|decembre|diciembre|dic|dicembre|dezembro",
};

struct MonthIndex {
  std::unordered_map<std::string, int> month_of;
  std::array<std::vector<std::string>, 12> spellings;
};

const MonthIndex& Months() {
  static const MonthIndex index = [] {
    MonthIndex ix;
    for (int m = 1; m <= 12; ++m) {
      auto add = [&](std::string text) {
        ix.month_of.emplace(text, m);
        ix.spellings[m - 1].push_back(std::move(text));
      };
      add(std::to_string(m));
      if (m < 10) add("0" + std::to_string(m));
      std::string_view names = kMonthNames[m - 1];
      while (!names.empty()) {
        const size_t bar = names.find('|');
        add(std::string(names.substr(0, bar)));
        if (bar == std::string_view::npos) break;
        names.remove_prefix(bar + 1);
      }
    }
    return ix;
  }();
  return index;
}

struct RegionRow {
  std::string_view country;
  std::string_view code;
  std::string_view name;
};

constexpr RegionRow kRegions[] = {
    {"US", "AL", "Alabama"},
    {"US", "AK", "Alaska"},
    {"US", "AZ", "Arizona"},
    {"US", "AR", "Arkansas"},
    {"US", "CA", "California"},
    {"US", "CO", "Colorado"},
    {"US", "CT", "Connecticut"},
    {"US", "DE", "Delaware"},
    {"US", "DC", "District of Columbia"},
    {"US", "FL", "Florida"},
    {"US", "GA", "Georgia"},
    {"US", "HI", "Hawaii"},
    {"US", "ID", "Idaho"},
    {"US", "IL", "Illinois"},
    {"US", "IN", "Indiana"},
    {"US", "IA", "Iowa"},
    {"US", "KS", "Kansas"},
    {"US", "KY", "Kentucky"},
    {"US", "LA", "Louisiana"},
    {"US", "ME", "Maine"},
    {"US", "MD", "Maryland"},
    {"US", "MA", "Massachusetts"},
    {"US", "MI", "Michigan"},
    {"US", "MN", "Minnesota"},
    {"US", "MS", "Mississippi"},
    {"US", "MO", "Missouri"},
    {"US", "MT", "Montana"},
    {"US", "NE", "Nebraska"},
    {"US", "NV", "Nevada"},
    {"US", "NH", "New Hampshire"},
    {"US", "NJ", "New Jersey"},
    {"US", "NM", "New Mexico"},
    {"US", "NY", "New York"},
    {"US", "NC", "North Carolina"},
    {"US", "ND", "North Dakota"},
    {"US", "OH", "Ohio"},
    {"US", "OK", "Oklahoma"},
    {"US", "OR", "Oregon"},
    {"US", "PA", "Pennsylvania"},
    {"US", "RI", "Rhode Island"},
    {"US", "SC", "South Carolina"},
    {"US", "SD", "South Dakota"},
    {"US", "TN", "Tennessee"},
    {"US", "TX", "Texas"},
    {"US", "UT", "Utah"},
    {"US", "VT", "Vermont"},
    {"US", "VA", "Virginia"},
    {"US", "WA", "Washington"},
    {"US", "WV", "West Virginia"},
    {"US", "WI", "Wisconsin"},
    {"US", "WY", "Wyoming"},
    {"US", "AS", "American Samoa"},
    {"US", "GU", "Guam"},
    {"US", "MP", "Northern Mariana Islands"},
    {"US", "PR", "Puerto Rico"},
    {"US", "VI", "Virgin Islands"},
    {"US", "AA", "Armed Forces Americas"},
    {"US", "AE", "Armed Forces Europe"},
    {"US", "AP", "Armed Forces Pacific"},
    {"CA", "AB", "Alberta"},
    {"CA", "BC", "British Columbia"},
    {"CA", "MB", "Manitoba"},
    {"CA", "NB", "New Brunswick"},
    {"CA", "NL", "Newfoundland and Labrador"},
    {"CA", "NS", "Nova Scotia"},
    {"CA", "NT", "Northwest Territories"},
    {"CA", "NU", "Nunavut"},
    {"CA", "ON", "Ontario"},
    {"CA", "PE", "Prince Edward Island"},
    {"CA", "QC", "Quebec"},
    {"CA", "SK", "Saskatchewan"},
    {"CA", "YT", "Yukon"},
    {"AU", "ACT", "Australian Capital Territory"},
    {"AU", "NSW", "New South Wales"},
    {"AU", "NT", "Northern Territory"},
    {"AU", "QLD", "Queensland"},
    {"AU", "SA", "South Australia"},
    {"AU", "TAS", "Tasmania"},
    {"AU", "VIC", "Victoria"},
    {"AU", "WA", "Western Australia"},
};

struct RegionIndex {
  // "US|ca" and "US|california" -> row
  std::unordered_map<std::string, const RegionRow*> by_key;
  std::unordered_map<std::string, bool> any;
};

const RegionIndex& Regions() {
  static const RegionIndex index = [] {
    RegionIndex ix;
    for (const RegionRow& row : kRegions) {
      for (std::string_view text : {row.code, row.name}) {
        const std::string folded = FoldText(text);
        ix.by_key.emplace(std::string(row.country) + "|" + folded, &row);
        ix.any.emplace(folded, true);
      }
    }
    return ix;
  }();
  return index;
}

// Heterogeneous lookup: a std::string_view finds a std::string key without a copy.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

const std::unordered_map<std::string, unsigned, TextHash, std::equal_to<>>& Kinds() {
  static const auto index = [] {
    std::unordered_map<std::string, unsigned, TextHash, std::equal_to<>> kinds;
    for (const auto& [text, code] : Countries().code_of) kinds[text] |= kPlaceCountry;
    for (const auto& [text, any] : Regions().any) kinds[text] |= kPlaceRegion;
    for (const auto& [text, month] : Months().month_of) kinds[text] |= kPlaceMonth;
    return kinds;
  }();
  return index;
}

}  // namespace

std::vector<Region> RegionsOf(std::string_view country) {
  std::vector<Region> regions;
  for (const RegionRow& row : kRegions) {
    if (row.country == country) regions.push_back({row.code, row.name});
  }
  return regions;
}

unsigned PlaceKindsOf(std::string_view folded) {
  const auto& kinds = Kinds();
  const auto it = kinds.find(folded);
  return it == kinds.end() ? 0 : it->second;
}

std::optional<std::string_view> CountryCodeOf(std::string_view folded) {
  const auto& ix = Countries();
  const auto it = ix.code_of.find(std::string(folded));
  if (it == ix.code_of.end()) return std::nullopt;
  return it->second;
}

std::span<const std::string> CountrySpellings(std::string_view alpha2) {
  const auto& ix = Countries();
  const auto it = ix.spellings.find(alpha2);
  if (it == ix.spellings.end()) return {};
  return it->second;
}

int MonthOf(std::string_view folded) {
  const auto& ix = Months();
  const auto it = ix.month_of.find(std::string(folded));
  return it == ix.month_of.end() ? 0 : it->second;
}

std::span<const std::string> MonthSpellings(int month) {
  if (month < 1 || month > 12) return {};
  return Months().spellings[month - 1];
}

std::optional<Region> RegionOf(std::string_view country, std::string_view folded) {
  const auto& ix = Regions();
  const auto it = ix.by_key.find(std::string(country) + "|" + std::string(folded));
  if (it == ix.by_key.end()) return std::nullopt;
  return Region{it->second->code, it->second->name};
}

bool IsKnownRegion(std::string_view folded) { return Regions().any.contains(std::string(folded)); }

}  // namespace pims
