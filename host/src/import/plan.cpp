// An import laid over the shopper's profile (pims/import.h): duplicates skipped, person fields
// only where the profile has none, and the preview that shows it.
#include <algorithm>

#include "pims/import.h"

namespace pims {
namespace {

using nlohmann::json;

// Every field of `record` but its label has the same value in `existing`.
bool Covers(const Record& existing, const Record& record) {
  return std::all_of(record.fields.begin(), record.fields.end(), [&](const auto& entry) {
    if (entry.first == "label") return true;
    const auto it = existing.fields.find(entry.first);
    return it != existing.fields.end() && it->second == entry.second;
  });
}

// Adds each record that no record of the list covers; returns how many were duplicates.
Result<int> AddNew(Profile& profile, RecordKind kind, const std::vector<Record>& records,
                   std::vector<Record>& added) {
  int duplicates = 0;
  for (const Record& record : records) {
    const std::vector<Record>& list = kind == RecordKind::kCard ? profile.cards : profile.addresses;
    if (std::any_of(list.begin(), list.end(),
                    [&](const Record& existing) { return Covers(existing, record); })) {
      ++duplicates;
      continue;
    }
    Result<std::string> id = AddRecord(profile, kind, record.fields, "", false);
    if (!id.ok()) {
      if (id.status().code() != ErrorCode::kInvalidField) return id.status();
      const bool card = kind == RecordKind::kCard;
      return Status(ErrorCode::kInvalidField,
                    std::string("the import would make more than ") +
                        std::to_string(card ? kMaxCards : kMaxAddresses) +
                        (card ? " cards" : " addresses") + ", the most a profile keeps",
                    card ? "cards" : "addresses");
    }
    added.push_back(list.back());
  }
  return duplicates;
}

}  // namespace

Result<ImportPlan> PlanImport(const Profile& existing, ImportFormat format,
                              const ImportedProfile& imported) {
  ImportPlan plan;
  plan.format = format;
  plan.ignored = imported.ignored;
  plan.unplaced = imported.unplaced;
  plan.result = existing;
  for (const auto& [field, value] : imported.person) {
    const auto [it, inserted] = plan.result.person.try_emplace(field, value);
    if (inserted) {
      plan.person.insert_or_assign(field, value);
    } else if (!(it->second == value)) {
      plan.unplaced.push_back(UnplacedOf("person." + field, UnplacedWhy::kProfileKept));
    }
  }
  PIMS_ASSIGN_OR_RETURN(plan.duplicate_addresses, AddNew(plan.result, RecordKind::kAddress,
                                                         imported.addresses, plan.addresses));
  PIMS_ASSIGN_OR_RETURN(plan.duplicate_cards,
                        AddNew(plan.result, RecordKind::kCard, imported.cards, plan.cards));
  return plan;
}

json ImportPlanToJson(const ImportPlan& plan) {
  // The records as the profile's JSON shows them, masked.
  Profile added;
  added.person = plan.person;
  added.addresses = plan.addresses;
  added.cards = plan.cards;
  json shown = ProfileToJson(added, /*mask_cards=*/true);
  json person = json::object();
  for (const auto& [field, value] : plan.person) person[field] = std::string(value.reveal());
  json unplaced = json::array();
  for (const UnplacedField& entry : plan.unplaced) {
    unplaced.push_back(json{{"field", entry.field},
                            {"why", UnplacedWhyName(entry.why)},
                            {"reason", entry.reason},
                            {"count", entry.count}});
  }
  json out{
      {"format", ImportFormatName(plan.format)},
      {"person", std::move(person)},
      {"addresses", std::move(shown["addresses"])},
      {"cards", std::move(shown["cards"])},
      {"duplicates", {{"addresses", plan.duplicate_addresses}, {"cards", plan.duplicate_cards}}},
      {"ignored", plan.ignored},
      {"unplaced", std::move(unplaced)}};
  WipeJson(shown);
  return out;
}

}  // namespace pims
