// pims-classify: a test tool (not shipped). Reads forms of field descriptors as JSON on stdin,
// classifies each form with libpims' heuristic classifier, exactly as pims-host's fill does,
// and prints the predictions as JSON on stdout.
//
//   stdin:  [{"page": "shop.html", "fields": [<descriptor>, ...]}, ...]
//   stdout: [["given-name", "-", "cc-number", ...], ...]   one list per form, one entry per field
//
// A prediction is the autofill field name the classifier assigns, or "-" when it assigns none
// or one that pims never fills. Exit status: 0 on success, 1 on bad input (message on stderr).
// With --explain, stderr also gets each field's concept scores (for developing the rules).
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "classify/decide.h"
#include "classify/evidence.h"
#include "pims/classify.h"
#include "protocol/verbs_fill.h"

namespace {

void Explain(const pims::FieldDescriptor& d) {
  const pims::classify::Evidence e = pims::classify::GatherEvidence(d);
  const pims::classify::Guess g = pims::classify::Decide(e);
  std::cerr << d.ref << " [" << d.name << "|" << d.id << "|" << d.label << "|" << d.placeholder
            << "] guess=" << static_cast<int>(g.meaning) << " score=" << g.score
            << " vetoed=" << g.vetoed << " own:";
  for (size_t i = 0; i < e.own.size(); ++i) {
    if (e.own[i] != 0) std::cerr << " " << i << "=" << e.own[i];
  }
  std::cerr << " ident:";
  for (size_t i = 0; i < e.ident.size(); ++i) {
    if (e.ident[i] != 0) std::cerr << " " << i << "=" << e.ident[i];
  }
  std::cerr << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  const bool explain = argc > 1 && std::string(argv[1]) == "--explain";
  std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  const nlohmann::json forms = nlohmann::json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (!forms.is_array()) {
    std::cerr << "pims-classify: stdin must be a JSON array of {page, fields}\n";
    return 1;
  }
  nlohmann::json out = nlohmann::json::array();
  for (size_t f = 0; f < forms.size(); ++f) {
    const nlohmann::json& form = forms[f];
    if (!form.is_object() || !form.contains("fields") || !form["fields"].is_array()) {
      std::cerr << "pims-classify: form " << f << " has no fields array\n";
      return 1;
    }
    std::vector<pims::FieldDescriptor> fields;
    for (size_t i = 0; i < form["fields"].size(); ++i) {
      auto d = pims::ParseFieldDescriptor(form["fields"][i], "fields[" + std::to_string(i) + "]");
      if (!d.ok()) {
        std::cerr << "pims-classify: form " << f << ": " << d.status().ToString() << "\n";
        return 1;
      }
      fields.push_back(std::move(d).value());
    }
    if (explain) {
      for (const auto& d : fields) Explain(d);
    }
    const auto tokens = pims::HeuristicClassifier().Classify(fields);
    nlohmann::json predictions = nlohmann::json::array();
    for (const auto& token : tokens) {
      const bool fills = token && pims::CategoryOfField(token->field, token->hint).has_value();
      predictions.push_back(fills ? token->field : std::string("-"));
    }
    out.push_back(std::move(predictions));
  }
  std::cout << out.dump() << "\n";
  return 0;
}
