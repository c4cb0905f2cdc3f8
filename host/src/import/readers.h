// One reader per format, each filling an ImportBuilder from a file's bytes (pims/import.h says
// what each error means). Internal to libpims (host/src/import); ParseImport picks the reader.
#pragma once

#include <string_view>

#include "import/builder.h"

namespace pims {

// bitwarden.cpp: Bitwarden's JSON export; `password` opens a password-protected one.
Status ReadBitwarden(std::string_view bytes, std::string_view password, ImportBuilder& out);
bool BitwardenNeedsPassword(std::string_view bytes);
// onepux.cpp: 1Password's 1PUX archive.
Status ReadOnePux(std::string_view bytes, ImportBuilder& out);
// firefox.cpp: Firefox's autofill-profiles.json.
Status ReadFirefox(std::string_view bytes, ImportBuilder& out);
// csv_import.cpp: a CSV with a header row of autofill field names.
Status ReadCsv(std::string_view bytes, ImportBuilder& out);

}  // namespace pims
