#include "pims/categories.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <string_view>

namespace pims {
namespace {

std::optional<Category> Of(std::string_view field, AddressHint hint = AddressHint::kNone) {
  return CategoryOfField(field, hint);
}

}  // namespace

TEST_CASE("every category has a stable wire name that maps back to it", "[categories]") {
  CHECK(CategoryName(Category::kName) == "name");
  CHECK(CategoryName(Category::kEmail) == "email");
  CHECK(CategoryName(Category::kPhone) == "phone");
  CHECK(CategoryName(Category::kShippingAddress) == "shipping_address");
  CHECK(CategoryName(Category::kBillingAddress) == "billing_address");
  CHECK(CategoryName(Category::kCard) == "card");
  CHECK(CategoryName(Category::kCardCsc) == "card_csc");
  CHECK(CategoryName(Category::kOrganization) == "organization");
  CHECK(CategoryName(Category::kBirthday) == "birthday");
  for (Category category : kAllCategories) {
    CHECK(CategoryFromName(CategoryName(category)) == category);
  }
}

TEST_CASE("an unknown or differently cased category name is refused", "[categories]") {
  CHECK_FALSE(CategoryFromName("").has_value());
  CHECK_FALSE(CategoryFromName("Name").has_value());
  CHECK_FALSE(CategoryFromName("address").has_value());
  CHECK_FALSE(CategoryFromName("shipping-address").has_value());
  CHECK_FALSE(CategoryFromName("unknown").has_value());
  CHECK(CategoryName(static_cast<Category>(99)) == "unknown");
}

TEST_CASE("a category set keeps stable bit positions in enum order", "[categories]") {
  CategorySet set;
  CHECK(set.empty());
  CHECK(set.bits() == 0);
  set.Add(Category::kName);
  set.Add(Category::kCard);
  set.Add(Category::kBirthday);
  CHECK(set.bits() == ((1u << 0) | (1u << 5) | (1u << 8)));
  CHECK(set.Has(Category::kCard));
  CHECK_FALSE(set.Has(Category::kCardCsc));
  CHECK(set.List() == std::vector<Category>{Category::kName, Category::kCard, Category::kBirthday});
  set.Remove(Category::kCard);
  set.Remove(Category::kCardCsc);  // absent: no effect
  CHECK(set.bits() == ((1u << 0) | (1u << 8)));
  CHECK(CategorySet::FromBits(set.bits()) == set);
  CHECK_FALSE(CategorySet::FromBits(1) == set);
}

TEST_CASE("bits of no known category are dropped when a set is read back", "[categories]") {
  CategorySet set = CategorySet::FromBits(0xffffffffu);
  CHECK(set.bits() == 0x1ffu);
  CHECK(set == CategorySet::All());
  CHECK(set.List().size() == kAllCategories.size());
  CHECK(CategorySet::FromBits(1u << 9).empty());
}

TEST_CASE("name fields map to the name category", "[categories]") {
  for (std::string_view field : {"name", "honorific-prefix", "given-name", "additional-name",
                                 "family-name", "honorific-suffix", "nickname"}) {
    INFO(field);
    CHECK(Of(field) == Category::kName);
    CHECK(Of(field, AddressHint::kBilling) == Category::kName);
  }
}

TEST_CASE("email and every telephone part map to their categories", "[categories]") {
  CHECK(Of("email") == Category::kEmail);
  CHECK(Of("email", AddressHint::kBilling) == Category::kEmail);
  for (std::string_view field :
       {"tel", "tel-country-code", "tel-national", "tel-area-code", "tel-local", "tel-local-prefix",
        "tel-local-suffix", "tel-extension"}) {
    INFO(field);
    CHECK(Of(field) == Category::kPhone);
    CHECK(Of(field, AddressHint::kShipping) == Category::kPhone);
  }
  CHECK_FALSE(Of("tel-fax").has_value());
}

TEST_CASE("address fields are shipping unless marked billing", "[categories]") {
  for (std::string_view field :
       {"street-address", "address-line1", "address-line2", "address-line3", "address-level1",
        "address-level2", "address-level3", "address-level4", "postal-code", "country",
        "country-name"}) {
    INFO(field);
    CHECK(Of(field) == Category::kShippingAddress);
    CHECK(Of(field, AddressHint::kShipping) == Category::kShippingAddress);
    CHECK(Of(field, AddressHint::kBilling) == Category::kBillingAddress);
  }
}

TEST_CASE("card fields are the card category and the security code is its own", "[categories]") {
  for (std::string_view field : {"cc-name", "cc-given-name", "cc-additional-name", "cc-family-name",
                                 "cc-number", "cc-exp", "cc-exp-month", "cc-exp-year", "cc-type"}) {
    INFO(field);
    CHECK(Of(field) == Category::kCard);
    CHECK(Of(field, AddressHint::kBilling) == Category::kCard);
  }
  CHECK(Of("cc-csc") == Category::kCardCsc);
}

TEST_CASE("organization and birthday fields map to their categories", "[categories]") {
  CHECK(Of("organization") == Category::kOrganization);
  for (std::string_view field : {"bday", "bday-day", "bday-month", "bday-year"}) {
    INFO(field);
    CHECK(Of(field) == Category::kBirthday);
  }
}

TEST_CASE("fields pims never fills have no category", "[categories]") {
  for (std::string_view field : {"username",
                                 "new-password",
                                 "current-password",
                                 "one-time-code",
                                 "sex",
                                 "url",
                                 "photo",
                                 "language",
                                 "organization-title",
                                 "transaction-currency",
                                 "transaction-amount",
                                 "impp",
                                 "off",
                                 "on",
                                 "",
                                 "cc",
                                 "shipping",
                                 "section-a",
                                 "name ",
                                 "webauthn"}) {
    INFO(field);
    CHECK_FALSE(Of(field).has_value());
    CHECK_FALSE(Of(field, AddressHint::kBilling).has_value());
  }
}

TEST_CASE("field names match ASCII case-insensitively", "[categories]") {
  CHECK(Of("CC-Number") == Category::kCard);
  CHECK(Of("Postal-Code", AddressHint::kBilling) == Category::kBillingAddress);
  CHECK(Of("EMAIL") == Category::kEmail);
}

TEST_CASE("the fields of a category come from the same table", "[categories]") {
  CHECK(FieldsOfCategory(Category::kCardCsc) == std::vector<std::string_view>{"cc-csc"});
  CHECK(FieldsOfCategory(Category::kEmail) == std::vector<std::string_view>{"email"});
  CHECK(FieldsOfCategory(Category::kOrganization) == std::vector<std::string_view>{"organization"});
  CHECK(FieldsOfCategory(Category::kShippingAddress) ==
        FieldsOfCategory(Category::kBillingAddress));
  CHECK(FieldsOfCategory(Category::kShippingAddress).size() == 11);
  CHECK(FieldsOfCategory(Category::kPhone).size() == 8);

  std::set<std::string_view> seen;
  for (Category category : kAllCategories) {
    for (std::string_view field : FieldsOfCategory(category)) {
      const AddressHint hint =
          category == Category::kBillingAddress ? AddressHint::kBilling : AddressHint::kNone;
      INFO(field);
      CHECK(CategoryOfField(field, hint) == category);
      if (category != Category::kBillingAddress) CHECK(seen.insert(field).second);
    }
  }
  CHECK(seen.size() == 42);
}

}  // namespace pims
