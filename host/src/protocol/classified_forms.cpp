#include "protocol/classified_forms.h"

#include <algorithm>
#include <functional>
#include <string_view>

namespace pims {
namespace {

void Mix(uint64_t& hash, uint64_t value) {
  hash ^= value + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
}

uint64_t HashOf(std::span<const FieldDescriptor> form) {
  const std::hash<std::string_view> text;
  uint64_t hash = form.size();
  for (const FieldDescriptor& d : form) {
    for (const std::string* s : {&d.ref, &d.autocomplete, &d.tag, &d.type, &d.name, &d.id, &d.label,
                                 &d.placeholder, &d.nearby, &d.inputmode, &d.section, &d.form}) {
      Mix(hash, text(*s));
    }
    Mix(hash, static_cast<uint64_t>(d.maxlength) * 2 + (d.visible ? 1 : 0));
    for (const SelectOption& o : d.options) {
      Mix(hash, text(o.value));
      Mix(hash, text(o.text));
    }
  }
  return hash;
}

}  // namespace

std::vector<std::optional<AutofillToken>> ClassifiedForms::Classify(
    std::span<const FieldDescriptor> form) {
  const uint64_t hash = HashOf(form);
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
