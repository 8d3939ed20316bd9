// One full journey per service kind against the sandbox's departments: a transaction with its
// review and receipt, a booking through its cascade and slot picker to a ticket and a cancel
// (keyboard only), each state checked with axe-core and screenshotted for review.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newContext } from '../lib/browser.js';
import { useSandboxAndBrowser } from '../lib/setup.js';
import { assertNoA11yViolations } from '../lib/axe.js';
import { PanelPage } from '../lib/panel.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';
import { tabTo, beijingDate } from '../lib/keyboard.js';

let sandbox;
let browser;

const shot = (page, name) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `journey-${name}.png`), fullPage: true });

async function checked(pp, name) {
  await shot(pp.page, name);
  await assertNoA11yViolations(pp.page, name);
  assert.deepEqual(pp.consoleErrors, [], `${name}: console errors`);
  assert.deepEqual(pp.pageErrors, [], `${name}: page errors`);
}

describe('journeys per service kind', { timeout: 240_000 }, () => {
  useSandboxAndBrowser((s, b) => {
    sandbox = s;
    browser = b;
  });

  for (const locale of ['zh-CN', 'en']) {
    test(`transaction: violation reminders reviewed, sent once, receipt (${locale})`, async () => {
      const context = await newContext(browser);
      const pp = await PanelPage.open(context, sandbox.url, { locale, service: 'violation-reminders' });
      // A different plate per locale: the department refuses a second subscription (E2101).
      await pp.input('plate').fill(locale === 'en' ? '浙AD12345' : '浙A12345');
      await pp.input('engine').fill(locale === 'en' ? 'A1B2C3' : '123456');
      await pp.input('mobile').fill('13800138000');
      assert.equal(await pp.panel.locator('select[name="channel"]').inputValue(), 'sms', 'the declared default');
      await pp.submit.click();
      assert.equal(await pp.state(), 'editing', 'consent is required');
      assert.match(await pp.fieldError('consent').innerText(), locale === 'en' ? /agree/i : /同意/);
      await pp.panel.locator('input[name="consent"]').check();
      await pp.submit.click();
      await pp.waitForState('review');
      const review = await pp.panel.locator('.cp-review__list').innerText();
      assert.match(review, /13800138000/);
      assert.match(review, locale === 'en' ? /Text message/ : /短信/, 'the option label, not its code');
      await checked(pp, `reminders-review-${locale}`);
      const posts = () => pp.requests.filter((r) => r.method === 'POST' && r.url.includes('/reminders'));
      const confirm = pp.panel.locator('.cp-confirm');
      await confirm.click();
      await confirm.click({ timeout: 500 }).catch(() => {}); // a double click sends nothing more
      await pp.waitForStateNot('loading');
      if ((await pp.state()) === 'checking') await pp.waitForState('done');
      assert.equal(await pp.state(), 'done', await pp.diagnostics());
      assert.equal(posts().length, 1, 'submitted exactly once');
      assert.ok(await pp.panel.locator('.cp-receipt__title').isVisible());
      await checked(pp, `reminders-receipt-${locale}`);
      await context.close();
    });
  }

  test('booking by keyboard only: hospital → department → date → doctor → slot → ticket → cancel', async () => {
    const context = await newContext(browser, { locale: 'en-US' });
    const pp = await PanelPage.open(context, sandbox.url, { locale: 'en', service: 'hospital-registration' });
    const page = pp.page;
    await page.locator('body').focus();
    const sel = (name) => `.cp-panel[data-service="hospital-registration"] [name="${name}"]`;
    // Hospital: the first option after "Choose…".
    await page.waitForFunction((s) => document.querySelector(s)?.options.length > 1, sel('hospital'));
    await tabTo(page, sel('hospital'));
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((s) => document.querySelector(s)?.options.length > 1, sel('department'));
    await tabTo(page, sel('department'));
    await page.keyboard.press('ArrowDown');
    // Date: typed into the native date field (en-US order: month, day, year).
    const day = beijingDate(2);
    await tabTo(page, sel('date'));
    const [y, m, d] = day.split('-');
    await page.keyboard.type(`${m}${d}${y}`);
    await page.waitForFunction((s) => document.querySelector(s)?.options.length > 1, sel('doctor'), { timeout: 10_000 });
    await tabTo(page, sel('doctor'));
    await page.keyboard.press('ArrowDown');
    // Slot: a radio group; arrows skip full slots.
    await page.waitForSelector(`${sel('hospital').replace('[name="hospital"]', '')} .cp-slot__radio`);
    await tabTo(page, '.cp-slot__radio');
    await page.keyboard.press('Space');
    const picked = await page.evaluate(() => document.activeElement?.checked && !document.activeElement.disabled);
    assert.ok(picked, 'a free slot is picked by keyboard');
    await shot(page, 'booking-form-en');
    await assertNoA11yViolations(page, 'booking form');
    await tabTo(page, sel('name'));
    await page.keyboard.type('陈思远');
    await tabTo(page, sel('id_number'));
    await page.keyboard.type('330106198805203216');
    await tabTo(page, sel('mobile'));
    await page.keyboard.type('13800138000');
    await tabTo(page, sel('consent'));
    await page.keyboard.press('Space');
    await tabTo(page, '.cp-panel[data-service="hospital-registration"] button[type="submit"]');
    await page.keyboard.press('Enter');
    await pp.waitForState('review');
    assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('cp-review__title')), 'focus moves to the review');
    await checked(pp, 'booking-review-en');
    await tabTo(page, '.cp-confirm');
    await page.keyboard.press('Enter');
    await pp.waitForStateNot('loading');
    if ((await pp.state()) === 'checking') await pp.waitForState('done');
    assert.equal(await pp.state(), 'done', await pp.diagnostics());
    const ticket = await pp.panel.locator('.cp-receipt').innerText();
    assert.match(ticket, /GH330100/, 'the booking number');
    await checked(pp, 'booking-ticket-en');
    await tabTo(page, '.cp-cancel');
    await page.keyboard.press('Enter');
    await pp.waitForState('cancelled');
    await checked(pp, 'booking-cancelled-en');
    await context.close();
  });
});
