// CSV as RFC 4180 writes it: fields separated by commas, records by CRLF (a lone LF is accepted
// too), a field in double quotes may hold commas, line breaks and doubled quotes. Internal to
// libpims: the CSV import reads it, the ledger export writes it.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "pims/status.h"

namespace pims {

// Calls `row` for each record in order with its 1-based line number and fields; a blank line is
// no record. Stops at the first error `row` returns. kBadImport for a quote left open or text
// after a closing quote (naming the line).
Status ForEachCsvRecord(
    std::string_view text,
    const std::function<Status(size_t line, std::vector<std::string>& fields)>& row);

// One field as RFC 4180 writes it: quoted (with quotes doubled) when it holds a comma, a quote
// or a line break, as it is otherwise.
std::string CsvField(std::string_view text);

}  // namespace pims
