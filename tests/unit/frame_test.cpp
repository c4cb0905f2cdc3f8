#include "pims/frame.h"

#include <bit>
#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

namespace pims {
namespace {

using Event = FrameDecoder::Event;

// A length prefix in native byte order, without a body (for announcing what never arrives).
std::string Prefix(uint32_t length) {
  std::string prefix(4, '\0');
  std::memcpy(prefix.data(), &length, 4);
  return prefix;
}

// Takes every waiting event from the decoder.
std::vector<FrameDecoder::Output> Drain(FrameDecoder& decoder) {
  std::vector<FrameDecoder::Output> outputs;
  for (auto out = decoder.Next(); out.event != Event::kNeedMore; out = decoder.Next()) {
    outputs.push_back(std::move(out));
  }
  return outputs;
}

std::vector<std::string> Payloads(const std::vector<FrameDecoder::Output>& outputs) {
  std::vector<std::string> payloads;
  for (const auto& out : outputs) {
    REQUIRE(out.event == Event::kFrame);
    payloads.push_back(out.payload);
  }
  return payloads;
}

}  // namespace

TEST_CASE("a frame is a native-order 4-byte length followed by the payload") {
  const std::string frame = EncodeFrame("{\"id\":1}");
  REQUIRE(frame.size() == 4 + 8);
  uint32_t length = 0;
  std::memcpy(&length, frame.data(), 4);
  CHECK(length == 8);
  CHECK(frame.substr(4) == "{\"id\":1}");
  if constexpr (std::endian::native == std::endian::little) {
    CHECK(frame.substr(0, 4) == std::string("\x08\x00\x00\x00", 4));
  }
  CHECK(EncodeFrame("") == std::string(4, '\0'));
}

TEST_CASE("frames decode the same however the stream is split") {
  const std::vector<std::string> payloads = {"{\"id\":1,\"type\":\"status\"}", "", "[1,2]",
                                             std::string("a\0b", 3)};
  std::string stream;
  for (const auto& p : payloads) stream += EncodeFrame(p);

  SECTION("split once at every byte boundary") {
    for (size_t cut = 0; cut <= stream.size(); ++cut) {
      FrameDecoder decoder;
      std::vector<FrameDecoder::Output> outputs;
      decoder.Feed(std::string_view(stream).substr(0, cut));
      for (auto& out : Drain(decoder)) outputs.push_back(std::move(out));
      decoder.Feed(std::string_view(stream).substr(cut));
      for (auto& out : Drain(decoder)) outputs.push_back(std::move(out));
      INFO("cut at byte " << cut);
      CHECK(Payloads(outputs) == payloads);
      CHECK(decoder.Finish().ok());
    }
  }
  SECTION("split twice at every pair of byte boundaries") {
    for (size_t a = 0; a <= stream.size(); ++a) {
      for (size_t b = a; b <= stream.size(); ++b) {
        FrameDecoder decoder;
        decoder.Feed(std::string_view(stream).substr(0, a));
        decoder.Feed(std::string_view(stream).substr(a, b - a));
        decoder.Feed(std::string_view(stream).substr(b));
        INFO("cuts at bytes " << a << " and " << b);
        CHECK(Payloads(Drain(decoder)) == payloads);
        CHECK(decoder.Finish().ok());
      }
    }
  }
  SECTION("one byte at a time, draining after each") {
    FrameDecoder decoder;
    std::vector<FrameDecoder::Output> outputs;
    for (char c : stream) {
      decoder.Feed(std::string_view(&c, 1));
      for (auto& out : Drain(decoder)) outputs.push_back(std::move(out));
    }
    CHECK(Payloads(outputs) == payloads);
    CHECK(decoder.Finish().ok());
  }
}

TEST_CASE("several frames fed at once come out in order") {
  FrameDecoder decoder;
  decoder.Feed(EncodeFrame("first") + EncodeFrame("second") + EncodeFrame("third"));
  CHECK(Payloads(Drain(decoder)) == std::vector<std::string>{"first", "second", "third"});
  CHECK(decoder.Next().event == Event::kNeedMore);
  CHECK(decoder.Finish().ok());
}

TEST_CASE("a decoder with nothing fed needs more and finishes cleanly") {
  FrameDecoder decoder;
  CHECK(decoder.Next().event == Event::kNeedMore);
  decoder.Feed("");
  CHECK(decoder.Next().event == Event::kNeedMore);
  CHECK(decoder.Finish().ok());
  CHECK_FALSE(decoder.skipping());
}

TEST_CASE("a kFrame carries its length prefix as announced") {
  FrameDecoder decoder;
  decoder.Feed(EncodeFrame("hello"));
  auto out = decoder.Next();
  CHECK(out.event == Event::kFrame);
  CHECK(out.payload == "hello");
  CHECK(out.announced == 5);
}

TEST_CASE("a stream that ends inside a length prefix is a bad frame") {
  for (size_t kept = 1; kept <= 3; ++kept) {
    FrameDecoder decoder;
    decoder.Feed(EncodeFrame("ok"));
    decoder.Feed(EncodeFrame("{}").substr(0, kept));
    CHECK(Payloads(Drain(decoder)) == std::vector<std::string>{"ok"});
    const Status finish = decoder.Finish();
    INFO("kept " << kept << " prefix bytes");
    CHECK(finish.code() == ErrorCode::kBadFrame);
    CHECK(finish.message() == "truncated length prefix: the stream ended after " +
                                  std::to_string(kept) + " of 4 bytes");
  }
}

TEST_CASE("a stream that ends before the announced length is a bad frame") {
  FrameDecoder decoder;
  decoder.Feed(Prefix(100) + std::string(10, 'x'));
  CHECK(decoder.Next().event == Event::kNeedMore);
  const Status finish = decoder.Finish();
  CHECK(finish.code() == ErrorCode::kBadFrame);
  CHECK(finish.message() == "truncated frame: the stream ended after 10 of 100 bytes");

  FrameDecoder header_only;
  header_only.Feed(Prefix(7));
  CHECK(header_only.Finish().message() == "truncated frame: the stream ended after 0 of 7 bytes");
}

TEST_CASE("a frame over the limit is reported once, skipped, and the next frame still decodes") {
  const size_t limit = 16;
  const std::string big(limit + 1, 'B');
  const std::string stream = EncodeFrame("before") + EncodeFrame(big) + EncodeFrame("after");

  SECTION("fed at once") {
    FrameDecoder decoder(limit);
    decoder.Feed(stream);
    auto outputs = Drain(decoder);
    REQUIRE(outputs.size() == 3);
    CHECK(outputs[0].payload == "before");
    CHECK(outputs[1].event == Event::kTooLarge);
    CHECK(outputs[1].announced == limit + 1);
    CHECK(outputs[1].payload.empty());
    CHECK(outputs[2].event == Event::kFrame);
    CHECK(outputs[2].payload == "after");
    CHECK(decoder.Finish().ok());
  }
  SECTION("fed one byte at a time, skipping only inside the big body") {
    FrameDecoder decoder(limit);
    const size_t body_begin = EncodeFrame("before").size() + 4;
    const size_t body_end = body_begin + big.size();
    int too_large = 0;
    std::vector<std::string> frames;
    for (size_t i = 0; i < stream.size(); ++i) {
      decoder.Feed(std::string_view(stream).substr(i, 1));
      INFO("after byte " << i);
      CHECK(decoder.skipping() == (i + 1 >= body_begin && i + 1 < body_end));
      for (auto& out : Drain(decoder)) {
        if (out.event == Event::kTooLarge) {
          ++too_large;
          CHECK(out.announced == big.size());
        } else {
          frames.push_back(out.payload);
        }
      }
    }
    CHECK(too_large == 1);
    CHECK(frames == std::vector<std::string>{"before", "after"});
    CHECK(decoder.Finish().ok());
  }
  SECTION("split once at every byte boundary") {
    for (size_t cut = 0; cut <= stream.size(); ++cut) {
      FrameDecoder decoder(limit);
      decoder.Feed(std::string_view(stream).substr(0, cut));
      auto outputs = Drain(decoder);
      decoder.Feed(std::string_view(stream).substr(cut));
      for (auto& out : Drain(decoder)) outputs.push_back(std::move(out));
      INFO("cut at byte " << cut);
      REQUIRE(outputs.size() == 3);
      CHECK(outputs[1].event == Event::kTooLarge);
      CHECK(outputs[2].payload == "after");
    }
  }
}

TEST_CASE("the default limit refuses a frame one byte over 1 MiB and skips its body") {
  FrameDecoder decoder;
  decoder.Feed(Prefix(kMaxRequestBytes + 1));
  auto out = decoder.Next();
  CHECK(out.event == Event::kTooLarge);
  CHECK(out.announced == kMaxRequestBytes + 1);
  CHECK(decoder.skipping());
  const std::string chunk(64 * 1024, 'x');
  for (size_t sent = 0; sent < kMaxRequestBytes; sent += chunk.size()) decoder.Feed(chunk);
  CHECK(decoder.Next().event == Event::kNeedMore);
  CHECK(decoder.skipping());
  decoder.Feed(std::string("x") + EncodeFrame("next"));
  CHECK_FALSE(decoder.skipping());
  out = decoder.Next();
  CHECK(out.event == Event::kFrame);
  CHECK(out.payload == "next");
  CHECK(decoder.Finish().ok());
}

TEST_CASE("a 4 GiB length prefix is refused without allocating") {
  FrameDecoder decoder;
  decoder.Feed(Prefix(UINT32_MAX) + "abc");
  auto out = decoder.Next();
  CHECK(out.event == Event::kTooLarge);
  CHECK(out.announced == UINT32_MAX);
  CHECK(decoder.skipping());
  const Status finish = decoder.Finish();
  CHECK(finish.code() == ErrorCode::kBadFrame);
  CHECK(finish.message() ==
        "truncated too-large frame: the stream ended after 3 of 4294967295 bytes");
}

TEST_CASE("a frame exactly at the limit is accepted") {
  const std::string payload(kMaxRequestBytes, 'x');
  FrameDecoder decoder;
  decoder.Feed(EncodeFrame(payload));
  auto out = decoder.Next();
  REQUIRE(out.event == Event::kFrame);
  CHECK(out.payload.size() == kMaxRequestBytes);
  CHECK(out.payload == payload);
  CHECK(decoder.Finish().ok());
}

TEST_CASE("a zero-length frame yields an empty payload") {
  FrameDecoder decoder;
  decoder.Feed(Prefix(0));
  auto out = decoder.Next();
  CHECK(out.event == Event::kFrame);
  CHECK(out.payload.empty());
  CHECK(out.announced == 0);
  CHECK(decoder.Finish().ok());
}

TEST_CASE("a limit of zero refuses every non-empty frame") {
  FrameDecoder decoder(0);
  decoder.Feed(EncodeFrame("") + EncodeFrame("x") + EncodeFrame(""));
  auto outputs = Drain(decoder);
  REQUIRE(outputs.size() == 3);
  CHECK(outputs[0].event == Event::kFrame);
  CHECK(outputs[1].event == Event::kTooLarge);
  CHECK(outputs[2].event == Event::kFrame);
}

TEST_CASE("well-formed UTF-8 passes the JSON text check") {
  CHECK(CheckJsonText("").ok());
  CHECK(CheckJsonText(R"({"name":"Ada"})").ok());
  CHECK(CheckJsonText("\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"").ok());  // é € 😀
  CHECK(CheckJsonText("\"\xC2\x80 \xDF\xBF \xE0\xA0\x80 \xED\x9F\xBF \xEE\x80\x80\"").ok());
  CHECK(CheckJsonText("\"\xEF\xBF\xBF \xF0\x90\x80\x80 \xF4\x8F\xBF\xBF\"").ok());  // U+10FFFF
  CHECK(CheckJsonText(std::string("\"a\0b\"", 5)).ok());
}

TEST_CASE("malformed UTF-8 is bad JSON, with the offset of the bad sequence") {
  struct Case {
    const char* what;
    std::string text;
    size_t offset;
  };
  const std::vector<Case> cases = {
      {"a lone continuation byte", "\"a\x80\"", 2},
      {"an overlong slash", "\"\xC0\xAF\"", 1},
      {"an overlong two-byte form of U+007F", "\"\xC1\xBF\"", 1},
      {"an overlong three-byte form", "\"ab\xE0\x80\xAF\"", 3},
      {"an overlong four-byte form", "\"\xF0\x80\x80\xAF\"", 1},
      {"a high surrogate", "\"\xED\xA0\x80\"", 1},
      {"a low surrogate", "\"x\xED\xBF\xBF\"", 2},
      {"a sequence truncated by the end of text", "\"\xE2\x82", 1},
      {"a sequence truncated by an ASCII byte", "\"\xE2\x82\"", 1},
      {"a four-byte sequence missing its last byte", "\"\xF0\x9F\x98\"", 1},
      {"a code point above U+10FFFF", "\"\xF4\x90\x80\x80\"", 1},
      {"a lead byte F5", "\"\xF5\x80\x80\x80\"", 1},
      {"a byte FF", "\xFF", 0},
      {"a bad byte outside a string", "[1,\x80]", 3},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    const Status status = CheckJsonText(c.text);
    CHECK(status.code() == ErrorCode::kBadJson);
    CHECK(status.message() == "not valid UTF-8 at byte " + std::to_string(c.offset));
  }
}

TEST_CASE("nesting up to the limit passes and one level more is refused") {
  const std::string at_limit = std::string(64, '[') + std::string(64, ']');
  CHECK(CheckJsonText(at_limit).ok());
  const std::string over = std::string(65, '[') + std::string(65, ']');
  const Status status = CheckJsonText(over);
  CHECK(status.code() == ErrorCode::kBadJson);
  CHECK(status.message() == "JSON nests deeper than 64 levels");
  CHECK(CheckJsonText("[[1]]", 1).message() == "JSON nests deeper than 1 levels");
  CHECK(CheckJsonText("[1]", 0).code() == ErrorCode::kBadJson);
  CHECK(CheckJsonText("[[1],[2],[3]]", 2).ok());  // siblings do not add depth
}

TEST_CASE("nesting 10,000 deep is refused without recursion") {
  const size_t n = 10000;
  std::string objects;
  for (size_t i = 0; i < n; ++i) objects += "{\"a\":";
  objects += "1" + std::string(n, '}');
  std::string mixed;
  for (size_t i = 0; i < n; ++i) mixed += (i % 2 == 0) ? "[" : "{\"k\":";
  for (const auto& text :
       {std::string(n, '[') + std::string(n, ']'), objects, mixed, std::string(n, '[')}) {
    CHECK(CheckJsonText(text).code() == ErrorCode::kBadJson);
  }
}

TEST_CASE("brackets inside strings do not count towards depth") {
  CHECK(CheckJsonText(R"(["[[[[[[[[", "{{{{{{{{"])", 1).ok());
  // An escaped quote does not end the string, so the brackets after it are still inside it.
  CHECK(CheckJsonText(R"(["\"[[[[[["])", 1).ok());
  CHECK(CheckJsonText(R"({"k\"[[[":"\\\"{{{{"})", 1).ok());
  // An escaped backslash does end the escape, so the quote after it closes the string.
  CHECK(CheckJsonText(R"(["\\", [[1]]])", 2).code() == ErrorCode::kBadJson);
  CHECK(CheckJsonText(R"(["\\", [[1]]])", 3).ok());
  // Closers inside strings do not hide openers outside them.
  CHECK(CheckJsonText(R"([[["]]]]]]"]]])", 2).code() == ErrorCode::kBadJson);
}

TEST_CASE("stray closing brackets cannot offset deeper nesting") {
  CHECK(CheckJsonText("]]]][[[[[", 4).code() == ErrorCode::kBadJson);
}

}  // namespace pims
