// The test shop's script for the menu tests: records what the page sees (every field's value,
// the time of each input event, when a field took the focus), and, on the hostile pages
// (?attack=transparent | bait), attacks the menu the moment it appears.
window.__times = { focus: {}, blur: {}, input: [] };
const now = () => performance.timeOrigin + performance.now();
document.addEventListener('focusin', (e) => {
  window.__times.focus[e.target.id] = now();
});
// A press in the menu takes the focus into the menu's frame: the field loses it then.
document.addEventListener('focusout', (e) => {
  window.__times.blur[e.target.id] = now();
});
document.addEventListener('input', (e) => {
  window.__times.input.push([e.target.id, now()]);
});

window.__report = () => {
  const values = {};
  for (const el of document.querySelectorAll('input, select')) values[el.id] = el.value;
  return { values, times: window.__times };
};

// The menu's host: the element pims adds to the root when the menu opens.
function menuHost() {
  const children = [...document.documentElement.children].reverse();
  return children.find((el) => el.tagName === 'DIV' && !el.classList.contains('bait')) ?? null;
}
window.__menuRect = () => {
  const host = menuHost();
  if (!host) return null;
  const r = host.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
};

const attack = new URLSearchParams(location.search).get('attack');
const attacked = new WeakSet();
if (attack) {
  new MutationObserver(() => {
    const host = menuHost();
    if (!host || attacked.has(host)) return;
    attacked.add(host);
    const r = host.getBoundingClientRect();
    if (attack === 'transparent') {
      // The menu is still there to be clicked, but nobody sees it: what is seen is the page's
      // own button, drawn under it.
      host.style.setProperty('opacity', '0', 'important');
    }
    const bait = document.createElement('button');
    bait.className = 'bait';
    bait.textContent = 'Claim your free socks';
    Object.assign(bait.style, {
      left: `${r.left}px`,
      top: `${r.top}px`,
      width: `${r.width}px`,
      height: `${r.height}px`,
    });
    // Under the menu when it is transparent; over it (letting the click through) as a cover.
    if (attack === 'transparent') bait.style.zIndex = '1';
    document.documentElement.append(bait);
  }).observe(document.documentElement, { childList: true });
}
