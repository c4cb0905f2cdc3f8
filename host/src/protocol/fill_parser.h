// The fill request, the host's hot path, read in one pass with simdjson straight into field
// descriptors, without building a JSON document of its forty fields and their option lists.
// Internal to libpims (the serve loop uses it before the general ParseRequest).
//
// It accepts only what the general path would accept the same way: a JSON object with a valid
// id, "type": "fill", and a "fields" array of well-formed descriptors (docs/protocol.md). For
// anything else — another verb, a malformed or oversized request, a descriptor with a wrong
// type — it returns nullopt and the caller parses the payload the general way, which reports
// every error exactly. Reusing one parser keeps its buffers between requests.
//
// Thread-safety: one per thread (the serve loop has one).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "pims/request.h"

namespace pims {

class FillParser {
 public:
  FillParser();
  ~FillParser();
  FillParser(const FillParser&) = delete;
  FillParser& operator=(const FillParser&) = delete;

  // The request with `fields` set and a body of its other members (id, type, url, trigger,
  // top_url, aimed and ask), or nullopt (see above; also for a pick or once-fill, rare enough
  // to be read the general way).
  // A payload with FrameDecoder::kPayloadSlack bytes of spare capacity is parsed in place;
  // another is copied into a padded buffer first.
  std::optional<Request> Parse(const std::string& payload);
  // Whether the parser and its buffers were made: never by another verb's payload of at most
  // kLookThroughBytes (status, unlock, ...), which is not parsed here unless it holds the bytes
  // "fill" with their quotes.
  bool ready() const;
  static constexpr size_t kLookThroughBytes = 4096;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;  // made at the first fill: a host that never fills never pays
};

}  // namespace pims
