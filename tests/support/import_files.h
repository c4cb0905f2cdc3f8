// The hand-written import files of tests/data/import/, and small readers of what they import.
#pragma once

#include <zlib.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "pims/import.h"

namespace pims::testing {

inline std::string ImportFile(const std::string& name) {
  std::ifstream in(std::string(PIMS_TEST_DATA_DIR) + "/import/" + name, std::ios::binary);
  REQUIRE(in.good());
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A field of a record or of the person, "" when unset.
inline std::string Field(const FieldMap& fields, const std::string& key) {
  const auto it = fields.find(key);
  return it == fields.end() ? std::string() : std::string(it->second.reveal());
}

inline ImportedProfile Imported(ImportFormat format, const std::string& bytes,
                                const std::string& password = {}) {
  auto imported = ParseImport(format, bytes, password);
  INFO(imported.status().ToString());
  REQUIRE(imported.ok());
  return std::move(imported).value();
}

// The error a file gives. REQUIRES (checked): it gives one.
inline Status ImportError(ImportFormat format, const std::string& bytes,
                          const std::string& password = {}) {
  auto imported = ParseImport(format, bytes, password);
  REQUIRE_FALSE(imported.ok());
  return imported.status();
}

inline int UnplacedCount(const ImportedProfile& imported, const std::string& field) {
  int count = 0;
  for (const UnplacedField& entry : imported.unplaced) {
    if (entry.field == field) count += entry.count;
  }
  return count;
}

// Why `field` was unplaced (the first entry of that name), or nullopt when it was not.
inline std::optional<UnplacedWhy> UnplacedWhyOf(const ImportedProfile& imported,
                                                const std::string& field) {
  for (const UnplacedField& entry : imported.unplaced) {
    if (entry.field == field) return entry.why;
  }
  return std::nullopt;
}

// A ZIP archive of one entry, as a 1PUX exporter writes it (APPNOTE 6.3: local header, data,
// central directory, end record). `declared` overrides the uncompressed size the headers state
// (a lying archive); `compress` false stores the bytes as they are.
inline std::string ZipOf(const std::string& name, const std::string& data, bool compress = true,
                         long long declared = -1) {
  std::string body = data;
  if (compress) {
    z_stream stream{};
    REQUIRE(deflateInit2(&stream, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    body.assign(deflateBound(&stream, data.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(body.data());
    stream.avail_out = static_cast<uInt>(body.size());
    REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
    body.resize(stream.total_out);
    deflateEnd(&stream);
  }
  const auto le = [](uint32_t n, int bytes) {
    std::string out;
    for (int i = 0; i < bytes; ++i) out += static_cast<char>((n >> (8 * i)) & 0xff);
    return out;
  };
  const uint32_t crc = static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  const uint32_t size =
      declared >= 0 ? static_cast<uint32_t>(declared) : static_cast<uint32_t>(data.size());
  const uint32_t method = compress ? 8 : 0;
  const auto common = [&] {
    return le(20, 2) + le(0, 2) + le(method, 2) + le(0, 2) + le(0, 2) + le(crc, 4) +
           le(static_cast<uint32_t>(body.size()), 4) + le(size, 4) +
           le(static_cast<uint32_t>(name.size()), 2) + le(0, 2);
  };
  std::string zip = le(0x04034b50, 4) + common() + name + body;
  const uint32_t directory_at = static_cast<uint32_t>(zip.size());
  std::string directory = le(0x02014b50, 4) + le(20, 2) + common() + le(0, 2) + le(0, 2) +
                          le(0, 2) + le(0, 4) + le(0, 4) + name;
  zip += directory;
  zip += le(0x06054b50, 4) + le(0, 2) + le(0, 2) + le(1, 2) + le(1, 2) +
         le(static_cast<uint32_t>(directory.size()), 4) + le(directory_at, 4) + le(0, 2);
  return zip;
}

}  // namespace pims::testing
