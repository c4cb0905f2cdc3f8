// Saving what the shopper typed: submitted fields -> records -> a match against the profile ->
// one record added or updated (pims/save.h). Every value is validated by laying the record over
// the profile's own JSON and reading it back with ProfileFromJson, so the rules are profile.put's
// rules, not a copy of them.
#include "pims/save.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/text.h"
#include "profile/place_names.h"

namespace pims {
namespace {

using nlohmann::json;

// One value of a field name in a group of the form, with whether the shopper typed it.
struct Raw {
  std::string value;
  std::string text;  // a select's option text
  bool typed = false;
};

// The raw values of one record being read: autofill field name -> value. A card number split
// over boxes is kept per box offset.
struct Group {
  std::map<std::string, Raw, std::less<>> fields;
  std::map<int, Raw> number_parts;

  bool empty() const { return fields.empty() && number_parts.empty(); }
  const Raw* Get(std::string_view name) const {
    const auto it = fields.find(name);
    return it == fields.end() ? nullptr : &it->second;
  }
  ~Group() {
    for (auto& [name, raw] : fields) {
      Wipe(raw.value.data(), raw.value.size());
      Wipe(raw.text.data(), raw.text.size());
    }
    for (auto& [offset, raw] : number_parts) Wipe(raw.value.data(), raw.value.size());
  }
};

// A stored value being composed, with whether any of its parts was typed.
struct Composed {
  std::string value;
  bool typed = false;
  void Add(const Raw* raw, std::string_view separator) {
    if (raw == nullptr || TrimSpaces(raw->value).empty()) return;
    if (!value.empty()) value += separator;
    value += TrimSpaces(raw->value);
    typed = typed || raw->typed;
  }
};

// The record's fields as built: stored key -> value, and the keys typed.
struct Built {
  json record = json::object();
  std::set<std::string> typed;
  void Put(const std::string& key, Composed composed) {
    if (composed.value.empty()) return;
    record[key] = std::move(composed.value);
    if (composed.typed) typed.insert(key);
  }
  void PutNumber(const std::string& key, int number, bool was_typed) {
    if (number <= 0) return;
    record[key] = number;
    if (was_typed) typed.insert(key);
  }
};

Composed One(const Raw* raw) {
  Composed c;
  c.Add(raw, "");
  return c;
}

// The ISO code of a country as a form holds it (a code or a name in any of the languages);
// the value as it is when it names none (profile.put's validation then refuses it).
Composed CountryValue(const Raw* raw) {
  Composed c = One(raw);
  if (raw == nullptr) return c;
  for (const std::string* text : {&raw->value, &raw->text}) {
    if (std::optional<std::string_view> code = CountryCodeOf(FoldText(*text))) {
      c.value = std::string(*code);
      return c;
    }
  }
  return c;
}

// A phone number from its parts: tel whole, or [+country code] and the national number (or the
// area code and the local number).
Composed PhoneValue(const Group& g) {
  if (const Raw* tel = g.Get("tel"); tel && !TrimSpaces(tel->value).empty()) return One(tel);
  Composed national;
  national.Add(g.Get("tel-national"), "");
  if (national.value.empty()) {
    national.Add(g.Get("tel-area-code"), " ");
    national.Add(g.Get("tel-local"), " ");
    national.Add(g.Get("tel-local-prefix"), " ");
    national.Add(g.Get("tel-local-suffix"), "");
  }
  if (national.value.empty()) return national;
  const Raw* code = g.Get("tel-country-code");
  if (code == nullptr || TrimSpaces(code->value).empty()) return national;
  Composed whole;
  std::string digits(TrimSpaces(code->value));
  if (!digits.empty() && digits.front() != '+') digits.insert(digits.begin(), '+');
  whole.value = digits + " " + national.value;
  whole.typed = national.typed || code->typed;
  return whole;
}

Composed JoinedName(const Group& g, std::string_view whole, std::string_view given,
                    std::string_view additional, std::string_view family) {
  if (const Raw* name = g.Get(whole); name && !TrimSpaces(name->value).empty()) return One(name);
  Composed c;
  c.Add(g.Get(given), " ");
  c.Add(g.Get(additional), " ");
  c.Add(g.Get(family), " ");
  return c;
}

Built AddressOf(const Group& g) {
  Built b;
  Composed street = One(g.Get("street-address"));
  if (street.value.empty()) {
    for (std::string_view line : {"address-line1", "address-line2", "address-line3"}) {
      street.Add(g.Get(line), "\n");
    }
  }
  b.Put("street-address", std::move(street));
  for (std::string_view key : {"address-level1", "address-level2", "address-level3", "postal-code",
                               "organization", "email"}) {
    b.Put(std::string(key), One(g.Get(key)));
  }
  const Raw* country = g.Get("country");
  b.Put("country", CountryValue(country ? country : g.Get("country-name")));
  b.Put("name", JoinedName(g, "name", "given-name", "additional-name", "family-name"));
  b.Put("tel", PhoneValue(g));
  return b;
}

Built PersonOf(const Group& g) {
  Built b;
  const Raw* given = g.Get("given-name");
  const Raw* family = g.Get("family-name");
  const Raw* whole = g.Get("name");
  if ((given || family) || whole == nullptr) {
    b.Put("given-name", One(given));
    b.Put("additional-name", One(g.Get("additional-name")));
    b.Put("family-name", One(family));
  } else {
    // A whole name: the last word is the family name.
    const std::string_view name = TrimSpaces(whole->value);
    const size_t space = name.find_last_of(' ');
    Composed first, last;
    first.typed = last.typed = whole->typed;
    if (space == std::string_view::npos) {
      first.value = std::string(name);
    } else {
      first.value = std::string(TrimSpaces(name.substr(0, space)));
      last.value = std::string(name.substr(space + 1));
    }
    b.Put("given-name", std::move(first));
    b.Put("family-name", std::move(last));
  }
  b.Put("email", One(g.Get("email")));
  b.Put("tel", PhoneValue(g));
  b.Put("organization", One(g.Get("organization")));
  return b;
}

int Digits(std::string_view text) {
  int n = 0;
  int count = 0;
  for (char c : text) {
    if (!IsAsciiDigit(c)) continue;
    if (++count > 4) return -1;
    n = n * 10 + (c - '0');
  }
  return count == 0 ? -1 : n;
}

int MonthValue(const Raw& raw) {
  for (const std::string* text : {&raw.value, &raw.text}) {
    if (int month = MonthOf(FoldText(*text)); month > 0) return month;
  }
  return 0;
}

int YearValue(const Raw& raw) {
  for (const std::string* text : {&raw.value, &raw.text}) {
    const std::string_view t = TrimSpaces(*text);
    const int year = Digits(t);
    if (year >= 0 && t.size() == 2) return 2000 + year;
    if (year >= 2000 && t.size() == 4) return year;
  }
  return 0;
}

Built CardOf(const Group& g) {
  Built b;
  b.Put("cc-name",
        JoinedName(g, "cc-name", "cc-given-name", "cc-additional-name", "cc-family-name"));
  Composed number = One(g.Get("cc-number"));
  if (number.value.empty()) {
    for (const auto& [offset, raw] : g.number_parts) number.Add(&raw, "");
  }
  b.Put("cc-number", std::move(number));
  if (const Raw* exp = g.Get("cc-exp")) {
    // "MM/YY", "MM / YYYY", "MM-YY", "MMYY": the month first, then the year.
    std::string digits;
    for (char c : exp->value) {
      if (IsAsciiDigit(c)) digits += c;
    }
    if (digits.size() == 4 || digits.size() == 6) {
      const int month = Digits(digits.substr(0, 2));
      const int year = Digits(digits.substr(2));
      b.PutNumber("cc-exp-month", month >= 1 && month <= 12 ? month : 0, exp->typed);
      b.PutNumber("cc-exp-year", digits.size() == 4 ? 2000 + year : year, exp->typed);
    }
    Wipe(digits.data(), digits.size());
  }
  if (const Raw* month = g.Get("cc-exp-month")) {
    b.PutNumber("cc-exp-month", MonthValue(*month), month->typed);
  }
  if (const Raw* year = g.Get("cc-exp-year")) {
    b.PutNumber("cc-exp-year", YearValue(*year), year->typed);
  }
  b.Put("cc-csc", One(g.Get("cc-csc")));
  return b;
}

std::string_view ListName(RecordKind kind) {
  return kind == RecordKind::kCard ? "cards" : "addresses";
}

// Lays `record` over the profile's JSON: appended to its list (new: `index` is its place), or
// over the person. Returns the path of the record in the JSON ("addresses[3]", "person").
std::string LayOver(json& profile, RecordKind kind, const json& record, size_t* index) {
  if (kind == RecordKind::kPerson) {
    json& person = profile["person"];
    for (auto it = record.begin(); it != record.end(); ++it) person[it.key()] = it.value();
    return "person";
  }
  json& list = profile[std::string(ListName(kind))];
  *index = list.size();
  list.push_back(record);
  return std::string(ListName(kind)) + "[" + std::to_string(*index) + "]";
}

json FieldsToJson(RecordKind kind, const FieldMap& fields) {
  json out = json::object();
  for (const auto& [key, value] : fields) {
    if (kind == RecordKind::kCard && (key == "cc-exp-month" || key == "cc-exp-year")) {
      out[key] = std::stoi(std::string(value.reveal()));
    } else {
      out[key] = std::string(value.reveal());
    }
  }
  return out;
}

// The record's values in stored form, with the values that fail validation left out (their keys
// in *dropped). nullopt when the profile cannot take the record at all (100 records).
std::optional<json> Normalised(const Profile& profile, RecordKind kind, json record,
                               std::vector<std::string>* dropped) {
  json whole = ProfileToJson(profile);
  size_t index = 0;
  const std::string path = LayOver(whole, kind, record, &index);
  const std::string prefix = path + ".";
  bool fatal = false;
  for (const Status& problem : ProfileProblems(whole)) {
    const std::string& field = problem.field();
    if (field.rfind(prefix, 0) != 0) {
      fatal = true;
      continue;
    }
    const std::string key = field.substr(prefix.size());
    if (record.erase(key) > 0) dropped->push_back(key);
  }
  WipeJson(whole);
  if (fatal && dropped->empty()) return std::nullopt;
  whole = ProfileToJson(profile);
  LayOver(whole, kind, record, &index);
  std::vector<std::string> keys;
  for (auto it = record.begin(); it != record.end(); ++it) keys.push_back(it.key());
  WipeJson(record);
  Result<Profile> read = ProfileFromJson(whole);
  WipeJson(whole);
  if (!read.ok()) return std::nullopt;
  if (kind == RecordKind::kPerson) {
    // Only the keys the form gave (the person's other fields are not the candidate's).
    json all = FieldsToJson(kind, read->person);
    json person = json::object();
    for (const std::string& key : keys) {
      if (all.contains(key)) person[key] = all[key];
    }
    WipeJson(all);
    return person;
  }
  const std::vector<Record>& list = kind == RecordKind::kCard ? read->cards : read->addresses;
  return FieldsToJson(kind, list.at(index).fields);
}

// Letters compared case- and accent-blind, the rest exactly.
std::string Comparable(const json& value) {
  if (value.is_string()) return FoldText(value.get<std::string>(), kMaxFieldBytes * 2);
  return value.dump();
}

std::string Comparable(RecordKind kind, std::string_view key, const Secret& stored) {
  if (kind == RecordKind::kCard && (key == "cc-exp-month" || key == "cc-exp-year")) {
    return std::string(stored.reveal());
  }
  return FoldText(stored.reveal(), kMaxFieldBytes * 2);
}

// The candidate's keys that `fields` holds otherwise (or not at all).
// The candidate's keys that `fields` holds otherwise (or not at all). `person`, for an address:
// an email or phone the address leaves empty is no difference when it is the person's (the
// shopper typed their own email at a checkout pims filled from Home: Home needs no update).
std::vector<std::string> Differences(RecordKind kind, const FieldMap& fields, const json& record,
                                     const FieldMap* person = nullptr) {
  std::vector<std::string> changed;
  for (auto it = record.begin(); it != record.end(); ++it) {
    const auto stored = fields.find(it.key());
    if (stored != fields.end() &&
        Comparable(kind, it.key(), stored->second) == Comparable(it.value())) {
      continue;
    }
    if (stored == fields.end() && person != nullptr && (it.key() == "email" || it.key() == "tel")) {
      const auto own = person->find(it.key());
      if (own != person->end() &&
          Comparable(RecordKind::kPerson, it.key(), own->second) == Comparable(it.value())) {
        continue;
      }
    }
    changed.push_back(it.key());
  }
  return changed;
}

bool AnyTyped(const std::vector<std::string>& keys, const std::vector<std::string>& typed) {
  return std::any_of(keys.begin(), keys.end(), [&](const std::string& k) {
    return std::find(typed.begin(), typed.end(), k) != typed.end();
  });
}

std::string LabelOf(const Record& record) {
  const auto it = record.fields.find("label");
  return it == record.fields.end() ? record.id : std::string(it->second.reveal());
}

}  // namespace

std::vector<SaveCandidate> SaveCandidates(std::span<const SubmittedField> fields,
                                          const Profile& profile) {
  Group shipping, billing, card;
  Group contact[3];  // by AddressHint
  for (const SubmittedField& f : fields) {
    const std::optional<Category> category = CategoryOfField(f.token.field, f.token.hint);
    if (!category || TrimSpaces(f.value.reveal()).empty()) continue;
    Group* group = nullptr;
    switch (*category) {
      case Category::kShippingAddress:
        group = &shipping;
        break;
      case Category::kBillingAddress:
        group = &billing;
        break;
      case Category::kName:
      case Category::kEmail:
      case Category::kPhone:
      case Category::kOrganization:
        group = &contact[static_cast<int>(f.token.hint)];
        break;
      case Category::kCard:
      case Category::kCardCsc:
        group = &card;
        break;
      case Category::kBirthday:
        break;
    }
    if (group == nullptr) continue;
    Raw raw{std::string(f.value.reveal()), std::string(f.text.reveal()), f.typed};
    if (f.token.field == "cc-number" && f.token.part_length > 0) {
      group->number_parts.emplace(f.token.part_offset, std::move(raw));
    } else {
      // The first non-empty value of a name wins ("confirm email" repeats it).
      group->fields.emplace(f.token.field, std::move(raw));
    }
  }
  // Contact fields go with the address of their section; without a section, with the shipping
  // address, or the billing address when that is the only one.
  Group* with_none = !shipping.empty() || billing.empty() ? &shipping : &billing;
  auto merge = [](Group& into, const Group& from) {
    for (const auto& [name, raw] : from.fields) into.fields.emplace(name, raw);
  };
  const bool any_address = !shipping.empty() || !billing.empty();
  if (any_address) {
    if (!shipping.empty()) merge(shipping, contact[static_cast<int>(AddressHint::kShipping)]);
    if (!billing.empty()) merge(billing, contact[static_cast<int>(AddressHint::kBilling)]);
    merge(*with_none, contact[static_cast<int>(AddressHint::kNone)]);
  }

  std::vector<SaveCandidate> out;
  auto add = [&](RecordKind kind, AddressHint section, Built built) {
    SaveCandidate c;
    c.kind = kind;
    c.section = section;
    std::optional<json> record = Normalised(profile, kind, std::move(built.record), &c.dropped);
    if (!record) return;
    c.record = std::move(*record);
    for (auto it = c.record.begin(); it != c.record.end(); ++it) {
      if (built.typed.count(it.key()) > 0) c.typed.push_back(it.key());
    }
    const bool essential = kind == RecordKind::kAddress ? c.record.contains("street-address") ||
                                                              c.record.contains("postal-code")
                           : kind == RecordKind::kCard ? c.record.contains("cc-number")
                                                       : !c.record.empty();
    if (essential && !c.typed.empty())
      out.push_back(std::move(c));
    else
      WipeJson(c.record);
  };
  if (!shipping.empty()) add(RecordKind::kAddress, AddressHint::kShipping, AddressOf(shipping));
  if (!billing.empty()) add(RecordKind::kAddress, AddressHint::kBilling, AddressOf(billing));
  if (!card.empty()) add(RecordKind::kCard, AddressHint::kNone, CardOf(card));
  if (!any_address) {
    Group person;
    for (const Group& g : contact) merge(person, g);
    if (!person.empty()) add(RecordKind::kPerson, AddressHint::kNone, PersonOf(person));
  }
  return out;
}

SaveMatch MatchCandidate(const Profile& profile, const SaveCandidate& candidate) {
  SaveMatch match;
  auto same_unless_typed = [&](SaveMatch m) {
    if (m.action == SaveAction::kUpdate && !AnyTyped(m.changed, candidate.typed)) {
      m.action = SaveAction::kSame;
      m.changed.clear();
    }
    return m;
  };
  if (candidate.kind == RecordKind::kPerson) {
    match.changed = Differences(RecordKind::kPerson, profile.person, candidate.record);
    match.action = match.changed.empty() ? SaveAction::kSame : SaveAction::kUpdate;
    return same_unless_typed(std::move(match));
  }
  const bool card = candidate.kind == RecordKind::kCard;
  const std::vector<Record>& list = card ? profile.cards : profile.addresses;
  const size_t keys = candidate.record.size();
  const Record* best = nullptr;
  size_t best_same = 0;
  std::vector<std::string> best_changed;
  for (const Record& record : list) {
    std::vector<std::string> changed = Differences(candidate.kind, record.fields, candidate.record,
                                                   card ? nullptr : &profile.person);
    if (changed.empty()) {
      match.action = SaveAction::kSame;
      match.id = record.id;
      match.label = LabelOf(record);
      return match;
    }
    const size_t same = keys - changed.size();
    const bool candidate_for_update =
        card ? std::find(changed.begin(), changed.end(), "cc-number") == changed.end()
             : same >= 2 && same * 2 >= keys;
    if (candidate_for_update && same > best_same) {
      best = &record;
      best_same = same;
      best_changed = std::move(changed);
    }
  }
  if (best == nullptr) return match;  // kNew
  match.action = SaveAction::kUpdate;
  match.id = best->id;
  match.label = LabelOf(*best);
  match.changed = std::move(best_changed);
  return same_unless_typed(std::move(match));
}

Result<std::string> SaveRecord(Profile& profile, RecordKind kind, std::string_view id,
                               const json& record) {
  if (!record.is_object()) {
    return Status(ErrorCode::kInvalidField, "record must be a JSON object", "record");
  }
  if (record.contains("id")) {
    return Status(ErrorCode::kInvalidField, "record.id is given apart from the record",
                  "record.id");
  }
  if (kind == RecordKind::kPerson && !id.empty()) {
    return Status(ErrorCode::kBadRequest, "the person has no id", "id");
  }
  json whole = ProfileToJson(profile);
  std::string path;
  size_t index = 0;
  if (kind == RecordKind::kPerson || id.empty()) {
    json laid = record;
    if (kind != RecordKind::kPerson && !laid.contains("label")) {
      if (kind == RecordKind::kCard) {
        const auto number = laid.find("cc-number");
        std::string digits;
        if (number != laid.end() && number->is_string()) {
          for (char c : number->get<std::string>()) {
            if (IsAsciiDigit(c)) digits += c;
          }
        }
        laid["label"] = digits.size() >= 4 ? "Card " + digits.substr(digits.size() - 4) : "Card";
        Wipe(digits.data(), digits.size());
      } else {
        const auto street = laid.find("street-address");
        std::string first = street != laid.end() && street->is_string() ? street->get<std::string>()
                                                                        : std::string();
        first = std::string(TrimSpaces(first.substr(0, first.find_first_of("\r\n"))));
        laid["label"] = first.empty() ? std::string("Address") : first.substr(0, 60);
      }
    }
    path = LayOver(whole, kind, laid, &index);
    WipeJson(laid);
  } else {
    json& list = whole[std::string(ListName(kind))];
    for (index = 0; index < list.size(); ++index) {
      if (list[index].value("id", "") == id) break;
    }
    if (index == list.size()) {
      WipeJson(whole);
      return Status(
          ErrorCode::kNotFound,
          std::string(kind == RecordKind::kCard ? "no card" : "no address") + " with that id",
          "id");
    }
    for (auto it = record.begin(); it != record.end(); ++it) list[index][it.key()] = it.value();
    path = std::string(ListName(kind)) + "[" + std::to_string(index) + "]";
  }
  Result<Profile> read = ProfileFromJson(whole);
  WipeJson(whole);
  if (!read.ok()) {
    const Status& s = read.status();
    const std::string prefix = path + ".";
    std::string field = "record";
    if (s.field().rfind(prefix, 0) == 0) field = "record." + s.field().substr(prefix.size());
    return Status(s.code(), s.message(), std::move(field));
  }
  profile = std::move(read).value();
  if (kind == RecordKind::kPerson) return std::string();
  const std::vector<Record>& list = kind == RecordKind::kCard ? profile.cards : profile.addresses;
  return list.at(index).id;
}

std::optional<RecordKind> SaveKindFromName(std::string_view name) {
  if (name == "address") return RecordKind::kAddress;
  if (name == "card") return RecordKind::kCard;
  if (name == "person") return RecordKind::kPerson;
  return std::nullopt;
}

std::string_view SaveKindName(RecordKind kind) {
  switch (kind) {
    case RecordKind::kAddress:
      return "address";
    case RecordKind::kCard:
      return "card";
    case RecordKind::kPerson:
      return "person";
    case RecordKind::kDefaults:
      break;
  }
  return "";
}

json MaskedRecord(RecordKind kind, const json& record) {
  json out = record;
  if (kind != RecordKind::kCard) return out;
  out.erase("cc-csc");
  const auto number = out.find("cc-number");
  if (number != out.end() && number->is_string()) {
    const std::string digits = number->get<std::string>();
    *number = "•••• " + (digits.size() >= 4 ? digits.substr(digits.size() - 4) : digits);
  }
  return out;
}

}  // namespace pims
