#include "pims/derive.h"

#include <cctype>
#include <cstddef>
#include <string>
#include <utility>

#include "core/text.h"
#include "profile/phone.h"
#include "vocabulary/vocabulary.h"

namespace pims {
namespace {

using Derived = Result<std::optional<Secret>>;

Derived Nothing() { return std::optional<Secret>(); }

// An empty Secret is "nothing": a value is never filled as "".
Derived Some(Secret value) {
  if (value.empty()) return Nothing();
  return std::optional<Secret>(std::move(value));
}

Derived Some(std::string_view value) { return Some(Secret(value)); }

bool Present(const std::optional<Secret>& value) { return value.has_value() && !value->empty(); }

// Appends decimal digits without their leading zeros ("0815" -> "815", "00" -> "0").
void AppendNumber(Secret& out, std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  out.append(digits);
}

// Appends a number of one or two digits as exactly two ("7" -> "07").
void AppendTwoDigits(Secret& out, std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  if (digits.size() < 2) out.append("0");
  out.append(digits);
}

struct Context {
  ProfileSource& source;
  const AutofillToken& token;
  const FieldShape& shape;
  std::string_view field;  // lowercase
};

bool Hinted(const Context& c) { return c.token.hint != AddressHint::kNone; }

// For a shipping/billing token the address's field when set, else the person's.
Derived AddressOrPerson(Context& c, std::string_view field) {
  if (Hinted(c)) {
    PIMS_ASSIGN_OR_RETURN(std::optional<Secret> value, c.source.Address(c.token.hint, field));
    if (Present(value)) return value;
  }
  return c.source.Person(field);
}

// given, additional and family name joined by single spaces.
Derived PersonFullName(ProfileSource& source) {
  Secret full;
  for (std::string_view field : {"given-name", "additional-name", "family-name"}) {
    PIMS_ASSIGN_OR_RETURN(std::optional<Secret> part, source.Person(field));
    if (!Present(part)) continue;
    if (!full.empty()) full.append(" ");
    full.append(part->reveal());
  }
  return Some(std::move(full));
}

enum class NamePart { kGiven, kAdditional, kFamily };

// A full name split into words at spaces: the first, the middle ones, the last.
Derived SplitName(std::string_view name, NamePart part) {
  name = TrimSpaces(name);
  const size_t first_end = name.find(' ');
  if (first_end == std::string_view::npos) {
    return part == NamePart::kGiven ? Some(name) : Nothing();
  }
  const size_t last_start = name.rfind(' ') + 1;
  switch (part) {
    case NamePart::kGiven:
      return Some(name.substr(0, first_end));
    case NamePart::kFamily:
      return Some(name.substr(last_start));
    case NamePart::kAdditional: {
      Secret middle;
      std::string_view rest = TrimSpaces(name.substr(first_end, last_start - first_end));
      while (!rest.empty()) {
        const size_t end = rest.find(' ');
        if (!middle.empty()) middle.append(" ");
        middle.append(rest.substr(0, end));
        if (end == std::string_view::npos) break;
        rest = TrimSpaces(rest.substr(end));
      }
      return Some(std::move(middle));
    }
  }
  return Nothing();
}

Derived Name(Context& c) {
  if (Hinted(c)) {
    PIMS_ASSIGN_OR_RETURN(std::optional<Secret> recipient, c.source.Address(c.token.hint, "name"));
    if (Present(recipient)) return recipient;
  }
  return PersonFullName(c.source);
}

Derived NameComponent(Context& c, NamePart part) {
  if (Hinted(c)) {
    PIMS_ASSIGN_OR_RETURN(std::optional<Secret> recipient, c.source.Address(c.token.hint, "name"));
    if (Present(recipient)) {
      PIMS_ASSIGN_OR_RETURN(std::optional<Secret> full, PersonFullName(c.source));
      // The shopper's own parts split right ("Anne-Marie", "van der Berg") only if they are the
      // recipient; another recipient is known only by the address's one name.
      if (!Present(full) || !(*full == *recipient)) return SplitName(recipient->reveal(), part);
    }
  }
  return c.source.Person(c.field);
}

// Does the field ask for a national number? Its placeholder shows one without "+"
// ("(000) 000-0000", "07700 900123"), or its maxlength has room for the national form only.
bool WantsNational(const FieldShape& shape, const Secret& tel, const PhoneParts& parts) {
  if (shape.type == "number") return true;  // a number box takes digits only, never a "+"
  if (shape.placeholder.find('+') != std::string::npos) return false;
  size_t digits = 0;
  for (char ch : shape.placeholder) digits += IsAsciiDigit(ch) || ch == '#' || ch == '_';
  if (digits >= 6) return true;
  const size_t national = TrunkPrefix(parts.country_code).size() + parts.national.size();
  return shape.maxlength >= 0 && tel.size() > static_cast<size_t>(shape.maxlength) &&
         national <= static_cast<size_t>(shape.maxlength);
}

Derived Phone(Context& c) {
  if (c.token.contact == "fax" || c.token.contact == "pager") return Nothing();
  PIMS_ASSIGN_OR_RETURN(std::optional<Secret> tel, AddressOrPerson(c, "tel"));
  if (!Present(tel)) return Nothing();

  const std::optional<PhoneParts> parts = SplitPhone(tel->reveal());
  if (c.field == "tel") {
    if (!parts || !WantsNational(c.shape, *tel, *parts)) return tel;
    Secret out;
    out.append(TrunkPrefix(parts->country_code));
    out.append(parts->national);
    return Some(std::move(out));
  }
  if (!parts) return Nothing();
  Secret out;
  if (c.field == "tel-country-code") {
    out.append("+");
    out.append(parts->country_code);
    return Some(std::move(out));
  }
  if (c.field == "tel-national") {
    out.append(TrunkPrefix(parts->country_code));
    out.append(parts->national);
    return Some(std::move(out));
  }
  // The remaining parts exist only in the North American Numbering Plan: NPA-NXX-XXXX.
  const std::string_view national = parts->national;
  if (parts->country_code != "1" || national.size() != 10) return Nothing();
  if (c.field == "tel-area-code") return Some(national.substr(0, 3));
  if (c.field == "tel-local") return Some(national.substr(3));
  if (c.field == "tel-local-prefix") return Some(national.substr(3, 3));
  if (c.field == "tel-local-suffix") return Some(national.substr(6));
  return Nothing();
}

// address-line1, -2, -3 from the stored lines.
Derived AddressLine(Context& c, size_t line) {
  PIMS_ASSIGN_OR_RETURN(std::optional<Secret> street,
                        c.source.Address(c.token.hint, "street-address"));
  if (!Present(street)) return Nothing();
  std::string_view rest = street->reveal();
  for (size_t i = 1; i < line; ++i) {
    const size_t end = rest.find('\n');
    if (end == std::string_view::npos) return Nothing();
    rest.remove_prefix(end + 1);
  }
  if (line < 3) return Some(rest.substr(0, rest.find('\n')));
  Secret joined;  // line 3 and every line after it
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    const std::string_view part = rest.substr(0, end);
    if (!part.empty()) {
      if (!joined.empty()) joined.append(", ");
      joined.append(part);
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return Some(std::move(joined));
}

// The street address for a one-line box: its lines joined by ", ".
Derived OneLineStreet(Context& c) {
  PIMS_ASSIGN_OR_RETURN(std::optional<Secret> street,
                        c.source.Address(c.token.hint, "street-address"));
  if (!Present(street)) return Nothing();
  Secret joined;
  std::string_view rest = street->reveal();
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    if (!joined.empty()) joined.append(", ");
    joined.append(rest.substr(0, end));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return Some(std::move(joined));
}

Derived CountryNameOf(Context& c) {
  PIMS_ASSIGN_OR_RETURN(std::optional<Secret> code, c.source.Address(c.token.hint, "country"));
  if (!Present(code)) return Nothing();
  const std::optional<std::string_view> name = CountryName(code->reveal());
  return name ? Some(*name) : Nothing();
}

Derived CardName(Context& c, NamePart part) {
  PIMS_ASSIGN_OR_RETURN(std::optional<Secret> holder, c.source.Card("cc-name"));
  if (!Present(holder)) return Nothing();
  const std::string_view name = TrimSpaces(holder->reveal());
  const size_t space = name.rfind(' ');
  if (space == std::string_view::npos) return part == NamePart::kGiven ? Some(name) : Nothing();
  return part == NamePart::kGiven ? Some(TrimSpaces(name.substr(0, space)))
                                  : Some(name.substr(space + 1));
}

struct ExpiryFormat {
  std::string separator;  // "/", " / ", "-", ""
  int year_digits;        // 2 or 4
};

bool IsYearLetter(char ch) {
  const char l = AsciiLower(ch);
  return l == 'y' || l == 'a' || l == 'j';
}

// "MM/YY", "MM / YYYY", "mm-aa", "MMJJ" inside a text.
std::optional<ExpiryFormat> FindExpiryFormat(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (AsciiLower(text[i]) != 'm') continue;
    if (i > 0 && std::isalpha(static_cast<unsigned char>(text[i - 1]))) continue;
    size_t k = i;
    while (k < text.size() && AsciiLower(text[k]) == 'm') ++k;
    if (k - i > 2) continue;
    const size_t sep_start = k;
    while (k < text.size() &&
           (text[k] == ' ' || text[k] == '/' || text[k] == '-' || text[k] == '.')) {
      ++k;
    }
    const std::string separator(text.substr(sep_start, k - sep_start));
    if (separator.size() > 3) continue;
    const size_t year_start = k;
    while (k < text.size() && IsYearLetter(text[k]) &&
           AsciiLower(text[k]) == AsciiLower(text[year_start])) {
      ++k;
    }
    const size_t digits = k - year_start;
    if (digits != 2 && digits != 4) continue;
    if (k < text.size() && std::isalpha(static_cast<unsigned char>(text[k]))) continue;
    if (!separator.empty() && TrimSpaces(separator).empty()) continue;  // "MM YY": not a format
    return ExpiryFormat{separator, static_cast<int>(digits)};
  }
  return std::nullopt;
}

std::optional<ExpiryFormat> ExpiryFormatOf(const FieldShape& shape) {
  if (auto format = FindExpiryFormat(shape.placeholder)) return format;
  return FindExpiryFormat(shape.label);
}

Derived Expiry(Context& c) {
  PIMS_ASSIGN_OR_RETURN(std::optional<Secret> month, c.source.Card("cc-exp-month"));
  PIMS_ASSIGN_OR_RETURN(std::optional<Secret> year, c.source.Card("cc-exp-year"));
  const std::string_view m = month ? month->reveal() : std::string_view();
  const std::string_view y = year ? year->reveal() : std::string_view();
  // Stored forms are "1".."12" and four digits; anything else is not filled.
  if (m.empty() || m.size() > 2 || !AllAsciiDigits(m) || y.size() != 4 || !AllAsciiDigits(y)) {
    return Nothing();
  }
  const int maxlength = c.shape.maxlength;
  Secret out;
  if (c.field == "cc-exp-month") {
    if (maxlength == 1) {
      AppendNumber(out, m);
    } else {
      AppendTwoDigits(out, m);
    }
    return Some(std::move(out));
  }
  if (c.field == "cc-exp-year") {
    const std::string_view placeholder = TrimSpaces(c.shape.placeholder);
    const bool two =
        maxlength == 2 || (placeholder.size() == 2 && ContainsIgnoringAsciiCase(placeholder, "yy"));
    out.append(two ? y.substr(2) : y);
    return Some(std::move(out));
  }
  // cc-exp
  if (c.shape.type == "month") {  // <input type=month> takes "YYYY-MM"
    out.append(y);
    out.append("-");
    AppendTwoDigits(out, m);
    return Some(std::move(out));
  }
  if (const std::optional<ExpiryFormat> format = ExpiryFormatOf(c.shape)) {
    const size_t length = 2 + format->separator.size() + format->year_digits;
    if (maxlength < 0 || length <= static_cast<size_t>(maxlength)) {
      AppendTwoDigits(out, m);
      out.append(format->separator);
      out.append(format->year_digits == 4 ? y : y.substr(2));
      return Some(std::move(out));
    }
  }
  AppendTwoDigits(out, m);
  if (maxlength == 4) {
    out.append(y.substr(2));
    return Some(std::move(out));
  }
  const bool room_for_long = maxlength < 0 || maxlength >= 7;
  const bool long_year =
      room_for_long && (maxlength >= 7 || ContainsIgnoringAsciiCase(c.shape.placeholder, "yyyy"));
  out.append("/");
  out.append(long_year ? y : y.substr(2));
  return Some(std::move(out));
}

// The first `digits` digits of a card number as a number, or -1 when it is shorter.
int Prefix(std::string_view number, size_t digits) {
  if (number.size() < digits) return -1;
  int value = 0;
  for (size_t i = 0; i < digits; ++i) value = value * 10 + (number[i] - '0');
  return value;
}

// Issuer identification number ranges of the brands shops ask about. More specific ranges come
// first (Discover's 622126-622925 inside UnionPay's 62, Mir's 2200-2204 before Mastercard).
std::optional<std::string_view> CardBrand(std::string_view number) {
  if (!AllAsciiDigits(number)) return std::nullopt;
  const int p1 = Prefix(number, 1), p2 = Prefix(number, 2), p3 = Prefix(number, 3),
            p4 = Prefix(number, 4), p6 = Prefix(number, 6);
  if (p4 >= 2200 && p4 <= 2204) return "Mir";
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return "Mastercard";
  if (p2 == 34 || p2 == 37) return "American Express";
  if (p4 >= 3528 && p4 <= 3589) return "JCB";
  if ((p3 >= 300 && p3 <= 305) || p3 == 309 || p2 == 36 || p2 == 38 || p2 == 39) {
    return "Diners Club";
  }
  if (p4 == 6011 || (p6 >= 622126 && p6 <= 622925) || (p3 >= 644 && p3 <= 649) || p2 == 65) {
    return "Discover";
  }
  if (p2 == 62 || p2 == 81) return "UnionPay";
  if (p2 == 50 || (p2 >= 56 && p2 <= 58) || p4 == 6304 || p4 == 6759 ||
      (p4 >= 6761 && p4 <= 6763) || p3 == 639) {
    return "Maestro";
  }
  if (p1 == 4) return "Visa";
  return std::nullopt;
}

Derived CardType(Context& c) {
  PIMS_ASSIGN_OR_RETURN(std::optional<Secret> number, c.source.Card("cc-number"));
  if (!Present(number)) return Nothing();
  const std::optional<std::string_view> brand = CardBrand(number->reveal());
  return brand ? Some(*brand) : Nothing();
}

Derived Birthday(Context& c) {
  PIMS_ASSIGN_OR_RETURN(std::optional<Secret> bday, c.source.Person("bday"));
  if (!Present(bday)) return Nothing();
  if (c.field == "bday") return bday;
  const std::string_view date = bday->reveal();  // YYYY-MM-DD
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return Nothing();
  const std::string_view part = c.field == "bday-year"    ? date.substr(0, 4)
                                : c.field == "bday-month" ? date.substr(5, 2)
                                                          : date.substr(8, 2);
  if (!AllAsciiDigits(part)) return Nothing();
  Secret out;
  AppendNumber(out, part);
  return Some(std::move(out));
}

// The derivation the vocabulary names for the field.
Derived Derive(Context& c, Derivation derivation) {
  const std::string_view f = c.field;
  switch (derivation) {
    case Derivation::kNone:  // honorifics, nickname, address-level4, ...: not stored
      return Nothing();
    case Derivation::kFullName:
      return Name(c);
    case Derivation::kGivenName:
      return NameComponent(c, NamePart::kGiven);
    case Derivation::kAdditionalName:
      return NameComponent(c, NamePart::kAdditional);
    case Derivation::kFamilyName:
      return NameComponent(c, NamePart::kFamily);
    case Derivation::kAddressOrPerson:
      return AddressOrPerson(c, f);
    case Derivation::kPhone:
      return Phone(c);
    case Derivation::kStreetAddress:
      if (!c.shape.type.empty() && c.shape.type != "textarea") return OneLineStreet(c);
      return c.source.Address(c.token.hint, f);
    case Derivation::kAddressLine:
      return AddressLine(c, f == "address-line1" ? 1 : f == "address-line2" ? 2 : 3);
    case Derivation::kAddressField:
      return c.source.Address(c.token.hint, f);
    case Derivation::kCountryName:
      return CountryNameOf(c);
    case Derivation::kCardField:
      return c.source.Card(f);
    case Derivation::kCardGivenName:
      return CardName(c, NamePart::kGiven);
    case Derivation::kCardFamilyName:
      return CardName(c, NamePart::kFamily);
    case Derivation::kCardExpiry:
      return Expiry(c);
    case Derivation::kCardType:
      return CardType(c);
    case Derivation::kBirthday:
      return Birthday(c);
  }
  return Nothing();
}

Derived Lookup(const FieldMap& fields, std::string_view field) {
  const auto it = fields.find(field);
  if (it == fields.end() || it->second.empty()) return Nothing();
  return std::optional<Secret>(it->second);
}

}  // namespace

Result<std::optional<Secret>> DeriveValue(ProfileSource& source, const AutofillToken& token,
                                          const FieldShape& shape) {
  const AutofillField* entry = FindAutofillField(token.field);
  if (entry == nullptr || !entry->category) return Nothing();  // username, passwords, ...
  Context context{source, token, shape, entry->name};
  Derived value = Derive(context, entry->derivation);
  if (!value.ok()) return value;
  // Nothing is ever filled as "": the page keeps what it had.
  if (value->has_value() && (*value)->empty()) return Nothing();
  return value;
}

Result<std::optional<Secret>> InMemoryProfileSource::Person(std::string_view field) {
  return Lookup(profile_->person, field);
}

Result<std::optional<Secret>> InMemoryProfileSource::Address(AddressHint which,
                                                             std::string_view field) {
  const bool billing = which == AddressHint::kBilling;
  const Record* address = billing ? billing_ : shipping_;
  if (address == nullptr) {
    address = DefaultRecord(profile_->addresses,
                            billing ? profile_->default_billing : profile_->default_shipping);
  }
  return address == nullptr ? Nothing() : Lookup(address->fields, field);
}

Result<std::optional<Secret>> InMemoryProfileSource::Card(std::string_view field) {
  const Record* card = card_ != nullptr ? card_ : DefaultRecord(profile_->cards, profile_->default_card);
  return card == nullptr ? Nothing() : Lookup(card->fields, field);
}

}  // namespace pims
