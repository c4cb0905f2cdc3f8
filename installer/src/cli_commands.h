// The commands behind Run (cli.cpp), each in a file of its own, and what they share. Internal to
// pims-install: the public face is cli.h.
#pragma once

#include <filesystem>
#include <ostream>
#include <string_view>

#include "cli.h"
#include "install.h"

namespace pims::installer {

// Writes "pims-install: <message>" and a newline to err: how a command reports an error.
void PrintError(std::ostream& err, std::string_view message);

// The pims-host to register: --host-path made absolute, else the default beside pims-install.
std::filesystem::path HostPath(const Options& options, const CliContext& context);

// install: registers the host for the selected browsers in one scope (user by default).
// kExitOk; kExitFailed when the host is not an executable file (unless --force), a registration
// failed or something not pims's is in the way, or the record of created folders cannot be read
// or written; kExitNoBrowser when no browser is found and none is named.
int RunInstall(const Options& options, const CliContext& context, const World& world,
               std::ostream& out, std::ostream& err);

// uninstall: removes pims's registrations in one scope, for the browsers named, else for every
// known browser. kExitOk; kExitFailed when one could not be removed, or the record of created
// folders cannot be read or written.
int RunUninstall(const Options& options, const World& world, std::ostream& out, std::ostream& err);

// status: for each browser shown (those named, else those found and those with a registration
// left), whether it is found and what is registered for it. kExitOk when every browser shown
// has a working registration and none broken, else kExitNotRegistered; kExitNoBrowser.
int RunStatus(const Options& options, const World& world, std::ostream& out, std::ostream& err);

}  // namespace pims::installer
