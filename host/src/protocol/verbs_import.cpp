// import.preview, import.commit: another program's export into the profile (pims/import.h).
#include <sodium.h>

#include <optional>

#include "pims/import.h"
#include "protocol/verbs.h"

namespace pims {

using nlohmann::json;

namespace {

// The largest file a request carries: its base64 and the request around it fit the 1 MiB frame.
constexpr size_t kMaxImportRequestFileBytes = 700 * 1024;

struct ImportRequest {
  ImportFormat format = ImportFormat::kCsv;
  Secret bytes;
  Secret password;
};

Result<ImportRequest> ReadImportRequest(const json& body) {
  ImportRequest request;
  PIMS_ASSIGN_OR_RETURN(std::string format_name, RequireString(body, "format"));
  const std::optional<ImportFormat> format = ImportFormatFromName(format_name);
  if (!format) {
    return Status(ErrorCode::kBadRequest,
                  "field 'format' must be one of bitwarden, 1pux, firefox, csv", "format");
  }
  request.format = *format;
  PIMS_ASSIGN_OR_RETURN(Secret data, RequireSecret(body, "data"));
  PIMS_ASSIGN_OR_RETURN(std::optional<std::string> password, OptionalString(body, "password"));
  if (password) {
    request.password = Secret(*password);
    WipeString(*password);
  }
  if (data.size() > (kMaxImportRequestFileBytes + 2) / 3 * 4) {
    return Status(ErrorCode::kTooLarge,
                  "the file is larger than 700 KiB, the most a request carries; import it with "
                  "`pims import --from " +
                      format_name + " FILE` (up to 16 MiB)",
                  "data");
  }
  request.bytes = Secret::Zeroed(data.size() / 4 * 3 + 3);
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(request.bytes.data()),
                        request.bytes.size(), data.reveal().data(), data.size(), nullptr, &length,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return Status(ErrorCode::kBadRequest, "field 'data' must be the file's bytes in base64",
                  "data");
  }
  request.bytes = Secret(request.bytes.reveal().substr(0, length));
  return request;
}

// The request's file, read (outside any transaction: a protected file's KDF takes time).
Result<ImportedProfile> Read(const ImportRequest& request) {
  return ParseImport(request.format, request.bytes.reveal(), request.password.reveal());
}

}  // namespace

Result<json> HandleImportPreview(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(ImportRequest request, ReadImportRequest(body));
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(ImportedProfile imported, Read(request));
  PIMS_ASSIGN_OR_RETURN(Profile profile, vault->GetProfile());
  PIMS_ASSIGN_OR_RETURN(ImportPlan plan, PlanImport(profile, request.format, imported));
  json reply = ImportPlanToJson(plan);
  reply["stored"] = false;
  return reply;
}

Result<json> HandleImportCommit(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(ImportRequest request, ReadImportRequest(body));
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(ImportedProfile imported, Read(request));
  std::optional<ImportPlan> stored;
  // Planned again inside the write: duplicates are judged against what is stored now.
  PIMS_RETURN_IF_ERROR(vault->EditProfile([&](Profile& profile) -> Status {
    PIMS_ASSIGN_OR_RETURN(ImportPlan plan, PlanImport(profile, request.format, imported));
    profile = plan.result;
    stored = std::move(plan);
    return Status::Ok();
  }));
  json reply = ImportPlanToJson(*stored);
  reply["stored"] = true;
  return reply;
}

}  // namespace pims
