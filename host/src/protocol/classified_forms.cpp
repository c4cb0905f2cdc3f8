#include "protocol/classified_forms.h"

#include <algorithm>
#include <string_view>

namespace pims {
namespace {

void Mix(uint64_t& hash, uint64_t value) {
  hash ^= value + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
}

// The form's shape: its descriptors' string lengths, option counts and flags. Reading only
// sizes keeps the key cheap (a 29 KB form is 2,500 strings); forms of the same shape are told
// apart by the exact comparison that follows, which a hit needs anyway.
uint64_t ShapeOf(std::span<const FieldDescriptor> form) {
  uint64_t hash = form.size();
  for (const FieldDescriptor& d : form) {
    for (const std::string* s : {&d.ref, &d.autocomplete, &d.tag, &d.type, &d.name, &d.id, &d.label,
                                 &d.placeholder, &d.nearby, &d.inputmode, &d.section, &d.form}) {
      Mix(hash, s->size());
    }
    Mix(hash, static_cast<uint64_t>(d.maxlength) * 2 + (d.visible ? 1 : 0));
    Mix(hash, d.options.size());
    for (const SelectOption& o : d.options) Mix(hash, o.value.size() << 16 | o.text.size());
  }
  return hash;
}

}  // namespace

std::vector<std::optional<AutofillToken>> ClassifiedForms::Classify(
    std::span<const FieldDescriptor> form) {
  const uint64_t hash = ShapeOf(form);
  for (auto it = forms_.begin(); it != forms_.end(); ++it) {
    if (it->hash == hash &&
        std::equal(form.begin(), form.end(), it->form.begin(), it->form.end())) {
      forms_.splice(forms_.begin(), forms_, it);
      return forms_.front().tokens;
    }
  }
  std::vector<std::optional<AutofillToken>> tokens = classifier_.Classify(form);
  forms_.push_front(Entry{hash, std::vector<FieldDescriptor>(form.begin(), form.end()), tokens});
  if (forms_.size() > kCapacity) forms_.pop_back();
  return tokens;
}

}  // namespace pims
