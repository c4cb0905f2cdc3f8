#include "pims/autocomplete.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

namespace pims {
namespace {

bool Refused(std::string_view attribute) { return !ParseAutocomplete(attribute).has_value(); }

}  // namespace

TEST_CASE("a bare field name is a token with no section, hint or contact", "[autocomplete]") {
  std::optional<AutofillToken> token = ParseAutocomplete("cc-number");
  REQUIRE(token.has_value());
  CHECK(token->field == "cc-number");
  CHECK(token->section.empty());
  CHECK(token->hint == AddressHint::kNone);
  CHECK(token->contact.empty());
  CHECK_FALSE(token->webauthn);
}

TEST_CASE("every part of the grammar is read in its place", "[autocomplete]") {
  std::optional<AutofillToken> token =
      ParseAutocomplete("section-blue shipping mobile tel webauthn");
  REQUIRE(token.has_value());
  CHECK(token->section == "section-blue");
  CHECK(token->hint == AddressHint::kShipping);
  CHECK(token->contact == "mobile");
  CHECK(token->field == "tel");
  CHECK(token->webauthn);

  token = ParseAutocomplete("billing postal-code");
  REQUIRE(token.has_value());
  CHECK(token->hint == AddressHint::kBilling);
  CHECK(token->field == "postal-code");

  token = ParseAutocomplete("section-x street-address");
  REQUIRE(token.has_value());
  CHECK(token->section == "section-x");
  CHECK(token->hint == AddressHint::kNone);

  token = ParseAutocomplete("work email");
  REQUIRE(token.has_value());
  CHECK(token->contact == "work");
  CHECK(token->field == "email");
}

TEST_CASE("tokens match ASCII case-insensitively and come back lowercase", "[autocomplete]") {
  std::optional<AutofillToken> token = ParseAutocomplete("Section-Blue BILLING Home Tel-National");
  REQUIRE(token.has_value());
  CHECK(token->section == "section-blue");
  CHECK(token->hint == AddressHint::kBilling);
  CHECK(token->contact == "home");
  CHECK(token->field == "tel-national");
  REQUIRE(ParseAutocomplete("CC-EXP WebAuthn").has_value());
  CHECK(ParseAutocomplete("CC-EXP WebAuthn")->webauthn);
}

TEST_CASE("any ASCII whitespace separates tokens", "[autocomplete]") {
  std::optional<AutofillToken> token = ParseAutocomplete("  shipping\t\n address-line1\r\f ");
  REQUIRE(token.has_value());
  CHECK(token->hint == AddressHint::kShipping);
  CHECK(token->field == "address-line1");
  // A non-breaking space is not ASCII whitespace: "shipping\xC2\xA0name" is one unknown token.
  CHECK(Refused("shipping\xC2\xA0name"));
}

TEST_CASE("a section may have an empty name", "[autocomplete]") {
  std::optional<AutofillToken> token = ParseAutocomplete("section- email");
  REQUIRE(token.has_value());
  CHECK(token->section == "section-");
}

TEST_CASE("field names pims does not fill still parse", "[autocomplete]") {
  for (std::string_view attribute : {"username", "current-password webauthn", "new-password",
                                     "one-time-code", "organization-title", "transaction-amount",
                                     "sex", "url", "photo", "language", "home impp"}) {
    INFO(attribute);
    CHECK_FALSE(Refused(attribute));
  }
}

TEST_CASE("on, off, empty and unknown names are refused", "[autocomplete]") {
  for (std::string_view attribute :
       {"", "   ", "on", "off", "OFF", "shipping off", "nope", "credit-card", "cc-num", "address",
        "tel-fax", "shipping", "section-a", "home", "webauthn", "section-a shipping"}) {
    INFO(attribute);
    CHECK(Refused(attribute));
  }
}

TEST_CASE("tokens out of order are refused", "[autocomplete]") {
  for (std::string_view attribute :
       {"shipping section-a name",  // section must come first
        "billing shipping postal-code", "mobile shipping tel", "email work", "name shipping",
        "webauthn username", "username webauthn webauthn", "section-a section-b name", "name name",
        "shipping shipping name"}) {
    INFO(attribute);
    CHECK(Refused(attribute));
  }
}

TEST_CASE("a contact token only precedes a contact field", "[autocomplete]") {
  for (std::string_view attribute :
       {"home street-address", "work name", "mobile cc-number", "fax organization", "pager bday"}) {
    INFO(attribute);
    CHECK(Refused(attribute));
  }
  for (std::string_view attribute :
       {"fax tel", "pager tel-local", "home email", "work tel-extension", "mobile impp"}) {
    INFO(attribute);
    CHECK_FALSE(Refused(attribute));
  }
  CHECK(Refused("home work tel"));
}

TEST_CASE("more tokens than the grammar allows are refused", "[autocomplete]") {
  CHECK_FALSE(Refused("section-a billing work tel webauthn"));
  CHECK(Refused("section-a billing work tel webauthn webauthn"));
  CHECK(Refused("a b c d e f g h i j k l m n o p"));
}

}  // namespace pims
