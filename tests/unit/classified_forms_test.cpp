// The session's memory of the forms it classified (protocol/classified_forms.h).
#include "protocol/classified_forms.h"

#include <catch2/catch.hpp>

namespace pims {
namespace {

// Counts its calls; calls each field given-name.
class Counting final : public FieldClassifier {
 public:
  std::vector<std::optional<AutofillToken>> Classify(
      std::span<const FieldDescriptor> form) const override {
    ++calls;
    std::vector<std::optional<AutofillToken>> tokens;
    for (const FieldDescriptor& d : form) tokens.push_back(ParseAutocomplete(d.autocomplete));
    return tokens;
  }
  mutable int calls = 0;
};

std::vector<FieldDescriptor> Form(const char* autocomplete, const char* option) {
  FieldDescriptor a;
  a.ref = "a";
  a.autocomplete = autocomplete;
  a.options = {{"GB", option}};
  return {a};
}

}  // namespace

TEST_CASE("the same form is classified once; any difference is classified anew") {
  Counting classifier;
  ClassifiedForms forms(classifier);
  CHECK(forms.Classify(Form("email", "United Kingdom"))[0]->field == "email");
  CHECK(forms.Classify(Form("email", "United Kingdom"))[0]->field == "email");
  CHECK(classifier.calls == 1);
  // One option's text differs: another form, never the first one's tokens.
  CHECK(forms.Classify(Form("tel", "United Kingdom"))[0]->field == "tel");
  CHECK(forms.Classify(Form("email", "Royaume-Uni"))[0]->field == "email");
  CHECK(classifier.calls == 3);
  // Four forms are kept; the least recently used goes first.
  forms.Classify(Form("given-name", "x"));
  forms.Classify(Form("family-name", "x"));
  CHECK(classifier.calls == 5);
  forms.Classify(Form("email", "United Kingdom"));  // evicted by now
  CHECK(classifier.calls == 6);
  forms.Clear();
  forms.Classify(Form("family-name", "x"));
  CHECK(classifier.calls == 7);
}

}  // namespace pims
