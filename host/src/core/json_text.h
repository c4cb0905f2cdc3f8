// JSON text written straight from values, without building a JSON document first, byte for
// byte as nlohmann::json's compact dump writes the same values: non-ASCII UTF-8 as it is, invalid
// UTF-8 bytes as U+FFFD. For the texts written on every fill: the fill reply
// (protocol/reply_text.h) and the ledger's entry.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace pims {

// Appends `text` as a JSON string ("...", escaped as nlohmann::json escapes it).
void AppendJsonString(std::string& out, std::string_view text);
// Appends any JSON value as nlohmann::json's compact dump writes it (ensure_ascii off, invalid
// UTF-8 replaced).
void AppendJsonValue(std::string& out, const nlohmann::json& value);
// Appends an array of strings: ["a","b"].
void AppendJsonStrings(std::string& out, std::span<const std::string> list);
// Appends an object of string members, {"key":"value",...}, in the order given: for the text
// nlohmann::json writes, give the keys in sorted order. REQUIRES: the keys are names that JSON
// writes as they are (no quote, backslash or control character).
void AppendJsonStringObject(
    std::string& out, std::initializer_list<std::pair<std::string_view, std::string_view>> members);

}  // namespace pims
