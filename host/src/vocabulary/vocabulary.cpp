#include "vocabulary/vocabulary.h"

#include "core/text.h"

namespace pims {
namespace {

constexpr AutofillField kFields[] = {
#include "vocabulary/autofill_fields.inc"
};

#include "vocabulary/record_keys.inc"

static_assert(std::size(kCategoryWireNames) == kAllCategories.size(),
              "autofill_fields.json lists a category that pims/categories.h does not (or the "
              "other way round)");

}  // namespace

std::span<const AutofillField> AutofillFields() { return kFields; }

const AutofillField* FindAutofillField(std::string_view name) {
  for (const AutofillField& field : kFields) {
    // The length first, here: a fill looks up every field's token, and most names differ in it.
    if (field.name.size() == name.size() && EqualsIgnoringAsciiCase(name, field.name)) {
      return &field;
    }
  }
  return nullptr;
}

std::span<const std::string_view> CategoryWireNames() { return kCategoryWireNames; }
std::span<const std::string_view> PersonKeys() { return kPersonKeys; }
std::span<const std::string_view> AddressKeys() { return kAddressKeys; }
std::span<const std::string_view> CardKeys() { return kCardKeys; }

}  // namespace pims
