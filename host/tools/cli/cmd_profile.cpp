// profile show/set, address add/list/remove, card add/list/remove: edits go through the typed
// profile API (pims/profile.h), so the command line validates exactly as the extension does.
#include <algorithm>
#include <fstream>
#include <iomanip>
#include <istream>
#include <ostream>
#include <sstream>

#include "cli/command.h"

namespace pims::cli {
namespace {

using nlohmann::json;

std::string Text(const json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

struct Padded {
  std::string text;
  int width;
};
std::ostream& operator<<(std::ostream& out, const Padded& p) {
  return out << std::left << std::setw(p.width) << p.text << std::right;
}

// Stores the edited profile; prints `done` on success.
int Save(Invocation& run, Vault& vault, const Profile& profile, const std::string& done) {
  Status saved = vault.PutProfile(profile);
  if (!saved.ok()) return run.Fail(saved);
  run.out << done << "\n";
  return kExitOk;
}

int ShowProfile(Invocation& run) {
  auto vault = run.OpenUnlocked();
  if (!vault.ok()) return run.Fail(vault.status());
  auto profile = (*vault)->GetProfile();
  if (!profile.ok()) return run.Fail(profile.status());
  json shown = ProfileToJson(*profile, /*mask_cards=*/true);
  if (run.json) {
    run.PrintJson(shown);
  } else {
    for (const auto& [key, value] : shown["person"].items()) {
      run.out << Padded{key, 16} << " " << Text(shown["person"], key.c_str()) << "\n";
    }
    run.out << shown["addresses"].size() << " address(es), " << shown["cards"].size()
            << " card(s)\n";
  }
  WipeJson(shown);
  return kExitOk;
}

// profile set --json FILE: the whole profile, validated by the one validator.
int ReplaceProfile(Invocation& run, const std::string& file) {
  std::stringstream text;
  if (file == "-") {
    text << run.context.in->rdbuf();
  } else {
    std::ifstream in(file);
    if (!in) return run.Fail(Status(ErrorCode::kIoError, "cannot read " + file));
    text << in.rdbuf();
  }
  json edited = json::parse(text.str(), nullptr, false);
  std::string clear = text.str();
  WipeString(clear);
  if (edited.is_discarded()) return run.Fail(Status(ErrorCode::kBadJson, file + " is not JSON"));
  auto profile = ProfileFromJson(edited);
  WipeJson(edited);
  if (!profile.ok()) return run.Fail(profile.status());
  auto vault = run.OpenUnlocked();
  if (!vault.ok()) return run.Fail(vault.status());
  return Save(run, **vault, *profile, "profile saved");
}

// profile set KEY=VALUE...: person fields; an empty value clears one.
int SetPersonFields(Invocation& run) {
  auto vault = run.OpenUnlocked();
  if (!vault.ok()) return run.Fail(vault.status());
  auto profile = (*vault)->GetProfile();
  if (!profile.ok()) return run.Fail(profile.status());
  for (size_t i = 1; i < run.args.size(); ++i) {
    std::string key, value;
    if (!SplitAssignment(run.args[i], key, value)) {
      return run.Usage("expected KEY=VALUE, got " + run.args[i]);
    }
    auto normalised = NormalizeField(RecordKind::kPerson, key, value, "person." + key);
    WipeString(value);
    if (!normalised.ok()) return run.Fail(normalised.status());
    if (normalised->empty()) {
      profile->person.erase(key);
    } else {
      profile->person.insert_or_assign(key, std::move(normalised).value());
    }
  }
  return Save(run, **vault, *profile, "profile saved");
}

// The list commands share one shape; `cards` picks the list.
struct RecordList {
  RecordKind kind;
  const char* noun;      // "address"
  const char* list_key;  // "addresses"
};
constexpr RecordList kAddresses{RecordKind::kAddress, "address", "addresses"};
constexpr RecordList kCards{RecordKind::kCard, "card", "cards"};

int ListRecords(Invocation& run, const RecordList& list) {
  auto vault = run.OpenUnlocked();
  if (!vault.ok()) return run.Fail(vault.status());
  auto profile = (*vault)->GetProfile();
  if (!profile.ok()) return run.Fail(profile.status());
  json shown = ProfileToJson(*profile, /*mask_cards=*/true)[list.list_key];
  if (run.json) {
    run.PrintJson(shown);
  } else {
    for (const json& r : shown) {
      run.out << Padded{Text(r, "id"), 12} << " " << Padded{Text(r, "label"), 16} << " ";
      if (list.kind == RecordKind::kCard) {
        run.out << Text(r, "cc-number") << "  " << Text(r, "cc-exp-month") << "/"
                << Text(r, "cc-exp-year") << "  " << Text(r, "cc-name") << "\n";
      } else {
        std::string street = Text(r, "street-address");
        std::replace(street.begin(), street.end(), '\n', ',');
        run.out << street << ", " << Text(r, "postal-code") << " " << Text(r, "address-level2")
                << ", " << Text(r, "country") << "\n";
      }
    }
    if (shown.empty()) run.out << "no " << list.list_key << " yet\n";
  }
  WipeJson(shown);
  return kExitOk;
}

int AddRecordCommand(Invocation& run, const RecordList& list) {
  FieldMap fields;
  std::string id;
  bool make_default = false;
  for (size_t i = 1; i < run.args.size(); ++i) {
    const std::string& arg = run.args[i];
    std::string key, value;
    if (arg == "--default") {
      make_default = true;
    } else if ((arg == "--id" || arg == "--label") && i + 1 < run.args.size()) {
      if (arg == "--id") id = run.args[++i];
      if (arg == "--label") fields.insert_or_assign("label", Secret(run.args[++i]));
    } else if (SplitAssignment(arg, key, value)) {
      fields.insert_or_assign(key, Secret(value));
      WipeString(value);
    } else {
      return run.Usage("unexpected argument: " + arg);
    }
  }
  if (list.kind == RecordKind::kCard) {
    for (const char* key : {"cc-number", "cc-csc"}) {
      // Card secrets never go on the command line, where other users' `ps` could see them.
      if (fields.contains(key)) {
        return run.Usage(std::string(key) + " is asked for, not given on the command line");
      }
    }
  }
  auto vault = run.OpenUnlocked();
  if (!vault.ok()) return run.Fail(vault.status());
  if (list.kind == RecordKind::kCard) {
    for (const auto& [key, question] : {std::pair{"cc-number", "Card number"},
                                        std::pair{"cc-csc", "Security code (empty: none)"}}) {
      auto answer = run.context.prompter->Ask(question);
      if (!answer.ok()) return run.Fail(answer.status());
      if (!answer->empty()) fields.insert_or_assign(key, std::move(answer).value());
    }
  }
  auto profile = (*vault)->GetProfile();
  if (!profile.ok()) return run.Fail(profile.status());
  auto added = AddRecord(*profile, list.kind, fields, id, make_default);
  if (!added.ok()) return run.Fail(added.status());
  return Save(run, **vault, *profile, std::string("added ") + list.noun + " " + *added);
}

int RemoveRecordCommand(Invocation& run, const RecordList& list) {
  if (run.args.size() != 2) return run.Usage(std::string(list.noun) + " remove ID");
  auto vault = run.OpenUnlocked();
  if (!vault.ok()) return run.Fail(vault.status());
  auto profile = (*vault)->GetProfile();
  if (!profile.ok()) return run.Fail(profile.status());
  Status removed = RemoveRecord(*profile, list.kind, run.args[1]);
  if (!removed.ok()) return run.Fail(removed);
  return Save(run, **vault, *profile, std::string("removed ") + list.noun + " " + run.args[1]);
}

int RecordCommand(Invocation& run, const RecordList& list) {
  const std::string sub = run.args.empty() ? "" : run.args[0];
  if (sub == "add") return AddRecordCommand(run, list);
  if (sub == "list") return ListRecords(run, list);
  if (sub == "remove") return RemoveRecordCommand(run, list);
  return run.Usage(std::string(list.noun) + " needs add, list or remove");
}

}  // namespace

int CmdProfile(Invocation& run) {
  const std::string sub = run.args.empty() ? "" : run.args[0];
  if (sub == "show") return ShowProfile(run);
  if (sub != "set") return run.Usage("profile needs show or set");
  if (run.args.size() == 3 && run.args[1] == "--json") return ReplaceProfile(run, run.args[2]);
  if (run.args.size() < 2) return run.Usage("profile set needs KEY=VALUE pairs or --json FILE");
  return SetPersonFields(run);
}

int CmdAddress(Invocation& run) { return RecordCommand(run, kAddresses); }
int CmdCard(Invocation& run) { return RecordCommand(run, kCards); }

}  // namespace pims::cli
