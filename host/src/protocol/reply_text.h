// Reply text written straight from values, without building a JSON document first, byte for
// byte as SerializeReply writes the same reply (pims/request.h): nlohmann::json's compact dump,
// members in key order, non-ASCII UTF-8 as it is, invalid UTF-8 bytes as U+FFFD. The fill reply,
// the host's hot path, is written this way (verbs_fill.h), with AppendJsonString and
// AppendJsonValue (core/json_text.h). Internal to libpims.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/json_text.h"

namespace pims {

// What SerializeReply returns in place of a reply of `size` bytes above max_bytes: the too_large
// error reply with `id`, or with a null id should even that not fit.
// REQUIRES: max_bytes >= 160.
std::string OversizedReplyText(const nlohmann::json& id, size_t size, size_t max_bytes);

}  // namespace pims
