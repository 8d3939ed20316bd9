// Page object for one citypanel service panel inside the demo host gallery.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { SCREENSHOT_DIR } from './paths.js';

export const BOOT_TIMEOUT_MS = 15_000;
export const STATE_TIMEOUT_MS = 20_000;

const collapse = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * Runs in the page before any app script: records every data-state value each panel takes
 * (window.__cpStateLog = [{ service, state }]), so a quick editing → loading → editing
 * round trip is never missed by polling.
 */
function stateRecorder() {
  const log = [];
  Object.defineProperty(window, '__cpStateLog', { value: log, configurable: true });
  const last = new WeakMap();
  const note = (el, state) => {
    if (state == null || last.get(el) === state) return;
    last.set(el, state);
    log.push({ service: el.getAttribute('data-service'), state });
  };
  const observer = new MutationObserver((records) => {
    const byTarget = new Map();
    for (const r of records) {
      if (r.type === 'attributes' && r.attributeName === 'data-state' && r.target.classList?.contains('cp-panel')) {
        if (!byTarget.has(r.target)) byTarget.set(r.target, []);
        byTarget.get(r.target).push(r.oldValue);
      }
    }
    // The value after change i is the old value of change i + 1, the last one is current.
    for (const [el, olds] of byTarget) {
      for (let i = 1; i < olds.length; i++) note(el, olds[i]);
      note(el, el.getAttribute('data-state'));
    }
    for (const el of document.querySelectorAll('.cp-panel[data-state]')) {
      note(el, el.getAttribute('data-state'));
    }
  });
  observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeOldValue: true,
    attributeFilter: ['data-state'],
  });
}

export class PanelPage {
  /**
   * @param {import('playwright-core').Page} page
   * @param {string} baseUrl  sandbox origin, e.g. http://127.0.0.1:41234
   * @param {string} service  data-service of the panel
   */
  constructor(page, baseUrl, service) {
    this.page = page;
    this.baseUrl = baseUrl;
    this.service = service;
    this.selector = `.cp-panel[data-service="${service}"]`;
    this.panel = page.locator(this.selector).first();
    /** Every request the page made: { method, url, postData, t } */
    this.requests = [];
    /** console.error messages and uncaught page errors */
    this.consoleErrors = [];
    this.pageErrors = [];

    page.on('request', (req) => {
      this.requests.push({
        method: req.method(),
        url: req.url(),
        postData: req.postData() ?? '',
        resourceType: req.resourceType(),
      });
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const loc = msg.location();
        this.consoleErrors.push(`${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
      }
    });
    page.on('pageerror', (err) => {
      this.pageErrors.push(String(err?.stack || err));
    });
  }

  /** Opens `/?locale=…` on a new page of `context` and waits for the panel to boot. */
  static async open(context, baseUrl, { locale = 'zh-CN', service = 'traffic-violations' } = {}) {
    const page = await context.newPage();
    await page.addInitScript(stateRecorder);
    const pp = new PanelPage(page, baseUrl, service);
    await page.goto(`${baseUrl}/?locale=${encodeURIComponent(locale)}&city=330100&service=${encodeURIComponent(service)}`, { waitUntil: 'load' });
    try {
      await pp.panel.waitFor({ state: 'visible', timeout: BOOT_TIMEOUT_MS });
    } catch (err) {
      throw new Error(
        `panel \`${pp.selector}\` did not become visible within ${BOOT_TIMEOUT_MS / 1000} s\n` +
          (await pp.diagnostics()),
        { cause: err },
      );
    }
    await pp.waitForState('editing');
    return pp;
  }

  // ---- locators --------------------------------------------------------------------------
  field(name) {
    return this.panel.locator(`.cp-field[data-input="${name}"]`);
  }
  input(name) {
    return this.panel.locator(`input[name="${name}"]`);
  }
  fieldError(name) {
    return this.field(name).locator('.cp-field__error');
  }
  get submit() {
    return this.panel.locator('form.cp-form button[type="submit"].cp-button--primary');
  }
  get errorSummary() {
    return this.panel.locator('.cp-error-summary');
  }
  get loading() {
    return this.panel.locator('.cp-loading');
  }
  get recordItems() {
    return this.panel.locator('ul.cp-records > li.cp-record');
  }
  get resultSummary() {
    return this.panel.locator('.cp-result__summary');
  }
  get empty() {
    return this.panel.locator('.cp-empty');
  }
  get error() {
    return this.panel.locator('.cp-error');
  }
  get retry() {
    return this.panel.locator('button.cp-retry');
  }
  get back() {
    return this.panel.locator('button.cp-back');
  }
  localeButton(locale) {
    return this.page.locator(`button[data-locale="${locale}"]`).first();
  }

  // ---- state -----------------------------------------------------------------------------
  async state() {
    return this.panel.getAttribute('data-state');
  }

  /** Waits until the panel's data-state is `state`; a readable error on timeout. */
  async waitForState(state, timeout = STATE_TIMEOUT_MS) {
    try {
      await this.page.waitForFunction(
        ([sel, want]) => document.querySelector(sel)?.getAttribute('data-state') === want,
        [this.selector, state],
        { timeout, polling: 50 },
      );
    } catch (err) {
      throw new Error(
        `panel never reached data-state="${state}" within ${timeout / 1000} s\n` +
          (await this.diagnostics()),
        { cause: err },
      );
    }
  }

  /** Confirms the reviewed or held submission by pointer and waits for its receipt (through
   * "checking" when the department settles late); throws with diagnostics otherwise. */
  async confirmToReceipt() {
    await this.panel.locator('.cp-confirm').click();
    await this.waitForStateNot('loading');
    if ((await this.state()) === 'checking') await this.waitForState('done');
    const state = await this.state();
    if (state !== 'done') throw new Error(`expected the receipt (data-state="done"), saw "${state}"\n${await this.diagnostics()}`);
  }

  /** Waits until the panel leaves `state` (e.g. 'loading'); returns the new state. */
  async waitForStateNot(state, timeout = STATE_TIMEOUT_MS) {
    try {
      await this.page.waitForFunction(
        ([sel, not]) => {
          const s = document.querySelector(sel)?.getAttribute('data-state');
          return s != null && s !== not;
        },
        [this.selector, state],
        { timeout, polling: 50 },
      );
    } catch (err) {
      throw new Error(
        `panel stayed in data-state="${state}" for ${timeout / 1000} s\n` + (await this.diagnostics()),
        { cause: err },
      );
    }
    return this.state();
  }

  /** Waits until the panel is neither editing nor loading (a submission was answered);
   * returns the new state. */
  async waitForSettled(timeout = STATE_TIMEOUT_MS) {
    try {
      await this.page.waitForFunction(
        (sel) => !['editing', 'loading', undefined, null].includes(document.querySelector(sel)?.getAttribute('data-state')),
        this.selector,
        { timeout, polling: 50 },
      );
    } catch (err) {
      throw new Error(`panel stayed editing or loading for ${timeout / 1000} s\n` + (await this.diagnostics()), { cause: err });
    }
    return this.state();
  }

  /** Current state, panel text and collected errors, for failure messages. */
  async diagnostics() {
    let state = '(no panel)';
    let text = '';
    try {
      state = await this.page.evaluate(
        (sel) => document.querySelector(sel)?.getAttribute('data-state') ?? '(no panel)',
        this.selector,
      );
      text = await this.page.evaluate(
        (sel) => (document.querySelector(sel) ?? document.body)?.innerText ?? '',
        this.selector,
      );
    } catch (e) {
      text = `(could not read page: ${e.message})`;
    }
    return [
      `  url: ${this.page.url()}`,
      `  data-state: ${state}`,
      `  panel text: ${collapse(text).slice(0, 600)}`,
      `  console errors: ${this.consoleErrors.length ? this.consoleErrors.join(' | ') : 'none'}`,
      `  page errors: ${this.pageErrors.length ? this.pageErrors.join(' | ') : 'none'}`,
    ].join('\n');
  }

  // ---- actions ---------------------------------------------------------------------------
  async fill(plate, engine) {
    await this.input('plate').fill(plate);
    await this.input('engine').fill(engine);
  }

  /** Length of the page's data-state log, to pass to `settle()`. */
  async mark() {
    return this.page.evaluate(() => window.__cpStateLog?.length ?? 0);
  }

  /** data-state values this panel took since `mark` (in order). */
  async statesSince(mark) {
    return this.page.evaluate(
      ([from, service]) =>
        (window.__cpStateLog ?? []).slice(from).filter((e) => e.service === service).map((e) => e.state),
      [mark, this.service],
    );
  }

  /**
   * Waits until the panel has left `editing` at least once since `mark` and is no longer
   * `loading`; returns the settled state (editing again for a field error).
   */
  async settle(mark, timeout = STATE_TIMEOUT_MS) {
    try {
      await this.page.waitForFunction(
        ([from, sel, service]) => {
          const seen = (window.__cpStateLog ?? [])
            .slice(from)
            .filter((e) => e.service === service)
            .some((e) => e.state !== 'editing');
          const now = document.querySelector(sel)?.getAttribute('data-state');
          return seen && now != null && now !== 'loading';
        },
        [mark, this.selector, this.service],
        { timeout, polling: 50 },
      );
    } catch (err) {
      throw new Error(
        `panel did not settle after submitting within ${timeout / 1000} s ` +
          `(states seen: ${(await this.statesSince(mark)).join(' → ') || 'none'})\n` +
          (await this.diagnostics()),
        { cause: err },
      );
    }
    return this.state();
  }

  /** Fills both fields, clicks the submit button, and waits until the query settles. */
  async query(plate, engine) {
    await this.fill(plate, engine);
    const mark = await this.mark();
    await this.submit.click();
    return this.settle(mark);
  }

  async switchLocale(locale) {
    await this.localeButton(locale).click();
    const lang = locale;
    try {
      await this.page.waitForFunction(
        ([sel, want]) => document.querySelector(sel)?.getAttribute('lang') === want,
        [this.selector, lang],
        { timeout: STATE_TIMEOUT_MS, polling: 50 },
      );
    } catch (err) {
      throw new Error(`panel lang never became "${lang}"\n${await this.diagnostics()}`, { cause: err });
    }
  }

  /** Reads every rendered record: { title, badge, fields: {time, place, fine, points, source} }. */
  async records() {
    return this.recordItems.evaluateAll((items) => {
      const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : null);
      return items.map((li) => {
        const fields = {};
        for (const dd of li.querySelectorAll('dl dd[data-field]')) {
          fields[dd.getAttribute('data-field')] = text(dd);
        }
        return {
          title: text(li.querySelector('.cp-record__title')),
          badge: text(li.querySelector('.cp-record__badge')),
          fields,
        };
      });
    });
  }

  /** Requests made since index `from` that went to a department endpoint. */
  deptRequests(from = 0) {
    return this.requests.slice(from).filter((r) => new URL(r.url).pathname.startsWith('/dept/'));
  }

  /** Saves a full-page screenshot to <repo>/target/screenshots/e2e/<name>.png */
  async screenshot(name) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
    return file;
  }
}
