// Smoke run: every catalog service of two cities opens in the demo host, renders its form from
// the city-resolved descriptor without console errors, and passes axe-core.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newContext, consoleErrors } from '../lib/browser.js';
import { useSandboxAndBrowser } from '../lib/setup.js';
import { assertNoA11yViolations } from '../lib/axe.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';

const CITIES = ['330100', '310100'];
let sandbox;
let browser;

describe('every service opens in two cities', { timeout: 300_000 }, () => {
  useSandboxAndBrowser((s, b) => {
    sandbox = s;
    browser = b;
  });

  for (const city of CITIES) {
    test(`all services of ${city}`, async () => {
      const catalog = await (await fetch(`${sandbox.url}/api/v1/cities/${city}/catalog`)).json();
      assert.ok(catalog.services.length >= 10, `${city} lists ${catalog.services.length} services`);
      const context = await newContext(browser, { clock: sandbox });
      const page = await context.newPage();
      const errors = consoleErrors(page);
      for (const { id } of catalog.services) {
        await page.goto(`${sandbox.url}/?locale=zh-CN&city=${city}&service=${id}`);
        const panel = page.locator(`.cp-panel[data-service="${id}"]`);
        await panel.waitFor({ timeout: 15_000 });
        if (await panel.locator('form.cp-form').count()) {
          assert.equal(await panel.getAttribute('data-state'), 'editing', `${city}/${id}`);
          assert.ok(await panel.locator('button[type=submit]').isVisible(), `${city}/${id}: no submit button`);
        } else {
          // A service without inputs (road conditions) runs at once.
          await page.waitForFunction((sel) => ['success', 'empty'].includes(document.querySelector(sel)?.getAttribute('data-state')), `.cp-panel[data-service="${id}"]`, { timeout: 15_000 });
        }
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `smoke-${city}-${id}.png`), fullPage: true });
        await assertNoA11yViolations(page, `${city}/${id}`);
        assert.deepEqual(errors, [], `${city}/${id}: console errors`);
      }
      await context.close();
    });
  }
});
