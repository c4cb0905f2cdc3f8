// Byte streams in memory for pims::Serve (pims/serve.h): the browser's side of the pipe, in
// process, for tests and fuzzers.
#pragma once

#include <cstring>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pims/platform.h"

namespace pims::testing {

// Hands out its steps in order, then the end of the stream. A step is bytes (delivered in reads
// of at most `chunk` bytes, when chunk > 0) or, when empty, a timeout after running `before`
// (a test moves its clock there).
class MemoryInput final : public ByteInput {
 public:
  struct Step {
    std::string bytes;
    std::function<void()> before;
  };
  explicit MemoryInput(std::vector<Step> steps, size_t chunk = 0)
      : steps_(std::move(steps)), chunk_(chunk) {}
  explicit MemoryInput(std::string bytes, size_t chunk = 0)
      : MemoryInput(std::vector<Step>{{std::move(bytes), {}}}, chunk) {}

  ReadResult Read(std::span<char> buffer, int64_t) override {
    while (next_ < steps_.size()) {
      Step& step = steps_[next_];
      if (step.before) {
        step.before();
        step.before = nullptr;
      }
      if (step.bytes.empty()) {
        ++next_;
        return {Event::kTimeout};
      }
      size_t n = std::min(buffer.size(), step.bytes.size() - offset_);
      if (chunk_ > 0) n = std::min(n, chunk_);
      std::memcpy(buffer.data(), step.bytes.data() + offset_, n);
      offset_ += n;
      if (offset_ == step.bytes.size()) {
        ++next_;
        offset_ = 0;
      }
      return {Event::kData, n};
    }
    return {Event::kEnd};
  }

 private:
  std::vector<Step> steps_;
  size_t chunk_;
  size_t next_ = 0;
  size_t offset_ = 0;
};

// Collects what is written; refuses writes once `closed`.
class MemoryOutput final : public ByteOutput {
 public:
  bool Write(std::string_view bytes) override {
    if (closed) return false;
    written.append(bytes);
    return true;
  }
  std::string written;
  bool closed = false;
};

// The frames of a host -> browser stream, each payload parsed (a discarded value when it is not
// JSON); a trailing partial frame is returned as a null.
inline std::vector<nlohmann::json> DecodeReplies(std::string_view bytes) {
  std::vector<nlohmann::json> replies;
  while (!bytes.empty()) {
    uint32_t length = 0;
    if (bytes.size() < sizeof length) {
      replies.push_back(nullptr);
      break;
    }
    std::memcpy(&length, bytes.data(), sizeof length);
    bytes.remove_prefix(sizeof length);
    if (bytes.size() < length) {
      replies.push_back(nullptr);
      break;
    }
    replies.push_back(nlohmann::json::parse(bytes.substr(0, length), nullptr, false));
    bytes.remove_prefix(length);
  }
  return replies;
}

}  // namespace pims::testing
