// The test shop's page script: behaves like a framework (listens for input/change events and
// records what it saw), shows a second checkout step later, adds a field late, and clears one
// filled field as a shopper would, to check pims does not fill it again on its own.
window.__seen = {};
window.__events = [];
// Page ready -> first field filled, the figure a shopper feels (reported by the e2e run).
document.addEventListener('DOMContentLoaded', () => {
  window.__readyAt = performance.now();
});
document.addEventListener('input', (e) => {
  if (window.__filledAt === undefined) window.__filledAt = performance.now();
  window.__seen[e.target.id] = e.target.value;
  window.__events.push(`input:${e.target.id}`);
});
document.addEventListener('change', (e) => window.__events.push(`change:${e.target.id}`));

setTimeout(() => {
  document.getElementById('step2').classList.remove('later');
}, 1000);

setTimeout(() => {
  const input = document.createElement('input');
  input.id = 'late-postcode';
  input.setAttribute('autocomplete', 'shipping postal-code');
  const label = document.createElement('label');
  label.htmlFor = 'late-postcode';
  label.textContent = 'Postcode again';
  document.getElementById('late').append(label, input);
}, 1500);

// Once the first name was filled, the shopper clears it; then the page changes again.
const clearer = setInterval(() => {
  const given = document.getElementById('given');
  if (given.value) {
    clearInterval(clearer);
    given.value = '';
    window.__cleared = true;
    document.getElementById('late').append(document.createElement('span'));
  }
}, 100);

// What the test reads back.
window.__report = () => {
  const values = {};
  for (const el of document.querySelectorAll('input, select, textarea')) values[el.id] = el.value;
  return {
    values,
    seen: window.__seen,
    events: window.__events,
    cleared: Boolean(window.__cleared),
    readyToFilledMs:
      window.__filledAt === undefined ? null : Math.round(window.__filledAt - window.__readyAt),
  };
};
