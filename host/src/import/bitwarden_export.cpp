// The profile as a Bitwarden unencrypted JSON export (docs/import.md, "Export"), the shape
// Bitwarden's importer reads back: the person and each address as an identity (type 4), each
// card as a card (type 3). ReadBitwarden reads it back into the same profile.
#include <string>
#include <vector>

#include "import/builder.h"

namespace pims {
namespace {

using nlohmann::json;

constexpr int kCardType = 3;
constexpr int kIdentityType = 4;

std::string Get(const FieldMap& fields, std::string_view key) {
  const auto it = fields.find(key);
  return it == fields.end() ? std::string() : std::string(it->second.reveal());
}

// A string for Bitwarden: null when empty, as Bitwarden writes unset fields.
json TextOrNull(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json Item(int type, const std::string& name) {
  return json{{"id", nullptr},           {"organizationId", nullptr},
              {"folderId", nullptr},     {"type", type},
              {"reprompt", 0},           {"name", name},
              {"notes", nullptr},        {"favorite", false},
              {"collectionIds", nullptr}};
}

json Identity() {
  json identity = json::object();
  for (const char* key : {"title", "firstName", "middleName", "lastName", "address1", "address2",
                          "address3", "city", "state", "postalCode", "country", "company", "email",
                          "phone", "ssn", "username", "passportNumber", "licenseNumber"}) {
    identity[key] = nullptr;
  }
  return identity;
}

// The fields a person and an address share.
void SetContact(json& identity, const FieldMap& fields) {
  identity["company"] = TextOrNull(Get(fields, "organization"));
  identity["email"] = TextOrNull(Get(fields, "email"));
  identity["phone"] = TextOrNull(Get(fields, "tel"));
}

// A recipient's name in Bitwarden's three parts: the person's own parts when it is the
// person's name, else all but the last word as the first name.
void SetName(json& identity, const Profile& profile, const std::string& name) {
  const std::string given = Get(profile.person, "given-name");
  const std::string additional = Get(profile.person, "additional-name");
  const std::string family = Get(profile.person, "family-name");
  if (name == JoinWords({given, additional, family})) {
    identity["firstName"] = TextOrNull(given);
    identity["middleName"] = TextOrNull(additional);
    identity["lastName"] = TextOrNull(family);
    return;
  }
  const size_t space = name.rfind(' ');
  identity["firstName"] = TextOrNull(space == std::string::npos ? name : name.substr(0, space));
  identity["lastName"] = TextOrNull(space == std::string::npos ? "" : name.substr(space + 1));
}

json AddressItem(const Profile& profile, const Record& address, size_t index) {
  const FieldMap& f = address.fields;
  const std::string label = Get(f, "label");
  json item = Item(kIdentityType, label.empty() ? "Address " + std::to_string(index + 1) : label);
  json identity = Identity();
  SetName(identity, profile, Get(f, "name"));
  // Bitwarden has three street lines; more lines and the dependent locality join the third.
  std::vector<std::string> lines;
  const std::string street = Get(f, "street-address");
  std::string_view rest = street;
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    lines.emplace_back(rest.substr(0, end));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  const std::string level3 = Get(f, "address-level3");
  if (!level3.empty()) lines.push_back(level3);
  for (size_t i = 3; i < lines.size(); ++i) lines[2] += ", " + lines[i];
  for (size_t i = 0; i < 3 && i < lines.size(); ++i) {
    identity["address" + std::to_string(i + 1)] = lines[i];
  }
  identity["city"] = TextOrNull(Get(f, "address-level2"));
  identity["state"] = TextOrNull(Get(f, "address-level1"));
  identity["postalCode"] = TextOrNull(Get(f, "postal-code"));
  identity["country"] = TextOrNull(Get(f, "country"));
  SetContact(identity, f);
  item["identity"] = std::move(identity);
  return item;
}

json PersonItem(const Profile& profile) {
  const FieldMap& p = profile.person;
  json item = Item(kIdentityType, "Me");
  json identity = Identity();
  identity["firstName"] = TextOrNull(Get(p, "given-name"));
  identity["middleName"] = TextOrNull(Get(p, "additional-name"));
  identity["lastName"] = TextOrNull(Get(p, "family-name"));
  SetContact(identity, p);
  item["identity"] = std::move(identity);
  return item;
}

json CardItem(const Record& card, size_t index) {
  const FieldMap& f = card.fields;
  const std::string label = Get(f, "label");
  json item = Item(kCardType, label.empty() ? "Card " + std::to_string(index + 1) : label);
  item["card"] = json{{"cardholderName", TextOrNull(Get(f, "cc-name"))},
                      {"brand", nullptr},
                      {"number", TextOrNull(Get(f, "cc-number"))},
                      {"expMonth", TextOrNull(Get(f, "cc-exp-month"))},
                      {"expYear", TextOrNull(Get(f, "cc-exp-year"))},
                      {"code", TextOrNull(Get(f, "cc-csc"))}};
  return item;
}

}  // namespace

Secret ExportBitwardenJson(const Profile& profile) {
  json items = json::array();
  if (!profile.person.empty()) items.push_back(PersonItem(profile));
  for (size_t i = 0; i < profile.addresses.size(); ++i) {
    items.push_back(AddressItem(profile, profile.addresses[i], i));
  }
  for (size_t i = 0; i < profile.cards.size(); ++i) items.push_back(CardItem(profile.cards[i], i));
  json file{{"encrypted", false}, {"folders", json::array()}, {"items", std::move(items)}};
  std::string text = file.dump(2);
  WipeJson(file);
  Secret out(text);
  WipeString(text);
  return out;
}

}  // namespace pims
