// Every catalog service completes its journey in the demo against the sandbox's departments,
// in zh-CN and in en: the form is filled with a sandbox citizen's data (cascades, dates and
// slots picked like a user would), submitted (and confirmed where there is a review step),
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
import { beijingDate } from '../lib/keyboard.js';

const CHEN = { name: '陈思远', id: '330106198805203216', mobile: '13800138000' };
const LIN = { name: '林晓雯', id: '330102199203154321', mobile: '13700137000' };

/** Steps per service (Hangzhou). Each locale runs against its own fresh sandbox. */
const PLANS = {
  'traffic-violations': () => [['fill', 'plate', '浙A12345'], ['fill', 'engine', '123456']],
  'traffic-fine-payment': () => [['fill', 'jdsbh', '3301061000234567'], ['fill', 'plate', '浙A12345']],
  'violation-reminders': (l) => [['fill', 'plate', l === 'en' ? '浙AD12345' : '浙A12345'], ['fill', 'engine', l === 'en' ? 'A1B2C3' : '123456'], ['fill', 'mobile', CHEN.mobile], ['check', 'consent']],
  'driving-licence-points': () => [['fill', 'licence', CHEN.id], ['fill', 'dabh', '330100412387']],
  'vehicle-inspection-booking': () => [['fill', 'plate', '浙A12345'], ['fill', 'vin', 'LSVNV2189N2123456'], ['select', 'station'], ['slotday', 'date', 1], ['fill', 'mobile', CHEN.mobile]],
  'hospital-registration': (l) => [['select', 'hospital'], ['select', 'department'], ['slotday', 'date', l === 'en' ? 2 : 1, 'doctor'], ['fill', 'name', CHEN.name], ['fill', 'id_number', CHEN.id], ['fill', 'mobile', CHEN.mobile], ['check', 'consent']],
  'lab-reports': () => [['fill', 'id_number', LIN.id], ['fill', 'report_no', '2504261530118']],
  'water-bill': () => [['fill', 'account', '3301287645']],
  'electricity-bill': () => [['fill', 'account', '3306012345']],
  'gas-bill': () => [['fill', 'account', '10234567']],
  'social-security-records': () => [['fill', 'id_number', CHEN.id], ['fill', 'name', CHEN.name]],
  'marriage-registration': (l) => [
    ['fill', 'a_name', CHEN.name], ['fill', 'a_id', CHEN.id], ['fill', 'a_mobile', CHEN.mobile],
    ['fill', 'b_name', LIN.name], ['fill', 'b_id', LIN.id], ['fill', 'b_mobile', LIN.mobile],
    ['select', 'office'], ['slotday', 'date', l === 'en' ? 8 : 1], ['check', 'consent']],
  'exit-entry-progress': () => [['fill', 'app_no', '330100202504200123'], ['fill', 'id_number', CHEN.id]],
  'library-loans': () => [['fill', 'card', '0330012345678'], ['fill', 'password', '203216']],
  'library-renewal': (l) => [['fill', 'card', '0330012345678'], ['fill', 'password', '203216'], ['fill', 'barcode', '03010005123409']],
  'road-conditions': () => [],
};

let browser;

async function pickFirst(pp, name) {
  const sel = pp.panel.locator(`select[name="${name}"]`);
  await pp.page.waitForFunction((s) => document.querySelector(s)?.options.length > 1, `${pp.selector} select[name="${name}"]`, { timeout: 10_000 });
  await sel.selectOption({ index: 1 });
}

/** Tries days from `from` on until the slot picker offers a free slot; picks it. */
async function slotDay(pp, name, from, select) {
  for (let day = from; day < from + 14; day++) {
    await pp.input(name).fill(beijingDate(day));
    if (select) {
      try {
          await pickFirst(pp, select);
        } catch {
          continue; // nobody on duty that day
        }
      }
      const free = pp.panel.locator('.cp-slot__radio:not([disabled])');
      try {
        await free.first().waitFor({ timeout: 3_000 });
      } catch {
        continue;
      }
      await free.first().check();
      return;
    }
    throw new Error(`no free slot within two weeks from today+${from}\n${await pp.diagnostics()}`);
  }

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
        const context = await newContext(browser);
        for (const id of ids) {
          const page = await context.newPage();
          const pp = new PanelPage(page, sandbox.url, id);
          await page.goto(`${sandbox.url}/?locale=${locale}&city=330100&service=${id}`);
          await pp.panel.waitFor({ timeout: 15_000 });
          for (const [op, name, value, extra] of PLANS[id](locale)) {
            if (op === 'fill') await pp.input(name).fill(value);
            else if (op === 'select') await pickFirst(pp, name);
            else if (op === 'check') await pp.panel.locator(`input[name="${name}"]`).check();
            else if (op === 'slotday') await slotDay(pp, name, value, extra);
          }
          if (PLANS[id](locale).length) {
            await pp.submit.click();
            await pp.waitForStateNot('editing').catch(async (e) => {
              throw new Error(`${id}: ${e.message}`);
            });
            if ((await pp.state()) === 'review') await pp.panel.locator('.cp-confirm').click();
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
