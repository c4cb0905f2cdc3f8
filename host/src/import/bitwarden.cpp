// Bitwarden's JSON export (docs/import.md, "Bitwarden"): {"encrypted": false, "items": [...]},
// each item {"type": 1 login | 2 secure note | 3 card | 4 identity | 5 SSH key, "name", "card",
// "identity", ...}. A password-protected export carries the same JSON encrypted in "data".
#include "import/bitwarden_crypto.h"
#include "import/readers.h"
#include "pims/json_fields.h"

namespace pims {
namespace {

using nlohmann::json;

constexpr std::string_view kWhat = "the Bitwarden export";

enum ItemType : int64_t { kLogin = 1, kNote = 2, kCard = 3, kIdentity = 4 };

// A string field of a part of the file ("" when absent or null).
Result<std::string> Text(const JsonFields& part, std::string_view field) {
  PIMS_ASSIGN_OR_RETURN(std::optional<std::string> value, part.OptionalString(field));
  return value.value_or(std::string());
}

// Bitwarden fields pims keeps nothing for: counted when they hold something.
void UnplacedIfSet(ImportBuilder& out, const JsonFields& part, std::string_view prefix,
                   std::initializer_list<std::string_view> fields) {
  for (std::string_view field : fields) {
    Result<std::string> value = Text(part, field);
    if (!value.ok() || value->empty()) continue;
    out.Unplaced(std::string(prefix) + std::string(field), UnplacedWhy::kNotKept);
  }
}

Status ReadCard(const JsonFields& card, ImportDraft& draft, ImportBuilder& out) {
  PIMS_ASSIGN_OR_RETURN(std::string name, Text(card, "cardholderName"));
  PIMS_ASSIGN_OR_RETURN(std::string number, Text(card, "number"));
  PIMS_ASSIGN_OR_RETURN(std::string month, Text(card, "expMonth"));
  PIMS_ASSIGN_OR_RETURN(std::string year, Text(card, "expYear"));
  PIMS_ASSIGN_OR_RETURN(std::string code, Text(card, "code"));
  PIMS_RETURN_IF_ERROR(Text(card, "brand").status());  // derived from the number at fill time
  out.Put(draft, kToCard, "cc-name", name, "card.cardholderName");
  out.Put(draft, kToCard, "cc-number", number, "card.number");
  out.Put(draft, kToCard, "cc-exp-month", month, "card.expMonth");
  out.Put(draft, kToCard, "cc-exp-year", FourDigitYear(year), "card.expYear");
  out.Put(draft, kToCard, "cc-csc", code, "card.code");
  return Status::Ok();
}

Status ReadIdentity(const JsonFields& identity, ImportDraft& draft, ImportBuilder& out) {
  std::string values[13];
  constexpr std::string_view kFields[13] = {
      "firstName", "middleName", "lastName", "company", "email",      "phone",  "address1",
      "address2",  "address3",   "city",     "state",   "postalCode", "country"};
  for (size_t i = 0; i < std::size(kFields); ++i) {
    PIMS_ASSIGN_OR_RETURN(values[i], Text(identity, kFields[i]));
  }
  const auto& [first, middle, last, company, email, phone, line1, line2, line3, city, state, postal,
               country] = values;
  out.Put(draft, kToPerson, "given-name", first, "identity.firstName");
  out.Put(draft, kToPerson, "additional-name", middle, "identity.middleName");
  out.Put(draft, kToPerson, "family-name", last, "identity.lastName");
  out.Put(draft, kToAddress, "name", JoinWords({first, middle, last}), "identity.name");
  out.Put(draft, kToPerson | kToAddress, "organization", company, "identity.company");
  out.Put(draft, kToPerson | kToAddress, "email", email, "identity.email");
  out.Put(draft, kToPerson | kToAddress, "tel", phone, "identity.phone");
  out.Put(draft, kToAddress, "street-address", line1 + "\n" + line2 + "\n" + line3,
          "identity.address1");
  out.Put(draft, kToAddress, "address-level2", city, "identity.city");
  out.Put(draft, kToAddress, "address-level1", state, "identity.state");
  out.Put(draft, kToAddress, "postal-code", postal, "identity.postalCode");
  out.Put(draft, kToAddress, "country", CountryCodeOrText(country), "identity.country");
  UnplacedIfSet(out, identity, "identity.", {"title"});
  UnplacedIfSet(out, identity, "identity.", {"ssn", "username", "passportNumber", "licenseNumber"});
  return Status::Ok();
}

Status ReadItem(const json& item, const std::string& where, ImportBuilder& out) {
  if (!item.is_object()) return BadImport(where + " is not an object");
  const JsonFields fields = JsonFields::OfImport(item, where);
  PIMS_ASSIGN_OR_RETURN(int64_t type, fields.RequireInteger("type", 0, INT32_MAX));
  if (type == kLogin) {
    out.Ignore("logins");
    return Status::Ok();
  }
  if (type == kNote) {
    out.Ignore("notes");
    return Status::Ok();
  }
  if (type != kCard && type != kIdentity) {
    out.Ignore("other items");
    return Status::Ok();
  }
  PIMS_ASSIGN_OR_RETURN(std::string label, Text(fields, "name"));
  PIMS_ASSIGN_OR_RETURN(std::string notes, Text(fields, "notes"));
  PIMS_ASSIGN_OR_RETURN(const json* custom, fields.OptionalArray("fields"));
  if (!notes.empty()) out.Unplaced("notes", UnplacedWhy::kNotes);
  if (custom != nullptr && !custom->empty()) {
    out.Unplaced("fields", UnplacedWhy::kCustomFields);
  }
  ImportDraft draft;
  out.Put(draft, type == kCard ? kToCard : kToAddress, "label", label, "name");
  const char* part = type == kCard ? "card" : "identity";
  PIMS_ASSIGN_OR_RETURN(const json* body, fields.RequireObject(part));
  const JsonFields body_fields = JsonFields::OfImport(*body, where + "." + part);
  PIMS_RETURN_IF_ERROR(type == kCard ? ReadCard(body_fields, draft, out)
                                     : ReadIdentity(body_fields, draft, out));
  return out.Add(std::move(draft));
}

Status ReadItems(const json& root, ImportBuilder& out) {
  if (!root.is_object()) return BadImport(std::string(kWhat) + " is not a JSON object");
  const JsonFields fields = JsonFields::OfImport(root, std::string(kWhat));
  PIMS_ASSIGN_OR_RETURN(std::optional<bool> encrypted, fields.OptionalBool("encrypted"));
  if (encrypted.value_or(false)) {
    return BadImport(std::string(kWhat) + " is encrypted inside its encryption");
  }
  PIMS_ASSIGN_OR_RETURN(const json* items, fields.RequireArray("items"));
  for (size_t i = 0; i < items->size(); ++i) {
    PIMS_RETURN_IF_ERROR(
        ReadItem((*items)[i], std::string(kWhat) + "'s items[" + std::to_string(i) + "]", out));
  }
  return Status::Ok();
}

// The file's JSON, wiped when done.
struct ParsedJson {
  json value;
  ~ParsedJson() { WipeJson(value); }
};

}  // namespace

bool BitwardenNeedsPassword(std::string_view bytes) {
  Result<json> root = ParseImportJson(bytes, kWhat);
  if (!root.ok()) return false;
  ParsedJson parsed{std::move(root).value()};
  const JsonFields fields = JsonFields::OfImport(parsed.value, std::string(kWhat));
  const auto encrypted = fields.OptionalBool("encrypted");
  const auto protected_by_password = fields.OptionalBool("passwordProtected");
  return encrypted.ok() && encrypted->value_or(false) && protected_by_password.ok() &&
         protected_by_password->value_or(false);
}

Status ReadBitwarden(std::string_view bytes, std::string_view password, ImportBuilder& out) {
  PIMS_ASSIGN_OR_RETURN(json root, ParseImportJson(bytes, kWhat));
  ParsedJson parsed{std::move(root)};
  const JsonFields fields = JsonFields::OfImport(parsed.value, std::string(kWhat));
  PIMS_ASSIGN_OR_RETURN(std::optional<bool> encrypted, fields.OptionalBool("encrypted"));
  if (!encrypted.value_or(false)) return ReadItems(parsed.value, out);
  PIMS_ASSIGN_OR_RETURN(std::optional<bool> protected_by_password,
                        fields.OptionalBool("passwordProtected"));
  if (!protected_by_password.value_or(false)) {
    return BadImport(
        "this Bitwarden export is encrypted with the Bitwarden account's own key, which only "
        "Bitwarden can open: export again as \"JSON (Encrypted)\" with \"Password protected\", or "
        "as unencrypted JSON");
  }
  PIMS_ASSIGN_OR_RETURN(Secret clear, OpenBitwardenExport(fields, password));
  PIMS_ASSIGN_OR_RETURN(json inner, ParseImportJson(clear.reveal(), "the decrypted export"));
  ParsedJson decrypted{std::move(inner)};
  return ReadItems(decrypted.value, out);
}

}  // namespace pims
