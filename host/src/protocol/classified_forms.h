// The forms a session classified last, with their tokens: the extension describes the whole
// frame on every request (a field scrolls into view, a select's options arrive), so the same form
// comes again and again, and classifying forty fields with their option lists is most of a
// fill's work. Internal to libpims.
//
// A form is found again only when it is the same, descriptor for descriptor (the form's shape picks
// the candidates, an exact comparison decides): a page can never be given another page's tokens.
// Thread-safety: not thread-safe; one per session.
#pragma once

#include <cstdint>
#include <list>
#include <optional>
#include <span>
#include <vector>

#include "pims/field.h"

namespace pims {

class ClassifiedForms {
 public:
  explicit ClassifiedForms(const FieldClassifier& classifier) : classifier_(classifier) {}

  // classifier.Classify(form), from memory when this form was classified lately.
  std::vector<std::optional<AutofillToken>> Classify(std::span<const FieldDescriptor> form);

  // Forget every form (the session's vault locked).
  void Clear() { forms_.clear(); }

 private:
  struct Entry {
    uint64_t hash;
    std::vector<FieldDescriptor> form;
    std::vector<std::optional<AutofillToken>> tokens;
  };
  static constexpr size_t kCapacity = 4;  // a few tabs' checkouts at once

  const FieldClassifier& classifier_;
  std::list<Entry> forms_;  // most recently used first
};

}  // namespace pims
