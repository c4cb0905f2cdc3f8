#include "pims/status.h"

namespace pims {

std::string_view ErrorCodeName(ErrorCode code) {
  // In enum order: the stable wire names (docs/protocol.md). APPEND-ONLY, like the enum.
  constexpr std::string_view kNames[] = {
      "ok",
      "bad_frame",
      "bad_json",
      "bad_request",
      "unknown_verb",
      "too_large",
      "vault_absent",
      "vault_exists",
      "locked",
      "bad_password",
      "vault_corrupt",
      "not_found",
      "caller_refused",
      "internal",
      "invalid_field",
      "bad_site",
      "vault_newer",
      "io_error",
      "busy",
      "bad_import",
  };
  static_assert(std::size(kNames) == static_cast<size_t>(ErrorCode::kBadImport) + 1,
                "every error code has its wire name");
  const auto index = static_cast<size_t>(code);
  return index < std::size(kNames) ? kNames[index] : "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(code_name());
  out += ": ";
  out += message_;
  return out;
}

}  // namespace pims
