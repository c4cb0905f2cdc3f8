// The session the fuzzers that speak the protocol share: one per process, over a vault in a new
// temporary folder.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>

#include "pims/session.h"

namespace pims::fuzz {

inline Session& TheSession() {
  static Session* session = [] {
    std::string dir = (std::filesystem::temp_directory_path() / "pims-fuzz-XXXXXX").string();
    if (mkdtemp(dir.data()) == nullptr) abort();
    SessionConfig config;
    config.vault_file = std::filesystem::path(dir) / "vault.db";
    config.new_vault_cost = PasswordHashing::Minimum();
    return new Session(config);
  }();
  return *session;
}

}  // namespace pims::fuzz
