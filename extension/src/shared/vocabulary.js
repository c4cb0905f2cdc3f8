// Generated from host/src/vocabulary/autofill_fields.json by tools/vocabulary.mjs (the build
// runs it). Do not edit: change the table.

// The consent categories, in the host's order.
export const CATEGORY_IDS = Object.freeze(["name","email","phone","shipping_address","billing_address","card","card_csc","organization","birthday"]);
// The autofill field names each category covers (billing_address: under a billing hint).
export const CATEGORY_FIELDS = Object.freeze({
  name: Object.freeze(["name","honorific-prefix","given-name","additional-name","family-name","honorific-suffix","nickname"]),
  email: Object.freeze(["email"]),
  phone: Object.freeze(["tel","tel-country-code","tel-national","tel-area-code","tel-local","tel-local-prefix","tel-local-suffix","tel-extension"]),
  shipping_address: Object.freeze(["street-address","address-line1","address-line2","address-line3","address-level4","address-level3","address-level2","address-level1","postal-code","country","country-name"]),
  billing_address: Object.freeze(["street-address","address-line1","address-line2","address-line3","address-level4","address-level3","address-level2","address-level1","postal-code","country","country-name"]),
  card: Object.freeze(["cc-name","cc-given-name","cc-additional-name","cc-family-name","cc-number","cc-exp","cc-exp-month","cc-exp-year","cc-type"]),
  card_csc: Object.freeze(["cc-csc"]),
  organization: Object.freeze(["organization"]),
  birthday: Object.freeze(["bday","bday-day","bday-month","bday-year"]),
});
// Every autofill field name of the standard, filled by pims or not.
export const AUTOFILL_FIELDS = Object.freeze(["name","honorific-prefix","given-name","additional-name","family-name","honorific-suffix","nickname","email","tel","tel-country-code","tel-national","tel-area-code","tel-local","tel-local-prefix","tel-local-suffix","tel-extension","street-address","address-line1","address-line2","address-line3","address-level4","address-level3","address-level2","address-level1","postal-code","country","country-name","cc-name","cc-given-name","cc-additional-name","cc-family-name","cc-number","cc-exp","cc-exp-month","cc-exp-year","cc-type","cc-csc","organization","bday","bday-day","bday-month","bday-year","username","new-password","current-password","one-time-code","organization-title","transaction-currency","transaction-amount","language","sex","url","photo","impp"]);
// Fields filled only on a shopper's gesture unless the site has auto_card.
export const GESTURE_FIELDS = Object.freeze(["cc-number","cc-csc"]);
// The keys each profile record stores, in order, each with its validation rule.
export const RECORD_FIELDS = Object.freeze({
  person: Object.freeze([["given-name","text"],["additional-name","text"],["family-name","text"],["email","email"],["tel","tel"],["bday","date"],["organization","text"]]),
  address: Object.freeze([["label","text"],["name","text"],["organization","text"],["street-address","multiline"],["address-level3","text"],["address-level2","text"],["address-level1","text"],["postal-code","text"],["country","country"],["tel","tel"],["email","email"]]),
  card: Object.freeze([["label","text"],["cc-name","text"],["cc-number","card_number"],["cc-exp-month","month"],["cc-exp-year","year"],["cc-csc","csc"]]),
});
