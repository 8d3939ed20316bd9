// Init script: counts live window/document listeners, timeouts and intervals, so a test can
// check that unmount() leaves none behind (window.__cpLive()).
export function instrumentTimersAndListeners() {
  // Playwright's injected script listens for these on window for its actionability checks.
  const PLAYWRIGHT = /^(__playwright|auxclick$|click$|contextmenu$|dblclick$|mouse|pointer|touch)/;
  const timeouts = new Set();
  const intervals = new Set();
  const key = (t, type, fn, opts) => [t === window ? 'window' : 'document', type, typeof opts === 'boolean' ? opts : Boolean(opts?.capture)];
  const origAdd = EventTarget.prototype.addEventListener;
  const origRemove = EventTarget.prototype.removeEventListener;
  const tracked = (t) => t === window || t === document;
  const entries = [];
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    if (tracked(this) && fn && !entries.some((e) => e.t === this && e.type === type && e.fn === fn)) entries.push({ t: this, type, fn, cap: key(this, type, fn, opts)[2] });
    return origAdd.call(this, type, fn, opts);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, opts) {
    const i = entries.findIndex((e) => e.t === this && e.type === type && e.fn === fn);
    if (i >= 0) entries.splice(i, 1);
    return origRemove.call(this, type, fn, opts);
  };
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci } = window;
  window.setTimeout = function (fn, ms, ...a) {
    const id = st.call(window, (...x) => { timeouts.delete(id); if (typeof fn === 'function') fn(...x); }, ms, ...a);
    timeouts.add(id);
    return id;
  };
  window.clearTimeout = (id) => { timeouts.delete(id); ct.call(window, id); };
  window.setInterval = function (fn, ms, ...a) { const id = si.call(window, fn, ms, ...a); intervals.add(id); return id; };
  window.clearInterval = (id) => { intervals.delete(id); ci.call(window, id); };
  Object.defineProperty(window, '__cpLive', {
    value: () => ({ listeners: entries.filter((e) => !PLAYWRIGHT.test(e.type)).map((e) => `${e.t === window ? 'window' : 'document'}:${e.type}`).sort(), timeouts: timeouts.size, intervals: intervals.size }),
  });
}
