// citypanel embed module: `mount(element, config) → handle` and the custom elements
// <city-services> and <city-service>. No Rust on the host side: this module loads the
// citypanel SDK build (../sdk/citypanel-app.js + ../sdk/citypanel-app_bg.wasm: the components
// without the demo gallery) and its styles.
import init, { mount as wasmMount, forgetTyped as wasmForgetTyped } from '../sdk/citypanel-app.js';

const BASE = new URL('..', import.meta.url);
const STYLES = ['tokens.css', 'panel.css', 'form.css', 'results.css', 'widgets.css'];
let ready;

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

/** Loads the wasm and the styles once; every mount awaits it. */
export function load() {
  if (!ready) {
    injectStyles();
    ready = init({ module_or_path: new URL('sdk/citypanel-app_bg.wasm', BASE) });
  }
  return ready;
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
  return wasmMount(element, config, early);
}

/**
 * Forgets what citizens typed into forms on this page (kept in memory so that a form left and
 * opened again shows it). Call it when your user signs out without a page reload.
 * @returns {Promise<void>}
 */
export async function forgetTyped() {
  if (!ready) return;
  await ready;
  wasmForgetTyped();
}

/** Mounts synchronously; only after `await load()`. */
export function mountNow(element, config) {
  return wasmMount(element, config);
}

const THEMES = { dark: { dark: true }, elder: { elder: true } };

class CityPanelElement extends HTMLElement {
  static observedAttributes = ['city', 'locale', 'service', 'view', 'platform', 'theme'];
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
    if (service !== null) config.service = service;
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
      if (this.localName === 'city-service' && !this.getAttribute('service')) {
        throw new Error('citypanel: <city-service> needs a `service` attribute such as `traffic-violations`');
      }
      this.#handle = wasmMount(this, this.config(), early);
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
