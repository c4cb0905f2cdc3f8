#include "pims/frame.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>

#include "core/text.h"

namespace pims {

std::string EncodeFrame(std::string_view payload) {
  assert(payload.size() <= std::numeric_limits<uint32_t>::max());
  const auto length = static_cast<uint32_t>(payload.size());
  std::string frame(sizeof(length) + payload.size(), '\0');
  std::memcpy(frame.data(), &length, sizeof(length));
  std::memcpy(frame.data() + sizeof(length), payload.data(), payload.size());
  return frame;
}

FrameDecoder::FrameDecoder(size_t max_frame) : max_frame_(max_frame) {}

void FrameDecoder::StartFrame() {
  std::memcpy(&announced_, prefix_, sizeof(announced_));
  prefix_len_ = 0;
  if (announced_ > max_frame_) {
    ready_.push_back({Event::kTooLarge, {}, announced_});
    skipped_ = 0;
    state_ = State::kSkip;  // announced_ > max_frame_ >= 0, so there is a body to skip
  } else if (announced_ == 0) {
    ready_.push_back({Event::kFrame, {}, 0});
  } else {
    body_ = std::string();
    // Bounded by max_frame_ (plus the slack); the only allocation for this frame.
    body_.reserve(announced_ + kPayloadSlack);
    state_ = State::kBody;
  }
}

void FrameDecoder::Feed(std::string_view bytes) {
  while (!bytes.empty()) {
    switch (state_) {
      case State::kHeader: {
        const size_t take = std::min(sizeof(prefix_) - prefix_len_, bytes.size());
        std::memcpy(prefix_ + prefix_len_, bytes.data(), take);
        prefix_len_ += take;
        bytes.remove_prefix(take);
        if (prefix_len_ == sizeof(prefix_)) StartFrame();
        break;
      }
      case State::kBody: {
        const size_t take = std::min<size_t>(announced_ - body_.size(), bytes.size());
        body_.append(bytes.data(), take);
        bytes.remove_prefix(take);
        if (body_.size() == announced_) {
          ready_.push_back({Event::kFrame, std::move(body_), announced_});
          body_ = std::string();
          state_ = State::kHeader;
        }
        break;
      }
      case State::kSkip: {
        const uint64_t take = std::min<uint64_t>(announced_ - skipped_, bytes.size());
        skipped_ += take;
        bytes.remove_prefix(static_cast<size_t>(take));
        if (skipped_ == announced_) state_ = State::kHeader;
        break;
      }
    }
  }
}

FrameDecoder::Output FrameDecoder::Next() {
  if (ready_.empty()) return Output{};
  Output out = std::move(ready_.front());
  ready_.pop_front();
  return out;
}

Status FrameDecoder::Finish() const {
  switch (state_) {
    case State::kHeader:
      if (prefix_len_ == 0) return Status::Ok();
      return Status(ErrorCode::kBadFrame, "truncated length prefix: the stream ended after " +
                                              std::to_string(prefix_len_) + " of 4 bytes");
    case State::kBody:
      return Status(ErrorCode::kBadFrame, "truncated frame: the stream ended after " +
                                              std::to_string(body_.size()) + " of " +
                                              std::to_string(announced_) + " bytes");
    case State::kSkip:
      return Status(ErrorCode::kBadFrame, "truncated too-large frame: the stream ended after " +
                                              std::to_string(skipped_) + " of " +
                                              std::to_string(announced_) + " bytes");
  }
  return Status(ErrorCode::kInternal, "frame decoder in an unknown state");
}

Status CheckJsonText(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const size_t length = Utf8SequenceLength(text.substr(i));
      if (length == 0) {
        return Status(ErrorCode::kBadJson, "not valid UTF-8 at byte " + std::to_string(i));
      }
      i += length;
      escaped = false;
      continue;
    }
    ++i;
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        return Status(ErrorCode::kBadJson,
                      "JSON nests deeper than " + std::to_string(max_depth) + " levels");
      }
    } else if (c == ']' || c == '}') {
      // Never below zero, so stray closers cannot hide openers that follow; the parser refuses
      // them anyway.
      if (depth > 0) --depth;
    }
  }
  return Status::Ok();
}

}  // namespace pims
