// record.match, record.save, record.never: saving what the shopper typed at a checkout
// (docs/protocol.md). The extension's background sends them; only record.save stores a record,
// and only after the shopper confirmed in the extension's own frame.
#include <map>

#include "pims/save.h"
#include "protocol/verbs.h"
#include "protocol/verbs_fill.h"

namespace pims {
namespace {

using nlohmann::json;

std::string_view ActionName(SaveAction action) {
  switch (action) {
    case SaveAction::kNew:
      return "new";
    case SaveAction::kUpdate:
      return "update";
    case SaveAction::kSame:
      return "same";
  }
  return "";
}

std::string_view SectionName(const SaveCandidate& c) {
  if (c.kind != RecordKind::kAddress) return "";
  return c.section == AddressHint::kBilling ? "billing" : "shipping";
}

// body["values"]: [{ref, value, text?, typed}] for the refs of `fields`.
struct Value {
  Secret value;
  Secret text;
  bool typed = false;
};
Result<std::map<std::string, Value, std::less<>>> ReadValues(const json& body) {
  PIMS_ASSIGN_OR_RETURN(const json* values, JsonFields::OfRequest(body).RequireArray("values"));
  if (values->size() > kMaxFillFields) {
    return Status(ErrorCode::kBadRequest, "values must hold at most 2000 entries", "values");
  }
  std::map<std::string, Value, std::less<>> out;
  for (size_t i = 0; i < values->size(); ++i) {
    const std::string path = "values[" + std::to_string(i) + "]";
    const json& item = (*values)[i];
    if (!item.is_object()) {
      return Status(ErrorCode::kBadRequest, path + " must be an object", path);
    }
    auto field = [&](std::string_view key) { return path + "." + std::string(key); };
    const JsonFields f = JsonFields::OfRequest(item);
    auto named = [&](Status s, std::string_view key) {
      return Status(s.code(), s.message(), field(key));
    };
    Result<std::string> ref = f.RequireString("ref");
    if (!ref.ok()) return named(ref.status(), "ref");
    Result<std::string> value = f.RequireString("value");
    if (!value.ok()) return named(value.status(), "value");
    Result<std::optional<std::string>> text = f.OptionalString("text");
    if (!text.ok()) return named(text.status(), "text");
    Result<std::optional<bool>> typed = f.OptionalBool("typed");
    if (!typed.ok()) return named(typed.status(), "typed");
    Value v{Secret(*value), Secret(text->value_or("")), typed->value_or(false)};
    Wipe(value->data(), value->size());
    out.insert_or_assign(std::move(ref).value(), std::move(v));
  }
  return out;
}

}  // namespace

Result<json> HandleRecordMatch(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(Site site, RequireSite(body, "url"));
  PIMS_ASSIGN_OR_RETURN(std::vector<FieldDescriptor> fields, ReadFillFields(body));
  PIMS_ASSIGN_OR_RETURN(auto values, ReadValues(body));
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(SitePolicy policy, vault->GetSite(site));
  json reply{{"site", site.ToString()},
             {"never", policy.never_save},
             {"records", json::array()},
             {"same", 0}};
  if (policy.never_save || values.empty()) return reply;
  const std::vector<std::optional<AutofillToken>> tokens =
      session.config().classifier->Classify(fields);
  std::vector<SubmittedField> submitted;
  for (size_t i = 0; i < fields.size(); ++i) {
    const auto value = values.find(fields[i].ref);
    if (!tokens[i] || value == values.end()) continue;
    submitted.push_back({*tokens[i], value->second.value, value->second.text, value->second.typed});
  }
  PIMS_ASSIGN_OR_RETURN(Profile profile, vault->GetProfile());
  int same = 0;
  for (SaveCandidate& c : SaveCandidates(submitted, profile)) {
    const SaveMatch match = MatchCandidate(profile, c);
    if (match.action == SaveAction::kSame) {
      ++same;
      WipeJson(c.record);
      continue;
    }
    json entry{{"kind", SaveKindName(c.kind)},
               {"action", ActionName(match.action)},
               {"record", c.record},
               {"shown", MaskedRecord(c.kind, c.record)},
               {"typed", c.typed},
               {"dropped", c.dropped},
               {"csc", c.record.contains("cc-csc")}};
    if (c.kind == RecordKind::kAddress) entry["section"] = SectionName(c);
    if (match.action == SaveAction::kUpdate) {
      if (!match.id.empty()) entry["id"] = match.id;
      entry["label"] = match.label;
      entry["changed"] = match.changed;
    }
    reply["records"].push_back(std::move(entry));
    WipeJson(c.record);
  }
  reply["same"] = same;
  return reply;
}

Result<json> HandleRecordSave(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(std::string kind_name, RequireString(body, "kind"));
  const std::optional<RecordKind> kind = SaveKindFromName(kind_name);
  if (!kind) {
    return Status(ErrorCode::kBadRequest, "kind must be \"address\", \"card\" or \"person\"",
                  "kind");
  }
  // "update", not "id": the envelope's "id" is the request's.
  PIMS_ASSIGN_OR_RETURN(std::optional<std::string> id, OptionalString(body, "update"));
  PIMS_ASSIGN_OR_RETURN(const json* record, RequireObject(body, "record"));
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  std::string saved;
  std::string label;
  PIMS_RETURN_IF_ERROR(vault->EditProfile([&](Profile& profile) -> Status {
    Result<std::string> done = SaveRecord(profile, *kind, id.value_or(""), *record);
    if (!done.ok()) {
      const Status& s = done.status();
      // SaveRecord names the record's id "id"; the request names it "update".
      return s.field() == "id" ? Status(s.code(), s.message(), "update") : s;
    }
    saved = *done;
    const std::vector<Record>& list =
        *kind == RecordKind::kCard ? profile.cards : profile.addresses;
    for (const Record& r : list) {
      if (r.id != saved || saved.empty()) continue;
      const auto it = r.fields.find("label");
      if (it != r.fields.end()) label = std::string(it->second.reveal());
    }
    return Status::Ok();
  }));
  json reply{{"kind", kind_name}, {"label", label}};
  // "saved", not "id": the envelope's "id" is the request's.
  if (*kind != RecordKind::kPerson) reply["saved"] = saved;
  return reply;
}

Result<json> HandleRecordNever(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(Site site, RequireSite(body, "url"));
  PIMS_ASSIGN_OR_RETURN(std::optional<bool> never, OptionalBool(body, "never"));
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(SitePolicy policy, vault->GetSite(site));
  policy.never_save = never.value_or(true);
  PIMS_RETURN_IF_ERROR(vault->SetSite(site, policy));
  return PolicyToJson(site, policy);
}

}  // namespace pims
