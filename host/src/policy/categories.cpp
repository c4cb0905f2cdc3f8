#include "pims/categories.h"
#include "core/text.h"

#include <cstddef>

namespace pims {
namespace {

constexpr std::array<std::string_view, kAllCategories.size()> kCategoryNames{
    "name", "email",    "phone",        "shipping_address", "billing_address",
    "card", "card_csc", "organization", "birthday",
};

struct FieldCategory {
  std::string_view field;
  // kShippingAddress stands for "an address field": CategoryOfField turns it into
  // kBillingAddress for a billing hint.
  Category category;
};

// THE table: every autofill field name pims fills, and the category that must allow it.
constexpr FieldCategory kFieldTable[] = {
    {"name", Category::kName},
    {"honorific-prefix", Category::kName},
    {"given-name", Category::kName},
    {"additional-name", Category::kName},
    {"family-name", Category::kName},
    {"honorific-suffix", Category::kName},
    {"nickname", Category::kName},
    {"email", Category::kEmail},
    {"tel", Category::kPhone},
    {"tel-country-code", Category::kPhone},
    {"tel-national", Category::kPhone},
    {"tel-area-code", Category::kPhone},
    {"tel-local", Category::kPhone},
    {"tel-local-prefix", Category::kPhone},
    {"tel-local-suffix", Category::kPhone},
    {"tel-extension", Category::kPhone},
    {"street-address", Category::kShippingAddress},
    {"address-line1", Category::kShippingAddress},
    {"address-line2", Category::kShippingAddress},
    {"address-line3", Category::kShippingAddress},
    {"address-level4", Category::kShippingAddress},
    {"address-level3", Category::kShippingAddress},
    {"address-level2", Category::kShippingAddress},
    {"address-level1", Category::kShippingAddress},
    {"postal-code", Category::kShippingAddress},
    {"country", Category::kShippingAddress},
    {"country-name", Category::kShippingAddress},
    {"cc-name", Category::kCard},
    {"cc-given-name", Category::kCard},
    {"cc-additional-name", Category::kCard},
    {"cc-family-name", Category::kCard},
    {"cc-number", Category::kCard},
    {"cc-exp", Category::kCard},
    {"cc-exp-month", Category::kCard},
    {"cc-exp-year", Category::kCard},
    {"cc-type", Category::kCard},
    {"cc-csc", Category::kCardCsc},
    {"organization", Category::kOrganization},
    {"bday", Category::kBirthday},
    {"bday-day", Category::kBirthday},
    {"bday-month", Category::kBirthday},
    {"bday-year", Category::kBirthday},
};

}  // namespace

std::string_view CategoryName(Category category) {
  const auto index = static_cast<size_t>(category);
  return index < kCategoryNames.size() ? kCategoryNames[index] : "unknown";
}

std::optional<Category> CategoryFromName(std::string_view name) {
  for (size_t i = 0; i < kCategoryNames.size(); ++i) {
    if (kCategoryNames[i] == name) return kAllCategories[i];
  }
  return std::nullopt;
}

std::vector<Category> CategorySet::List() const {
  std::vector<Category> list;
  for (Category category : kAllCategories) {
    if (Has(category)) list.push_back(category);
  }
  return list;
}

std::optional<Category> CategoryOfField(std::string_view field_name, AddressHint hint) {
  for (const FieldCategory& entry : kFieldTable) {
    if (!EqualsIgnoringAsciiCase(field_name, entry.field)) continue;
    if (entry.category == Category::kShippingAddress && hint == AddressHint::kBilling) {
      return Category::kBillingAddress;
    }
    return entry.category;
  }
  return std::nullopt;
}

std::vector<std::string_view> FieldsOfCategory(Category category) {
  const Category wanted =
      category == Category::kBillingAddress ? Category::kShippingAddress : category;
  std::vector<std::string_view> fields;
  for (const FieldCategory& entry : kFieldTable) {
    if (entry.category == wanted) fields.push_back(entry.field);
  }
  return fields;
}

}  // namespace pims
