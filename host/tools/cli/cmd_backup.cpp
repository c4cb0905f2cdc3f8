// export / import: encrypted backups (pims/backup.h)
#include <fstream>
#include <iterator>
#include <ostream>

#include "cli/command.h"
#include "pims/backup.h"

namespace pims::cli {

namespace fs = std::filesystem;

int CmdExport(Invocation& run) {
  if (!run.args.empty() && run.args[0] == "--to") return CmdExportTo(run);
  if (run.args.size() != 1) return run.Usage("export FILE");
  const fs::path file = run.args[0];
  std::error_code ec;
  if (fs::exists(file, ec)) {
    return run.Fail(Status(ErrorCode::kIoError, file.string() + " exists already"));
  }
  auto vault = run.OpenUnlocked();
  if (!vault.ok()) return run.Fail(vault.status());
  auto password = run.context.prompter->AskNew("Backup password");
  if (!password.ok()) return run.Fail(password.status());
  auto bytes = ExportBackup(**vault, password->reveal(), run.context.cost);
  if (!bytes.ok()) return run.Fail(bytes.status());
  {
    std::ofstream out(file, std::ios::binary);
    out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    if (!out) return run.Fail(Status(ErrorCode::kIoError, "cannot write " + file.string()));
  }
  Status private_file = MakePrivateFile(file);
  if (!private_file.ok()) return run.Fail(private_file);
  run.out << "wrote an encrypted backup to " << file.string() << "\n";
  return kExitOk;
}

int CmdImport(Invocation& run) {
  for (const std::string& arg : run.args) {
    if (arg == "--from") return CmdImportFrom(run);
  }
  if (run.args.size() != 1) return run.Usage("import FILE");
  std::ifstream in(run.args[0], std::ios::binary);
  if (!in) return run.Fail(Status(ErrorCode::kIoError, "cannot read " + run.args[0]));
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto vault = run.OpenUnlocked();
  if (!vault.ok()) return run.Fail(vault.status());
  auto password = run.context.prompter->Ask("Backup password");
  if (!password.ok()) return run.Fail(password.status());
  Status imported = ImportBackup(**vault, bytes, password->reveal());
  if (!imported.ok()) return run.Fail(imported);
  run.out << "imported " << run.args[0] << "\n";
  return kExitOk;
}

}  // namespace pims::cli
