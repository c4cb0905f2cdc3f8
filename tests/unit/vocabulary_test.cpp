// The autofill vocabulary: one table (host/src/vocabulary/autofill_fields.json) that the
// categories, the autocomplete grammar, validation, derivation and the gesture rule all read.
#include "vocabulary/vocabulary.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "pims/autocomplete.h"
#include "pims/profile.h"

namespace pims {
namespace {

TEST_CASE("the vocabulary names each autofill field once and finds it in any ASCII case") {
  std::set<std::string_view> names;
  for (const AutofillField& field : AutofillFields()) {
    CHECK(names.insert(field.name).second);
    CHECK(FindAutofillField(field.name) == &field);
  }
  CHECK(names.size() == 54);
  REQUIRE(FindAutofillField("CC-Number") != nullptr);
  CHECK(FindAutofillField("CC-Number")->needs_gesture);
  CHECK(FindAutofillField("frobnicate") == nullptr);
}

TEST_CASE("every key a profile record stores has a validation rule and a consent category") {
  for (RecordKind kind : {RecordKind::kPerson, RecordKind::kAddress, RecordKind::kCard}) {
    for (std::string_view key : StoredFields(kind)) {
      if (key == "label") continue;  // the shopper's name for the record, never filled
      const AutofillField* field = FindAutofillField(key);
      REQUIRE(field != nullptr);
      CHECK(field->rule != ValueRule::kNone);
      CHECK(field->category.has_value());
      CHECK(field->derivation != Derivation::kNone);
    }
  }
}

TEST_CASE("only the fields a page could charge a card with wait for a gesture") {
  std::set<std::string_view> gesture;
  for (const AutofillField& field : AutofillFields()) {
    if (field.needs_gesture) gesture.insert(field.name);
  }
  CHECK(gesture == std::set<std::string_view>{"cc-number", "cc-csc"});
}

TEST_CASE("contact tokens are accepted before exactly the vocabulary's contact fields") {
  for (const AutofillField& field : AutofillFields()) {
    const auto token = ParseAutocomplete("work " + std::string(field.name));
    CHECK(token.has_value() == field.contact);
  }
}

}  // namespace
}  // namespace pims
