// citypanel embed module: `mount(element, config) → handle` and the custom elements
// <city-services> and <city-service>. No Rust on the host side: this module loads the
// citypanel SDK build (../sdk/citypanel-app.js + ../sdk/citypanel-app_bg.wasm: the components
// without the demo gallery) and its styles.
//
// A trap is contained: if the wasm module traps (a Rust panic is an `unreachable`), every panel
// it renders is replaced by a plain "service unavailable" with a retry button (rendered here,
// in JavaScript — the module is dead), each panel's element gets a `citypanel-error` event, and
// the host page keeps working. Retrying loads a fresh instance of the module.
import init, { mount as wasmMount, forgetTyped as wasmForgetTyped, onTrap } from '../sdk/citypanel-app.js';

const BASE = new URL('..', import.meta.url);
const WASM = new URL('sdk/citypanel-app_bg.wasm', BASE);
// The SDK module beside its wasm; a fresh instance after a trap imports it again under a new URL.
const APP = WASM.href.replace(/_bg\.wasm$/, '.js');
const STYLES = ['tokens.css', 'panel.css', 'form.css', 'results.css', 'widgets.css'];

function injectStyles() {
  for (const name of STYLES) {
    if (document.querySelector(`link[data-citypanel-style="${name}"]`)) continue;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(name, BASE).href;
    link.dataset.citypanelStyle = name;
    document.head.append(link);
  }
}

// What a panel shows once the module is dead. Rendered by this file, not by the wasm (which can
// no longer run), so it has its own small table, keyed by the panel's locale; the words are the
// SDK catalog's `Unavailable` and `Retry` (components/src/i18n/).
const TRAP_TEXT = {
  'zh-CN': { title: '服务暂不可用', detail: '此服务出错停止了，页面的其他部分不受影响。', retry: '重试' },
  en: { title: 'Service unavailable', detail: 'This service stopped after an error; the rest of the page is not affected.', retry: 'Try again' },
};

/** Whether `error` is a wasm trap (not a config Error the SDK throws on purpose). */
function isTrap(error) {
  return error instanceof WebAssembly.RuntimeError;
}

/** The current instance of the module: `{ ready, api, dead, panels }`. */
let current = null;
let generation = 0;

/** The live instance, loading a fresh one when there is none or the last one trapped. */
function instance() {
  if (current && !current.dead) return current;
  generation += 1;
  const inst = { dead: false, panels: new Set(), api: null };
  const api = generation === 1
    ? Promise.resolve({ init, mount: wasmMount, forgetTyped: wasmForgetTyped, onTrap })
    : import(`${APP}?instance=${generation}`).then((m) => ({ init: m.default, mount: m.mount, forgetTyped: m.forgetTyped, onTrap: m.onTrap }));
  inst.ready = api.then(async (a) => {
    const exports = await a.init({ module_or_path: WASM });
    a.onTrap((message) => trapped(inst, message));
    inst.api = a;
    return exports;
  });
  current = inst;
  watchTraps();
  return inst;
}

let watching = false;

/** Traps that are no panic (out of memory, stack overflow) reach the page as uncaught errors. */
function watchTraps() {
  if (watching) return;
  watching = true;
  const seen = (error) => {
    if (isTrap(error) && current && !current.dead && String(error.stack ?? '').includes(APP)) {
      trapped(current, String(error.message));
    }
  };
  window.addEventListener('error', (e) => seen(e.error));
  window.addEventListener('unhandledrejection', (e) => seen(e.reason));
}

/** Called as `inst` traps (from its panic hook: nothing here may call into it). */
function trapped(inst, message) {
  if (inst.dead) return;
  inst.dead = true;
  queueMicrotask(() => contain(inst, message));
}

/** Every panel of the dead `inst` shows "service unavailable" and tells its host. */
function contain(inst, message) {
  const panels = [...inst.panels];
  inst.panels.clear();
  for (const panel of panels) fail(panel, message);
}

/** `panel` (its instance dead) shows "service unavailable" with a retry; an event says why. */
function fail(panel, message) {
  if (panel.gone) return;
  const root = panel.element.querySelector(':scope > .cp-root:not([data-cp-trap])');
  panel.trapped = true;
  // Best effort: let the dead instance drop the panel's listeners and timers (it may trap again).
  try {
    panel.inner?.unmount();
  } catch {
    /* the instance is dead */
  }
  panel.inner = null;
  showUnavailable(panel, root);
  const detail = { code: 'trap', message: `citypanel: the SDK stopped: ${message}`, retry: () => retry(panel) };
  panel.element.dispatchEvent(new CustomEvent('citypanel-error', { bubbles: true, composed: true, detail }));
}

function showUnavailable(panel, root) {
  const fallback = document.createElement('div');
  fallback.className = 'cp-root';
  fallback.dataset.cpTrap = '';
  // The panel's theme: custom properties (through the CSSOM) and its data attributes.
  fallback.style.cssText = root?.style.cssText ?? '';
  fallback.dataset.cpTheme = root?.dataset.cpTheme ?? (panel.config.theme?.dark ? 'dark' : 'light');
  fallback.dataset.cpMode = root?.dataset.cpMode ?? (panel.config.theme?.elder ? 'elder' : 'standard');
  const section = document.createElement('section');
  section.className = 'cp-panel';
  section.dataset.state = 'unavailable';
  section.setAttribute('role', 'alert');
  const title = document.createElement('h2');
  title.className = 'cp-panel__title';
  const detail = document.createElement('p');
  detail.className = 'cp-panel__summary';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'cp-button cp-button--primary cp-trap__retry';
  button.addEventListener('click', () => retry(panel));
  section.append(title, detail, button);
  fallback.append(section);
  root?.remove();
  panel.fallback?.remove();
  panel.fallback = fallback;
  panel.element.append(fallback);
  translate(panel);
}

/** Writes the fallback's words in the panel's locale. */
function translate(panel) {
  const f = panel.fallback;
  if (!f) return;
  const locale = panel.config.locale === 'en' ? 'en' : 'zh-CN';
  const t = TRAP_TEXT[locale];
  f.lang = locale;
  f.querySelector('.cp-panel__title').textContent = t.title;
  f.querySelector('.cp-panel__summary').textContent = t.detail;
  f.querySelector('.cp-trap__retry').textContent = t.retry;
}

/** Mounts `panel` again on a fresh instance of the module. */
async function retry(panel) {
  if (panel.gone || !panel.trapped || panel.retrying) return;
  panel.retrying = true;
  const button = panel.fallback?.querySelector('.cp-trap__retry');
  if (button) button.disabled = true;
  try {
    const inst = instance();
    await inst.ready;
    if (panel.gone || !panel.trapped) return;
    panel.fallback?.remove();
    panel.fallback = null;
    panel.trapped = false;
    attach(panel, inst, prefetch(panel.config));
  } catch (err) {
    console.error('citypanel: retry failed:', err);
    if (button) button.disabled = false;
  } finally {
    panel.retrying = false;
  }
}

/**
 * Mounts `panel` on `inst` (loaded). A config Error is thrown; a trap leaves the panel showing
 * "service unavailable".
 */
function attach(panel, inst, early) {
  if (inst.dead) {
    fail(panel, 'it had stopped before this panel was mounted');
    return;
  }
  let inner;
  try {
    inner = inst.api.mount(panel.element, panel.config, early);
  } catch (err) {
    if (!isTrap(err)) throw err;
    trapped(inst, String(err.message));
    fail(panel, String(err.message));
    return;
  }
  panel.inner = inner;
  inst.panels.add(panel);
}

/** Calls `fn()` on a live panel's instance; a trap there is contained and answers `fallback`. */
function guarded(panel, fn, fallback) {
  if (panel.gone || panel.trapped || !panel.inner) return fallback;
  try {
    return fn(panel.inner);
  } catch (err) {
    if (!isTrap(err)) throw err;
    if (current && !current.dead) trapped(current, String(err.message));
    return fallback;
  }
}

/** The host's handle on one panel, the same object across a trap and its retry. */
function track(element, config) {
  const panel = { element, config: { ...config }, inner: null, trapped: false, gone: false, fallback: null };
  panel.handle = {
    unmount() {
      if (panel.gone) return;
      guarded(panel, (inner) => inner.unmount(), undefined);
      panel.gone = true;
      panel.inner = null;
      panel.fallback?.remove();
      panel.fallback = null;
      current?.panels.delete(panel);
    },
    get mounted() {
      return !panel.gone && (panel.trapped || guarded(panel, (inner) => inner.mounted, false));
    },
    setLocale(locale) {
      if (panel.trapped && !panel.gone) {
        if (locale !== 'zh-CN' && locale !== 'en') throw new Error(`citypanel: locale must be \`zh-CN\` or \`en\`, got \`${locale}\``);
        panel.config.locale = locale;
        translate(panel);
        return;
      }
      guarded(panel, (inner) => inner.setLocale(locale), undefined);
      panel.config.locale = locale;
    },
    notify(notice) {
      return guarded(panel, (inner) => inner.notify(notice), false);
    },
    back() {
      return guarded(panel, (inner) => inner.back(), 'root');
    },
    setHidden(hidden) {
      guarded(panel, (inner) => inner.setHidden(Boolean(hidden)), undefined);
    },
  };
  return panel;
}

/**
 * The platform URL of a service's city-resolved descriptor, exactly as the panel builds it
 * (`config.platform` without trailing slashes + `/api/v1/cities/<city>/services/<service>`), or
 * null when `config` does not name one well-formed service.
 */
function descriptorUrl(config) {
  const text = (v) => (v == null ? '' : String(v).trim());
  const city = text(config?.city);
  const service = text(config?.service);
  if (!/^\d{6}$/.test(city) || !/^[a-z0-9-]{1,64}$/.test(service)) return null;
  return `${text(config.platform).replace(/\/+$/, '')}/api/v1/cities/${city}/services/${service}`;
}

/**
 * Starts fetching the descriptor `config` names, in parallel with the wasm download and
 * compile: `{ url, response }`, `response` a promise (never rejected) of `{ status, body }` or
 * `{ error }`, handed to the wasm `mount`, which uses it instead of fetching again (and shows
 * "service unavailable" with the diagnostic in the console when it failed, as it would have).
 */
function prefetch(config) {
  const url = descriptorUrl(config);
  if (!url) return undefined;
  const response = fetch(url, { headers: { accept: 'application/json' } }).then(
    async (r) => ({ status: r.status, body: await r.text() }),
    (e) => ({ error: String(e?.message ?? e) }),
  ).catch((e) => ({ error: String(e?.message ?? e) }));
  return { url, response };
}

/** Loads the wasm and the styles once (again after a trap); every mount awaits it. */
export function load() {
  injectStyles();
  return instance().ready;
}

/**
 * Mounts a panel into `element`. Rejects with an Error whose message names the bad key and
 * value when `config` is wrong.
 * @param {Element} element
 * @param {import('./citypanel').CitypanelConfig} config
 * @returns {Promise<import('./citypanel').MountHandle>}
 */
export async function mount(element, config) {
  const early = prefetch(config);
  await load();
  return mountOn(current, element, config, early);
}

function mountOn(inst, element, config, early) {
  const panel = track(element, config);
  attach(panel, inst, early);
  return panel.handle;
}

/**
 * Forgets what citizens typed into forms on this page (kept in memory so that a form left and
 * opened again shows it). Call it when your user signs out without a page reload.
 * @returns {Promise<void>}
 */
export async function forgetTyped() {
  const inst = current;
  if (!inst) return;
  await inst.ready;
  if (inst.dead) return; // a dead instance's memory is gone with it
  try {
    inst.api.forgetTyped();
  } catch (err) {
    if (!isTrap(err)) throw err;
    trapped(inst, String(err.message));
  }
}

/** Mounts synchronously; only after `await load()`. */
export function mountNow(element, config) {
  if (!current?.api || current.dead) {
    throw new Error('citypanel: `mountNow` needs the SDK loaded: `await load()` first');
  }
  return mountOn(current, element, config, undefined);
}

const THEMES = { dark: { dark: true }, elder: { elder: true } };

class CityPanelElement extends HTMLElement {
  static observedAttributes = ['city', 'locale', 'service', 'view', 'platform', 'theme', 'link'];
  #handle = null;
  #queued = false;
  #bridge = undefined;
  #theme = undefined;

  connectedCallback() {
    this.#schedule();
  }
  disconnectedCallback() {
    this.#handle?.unmount();
    this.#handle = null;
  }
  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'locale' && this.#handle && (value === 'zh-CN' || value === 'en')) {
      this.#handle.setLocale(value);
      return;
    }
    this.#schedule();
  }

  /** The host bridge (a JS object, see citypanel.d.ts); setting it re-renders. */
  get bridge() { return this.#bridge; }
  set bridge(b) { this.#bridge = b; this.#schedule(); }
  /** A theme object; overrides the `theme` attribute (`dark`, `elder`, `dark elder`). */
  get theme() { return this.#theme; }
  set theme(t) { this.#theme = t; this.#schedule(); }

  /**
   * Tells the panel something changed at the host's end (`{ topic, key, message? }`). A panel
   * showing that key's result under that topic refreshes it and announces `message`; returns
   * whether one did (false before the panel has rendered). Throws on a malformed notice.
   */
  notify(notice) { return this.#handle ? this.#handle.notify(notice) : false; }
  /** One step back inside the panel: `'stepped'`, `'root'` (the host may leave) or `'refused'`. */
  back() { return this.#handle ? this.#handle.back() : 'root'; }
  /** The host's page is hidden (`true`) or shown again (`false`); see `MountHandle.setHidden`. */
  setHidden(hidden) { this.#handle?.setHidden(hidden); }
  get link() { return this.getAttribute('link'); }
  set link(v) { if (v == null) this.removeAttribute('link'); else this.setAttribute('link', v); }

  get city() { return this.getAttribute('city'); }
  set city(v) { this.setAttribute('city', v); }
  get locale() { return this.getAttribute('locale'); }
  set locale(v) { this.setAttribute('locale', v); }
  get service() { return this.getAttribute('service'); }
  set service(v) { if (v == null) this.removeAttribute('service'); else this.setAttribute('service', v); }

  config() {
    const theme = this.#theme ?? Object.assign({}, ...(this.getAttribute('theme') ?? '').split(/\s+/).filter(Boolean).map((k) => THEMES[k] ?? { [k]: true }));
    const config = { city: this.getAttribute('city') ?? '', locale: this.getAttribute('locale') ?? 'zh-CN', theme };
    const service = this.localName === 'city-service' ? this.getAttribute('service') ?? '' : null;
    if (this.hasAttribute('link')) {
      config.link = this.getAttribute('link');
      if (!this.getAttribute('city')) delete config.city;
    } else if (service !== null) config.service = service;
    else if (this.hasAttribute('view')) config.view = this.getAttribute('view');
    if (this.hasAttribute('platform')) config.platform = this.getAttribute('platform');
    if (this.#bridge) config.bridge = this.#bridge;
    return config;
  }

  #schedule() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(async () => {
      const early = this.isConnected ? prefetch(this.config()) : undefined;
      try {
        await load();
      } finally {
        this.#queued = false;
      }
      if (this.isConnected) this.#render(early);
    });
  }

  #render(early) {
    this.#handle?.unmount();
    this.#handle = null;
    this.querySelector(':scope > .cp-embed-error')?.remove();
    try {
      if (this.localName === 'city-service' && !this.getAttribute('service') && !this.hasAttribute('link')) {
        throw new Error('citypanel: <city-service> needs a `service` attribute such as `traffic-violations`');
      }
      this.#handle = mountOn(current, this, this.config(), early);
      this.removeAttribute('data-error');
    } catch (err) {
      const message = err?.message ?? String(err);
      this.setAttribute('data-error', message);
      const p = document.createElement('p');
      p.className = 'cp-embed-error';
      p.setAttribute('role', 'alert');
      p.textContent = message;
      this.append(p);
      console.error(message);
    }
  }
}

if (!customElements.get('city-services')) {
  customElements.define('city-services', class extends CityPanelElement {});
  customElements.define('city-service', class extends CityPanelElement {});
}
