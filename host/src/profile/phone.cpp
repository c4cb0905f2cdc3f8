#include "profile/phone.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

#include "core/text.h"

namespace pims {
namespace {

// ITU-T E.164 assigned country calling codes (including the global services 800, 808, 870,
// 878, 881, 882, 883, 888, 979, 991), sorted as strings for binary search.
constexpr std::string_view kCallingCodes[] = {
    "1",   "20",  "211", "212", "213", "216", "218", "220", "221", "222", "223", "224", "225",
    "226", "227", "228", "229", "230", "231", "232", "233", "234", "235", "236", "237", "238",
    "239", "240", "241", "242", "243", "244", "245", "246", "247", "248", "249", "250", "251",
    "252", "253", "254", "255", "256", "257", "258", "260", "261", "262", "263", "264", "265",
    "266", "267", "268", "269", "27",  "290", "291", "297", "298", "299", "30",  "31",  "32",
    "33",  "34",  "350", "351", "352", "353", "354", "355", "356", "357", "358", "359", "36",
    "370", "371", "372", "373", "374", "375", "376", "377", "378", "379", "380", "381", "382",
    "383", "385", "386", "387", "388", "389", "39",  "40",  "41",  "420", "421", "423", "43",
    "44",  "45",  "46",  "47",  "48",  "49",  "500", "501", "502", "503", "504", "505", "506",
    "507", "508", "509", "51",  "52",  "53",  "54",  "55",  "56",  "57",  "58",  "590", "591",
    "592", "593", "594", "595", "596", "597", "598", "599", "60",  "61",  "62",  "63",  "64",
    "65",  "66",  "670", "672", "673", "674", "675", "676", "677", "678", "679", "680", "681",
    "682", "683", "685", "686", "687", "688", "689", "690", "691", "692", "7",   "800", "808",
    "81",  "82",  "84",  "850", "852", "853", "855", "856", "86",  "870", "878", "880", "881",
    "882", "883", "886", "888", "90",  "91",  "92",  "93",  "94",  "95",  "960", "961", "962",
    "963", "964", "965", "966", "967", "968", "970", "971", "972", "973", "974", "975", "976",
    "977", "979", "98",  "991", "992", "993", "994", "995", "996", "998",
};

// Calling codes whose whole numbering area dials a trunk prefix "0" before the national number
// (so a national number prints as "020 7946 0000" at home). Sorted as strings.
constexpr std::string_view kTrunkZero[] = {
    "20",  "234", "254", "27",  "31", "32", "33",  "353", "358", "359", "380",
    "381", "385", "386", "387", "40", "41", "421", "43",  "44",  "46",  "49",
    "54",  "60",  "61",  "62",  "63", "64", "66",  "81",  "82",  "84",  "86",
    "880", "886", "90",  "91",  "92", "94", "966", "971", "972", "98",
};

// Country -> calling code, sorted by country (CallingCodeOf).
constexpr std::pair<std::string_view, std::string_view> kCountryCodes[] = {
    {"AR", "54"},  {"AT", "43"},  {"AU", "61"},  {"BE", "32"},  {"BG", "359"}, {"BR", "55"},
    {"CA", "1"},   {"CH", "41"},  {"CL", "56"},  {"CN", "86"},  {"CO", "57"},  {"CY", "357"},
    {"CZ", "420"}, {"DE", "49"},  {"DK", "45"},  {"EE", "372"}, {"ES", "34"},  {"FI", "358"},
    {"FR", "33"},  {"GB", "44"},  {"GR", "30"},  {"HK", "852"}, {"HR", "385"}, {"HU", "36"},
    {"IE", "353"}, {"IL", "972"}, {"IN", "91"},  {"IS", "354"}, {"IT", "39"},  {"JP", "81"},
    {"KR", "82"},  {"LI", "423"}, {"LT", "370"}, {"LU", "352"}, {"LV", "371"}, {"MT", "356"},
    {"MX", "52"},  {"NL", "31"},  {"NO", "47"},  {"NZ", "64"},  {"PL", "48"},  {"PT", "351"},
    {"RO", "40"},  {"SE", "46"},  {"SG", "65"},  {"SI", "386"}, {"SK", "421"}, {"TR", "90"},
    {"US", "1"},   {"ZA", "27"},
};

constexpr size_t kMinDigits = 7;
constexpr size_t kMaxDigits = 15;

template <size_t N>
bool Contains(const std::string_view (&sorted)[N], std::string_view code) {
  return std::binary_search(std::begin(sorted), std::end(sorted), code);
}

}  // namespace

PhoneError NormalizePhone(std::string_view text, Secret& out) {
  out.clear();
  size_t digits = 0;
  bool plus = false;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') continue;
    if (c == '+') {
      if (plus || digits > 0) {
        out.clear();
        return PhoneError::kBadCharacter;
      }
      plus = true;
      out.append("+");
      continue;
    }
    if (!IsAsciiDigit(c)) {
      out.clear();
      return PhoneError::kBadCharacter;
    }
    if (!plus) {
      out.clear();
      return PhoneError::kNoPlus;
    }
    if (digits == 0 && c == '0') {
      out.clear();
      return PhoneError::kZeroCountryCode;
    }
    if (++digits > kMaxDigits) {
      out.clear();
      return PhoneError::kLength;
    }
    out.append(std::string_view(&c, 1));
  }
  if (!plus) {
    out.clear();
    return PhoneError::kNoPlus;
  }
  if (digits < kMinDigits) {
    out.clear();
    return PhoneError::kLength;
  }
  return PhoneError::kNone;
}

std::optional<PhoneParts> SplitPhone(std::string_view e164) {
  if (e164.size() < 2 || e164[0] != '+') return std::nullopt;
  const std::string_view digits = e164.substr(1);
  if (!AllAsciiDigits(digits)) return std::nullopt;
  for (size_t length = 1; length <= 3 && length < digits.size(); ++length) {
    if (Contains(kCallingCodes, digits.substr(0, length))) {
      return PhoneParts{digits.substr(0, length), digits.substr(length)};
    }
  }
  return std::nullopt;
}

std::string_view TrunkPrefix(std::string_view country_code) {
  return Contains(kTrunkZero, country_code) ? "0" : "";
}

std::string_view CallingCodeOf(std::string_view country) {
  const auto* end = std::end(kCountryCodes);
  const auto* it = std::lower_bound(std::begin(kCountryCodes), end, country,
                                    [](const auto& row, std::string_view c) { return row.first < c; });
  return it != end && it->first == country ? it->second : std::string_view();
}

std::optional<Secret> InternationalFromNational(std::string_view text, std::string_view country) {
  const std::string_view code = CallingCodeOf(country);
  if (code.empty() || text.find('+') != std::string_view::npos) return std::nullopt;
  // The first digit, past any separators: a trunk prefix there is not part of the number.
  const size_t first = text.find_first_not_of(" -.()");
  if (first == std::string_view::npos) return std::nullopt;
  const std::string_view trunk = TrunkPrefix(code);
  if (!trunk.empty() && text.substr(first, trunk.size()) == trunk) {
    text.remove_prefix(first + trunk.size());
  }
  Secret out("+");
  out.append(code);
  out.append(" ");
  out.append(text);
  return out;
}

}  // namespace pims
