// Paths of profile fields in error messages ("cards[2].cc-number"), and the rules that the
// profile's JSON reader and its typed edits share. Internal to libpims (host/src/profile).
#pragma once

#include <string>
#include <string_view>

#include "pims/profile.h"

namespace pims {

// kInvalidField naming `path`: "<path> <what>" ("the profile <what>" for the root).
Status InvalidField(std::string_view path, std::string_view what);
// The path of a key below `parent`, quoting at most 64 bytes of the key and only printable
// ASCII (a key is structure, but it comes from the caller).
std::string ChildPath(std::string_view parent, std::string_view key);
// "list[index]".
std::string IndexPath(std::string_view list, size_t index);
// Explicit ids must be unique across addresses and cards (kInvalidField naming the repeat);
// records without one get the first free "address-N" / "card-N".
Status AssignRecordIds(Profile& profile);

}  // namespace pims
