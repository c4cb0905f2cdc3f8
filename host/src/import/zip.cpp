#include "import/zip.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "import/builder.h"
#include "pims/platform.h"

namespace pims {
namespace {

constexpr uint32_t kEndSignature = 0x06054b50;
constexpr uint32_t kCentralSignature = 0x02014b50;
constexpr uint32_t kLocalSignature = 0x04034b50;
constexpr size_t kEndBytes = 22;
constexpr size_t kCentralBytes = 46;
constexpr size_t kLocalBytes = 30;
constexpr size_t kMaxCommentBytes = 0xFFFF;
constexpr uint16_t kStored = 0;
constexpr uint16_t kDeflated = 8;
constexpr uint16_t kEncryptedFlag = 1;

// Little-endian numbers at an offset the caller has checked.
uint32_t Read16(std::string_view bytes, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(bytes[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 8;
}
uint32_t Read32(std::string_view bytes, size_t at) {
  return Read16(bytes, at) | Read16(bytes, at + 2) << 16;
}

struct Entry {
  uint16_t flags = 0;
  uint16_t method = 0;
  uint32_t crc = 0;
  uint32_t compressed = 0;
  uint32_t size = 0;
  uint32_t local_offset = 0;
};

class ZipReader {
 public:
  ZipReader(std::string_view archive, std::string_view what) : archive_(archive), what_(what) {}

  Status Broken(std::string_view how) const {
    return BadImport(std::string(what_) + " is not a ZIP archive pims can read (" +
                     std::string(how) + ")");
  }

  // The central directory: where it starts and ends.
  Result<std::pair<size_t, size_t>> Directory() const {
    if (archive_.size() < kEndBytes) return Broken("too short");
    const size_t lowest = archive_.size() > kEndBytes + kMaxCommentBytes
                              ? archive_.size() - kEndBytes - kMaxCommentBytes
                              : 0;
    for (size_t at = archive_.size() - kEndBytes + 1; at-- > lowest;) {
      if (Read32(archive_, at) != kEndSignature) continue;
      if (at + kEndBytes + Read16(archive_, at + 20) != archive_.size()) continue;
      if (Read16(archive_, at + 4) != 0 || Read16(archive_, at + 6) != 0) {
        return Broken("split over several disks");
      }
      const uint32_t size = Read32(archive_, at + 12);
      const uint32_t offset = Read32(archive_, at + 16);
      if (size == 0xFFFFFFFF || offset == 0xFFFFFFFF) return Broken("ZIP64");
      if (uint64_t{offset} + size > at) return Broken("its directory lies outside it");
      return std::pair<size_t, size_t>(offset, offset + size);
    }
    return Broken("no end of central directory record");
  }

  Result<Entry> Find(std::string_view name) const {
    PIMS_ASSIGN_OR_RETURN(auto directory, Directory());
    size_t at = directory.first;
    while (at < directory.second) {
      if (directory.second - at < kCentralBytes || Read32(archive_, at) != kCentralSignature) {
        return Broken("a damaged directory entry");
      }
      const size_t name_bytes = Read16(archive_, at + 28);
      const size_t next =
          at + kCentralBytes + name_bytes + Read16(archive_, at + 30) + Read16(archive_, at + 32);
      if (next > directory.second) return Broken("a directory entry runs past the directory");
      if (archive_.substr(at + kCentralBytes, name_bytes) == name) {
        Entry entry;
        entry.flags = static_cast<uint16_t>(Read16(archive_, at + 8));
        entry.method = static_cast<uint16_t>(Read16(archive_, at + 10));
        entry.crc = Read32(archive_, at + 16);
        entry.compressed = Read32(archive_, at + 20);
        entry.size = Read32(archive_, at + 24);
        entry.local_offset = Read32(archive_, at + 42);
        return entry;
      }
      at = next;
    }
    return BadImport(std::string(what_) + " has no " + std::string(name));
  }

  // The entry's compressed bytes, after its local header.
  Result<std::string_view> Data(const Entry& entry) const {
    const size_t at = entry.local_offset;
    if (at > archive_.size() || archive_.size() - at < kLocalBytes ||
        Read32(archive_, at) != kLocalSignature) {
      return Broken("a damaged local header");
    }
    const uint64_t start =
        uint64_t{at} + kLocalBytes + Read16(archive_, at + 26) + Read16(archive_, at + 28);
    if (start + entry.compressed > archive_.size()) return Broken("an entry runs past its end");
    return archive_.substr(static_cast<size_t>(start), entry.compressed);
  }

 private:
  std::string_view archive_;
  std::string_view what_;
};

// zlib, loaded the first time a ZIP (a 1PUX export) is opened: an idle pims-host does without.
struct Zlib {
  decltype(&inflateInit2_) init;
  decltype(&inflate) step;
  decltype(&inflateEnd) end;
  decltype(&crc32) checksum;
};

Result<const Zlib*> LoadZlib() {
  static const Result<Zlib> loaded = []() -> Result<Zlib> {
    PIMS_ASSIGN_OR_RETURN(SharedLibrary lib, SharedLibrary::Load({"libz.so.1"}));
    Zlib z{lib.Find<decltype(&inflateInit2_)>("inflateInit2_"),
           lib.Find<decltype(&inflate)>("inflate"), lib.Find<decltype(&inflateEnd)>("inflateEnd"),
           lib.Find<decltype(&crc32)>("crc32")};
    if (!z.init || !z.step || !z.end || !z.checksum) {
      return Status(ErrorCode::kInternal, "libz.so.1 lacks inflate");
    }
    return z;
  }();
  if (!loaded.ok()) return loaded.status();
  return &*loaded;
}

// Raw deflate into exactly `size` bytes; more or fewer is a broken entry.
bool Inflate(const Zlib& zlib, std::string_view in, Secret& out, size_t size) {
  z_stream stream{};
  if (zlib.init(&stream, -MAX_WBITS, ZLIB_VERSION, static_cast<int>(sizeof(z_stream))) != Z_OK) {
    return false;
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  stream.avail_in = static_cast<uInt>(in.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(size + 1);  // one spare byte shows an entry that lies
  const int result = zlib.step(&stream, Z_FINISH);
  const bool whole = result == Z_STREAM_END && stream.total_out == size;
  zlib.end(&stream);
  return whole;
}

}  // namespace

Result<Secret> ReadZipEntry(std::string_view archive, std::string_view name, size_t max_bytes,
                            std::string_view what) {
  const ZipReader zip(archive, what);
  PIMS_ASSIGN_OR_RETURN(Entry entry, zip.Find(name));
  if (entry.flags & kEncryptedFlag) return zip.Broken(std::string(name) + " is encrypted");
  if (entry.method != kStored && entry.method != kDeflated) {
    return zip.Broken(std::string(name) + " is compressed with method " +
                      std::to_string(entry.method));
  }
  if (entry.size == 0xFFFFFFFF || entry.compressed == 0xFFFFFFFF) return zip.Broken("ZIP64");
  if (entry.size > max_bytes) {
    return Status(ErrorCode::kTooLarge, std::string(name) + " in " + std::string(what) +
                                            " unpacks to more than " +
                                            std::to_string(max_bytes >> 20) + " MiB");
  }
  PIMS_ASSIGN_OR_RETURN(std::string_view data, zip.Data(entry));
  PIMS_ASSIGN_OR_RETURN(const Zlib* zlib, LoadZlib());
  Secret out = Secret::Zeroed(size_t{entry.size} + 1);
  if (entry.method == kStored) {
    if (data.size() != entry.size) return zip.Broken("a stored entry's sizes differ");
    if (!data.empty()) std::copy(data.begin(), data.end(), out.data());
  } else if (!Inflate(*zlib, data, out, entry.size)) {
    return zip.Broken(std::string(name) + " does not inflate to the size its header declares");
  }
  const uLong crc =
      zlib->checksum(0L, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(entry.size));
  if (crc != entry.crc) return zip.Broken(std::string(name) + " fails its CRC-32");
  return Secret(out.reveal().substr(0, entry.size));
}

}  // namespace pims
