// Included by every hostile test page (and frame). It plays the hostile page's part: it reads
// every form control's value, as any page script can, and sends whatever it sees to the test
// server (POST /__report on its own origin), as an exfiltrating page would. The test then
// asserts on what reached the server: a value counts as having reached the page as soon as a
// script of the page could read it.
//
// Reports: {visit, origin, path, frame (the ?frame= of a frame's URL), top, source, ...}:
// source 'loaded' once; 'input' and 'change'
// from event listeners; 'poll' when a control's value changes (checked every 100 ms, so values
// written without events count too); 'message' for every message event and 'event' for the
// page's own CustomEvents (window.__hostile.listen).
(() => {
  const visit = new URLSearchParams(location.search).get('visit') ?? '';
  const send = (entry) => {
    const body = JSON.stringify({
      visit,
      origin: location.origin,
      path: location.pathname,
      frame: new URLSearchParams(location.search).get('frame') ?? '',
      top: window === window.top,
      ...entry,
    });
    fetch('/__report', { method: 'POST', body, keepalive: true }).catch(() => undefined);
  };
  const text = (data) => {
    try {
      return typeof data === 'string' ? data : JSON.stringify(data);
    } catch {
      return String(data);
    }
  };
  const controls = () => [...document.querySelectorAll('input, select, textarea')];
  const last = new Map();
  const look = (el, source) => {
    if (!(el instanceof Element) || !el.matches('input, select, textarea')) return;
    const id = el.id || el.name;
    const value = el.value;
    if (source === 'poll' && last.get(id) === value) return;
    if (source === 'poll' && !last.has(id) && value === '') {
      last.set(id, value);
      return;
    }
    last.set(id, value);
    send({ source, id, value });
  };
  document.addEventListener('input', (e) => look(e.target, 'input'), true);
  document.addEventListener('change', (e) => look(e.target, 'change'), true);
  setInterval(() => controls().forEach((el) => look(el, 'poll')), 100);
  window.addEventListener('message', (e) =>
    send({ source: 'message', from: e.origin, data: text(e.data) }),
  );
  window.__hostile = {
    visit,
    send,
    text,
    // Reports every CustomEvent of these types, on window and document.
    listen(types) {
      for (const type of types) {
        for (const target of [window, document]) {
          target.addEventListener(type, (e) =>
            send({ source: 'event', type, data: text(e.detail) }),
          );
        }
      }
    },
    // Calls fn once the control with this id has a value (a first fill happened).
    whenFilled(id, fn) {
      const timer = setInterval(() => {
        if (document.getElementById(id)?.value) {
          clearInterval(timer);
          fn();
        }
      }, 50);
    },
    // Adds an iframe of src with this page's visit.
    frame(parent, src, attrs = {}) {
      const frame = document.createElement('iframe');
      frame.src = `${src}${src.includes('?') ? '&' : '?'}visit=${encodeURIComponent(visit)}`;
      for (const [k, v] of Object.entries(attrs)) frame.setAttribute(k, v);
      parent.append(frame);
      return frame;
    },
  };
  send({ source: 'loaded' });
})();
