// 1Password's 1PUX export (docs/import.md, "1Password"): a ZIP archive whose export.data is
// {"accounts": [{"vaults": [{"items": [...]}]}]}. An item has a categoryUuid ("001" login,
// "002" credit card, "003" secure note, "004" identity, ...), an overview with its title and
// details.sections[].fields[], each field {"id", "title", "value": {<type>: <value>}}.
#include <chrono>
#include <cstdio>

#include "import/readers.h"
#include "import/zip.h"
#include "pims/json_fields.h"

namespace pims {
namespace {

using nlohmann::json;

constexpr std::string_view kArchive = "the 1PUX archive";
constexpr std::string_view kWhat = "the 1PUX export";

// The value types that hold text.
constexpr std::string_view kTextTypes[] = {"string",         "concealed", "email",
                                           "phone",          "url",       "menu",
                                           "creditCardType", "gender",    "creditCardNumber"};

struct Field {
  std::string id;
  std::string name;  // for messages: the title the shopper saw, else the id
  const json* value = nullptr;
  std::string where;
};

// The text of a field, "" when it holds none (or a value of another kind).
Result<std::string> TextOf(const Field& field) {
  const JsonFields value = JsonFields::OfImport(*field.value, field.where + ".value");
  for (std::string_view type : kTextTypes) {
    PIMS_ASSIGN_OR_RETURN(std::optional<std::string> text, value.OptionalString(type));
    if (text) return *text;
  }
  return std::string();
}

// True when the field holds anything at all (for counting what could not be placed).
bool HasValue(const Field& field) {
  for (const auto& [type, value] : field.value->items()) {
    (void)type;
    if (!value.is_null() && !(value.is_string() && value.get_ref<const std::string&>().empty())) {
      return true;
    }
  }
  return false;
}

// "YYYY-MM-DD" of a Unix time in seconds (UTC), "" outside the years 1..9999.
std::string DateOf(int64_t seconds) {
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_seconds{std::chrono::seconds{seconds}});
  const year_month_day ymd{day};
  if (!ymd.ok() || int{ymd.year()} < 1 || int{ymd.year()} > 9999) return {};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", int{ymd.year()}, unsigned{ymd.month()},
                unsigned{ymd.day()});
  return text;
}

Status ReadCardField(const Field& field, ImportDraft& draft, ImportBuilder& out) {
  const std::string source = "card." + field.name;
  if (field.id == "expiry") {
    const JsonFields value = JsonFields::OfImport(*field.value, field.where + ".value");
    PIMS_ASSIGN_OR_RETURN(std::optional<int64_t> month_year,
                          value.OptionalInteger("monthYear", 0, 999999));
    if (!month_year) return Status::Ok();
    out.Put(draft, kToCard, "cc-exp-month", std::to_string(*month_year % 100), source);
    out.Put(draft, kToCard, "cc-exp-year", std::to_string(*month_year / 100), source);
    return Status::Ok();
  }
  constexpr std::pair<std::string_view, std::string_view> kCardFields[] = {
      {"cardholder", "cc-name"}, {"ccnum", "cc-number"}, {"cvv", "cc-csc"}};
  for (const auto& [id, name] : kCardFields) {
    if (field.id != id) continue;
    PIMS_ASSIGN_OR_RETURN(std::string text, TextOf(field));
    out.Put(draft, kToCard, name, text, source);
    return Status::Ok();
  }
  if (field.id == "type") return Status::Ok();  // the network: derived from the number
  if (HasValue(field)) out.Unplaced(source, UnplacedWhy::kNotKept);
  return Status::Ok();
}

Status ReadAddress(const Field& field, ImportDraft& draft, ImportBuilder& out) {
  const JsonFields value = JsonFields::OfImport(*field.value, field.where + ".value");
  PIMS_ASSIGN_OR_RETURN(const json* address, value.OptionalObject("address"));
  if (address == nullptr) return Status::Ok();
  const JsonFields parts = JsonFields::OfImport(*address, field.where + ".value.address");
  constexpr std::pair<std::string_view, std::string_view> kParts[] = {{"street", "street-address"},
                                                                      {"city", "address-level2"},
                                                                      {"state", "address-level1"},
                                                                      {"zip", "postal-code"},
                                                                      {"country", "country"}};
  for (const auto& [key, name] : kParts) {
    PIMS_ASSIGN_OR_RETURN(std::optional<std::string> text, parts.OptionalString(key));
    if (!text) continue;
    out.Put(draft, kToAddress, name, name == "country" ? CountryCodeOrText(*text) : *text,
            "identity.address." + std::string(key));
  }
  return Status::Ok();
}

Status ReadIdentityField(const Field& field, ImportDraft& draft, ImportBuilder& out) {
  const std::string source = "identity." + field.name;
  if (field.id == "address") return ReadAddress(field, draft, out);
  if (field.id == "birthdate") {
    const JsonFields value = JsonFields::OfImport(*field.value, field.where + ".value");
    PIMS_ASSIGN_OR_RETURN(std::optional<int64_t> seconds,
                          value.OptionalInteger("date", INT32_MIN * 1000LL, INT32_MAX * 1000LL));
    if (seconds) out.Put(draft, kToPerson, "bday", DateOf(*seconds), source);
    return Status::Ok();
  }
  struct Mapping {
    std::string_view id;
    unsigned parts;
    std::string_view name;
  };
  constexpr Mapping kIdentityFields[] = {{"firstname", kToPerson, "given-name"},
                                         {"initial", kToPerson, "additional-name"},
                                         {"lastname", kToPerson, "family-name"},
                                         {"company", kToPerson | kToAddress, "organization"},
                                         {"defphone", kToPerson | kToAddress, "tel"},
                                         {"email", kToPerson | kToAddress, "email"}};
  for (const Mapping& mapping : kIdentityFields) {
    if (field.id != mapping.id) continue;
    PIMS_ASSIGN_OR_RETURN(std::string text, TextOf(field));
    out.Put(draft, mapping.parts, mapping.name, text, source);
    return Status::Ok();
  }
  if (HasValue(field)) out.Unplaced(source, UnplacedWhy::kNotKept);
  return Status::Ok();
}

// Every field of every section, in order.
Result<std::vector<Field>> FieldsOf(const JsonFields& details, const std::string& where) {
  std::vector<Field> fields;
  PIMS_ASSIGN_OR_RETURN(const json* sections, details.OptionalArray("sections"));
  if (sections == nullptr) return fields;
  for (size_t s = 0; s < sections->size(); ++s) {
    const std::string section_where = where + ".sections[" + std::to_string(s) + "]";
    const JsonFields section = JsonFields::OfImport((*sections)[s], section_where);
    if (!(*sections)[s].is_object()) return BadImport(section_where + " is not an object");
    PIMS_ASSIGN_OR_RETURN(const json* list, section.OptionalArray("fields"));
    if (list == nullptr) continue;
    for (size_t f = 0; f < list->size(); ++f) {
      Field field;
      field.where = section_where + ".fields[" + std::to_string(f) + "]";
      if (!(*list)[f].is_object()) return BadImport(field.where + " is not an object");
      const JsonFields reader = JsonFields::OfImport((*list)[f], field.where);
      PIMS_ASSIGN_OR_RETURN(field.id, reader.RequireString("id"));
      PIMS_ASSIGN_OR_RETURN(std::optional<std::string> title, reader.OptionalString("title"));
      field.name = title && !title->empty() ? *title : field.id;
      PIMS_ASSIGN_OR_RETURN(field.value, reader.RequireObject("value"));
      fields.push_back(std::move(field));
    }
  }
  return fields;
}

Status ReadItem(const json& element, const std::string& where, ImportBuilder& out) {
  if (!element.is_object()) return BadImport(where + " is not an object");
  // Early exports wrap each item as {"item": {...}}.
  const JsonFields outer = JsonFields::OfImport(element, where);
  PIMS_ASSIGN_OR_RETURN(const json* wrapped, outer.OptionalObject("item"));
  const json& item = wrapped != nullptr ? *wrapped : element;
  const JsonFields fields = JsonFields::OfImport(item, where);
  PIMS_ASSIGN_OR_RETURN(std::string category, fields.RequireString("categoryUuid"));
  PIMS_ASSIGN_OR_RETURN(std::optional<bool> trashed, fields.OptionalBool("trashed"));
  PIMS_ASSIGN_OR_RETURN(std::optional<std::string> state, fields.OptionalString("state"));
  if (trashed.value_or(false) || state.value_or("active") != "active") {
    out.Ignore("archived or deleted items");
    return Status::Ok();
  }
  const bool card = category == "002";
  if (!card && category != "004") {
    out.Ignore(category == "001" ? "logins" : category == "003" ? "notes" : "other items");
    return Status::Ok();
  }
  ImportDraft draft;
  PIMS_ASSIGN_OR_RETURN(const json* overview, fields.OptionalObject("overview"));
  if (overview != nullptr) {
    PIMS_ASSIGN_OR_RETURN(
        std::optional<std::string> title,
        JsonFields::OfImport(*overview, where + ".overview").OptionalString("title"));
    out.Put(draft, card ? kToCard : kToAddress, "label", title.value_or(""), "overview.title");
  }
  PIMS_ASSIGN_OR_RETURN(const json* details, fields.RequireObject("details"));
  const JsonFields details_fields = JsonFields::OfImport(*details, where + ".details");
  PIMS_ASSIGN_OR_RETURN(std::optional<std::string> notes,
                        details_fields.OptionalString("notesPlain"));
  if (!notes.value_or("").empty()) out.Unplaced("notesPlain", UnplacedWhy::kNotes);
  PIMS_ASSIGN_OR_RETURN(std::vector<Field> item_fields,
                        FieldsOf(details_fields, where + ".details"));
  for (const Field& field : item_fields) {
    PIMS_RETURN_IF_ERROR(card ? ReadCardField(field, draft, out)
                              : ReadIdentityField(field, draft, out));
  }
  if (!card) {
    // The recipient's name, as the person's parts joined.
    const auto part = [&draft](const char* name) {
      const auto it = draft.person.find(name);
      return it == draft.person.end() ? std::string_view() : it->second.reveal();
    };
    out.Put(draft, kToAddress, "name",
            JoinWords({part("given-name"), part("additional-name"), part("family-name")}),
            "identity.name");
  }
  return out.Add(std::move(draft));
}

// Calls `each` for every element of the array `field` of `parent`, with its path.
template <typename Each>
Status ForEach(const json& parent, const std::string& where, std::string_view field, Each each) {
  if (!parent.is_object()) return BadImport(where + " is not an object");
  PIMS_ASSIGN_OR_RETURN(const json* list, JsonFields::OfImport(parent, where).RequireArray(field));
  for (size_t i = 0; i < list->size(); ++i) {
    PIMS_RETURN_IF_ERROR(
        each((*list)[i], where + "." + std::string(field) + "[" + std::to_string(i) + "]"));
  }
  return Status::Ok();
}

}  // namespace

Status ReadOnePux(std::string_view bytes, ImportBuilder& out) {
  PIMS_ASSIGN_OR_RETURN(Secret data,
                        ReadZipEntry(bytes, "export.data", kMaxUnpackedBytes, kArchive));
  PIMS_ASSIGN_OR_RETURN(json root, ParseImportJson(data.reveal(), kWhat));
  const Status read =
      ForEach(root, std::string(kWhat), "accounts", [&](const json& account, const auto& a) {
        return ForEach(account, a, "vaults", [&](const json& vault, const auto& v) {
          return ForEach(vault, v, "items",
                         [&](const json& item, const auto& i) { return ReadItem(item, i, out); });
        });
      });
  WipeJson(root);
  return read;
}

}  // namespace pims
