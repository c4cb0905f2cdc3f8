#include "import/builder.h"

#include <algorithm>

#include "core/text.h"
#include "profile/place_names.h"
#include "profile/profile_paths.h"

namespace pims {
namespace {

using nlohmann::json;

constexpr int kMaxImportJsonDepth = 64;

// The fields that make a draft's address an address, not just a name beside a phone number.
constexpr std::string_view kPlaceFields[] = {"street-address", "address-level1", "address-level2",
                                             "address-level3", "postal-code",    "country"};

bool HasAnyBut(const FieldMap& fields, std::string_view except) {
  return std::any_of(fields.begin(), fields.end(),
                     [except](const auto& entry) { return entry.first != except; });
}

struct UnplacedWhyEntry {
  UnplacedWhy why;
  std::string_view name;
  std::string_view reason;
};

constexpr UnplacedWhyEntry kUnplacedWhys[] = {
    {UnplacedWhy::kNotKept, "not_kept", "pims keeps no such field (a checkout does not ask it)"},
    {UnplacedWhy::kUnknownName, "unknown_name", "is not a WHATWG autofill field name"},
    {UnplacedWhy::kNotes, "notes", "notes are not imported"},
    {UnplacedWhy::kCustomFields, "custom_fields", "custom fields are not imported"},
    {UnplacedWhy::kInvalid, "invalid", "the value is not valid for its field"},
    {UnplacedWhy::kCardNumberLocked, "card_number_locked",
     "the browser keeps card numbers encrypted with the operating system's key store, which only "
     "it can open: add the number in pims"},
    {UnplacedWhy::kProfileKept, "profile_kept", "differs from the profile's, which is kept"},
    {UnplacedWhy::kMore, "more", "more fields that could not be placed"},
};

const UnplacedWhyEntry& EntryOf(UnplacedWhy why) {
  for (const UnplacedWhyEntry& entry : kUnplacedWhys) {
    if (entry.why == why) return entry;
  }
  return kUnplacedWhys[0];
}

}  // namespace

std::string_view UnplacedWhyName(UnplacedWhy why) { return EntryOf(why).name; }

UnplacedField UnplacedOf(std::string field, UnplacedWhy why, int count, std::string rule) {
  std::string reason = rule.empty() ? std::string(EntryOf(why).reason) : std::move(rule);
  return UnplacedField{std::move(field), why, std::move(reason), count};
}

Status BadImport(std::string message) { return Status(ErrorCode::kBadImport, std::move(message)); }

Result<json> ParseImportJson(std::string_view text, std::string_view what) {
  const size_t invalid = FindInvalidUtf8(text);
  if (invalid != std::string_view::npos) {
    return BadImport(std::string(what) + " is not UTF-8 text (byte " + std::to_string(invalid) +
                     ")");
  }
  bool too_deep = false;
  // The parser itself keeps no recursion; the callback keeps anything deeper out of the tree.
  const json::parser_callback_t bound = [&too_deep](int depth, json::parse_event_t event, json&) {
    if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) &&
        depth >= kMaxImportJsonDepth) {
      too_deep = true;
      return false;
    }
    return true;
  };
  json parsed;
  try {
    parsed = json::parse(text, bound);
  } catch (const json::parse_error& e) {
    // Only the position: nlohmann's own message quotes the text it read.
    return BadImport(std::string(what) + " is not JSON (byte " + std::to_string(e.byte) + ")");
  } catch (const json::out_of_range&) {
    // 406: a number literal beyond a double (1e400); nlohmann throws this, not a parse error.
    return BadImport(std::string(what) + " has a number too large to read");
  }
  if (too_deep) {
    WipeJson(parsed);
    return BadImport(std::string(what) + " nests deeper than " +
                     std::to_string(kMaxImportJsonDepth) + " levels");
  }
  return parsed;
}

void ImportBuilder::Put(ImportDraft& draft, unsigned parts, std::string_view field,
                        std::string_view value, std::string_view source) {
  const std::string name = ChildPath("", source);
  const RecordKind kind = (parts & kToPerson)    ? RecordKind::kPerson
                          : (parts & kToAddress) ? RecordKind::kAddress
                                                 : RecordKind::kCard;
  Result<Secret> normalised = NormalizeField(kind, field, value, name);
  if (!normalised.ok()) {
    // The message is "<name> <rule>": keep the rule.
    const Status status = normalised.status();
    const std::string& message = status.message();
    AddUnplaced(
        UnplacedOf(name, UnplacedWhy::kInvalid, 1,
                   message.size() > name.size() + 1 && message.compare(0, name.size(), name) == 0
                       ? message.substr(name.size() + 1)
                       : message));
    return;
  }
  if (normalised->empty()) return;
  const std::pair<unsigned, FieldMap*> targets[] = {
      {kToPerson, &draft.person}, {kToAddress, &draft.address}, {kToCard, &draft.card}};
  for (const auto& [part, target] : targets) {
    if (parts & part) target->insert_or_assign(std::string(field), *normalised);
  }
}

void ImportBuilder::Unplaced(std::string_view source, UnplacedWhy why) {
  AddUnplaced(UnplacedOf(ChildPath("", source), why));
}

void ImportBuilder::AddUnplaced(UnplacedField field) {
  for (UnplacedField& entry : profile_.unplaced) {
    if (entry.field == field.field && entry.why == field.why && entry.reason == field.reason) {
      ++entry.count;
      return;
    }
  }
  if (profile_.unplaced.size() >= kMaxUnplacedKinds) {
    ++unplaced_other_;
    return;
  }
  profile_.unplaced.push_back(std::move(field));
}

void ImportBuilder::Ignore(std::string_view kind) { ++profile_.ignored[std::string(kind)]; }

Status ImportBuilder::Add(ImportDraft draft) {
  for (auto& [field, value] : draft.person) profile_.person.try_emplace(field, std::move(value));
  const bool address = std::any_of(std::begin(kPlaceFields), std::end(kPlaceFields),
                                   [&](std::string_view f) { return draft.address.count(f) > 0; });
  const bool card = HasAnyBut(draft.card, "label");
  if (address) profile_.addresses.push_back(Record{"", std::move(draft.address)});
  if (card) profile_.cards.push_back(Record{"", std::move(draft.card)});
  if (profile_.addresses.size() > kMaxImportedRecords ||
      profile_.cards.size() > kMaxImportedRecords) {
    return Status(
        ErrorCode::kTooLarge,
        "the file holds more than " + std::to_string(kMaxImportedRecords) + " addresses or cards");
  }
  return Status::Ok();
}

ImportedProfile ImportBuilder::Take() && {
  if (unplaced_other_ > 0) {
    profile_.unplaced.push_back(UnplacedOf("...", UnplacedWhy::kMore, unplaced_other_));
  }
  return std::move(profile_);
}

std::string CountryCodeOrText(std::string_view text) {
  const std::optional<std::string_view> code = CountryCodeOf(FoldText(text));
  return code ? std::string(*code) : std::string(text);
}

std::string JoinWords(std::initializer_list<std::string_view> words) {
  std::string out;
  for (std::string_view word : words) {
    word = TrimSpaces(word);
    if (word.empty()) continue;
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

std::string FourDigitYear(std::string_view year) {
  year = TrimSpaces(year);
  if (year.size() == 2 && AllAsciiDigits(year)) return "20" + std::string(year);
  return std::string(year);
}

}  // namespace pims
