// Reading secrets for the command line: from the terminal with echo off, or, with
// --password-stdin, one line at a time from standard input (for scripts and tests).
#pragma once

#include <string>

#include "pims/secret.h"
#include "pims/status.h"

namespace pims::cli {

class Prompter {
 public:
  virtual ~Prompter() = default;
  // Asks for one secret line. kBadRequest when input ends or no terminal is there to ask.
  virtual Result<Secret> Ask(const std::string& question) = 0;
  // Asks for a new secret: twice at a terminal, and the answers must match.
  virtual Result<Secret> AskNew(const std::string& question) = 0;
};

// The real one: /dev/tty with echo off, or standard input with from_stdin.
class TerminalPrompter final : public Prompter {
 public:
  explicit TerminalPrompter(bool from_stdin) : from_stdin_(from_stdin) {}
  Result<Secret> Ask(const std::string& question) override;
  Result<Secret> AskNew(const std::string& question) override;

 private:
  bool from_stdin_;
};

}  // namespace pims::cli
