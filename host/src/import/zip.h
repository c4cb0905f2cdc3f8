// One file out of a ZIP archive held in memory, for 1PUX exports. Internal to libpims.
//
// Reads what APPNOTE.TXT (PKWARE, 6.3) calls the end of central directory record, the central
// directory and the entry's local header; entries stored or deflated (zlib's raw inflate). Not
// read: ZIP64, encrypted entries, archives split over disks. Every offset and size is checked
// against the archive before it is used, the entry is inflated into a buffer of the size its
// header declares (at most `max_bytes`: a ZIP bomb is refused before anything that large is
// allocated, and an entry that inflates to more than it declares is refused), and its CRC-32
// must match.
#pragma once

#include <cstddef>
#include <string_view>

#include "pims/secret.h"
#include "pims/status.h"

namespace pims {

// The bytes of the entry called `name`. `what` names the archive in messages ("the 1PUX
// archive"). kBadImport for a broken or unsupported archive or no such entry; kTooLarge when
// the entry declares more than max_bytes.
Result<Secret> ReadZipEntry(std::string_view archive, std::string_view name, size_t max_bytes,
                            std::string_view what);

}  // namespace pims
