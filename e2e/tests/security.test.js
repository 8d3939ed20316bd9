// The browser side's defences (issue 15): the pages are served with a strict Content-Security-
// Policy (and every e2e context fails on a violation: e2e/lib/csp.js — checked here too), and a
// wasm trap is contained: every panel shows "service unavailable" with a retry, the host gets a
// `citypanel-error` event, the host page keeps working, and retry mounts on a fresh instance.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newContext, consoleErrors, requests, until } from '../lib/browser.js';
import { useSandboxAndBrowser } from '../lib/setup.js';
import { assertNoA11yViolations } from '../lib/axe.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';

const EXAMPLE = '/embed/examples/quickstart.html';
const HOST_ORIGIN = 'http://host.example:8443';
let sandbox;
let browser;

/** The directives of a `content-security-policy` header, by name. */
function directives(header) {
  return Object.fromEntries(
    String(header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values.join(' ')]),
  );
}

/**
 * Serves the demo build (which alone carries the test-only `__citypanelTestTrap`, feature
 * `test-trap`) under the SDK build's URLs, so the page runs the production loader unchanged.
 */
async function withTrapBuild(context) {
  const demo = {};
  for (const [file, type] of [['citypanel-app.js', 'text/javascript'], ['citypanel-app_bg.wasm', 'application/wasm']]) {
    const r = await fetch(`${sandbox.url}/${file}`);
    assert.equal(r.status, 200, `the demo build has /${file}`);
    demo[file] = { type, body: Buffer.from(await r.arrayBuffer()) };
  }
  await context.route(
    (url) => url.pathname === '/sdk/citypanel-app.js' || url.pathname === '/sdk/citypanel-app_bg.wasm',
    (route) => {
      const file = new URL(route.request().url()).pathname.slice('/sdk/'.length);
      return route.fulfill({ status: 200, contentType: demo[file].type, body: demo[file].body });
    },
  );
}

describe('browser security', { timeout: 240_000 }, () => {
  useSandboxAndBrowser((s, b) => {
    sandbox = s;
    browser = b;
  }, ['--allow-origin', HOST_ORIGIN]);

  test('pages are served with the strict policy; only the iframe entry may be framed by allowed hosts', async () => {
    for (const page of ['/', '/index.html', EXAMPLE, '/embed/hosts/microblog.html', '/embed/hosts/messenger.html']) {
      const r = await fetch(sandbox.url + page);
      assert.equal(r.status, 200, page);
      const csp = directives(r.headers.get('content-security-policy'));
      assert.equal(csp['script-src'], "'self' 'wasm-unsafe-eval'", page);
      assert.equal(csp['object-src'], "'none'", page);
      assert.equal(csp['base-uri'], "'none'", page);
      assert.equal(csp['connect-src'], "'self'", page);
      assert.equal(csp['style-src'], "'self'", page);
      assert.equal(csp['default-src'], "'none'", page);
      assert.equal(csp['frame-ancestors'], "'self'", page);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', page);
      assert.ok(!(await r.text()).match(/<script(?![^>]*\bsrc=)[^>]*>/), `${page}: no inline <script>`);
    }
    const frame = await fetch(`${sandbox.url}/?frame=1&host=${encodeURIComponent(HOST_ORIGIN)}&city=330100`);
    assert.equal(directives(frame.headers.get('content-security-policy'))['frame-ancestors'], `'self' ${HOST_ORIGIN}`);
    const wasm = await fetch(`${sandbox.url}/sdk/citypanel-app_bg.wasm`);
    assert.equal(wasm.headers.get('content-security-policy'), null, 'the policy is for documents');
    assert.equal(wasm.headers.get('x-content-type-options'), 'nosniff');
  });

  test('the suite catches a violation: an inline script is refused and fails the test', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const page = await context.newPage();
    await page.goto(sandbox.url + EXAMPLE);
    await page.locator('#fines .cp-panel[data-state="editing"]').waitFor();
    const ran = await page.evaluate(() => {
      window.inlineRan = false;
      const s = document.createElement('script');
      s.textContent = 'window.inlineRan = true';
      document.body.append(s); // refused by script-src
      return String(window.inlineRan);
    });
    assert.notEqual(ran, 'true');
    await page.waitForTimeout(200);
    assert.ok(context.cspViolations().length > 0, 'the violation was recorded');
    await assert.rejects(context.close(), /Content-Security-Policy violation/);
  });

  test('the SDK build hosts load carries no test trap; the demo build does', async () => {
    const sdk = await (await fetch(`${sandbox.url}/sdk/citypanel-app.js`)).text();
    assert.ok(sdk.includes('onTrap'), 'the SDK build has the trap hook the loader registers');
    assert.ok(!sdk.includes('__citypanelTestTrap'), 'no way to force a trap in the SDK build');
    const current = await (await fetch(`${sandbox.url}/sdk/current.json`)).json();
    const hashed = await (await fetch(`${sandbox.url}${current.base}citypanel-app.js`)).text();
    assert.ok(!hashed.includes('__citypanelTestTrap'), 'nor in its content-addressed copy');
    const demo = await (await fetch(`${sandbox.url}/citypanel-app.js`)).text();
    assert.ok(demo.includes('__citypanelTestTrap'), 'the demo build has it, for this suite');
  });

  test('a trap is contained: both panels say so with a retry, the host is told and keeps working, retry remounts', async () => {
    const context = await newContext(browser, { clock: sandbox });
    await withTrapBuild(context);
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await page.goto(sandbox.url + EXAMPLE);
    const catalog = page.locator('city-services');
    const fines = page.locator('#fines');
    await catalog.locator('.cp-catalog[data-state="ready"]').waitFor();
    await fines.locator('.cp-panel[data-service="traffic-violations"][data-state="editing"]').waitFor();
    await fines.locator('input[name="plate"]').fill('浙A12345');
    // The host's own control and its listener for the SDK's error event.
    await page.evaluate(() => {
      window.hostClicks = 0;
      window.cpErrors = [];
      const b = document.createElement('button');
      b.id = 'host-button';
      b.textContent = '主页按钮';
      b.addEventListener('click', () => { window.hostClicks += 1; });
      document.body.append(b);
      document.addEventListener('citypanel-error', (e) => {
        window.cpErrors.push({ on: e.target.id || e.target.localName, code: e.detail.code, message: e.detail.message, retry: typeof e.detail.retry });
      });
    });
    assert.equal(requests(page, 'citypanel-app.js?instance='), 0);

    await page.evaluate(async () => (await import('/sdk/citypanel-app.js')).__citypanelTestTrap());

    const fallbacks = page.locator('.cp-root[data-cp-trap] .cp-panel[data-state="unavailable"][role="alert"]');
    await page.waitForFunction(() => document.querySelectorAll('.cp-root[data-cp-trap]').length === 2);
    for (const panel of [catalog, fines]) {
      const fallback = panel.locator('.cp-root[data-cp-trap]');
      assert.equal(await fallback.locator('h2').textContent(), '服务暂不可用');
      assert.equal(await fallback.locator('button.cp-trap__retry').textContent(), '重试');
      assert.equal(await panel.locator('.cp-root:not([data-cp-trap])').count(), 0, 'the dead panel is gone');
    }
    assert.equal(await fallbacks.count(), 2);
    // The theme the host gave the mounted panel stays on its fallback.
    assert.equal(await fines.locator('.cp-root[data-cp-trap]').evaluate((el) => el.style.getPropertyValue('--cp-color-primary')), '#0b7a3e');
    const told = await page.evaluate(() => window.cpErrors);
    assert.deepEqual(told.map((e) => `${e.on}:${e.code}:${e.retry}`).sort(), ['city-services:trap:function', 'fines:trap:function']);
    assert.match(told[0].message, /trap forced by a test/);
    assert.ok(errors.some((e) => /unreachable|trap forced/.test(e)), 'the trap itself is in the console');

    // The host page keeps working.
    await page.locator('#host-button').click();
    await page.locator('#host-button').click();
    assert.equal(await page.evaluate(() => window.hostClicks), 2);
    assert.equal(await page.evaluate(() => window.citypanelHandle.mounted), true);
    await page.evaluate(() => window.citypanelHandle.setLocale('en'));
    assert.equal(await fines.locator('.cp-root[data-cp-trap] h2').textContent(), 'Service unavailable');
    assert.equal(await fines.locator('button.cp-trap__retry').textContent(), 'Try again');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'security-trap-contained.png'), fullPage: true });
    await assertNoA11yViolations(page, 'trap contained');

    // Retry: a fresh instance of the module; the panel works again.
    await fines.locator('button.cp-trap__retry').click();
    const panel = fines.locator('.cp-panel[data-service="traffic-violations"]');
    await panel.and(page.locator('[data-state="editing"]')).waitFor();
    assert.equal(requests(page, 'citypanel-app.js?instance=2'), 1, 'the module was imported again');
    assert.equal(await fines.locator('.cp-root[data-cp-trap]').count(), 0);
    assert.equal(await panel.getByRole('button', { name: 'Search' }).count(), 1, 'in the locale set meanwhile');
    await panel.locator('input[name="plate"]').fill('浙A12345');
    await panel.locator('input[name="engine"]').fill('123456');
    await panel.getByRole('button', { name: 'Search' }).click();
    await panel.and(page.locator('[data-state="success"]')).waitFor({ timeout: 20_000 });
    assert.equal(await panel.locator('ul.cp-records > li.cp-record').count(), 3);
    // The other panel retries on the same fresh instance.
    await catalog.locator('button.cp-trap__retry').click();
    await catalog.locator('.cp-catalog[data-state="ready"]').waitFor();
    await catalog.getByLabel('搜索服务').fill('水费');
    assert.equal(await catalog.locator('.cp-catalog__item').count(), 1);
    assert.equal(requests(page, 'citypanel-app.js?instance='), 1, 'one fresh instance for both');
    // The handle is the host's across the trap: it unmounts the remounted panel.
    await page.evaluate(() => window.citypanelHandle.unmount());
    assert.equal(await fines.locator('.cp-root').count(), 0);
    await page.locator('#host-button').click();
    assert.equal(await page.evaluate(() => window.hostClicks), 3);
    await context.close();
  });

  test('a trap in an iframe panel: the frame says so with a retry, the host is told, retry reloads it', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const page = await context.newPage();
    await page.goto(`${sandbox.url}/embed/hosts/messenger.html?service=water-bill`);
    const frame = page.frameLocator('#panel');
    await frame.locator('.cp-panel[data-service="water-bill"][data-state="editing"]').waitFor({ timeout: 15_000 });
    await page.evaluate(() => {
      window.cpErrors = [];
      document.addEventListener('citypanel-error', (e) => {
        window.cpErrors.push({ on: e.target.id, code: e.detail.code, message: e.detail.message, retry: typeof e.detail.retry });
      });
    });
    // The iframe entry runs the demo build, which carries the test-only trap.
    const child = page.frames().find((f) => f.url().includes('frame=1'));
    assert.ok(child, 'the panel frame');
    await child.evaluate(async () => (await import('/citypanel-app.js')).__citypanelTestTrap());
    const unavailable = frame.locator('.cp-panel[data-state="unavailable"][role="alert"]');
    await unavailable.waitFor({ timeout: 10_000 });
    assert.match(await unavailable.innerText(), /服务暂不可用/);
    await until(() => page.evaluate(() => window.cpErrors.length === 1), 'the host heard of the trap');
    const [told] = await page.evaluate(() => window.cpErrors);
    assert.deepEqual([told.on, told.code, told.retry], ['panel', 'trap', 'function']);
    assert.match(told.message, /trap forced by a test/);
    // The host page keeps working: its own bridge still counts messages, nothing rejected.
    assert.equal(await page.evaluate(() => window.citypanelConnection.stats.rejected), 0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'security-frame-trap.png'), fullPage: true });
    // Retry: a fresh page in the frame, the panel works again.
    await frame.locator('.cp-trap__retry').click();
    await frame.locator('.cp-panel[data-service="water-bill"][data-state="editing"]').waitFor({ timeout: 15_000 });
    await context.close();
  });
});
