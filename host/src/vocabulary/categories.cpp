// Consent categories over the vocabulary's one table (vocabulary/autofill_fields.json).
#include "pims/categories.h"

#include "vocabulary/vocabulary.h"

namespace pims {

std::string_view CategoryName(Category category) {
  const auto index = static_cast<size_t>(category);
  const auto names = CategoryWireNames();
  return index < names.size() ? names[index] : "unknown";
}

std::optional<Category> CategoryFromName(std::string_view name) {
  const auto names = CategoryWireNames();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return kAllCategories[i];
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
  const AutofillField* field = FindAutofillField(field_name);
  if (field == nullptr || !field->category) return std::nullopt;
  if (*field->category == Category::kShippingAddress && hint == AddressHint::kBilling) {
    return Category::kBillingAddress;
  }
  return field->category;
}

std::vector<std::string_view> FieldsOfCategory(Category category) {
  const Category wanted =
      category == Category::kBillingAddress ? Category::kShippingAddress : category;
  std::vector<std::string_view> fields;
  for (const AutofillField& field : AutofillFields()) {
    if (field.category == wanted) fields.push_back(field.name);
  }
  return fields;
}

}  // namespace pims
