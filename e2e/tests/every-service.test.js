// Every catalog service completes its journey in the demo against the sandbox's departments,
// in zh-CN and in en: the form is filled with a sandbox citizen's data (cascades, dates and
// slots picked like a user would), submitted (and confirmed where there is a review step or a
// held slot),
// and the panel ends in a result or receipt without console errors and with zero axe
// violations. Screenshots: target/screenshots/e2e/service-<locale>-<id>.png.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startSandbox } from '../lib/sandbox.js';
import { launchBrowser, newContext } from '../lib/browser.js';
import { assertNoA11yViolations } from '../lib/axe.js';
import { PanelPage } from '../lib/panel.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';
import { PLANS, fill } from '../lib/plans.js';

let browser;

  describe('every catalog service completes its journey', { timeout: 600_000 }, () => {
    before(async () => {
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
    });

    for (const locale of ['zh-CN', 'en']) {
      test(`all ${Object.keys(PLANS).length} services in Hangzhou (${locale})`, async () => {
        const sandbox = await startSandbox();
        try {
        const catalog = await (await fetch(`${sandbox.url}/api/v1/cities/330100/catalog`)).json();
        const ids = catalog.services.map((s) => s.id).sort();
        assert.deepEqual(ids, Object.keys(PLANS).sort(), 'a plan for every service in the catalog');
        const context = await newContext(browser, { clock: sandbox });
        for (const id of ids) {
          const page = await context.newPage();
          const pp = new PanelPage(page, sandbox.url, id);
          await page.goto(`${sandbox.url}/?locale=${locale}&city=330100&service=${id}`);
          await pp.panel.waitFor({ timeout: 15_000 });
          await fill(pp, id, locale);
          if (PLANS[id](locale).length) {
            await pp.submit.click();
            await pp.waitForSettled().catch(async (e) => {
              throw new Error(`${id}: ${e.message}`);
            });
            // A review step, or a held slot: confirm it.
            if (['review', 'held'].includes(await pp.state())) await pp.panel.locator('.cp-confirm').click();
          }
          await page.waitForFunction(
            (sel) => ['success', 'done'].includes(document.querySelector(sel)?.getAttribute('data-state')),
            pp.selector,
            { timeout: 20_000 },
          ).catch(async () => assert.fail(`${locale}/${id} did not complete\n${await pp.diagnostics()}`));
          await page.screenshot({ path: path.join(SCREENSHOT_DIR, `service-${locale}-${id}.png`), fullPage: true });
          await assertNoA11yViolations(page, `${locale}/${id} result`);
          assert.deepEqual(pp.consoleErrors, [], `${locale}/${id}: console errors`);
          assert.deepEqual(pp.pageErrors, [], `${locale}/${id}: page errors`);
          await page.close();
        }
        await context.close();
      } finally {
        await sandbox.stop();
      }
    });
  }
});

// Beyond Hangzhou: the typed services of three more cities, each with that city's own demo
// citizens' data as the demo page suggests it (`/api/v1/cities/{code}/demo-inputs`).
describe('typed services in other cities, with their own demo data', { timeout: 600_000 }, () => {
  let sandbox;
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
    sandbox = await startSandbox();
  });
  after(async () => {
    await chromium?.close();
    await sandbox?.stop();
  });

  for (const city of ['110100', '360100', '440300']) {
    test(`${city}: every suggested input set completes`, async () => {
      const demo = await (await fetch(`${sandbox.url}/api/v1/cities/${city}/demo-inputs`)).json();
      const services = demo.services.filter((s) => s.id !== 'library-renewal');
      assert.ok(services.length >= 4, `${city} suggests inputs for several services`);
      const context = await newContext(chromium, { clock: sandbox });
      for (const { id, inputs } of services) {
        const page = await context.newPage();
        const pp = new PanelPage(page, sandbox.url, id);
        await page.goto(`${sandbox.url}/?locale=zh-CN&city=${city}&service=${id}`);
        await pp.panel.waitFor({ timeout: 15_000 });
        for (const { id: name, value } of inputs) {
          const field = pp.panel.locator(`[name="${name}"]`).first();
          if (!(await field.count())) continue;
          const type = await field.evaluate((el) => (el.tagName === 'SELECT' ? 'select' : el.type));
          if (type === 'checkbox') await field.check();
          else if (type === 'radio') await pp.panel.locator(`[name="${name}"][value="${value}"]`).check();
          else if (type === 'select') await field.selectOption(value);
          else await field.fill(value);
        }
        await pp.submit.click();
        await pp.waitForSettled().catch(async (e) => {
          throw new Error(`${city}/${id}: ${e.message}`);
        });
        if (await pp.state() === 'review') await pp.panel.locator('.cp-confirm').click();
        await page.waitForFunction(
          (sel) => ['success', 'done'].includes(document.querySelector(sel)?.getAttribute('data-state')),
          pp.selector,
          { timeout: 20_000 },
        ).catch(async () => assert.fail(`${city}/${id} did not complete\n${await pp.diagnostics()}`));
        assert.deepEqual(pp.consoleErrors, [], `${city}/${id}: console errors`);
        await page.close();
      }
      await context.close();
    });
  }
});
