// pims-install: registers pims-host with the browsers (see `pims-install --help`,
// docs/install.md). main only gathers the process's arguments, environment and registry.
#include <iostream>
#include <string_view>
#include <vector>

#include "cli.h"
#include "registry.h"
#include "self_path.h"

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  const std::unique_ptr<pims::installer::Registry> registry = pims::installer::OpenSystemRegistry();
  pims::installer::CliContext context{
      .env = pims::Environment::Process(),
      .self_exe = pims::installer::SelfExecutable(),
      .registry = registry.get(),
  };
  return pims::installer::Main(args, context, std::cout, std::cerr);
}
