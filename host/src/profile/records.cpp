// Which record a default names, and typed edits of a profile's records.
#include <algorithm>
#include <set>

#include "pims/profile.h"
#include "profile/profile_paths.h"

namespace pims {

namespace {
constexpr size_t kMaxQuotedKeyBytes = 64;
}  // namespace

Status InvalidField(std::string_view path, std::string_view what) {
  std::string message(path.empty() ? std::string_view("the profile") : path);
  message += ' ';
  message += what;
  return Status(ErrorCode::kInvalidField, std::move(message), std::string(path));
}

std::string ChildPath(std::string_view parent, std::string_view key) {
  std::string path(parent);
  if (!path.empty()) path += '.';
  for (size_t i = 0; i < key.size() && i < kMaxQuotedKeyBytes; ++i) {
    const char c = key[i];
    path += (c >= 0x20 && c < 0x7F) ? c : '?';
  }
  if (key.size() > kMaxQuotedKeyBytes) path += "...";
  return path;
}
std::string IndexPath(std::string_view list, size_t index) {
  std::string path(list);
  path += '[';
  path += std::to_string(index);
  path += ']';
  return path;
}
Status AssignRecordIds(Profile& profile) {
  std::set<std::string, std::less<>> used;
  for (const auto& [records, name] :
       {std::pair{&profile.addresses, "addresses"}, std::pair{&profile.cards, "cards"}}) {
    for (size_t i = 0; i < records->size(); ++i) {
      const std::string& id = (*records)[i].id;
      if (!id.empty() && !used.insert(id).second) {
        return InvalidField(IndexPath(name, i) + ".id",
                            "repeats the id of another address or card");
      }
    }
  }
  for (const auto& [records, prefix] :
       {std::pair{&profile.addresses, "address-"}, std::pair{&profile.cards, "card-"}}) {
    size_t next = 1;
    for (Record& record : *records) {
      if (!record.id.empty()) continue;
      std::string id;
      do {
        id = prefix + std::to_string(next++);
      } while (used.count(id) > 0);
      used.insert(id);
      record.id = std::move(id);
    }
  }
  return Status::Ok();
}
const Record* DefaultRecord(const std::vector<Record>& records, std::string_view id) {
  return *ChooseDefault(records, [id](const Record& record) { return record.id == id; });
}
Result<std::string> AddRecord(Profile& profile, RecordKind kind, const FieldMap& fields,
                              std::string_view id, bool make_default) {
  const bool card = kind == RecordKind::kCard;
  if (!card && kind != RecordKind::kAddress) {
    return Status(ErrorCode::kInternal, "only addresses and cards are records of a list");
  }
  std::vector<Record>& list = card ? profile.cards : profile.addresses;
  const std::string_view list_name = card ? "cards" : "addresses";
  if (list.size() >= (card ? kMaxCards : kMaxAddresses)) {
    return InvalidField(list_name,
                        card ? "has more than 100 cards" : "has more than 100 addresses");
  }
  const std::string path = IndexPath(list_name, list.size());
  Record record;
  if (!id.empty()) {
    PIMS_ASSIGN_OR_RETURN(Secret normalised, NormalizeField(kind, "id", id, path + ".id"));
    record.id = std::string(normalised.reveal());
  }
  for (const auto& [key, value] : fields) {
    if (key == "id") return InvalidField(ChildPath(path, key), "is given apart from the fields");
    PIMS_ASSIGN_OR_RETURN(Secret normalised,
                          NormalizeField(kind, key, value.reveal(), ChildPath(path, key)));
    if (!normalised.empty()) record.fields.insert_or_assign(key, std::move(normalised));
  }
  list.push_back(std::move(record));
  if (Status ids = AssignRecordIds(profile); !ids.ok()) {
    list.pop_back();
    return ids;
  }
  const std::string assigned = list.back().id;
  if (make_default && card) profile.default_card = assigned;
  if (make_default && !card) profile.default_shipping = profile.default_billing = assigned;
  return assigned;
}
Status RemoveRecord(Profile& profile, RecordKind kind, std::string_view id) {
  const bool card = kind == RecordKind::kCard;
  std::vector<Record>& list = card ? profile.cards : profile.addresses;
  const auto it =
      std::find_if(list.begin(), list.end(), [id](const Record& r) { return r.id == id; });
  if (it == list.end()) {
    return Status(ErrorCode::kNotFound,
                  std::string(card ? "no card" : "no address") + " with id " + std::string(id));
  }
  list.erase(it);
  for (std::string* role :
       {&profile.default_shipping, &profile.default_billing, &profile.default_card}) {
    if (*role == id) role->clear();  // "": the first record of the list
  }
  return Status::Ok();
}
}  // namespace pims
