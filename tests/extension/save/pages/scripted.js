// Sets the address by script, as a page's "address lookup" would, with the events a framework
// listens for (untrusted), then submits the form itself (requestSubmit fires a submit event).
const form = document.getElementById('checkout');
const set = (id, value) => {
  const el = document.getElementById(id);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
};
document.getElementById('coupon').addEventListener('change', () => {
  set('name', 'Script Kiddie');
  set('street', '99 Junk Lane');
  set('city', 'Nowhere');
  set('postcode', '00000');
  setTimeout(() => form.requestSubmit(), 200);
});
