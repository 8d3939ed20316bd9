// The four demo host shells, and the postMessage bridge of the iframe host (messenger):
// exact-origin checks, malformed messages rejected without breaking the panel; axe-core
// zero violations in every host. Screenshots: target/screenshots/e2e/host-*.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newContext, consoleErrors } from '../lib/browser.js';
import { useSandboxAndBrowser } from '../lib/setup.js';
import { assertNoA11yViolations, injectAxe, AXE_TAGS, formatViolations } from '../lib/axe.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';

let sandbox;
let browser;

const READY = '.cp-catalog[data-state="ready"]';

/** axe inside a frame (the panel iframe of the messenger). */
async function assertFrameAccessible(frame, label) {
  await injectAxe(frame); // evaluated, not an inline <script> the frame's CSP refuses
  const violations = await frame.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })) }));
  }, AXE_TAGS);
  assert.equal(violations.length, 0, formatViolations(violations, label));
}

/** The messenger host page and its panel frame (optionally from another origin). */
async function openMessenger(context, panelOrigin) {
  const page = await context.newPage();
  const errors = consoleErrors(page);
  const hostBase = panelOrigin ? sandbox.url.replace('127.0.0.1', 'localhost') : sandbox.url;
  const q = panelOrigin ? `?panel=${encodeURIComponent(panelOrigin)}` : '';
  await page.goto(`${hostBase}/embed/hosts/messenger.html${q}`);
  const frame = page.frameLocator('#panel');
  await frame.locator(READY).waitFor({ timeout: 15_000 });
  const handle = await page.locator('#panel').elementHandle();
  return { page, errors, frame, content: await handle.contentFrame() };
}

const counter = (content, name) => content.evaluate((n) => Number(document.body.getAttribute(`data-cp-bridge-${n}`) ?? 0), name);

describe('host shells', { timeout: 240_000 }, () => {
  useSandboxAndBrowser((s, b) => {
    sandbox = s;
    browser = b;
  });

  for (const host of ['wallet', 'shop']) {
    test(`${host}: the gallery shell shows the catalog in its theme, accessible`, async () => {
      const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1000 } });
      const page = await context.newPage();
      const errors = consoleErrors(page);
      await page.goto(`${sandbox.url}/?host=${host}&locale=zh-CN`);
      await page.locator(`.demo-phone[data-host="${host}"] ${READY}`).waitFor({ timeout: 15_000 });
      assert.equal(await page.locator(`.demo__host-link[data-host="${host}"]`).getAttribute('aria-current'), 'page');
      await page.locator('.cp-catalog__item[data-service="traffic-violations"]').click();
      await page.locator('.cp-panel[data-service="traffic-violations"][data-state="editing"]').waitFor();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `host-${host}.png`), fullPage: true });
      await assertNoA11yViolations(page, `host ${host}`);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  test('microblog: plain-JS host (custom element, dark theme, no pay capability)', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${sandbox.url}/embed/hosts/microblog.html`);
    await page.locator(`city-services ${READY}`).waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('city-services > .cp-root').getAttribute('data-cp-theme'), 'dark');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'host-microblog.png'), fullPage: true });
    await assertNoA11yViolations(page, 'host microblog');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('messenger: iframe over postMessage, handshake accepted, elder mode, accessible', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 420, height: 900 } });
    const { page, errors, content } = await openMessenger(context);
    assert.ok((await counter(content, 'accepted')) >= 1, 'hello accepted');
    assert.equal(await counter(content, 'rejected'), 0);
    assert.equal(await content.locator('.cp-root').getAttribute('data-cp-mode'), 'elder');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'host-messenger.png'), fullPage: true });
    await assertNoA11yViolations(page, 'host messenger');
    await assertFrameAccessible(content, 'messenger panel frame');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('bridge: messages from a wrong origin and malformed messages are ignored; the panel keeps working', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 420, height: 900 } });
    const { page, frame, content } = await openMessenger(context, sandbox.url);
    const rejected0 = await counter(content, 'rejected');
    // A forged `hello` from the frame's own origin (not the host's, not the parent window).
    await content.evaluate(() => window.postMessage({ citypanel: '1.0', id: 'x-1', type: 'event', method: 'hello', payload: { capabilities: [] } }, '*'));
    await content.waitForFunction((n) => Number(document.body.getAttribute('data-cp-bridge-rejected')) > n, rejected0);
    // Malformed messages from the right window and origin.
    const panelOrigin = sandbox.url;
    await page.evaluate((o) => {
      const w = document.getElementById('panel').contentWindow;
      w.postMessage({ citypanel: '1.0', id: 5, type: 'response', method: 'pay' }, o);
      w.postMessage({ citypanel: '1.0', id: 'cp-999', type: 'response', method: 'pay', payload: 'success' }, o);
      w.postMessage('not an envelope', o);
      w.postMessage({ citypanel: '1.0', id: 'h-9', type: 'event', method: 'eval', payload: 'alert(1)' }, o);
    }, panelOrigin);
    await content.waitForFunction((n) => Number(document.body.getAttribute('data-cp-bridge-rejected')) >= n + 5, rejected0);
    await frame.locator('.cp-catalog__item[data-service="traffic-violations"]').click();
    await frame.locator('.cp-panel[data-service="traffic-violations"][data-state="editing"]').waitFor();
    await context.close();
  });

  test('bridge: a frame refuses a host origin that is not the page framing it', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const page = await context.newPage();
    await page.goto(`${sandbox.url}/embed/examples/quickstart.html`);
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.id = 'evil';
      f.title = 'panel';
      f.src = '/?frame=1&host=https%3A%2F%2Fevil.example&city=330100';
      document.body.append(f);
    });
    const msg = await page.frameLocator('#evil').locator('.cp-embed-error').textContent({ timeout: 15_000 });
    assert.match(msg, /framed by `http:\/\/127\.0\.0\.1:\d+`, not by the declared host `https:\/\/evil\.example`/);
    await context.close();
  });

  test('identity: the sandbox refuses a forged, another host\'s or an expired token from the page', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const page = await context.newPage();
    await page.goto(`${sandbox.url}/?host=wallet&locale=zh-CN`);
    await page.locator('.cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
    const mint = async (host, ttl) =>
      (await (await fetch(`${sandbox.url}/admin/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ host, sub: 'u-chen', ttl_s: ttl }) })).json()).token;
    const good = await mint('wallet', 600);
    const [head, payload, sig] = good.split('.');
    // The same claims under another user, keeping the wallet's signature: forged.
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = [head, Buffer.from(JSON.stringify({ ...claims, sub: 'u-lin' })).toString('base64url'), sig].join('.');
    const unknown = [head, Buffer.from(JSON.stringify({ ...claims, host: 'evil-app' })).toString('base64url'), sig].join('.');
    const expired = await mint('wallet', 1);
    await new Promise((r) => setTimeout(r, 2_100));
    const answers = await page.evaluate(async (tokens) => {
      const out = [];
      for (const t of tokens) {
        const r = await fetch('/api/v1/orders?reference=SW3301202504018826', { headers: { authorization: `Bearer ${t}` } });
        out.push([r.status, (await r.json()).error?.code ?? 'ok']);
      }
      return out;
    }, [good, forged, unknown, expired]);
    assert.deepEqual(answers, [[200, 'ok'], [401, 'invalid_token'], [401, 'unknown_host'], [401, 'expired_token']]);
    await context.close();
  });
});
