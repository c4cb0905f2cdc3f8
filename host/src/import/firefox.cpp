// Firefox's autofill-profiles.json (docs/import.md, "Firefox"): {"version": 1, "addresses":
// [...], "creditCards": [...]}, each record keyed by autofill field names. Firefox keeps a card's
// number encrypted with the operating system's key store ("cc-number-encrypted") and only its
// last digits in "cc-number": pims imports the rest of the card and says so.
#include "import/readers.h"
#include "pims/json_fields.h"

namespace pims {
namespace {

using nlohmann::json;

constexpr std::string_view kWhat = "the Firefox autofill-profiles.json";

// Firefox's address fields that pims stores under the same name.
constexpr std::string_view kAddressFields[] = {
    "street-address", "address-level3", "address-level2", "address-level1",
    "postal-code",    "country",        "organization",   "tel",
    "email"};

// Calls `read` for each live record of the list `field` (tombstones of deleted records, which
// Firefox keeps for sync, are skipped).
template <typename Read>
Status ForEachRecord(const JsonFields& root, std::string_view field, Read read) {
  PIMS_ASSIGN_OR_RETURN(const json* list, root.RequireArray(field));
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string where =
        std::string(kWhat) + "'s " + std::string(field) + "[" + std::to_string(i) + "]";
    if (!(*list)[i].is_object()) return BadImport(where + " is not an object");
    const JsonFields record = JsonFields::OfImport((*list)[i], where);
    PIMS_ASSIGN_OR_RETURN(std::optional<bool> deleted, record.OptionalBool("deleted"));
    if (deleted.value_or(false)) continue;
    PIMS_RETURN_IF_ERROR(read(record));
  }
  return Status::Ok();
}

Result<std::string> Text(const JsonFields& record, std::string_view field) {
  PIMS_ASSIGN_OR_RETURN(std::optional<std::string> value, record.OptionalString(field));
  return value.value_or(std::string());
}

Status ReadAddress(const JsonFields& record, ImportBuilder& out) {
  ImportDraft draft;
  std::string names[4];
  constexpr std::string_view kNames[4] = {"given-name", "additional-name", "family-name", "name"};
  for (size_t i = 0; i < std::size(kNames); ++i) {
    PIMS_ASSIGN_OR_RETURN(names[i], Text(record, kNames[i]));
    if (i < 3) out.Put(draft, kToPerson, kNames[i], names[i], kNames[i]);
  }
  const std::string joined = JoinWords({names[0], names[1], names[2]});
  out.Put(draft, kToAddress, "name", names[3].empty() ? joined : names[3], "name");
  for (std::string_view field : kAddressFields) {
    PIMS_ASSIGN_OR_RETURN(std::string value, Text(record, field));
    const bool person = field == "organization" || field == "tel" || field == "email";
    out.Put(draft, person ? kToPerson | kToAddress : kToAddress, field,
            field == "country" ? CountryCodeOrText(value) : value, field);
  }
  return out.Add(std::move(draft));
}

Status ReadCard(const JsonFields& record, ImportBuilder& out) {
  ImportDraft draft;
  PIMS_ASSIGN_OR_RETURN(std::string name, Text(record, "cc-name"));
  PIMS_ASSIGN_OR_RETURN(std::string number, Text(record, "cc-number"));
  PIMS_ASSIGN_OR_RETURN(std::string encrypted, Text(record, "cc-number-encrypted"));
  PIMS_ASSIGN_OR_RETURN(std::optional<int64_t> month,
                        record.OptionalInteger("cc-exp-month", 1, 12));
  PIMS_ASSIGN_OR_RETURN(std::optional<int64_t> year,
                        record.OptionalInteger("cc-exp-year", 0, 9999));
  out.Put(draft, kToCard, "cc-name", name, "cc-name");
  if (month) out.Put(draft, kToCard, "cc-exp-month", std::to_string(*month), "cc-exp-month");
  if (year)
    out.Put(draft, kToCard, "cc-exp-year", FourDigitYear(std::to_string(*year)), "cc-exp-year");
  // Older files kept the number in clear; newer ones mask it ("************1111").
  if (!number.empty() && number.find('*') == std::string::npos) {
    out.Put(draft, kToCard, "cc-number", number, "cc-number");
  } else if (!number.empty() || !encrypted.empty()) {
    out.Unplaced("cc-number", UnplacedWhy::kCardNumberLocked);
  }
  return out.Add(std::move(draft));
}

}  // namespace

Status ReadFirefox(std::string_view bytes, ImportBuilder& out) {
  PIMS_ASSIGN_OR_RETURN(json root, ParseImportJson(bytes, kWhat));
  Status read = [&]() -> Status {
    if (!root.is_object()) return BadImport(std::string(kWhat) + " is not a JSON object");
    const JsonFields fields = JsonFields::OfImport(root, std::string(kWhat));
    PIMS_ASSIGN_OR_RETURN(int64_t version, fields.RequireInteger("version", 1, INT32_MAX));
    if (version != 1) {
      return BadImport(std::string(kWhat) + " has version " + std::to_string(version) +
                       "; pims reads version 1");
    }
    PIMS_RETURN_IF_ERROR(ForEachRecord(
        fields, "addresses", [&](const JsonFields& record) { return ReadAddress(record, out); }));
    return ForEachRecord(fields, "creditCards",
                         [&](const JsonFields& record) { return ReadCard(record, out); });
  }();
  WipeJson(root);
  return read;
}

}  // namespace pims
