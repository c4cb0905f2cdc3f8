// offer: what the menu at a field may show (docs/protocol.md).
#include "protocol/verbs.h"
#include "protocol/verbs_fill.h"

namespace pims {
namespace {

using nlohmann::json;

json CategoryList(CategorySet set) {
  json names = json::array();
  for (Category c : set.List()) names.push_back(CategoryName(c));
  return names;
}

bool IsCard(Category c) { return c == Category::kCard || c == Category::kCardCsc; }

// The categories the frame's visible fields ask for (a hidden field cannot ask the shopper).
CategorySet AskedCategories(const std::vector<FieldDescriptor>& fields,
                            const std::vector<std::optional<AutofillToken>>& tokens) {
  CategorySet asks;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!fields[i].visible || !tokens[i]) continue;
    if (auto c = CategoryOfField(tokens[i]->field, tokens[i]->hint)) asks.Add(*c);
  }
  return asks;
}

// The asked categories the site has not decided, that the shopper could allow: card data
// never goes to a page that is not https, so it is never asked about there.
CategorySet Undecided(CategorySet asks, const SitePolicy& policy, CategorySet once, bool secure) {
  CategorySet undecided;
  for (Category c : asks.List()) {
    if (policy.allow.Has(c) || policy.deny.Has(c) || once.Has(c)) continue;
    if (IsCard(c) && !secure) continue;
    undecided.Add(c);
  }
  return undecided;
}

std::string_view StateOf(Category c, const SitePolicy& policy, CategorySet once, bool secure) {
  if (IsCard(c) && !secure) return "insecure";
  if (once.Has(c)) return "once";
  if (policy.allow.Has(c)) return "allowed";
  if (policy.deny.Has(c)) return "refused";
  return "undecided";
}

json EntriesJson(const std::vector<OfferEntry>& entries) {
  json list = json::array();
  for (const OfferEntry& e : entries) {
    list.push_back({{"id", e.id},
                    {"label", e.label},
                    {"summary", std::string(e.summary.reveal())},
                    {"default", e.is_default}});
  }
  return list;
}

}  // namespace

Result<json> HandleOffer(Session& session, const json& body) {
  PIMS_ASSIGN_OR_RETURN(Site site, RequireSite(body, "url"));
  PIMS_ASSIGN_OR_RETURN(std::vector<FieldDescriptor> fields, ReadFillFields(body));
  PIMS_ASSIGN_OR_RETURN(std::string focus, RequireString(body, "focus"));
  PIMS_ASSIGN_OR_RETURN(std::optional<CategorySet> once_given,
                        OptionalCategoriesFromJson(JsonFields::OfRequest(body), "once"));
  const CategorySet once = once_given.value_or(CategorySet{});
  size_t at = 0;
  while (at < fields.size() && fields[at].ref != focus) ++at;
  if (at == fields.size()) {
    return Status(ErrorCode::kBadRequest, "focus must be the ref of one of the fields", "focus");
  }
  PIMS_ASSIGN_OR_RETURN(Vault * vault, session.UnlockedVault());
  PIMS_ASSIGN_OR_RETURN(VaultSettings settings, vault->GetSettings());
  json reply{{"site", site.ToString()},
             {"focus", focus},
             {"menu", settings.menu},
             {"role", nullptr},
             {"entries", json::array()}};
  if (!settings.menu || !fields[at].visible) return reply;
  const std::vector<std::optional<AutofillToken>> tokens =
      session.config().classifier->Classify(fields);
  const std::optional<AutofillToken>& token = tokens[at];
  const std::optional<Category> category =
      token ? CategoryOfField(token->field, token->hint) : std::nullopt;
  const std::optional<PickRole> role = token ? PickRoleOf(*token) : std::nullopt;
  if (!category || !role) return reply;
  PIMS_ASSIGN_OR_RETURN(MenuOffer offer, vault->Offer(site, *role, *category, once));
  const CategorySet asks = AskedCategories(fields, tokens);
  reply["field"] = token->field;
  reply["category"] = CategoryName(*category);
  reply["role"] = PickRoleName(*role);
  reply["state"] = StateOf(*category, offer.policy, once, site.secure());
  reply["asks"] = CategoryList(asks);
  reply["allow"] = CategoryList(offer.policy.allow);
  reply["deny"] = CategoryList(offer.policy.deny);
  reply["undecided"] = CategoryList(Undecided(asks, offer.policy, once, site.secure()));
  reply["entries"] = EntriesJson(offer.entries);
  return reply;
}

}  // namespace pims
