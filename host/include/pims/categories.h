// Consent categories: what a shopper grants to a site, and which autofill fields each covers.
//
// A site is allowed a set of categories (default: none). Every WHATWG autofill field name that
// pims fills belongs to exactly one category, through ONE table
// (host/src/vocabulary/autofill_fields.json): the policy, the fill path, the docs and the
// extension all read it (here through CategoryOfField / FieldsOfCategory) rather than keeping
// lists of their own.
//
// Thread-safety: everything here is a pure function of its arguments or a value type.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace pims {

// The consent categories of docs/architecture.md ("Shared names and contracts"). The enum order is
// the bit position in CategorySet, which the vault stores: APPEND-ONLY, never reorder.
enum class Category {
  kName,             // "name": the shopper's and recipients' names
  kEmail,            // "email"
  kPhone,            // "phone": tel and every tel-* part
  kShippingAddress,  // "shipping_address": address fields not marked "billing"
  kBillingAddress,   // "billing_address": address fields marked "billing"
  kCard,             // "card": number, holder, expiry, type
  kCardCsc,          // "card_csc": the security code, granted apart from the card
  kOrganization,     // "organization"
  kBirthday,         // "birthday"
};

inline constexpr std::array<Category, 9> kAllCategories{
    Category::kName,           Category::kEmail, Category::kPhone,   Category::kShippingAddress,
    Category::kBillingAddress, Category::kCard,  Category::kCardCsc, Category::kOrganization,
    Category::kBirthday,
};

// The stable wire name ("name", "shipping_address", "card_csc", ...); "unknown" for a value
// outside the enum (which CategoryFromName refuses).
std::string_view CategoryName(Category category);
// The category with that exact wire name (case-sensitive), or nullopt.
std::optional<Category> CategoryFromName(std::string_view name);

// A set of categories, e.g. what a site is allowed. Bit i is kAllCategories[i]; bits() is what
// the vault stores, so the positions never change.
class CategorySet {
 public:
  // Bits of every known category; FromBits drops any other bit.
  static constexpr uint32_t kKnownBits = (uint32_t{1} << kAllCategories.size()) - 1;

  constexpr CategorySet() = default;

  void Add(Category category) { bits_ |= Bit(category); }
  void Remove(Category category) { bits_ &= ~Bit(category); }
  bool Has(Category category) const { return (bits_ & Bit(category)) != 0; }
  bool empty() const { return bits_ == 0; }
  uint32_t bits() const { return bits_; }

  // The set whose bits() are `bits`, minus bits of no known category (so a value written by a
  // newer pims never grants something this one cannot name).
  static CategorySet FromBits(uint32_t bits) {
    CategorySet set;
    set.bits_ = bits & kKnownBits;
    return set;
  }
  // Every category, for tests and "allow all".
  static CategorySet All() { return FromBits(kKnownBits); }

  // The members, in enum order.
  std::vector<Category> List() const;

  bool operator==(const CategorySet&) const = default;

 private:
  static constexpr uint32_t Bit(Category category) {
    return uint32_t{1} << static_cast<uint32_t>(category);
  }
  uint32_t bits_ = 0;
};

// Which address a field belongs to, from the "shipping"/"billing" autofill token.
enum class AddressHint { kNone, kShipping, kBilling };

// The category of a WHATWG autofill field name (ASCII case-insensitive), or nullopt for a name
// pims never fills (username, new-password, current-password, one-time-code, sex, url, photo,
// language, organization-title, transaction-*, impp, on, off, and anything unknown).
//  - name, honorific-prefix, given-name, additional-name, family-name, honorific-suffix,
//    nickname -> kName;
//  - email -> kEmail; tel, tel-country-code, tel-national, tel-area-code, tel-local,
//    tel-local-prefix, tel-local-suffix, tel-extension -> kPhone;
//  - street-address, address-line1..3, address-level1..4, postal-code, country, country-name
//    -> kBillingAddress when hint is kBilling, else kShippingAddress;
//  - cc-name, cc-given-name, cc-additional-name, cc-family-name, cc-number, cc-exp,
//    cc-exp-month, cc-exp-year, cc-type -> kCard; cc-csc -> kCardCsc;
//  - organization -> kOrganization; bday, bday-day, bday-month, bday-year -> kBirthday.
// The hint changes only the address fields: "billing email" is still kEmail.
std::optional<Category> CategoryOfField(std::string_view field_name, AddressHint hint);

// The field names a category covers, in table order, from the same table (lowercase; the
// views point at static storage). kShippingAddress and kBillingAddress list the same fields.
std::vector<std::string_view> FieldsOfCategory(Category category);

}  // namespace pims
