// A form field as the extension describes it, and the seam where understanding it plugs in.
// The classifier (pims/classify.h) reads descriptors; the fill planner (pims/fill.h) reads them
// with the classifier's tokens.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pims/autocomplete.h"

namespace pims {

struct SelectOption {
  std::string value;
  std::string text;
  bool operator==(const SelectOption&) const = default;
};

// What the extension's content script reports about one form control. Only `ref` is required;
// everything else is what the page says and may be empty (docs/protocol.md).
struct FieldDescriptor {
  std::string ref;  // the content script's handle for the control, echoed back
  std::string autocomplete;
  std::string tag;  // input, select, textarea
  std::string type;
  std::string name;
  std::string id;
  std::string label;
  std::string placeholder;
  std::string nearby;  // text beside or before the control when no label names it
  std::string inputmode;
  std::string section;  // heading or legend around the field
  std::string form;     // the form it belongs to
  int maxlength = -1;   // -1: no limit
  std::vector<SelectOption> options;
  bool visible = true;
  bool operator==(const FieldDescriptor&) const = default;
};

// The seam where field understanding plugs in: one token per field of the form, in order
// (nullopt: not understood). `form` is every described field of one frame, in document order,
// so that a classifier can read a field's neighbours. Implementations are immutable after
// construction and thread-safe.
class FieldClassifier {
 public:
  virtual ~FieldClassifier() = default;
  virtual std::vector<std::optional<AutofillToken>> Classify(
      std::span<const FieldDescriptor> form) const = 0;
  // Builds now whatever the classifier builds once per process (compiled rules, name tables),
  // so that the next Classify() does not pay for it. Optional: they are built on first use
  // otherwise. The host calls it on unlock, when fills are about to come, rather than at
  // start-up, which a `status` or the popup's requests would pay for.
  virtual void Warm() const {}
};

// Understands a field from its autocomplete attribute alone.
const FieldClassifier& AutocompleteClassifier();

}  // namespace pims
