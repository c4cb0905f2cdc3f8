// The tests' main: Catch2's, after one process-wide setting.
#define CATCH_CONFIG_RUNNER
#include <signal.h>

#include <catch2/catch.hpp>

int main(int argc, char** argv) {
  // A test writes to a child's stdin (the pims CLI, pims-host) that may already have exited, as
  // `pims --help` does without reading its input: that write must fail with EPIPE, not kill the
  // test process with SIGPIPE.
  signal(SIGPIPE, SIG_IGN);
  return Catch::Session().run(argc, argv);
}
