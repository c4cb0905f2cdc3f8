// The fill verb's request parsing, shared with the corpus test tool (tests/corpus), which
// classifies descriptors exactly as the host reads them; the fill's decision and its reply text,
// which the session writes without a JSON document (Session::HandleToText). Internal to libpims.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pims/fill.h"
#include "pims/status.h"

namespace pims {

// Most fields of one fill request, and options of one select.
inline constexpr size_t kMaxFillFields = 2000;
inline constexpr size_t kMaxSelectOptions = 2000;

// One field descriptor (docs/protocol.md, "Field descriptors"). `path` names it in errors
// ("fields[3]"): kBadRequest with field() the offending key's path.
Result<FieldDescriptor> ParseFieldDescriptor(const nlohmann::json& j, const std::string& path);
// Every descriptor of body["fields"] (kBadRequest naming the first bad one).
Result<std::vector<FieldDescriptor>> ReadFillFields(const nlohmann::json& body);

class Session;

// What one fill request decides (docs/protocol.md, "fill"): body is the request; `prepared`, when
// the fast path read the descriptors already (protocol/fill_parser.h), stands for body["fields"].
// Errors as the fill verb answers them (kLocked, kBadRequest naming the field, ...).
Result<FillResult> DecideFillRequest(Session& session, const nlohmann::json& body,
                                     std::optional<std::vector<FieldDescriptor>> prepared);

// The wire text of the fill's OK reply, {"id", "ok": true, "site", "fills", "withheld",
// "unknown", "empty"}: byte for byte SerializeReply(OkReply(id, <those members>), max_bytes),
// the too_large error reply included, written without building a JSON document. The text holds
// the values filled: wipe it once sent. REQUIRES: max_bytes >= 160.
std::string FillReplyText(const nlohmann::json& id, const FillResult& result, size_t max_bytes);

}  // namespace pims
