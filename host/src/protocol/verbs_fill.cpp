// fill: the descriptors of a form's fields in, the values the site may have out.
#include "protocol/verbs_fill.h"

#include <limits>
#include <set>

#include "pims/secret.h"
#include "protocol/fill_options.h"
#include "protocol/reply_text.h"
#include "protocol/verbs.h"

namespace pims {

using nlohmann::json;

Result<FieldDescriptor> ParseFieldDescriptor(const json& j, const std::string& path) {
  if (!j.is_object()) {
    return Status(ErrorCode::kBadRequest, path + " must be an object", path);
  }
  auto in_path = [&](Status s) {
    return Status(s.code(), path + ": " + s.message(), path + "." + s.field());
  };
  FieldDescriptor d;
  auto ref = RequireString(j, "ref");
  if (!ref.ok()) return in_path(ref.status());
  d.ref = std::move(ref).value();
  const std::pair<const char*, std::string*> strings[] = {
      {"autocomplete", &d.autocomplete},
      {"tag", &d.tag},
      {"type", &d.type},
      {"name", &d.name},
      {"id", &d.id},
      {"label", &d.label},
      {"placeholder", &d.placeholder},
      {"nearby", &d.nearby},
      {"inputmode", &d.inputmode},
      {"section", &d.section},
      {"form", &d.form},
  };
  for (const auto& [key, target] : strings) {
    auto value = OptionalString(j, key);
    if (!value.ok()) return in_path(value.status());
    if (*value) *target = std::move(**value);
  }
  auto maxlength = OptionalInteger(j, "maxlength", -1, 1 << 20);
  if (!maxlength.ok()) return in_path(maxlength.status());
  if (*maxlength) d.maxlength = static_cast<int>(**maxlength);
  auto visible = OptionalBool(j, "visible");
  if (!visible.ok()) return in_path(visible.status());
  if (*visible) d.visible = **visible;
  if (j.contains("options")) {
    auto options = RequireArray(j, "options");
    if (!options.ok()) return in_path(options.status());
    if ((*options)->size() > kMaxSelectOptions) {
      return Status(ErrorCode::kBadRequest, path + ".options has too many entries",
                    path + ".options");
    }
    // A country select brings hundreds of options: each is read in place, and its path is
    // spelled out only for an error.
    d.options.reserve((*options)->size());
    for (size_t i = 0; i < (*options)->size(); ++i) {
      const json& o = (**options)[i];
      const auto value = o.is_object() ? o.find("value") : o.end();
      const auto text = o.is_object() ? o.find("text") : o.end();
      if (value == o.end() || !value->is_string() ||
          (text != o.end() && !text->is_string() && !text->is_null())) {
        const std::string opath = path + ".options[" + std::to_string(i) + "]";
        return Status(ErrorCode::kBadRequest, opath + " must be {value: string, text?: string}",
                      opath);
      }
      d.options.push_back(SelectOption{
          value->get_ref<const std::string&>(),
          text != o.end() && text->is_string() ? text->get_ref<const std::string&>() : ""});
    }
  }
  return d;
}

namespace {

Result<FillTrigger> ParseTrigger(const json& body) {
  PIMS_ASSIGN_OR_RETURN(std::optional<std::string> trigger, OptionalString(body, "trigger"));
  if (!trigger || *trigger == "auto") return FillTrigger::kAuto;
  if (*trigger == "gesture") return FillTrigger::kGesture;
  return Status(ErrorCode::kBadRequest, "trigger must be \"auto\" or \"gesture\"", "trigger");
}

// The page's host, the top-level page's site and host when "top_url" (optional: the fields are in
// a frame) names one, and whether a gesture was aimed at the frame ("aimed", default false).
Result<FillPlace> ReadPlace(const json& body, std::string host) {
  FillPlace place;
  place.host = std::move(host);
  PIMS_ASSIGN_OR_RETURN(std::optional<std::string> top_url, OptionalString(body, "top_url"));
  if (top_url) {
    auto top = SiteAndHostFromUrl(*top_url);
    if (!top.ok()) return Status(top.status().code(), top.status().message(), "top_url");
    place.top = std::move(top->site);
    place.top_host = std::move(top->host);
  }
  PIMS_ASSIGN_OR_RETURN(std::optional<bool> aimed, OptionalBool(body, "aimed"));
  place.aimed = aimed.value_or(false);
  return place;
}

// Keeps the asked fields and their tokens, in order.
void KeepAsked(const std::vector<std::string>& ask, std::vector<FieldDescriptor>& fields,
               std::vector<std::optional<AutofillToken>>& tokens) {
  const std::set<std::string_view> asked(ask.begin(), ask.end());
  size_t kept = 0;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!asked.contains(fields[i].ref)) continue;
    if (kept != i) {
      fields[kept] = std::move(fields[i]);
      tokens[kept] = std::move(tokens[i]);
    }
    ++kept;
  }
  fields.resize(kept);
  tokens.resize(kept);
}

}  // namespace

Result<std::vector<FieldDescriptor>> ReadFillFields(const json& body) {
  PIMS_ASSIGN_OR_RETURN(const json* fields_json, RequireArray(body, "fields"));
  if (fields_json->size() > kMaxFillFields) {
    return Status(ErrorCode::kBadRequest,
                  "a form may have at most " + std::to_string(kMaxFillFields) + " fields",
                  "fields");
  }
  std::vector<FieldDescriptor> fields;
  fields.reserve(fields_json->size());
  for (size_t i = 0; i < fields_json->size(); ++i) {
    PIMS_ASSIGN_OR_RETURN(
        FieldDescriptor d,
        ParseFieldDescriptor((*fields_json)[i], "fields[" + std::to_string(i) + "]"));
    fields.push_back(std::move(d));
  }
  return fields;
}

std::string FillReplyText(const json& id, const FillResult& result, size_t max_bytes) {
  std::string out;
  out.reserve(128 + 112 * (result.fills.size() + result.withheld.size()) +
              16 * (result.unknown.size() + result.empty.size()));
  // The members in key order, as nlohmann::json keeps them.
  out.append("{\"empty\":");
  AppendJsonStrings(out, result.empty);
  out.append(",\"fills\":[");
  for (const FilledField& f : result.fills) {
    if (out.back() != '[') out.push_back(',');
    AppendJsonStringObject(out, {{"category", CategoryName(f.category)},
                                 {"field", f.field},
                                 {"ref", f.ref},
                                 {"value", f.value.reveal()}});
  }
  out.append("],\"id\":");
  AppendJsonValue(out, id);
  out.append(",\"ok\":true,\"site\":");
  AppendJsonString(out, result.site.ToString());
  out.append(",\"unknown\":");
  AppendJsonStrings(out, result.unknown);
  out.append(",\"withheld\":[");
  for (const WithheldField& w : result.withheld) {
    if (out.back() != '[') out.push_back(',');
    AppendJsonStringObject(out, {{"category", CategoryName(w.category)},
                                 {"field", w.field},
                                 {"reason", WithheldReasonName(w.reason)},
                                 {"ref", w.ref}});
  }
  out.append("]}");
  if (out.size() <= max_bytes) return out;
  const size_t size = out.size();
  WipeString(out);
  return OversizedReplyText(id, size, max_bytes);
}

Result<json> HandleFill(Session& session, const json& body) {
  return FillWith(session, body, std::nullopt);
}

Result<json> FillWith(Session& session, const json& body,
                      std::optional<std::vector<FieldDescriptor>> prepared) {
  PIMS_ASSIGN_OR_RETURN(FillResult result, DecideFillRequest(session, body, std::move(prepared)));
  // The one writer of the fill reply is FillReplyText; this JSON form is read back from it.
  const auto id = body.find("id");
  std::string text = FillReplyText(id != body.end() ? *id : json(nullptr), result,
                                   std::numeric_limits<size_t>::max());
  json reply = json::parse(text);
  WipeString(text);
  return reply;
}

Result<FillResult> DecideFillRequest(Session& session, const json& body,
                                     std::optional<std::vector<FieldDescriptor>> prepared) {
  PIMS_ASSIGN_OR_RETURN(SiteAndHost page, RequireSiteAndHost(body, "url"));
  PIMS_ASSIGN_OR_RETURN(FillPlace place, ReadPlace(body, page.host));
  const Site& site = page.site;
  PIMS_ASSIGN_OR_RETURN(FillTrigger trigger, ParseTrigger(body));
  PIMS_ASSIGN_OR_RETURN(FillOptions options, ReadFillOptions(body, trigger));
  std::vector<FieldDescriptor> fields;
  if (prepared) {
    fields = std::move(*prepared);
  } else {
    PIMS_ASSIGN_OR_RETURN(fields, ReadFillFields(body));
  }
  // "ask" (optional): the refs of the fields to decide now; the others are context.
  const auto ask_member = body.find("ask");
  const bool has_ask = ask_member != body.end() && !ask_member->is_null();
  std::vector<std::string> ask;
  if (has_ask) {
    PIMS_ASSIGN_OR_RETURN(ask, JsonFields::OfRequest(body).RequireStrings("ask"));
  }
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  // Every field is classified beside its neighbours; only the asked ones are decided.
  std::vector<std::optional<AutofillToken>> tokens = session.Classify(fields);
  if (has_ask) KeepAsked(ask, fields, tokens);
  if (options.pick) KeepPicked(options.pick->role, fields, tokens);
  return vault->Fill(site, trigger, fields, tokens, options, place);
}

}  // namespace pims
