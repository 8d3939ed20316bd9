// Launches Debian's Chromium through playwright-core (never a downloaded browser).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { pinClock } from './clock.js';
import { guardCsp } from './csp.js';

export const CHROMIUM_PATH = process.env.CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches a headless Chromium; Playwright gives it a fresh profile dir. */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `chromium not found at \`${CHROMIUM_PATH}\`: install Debian's \`chromium\` package ` +
        '(apt-get install chromium) or set CHROMIUM to its path',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/**
 * A fresh browser context (own cookies/storage) sized so the phone-sized host shell and
 * the gallery around it fit. `clock` is required: the sandbox (or `clockAt` clock) whose time
 * the pages share, or `'wall'` for a test that reads the machine's clock on purpose.
 * Every context fails its test on a Content-Security-Policy violation: `context.close()` throws
 * listing them (e2e/lib/csp.js).
 */
export async function newContext(browser, { clock, ...options } = {}) {
  if (!clock) {
    throw new Error(
      "newContext needs { clock: sandbox } (pages share the sandbox's clock) or { clock: 'wall' }",
    );
  }
  const context = await browser.newContext({
    viewport: { width: 1024, height: 900 },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
    // The citizen reads on Beijing time unless a test says otherwise (a reader abroad).
    timezoneId: 'Asia/Shanghai',
    ...options,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(15_000);
  if (clock !== 'wall') await pinClock(context, clock);
  await guardCsp(context);
  return context;
}

/** Collects the page's console errors and uncaught exceptions (tests assert it stays empty). */
export function consoleErrors(page) {
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Every request of a page (all its frames), recorded from the first `requests()` call on. */
const requestLogs = new WeakMap();

/**
 * How many requests whose URL contains `part` the page or frame `target` has made since its
 * page was first passed here. Counted in node from Playwright's request events: a pinned clock
 * (`context.clock`) replaces `performance`, so resource timing cannot be used for this.
 */
export function requests(target, part) {
  const page = typeof target.mainFrame === 'function' ? target : target.page();
  const frame = typeof target.mainFrame === 'function' ? target.mainFrame() : target;
  if (!requestLogs.has(page)) {
    const log = [];
    page.on('request', (r) => log.push(r));
    requestLogs.set(page, log);
  }
  return requestLogs.get(page).filter((r) => r.frame() === frame && r.url().includes(part)).length;
}

/** Waits until `check()` is true (polled every 50 ms), or fails with `why` after `timeout` ms. */
export async function until(check, why, timeout = 15_000) {
  const end = Date.now() + timeout; // the wall clock, on purpose: a test's own deadline
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms: ${why}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
