// Reading secrets for the command line: from the terminal with echo off, or, with
// --password-stdin, one line at a time from standard input (for scripts and tests).
#pragma once

#include <string>

#include "pims/secret.h"
#include "pims/status.h"

namespace pims::cli {

class Prompter {
 public:
  explicit Prompter(bool from_stdin) : from_stdin_(from_stdin) {}
  // Asks for one secret line. kBadRequest when input ends or no terminal is there to ask.
  Result<pims::Secret> Ask(const std::string& question);
  // Asks twice and insists the answers match (for a new password).
  Result<pims::Secret> AskNew(const std::string& question);

 private:
  bool from_stdin_;
};

}  // namespace pims::cli
