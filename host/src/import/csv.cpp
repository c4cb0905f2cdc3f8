#include "import/csv.h"

#include "import/builder.h"

namespace pims {

Status ForEachCsvRecord(
    std::string_view text,
    const std::function<Status(size_t line, std::vector<std::string>& fields)>& row) {
  std::vector<std::string> fields;
  std::string field;
  size_t line = 1;
  size_t record_line = 1;
  bool quoted = false;       // inside a quoted field
  bool after_quote = false;  // a quoted field just closed: only a separator may follow
  bool any = false;          // the record has a field or a separator
  const auto end_record = [&]() -> Status {
    fields.push_back(std::move(field));
    field.clear();
    const bool blank = !any && fields.size() == 1 && fields[0].empty();
    Status status = blank ? Status::Ok() : row(record_line, fields);
    fields.clear();
    any = after_quote = false;
    return status;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
        after_quote = true;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      any = true;
      after_quote = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      PIMS_RETURN_IF_ERROR(end_record());
      record_line = ++line;
    } else if (after_quote) {
      return BadImport("the CSV has text after a closing quote on line " + std::to_string(line));
    } else if (c == '"' && field.empty()) {
      quoted = true;
      any = true;
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) {
    return BadImport("the CSV leaves a quote open from line " + std::to_string(record_line));
  }
  if (any || !field.empty()) return end_record();
  return Status::Ok();
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace pims
