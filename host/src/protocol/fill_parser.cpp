#include "protocol/fill_parser.h"

#include <simdjson.h>

#include <cmath>
#include <cstring>

#include "pims/frame.h"
#include "protocol/verbs_fill.h"

namespace pims {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// key == name, for a literal name: the length is known here, so the comparison compiles to a
// few instructions instead of a call (a fill request has some 3,000 keys).
template <size_t N>
bool KeyIs(std::string_view key, const char (&name)[N]) {
  return key.size() == N - 1 && std::memcmp(key.data(), name, N - 1) == 0;
}

// A string member into `out`; null leaves `out` as it is (absent). False for any other type.
bool ReadOptionalString(element value, std::string& out) {
  if (value.type() == element_type::NULL_VALUE) return true;
  std::string_view text;
  if (value.get_string().get(text)) return false;
  out.assign(text);
  return true;
}

// An integer in [min, max], also written as an integral float (JSON does not tell them apart).
bool ReadInteger(element value, int64_t min, int64_t max, int64_t& out) {
  switch (value.type()) {
    case element_type::INT64:
      out = value.get_int64().value_unsafe();
      break;
    case element_type::UINT64: {
      const uint64_t u = value.get_uint64().value_unsafe();
      if (u > static_cast<uint64_t>(max)) return false;
      out = static_cast<int64_t>(u);
      break;
    }
    case element_type::DOUBLE: {
      const double d = value.get_double().value_unsafe();
      constexpr double kTwoTo63 = 9223372036854775808.0;
      if (!std::isfinite(d) || d != std::trunc(d) || d < -kTwoTo63 || d >= kTwoTo63) return false;
      out = static_cast<int64_t>(d);
      break;
    }
    default:
      return false;
  }
  return out >= min && out <= max;
}

bool ReadOptions(element value, std::vector<SelectOption>& out) {
  simdjson::dom::array options;
  if (value.get_array().get(options) || options.size() > kMaxSelectOptions) return false;
  out.reserve(options.size());
  for (element option : options) {
    simdjson::dom::object object;
    if (option.get_object().get(object)) return false;
    SelectOption& read = out.emplace_back();  // a failure drops the whole request anyway
    bool has_value = false;
    for (auto [key, member] : object) {
      if (KeyIs(key, "value")) {
        std::string_view text;
        if (member.get_string().get(text)) return false;
        read.value.assign(text);
        has_value = true;
      } else if (KeyIs(key, "text")) {
        read.text.clear();
        if (!ReadOptionalString(member, read.text)) return false;
      }
    }
    if (!has_value) return false;
  }
  return true;
}

// One descriptor, as ParseFieldDescriptor reads it (the last of repeated keys wins, as there).
bool ReadDescriptor(element value, FieldDescriptor& d) {
  simdjson::dom::object object;
  if (value.get_object().get(object)) return false;
  bool has_ref = false;
  for (auto [key, member] : object) {
    std::string* text = nullptr;
    if (KeyIs(key, "ref")) {
      std::string_view ref;
      if (member.get_string().get(ref)) return false;
      d.ref.assign(ref);
      has_ref = true;
      continue;
    }
    if (KeyIs(key, "autocomplete"))
      text = &d.autocomplete;
    else if (KeyIs(key, "tag"))
      text = &d.tag;
    else if (KeyIs(key, "type"))
      text = &d.type;
    else if (KeyIs(key, "name"))
      text = &d.name;
    else if (KeyIs(key, "id"))
      text = &d.id;
    else if (KeyIs(key, "label"))
      text = &d.label;
    else if (KeyIs(key, "placeholder"))
      text = &d.placeholder;
    else if (KeyIs(key, "nearby"))
      text = &d.nearby;
    else if (KeyIs(key, "inputmode"))
      text = &d.inputmode;
    else if (KeyIs(key, "section"))
      text = &d.section;
    else if (KeyIs(key, "form"))
      text = &d.form;
    if (text != nullptr) {
      if (!ReadOptionalString(member, *text)) return false;
    } else if (KeyIs(key, "maxlength")) {
      if (member.type() == element_type::NULL_VALUE) continue;
      int64_t maxlength = 0;
      if (!ReadInteger(member, -1, 1 << 20, maxlength)) return false;
      d.maxlength = static_cast<int>(maxlength);
    } else if (KeyIs(key, "visible")) {
      if (member.type() == element_type::NULL_VALUE) continue;
      bool visible = true;
      if (member.get_bool().get(visible)) return false;
      d.visible = visible;
    } else if (KeyIs(key, "options")) {
      d.options.clear();
      if (!ReadOptions(member, d.options)) return false;
    }
  }
  return has_ref;
}

// The id as the general path accepts it: a string of at most kMaxIdBytes or a safe integer.
std::optional<nlohmann::json> ReadId(element value) {
  std::string_view text;
  if (!value.get_string().get(text)) {
    if (text.size() > kMaxIdBytes) return std::nullopt;
    return nlohmann::json(std::string(text));
  }
  int64_t n = 0;
  if (value.type() == element_type::DOUBLE) return std::nullopt;  // 7.0: the general path echoes it
  if (!ReadInteger(value, -kMaxSafeIntegerId, kMaxSafeIntegerId, n)) return std::nullopt;
  return nlohmann::json(n);
}

}  // namespace

struct FillParser::Impl {
  simdjson::dom::parser parser;
};

FillParser::FillParser() = default;
FillParser::~FillParser() = default;

bool FillParser::ready() const { return impl_ != nullptr; }

std::optional<Request> FillParser::Parse(const std::string& payload) {
  // A fill's type is the string "fill"; a payload without those bytes is another verb (or a
  // fill that escapes its type, which the general path reads as well). Not parsing it here keeps
  // simdjson's code and buffers out of a host that only answers status or unlock. Only short
  // payloads are looked through: a long one is most likely a fill, and scanning it would cost
  // more than parsing it.
  if (payload.size() <= kLookThroughBytes && payload.find("\"fill\"") == std::string::npos) {
    return std::nullopt;
  }
  if (!impl_) {
    impl_ = std::make_unique<Impl>();
    if (impl_->parser.allocate(std::max<size_t>(payload.size(), 64 * 1024), kMaxJsonDepth)) {
      return std::nullopt;
    }
  }
  if (payload.size() > kMaxRequestBytes) return std::nullopt;
  element root;
  static_assert(FrameDecoder::kPayloadSlack >= simdjson::SIMDJSON_PADDING);
  if (impl_->parser.parse(payload).get(root)) return std::nullopt;  // in place, given the slack
  simdjson::dom::object object;
  if (root.get_object().get(object)) return std::nullopt;

  Request request;
  request.body = nlohmann::json::object();
  std::optional<element> fields;
  bool has_id = false;
  for (auto [key, member] : object) {
    if (KeyIs(key, "id")) {
      std::optional<nlohmann::json> id = ReadId(member);
      if (!id) return std::nullopt;
      request.id = std::move(*id);
      has_id = true;
    } else if (KeyIs(key, "type")) {
      std::string_view type;
      if (member.get_string().get(type) || type != "fill") return std::nullopt;
      request.type.assign(type);
    } else if (KeyIs(key, "fields")) {
      fields = member;
    } else if (KeyIs(key, "ask")) {
      simdjson::dom::array refs;
      if (member.get_array().get(refs)) return std::nullopt;
      nlohmann::json ask = nlohmann::json::array();
      for (element ref : refs) {
        std::string_view text;
        if (ref.get_string().get(text)) return std::nullopt;
        ask.push_back(std::string(text));
      }
      request.body["ask"] = std::move(ask);
    } else if (KeyIs(key, "pick") || KeyIs(key, "once")) {
      return std::nullopt;  // a pick in the menu at a field: rare, read the general way
    } else if (KeyIs(key, "aimed")) {
      // Kept for the handler, which checks it as for any fill.
      bool aimed = false;
      if (member.get_bool().get(aimed)) {
        if (member.type() != element_type::NULL_VALUE) return std::nullopt;
        request.body["aimed"] = nullptr;
      } else {
        request.body["aimed"] = aimed;
      }
    } else if (KeyIs(key, "url") || KeyIs(key, "trigger") || KeyIs(key, "top_url")) {
      // Kept for the handler, which checks them as for any fill.
      std::string_view text;
      if (member.get_string().get(text)) {
        if (member.type() != element_type::NULL_VALUE) return std::nullopt;
        request.body[std::string(key)] = nullptr;
      } else {
        request.body[std::string(key)] = std::string(text);
      }
    }
  }
  if (!has_id || request.type != "fill" || !fields) return std::nullopt;
  simdjson::dom::array list;
  if (fields->get_array().get(list) || list.size() > kMaxFillFields) return std::nullopt;
  std::vector<FieldDescriptor> descriptors;
  descriptors.reserve(list.size());
  for (element descriptor : list) {
    FieldDescriptor d;
    if (!ReadDescriptor(descriptor, d)) return std::nullopt;
    descriptors.push_back(std::move(d));
  }
  request.body["id"] = request.id;
  request.body["type"] = request.type;
  request.fields = std::move(descriptors);
  return request;
}

}  // namespace pims
