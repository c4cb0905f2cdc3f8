// Reply text written without a JSON document (protocol/reply_text.h, FillReplyText) is, byte for
// byte, what SerializeReply writes for the same reply.
#include "protocol/reply_text.h"

#include <catch2/catch.hpp>

#include "pims/request.h"
#include "protocol/verbs_fill.h"

namespace pims {
namespace {

using nlohmann::json;

std::string Written(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

std::string Dumped(std::string_view text) {
  return json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
}

// The fill reply as docs/protocol.md shows it, built as a JSON document.
json FillReplyJson(const json& id, const FillResult& result) {
  json fills = json::array();
  for (const FilledField& f : result.fills) {
    fills.push_back({{"ref", f.ref},
                     {"value", std::string(f.value.reveal())},
                     {"field", f.field},
                     {"category", CategoryName(f.category)}});
  }
  json withheld = json::array();
  for (const WithheldField& w : result.withheld) {
    withheld.push_back({{"ref", w.ref},
                        {"field", w.field},
                        {"category", CategoryName(w.category)},
                        {"reason", WithheldReasonName(w.reason)}});
  }
  return OkReply(id, {{"site", result.site.ToString()},
                      {"fills", std::move(fills)},
                      {"withheld", std::move(withheld)},
                      {"unknown", result.unknown},
                      {"empty", result.empty}});
}

FillResult SomeResult(std::string_view value) {
  auto site = SiteFromUrl("https://shop.example");
  REQUIRE(site.ok());
  FillResult result{*site, {}, {}, {}, {}};
  result.fills.push_back({"f1", "given-name", Category::kName, Secret(value)});
  result.fills.push_back({"f\"2\\", "email", Category::kEmail, Secret("ada@example.org")});
  result.withheld.push_back({"c1", "cc-number", Category::kCard, WithheldReason::kNeedsGesture});
  result.withheld.push_back({"c2", "cc-csc", Category::kCardCsc, WithheldReason::kNotAllowed});
  result.unknown = {"q", "newsletter\n"};
  result.empty = {"org"};
  return result;
}

}  // namespace

TEST_CASE("a string is written as SerializeReply writes it: escapes, UTF-8 and invalid bytes") {
  std::string every_control;
  for (int c = 0; c < 0x20; ++c) every_control.push_back(static_cast<char>(c));
  const std::string cases[] = {
      "",
      "plain ASCII 123",
      "\"quoted\" and back\\slash / slash",
      every_control,
      std::string("nul\0inside", 10),
      "\x7f delete",
      "Prénom Straße 東京 \xF0\x9F\x98\x80 emoji",
      "\x80 lone continuation",
      "truncated \xE6\x9D",
      "overlong \xC0\xAF",
      "surrogate \xED\xA0\x80 half",
      "above U+10FFFF \xF4\x90\x80\x80",
      "mixed \xC3\xA9 \xFF \"esc\" \n",
  };
  for (const std::string& text : cases) {
    INFO(Dumped(text));
    CHECK(Written(text) == Dumped(text));
  }
}

TEST_CASE("the fill reply's text is SerializeReply of its JSON, byte for byte") {
  for (const json& id :
       {json(12), json(-3), json("req-\"7\""), json(7.0), json(9007199254740991)}) {
    for (std::string_view value :
         {"Ada", "Ada \"The Countess\"\t\\", "Zoë 東京", "bad \xFF byte"}) {
      const FillResult result = SomeResult(value);
      CHECK(FillReplyText(id, result, kMaxReplyBytes) == SerializeReply(FillReplyJson(id, result)));
    }
  }
  auto site = SiteFromUrl("http://plain.example");
  REQUIRE(site.ok());
  const FillResult nothing{*site, {}, {}, {}, {}};
  CHECK(FillReplyText(json(1), nothing, kMaxReplyBytes) ==
        SerializeReply(FillReplyJson(json(1), nothing)));
  CHECK(FillReplyText(json(1), nothing, kMaxReplyBytes) ==
        R"({"empty":[],"fills":[],"id":1,"ok":true,"site":"http://plain.example","unknown":[],)"
        R"("withheld":[]})");
}

TEST_CASE("a fill reply above the limit is the too_large reply SerializeReply gives") {
  const FillResult result = SomeResult(std::string(300, 'x'));
  for (size_t limit : {size_t{160}, size_t{200}, size_t{400}}) {
    const std::string text = FillReplyText(json("an-id"), result, limit);
    CHECK(text == SerializeReply(FillReplyJson(json("an-id"), result), limit));
    CHECK(text.size() <= limit);
    CHECK(text.find("too_large") != std::string::npos);
  }
  const json long_id = std::string(200, 'i');
  CHECK(FillReplyText(long_id, result, 160) == SerializeReply(FillReplyJson(long_id, result), 160));
}

}  // namespace pims
