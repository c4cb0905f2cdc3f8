// The menu at a field: which records answer a field, which fields a pick fills, and the
// one-line summaries of records (pims/fill.h, pims/offer.h).
#include <array>

#include "pims/fill.h"
#include "pims/offer.h"

namespace pims {
namespace {

constexpr std::array<std::string_view, 4> kRoleNames = {"shipping", "billing", "card", "person"};

bool IsContact(Category c) {
  return c == Category::kName || c == Category::kEmail || c == Category::kPhone ||
         c == Category::kOrganization;
}

AddressHint HintOf(PickRole role) {
  return role == PickRole::kBilling ? AddressHint::kBilling : AddressHint::kShipping;
}

// Appends the value of one derived field to `line`, after ", " when the line has text already.
Status AppendPart(ProfileSource& source, std::string_view field, AddressHint hint, Secret& line) {
  AutofillToken token;
  token.field = std::string(field);
  token.hint = hint;
  PIMS_ASSIGN_OR_RETURN(std::optional<Secret> value, DeriveValue(source, token, FieldShape{}));
  if (!value || value->empty()) return Status::Ok();
  if (!line.empty()) line.append(", ");
  line.append(value->reveal());
  return Status::Ok();
}

Result<Secret> SummarizeCard(ProfileSource& source) {
  Secret line;
  PIMS_RETURN_IF_ERROR(AppendPart(source, "cc-type", AddressHint::kNone, line));
  PIMS_ASSIGN_OR_RETURN(std::optional<Secret> number, source.Card("cc-number"));
  if (number && number->size() >= 4) {
    if (!line.empty()) line.append(" ");
    line.append("\u2022\u2022\u2022\u2022 ");
    line.append(number->reveal().substr(number->size() - 4));
  }
  AutofillToken expiry;
  expiry.field = "cc-exp";
  PIMS_ASSIGN_OR_RETURN(std::optional<Secret> exp,
                        DeriveValue(source, expiry, FieldShape{-1, "MM/YYYY", "text", ""}));
  if (exp && !exp->empty()) {
    if (!line.empty()) line.append(", ");
    line.append(exp->reveal());
  }
  return line;
}

}  // namespace

std::string_view PickRoleName(PickRole role) { return kRoleNames[static_cast<size_t>(role)]; }

std::optional<PickRole> PickRoleFromName(std::string_view name) {
  for (size_t i = 0; i < kRoleNames.size(); ++i) {
    if (kRoleNames[i] == name) return static_cast<PickRole>(i);
  }
  return std::nullopt;
}

std::optional<PickRole> PickRoleOf(const AutofillToken& token) {
  const std::optional<Category> category = CategoryOfField(token.field, token.hint);
  if (!category) return std::nullopt;
  if (*category == Category::kShippingAddress) return PickRole::kShipping;
  if (*category == Category::kBillingAddress) return PickRole::kBilling;
  if (*category == Category::kCard || *category == Category::kCardCsc) return PickRole::kCard;
  // A recipient's name or phone belongs to its address.
  if (IsContact(*category) && token.hint == AddressHint::kShipping) return PickRole::kShipping;
  if (IsContact(*category) && token.hint == AddressHint::kBilling) return PickRole::kBilling;
  return PickRole::kPerson;
}

bool InPick(PickRole role, const AutofillToken& token) {
  const std::optional<Category> category = CategoryOfField(token.field, token.hint);
  if (!category) return false;
  switch (role) {
    case PickRole::kCard:
      return *category == Category::kCard || *category == Category::kCardCsc;
    case PickRole::kShipping:
    case PickRole::kBilling: {
      const Category address =
          role == PickRole::kShipping ? Category::kShippingAddress : Category::kBillingAddress;
      if (*category == address) return true;
      return IsContact(*category) &&
             (token.hint == AddressHint::kNone || token.hint == HintOf(role));
    }
    case PickRole::kPerson:
      return (IsContact(*category) || *category == Category::kBirthday) &&
             token.hint == AddressHint::kNone;
  }
  return false;
}

std::optional<Category> CategoryOfRole(PickRole role) {
  switch (role) {
    case PickRole::kShipping:
      return Category::kShippingAddress;
    case PickRole::kBilling:
      return Category::kBillingAddress;
    case PickRole::kCard:
      return Category::kCard;
    case PickRole::kPerson:
      return std::nullopt;
  }
  return std::nullopt;
}

Result<Secret> SummarizeRecord(ProfileSource& source, PickRole role, CategorySet allowed) {
  Secret line;
  if (role == PickRole::kPerson) {
    constexpr std::pair<Category, std::string_view> kParts[] = {
        {Category::kName, "name"}, {Category::kEmail, "email"}, {Category::kPhone, "tel"}};
    for (const auto& [category, field] : kParts) {
      if (allowed.Has(category)) {
        PIMS_RETURN_IF_ERROR(AppendPart(source, field, AddressHint::kNone, line));
      }
    }
    return line;
  }
  if (!allowed.Has(*CategoryOfRole(role))) return line;
  if (role == PickRole::kCard) return SummarizeCard(source);
  for (std::string_view field : {"address-line1", "address-level2", "postal-code"}) {
    PIMS_RETURN_IF_ERROR(AppendPart(source, field, HintOf(role), line));
  }
  return line;
}

}  // namespace pims
