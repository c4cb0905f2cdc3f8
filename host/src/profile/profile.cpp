#include "pims/profile.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <set>
#include <utility>

#include "core/text.h"
#include "profile/phone.h"
#include "profile/profile_paths.h"
#include "vocabulary/vocabulary.h"

namespace pims {
namespace {

using nlohmann::json;

constexpr std::string_view kDefaultsFields[] = {"shipping", "billing", "card"};

// How a field's value is checked and normalised: the vocabulary's rule for an autofill field the
// record stores, kText for its label, kId for its id and the defaults' record ids; nullopt for
// a key the record does not have.
std::optional<ValueRule> RuleOf(RecordKind kind, std::string_view field) {
  if (kind == RecordKind::kDefaults) {
    if (std::find(std::begin(kDefaultsFields), std::end(kDefaultsFields), field) ==
        std::end(kDefaultsFields)) {
      return std::nullopt;
    }
    return ValueRule::kId;
  }
  if (field == "id") {
    return kind == RecordKind::kPerson ? std::nullopt : std::optional(ValueRule::kId);
  }
  const std::span<const std::string_view> keys = StoredFields(kind);
  if (std::find(keys.begin(), keys.end(), field) == keys.end()) return std::nullopt;
  if (field == "label") return ValueRule::kText;
  const AutofillField* entry = FindAutofillField(field);
  if (entry == nullptr || entry->rule == ValueRule::kNone) return std::nullopt;
  return entry->rule;
}

// "the person", "an address", ...: a record's kind in messages.
std::string_view KindName(RecordKind kind) {
  constexpr std::string_view kNames[] = {"the person", "an address", "a card", "the defaults"};
  return kNames[static_cast<size_t>(kind)];
}

// Small non-negative decimal numbers from validated text (at most 9 digits).
int ParseSmall(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool IsControl(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7F;
}

Result<Secret> NormalizeEmail(std::string_view email, std::string_view path) {
  const Status bad = InvalidField(path, "is not an email address");
  if (email.size() > kMaxEmailBytes) return InvalidField(path, "is longer than 254 bytes");
  if (email.find(' ') != std::string_view::npos) return bad;
  const size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0) return bad;
  if (email.find('@', at + 1) != std::string_view::npos) return bad;
  const std::string_view domain = email.substr(at + 1);
  if (domain.empty() || domain.front() == '.' || domain.back() == '.' ||
      domain.find('.') == std::string_view::npos || domain.find("..") != std::string_view::npos) {
    return bad;
  }
  return Secret(email);
}

Result<Secret> NormalizeTel(std::string_view tel, std::string_view path) {
  Secret out;
  switch (NormalizePhone(tel, out)) {
    case PhoneError::kNone:
      return out;
    case PhoneError::kNoPlus:
      return InvalidField(path,
                          "must be an international number starting with + and the country code");
    case PhoneError::kBadCharacter:
      return InvalidField(path, "may contain only +, digits, spaces, dashes, dots and parentheses");
    case PhoneError::kLength:
      return InvalidField(path, "must have 7 to 15 digits after the +");
    case PhoneError::kZeroCountryCode:
      return InvalidField(path, "has no valid country code");
  }
  return InvalidField(path, "is not a telephone number");
}

Result<Secret> NormalizeDate(std::string_view date, std::string_view path) {
  const Status bad = InvalidField(path, "must be a real date written YYYY-MM-DD");
  if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !AllAsciiDigits(date.substr(0, 4)) ||
      !AllAsciiDigits(date.substr(5, 2)) || !AllAsciiDigits(date.substr(8, 2))) {
    return bad;
  }
  using namespace std::chrono;
  const int y = ParseSmall(date.substr(0, 4));
  const auto m = static_cast<unsigned>(ParseSmall(date.substr(5, 2)));
  const auto d = static_cast<unsigned>(ParseSmall(date.substr(8, 2)));
  const year_month_day ymd{year{y}, month{m}, day{d}};
  if (y < 1 || !ymd.ok()) return bad;
  // A day of slack: "today" east of UTC is already tomorrow in UTC terms.
  const sys_days latest = floor<days>(system_clock::now()) + days{1};
  if (sys_days{ymd} > latest) return InvalidField(path, "is in the future");
  return Secret(date);
}

Result<Secret> NormalizeCountry(std::string_view code, std::string_view path) {
  const Status bad = InvalidField(path, "is not an ISO 3166-1 alpha-2 country code");
  if (code.size() != 2) return bad;
  std::array<char, 2> upper{};
  for (size_t i = 0; i < 2; ++i) {
    char c = code[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') return bad;
    upper[i] = c;
  }
  const std::string_view normalised(upper.data(), upper.size());
  if (!IsCountryCode(normalised)) return bad;
  return Secret(normalised);
}

// Lines split at "\n", "\r\n" or "\r", each trimmed, blank ones dropped, joined by "\n".
Secret NormalizeLines(std::string_view text) {
  Secret out;
  while (!text.empty()) {
    const size_t end = text.find_first_of("\r\n");
    const std::string_view line = TrimSpaces(text.substr(0, end));
    if (!line.empty()) {
      if (!out.empty()) out.append("\n");
      out.append(line);
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

bool LuhnValid(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

Result<Secret> NormalizeCardNumber(std::string_view number, std::string_view path) {
  Secret digits;
  for (char c : number) {
    if (c == ' ' || c == '-') continue;
    if (!IsAsciiDigit(c)) return InvalidField(path, "may contain only digits, spaces and dashes");
    digits.append(std::string_view(&c, 1));
  }
  if (digits.size() < 12 || digits.size() > 19)
    return InvalidField(path, "must have 12 to 19 digits");
  if (!LuhnValid(digits.reveal())) {
    return InvalidField(path, "is not a valid card number (its check digit is wrong)");
  }
  return digits;
}

Result<Secret> NormalizeMonth(std::string_view month, std::string_view path) {
  if (month.size() > 2 || !AllAsciiDigits(month))
    return InvalidField(path, "must be a month from 1 to 12");
  const int value = ParseSmall(month);
  if (value < 1 || value > 12) return InvalidField(path, "must be a month from 1 to 12");
  // Stored without a leading zero.
  return Secret(month.size() == 2 && month[0] == '0' ? month.substr(1) : month);
}

Result<Secret> NormalizeYear(std::string_view year, std::string_view path) {
  if (year.size() != 4 || !AllAsciiDigits(year) || ParseSmall(year) < 2000 ||
      ParseSmall(year) > 2100) {
    return InvalidField(path, "must be a four-digit year from 2000 to 2100");
  }
  return Secret(year);
}

Result<Secret> NormalizeCsc(std::string_view csc, std::string_view path) {
  if (csc.size() < 3 || csc.size() > 4 || !AllAsciiDigits(csc)) {
    return InvalidField(path, "must be 3 or 4 digits");
  }
  return Secret(csc);
}

bool IsIdCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsAsciiDigit(c) || c == '.' ||
         c == '_' || c == ':' || c == '-';
}

Result<Secret> NormalizeId(std::string_view id, std::string_view path) {
  if (id.size() > kMaxRecordIdBytes || !std::all_of(id.begin(), id.end(), IsIdCharacter)) {
    return InvalidField(path, "must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
  }
  return Secret(id);
}

}  // namespace

std::span<const std::string_view> StoredFields(RecordKind kind) {
  switch (kind) {
    case RecordKind::kPerson:
      return PersonKeys();
    case RecordKind::kAddress:
      return AddressKeys();
    case RecordKind::kCard:
      return CardKeys();
    case RecordKind::kDefaults:
      return kDefaultsFields;
  }
  return {};
}

Result<Secret> NormalizeField(RecordKind kind, std::string_view field, std::string_view value,
                              std::string_view path) {
  const std::optional<ValueRule> rule = RuleOf(kind, field);
  if (!rule) {
    std::string what = "is not a field of ";
    what += KindName(kind);
    return InvalidField(path, what);
  }
  if (value.size() > kMaxFieldBytes) return InvalidField(path, "is longer than 1000 bytes");
  if (!IsValidUtf8(value)) return InvalidField(path, "is not valid UTF-8");
  const bool multiline = *rule == ValueRule::kMultiline;
  for (char c : value) {
    if (IsControl(c) && !(multiline && (c == '\n' || c == '\r'))) {
      return InvalidField(path, multiline ? "contains a control character other than a line break"
                                          : "contains a control character");
    }
  }
  const std::string_view trimmed = TrimSpaces(value);
  if (trimmed.empty()) return Secret();

  switch (*rule) {
    case ValueRule::kText:
      return Secret(trimmed);
    case ValueRule::kMultiline:
      return NormalizeLines(trimmed);
    case ValueRule::kEmail:
      return NormalizeEmail(trimmed, path);
    case ValueRule::kTel:
      return NormalizeTel(trimmed, path);
    case ValueRule::kDate:
      return NormalizeDate(trimmed, path);
    case ValueRule::kCountry:
      return NormalizeCountry(trimmed, path);
    case ValueRule::kCardNumber:
      return NormalizeCardNumber(trimmed, path);
    case ValueRule::kMonth:
      return NormalizeMonth(trimmed, path);
    case ValueRule::kYear:
      return NormalizeYear(trimmed, path);
    case ValueRule::kCsc:
      return NormalizeCsc(trimmed, path);
    case ValueRule::kId:
      return NormalizeId(trimmed, path);
    case ValueRule::kNone:
      break;  // RuleOf never gives it
  }
  return InvalidField(path, "has no validation rule");
}

Status ValidateField(RecordKind kind, std::string_view field, std::string_view value,
                     std::string_view path) {
  return NormalizeField(kind, field, value, path).status();
}

}  // namespace pims
