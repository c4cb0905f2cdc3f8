// import --from FORMAT FILE, export --to bitwarden FILE: other programs' files (pims/import.h).
// `import FILE` and `export FILE` without a format are pims' own encrypted backups
// (cmd_backup.cpp), which hand over here when they see --from / --to.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <ostream>

#include "cli/command.h"
#include "pims/import.h"

namespace pims::cli {
namespace {

namespace fs = std::filesystem;

std::string Count(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string FormatNames() {
  std::string names;
  for (ImportFormat format : ImportFormats()) {
    if (!names.empty()) names += ", ";
    names += ImportFormatName(format);
  }
  return names;
}

// The file's bytes, refused before reading when it is larger than any format allows.
Result<std::string> ReadImportFile(const fs::path& file) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(file, ec);
  if (ec) return Status(ErrorCode::kIoError, "cannot read " + file.string());
  if (size > kMaxImportFileBytes) {
    return Status(ErrorCode::kTooLarge, file.string() + " is larger than " +
                                            std::to_string(kMaxImportFileBytes >> 20) +
                                            " MiB, the most pims imports");
  }
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return Status(ErrorCode::kIoError, "cannot read " + file.string());
  return bytes;
}

// What the import will do, in words.
void PrintPreview(std::ostream& out, const ImportPlan& plan, const std::string& file) {
  out << "In " << file << " (" << ImportFormatName(plan.format) << "):\n";
  for (const Record& address : plan.addresses) {
    const auto field = [&](const char* key) {
      const auto it = address.fields.find(key);
      return it == address.fields.end() ? std::string() : std::string(it->second.reveal());
    };
    std::string street = field("street-address");
    street = street.substr(0, street.find('\n'));
    out << "  address " << address.id << ": "
        << (field("label").empty() ? field("name") : field("label")) << ", " << street << ", "
        << field("postal-code") << " " << field("address-level2") << " " << field("country")
        << "\n";
  }
  const nlohmann::json cards = ImportPlanToJson(plan)["cards"];
  for (const nlohmann::json& card : cards) {
    const std::string label = card["label"].get<std::string>();
    out << "  card " << card["id"].get<std::string>() << ": "
        << (label.empty() ? card["cc-name"].get<std::string>() : label) << " "
        << card["cc-number"].get<std::string>() << "\n";
  }
  if (!plan.person.empty()) {
    out << "  person:";
    for (const auto& [field, value] : plan.person) out << " " << field;
    out << "\n";
  }
  if (plan.duplicate_addresses + plan.duplicate_cards > 0) {
    out << "  already in pims, skipped: "
        << Count(static_cast<size_t>(plan.duplicate_addresses), "address", "addresses") << ", "
        << Count(static_cast<size_t>(plan.duplicate_cards), "card", "cards") << "\n";
  }
  for (const auto& [kind, count] : plan.ignored) {
    out << "  not imported: " << kind << " (" << count << ")\n";
  }
  for (const UnplacedField& entry : plan.unplaced) {
    out << "  could not place " << entry.field << " (" << entry.count << "): " << entry.reason
        << "\n";
  }
}

std::string Summary(const ImportPlan& plan) {
  std::string text = Count(plan.addresses.size(), "address", "addresses") + " and " +
                     Count(plan.cards.size(), "card", "cards");
  if (!plan.person.empty()) {
    text += " (and " + Count(plan.person.size(), "person field", "person fields") + ")";
  }
  return text;
}

bool Yes(std::string_view answer) {
  return answer == "y" || answer == "Y" || answer == "yes" || answer == "Yes" || answer == "YES";
}

}  // namespace

int CmdImportFrom(Invocation& run) {
  std::optional<ImportFormat> format;
  std::string file;
  bool yes = false;
  for (size_t i = 0; i < run.args.size(); ++i) {
    const std::string& arg = run.args[i];
    if (arg == "--yes") {
      yes = true;
    } else if (arg == "--from" && i + 1 < run.args.size()) {
      format = ImportFormatFromName(run.args[++i]);
      if (!format) return run.Usage("import --from: FORMAT is one of " + FormatNames());
    } else if (file.empty() && arg.rfind("--", 0) != 0) {
      file = arg;
    } else {
      return run.Usage("import --from FORMAT FILE [--yes]");
    }
  }
  if (!format || file.empty()) return run.Usage("import --from FORMAT FILE [--yes]");
  auto bytes = ReadImportFile(file);
  if (!bytes.ok()) return run.Fail(bytes.status());
  auto vault = run.OpenUnlocked();
  if (!vault.ok()) return run.Fail(vault.status());
  Secret password;
  if (NeedsPassword(*format, *bytes)) {
    auto asked = run.context.prompter->Ask("Password of the Bitwarden export");
    if (!asked.ok()) return run.Fail(asked.status());
    password = std::move(asked).value();
  }
  auto imported = ParseImport(*format, *bytes, password.reveal());
  WipeString(*bytes);
  if (!imported.ok()) return run.Fail(imported.status());
  auto profile = (*vault)->GetProfile();
  if (!profile.ok()) return run.Fail(profile.status());
  auto preview = PlanImport(*profile, *format, *imported);
  if (!preview.ok()) return run.Fail(preview.status());
  if (run.json) {
    run.PrintJson(ImportPlanToJson(*preview));
  } else {
    PrintPreview(run.out, *preview, file);
  }
  if (preview->addresses.empty() && preview->cards.empty() && preview->person.empty()) {
    run.err << "pims: nothing to import\n";
    return kExitOk;
  }
  if (!yes) {
    auto answer = run.context.prompter->Ask("Import " + Summary(*preview) + "? [y/N]");
    if (!answer.ok()) return run.Fail(answer.status());
    if (!Yes(answer->reveal())) {
      run.err << "pims: nothing was imported\n";
      return kExitOk;
    }
  }
  std::optional<ImportPlan> stored;
  Status edited = (*vault)->EditProfile([&](Profile& current) -> Status {
    PIMS_ASSIGN_OR_RETURN(ImportPlan plan, PlanImport(current, *format, *imported));
    current = plan.result;
    stored = std::move(plan);
    return Status::Ok();
  });
  if (!edited.ok()) return run.Fail(edited);
  run.err << "pims: imported " << Summary(*stored) << "\n";
  return kExitOk;
}

int CmdExportTo(Invocation& run) {
  if (run.args.size() != 3 || run.args[0] != "--to" || run.args[1] != "bitwarden") {
    return run.Usage("export --to bitwarden FILE");
  }
  const fs::path file = run.args[2];
  std::error_code ec;
  if (fs::exists(file, ec)) {
    return run.Fail(Status(ErrorCode::kIoError, file.string() + " exists already"));
  }
  auto vault = run.OpenUnlocked();
  if (!vault.ok()) return run.Fail(vault.status());
  auto profile = (*vault)->GetProfile();
  if (!profile.ok()) return run.Fail(profile.status());
  const Secret text = ExportBitwardenJson(*profile);
  {
    std::ofstream out(file, std::ios::binary);
    Status private_file = MakePrivateFile(file);
    if (!private_file.ok()) return run.Fail(private_file);
    out.write(text.reveal().data(), static_cast<std::streamsize>(text.size()));
    if (!out) return run.Fail(Status(ErrorCode::kIoError, "cannot write " + file.string()));
  }
  run.err << "pims: warning: " << file.string()
          << " is NOT encrypted: anyone who reads it sees your card numbers and security codes. "
             "Import it where you mean to, then delete it.\n";
  run.out << "wrote a Bitwarden JSON export to " << file.string() << "\n";
  return kExitOk;
}

}  // namespace pims::cli
