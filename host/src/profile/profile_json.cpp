// The profile's JSON form (docs/architecture.md, "Shared names and contracts"): reading it with
// every value validated, writing it back, and wiping it.
#include <array>
#include <charconv>

#include "core/text.h"
#include "pims/profile.h"
#include "profile/phone.h"
#include "profile/profile_paths.h"

namespace pims {
namespace {

using nlohmann::json;

bool IsNumberField(RecordKind kind, std::string_view field) {
  return kind == RecordKind::kCard && (field == "cc-exp-month" || field == "cc-exp-year");
}
// What ReadProfile returns when it collected problems (they are the answer, not this).
constexpr std::string_view kInvalidValues = "the profile has invalid values";

// Where the readers put a value's problem: with a list, every problem goes into it and reading
// goes on (ProfileProblems); without one, the first problem ends the read.
class Problems {
 public:
  explicit Problems(std::vector<Status>* list = nullptr) : list_(list) {}
  // Records `problem`; true when the read must stop and return it.
  bool Stop(const Status& problem) {
    if (list_ == nullptr) return true;
    list_->push_back(problem);
    return false;
  }
  bool any() const { return list_ != nullptr && !list_->empty(); }

 private:
  std::vector<Status>* list_;
};

// The country a record's national phone number is read in: the record's own "country" (an
// address), in upper case; "" when it has none.
std::string CountryOf(const json& object) {
  const auto it = object.is_object() ? object.find("country") : object.end();
  if (it == object.end() || !it->is_string()) return "";
  std::string country = it->get<std::string>();
  for (char& c : country) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return country;
}

// One value of a record in stored form, or its problem. `country`: where a phone number
// without "+" is dialled (CountryOf), or "".
Result<Secret> ReadValue(RecordKind kind, const std::string& key, const json& value,
                         const std::string& field_path, std::string_view country) {
  if (!IsNumberField(kind, key)) {
    if (!value.is_string()) return InvalidField(field_path, "must be a string");
    const std::string& text = value.get_ref<const std::string&>();
    if (key == "tel") {
      if (std::optional<Secret> international = InternationalFromNational(text, country)) {
        return NormalizeField(kind, key, international->reveal(), field_path);
      }
    }
    return NormalizeField(kind, key, text, field_path);
  }
  if (!value.is_number_integer()) return InvalidField(field_path, "must be a whole number");
  std::array<char, 24> text{};
  const auto [end, ec] =
      value.is_number_unsigned()
          ? std::to_chars(text.data(), text.data() + text.size(), value.get<uint64_t>())
          : std::to_chars(text.data(), text.data() + text.size(), value.get<int64_t>());
  if (ec != std::errc()) return InvalidField(field_path, "is not a number pims can read");
  Result<Secret> normalised = NormalizeField(
      kind, key, std::string_view(text.data(), static_cast<size_t>(end - text.data())),
      field_path);
  Wipe(text.data(), text.size());
  return normalised;
}

// The fields of one JSON object into `out`; "id" into *id when id is not null. `country`: where
// a national phone number of the object is dialled ("" for none).
Status ReadFields(RecordKind kind, const json& object, std::string_view path, FieldMap& out,
                  std::string* id, Problems& problems, std::string_view country = "") {
  if (!object.is_object()) return InvalidField(path, "must be a JSON object");
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string& key = it.key();
    const json& value = it.value();
    const std::string field_path = ChildPath(path, key);
    const bool is_id = id != nullptr && key == "id";
    if (!is_id) {
      // An unknown key is refused even with a null value: ValidateField says so.
      if (Status known = ValidateField(kind, key, "", field_path); !known.ok()) {
        if (problems.Stop(known)) return known;
        continue;
      }
    }
    if (value.is_null()) continue;
    Result<Secret> normalised = ReadValue(kind, key, value, field_path, country);
    if (!normalised.ok()) {
      if (problems.Stop(normalised.status())) return normalised.status();
      continue;
    }
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
                   std::vector<Record>& out, Problems& problems) {
  if (!list.is_array()) return InvalidField(path, "must be a JSON array");
  if (list.size() > max) {
    return InvalidField(path, kind == RecordKind::kAddress ? "has more than 100 addresses"
                                                           : "has more than 100 cards");
  }
  out.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    Record record;
    PIMS_RETURN_IF_ERROR(ReadFields(kind, list[i], IndexPath(path, i), record.fields, &record.id,
                                    problems, CountryOf(list[i])));
    out.push_back(std::move(record));
  }
  return Status::Ok();
}
bool HasRecord(const std::vector<Record>& records, std::string_view id) {
  return std::any_of(records.begin(), records.end(),
                     [id](const Record& record) { return record.id == id; });
}
Status ReadDefaults(const json& object, Profile& profile) {
  FieldMap ids;
  Problems first;
  PIMS_RETURN_IF_ERROR(ReadFields(RecordKind::kDefaults, object, "defaults", ids, nullptr, first));
  for (const auto& [key, id] : ids) {
    const bool card = key == "card";
    if (!HasRecord(card ? profile.cards : profile.addresses, id.reveal())) {
      return InvalidField(ChildPath("defaults", key), card ? "names no card of this profile"
                                                           : "names no address of this profile");
    }
    std::string& target = key == "shipping"  ? profile.default_shipping
                          : key == "billing" ? profile.default_billing
                                             : profile.default_card;
    target = std::string(id.reveal());
  }
  return Status::Ok();
}
// Where the shopper's own phone number is dialled: the country of the default shipping address,
// else of the first address; "" when no address names one.
std::string HomeCountry(const json* addresses, const json* defaults) {
  if (addresses == nullptr || !addresses->is_array() || addresses->empty()) return "";
  if (defaults != nullptr && defaults->is_object()) {
    const auto shipping = defaults->find("shipping");
    if (shipping != defaults->end() && shipping->is_string()) {
      for (const json& address : *addresses) {
        const auto id = address.is_object() ? address.find("id") : address.end();
        if (id != address.end() && *id == *shipping) return CountryOf(address);
      }
    }
  }
  return CountryOf(addresses->front());
}

Result<Profile> ReadProfile(const json& root, Problems& problems) {
  if (!root.is_object()) return InvalidField("", "must be a JSON object");
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string& key = it.key();
    if (key != "person" && key != "addresses" && key != "cards" && key != "defaults") {
      return InvalidField(ChildPath("", key), "is not a part of a profile");
    }
  }
  Profile profile;
  const auto section = [&root](const char* key) -> const json* {
    const auto it = root.find(key);
    return it == root.end() || it->is_null() ? nullptr : &*it;
  };
  if (const json* person = section("person")) {
    PIMS_RETURN_IF_ERROR(ReadFields(RecordKind::kPerson, *person, "person", profile.person,
                                    nullptr, problems, HomeCountry(section("addresses"),
                                                                   section("defaults"))));
  }
  if (const json* addresses = section("addresses")) {
    PIMS_RETURN_IF_ERROR(ReadRecords(RecordKind::kAddress, *addresses, "addresses", kMaxAddresses,
                                     profile.addresses, problems));
  }
  if (const json* cards = section("cards")) {
    PIMS_RETURN_IF_ERROR(
        ReadRecords(RecordKind::kCard, *cards, "cards", kMaxCards, profile.cards, problems));
  }
  // Ids and defaults are judged on values that all read well.
  if (problems.any()) return Status(ErrorCode::kInvalidField, std::string(kInvalidValues));
  PIMS_RETURN_IF_ERROR(AssignRecordIds(profile));
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
        const std::string_view digits = it->second.reveal();
        int number = 0;
        (void)std::from_chars(digits.data(), digits.data() + digits.size(), number);
        out[key] = number;
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

Result<Profile> ProfileFromJson(const nlohmann::json& json) {
  try {
    Problems first;
    return ReadProfile(json, first);
  } catch (const nlohmann::json::exception&) {
    return Status(ErrorCode::kInternal, "the profile could not be read");
  }
}

std::vector<Status> ProfileProblems(const nlohmann::json& json) {
  std::vector<Status> list;
  try {
    Problems every(&list);
    Result<Profile> profile = ReadProfile(json, every);
    if (!profile.ok() && profile.status().message() != kInvalidValues) {
      list.push_back(profile.status());  // structural, or an id or default
    }
  } catch (const nlohmann::json::exception&) {
    list.assign(1, Status(ErrorCode::kInternal, "the profile could not be read"));
  }
  return list;
}
nlohmann::json ProfileToJson(const Profile& profile, bool mask_cards) {
  json out = json::object();
  json person = json::object();
  for (std::string_view field : StoredFields(RecordKind::kPerson)) {
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
