#include "files.h"

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#ifdef _WIN32
#include <process.h>
#else
#include <unistd.h>
#endif

namespace pims::installer {
namespace fs = std::filesystem;

namespace {

Status IoError(const std::string& what, const fs::path& path, const std::error_code& ec) {
  return Status(ErrorCode::kIoError,
                "cannot " + what + " " + PathToUtf8(path) + ": " + ec.message() +
                    (ec == std::errc::permission_denied || ec == std::errc::read_only_file_system
                         ? " (system scope needs root: try sudo)"
                         : ""));
}

int ProcessId() {
#ifdef _WIN32
  return _getpid();
#else
  return static_cast<int>(getpid());
#endif
}

}  // namespace

fs::path Absolute(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  return (ec ? path : absolute).lexically_normal();
}

std::string PathToUtf8(const fs::path& path) {
  const std::u8string text = path.u8string();
  return std::string(text.begin(), text.end());
}

Result<std::optional<std::string>> ReadFile(const fs::path& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) return std::optional<std::string>();
  if (ec) return IoError("read", path, ec);
  if (status.type() != fs::file_type::regular) {
    return Status(ErrorCode::kIoError, PathToUtf8(path) + " is not a regular file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("read", path, std::error_code(errno, std::generic_category()));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return IoError("read", path, std::make_error_code(std::errc::io_error));
  return std::optional<std::string>(content.str());
}

Status WriteFileAtomically(const fs::path& path, const std::string& content, fs::perms perms) {
  const fs::path temp = path.parent_path() /
                        ("." + PathToUtf8(path.filename()) + ".tmp-" + std::to_string(ProcessId()));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      // The stream does not say why; errno does on every platform we build for.
      return IoError("write", path, std::error_code(errno, std::generic_category()));
    }
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      out.close();
      std::error_code ignored;
      fs::remove(temp, ignored);
      return IoError("write", path, std::make_error_code(std::errc::io_error));
    }
  }
  std::error_code ec;
  fs::permissions(temp, perms, fs::perm_options::replace, ec);
  if (!ec) fs::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    return IoError("write", path, ec);
  }
  return Status::Ok();
}

Status RemoveFile(const fs::path& path) {
  std::error_code ec;
  fs::remove(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) return IoError("remove", path, ec);
  return Status::Ok();
}

bool IsExecutableFile(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
#ifdef _WIN32
  return path.extension() == ".exe";
#else
  return access(path.c_str(), X_OK) == 0;
#endif
}

}  // namespace pims::installer
