// The split SDK (issue 14, the wasm-split spike; `CITYPANEL_SPLIT=1 cargo xtask build`): the
// payment sheet's code is a wasm chunk fetched when a citizen first opens a pay sheet, never
// before the first form; a chunk that fails to load shows a message and a retry (never a dead
// panel), and the retry loads it. Skipped when `dist/sdk/` holds one module.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { startSandbox, sandboxConfig } from '../lib/sandbox.js';
import { launchBrowser, newContext } from '../lib/browser.js';

const ACCOUNT = '3301287645';
const PANEL = '.cp-panel[data-service="water-bill"]';
const chunks = (() => {
  try {
    return readdirSync(path.join(sandboxConfig().dist, 'sdk')).filter((n) => /^(split|chunk)_.*\.wasm$/.test(n));
  } catch {
    return [];
  }
})();
const isChunk = (url) => /\/(split|chunk)_[^/]*\.wasm$/.test(new URL(url).pathname);
let browser;

async function openBill(page, sandbox) {
  await page.goto(`${sandbox.url}/embed/hosts/microblog.html?locale=en`);
  await page.locator('.cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
  await page.locator('.cp-catalog__item[data-service="water-bill"]').first().click();
  await page.locator(`${PANEL} input[name="account"]`).fill(ACCOUNT);
  await page.locator(`${PANEL} button[type="submit"]`).click();
  await page.locator(`${PANEL}[data-state="success"]`).waitFor({ timeout: 15_000 });
}

describe('the split SDK', { timeout: 180_000, skip: chunks.length === 0 && 'dist/sdk/ is one module (build with CITYPANEL_SPLIT=1)' }, () => {
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('the pay sheet chunk loads on first use, not before the first form', async () => {
    const sandbox = await startSandbox();
    try {
      const context = await newContext(browser, { clock: sandbox });
      const page = await context.newPage();
      const fetched = [];
      page.on('request', (r) => { if (isChunk(r.url())) fetched.push(new URL(r.url()).pathname); });
      await openBill(page, sandbox);
      assert.deepEqual(fetched, [], 'no chunk before the pay sheet is opened');
      await page.locator(`${PANEL} .cp-offer[data-effect="pay"] button`).click();
      await page.locator('.cp-pay__go').waitFor({ timeout: 15_000 });
      assert.ok(fetched.length >= 1, 'the sheet fetched its chunk');
      await context.close();
    } finally {
      await sandbox.stop();
    }
  });

  test('a chunk that fails to load: a message and a retry, then the sheet', async () => {
    const sandbox = await startSandbox();
    try {
      const context = await newContext(browser, { clock: sandbox });
      const page = await context.newPage();
      let failing = true;
      await page.route(isChunk, (route) => (failing ? route.abort('internetdisconnected') : route.continue()));
      await openBill(page, sandbox);
      await page.locator(`${PANEL} .cp-offer[data-effect="pay"] button`).click();
      const failed = page.locator('.cp-pay[data-pay-state="chunk-failed"]');
      await failed.waitFor({ timeout: 15_000 });
      assert.match(await failed.locator('[role="alert"]').innerText(), /cannot be reached/);
      // Still alive: a second failure is a second message, not a dead panel.
      await failed.locator('.cp-pay__retry').click();
      await failed.waitFor({ timeout: 15_000 });
      failing = false;
      await failed.locator('.cp-pay__retry').click();
      await page.locator('.cp-pay__go').waitFor({ timeout: 15_000 });
      // The rest of the panel works as before: closing the sheet brings the offers back.
      await page.locator('.cp-pay__close').click();
      await page.locator(`${PANEL} .cp-offer[data-effect="pay"] button`).waitFor();
      await context.close();
    } finally {
      await sandbox.stop();
    }
  });
});
