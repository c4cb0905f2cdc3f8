// Which option of a select stands for a fill value: the shop's own format for countries
// (code or name in several languages), regions (code or name), months (1, 01, January, Jan,
// Januar, janvier ...), years (2 or 4 digits) and days. Internal to libpims.
//
// Thread-safety: safe from any thread (the name tables are built once, on first use; the
// lists folded lately are kept under a lock).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "pims/fill.h"

namespace pims {

// The `value` of the option that names `value` (a DeriveValue result for autofill field
// `field`), or nullopt when no option does. An option whose own value is empty (a "Select..."
// placeholder) is never chosen. A match on an option's value wins over a match on its text;
// among equals the first option wins.
std::optional<std::string> MatchOption(std::string_view field, std::string_view value,
                                       std::span<const SelectOption> options);

}  // namespace pims
