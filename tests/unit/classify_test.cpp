#include "pims/classify.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/text.h"
#include "pims/session.h"

namespace pims {
namespace {

// A field described the way the content script describes it.
struct F {
  std::string label;
  std::string name = {};
  std::string type = "text";
  std::string placeholder = {};
  int maxlength = -1;
  std::vector<SelectOption> options = {};
  std::string section = {};
  std::string autocomplete = {};
  std::string id = {};
};

std::vector<FieldDescriptor> Form(const std::vector<F>& fields) {
  std::vector<FieldDescriptor> form;
  int ref = 0;
  for (const F& f : fields) {
    FieldDescriptor d;
    d.ref = "f" + std::to_string(++ref);
    d.tag = f.type == "select" ? "select" : f.type == "textarea" ? "textarea" : "input";
    d.type = f.type;
    d.label = f.label;
    d.name = f.name;
    d.id = f.id;
    d.placeholder = f.placeholder;
    d.maxlength = f.maxlength;
    d.options = f.options;
    d.section = f.section;
    d.autocomplete = f.autocomplete;
    form.push_back(d);
  }
  return form;
}

// The field names the classifier gives ("-" for none), in order.
std::vector<std::string> Names(const std::vector<F>& fields) {
  const std::vector<FieldDescriptor> form = Form(fields);
  std::vector<std::string> names;
  for (const auto& token : HeuristicClassifier().Classify(form)) {
    names.push_back(token ? token->field : "-");
  }
  return names;
}

std::vector<AddressHint> Hints(const std::vector<F>& fields) {
  const std::vector<FieldDescriptor> form = Form(fields);
  std::vector<AddressHint> hints;
  for (const auto& token : HeuristicClassifier().Classify(form)) {
    hints.push_back(token ? token->hint : AddressHint::kNone);
  }
  return hints;
}

using Names_ = std::vector<std::string>;

std::vector<SelectOption> Options(std::initializer_list<std::pair<const char*, const char*>> list) {
  std::vector<SelectOption> options;
  for (const auto& [value, text] : list) options.push_back({value, text});
  return options;
}

std::vector<SelectOption> Years(int from, int to) {
  std::vector<SelectOption> options{{"", "Year"}};
  for (int y = from; from <= to ? y <= to : y >= to; y += from <= to ? 1 : -1) {
    options.push_back({std::to_string(y), std::to_string(y)});
  }
  return options;
}

std::vector<SelectOption> Numbers(int from, int to) {
  std::vector<SelectOption> options{{"", "--"}};
  for (int n = from; n <= to; ++n) options.push_back({std::to_string(n), std::to_string(n)});
  return options;
}

TEST_CASE("the host's fill uses the heuristic classifier by default", "[classify]") {
  CHECK(SessionConfig{}.classifier == &HeuristicClassifier());
}

TEST_CASE("text is folded to lowercase ASCII words split at camelCase and digits", "[classify]") {
  CHECK(NormalizeText("billingFirstName2") == " billing first name 2 ");
  CHECK(NormalizeText("ZIPCode") == " zip code ");
  CHECK(NormalizeText("Straße & Hausnummer") == " strasse hausnummer ");
  CHECK(NormalizeText("Código Postal") == " codigo postal ");
  CHECK(NormalizeText("Prénom*") == " prenom ");
  CHECK(NormalizeText("E-Mail-Adresse") == " e mail adresse ");
  CHECK(NormalizeText("") == "");
  CHECK(NormalizeText("  --  ") == "");
  CHECK(NormalizeText("\xff\xfe name") == " name ");  // invalid UTF-8 separates words
  CHECK(FoldText("Côte d'Ivoire") == "cote d ivoire");
  CHECK(FoldText("  United-Kingdom (GB) ") == "united kingdom gb");
  CHECK(FoldText("CVV2") == "cvv 2");
  CHECK(FoldText("--") == "");
}

TEST_CASE("ASCII text folds to the same words as through the general UTF-8 path", "[classify]") {
  // FoldText folds ASCII in a pass of its own; " é" appended sends the same text through the
  // general path, which must give the same words and then "e".
  const std::string alphabet = "aZz09 -_.,'/()AbCdEf+#";
  uint32_t seed = 12345;
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    const size_t length = seed % 24;
    for (size_t j = 0; j < length; ++j) {
      seed = seed * 1103515245u + 12345u;
      text.push_back(alphabet[(seed >> 16) % alphabet.size()]);
    }
    seed = seed * 1103515245u + 12345u;
    const std::string fast = FoldText(text);
    const std::string general = FoldText(text + " \xc3\xa9");
    INFO("text: [" << text << "]");
    CHECK(general == (fast.empty() ? "e" : fast + " e"));
  }
}

TEST_CASE("an English checkout form without autocomplete", "[classify]") {
  CHECK(Names({{"First name"},
               {"Last name"},
               {"Email address", "email", "email"},
               {"Phone number", "phone", "tel"},
               {"Street address"},
               {"Apt, suite (optional)"},
               {"City"},
               {"State", "state", "select", "", -1,
                Options({{"", "Select"},
                         {"AL", "Alabama"},
                         {"AK", "Alaska"},
                         {"AZ", "Arizona"},
                         {"CA", "California"},
                         {"CO", "Colorado"},
                         {"CT", "Connecticut"},
                         {"DE", "Delaware"},
                         {"FL", "Florida"},
                         {"GA", "Georgia"}})},
               {"ZIP code"}}) == Names_{"given-name", "family-name", "email", "tel",
                                        "address-line1", "address-line2", "address-level2",
                                        "address-level1", "postal-code"});
}

TEST_CASE("German, French, Spanish, Italian, Dutch and Portuguese labels", "[classify]") {
  // de
  CHECK(Names({{"Vorname"},
               {"Nachname"},
               {"Straße und Hausnummer"},
               {"Adresszusatz"},
               {"PLZ"},
               {"Ort"},
               {"Land"},
               {"E-Mail-Adresse"},
               {"Telefonnummer"}}) == Names_{"given-name", "family-name", "address-line1",
                                             "address-line2", "postal-code", "address-level2",
                                             "country-name", "email", "tel"});
  // fr: "Nom" beside "Prénom" is the family name.
  CHECK(Names({{"Prénom"},
               {"Nom"},
               {"Adresse"},
               {"Complément d'adresse"},
               {"Code postal"},
               {"Ville"},
               {"Pays"},
               {"Courriel"},
               {"Téléphone"}}) == Names_{"given-name", "family-name", "address-line1",
                                         "address-line2", "postal-code", "address-level2",
                                         "country-name", "email", "tel"});
  // es: "Nombre" beside "Apellidos" is the given name.
  CHECK(Names({{"Nombre"},
               {"Apellidos"},
               {"Dirección"},
               {"Código postal"},
               {"Ciudad"},
               {"Provincia"},
               {"País"},
               {"Correo electrónico"},
               {"Teléfono móvil"}}) == Names_{"given-name", "family-name", "street-address",
                                              "postal-code", "address-level2", "address-level1",
                                              "country-name", "email", "tel"});
  // it
  CHECK(Names({{"Nome"},
               {"Cognome"},
               {"Indirizzo"},
               {"CAP"},
               {"Città"},
               {"Provincia"},
               {"Paese"},
               {"Indirizzo email"},
               {"Cellulare"}}) == Names_{"given-name", "family-name", "street-address",
                                         "postal-code", "address-level2", "address-level1",
                                         "country-name", "email", "tel"});
  // nl
  CHECK(Names({{"Voornaam"},
               {"Achternaam"},
               {"Straat"},
               {"Postcode"},
               {"Woonplaats"},
               {"Land"},
               {"E-mailadres"},
               {"Telefoonnummer"}}) == Names_{"given-name", "family-name", "street-address",
                                              "postal-code", "address-level2", "country-name",
                                              "email", "tel"});
  // pt
  CHECK(Names({{"Nome"},
               {"Sobrenome"},
               {"Endereço"},
               {"Complemento"},
               {"CEP"},
               {"Cidade"},
               {"Estado"},
               {"E-mail"},
               {"Celular"}}) == Names_{"given-name", "family-name", "address-line1",
                                       "address-line2", "postal-code", "address-level2",
                                       "address-level1", "email", "tel"});
}

TEST_CASE("a lone name field is the whole name; nom, nombre, nome alone too", "[classify]") {
  CHECK(Names({{"Full name"}, {"Email"}}) == Names_{"name", "email"});
  CHECK(Names({{"Name"}, {"Email"}}) == Names_{"name", "email"});
  CHECK(Names({{"Nom"}, {"Courriel"}}) == Names_{"name", "email"});
  CHECK(Names({{"Nombre completo"}, {"Correo"}}) == Names_{"name", "email"});
  CHECK(Names({{"Nome"}, {"E-mail"}}) == Names_{"name", "email"});
}

TEST_CASE("names and ids are read when there is no label", "[classify]") {
  CHECK(Names({{"", "billingFirstName"},
               {"", "billing_last_name"},
               {"", "ctl00$Main$txtAddressLine1"},
               {"", "ctl00$Main$txtAddressLine2"},
               {"", "zipCode"},
               {"", "emailAddress"},
               {"", "cardNumber"},
               {"", "cvv"}}) == Names_{"given-name", "family-name", "address-line1",
                                       "address-line2", "postal-code", "email", "cc-number",
                                       "cc-csc"});
  // The head of a compound name is its last word: the card holder's state is a state.
  CHECK(Names({{"", "cardHolderStreet"}, {"", "cardHolderState"}}) ==
        Names_{"street-address", "address-level1"});
}

TEST_CASE("fields that are not part of a checkout stay unknown", "[classify]") {
  CHECK(Names({{"Search", "q", "search"},
               {"Search products", "q"},
               {"Coupon code"},
               {"Promo code"},
               {"Gift card number"},
               {"Voucher"},
               {"Gutscheincode"},
               {"Code promo"},
               {"Username"},
               {"Password", "password", "password"},
               {"Enter the characters shown", "captcha"},
               {"Qty", "quantity"},
               {"Sign up for our newsletter", "newsletter_email"},
               {"Order comments", "comments", "textarea"},
               {"Verification code", "otp", "tel"},
               {"Membership number"},
               {"VAT number"},
               {"Website"},
               {"Address label (e.g. Home)"},
               {"Leave this field empty", "email2"}}) == Names_(20, "-"));
  // A not-checkout word in the field's own name outweighs a label that looks like something else.
  CHECK(Names({{"Member number or email address", "membershipId"}}) == Names_{"-"});
  CHECK(Names({{"Email (username)", "account.username"}}) == Names_{"-"});
  // ... unless its name says the same as the label, or the box is an email box.
  CHECK(Names({{"Email (username)", "email", "email"}}) == Names_{"email"});
  // Either-or login boxes and address finders are not one field of the profile.
  CHECK(Names({{"Email or phone"},
               {"Mobile number or email"},
               {"Email or mobile phone number", "checkout[email_or_phone]"},
               {"E-Mail oder Telefonnummer"},
               {"Correo electrónico o teléfono"},
               {"Start typing your address"}}) == Names_(6, "-"));
  // Checkboxes, radios, buttons and hidden inputs never get a name from the rules.
  CHECK(Names({{"Email me", "email", "checkbox"},
               {"Phone", "phone", "radio"},
               {"", "email", "hidden"},
               {"Email", "email", "submit"}}) == Names_(4, "-"));
  // A password box only ever hides a card's security code.
  CHECK(Names({{"Card number"}, {"CVV", "cvv", "password", "", 4}}) ==
        Names_{"cc-number", "cc-csc"});
  CHECK(Names({{"Email", "email", "password"}}) == Names_{"-"});
}

TEST_CASE("a label naming a purpose outside a checkout outweighs what goes in the box",
          "[classify]") {
  // The newsletter sign-up box: the label says what it is for; the placeholder, the type and
  // the page's name and id say only that an email goes in it.
  CHECK(Names({F{.label = "Sign up for our newsletter",
                 .name = "newsletter_email",
                 .type = "email",
                 .placeholder = "Your email",
                 .id = "nl-email"}}) == Names_{"-"});
  CHECK(Names({F{.label = "Subscribe",
                 .name = "subscriber_email",
                 .type = "email",
                 .placeholder = "Email address",
                 .id = "footer-email"}}) == Names_{"-"});
  CHECK(Names({F{.label = "Gift message", .name = "address3", .id = "address3"}}) == Names_{"-"});
  // A label that names the field as well keeps it.
  CHECK(Names({{"Email (for your receipt and our newsletter)", "email", "email"}}) ==
        Names_{"email"});
  CHECK(Names({{"Email", "newsletter_email", "email", "Your email"}}) == Names_{"email"});
}

TEST_CASE("one weak source is not enough: a field needs words that name it or two that agree",
          "[classify]") {
  // A type alone, a weak word alone in a placeholder or a name, a weak word lost in a longer
  // label: left to the shopper.
  CHECK(Names({F{.label = "", .type = "email"}}) == Names_{"-"});
  CHECK(Names({F{.label = "", .placeholder = "Name"}}) == Names_{"-"});
  CHECK(Names({F{.label = "", .name = "name"}}) == Names_{"-"});
  CHECK(Names({F{.label = "", .name = "address"}}) == Names_{"-"});
  CHECK(Names({{"Name of your pet"}}) == Names_{"-"});
  // Two that agree, or one that names the field, are enough.
  CHECK(Names({F{.label = "", .name = "name", .placeholder = "Name"}}) == Names_{"name"});
  CHECK(Names({F{.label = "", .type = "email", .placeholder = "name@example.com"}}) ==
        Names_{"email"});
  CHECK(Names({F{.label = "name@example.com", .type = "email"}}) == Names_{"email"});
  CHECK(Names({F{.label = "", .placeholder = "Last name"}}) == Names_{"family-name"});
  CHECK(Names({F{.label = "", .name = "email"}}) == Names_{"email"});
  CHECK(Names({F{.label = "", .name = "traits.name.first"},
               F{.label = "", .name = "traits.name.last"}}) == Names_{"given-name", "family-name"});
  CHECK(Names({{"Name"}}) == Names_{"name"});
  CHECK(Names({{"Address"}}) == Names_{"street-address"});
}

TEST_CASE("an expiry date or a security code is a card's only where a card is in view",
          "[classify]") {
  // A passport's expiry date, a date in a pattern, a captcha's security code: no card near.
  CHECK(Names({{"First name"}, {"Passport number"}, {"Expiry date", "", "text", "MM/YY"}}) ==
        Names_{"given-name", "-", "-"});
  CHECK(Names({{"Email"}, {"Valid until", "valid_until", "text", "MM/YYYY"}}) ==
        Names_{"email", "-"});
  CHECK(Names({{"Email"}, {"Security code"}}) == Names_{"email", "-"});
  CHECK(Names({{"Ablaufdatum"}, {"Sicherheitscode"}}) == Names_(2, "-"));
  CHECK(Names({{"", "", "text", "MM / YY"}}) == Names_{"-"});
  // Beside a card field, or with card words in the section or the form's key, they are.
  CHECK(Names({{"Card number"}, {"Expiry date", "", "text", "MM/YY"}, {"Security code"}}) ==
        Names_{"cc-number", "cc-exp", "cc-csc"});
  CHECK(Names({F{.label = "Expiry date", .placeholder = "MM/YY", .section = "Payment"}}) ==
        Names_{"cc-exp"});
  std::vector<FieldDescriptor> form = Form({{"Security code"}, {"Expiry", "", "text", "MM/YY"}});
  for (FieldDescriptor& d : form) d.form = "creditCardForm";
  std::vector<std::string> names;
  for (const auto& token : HeuristicClassifier().Classify(form)) {
    names.push_back(token ? token->field : "-");
  }
  CHECK(names == Names_{"cc-csc", "cc-exp"});
}

TEST_CASE("a small form whose heading or key names another purpose is no checkout", "[classify]") {
  // Sign-in and newsletter boxes, in the seven languages: the email box is a username or a
  // subscription, not the shopper's checkout email.
  for (const char* heading : {"Sign in", "Log in to your account", "Anmelden", "Connexion",
                              "Iniciar sesión", "Accedi", "Inloggen", "Iniciar sessão"}) {
    CHECK(Names({F{.label = "Email", .type = "email", .section = heading},
                 F{.label = "Password", .type = "password", .section = heading}}) ==
          Names_(2, "-"));
  }
  for (const char* heading : {"Newsletter", "Subscribe to our offers", "Newsletter abonnieren",
                              "Abonnez-vous", "Suscríbete", "Iscriviti", "Inscreva-se"}) {
    CHECK(Names({F{.label = "Email", .type = "email", .section = heading},
                 F{.label = "First name", .section = heading}}) == Names_(2, "-"));
  }
  std::vector<FieldDescriptor> form = Form({F{.label = "Your email", .type = "email"}});
  form[0].form = "newsletter-signup";
  CHECK(!HeuristicClassifier().Classify(form)[0]);
  // A checkout form under such a heading has more fields than that; the page's autocomplete
  // still speaks for its fields.
  CHECK(Names({F{.label = "Email", .type = "email", .section = "Sign in or check out as guest"},
               F{.label = "First name", .section = "Sign in or check out as guest"},
               F{.label = "Last name", .section = "Sign in or check out as guest"}}) ==
        Names_{"email", "given-name", "family-name"});
  CHECK(Names({F{.label = "Email", .type = "email", .section = "Sign in", .autocomplete = "email"},
               F{.label = "Password", .type = "password", .section = "Sign in"}}) ==
        Names_{"email", "-"});
}

TEST_CASE("a valid autocomplete token wins, with its section and hint", "[classify]") {
  const std::vector<FieldDescriptor> form =
      Form({{"Search", "q", "text", "", -1, {}, "", "section-blue shipping address-line1"},
            {"Email", "email", "email", "", -1, {}, "", "username"},
            {"Email", "email", "text", "", -1, {}, "", "new-password"},
            {"First name", "", "text", "", -1, {}, "", "off"},
            {"City", "billing_city", "text", "", -1, {}, "", "address-level2"}});
  const auto tokens = HeuristicClassifier().Classify(form);
  REQUIRE(tokens.size() == 5);
  REQUIRE(tokens[0]);
  CHECK(tokens[0]->field == "address-line1");
  CHECK(tokens[0]->section == "section-blue");
  CHECK(tokens[0]->hint == AddressHint::kShipping);
  CHECK_FALSE(tokens[1]);  // the page says username: nothing pims fills
  REQUIRE(tokens[2]);      // a password token on a text box is the trick to stop autofill
  CHECK(tokens[2]->field == "email");
  REQUIRE(tokens[3]);  // "off" is no field name: the rules decide
  CHECK(tokens[3]->field == "given-name");
  REQUIRE(tokens[4]);  // a token without hint gets the one the rules see
  CHECK(tokens[4]->field == "address-level2");
  CHECK(tokens[4]->hint == AddressHint::kBilling);
}

TEST_CASE("shipping and billing come from words, sections and the block a field is in",
          "[classify]") {
  CHECK(Hints({{"Street", "", "text", "", -1, {}, "Shipping address"},
               {"City", "", "text", "", -1, {}, "Shipping address"},
               {"Street", "", "text", "", -1, {}, "Rechnungsadresse"},
               {"Ort", "", "text", "", -1, {}, "Rechnungsadresse"}}) ==
        std::vector<AddressHint>{AddressHint::kShipping, AddressHint::kShipping,
                                 AddressHint::kBilling, AddressHint::kBilling});
  // A field without words of its own follows the last field of its form that had them.
  CHECK(Hints({{"Billing address", "billing_address"}, {"City", "city"}, {"Zip", "zip"}}) ==
        std::vector<AddressHint>{AddressHint::kBilling, AddressHint::kBilling,
                                 AddressHint::kBilling});
  CHECK(Hints({{"Adresse de livraison"}, {"Ville"}}) ==
        std::vector<AddressHint>{AddressHint::kShipping, AddressHint::kShipping});
  CHECK(Hints({{"Dirección de facturación"}, {"Ciudad"}}) ==
        std::vector<AddressHint>{AddressHint::kBilling, AddressHint::kBilling});
  // The card holder's address, among card fields, is the billing address.
  CHECK(Hints({{"Card number"}, {"", "cardHolderZip"}}) ==
        std::vector<AddressHint>{AddressHint::kNone, AddressHint::kBilling});
}

TEST_CASE("a phone number split in three boxes", "[classify]") {
  CHECK(Names({{"Phone", "phone1", "tel", "", 3},
               {"", "phone2", "tel", "", 3},
               {"", "phone3", "tel", "", 4}}) ==
        Names_{"tel-area-code", "tel-local-prefix", "tel-local-suffix"});
  // A country code box before the number: the number is national.
  CHECK(Names({{"Country code", "phone_cc", "tel", "", 4}, {"Phone", "phone", "tel"}}) ==
        Names_{"tel-country-code", "tel-national"});
  CHECK(Names({{"Dial code", "dial", "select", "", -1,
                Options({{"+44", "United Kingdom (+44)"}, {"+49", "Deutschland (+49)"}})},
               {"Mobile number", "mobile", "tel"}}) == Names_{"tel-country-code", "tel-national"});
  // A select named for a country ("telefon_land") that lists dialling codes, before a phone
  // number: the number's country code, not the address's country.
  const std::vector<SelectOption> dial_codes = Options({{"", "--"},
                                                        {"49", "+49 Deutschland"},
                                                        {"43", "+43 Österreich"},
                                                        {"41", "+41 Schweiz"},
                                                        {"44", "+44 Vereinigtes Königreich"}});
  CHECK(Names({{"", "telefon_land", "select", "", -1, dial_codes},
               {"Telefonnummer", "telefon", "tel"}}) == Names_{"tel-country-code", "tel-national"});
  CHECK(Names({{"Ländervorwahl", "vorwahl", "select", "", -1, dial_codes},
               {"Telefon", "telefon", "tel"}}) == Names_{"tel-country-code", "tel-national"});
  // A country select of the address (names, no dialling codes) before a phone stays a country.
  CHECK(Names({{"Land", "land", "select", "", -1,
                Options({{"DE", "Deutschland"},
                         {"AT", "Österreich"},
                         {"CH", "Schweiz"},
                         {"GB", "Vereinigtes Königreich"}})},
               {"Telefon", "telefon", "tel"}}) == Names_{"country", "tel"});
}

TEST_CASE("a card number in four boxes is sliced, never cut", "[classify]") {
  const std::vector<FieldDescriptor> form = Form({{"Card number", "cc1", "tel", "", 4},
                                                  {"", "cc2", "tel", "", 4},
                                                  {"", "cc3", "tel", "", 4},
                                                  {"", "cc4", "tel", "", 4}});
  const auto tokens = HeuristicClassifier().Classify(form);
  REQUIRE(tokens.size() == 4);
  for (size_t i = 0; i < 4; ++i) {
    REQUIRE(tokens[i]);
    CHECK(tokens[i]->field == "cc-number");
    CHECK(tokens[i]->part_offset == 4 * i);
    CHECK(tokens[i]->part_length == 4);
    CHECK(tokens[i]->part_total == 16);
  }
}

TEST_CASE("expiry as month and year selects, or as one box", "[classify]") {
  CHECK(Names({{"Card number"},
               {"Expiration date", "exp_month", "select", "", -1,
                Options({{"", "Month"},
                         {"01", "01"},
                         {"02", "02"},
                         {"03", "03"},
                         {"04", "04"},
                         {"05", "05"},
                         {"06", "06"},
                         {"07", "07"},
                         {"08", "08"},
                         {"09", "09"},
                         {"10", "10"},
                         {"11", "11"},
                         {"12", "12"}})},
               {"", "exp_year", "select", "", -1, Years(2025, 2040)},
               {"Security code"}}) == Names_{"cc-number", "cc-exp-month", "cc-exp-year", "cc-csc"});
  // Unlabelled selects beside a card number: the options tell month and year.
  CHECK(Names({{"Kartennummer"},
               {"", "ddlMonth", "select", "", -1, Numbers(1, 12)},
               {"", "ddlYear", "select", "", -1, Years(2025, 2035)}}) ==
        Names_{"cc-number", "cc-exp-month", "cc-exp-year"});
  CHECK(Names({{"Card number"}, {"Expiry", "exp", "tel", "MM / YY", 7}, {"CVC"}}) ==
        Names_{"cc-number", "cc-exp", "cc-csc"});
  CHECK(Names({{"Numéro de carte"}, {"Date d'expiration"}, {"Cryptogramme"}}) ==
        Names_{"cc-number", "cc-exp", "cc-csc"});
  CHECK(Names({{"Número de tarjeta"}, {"Fecha de caducidad (MM/AA)"}, {"Código de seguridad"}}) ==
        Names_{"cc-number", "cc-exp", "cc-csc"});
  CHECK(Names({{"Name on card"}, {"Card number"}}) == Names_{"cc-name", "cc-number"});
  // A card number's shape in the placeholder; MM/YY in one box whatever its name says.
  CHECK(Names({{"", "", "tel", "1234 1234 1234 1234"},
               {"", "expMonth", "tel", "MM / YY"},
               {"", "", "tel",
                "\u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022 "
                "\u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022"}}) ==
        Names_{"cc-number", "cc-exp", "cc-number"});
  // A generic name is the card holder's only beside card fields, not anywhere in a card section.
  CHECK(Names({{"Name", "", "text", "", -1, {}, "Pay with card"},
               {"Email", "", "email", "", -1, {}, "Pay with card"},
               {"Card number", "", "tel", "", -1, {}, "Pay with card"}}) ==
        Names_{"name", "email", "cc-number"});
  CHECK(Names({{"Card number"}, {"Name"}}) == Names_{"cc-number", "cc-name"});
  CHECK(Names({{"Nome impresso no cartão"},
               {"Número do cartão"},
               {"Validade", "", "tel", "MM/AA"}}) == Names_{"cc-name", "cc-number", "cc-exp"});
  CHECK(Names({{"Intestatario carta"}, {"Numero carta"}, {"Scadenza"}, {"Codice di sicurezza"}}) ==
        Names_{"cc-name", "cc-number", "cc-exp", "cc-csc"});
  CHECK(Names({{"Karteninhaber"}, {"Kartennummer"}, {"Gültig bis"}, {"Prüfnummer"}}) ==
        Names_{"cc-name", "cc-number", "cc-exp", "cc-csc"});
}

TEST_CASE("a box asking day, month and year is a whole date, never an expiry's part",
          "[classify]") {
  // Dates in a card section (a service period on a card authorisation form): cards have no day.
  const std::string card = "Credit Card Authorization Form";
  CHECK(Names({{"Card number", "", "text", "", -1, {}, card},
               {"Start date", "", "text", "MM-DD-YYYY", -1, {}, card},
               {"Date", "", "text", "DD/MM/YYYY", -1, {}, card}}) == Names_{"cc-number", "-", "-"});
  CHECK(Names({{"Date", "", "text", "MM-DD-YYYY"}}) == Names_{"-"});
  // With a birthday word it is the whole birthday.
  CHECK(Names({{"Date of birth", "", "text", "DD/MM/YYYY"}}) == Names_{"bday"});
  CHECK(Names({{"Geburtsdatum", "", "text", "TT.MM.JJJJ"}}) == Names_{"bday"});
  // Month and year without a day stay the expiry.
  CHECK(Names({{"Card number", "", "text", "", -1, {}, card},
               {"Expiry", "", "text", "MM/YYYY", -1, {}, card}}) == Names_{"cc-number", "cc-exp"});
}

TEST_CASE("a birthday in three selects", "[classify]") {
  CHECK(Names({{"Month", "", "select", "", -1,
                Options({{"", ""},
                         {"1", "January"},
                         {"2", "February"},
                         {"3", "March"},
                         {"4", "April"},
                         {"5", "May"},
                         {"6", "June"},
                         {"7", "July"},
                         {"8", "August"},
                         {"9", "September"},
                         {"10", "October"},
                         {"11", "November"},
                         {"12", "December"}})},
               {"Day", "", "select", "", -1, Numbers(1, 31)},
               {"Year", "", "select", "", -1, Years(2024, 1900)}}) ==
        Names_{"bday-month", "bday-day", "bday-year"});
  CHECK(Names({{"Date of birth"}}) == Names_{"bday"});
  CHECK(Names({{"Geburtsdatum"}}) == Names_{"bday"});
}

TEST_CASE("a select is classified by its options only when its words agree", "[classify]") {
  std::vector<SelectOption> countries{{"", "Select"}};
  for (const char* c : {"AF", "AL", "DZ", "AD", "AO", "AR", "AM", "AU", "AT", "BE", "BR", "CA"}) {
    countries.push_back({c, c});
  }
  CHECK(Names({{"Country", "", "select", "", -1, countries}}) == Names_{"country"});
  CHECK(Names({{"Land", "field_7", "select", "", -1, countries}}) == Names_{"country"});
  // No words that say what it is for: a country list might be a nationality.
  CHECK(Names({{"", "", "select", "", -1, countries}}) == Names_{"-"});
  CHECK(Names({{"", "field_7", "select", "", -1, countries}}) == Names_{"-"});
  // A select is never a phone number or a name.
  CHECK(Names({{"Phone type", "phoneType", "select", "", -1,
                Options({{"home", "Home"}, {"mobile", "Mobile"}})}}) == Names_{"-"});
}

}  // namespace
}  // namespace pims

namespace pims {

TEST_CASE("a password box takes nothing but a card's security code, whatever its attribute says",
          "[classify]") {
  CHECK(Names({{.label = "Card number", .type = "password", .autocomplete = "cc-number"},
               {.label = "Email", .type = "password", .autocomplete = "email"},
               {.label = "CVC", .type = "password", .autocomplete = "cc-csc"}}) ==
        std::vector<std::string>{"-", "-", "cc-csc"});
}

}  // namespace pims
