// The fill request's fast path (protocol/fill_parser.h) reads exactly what the general path
// reads, and leaves to it everything else.
#include "protocol/fill_parser.h"

#include <catch2/catch.hpp>

#include "protocol/verbs_fill.h"

namespace pims {
namespace {

using nlohmann::json;

// The descriptors the general path reads from the same payload.
std::vector<FieldDescriptor> GeneralPath(const std::string& payload) {
  auto parsed = ParseRequest(payload);
  REQUIRE(std::holds_alternative<Request>(parsed));
  auto fields = ReadFillFields(std::get<Request>(parsed).body);
  REQUIRE(fields.ok());
  return std::move(fields).value();
}

bool Same(const FieldDescriptor& a, const FieldDescriptor& b) {
  auto options = [](const FieldDescriptor& d) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const SelectOption& o : d.options) out.emplace_back(o.value, o.text);
    return out;
  };
  return a.ref == b.ref && a.autocomplete == b.autocomplete && a.tag == b.tag && a.type == b.type &&
         a.name == b.name && a.id == b.id && a.label == b.label && a.placeholder == b.placeholder &&
         a.nearby == b.nearby && a.inputmode == b.inputmode && a.section == b.section &&
         a.form == b.form && a.maxlength == b.maxlength && a.visible == b.visible &&
         options(a) == options(b);
}

}  // namespace

TEST_CASE("a fill request reads the same through the fast path as through the general one") {
  const json request = {
      {"id", 12},
      {"type", "fill"},
      {"url", "https://shop.example/checkout"},
      {"trigger", "gesture"},
      {"top_url", "https://www.shop.example/"},
      {"aimed", true},
      {"ask", {"a", "c"}},
      {"extra", {{"ignored", {1, 2, 3}}}},
      {"fields",
       {{{"ref", "a"}, {"autocomplete", "given-name"}, {"label", "Prénom"}, {"maxlength", 30.0}},
        {{"ref", "b"},
         {"tag", "select"},
         {"name", "country"},
         {"options",
          {{{"value", "GB"}, {"text", "United Kingdom"}}, {{"value", ""}, {"text", nullptr}}}},
         {"visible", false},
         {"nearby", nullptr}},
        {{"ref", "c"},
         {"type", "tel"},
         {"placeholder", "\\u2022 07700 900123"},
         {"form", "form#2"},
         {"section", "Billing"},
         {"inputmode", "tel"},
         {"id", "phone"},
         {"maxlength", -1}}}}};
  const std::string payload = request.dump();
  FillParser parser;
  auto fast = parser.Parse(payload);
  REQUIRE(fast.has_value());
  CHECK(fast->id == 12);
  CHECK(fast->type == "fill");
  CHECK(fast->body["url"] == "https://shop.example/checkout");
  CHECK(fast->body["trigger"] == "gesture");
  CHECK(fast->body["ask"] == json({"a", "c"}));
  // A frame's place (issue 15): kept for the handler, as the general path keeps them.
  CHECK(fast->body["top_url"] == "https://www.shop.example/");
  CHECK(fast->body["aimed"] == true);
  REQUIRE(fast->fields.has_value());
  const std::vector<FieldDescriptor> general = GeneralPath(payload);
  REQUIRE(fast->fields->size() == general.size());
  for (size_t i = 0; i < general.size(); ++i) CHECK(Same((*fast->fields)[i], general[i]));
  // The same parser again: its buffers are reused, the result is the same.
  auto again = parser.Parse(payload);
  REQUIRE(again.has_value());
  CHECK(Same(again->fields->back(), general.back()));
}

TEST_CASE("anything but an exact fill request is left to the general path") {
  FillParser parser;
  const json good = {
      {"id", "x"}, {"type", "fill"}, {"url", "https://shop.example"}, {"fields", {{{"ref", "a"}}}}};
  REQUIRE(parser.Parse(good.dump()).has_value());
  auto without = [&](auto edit) {
    json request = good;
    edit(request);
    return parser.Parse(request.dump()).has_value();
  };
  CHECK_FALSE(without([](json& r) { r["type"] = "status"; }));
  CHECK_FALSE(without([](json& r) { r.erase("id"); }));
  CHECK_FALSE(without([](json& r) { r["id"] = 7.0; }));        // echoed as sent by the general path
  CHECK_FALSE(without([](json& r) { r["id"] = 1LL << 53; }));  // not a safe integer
  CHECK_FALSE(without([](json& r) { r["id"] = std::string(300, 'i'); }));
  CHECK_FALSE(without([](json& r) { r["fields"][0].erase("ref"); }));
  CHECK_FALSE(without([](json& r) { r["fields"][0]["label"] = 5; }));
  CHECK_FALSE(without([](json& r) { r["fields"][0]["maxlength"] = 1.5; }));
  CHECK_FALSE(without([](json& r) { r["fields"][0]["maxlength"] = 1 << 21; }));
  CHECK_FALSE(without([](json& r) { r["fields"][0]["options"] = {{{"text", "no value"}}}; }));
  CHECK_FALSE(without([](json& r) { r["fields"][0]["visible"] = "yes"; }));
  CHECK_FALSE(without([](json& r) { r["fields"] = json::object(); }));
  CHECK_FALSE(without([](json& r) { r["url"] = 5; }));
  CHECK_FALSE(without([](json& r) { r["ask"] = {1}; }));
  CHECK_FALSE(without([](json& r) { r["aimed"] = "yes"; }));
  CHECK_FALSE(without([](json& r) { r["top_url"] = 5; }));
  CHECK_FALSE(parser.Parse("[1,2]").has_value());
  CHECK_FALSE(parser.Parse("{\"id\":1,\"type\":\"fill\",\"fields\":[").has_value());
  CHECK_FALSE(
      parser.Parse(std::string("{\"id\":1,\"type\":\"fill\",\"url\":\"a\0b\",\"fields\":[]}", 44))
          .has_value());
  std::string deep = "{\"id\":1,\"type\":\"fill\",\"fields\":[],\"x\":";
  for (int i = 0; i < 100; ++i) deep += "[";
  for (int i = 0; i < 100; ++i) deep += "]";
  CHECK_FALSE(parser.Parse(deep + "}").has_value());  // deeper than kMaxJsonDepth: bad_json there
}

TEST_CASE(
    "other verbs never make the fast path's parser; a fill with an escaped type is still read") {
  FillParser parser;
  CHECK_FALSE(parser.Parse(R"({"id":1,"type":"status"})").has_value());
  CHECK_FALSE(parser.Parse(R"({"id":2,"type":"unlock","password":"fill me"})").has_value());
  CHECK_FALSE(parser.ready());  // simdjson's code and buffers stay out of a locked, idle host
  // The type spelled with an escape: not taken here, and the general path reads it as a fill.
  const std::string escaped =
      R"({"id":3,"type":"\u0066ill","url":"https://a.example","fields":[]})";
  CHECK_FALSE(parser.Parse(escaped).has_value());
  auto general = ParseRequest(escaped);
  REQUIRE(std::holds_alternative<Request>(general));
  CHECK(std::get<Request>(general).type == "fill");
  CHECK(parser.Parse(R"({"id":4,"type":"fill","url":"https://a.example","fields":[]})"));
  CHECK(parser.ready());
}

}  // namespace pims
