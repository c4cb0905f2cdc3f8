#include "pims/platform.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <system_error>

#if defined(__linux__)
#include <sys/prctl.h>
#include <sys/resource.h>
#elif defined(__APPLE__)
#include <sys/resource.h>
#endif

namespace pims {
namespace fs = std::filesystem;

Environment Environment::Process() {
  return Environment{[](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
  }};
}

namespace {
class RealClock final : public Clock {
 public:
  int64_t NowMillis() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};
}  // namespace

const Clock& SystemClock() {
  static const RealClock clock;
  return clock;
}

Result<fs::path> DataDir(const Environment& env) {
  if (auto home = env.get("PIMS_HOME")) return fs::path(*home);
#if defined(_WIN32)
  if (auto appdata = env.get("APPDATA")) return fs::path(*appdata) / "pims";
  return Status(ErrorCode::kIoError, "APPDATA is not set: cannot find where to keep the vault");
#else
  auto home = env.get("HOME");
#if defined(__APPLE__)
  if (home) return fs::path(*home) / "Library" / "Application Support" / "pims";
#else
  if (auto xdg = env.get("XDG_DATA_HOME"); xdg && fs::path(*xdg).is_absolute()) {
    return fs::path(*xdg) / "pims";
  }
  if (home) return fs::path(*home) / ".local" / "share" / "pims";
#endif
  return Status(ErrorCode::kIoError, "HOME is not set: cannot find where to keep the vault");
#endif
}

fs::path VaultFile(const fs::path& data_dir) { return data_dir / "vault.db"; }

Result<std::string> ReadFileStart(const fs::path& file, size_t n) {
  const int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status(ErrorCode::kNotFound, "no file " + file.string());
    return Status(ErrorCode::kIoError, "cannot read " + file.string());
  }
  std::string bytes(n, '\0');
  size_t got = 0;
  while (got < n) {
    const ssize_t r = read(fd, bytes.data() + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += static_cast<size_t>(r);
  }
  close(fd);
  bytes.resize(got);
  return bytes;
}

Status EnsurePrivateDir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status(ErrorCode::kIoError, "cannot create " + dir.string() + ": " + ec.message());
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec)
    return Status(ErrorCode::kIoError, "cannot make " + dir.string() + " private: " + ec.message());
  return Status::Ok();
}

Status MakePrivateFile(const fs::path& file) {
  std::error_code ec;
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace,
                  ec);
  if (ec)
    return Status(ErrorCode::kIoError,
                  "cannot make " + file.string() + " private: " + ec.message());
  return Status::Ok();
}

void HardenProcess() {
#if defined(__linux__)
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
#if defined(__linux__) || defined(__APPLE__)
  struct rlimit no_core {
    0, 0
  };
  setrlimit(RLIMIT_CORE, &no_core);
#endif
}

std::string FormatTime(int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[96];  // ample for any int fields, so never truncated
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(ms % 1000));
  return buffer;
}

namespace {

class FdInput final : public ByteInput {
 public:
  explicit FdInput(int fd) : fd_(fd) {}
  ReadResult Read(std::span<char> buffer, int64_t timeout_ms) override {
    for (;;) {
      pollfd in{fd_, POLLIN, 0};
      // poll takes an int: wait in steps of at most a minute, which callers see as a timeout.
      const int wait = timeout_ms < 0 ? -1 : static_cast<int>(std::min<int64_t>(timeout_ms, 60000));
      const int ready = poll(&in, 1, wait);
      if (ready < 0 && errno == EINTR) continue;
      if (ready < 0) return {Event::kError};
      if (ready == 0) return {Event::kTimeout};
      const ssize_t n = read(fd_, buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return {Event::kError};
      if (n == 0) return {Event::kEnd};
      return {Event::kData, static_cast<size_t>(n)};
    }
  }

 private:
  int fd_;
};

class FdOutput final : public ByteOutput {
 public:
  explicit FdOutput(int fd) : fd_(fd) {}
  bool Write(std::string_view bytes) override {
    while (!bytes.empty()) {
      const ssize_t n = write(fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

 private:
  int fd_;
};

}  // namespace

Result<SharedLibrary> SharedLibrary::Load(std::initializer_list<const char*> names) {
  std::string tried;
  for (const char* name : names) {
    if (void* handle = dlopen(name, RTLD_NOW | RTLD_LOCAL)) return SharedLibrary(handle);
    tried += tried.empty() ? name : std::string(", ") + name;
  }
  return Status(ErrorCode::kInternal, "a library pims needs for this is missing: " + tried);
}

void* SharedLibrary::Symbol(const char* symbol) const { return dlsym(handle_, symbol); }

ByteInput& StandardInput() {
  static FdInput input(STDIN_FILENO);
  return input;
}

ByteOutput& StandardOutput() {
  static FdOutput output(STDOUT_FILENO);
  return output;
}

bool StandardInputIsTerminal() { return isatty(STDIN_FILENO) == 1; }

void IgnoreBrokenPipe() { signal(SIGPIPE, SIG_IGN); }

}  // namespace pims
