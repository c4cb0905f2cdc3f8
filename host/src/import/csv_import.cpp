// A CSV whose header row names WHATWG autofill fields, one record per row (docs/import.md,
// "CSV"): address fields make the row's address, cc-* fields its card, and names, email, tel,
// organization and bday go to the person (names, email, tel and organization also to the
// address).
#include <algorithm>
#include <set>

#include "core/text.h"
#include "import/csv.h"
#include "import/readers.h"
#include "vocabulary/vocabulary.h"

namespace pims {
namespace {

// What a column is for.
enum class Use {
  kField,     // a stored field of the parts named
  kNamePart,  // given-name, additional-name, family-name: the person's, joined for the address
  kStreet,    // address-line1..3: joined into street-address
  kCardName,  // cc-given-name, cc-additional-name, cc-family-name: joined into cc-name
  kCountry,   // country, country-name: a code or a name
  kExpiry,    // cc-exp: "MM/YY", "MM/YYYY", "MM-YY"
  kYear,      // cc-exp-year
  kDerived,   // cc-type: pims derives it from the number
  kUnplaced,  // anything else
};

struct ColumnRule {
  std::string_view header;
  Use use;
  unsigned parts;
  std::string_view field;
};

constexpr ColumnRule kRules[] = {
    {"label", Use::kField, kToAddress | kToCard, "label"},
    {"given-name", Use::kNamePart, kToPerson, "given-name"},
    {"additional-name", Use::kNamePart, kToPerson, "additional-name"},
    {"family-name", Use::kNamePart, kToPerson, "family-name"},
    {"name", Use::kField, kToAddress, "name"},
    {"email", Use::kField, kToPerson | kToAddress, "email"},
    {"tel", Use::kField, kToPerson | kToAddress, "tel"},
    {"organization", Use::kField, kToPerson | kToAddress, "organization"},
    {"bday", Use::kField, kToPerson, "bday"},
    {"street-address", Use::kStreet, kToAddress, "street-address"},
    {"address-line1", Use::kStreet, kToAddress, "street-address"},
    {"address-line2", Use::kStreet, kToAddress, "street-address"},
    {"address-line3", Use::kStreet, kToAddress, "street-address"},
    {"address-level1", Use::kField, kToAddress, "address-level1"},
    {"address-level2", Use::kField, kToAddress, "address-level2"},
    {"address-level3", Use::kField, kToAddress, "address-level3"},
    {"postal-code", Use::kField, kToAddress, "postal-code"},
    {"country", Use::kCountry, kToAddress, "country"},
    {"country-name", Use::kCountry, kToAddress, "country"},
    {"cc-name", Use::kField, kToCard, "cc-name"},
    {"cc-given-name", Use::kCardName, kToCard, "cc-name"},
    {"cc-additional-name", Use::kCardName, kToCard, "cc-name"},
    {"cc-family-name", Use::kCardName, kToCard, "cc-name"},
    {"cc-number", Use::kField, kToCard, "cc-number"},
    {"cc-exp", Use::kExpiry, kToCard, ""},
    {"cc-exp-month", Use::kField, kToCard, "cc-exp-month"},
    {"cc-exp-year", Use::kYear, kToCard, "cc-exp-year"},
    {"cc-csc", Use::kField, kToCard, "cc-csc"},
    {"cc-type", Use::kDerived, 0, ""},
};

struct Column {
  std::string header;
  ColumnRule rule;
};

Result<std::vector<Column>> ReadHeader(const std::vector<std::string>& names) {
  std::vector<Column> columns;
  std::set<std::string> seen;
  bool placeable = false;
  for (const std::string& name : names) {
    Column column{AsciiLowercase(TrimSpaces(name)), {"", Use::kUnplaced, 0, ""}};
    if (!seen.insert(column.header).second && !column.header.empty()) {
      return BadImport("the CSV's header row names a column twice");
    }
    const auto rule = std::find_if(std::begin(kRules), std::end(kRules),
                                   [&](const ColumnRule& r) { return r.header == column.header; });
    if (rule != std::end(kRules)) {
      column.rule = *rule;
      placeable = placeable || rule->use != Use::kDerived;
    }
    columns.push_back(std::move(column));
  }
  if (!placeable) {
    return BadImport(
        "the CSV's header row names no autofill field pims imports (given-name, street-address, "
        "postal-code, country, cc-number, ...)");
  }
  return columns;
}

// "MM/YY", "MM/YYYY", "MM-YY", "MM YYYY" -> month and year.
std::pair<std::string, std::string> SplitExpiry(std::string_view text) {
  text = TrimSpaces(text);
  const size_t at = text.find_first_of("/- ");
  if (at == std::string_view::npos) return {std::string(text), ""};
  return {std::string(TrimSpaces(text.substr(0, at))),
          FourDigitYear(TrimSpaces(text.substr(at + 1)))};
}

Status ReadRow(const std::vector<Column>& columns, size_t line, std::vector<std::string>& values,
               ImportBuilder& out) {
  if (values.size() != columns.size()) {
    return BadImport("the CSV's line " + std::to_string(line) + " has " +
                     std::to_string(values.size()) + " fields; the header row has " +
                     std::to_string(columns.size()));
  }
  ImportDraft draft;
  std::string names[3], street, card_name;
  bool has_name = false;
  for (size_t i = 0; i < columns.size(); ++i) {
    const Column& column = columns[i];
    const std::string& value = values[i];
    const ColumnRule& rule = column.rule;
    if (TrimSpaces(value).empty()) continue;
    switch (rule.use) {
      case Use::kField:
        has_name = has_name || rule.field == "name";
        out.Put(draft, rule.parts, rule.field, value, column.header);
        break;
      case Use::kNamePart:
        out.Put(draft, rule.parts, rule.field, value, column.header);
        names[rule.field == "given-name" ? 0 : rule.field == "additional-name" ? 1 : 2] = value;
        break;
      case Use::kStreet:
        street += (street.empty() ? "" : "\n") + value;
        break;
      case Use::kCardName:
        card_name = JoinWords({card_name, value});
        break;
      case Use::kCountry:
        out.Put(draft, rule.parts, rule.field, CountryCodeOrText(value), column.header);
        break;
      case Use::kExpiry: {
        const auto [month, year] = SplitExpiry(value);
        out.Put(draft, kToCard, "cc-exp-month", month, column.header);
        out.Put(draft, kToCard, "cc-exp-year", year, column.header);
        break;
      }
      case Use::kYear:
        out.Put(draft, rule.parts, rule.field, FourDigitYear(value), column.header);
        break;
      case Use::kDerived:
        break;
      case Use::kUnplaced:
        out.Unplaced(column.header, FindAutofillField(column.header) != nullptr
                                        ? UnplacedWhy::kNotKept
                                        : UnplacedWhy::kUnknownName);
        break;
    }
  }
  out.Put(draft, kToAddress, "street-address", street, "street-address");
  if (!has_name) {
    out.Put(draft, kToAddress, "name", JoinWords({names[0], names[1], names[2]}), "name");
  }
  if (draft.card.count("cc-name") == 0) out.Put(draft, kToCard, "cc-name", card_name, "cc-name");
  return out.Add(std::move(draft));
}

}  // namespace

Status ReadCsv(std::string_view bytes, ImportBuilder& out) {
  const size_t invalid = FindInvalidUtf8(bytes);
  if (invalid != std::string_view::npos) {
    return BadImport("the CSV is not UTF-8 text (byte " + std::to_string(invalid) + ")");
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);  // a byte order mark
  std::vector<Column> columns;
  const Status read =
      ForEachCsvRecord(bytes, [&](size_t line, std::vector<std::string>& values) -> Status {
        if (columns.empty()) {
          PIMS_ASSIGN_OR_RETURN(columns, ReadHeader(values));
          return Status::Ok();
        }
        Status row = ReadRow(columns, line, values, out);
        for (std::string& value : values) WipeString(value);
        return row;
      });
  PIMS_RETURN_IF_ERROR(read);
  if (columns.empty()) return BadImport("the CSV has no header row");
  return Status::Ok();
}

}  // namespace pims
