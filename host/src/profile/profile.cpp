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
#include "vocabulary/vocabulary.h"

namespace pims {
namespace {

using nlohmann::json;

constexpr std::string_view kDefaultsFields[] = {"shipping", "billing", "card"};

// Longest key of an unknown field quoted in an error path.
constexpr size_t kMaxQuotedKeyBytes = 64;

// How a field's value is checked and normalised: the vocabulary's rule for an autofill field the
// record stores, kText for its label, kId for its id and the defaults' record ids.
enum class Rule {
  kText,
  kMultiline,
  kEmail,
  kTel,
  kDate,
  kCountry,
  kCardNumber,
  kMonth,
  kYear,
  kCsc,
  kId
};

std::optional<Rule> RuleOf(RecordKind kind, std::string_view field) {
  if (kind == RecordKind::kDefaults) {
    if (std::find(std::begin(kDefaultsFields), std::end(kDefaultsFields), field) ==
        std::end(kDefaultsFields)) {
      return std::nullopt;
    }
    return Rule::kId;
  }
  if (field == "id") return kind == RecordKind::kPerson ? std::nullopt : std::optional(Rule::kId);
  const std::span<const std::string_view> keys = StoredFields(kind);
  if (std::find(keys.begin(), keys.end(), field) == keys.end()) return std::nullopt;
  if (field == "label") return Rule::kText;
  const AutofillField* entry = FindAutofillField(field);
  switch (entry != nullptr ? entry->rule : ValueRule::kNone) {
    case ValueRule::kNone:
      return std::nullopt;  // a record key with no rule in the vocabulary: refuse it
    case ValueRule::kText:
      return Rule::kText;
    case ValueRule::kMultiline:
      return Rule::kMultiline;
    case ValueRule::kEmail:
      return Rule::kEmail;
    case ValueRule::kTel:
      return Rule::kTel;
    case ValueRule::kDate:
      return Rule::kDate;
    case ValueRule::kCountry:
      return Rule::kCountry;
    case ValueRule::kCardNumber:
      return Rule::kCardNumber;
    case ValueRule::kMonth:
      return Rule::kMonth;
    case ValueRule::kYear:
      return Rule::kYear;
    case ValueRule::kCsc:
      return Rule::kCsc;
  }
  return std::nullopt;
}

std::string_view KindName(RecordKind kind) {
  switch (kind) {
    case RecordKind::kPerson:
      return "the person";
    case RecordKind::kAddress:
      return "an address";
    case RecordKind::kCard:
      return "a card";
    case RecordKind::kDefaults:
      return "the defaults";
  }
  return "a record";
}

Status Invalid(std::string_view path, std::string_view what) {
  std::string message(path.empty() ? std::string_view("the profile") : path);
  message += ' ';
  message += what;
  return Status(ErrorCode::kInvalidField, std::move(message), std::string(path));
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
  const Status bad = Invalid(path, "is not an email address");
  if (email.size() > kMaxEmailBytes) return Invalid(path, "is longer than 254 bytes");
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
      return Invalid(path, "must be an international number starting with + and the country code");
    case PhoneError::kBadCharacter:
      return Invalid(path, "may contain only +, digits, spaces, dashes, dots and parentheses");
    case PhoneError::kLength:
      return Invalid(path, "must have 7 to 15 digits after the +");
    case PhoneError::kZeroCountryCode:
      return Invalid(path, "has no valid country code");
  }
  return Invalid(path, "is not a telephone number");
}

Result<Secret> NormalizeDate(std::string_view date, std::string_view path) {
  const Status bad = Invalid(path, "must be a real date written YYYY-MM-DD");
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
  if (sys_days{ymd} > latest) return Invalid(path, "is in the future");
  return Secret(date);
}

Result<Secret> NormalizeCountry(std::string_view code, std::string_view path) {
  const Status bad = Invalid(path, "is not an ISO 3166-1 alpha-2 country code");
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
    if (!IsAsciiDigit(c)) return Invalid(path, "may contain only digits, spaces and dashes");
    digits.append(std::string_view(&c, 1));
  }
  if (digits.size() < 12 || digits.size() > 19) return Invalid(path, "must have 12 to 19 digits");
  if (!LuhnValid(digits.reveal())) {
    return Invalid(path, "is not a valid card number (its check digit is wrong)");
  }
  return digits;
}

Result<Secret> NormalizeMonth(std::string_view month, std::string_view path) {
  if (month.size() > 2 || !AllAsciiDigits(month))
    return Invalid(path, "must be a month from 1 to 12");
  const int value = ParseSmall(month);
  if (value < 1 || value > 12) return Invalid(path, "must be a month from 1 to 12");
  // Stored without a leading zero.
  return Secret(month.size() == 2 && month[0] == '0' ? month.substr(1) : month);
}

Result<Secret> NormalizeYear(std::string_view year, std::string_view path) {
  if (year.size() != 4 || !AllAsciiDigits(year) || ParseSmall(year) < 2000 ||
      ParseSmall(year) > 2100) {
    return Invalid(path, "must be a four-digit year from 2000 to 2100");
  }
  return Secret(year);
}

Result<Secret> NormalizeCsc(std::string_view csc, std::string_view path) {
  if (csc.size() < 3 || csc.size() > 4 || !AllAsciiDigits(csc)) {
    return Invalid(path, "must be 3 or 4 digits");
  }
  return Secret(csc);
}

bool IsIdCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsAsciiDigit(c) || c == '.' ||
         c == '_' || c == ':' || c == '-';
}

Result<Secret> NormalizeId(std::string_view id, std::string_view path) {
  if (id.size() > kMaxRecordIdBytes || !std::all_of(id.begin(), id.end(), IsIdCharacter)) {
    return Invalid(path, "must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
  }
  return Secret(id);
}

// The path of a key below `parent`, quoting at most kMaxQuotedKeyBytes of the key and only
// printable ASCII (a key is structure, but it comes from the caller).
std::string ChildPath(std::string_view parent, std::string_view key) {
  std::string path(parent);
  if (!path.empty()) path += '.';
  for (size_t i = 0; i < key.size() && i < kMaxQuotedKeyBytes; ++i) {
    const char c = key[i];
    path += (c >= 0x20 && c < 0x7F) ? c : '?';
  }
  if (key.size() > kMaxQuotedKeyBytes) path += "...";
  return path;
}

std::string IndexPath(std::string_view list, size_t index) {
  std::string path(list);
  path += '[';
  path += std::to_string(index);
  path += ']';
  return path;
}

bool IsNumberField(RecordKind kind, std::string_view field) {
  return kind == RecordKind::kCard && (field == "cc-exp-month" || field == "cc-exp-year");
}

// The fields of one JSON object into `out`; "id" into *id when id is not null.
Status ReadFields(RecordKind kind, const json& object, std::string_view path, FieldMap& out,
                  std::string* id) {
  if (!object.is_object()) return Invalid(path, "must be a JSON object");
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string& key = it.key();
    const json& value = it.value();
    const std::string field_path = ChildPath(path, key);
    const bool is_id = id != nullptr && key == "id";
    if (!is_id && (key == "id" || !RuleOf(kind, key))) {
      std::string what = "is not a field of ";
      what += KindName(kind);
      return Invalid(field_path, what);
    }
    if (value.is_null()) continue;

    Result<Secret> normalised = Secret();
    if (IsNumberField(kind, key)) {
      if (!value.is_number_integer()) return Invalid(field_path, "must be a whole number");
      std::array<char, 24> text{};
      const auto [end, ec] =
          value.is_number_unsigned()
              ? std::to_chars(text.data(), text.data() + text.size(), value.get<uint64_t>())
              : std::to_chars(text.data(), text.data() + text.size(), value.get<int64_t>());
      if (ec != std::errc()) return Invalid(field_path, "is not a number pims can read");
      normalised = NormalizeField(
          kind, key, std::string_view(text.data(), static_cast<size_t>(end - text.data())),
          field_path);
      Wipe(text.data(), text.size());
    } else {
      if (!value.is_string()) return Invalid(field_path, "must be a string");
      normalised = NormalizeField(kind, key, value.get_ref<const std::string&>(), field_path);
    }
    if (!normalised.ok()) return normalised.status();
    if (normalised->empty()) continue;
    if (is_id) {
      *id = std::string(normalised->reveal());
    } else {
      out.insert_or_assign(key, std::move(normalised).value());
    }
  }
  return Status::Ok();
}

Status ReadRecords(RecordKind kind, const json& list, std::string_view path, size_t max,
                   std::vector<Record>& out) {
  if (!list.is_array()) return Invalid(path, "must be a JSON array");
  if (list.size() > max) {
    return Invalid(path, kind == RecordKind::kAddress ? "has more than 100 addresses"
                                                      : "has more than 100 cards");
  }
  out.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    Record record;
    PIMS_RETURN_IF_ERROR(ReadFields(kind, list[i], IndexPath(path, i), record.fields, &record.id));
    out.push_back(std::move(record));
  }
  return Status::Ok();
}

// Explicit ids must be unique across addresses and cards; the others get "address-N"/"card-N".
Status AssignIds(Profile& profile) {
  std::set<std::string, std::less<>> used;
  for (const auto& [records, name] :
       {std::pair{&profile.addresses, "addresses"}, std::pair{&profile.cards, "cards"}}) {
    for (size_t i = 0; i < records->size(); ++i) {
      const std::string& id = (*records)[i].id;
      if (!id.empty() && !used.insert(id).second) {
        return Invalid(IndexPath(name, i) + ".id", "repeats the id of another address or card");
      }
    }
  }
  for (const auto& [records, prefix] :
       {std::pair{&profile.addresses, "address-"}, std::pair{&profile.cards, "card-"}}) {
    size_t next = 1;
    for (Record& record : *records) {
      if (!record.id.empty()) continue;
      std::string id;
      do {
        id = prefix + std::to_string(next++);
      } while (used.count(id) > 0);
      used.insert(id);
      record.id = std::move(id);
    }
  }
  return Status::Ok();
}

bool HasRecord(const std::vector<Record>& records, std::string_view id) {
  return std::any_of(records.begin(), records.end(),
                     [id](const Record& record) { return record.id == id; });
}

Status ReadDefaults(const json& object, Profile& profile) {
  FieldMap ids;
  PIMS_RETURN_IF_ERROR(ReadFields(RecordKind::kDefaults, object, "defaults", ids, nullptr));
  for (const auto& [key, id] : ids) {
    const bool card = key == "card";
    if (!HasRecord(card ? profile.cards : profile.addresses, id.reveal())) {
      return Invalid(ChildPath("defaults", key),
                     card ? "names no card of this profile" : "names no address of this profile");
    }
    std::string& target = key == "shipping"  ? profile.default_shipping
                          : key == "billing" ? profile.default_billing
                                             : profile.default_card;
    target = std::string(id.reveal());
  }
  return Status::Ok();
}

Result<Profile> ReadProfile(const json& root) {
  if (!root.is_object()) return Invalid("", "must be a JSON object");
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string& key = it.key();
    if (key != "person" && key != "addresses" && key != "cards" && key != "defaults") {
      return Invalid(ChildPath("", key), "is not a part of a profile");
    }
  }
  Profile profile;
  const auto section = [&root](const char* key) -> const json* {
    const auto it = root.find(key);
    return it == root.end() || it->is_null() ? nullptr : &*it;
  };
  if (const json* person = section("person")) {
    PIMS_RETURN_IF_ERROR(
        ReadFields(RecordKind::kPerson, *person, "person", profile.person, nullptr));
  }
  if (const json* addresses = section("addresses")) {
    PIMS_RETURN_IF_ERROR(ReadRecords(RecordKind::kAddress, *addresses, "addresses", kMaxAddresses,
                                     profile.addresses));
  }
  if (const json* cards = section("cards")) {
    PIMS_RETURN_IF_ERROR(ReadRecords(RecordKind::kCard, *cards, "cards", kMaxCards, profile.cards));
  }
  PIMS_RETURN_IF_ERROR(AssignIds(profile));
  if (const json* defaults = section("defaults")) {
    PIMS_RETURN_IF_ERROR(ReadDefaults(*defaults, profile));
  }
  return profile;
}

std::string Clear(const FieldMap& fields, std::string_view key) {
  const auto it = fields.find(key);
  return it == fields.end() ? std::string() : std::string(it->second.reveal());
}

json RecordToJson(RecordKind kind, const Record& record, bool mask_cards) {
  json out = json::object();
  out["id"] = record.id;
  for (std::string_view field : StoredFields(kind)) {
    const auto it = record.fields.find(field);
    const std::string key(field);
    if (IsNumberField(kind, field)) {
      // Stored values are validated digits; an unset number is left out.
      if (it != record.fields.end() && AllAsciiDigits(it->second.reveal()) &&
          it->second.size() <= 4) {
        out[key] = ParseSmall(it->second.reveal());
      }
    } else if (kind == RecordKind::kCard && field == "cc-csc" && mask_cards) {
      continue;
    } else if (kind == RecordKind::kCard && field == "cc-number" && mask_cards) {
      std::string masked;
      if (it != record.fields.end()) {
        const std::string_view number = it->second.reveal();
        masked = "\u2022\u2022\u2022\u2022 ";
        masked += number.substr(number.size() > 4 ? number.size() - 4 : 0);
      }
      out[key] = std::move(masked);
    } else {
      out[key] = Clear(record.fields, field);
    }
  }
  return out;
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

const Record* DefaultRecord(const std::vector<Record>& records, std::string_view id) {
  return *ChooseDefault(records, [id](const Record& record) { return record.id == id; });
}

Result<std::string> AddRecord(Profile& profile, RecordKind kind, const FieldMap& fields,
                              std::string_view id, bool make_default) {
  const bool card = kind == RecordKind::kCard;
  if (!card && kind != RecordKind::kAddress) {
    return Status(ErrorCode::kInternal, "only addresses and cards are records of a list");
  }
  std::vector<Record>& list = card ? profile.cards : profile.addresses;
  const std::string_view list_name = card ? "cards" : "addresses";
  if (list.size() >= (card ? kMaxCards : kMaxAddresses)) {
    return Invalid(list_name, card ? "has more than 100 cards" : "has more than 100 addresses");
  }
  const std::string path = IndexPath(list_name, list.size());
  Record record;
  if (!id.empty()) {
    PIMS_ASSIGN_OR_RETURN(Secret normalised, NormalizeField(kind, "id", id, path + ".id"));
    record.id = std::string(normalised.reveal());
  }
  for (const auto& [key, value] : fields) {
    if (key == "id") return Invalid(ChildPath(path, key), "is given apart from the fields");
    PIMS_ASSIGN_OR_RETURN(Secret normalised,
                          NormalizeField(kind, key, value.reveal(), ChildPath(path, key)));
    if (!normalised.empty()) record.fields.insert_or_assign(key, std::move(normalised));
  }
  list.push_back(std::move(record));
  if (Status ids = AssignIds(profile); !ids.ok()) {
    list.pop_back();
    return ids;
  }
  const std::string assigned = list.back().id;
  if (make_default && card) profile.default_card = assigned;
  if (make_default && !card) profile.default_shipping = profile.default_billing = assigned;
  return assigned;
}

Status RemoveRecord(Profile& profile, RecordKind kind, std::string_view id) {
  const bool card = kind == RecordKind::kCard;
  std::vector<Record>& list = card ? profile.cards : profile.addresses;
  const auto it =
      std::find_if(list.begin(), list.end(), [id](const Record& r) { return r.id == id; });
  if (it == list.end()) {
    return Status(ErrorCode::kNotFound,
                  std::string(card ? "no card" : "no address") + " with id " + std::string(id));
  }
  list.erase(it);
  for (std::string* role :
       {&profile.default_shipping, &profile.default_billing, &profile.default_card}) {
    if (*role == id) role->clear();  // "": the first record of the list
  }
  return Status::Ok();
}

Result<Secret> NormalizeField(RecordKind kind, std::string_view field, std::string_view value,
                              std::string_view path) {
  const std::optional<Rule> rule = RuleOf(kind, field);
  if (!rule) {
    std::string what = "is not a field of ";
    what += KindName(kind);
    return Invalid(path, what);
  }
  if (value.size() > kMaxFieldBytes) return Invalid(path, "is longer than 1000 bytes");
  if (!IsValidUtf8(value)) return Invalid(path, "is not valid UTF-8");
  const bool multiline = *rule == Rule::kMultiline;
  for (char c : value) {
    if (IsControl(c) && !(multiline && (c == '\n' || c == '\r'))) {
      return Invalid(path, multiline ? "contains a control character other than a line break"
                                     : "contains a control character");
    }
  }
  const std::string_view trimmed = TrimSpaces(value);
  if (trimmed.empty()) return Secret();

  switch (*rule) {
    case Rule::kText:
      return Secret(trimmed);
    case Rule::kMultiline:
      return NormalizeLines(trimmed);
    case Rule::kEmail:
      return NormalizeEmail(trimmed, path);
    case Rule::kTel:
      return NormalizeTel(trimmed, path);
    case Rule::kDate:
      return NormalizeDate(trimmed, path);
    case Rule::kCountry:
      return NormalizeCountry(trimmed, path);
    case Rule::kCardNumber:
      return NormalizeCardNumber(trimmed, path);
    case Rule::kMonth:
      return NormalizeMonth(trimmed, path);
    case Rule::kYear:
      return NormalizeYear(trimmed, path);
    case Rule::kCsc:
      return NormalizeCsc(trimmed, path);
    case Rule::kId:
      return NormalizeId(trimmed, path);
  }
  return Invalid(path, "has no validation rule");
}

Status ValidateField(RecordKind kind, std::string_view field, std::string_view value,
                     std::string_view path) {
  return NormalizeField(kind, field, value, path).status();
}

Result<Profile> ProfileFromJson(const nlohmann::json& json) {
  try {
    return ReadProfile(json);
  } catch (const nlohmann::json::exception&) {
    return Status(ErrorCode::kInternal, "the profile could not be read");
  }
}

nlohmann::json ProfileToJson(const Profile& profile, bool mask_cards) {
  json out = json::object();
  json person = json::object();
  for (std::string_view field : PersonKeys()) {
    person[std::string(field)] = Clear(profile.person, field);
  }
  out["person"] = std::move(person);
  json addresses = json::array();
  for (const Record& record : profile.addresses) {
    addresses.push_back(RecordToJson(RecordKind::kAddress, record, mask_cards));
  }
  out["addresses"] = std::move(addresses);
  json cards = json::array();
  for (const Record& record : profile.cards) {
    cards.push_back(RecordToJson(RecordKind::kCard, record, mask_cards));
  }
  out["cards"] = std::move(cards);
  out["defaults"] = json{{"shipping", profile.default_shipping},
                         {"billing", profile.default_billing},
                         {"card", profile.default_card}};
  return out;
}

void WipeJson(nlohmann::json& json) {
  switch (json.type()) {
    case json::value_t::object:
    case json::value_t::array:
      for (auto& child : json) WipeJson(child);
      break;
    case json::value_t::string:
      WipeString(json.get_ref<std::string&>());
      break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      json = 0;
      break;
    case json::value_t::binary: {
      auto& bytes = json.get_binary();
      Wipe(bytes.data(), bytes.size());
      bytes.clear();
      break;
    }
    default:
      break;
  }
}

}  // namespace pims
