// The suite's transcript: when PIMS_TEST_TRANSCRIPT_DIR is set (ctest sets it for the
// integration tests), every host log, host stderr, CLI stderr and error reply the tests see is
// kept there, and a last test (tests/integration/scan_transcripts.sh) checks that none of them
// holds a password or a profile value.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace pims::testing {

// The transcript folder, or empty when transcripts are off.
inline std::filesystem::path TranscriptDir() {
  const char* dir = std::getenv("PIMS_TEST_TRANSCRIPT_DIR");
  if (dir == nullptr || *dir == '\0') return {};
  std::filesystem::create_directories(dir);
  return dir;
}

// A fresh file name in the transcript folder for one source ("host-log", "cli-stderr", ...).
inline std::filesystem::path TranscriptFile(std::string_view kind) {
  static std::atomic<int> counter{0};
  const std::filesystem::path dir = TranscriptDir();
  if (dir.empty()) return {};
  return dir / (std::string(kind) + "-" + std::to_string(getpid()) + "-" +
                std::to_string(counter++) + ".txt");
}

// Appends text to this process's file of `kind`.
inline void RecordTranscript(std::string_view kind, std::string_view text) {
  const std::filesystem::path dir = TranscriptDir();
  if (dir.empty() || text.empty()) return;
  std::ofstream out(dir / (std::string(kind) + "-" + std::to_string(getpid()) + ".txt"),
                    std::ios::app);
  out << text << "\n";
}

}  // namespace pims::testing
