// The heuristic classifier over arbitrary forms: each input line is one field, its
// tab-separated parts filling the descriptor's text (tag, type, name, id, label, placeholder,
// nearby, section, autocomplete, then select options). Any result is fine but a crash, and every
// field gets exactly one answer.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "pims/classify.h"

namespace {

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<pims::FieldDescriptor> form;
  for (std::string_view line : Split(text, '\n')) {
    if (form.size() >= 64) break;
    std::vector<std::string_view> parts = Split(line, '\t');
    pims::FieldDescriptor d;
    d.ref = "f" + std::to_string(form.size());
    std::string* targets[] = {&d.tag,         &d.type,   &d.name,    &d.id,          &d.label,
                              &d.placeholder, &d.nearby, &d.section, &d.autocomplete};
    size_t i = 0;
    for (; i < parts.size() && i < std::size(targets); ++i) *targets[i] = std::string(parts[i]);
    for (; i + 1 < parts.size(); i += 2) {
      d.options.push_back({std::string(parts[i]), std::string(parts[i + 1])});
    }
    d.maxlength = line.empty() ? -1 : static_cast<unsigned char>(line[0]) % 24 - 1;
    form.push_back(std::move(d));
  }
  auto tokens = pims::HeuristicClassifier().Classify(form);
  if (tokens.size() != form.size()) std::abort();
  return 0;
}
