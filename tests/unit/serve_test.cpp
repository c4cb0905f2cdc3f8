// pims::Serve, the host's whole pipeline, in process: frames in from a memory stream, replies
// out, with a real session and a real vault in a temporary folder.
#include "pims/serve.h"

#include <catch2/catch.hpp>

#include "pims/frame.h"
#include "support/manual_clock.h"
#include "support/memory_streams.h"
#include "support/temp_dir.h"

namespace pims {
namespace {

using nlohmann::json;
using testing::DecodeReplies;
using testing::MemoryInput;
using testing::MemoryOutput;

std::string FrameOf(const json& request) { return EncodeFrame(request.dump()); }

struct Fixture {
  testing::TempDir dir;
  testing::ManualClock clock;
  Session session{SessionConfig{.vault_file = dir / "vault.db",
                                .new_vault_cost = PasswordHashing::Minimum(),
                                .clock = &clock}};
  Result<Caller> caller = Caller{Caller::Browser::kChrome, "pims"};
  MemoryOutput output;
  std::vector<std::string> log;

  ServeEnd Run(MemoryInput input) {
    return Serve(input, output, session, caller,
                 [this](std::string_view line) { log.emplace_back(line); });
  }
  std::vector<json> Replies() const { return DecodeReplies(output.written); }
};

}  // namespace

TEST_CASE("every frame gets one reply, in order, whatever way the bytes are split") {
  Fixture f;
  const std::string stream = FrameOf({{"id", 1}, {"type", "status"}}) +
                             FrameOf({{"id", "two"}, {"type", "setup"}, {"password", "pw"}}) +
                             FrameOf({{"id", 3}, {"type", "frobnicate"}}) + EncodeFrame("[1,");
  const size_t chunk = GENERATE(0, 1, 3, 7);
  CHECK(f.Run(MemoryInput(stream, chunk)) == ServeEnd::kEndOfStream);
  const std::vector<json> replies = f.Replies();
  REQUIRE(replies.size() == 4);
  CHECK(replies[0]["id"] == 1);
  CHECK(replies[0]["vault"] == "absent");
  CHECK(replies[1]["id"] == "two");
  CHECK(replies[1]["ok"] == true);
  CHECK(replies[2]["error"]["code"] == "unknown_verb");
  CHECK(replies[3]["error"]["code"] == "bad_json");
  CHECK(replies[3]["id"].is_null());
}

TEST_CASE("a frame over the limit is too_large, skipped unread, and the next one is answered") {
  Fixture f;
  std::string huge(4, '\0');
  const uint32_t announced = kMaxRequestBytes + 1;
  std::memcpy(huge.data(), &announced, 4);
  huge += std::string(announced, 'x');
  CHECK(f.Run(MemoryInput(huge + FrameOf({{"id", 2}, {"type", "status"}}), 4096)) ==
        ServeEnd::kEndOfStream);
  const std::vector<json> replies = f.Replies();
  REQUIRE(replies.size() == 2);
  CHECK(replies[0]["error"]["code"] == "too_large");
  CHECK(replies[1]["id"] == 2);
}

TEST_CASE("an unknown caller gets caller_refused for its first frame, then the conversation ends") {
  Fixture f;
  f.caller = Status(ErrorCode::kCallerRefused, "not the pims extension");
  const std::string stream =
      FrameOf({{"id", 1}, {"type", "status"}}) + FrameOf({{"id", 2}, {"type", "status"}});
  CHECK(f.Run(MemoryInput(stream)) == ServeEnd::kCallerRefused);
  const std::vector<json> replies = f.Replies();
  REQUIRE(replies.size() == 1);
  CHECK(replies[0]["error"]["code"] == "caller_refused");
}

TEST_CASE("a stream broken mid-frame ends with bad_frame") {
  Fixture f;
  const std::string whole = FrameOf({{"id", 1}, {"type", "status"}});
  CHECK(f.Run(MemoryInput(whole + whole.substr(0, 6))) == ServeEnd::kBrokenStream);
  const std::vector<json> replies = f.Replies();
  REQUIRE(replies.size() == 2);
  CHECK(replies[1]["error"]["code"] == "bad_frame");
}

TEST_CASE("nobody listening ends the conversation") {
  Fixture f;
  f.output.closed = true;
  CHECK(f.Run(MemoryInput(FrameOf({{"id", 1}, {"type", "status"}}))) == ServeEnd::kOutputClosed);
}

TEST_CASE("an idle vault locks while no frame comes, and the log holds no password") {
  Fixture f;
  std::vector<MemoryInput::Step> steps;
  steps.push_back({FrameOf({{"id", 1}, {"type", "setup"}, {"password", "hunter2-secret"}}), {}});
  steps.push_back({"", [&] { f.clock.now += 16 * 60 * 1000; }});  // past the 15 minutes
  steps.push_back({FrameOf({{"id", 2}, {"type", "status"}}), {}});
  CHECK(f.Run(MemoryInput(std::move(steps))) == ServeEnd::kEndOfStream);
  const std::vector<json> replies = f.Replies();
  REQUIRE(replies.size() == 3);
  CHECK(replies[0]["vault"] == "unlocked");
  CHECK(replies[1] == json{{"event", "locked"}});  // told as it happens, not at the next request
  CHECK(replies[2]["vault"] == "locked");
  REQUIRE_FALSE(f.log.empty());
  for (const std::string& line : f.log) CHECK(line.find("hunter2") == std::string::npos);
  CHECK(f.log.front().find("start caller=pims") != std::string::npos);
  CHECK(f.log.back() == "end of stream");
}

}  // namespace pims
