// The OS seam: what tests need to control or replace — the environment, the clock, where the
// vault lives, private files and folders, the standard streams the host speaks on — and the
// process settings the executables make (core dumps, SIGPIPE). The vault's SQLite file is opened
// by SQLite itself (store/database.cpp, the one other place that touches the disk); tests give
// it temporary folders.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "pims/status.h"

namespace pims {

// Reads environment variables. Process() reads the real environment; tests pass a map.
struct Environment {
  std::function<std::optional<std::string>(std::string_view)> get;
  static Environment Process();
};

// Milliseconds since the Unix epoch. Thread-safety: implementations must be thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowMillis() const = 0;
};
// The system's real-time clock. Lives forever.
const Clock& SystemClock();

// Milliseconds since the epoch as ISO 8601 UTC ("2026-11-29T04:38:22.123Z").
std::string FormatTime(int64_t ms);

// The folder holding the vault: $PIMS_HOME if set, else the platform's per-user data folder
// ($XDG_DATA_HOME/pims or ~/.local/share/pims on Linux, ~/Library/Application Support/pims on
// macOS, %APPDATA%\pims on Windows). kIoError if no home folder can be found.
Result<std::filesystem::path> DataDir(const Environment& env);

// The vault file inside a data folder.
std::filesystem::path VaultFile(const std::filesystem::path& data_dir);

// The first n bytes of a file (fewer when it is shorter). kNotFound when it does not exist,
// kIoError when it cannot be read. (POSIX reads: no stream or locale is set up for it.)
Result<std::string> ReadFileStart(const std::filesystem::path& file, size_t n);

// Creates dir (and parents) if needed and makes dir itself 0700. kIoError on failure.
Status EnsurePrivateDir(const std::filesystem::path& dir);
// Makes an existing file 0600. kIoError on failure.
Status MakePrivateFile(const std::filesystem::path& file);

// A stream of bytes coming in (the browser's frames on stdin).
class ByteInput {
 public:
  enum class Event { kData, kTimeout, kEnd, kError };
  struct ReadResult {
    Event event;
    size_t bytes = 0;  // for kData: how many bytes were read into the buffer (at least 1)
  };
  virtual ~ByteInput() = default;
  // Waits at most timeout_ms (-1: without limit) for bytes and reads up to buffer.size() of
  // them. kEnd when the other side closed the stream, kError when reading failed.
  virtual ReadResult Read(std::span<char> buffer, int64_t timeout_ms) = 0;
};

// A stream of bytes going out (the host's replies on stdout).
class ByteOutput {
 public:
  virtual ~ByteOutput() = default;
  // Writes all of bytes; false when the stream is closed or failed.
  virtual bool Write(std::string_view bytes) = 0;
};

// The process's standard input and output (binary). Live forever.
ByteInput& StandardInput();
ByteOutput& StandardOutput();
// True when standard input is a terminal (a person started the program by hand).
bool StandardInputIsTerminal();
// Makes a write to a closed pipe fail with an error instead of killing the process.
void IgnoreBrokenPipe();

// A shared library loaded when the work that needs it first comes (dlopen), so that pims-host
// starts without it and keeps its pages out of memory while it idles: the work few sessions do
// (OpenSSL's AES for a password-protected Bitwarden export, libargon2 for its key). The library
// stays loaded for the life of the process.
class SharedLibrary {
 public:
  // The first of `names` (sonames: "libcrypto.so.3") that loads; kInternal naming them when none
  // does (the package's dependencies were removed).
  static Result<SharedLibrary> Load(std::initializer_list<const char*> names);
  // The function `symbol` as a pointer of F's type (declare F with decltype of the header's
  // prototype); nullptr when the library has no such symbol.
  template <typename F>
  F Find(const char* symbol) const {
    return reinterpret_cast<F>(Symbol(symbol));
  }

 private:
  explicit SharedLibrary(void* handle) : handle_(handle) {}
  void* Symbol(const char* symbol) const;
  void* handle_;
};

// Turns off core dumps and ptrace attach for this process (Linux: PR_SET_DUMPABLE 0), so a
// crash or another local program cannot read keys out of memory. Best effort.
void HardenProcess();

}  // namespace pims
