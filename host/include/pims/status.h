// Errors as values: the one error type that crosses libpims' public face.
//
// Every fallible libpims function returns a Status or a Result<T>. Both are [[nodiscard]], so a
// dropped error is a compile warning (an error in CI). Nothing thrown inside libpims (SQLiteCpp,
// nlohmann::json, std::) crosses a public function: module edges catch and convert.
//
// ErrorCode values double as the native messaging protocol's error codes (docs/protocol.md).
// The list is APPEND-ONLY: never rename, renumber or remove a code; the extension and other
// tools match on the strings.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace pims {

enum class ErrorCode {
  kOk = 0,
  kBadFrame,       // "bad_frame": the byte stream is not a valid native messaging frame
  kBadJson,        // "bad_json": the frame is not UTF-8 JSON, or nests too deep
  kBadRequest,     // "bad_request": a field is missing or has the wrong type or value
  kUnknownVerb,    // "unknown_verb": no handler for the request's type
  kTooLarge,       // "too_large": a frame or a reply is over its size limit
  kVaultAbsent,    // "vault_absent": no vault exists yet (run setup)
  kVaultExists,    // "vault_exists": setup was asked but a vault is already there
  kLocked,         // "locked": the vault must be unlocked first
  kBadPassword,    // "bad_password": the password does not open the vault
  kVaultCorrupt,   // "vault_corrupt": the vault file is damaged or was tampered with
  kNotFound,       // "not_found": the named site, address, card or entry does not exist
  kCallerRefused,  // "caller_refused": the host was started by an unknown extension
  kInternal,       // "internal": a bug or an unexpected failure of the system
  kInvalidField,   // "invalid_field": a profile value fails validation (see Status::field)
  kBadSite,        // "bad_site": a URL that is not an http(s) site
  kVaultNewer,     // "vault_newer": the vault was written by a newer pims
  kIoError,        // "io_error": the disk refused a read or write (full, permissions)
  kBusy,           // "busy": another pims process held the vault for too long
  kBadImport,      // "bad_import": a file to import is not a valid export of its format
};

// The stable wire name of a code ("bad_frame", ...). Never empty.
std::string_view ErrorCodeName(ErrorCode code);

// A success, or an error code with a human message. The message never contains a secret
// (password, profile value, key): callers build it from field names and public facts only.
class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(ErrorCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  std::string_view code_name() const { return ErrorCodeName(code_); }
  const std::string& message() const { return message_; }
  // For kInvalidField and kBadRequest: the path of the offending field ("cards[0].cc-number").
  const std::string& field() const { return field_; }

  // "code: message" for logs and the command line.
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::string field_;
};

// A value or an error. Construct from a T (success) or from an error Status. ok() holds exactly
// when there is a value: a Result built from an OK Status (a bug: success without a value) is
// the error kInternal, never an "ok" Result whose value() would fail.
// REQUIRES: value() only when ok(); status() is always valid (OK on success).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T success) : state_(std::move(success)) {}  // NOLINT(google-explicit-constructor)
  Result(Status error)                               // NOLINT(google-explicit-constructor)
      : state_(error.ok() ? Status(ErrorCode::kInternal, "a success was returned without a value")
                          : std::move(error)) {}
  Result(ErrorCode code, std::string message, std::string field = {})
      : state_(Status(code, std::move(message), std::move(field))) {}

  bool ok() const { return std::holds_alternative<T>(state_); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace pims

#define PIMS_CONCAT_INNER(a, b) a##b
#define PIMS_CONCAT(a, b) PIMS_CONCAT_INNER(a, b)

// Early return of an error Status from a function returning Status or Result<U>.
#define PIMS_RETURN_IF_ERROR(expr) \
  PIMS_RETURN_IF_ERROR_IMPL(PIMS_CONCAT(pims_status_, __LINE__), expr)
#define PIMS_RETURN_IF_ERROR_IMPL(status, expr) \
  do {                                          \
    ::pims::Status status = (expr);             \
    if (!status.ok()) return status;            \
  } while (0)

// PIMS_ASSIGN_OR_RETURN(auto x, Compute()); on error returns the Status.
#define PIMS_ASSIGN_OR_RETURN(lhs, rexpr) \
  PIMS_ASSIGN_OR_RETURN_IMPL(PIMS_CONCAT(pims_result_, __LINE__), lhs, rexpr)
#define PIMS_ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                               \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
