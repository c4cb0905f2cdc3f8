#include "checkout_form.h"

#include <string>

namespace pims::bench {
namespace {

FieldDescriptor Field(std::string label, std::string name, std::string type = "text",
                      std::string placeholder = "") {
  FieldDescriptor d;
  d.tag = type == "select" ? "select" : type == "textarea" ? "textarea" : "input";
  d.type = std::move(type);
  d.label = std::move(label);
  d.name = name;
  d.id = "checkout_" + name;
  d.placeholder = std::move(placeholder);
  d.form = "checkout";
  return d;
}

FieldDescriptor Select(std::string label, std::string name, std::vector<SelectOption> options) {
  FieldDescriptor d = Field(std::move(label), std::move(name), "select");
  d.options = std::move(options);
  return d;
}

std::vector<SelectOption> Countries() {
  std::vector<SelectOption> options{{"", "Select a country"}};
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A'; b <= 'J'; ++b) {
      const std::string code{a, b};
      options.push_back({code, "Country " + code});
    }
  }
  options.push_back({"GB", "United Kingdom"});
  return options;  // 262 options
}

std::vector<SelectOption> States() {
  std::vector<SelectOption> options{{"", "State"}};
  for (const char* s :
       {"Alabama",       "Alaska",      "Arizona",        "Arkansas",      "California",
        "Colorado",      "Connecticut", "Delaware",       "Florida",       "Georgia",
        "Hawaii",        "Idaho",       "Illinois",       "Indiana",       "Iowa",
        "Kansas",        "Kentucky",    "Louisiana",      "Maine",         "Maryland",
        "Massachusetts", "Michigan",    "Minnesota",      "Mississippi",   "Missouri",
        "Montana",       "Nebraska",    "Nevada",         "New Hampshire", "New Jersey",
        "New Mexico",    "New York",    "North Carolina", "North Dakota",  "Ohio",
        "Oklahoma",      "Oregon",      "Pennsylvania",   "Rhode Island",  "South Carolina",
        "South Dakota",  "Tennessee",   "Texas",          "Utah",          "Vermont",
        "Virginia",      "Washington",  "West Virginia",  "Wisconsin",     "Wyoming"}) {
    options.push_back({s, s});
  }
  return options;
}

std::vector<SelectOption> Range(int from, int to) {
  std::vector<SelectOption> options{{"", "--"}};
  for (int i = from; i <= to; ++i) options.push_back({std::to_string(i), std::to_string(i)});
  return options;
}

}  // namespace

std::vector<FieldDescriptor> CheckoutForm() {
  std::vector<FieldDescriptor> form = {
      Field("Search our store", "q", "search"),
      Field("Email address", "email", "email"),
      Field("Phone number", "phone", "tel"),
      Field("First name", "shipping_first_name"),
      Field("Last name", "shipping_last_name"),
      Field("Company (optional)", "shipping_company"),
      Field("Street address", "shipping_address1"),
      Field("Apartment, suite, etc.", "shipping_address2"),
      Field("City", "shipping_city"),
      Select("State", "shipping_state", States()),
      Field("ZIP code", "shipping_zip", "text", "12345"),
      Select("Country", "shipping_country", Countries()),
      Field("First name", "billing_first_name"),
      Field("Last name", "billing_last_name"),
      Field("Street address", "billing_address1"),
      Field("Apartment, suite, etc.", "billing_address2"),
      Field("City", "billing_city"),
      Select("State", "billing_state", States()),
      Field("ZIP code", "billing_zip"),
      Select("Country", "billing_country", Countries()),
      Field("Name on card", "cc_name"),
      Field("Card number", "cc_number", "tel", "1234 1234 1234 1234"),
      Select("Expiration month", "cc_exp_month", Range(1, 12)),
      Select("Expiration year", "cc_exp_year", Range(2025, 2045)),
      Field("Security code", "cc_cvv", "tel", "CVC"),
      Field("Gift card or discount code", "discount_code"),
      Field("Order notes", "order_notes", "textarea"),
      Field("Sign up for news", "newsletter", "checkbox"),
      Field("Vorname", "vorname"),
      Field("Nachname", "nachname"),
      Field("Straße und Hausnummer", "strasse"),
      Field("PLZ", "plz"),
      Field("Ort", "ort"),
      Field("Prénom", "prenom"),
      Field("Nom", "nom"),
      Field("Code postal", "cp"),
      Field("Ville", "ville"),
      Field("Date of birth", "dob", "text", "DD/MM/YYYY"),
      Field("Password", "password", "password"),
      Field("Quantity", "qty", "number"),
  };
  for (size_t i = 0; i < form.size(); ++i) form[i].ref = "f" + std::to_string(i + 1);
  return form;  // 40 fields
}

nlohmann::json CheckoutFormJson(Options with) {
  nlohmann::json fields = nlohmann::json::array();
  for (const FieldDescriptor& d : CheckoutForm()) {
    nlohmann::json j = {{"ref", d.ref},   {"tag", d.tag},        {"type", d.type},
                        {"name", d.name}, {"id", d.id},          {"label", d.label},
                        {"form", d.form}, {"visible", d.visible}};
    if (!d.placeholder.empty()) j["placeholder"] = d.placeholder;
    if (!d.options.empty() && with == Options::kWith) {
      nlohmann::json options = nlohmann::json::array();
      for (const SelectOption& o : d.options)
        options.push_back({{"value", o.value}, {"text", o.text}});
      j["options"] = std::move(options);
    }
    fields.push_back(std::move(j));
  }
  return fields;
}

}  // namespace pims::bench
