// The `pims` command line as a function, so that tests run it in process: the arguments
// (without argv[0]), where it runs, and its two output streams; the exit code comes back
// (0 success, 1 the operation failed and err says why, 2 a usage error).
#pragma once

#include <iosfwd>
#include <span>
#include <string>

#include "cli/command.h"

namespace pims::cli {

// Global flags (--json, --help, --version) are read here; --password-stdin is the caller's
// business (it picks the prompter) and is accepted and ignored.
int Run(std::span<const std::string> args, CliContext& context, std::ostream& out,
        std::ostream& err);

}  // namespace pims::cli
