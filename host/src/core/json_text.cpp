#include "core/json_text.h"

#include "core/text.h"
#include "pims/secret.h"

namespace pims {
namespace {

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  if (!IsValidUtf8(text)) {
    // Rare (the profile and the page give UTF-8): nlohmann::json's own replacement, so that the
    // bytes stay those of SerializeReply. The copy may hold a value: wiped.
    nlohmann::json copy = std::string(text);
    AppendJsonValue(out, copy);
    WipeString(copy.get_ref<std::string&>());
    return;
  }
  out.reserve(out.size() + text.size() + 2);
  out.push_back('"');
  size_t plain = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default: {
        const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
        out.append(escaped, sizeof escaped);
      }
    }
  }
  out.append(text.data() + plain, text.size() - plain);
  out.push_back('"');
}

void AppendJsonValue(std::string& out, const nlohmann::json& value) {
  out += value.dump(/*indent=*/-1, /*indent_char=*/' ', /*ensure_ascii=*/false,
                    nlohmann::json::error_handler_t::replace);
}

void AppendJsonStrings(std::string& out, std::span<const std::string> list) {
  out.push_back('[');
  for (size_t i = 0; i < list.size(); ++i) {
    if (i != 0) out.push_back(',');
    AppendJsonString(out, list[i]);
  }
  out.push_back(']');
}

void AppendJsonStringObject(
    std::string& out,
    std::initializer_list<std::pair<std::string_view, std::string_view>> members) {
  out.push_back('{');
  for (const auto& [key, value] : members) {
    if (out.back() != '{') out.push_back(',');
    out.push_back('"');
    out.append(key);
    out.append("\":");
    AppendJsonString(out, value);
  }
  out.push_back('}');
}

}  // namespace pims
