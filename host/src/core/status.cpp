#include "pims/status.h"

namespace pims {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "ok";
    case ErrorCode::kBadFrame:
      return "bad_frame";
    case ErrorCode::kBadJson:
      return "bad_json";
    case ErrorCode::kBadRequest:
      return "bad_request";
    case ErrorCode::kUnknownVerb:
      return "unknown_verb";
    case ErrorCode::kTooLarge:
      return "too_large";
    case ErrorCode::kVaultAbsent:
      return "vault_absent";
    case ErrorCode::kVaultExists:
      return "vault_exists";
    case ErrorCode::kLocked:
      return "locked";
    case ErrorCode::kBadPassword:
      return "bad_password";
    case ErrorCode::kVaultCorrupt:
      return "vault_corrupt";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kCallerRefused:
      return "caller_refused";
    case ErrorCode::kInternal:
      return "internal";
    case ErrorCode::kInvalidField:
      return "invalid_field";
    case ErrorCode::kBadSite:
      return "bad_site";
    case ErrorCode::kVaultNewer:
      return "vault_newer";
    case ErrorCode::kIoError:
      return "io_error";
    case ErrorCode::kBusy:
      return "busy";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(code_name());
  out += ": ";
  out += message_;
  return out;
}

}  // namespace pims
