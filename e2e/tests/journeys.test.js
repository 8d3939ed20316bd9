// One full journey per service kind against the sandbox's departments: a transaction with its
// review and receipt, a booking through its cascade and slot picker to a held slot, a ticket, a
// move to another slot and a cancel (keyboard only), each state checked with axe-core and
// screenshotted for review; and a hold that lapses before it is confirmed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newContext } from '../lib/browser.js';
import { useSandboxAndBrowser } from '../lib/setup.js';
import { assertNoA11yViolations } from '../lib/axe.js';
import { PanelPage } from '../lib/panel.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';
import { tabTo, focusMovesTo } from '../lib/keyboard.js';
import { beijingDate } from '../lib/clock.js';
import { fill } from '../lib/plans.js';

let sandbox;
let browser;

const shot = (page, name) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `journey-${name}.png`), fullPage: true });

async function checked(pp, name) {
  await shot(pp.page, name);
  await assertNoA11yViolations(pp.page, name);
  assert.deepEqual(pp.consoleErrors, [], `${name}: console errors`);
  assert.deepEqual(pp.pageErrors, [], `${name}: page errors`);
}

/** Confirms the held slot by keyboard and waits for the ticket (through "checking" if the
 * department settles late). */
async function confirmByKeyboard(pp) {
  await tabTo(pp.page, '.cp-confirm');
  await pp.page.keyboard.press('Enter');
  await pp.waitForStateNot('loading');
  if ((await pp.state()) === 'checking') await pp.waitForState('done');
  assert.equal(await pp.state(), 'done', await pp.diagnostics());
}

describe('journeys per service kind', { timeout: 240_000 }, () => {
  useSandboxAndBrowser((s, b) => {
    sandbox = s;
    browser = b;
  });

  for (const locale of ['zh-CN', 'en']) {
    test(`transaction: violation reminders reviewed, sent once, receipt (${locale})`, async () => {
      const context = await newContext(browser, { clock: sandbox });
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

  test('booking by keyboard only: hospital → department → date → doctor → slot → held → ticket → moved → cancel', async () => {
    const context = await newContext(browser, { clock: sandbox, locale: 'en-US' });
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
    const day = beijingDate(sandbox, 2);
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
    await pp.waitForState('held');
    await focusMovesTo(page, '.cp-review__title', 'focus moves to the held slot');
    const left = await pp.panel.locator('.cp-held__left').innerText();
    assert.match(left, /^[45]:\d\d$/, `the hold's time left counts down from 5:00, saw ${left}`);
    assert.match(await pp.panel.locator('.cp-review__list').innerText(), /陈思远/);
    await checked(pp, 'booking-held-en');
    await confirmByKeyboard(pp);
    const ticket = await pp.panel.locator('.cp-receipt').innerText();
    const first = ticket.match(/GH330100\d+/)?.[0];
    assert.ok(first, `the booking number in ${ticket}`);
    const firstTime = ticket.match(/\d\d:\d\d-\d\d:\d\d/)?.[0];
    await checked(pp, 'booking-ticket-en');

    // Move it: another slot, held and confirmed in place of the first booking.
    await tabTo(page, '.cp-reschedule');
    await page.keyboard.press('Enter');
    await pp.waitForState('editing');
    assert.match(await pp.panel.locator('.cp-moving').innerText(), new RegExp(first), 'the booking being moved is named');
    await page.waitForSelector('.cp-panel[data-service="hospital-registration"] .cp-slot__radio');
    await tabTo(page, '.cp-slot__radio');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    const moved = await page.evaluate(() => document.activeElement?.checked && !document.activeElement.disabled);
    assert.ok(moved, 'another free slot is picked by keyboard');
    await checked(pp, 'booking-moving-en');
    await tabTo(page, '.cp-panel[data-service="hospital-registration"] button[type="submit"]');
    await page.keyboard.press('Enter');
    await pp.waitForState('held');
    await confirmByKeyboard(pp);
    const note = await pp.panel.locator('.cp-receipt__moved').innerText();
    assert.match(note, new RegExp(first), 'the ticket says which booking it replaced');
    const secondTicket = await pp.panel.locator('.cp-receipt').innerText();
    const second = secondTicket.match(/GH330100\d+/g).find((r) => r !== first);
    assert.ok(second, 'a new booking number');
    assert.notEqual(secondTicket.match(/\d\d:\d\d-\d\d:\d\d/)?.[0], firstTime, 'at another time');
    await checked(pp, 'booking-moved-en');
    const old = await page.evaluate(async ([base, reference]) => {
      for (let i = 0; i < 3; i++) {
        const r = await fetch(`${base}/hub/health/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reference }) });
        if (r.status !== 202) return (await r.json()).data?.status;
      }
      return 'still processing';
    }, [sandbox.url, first]);
    assert.equal(old, 'CANCELLED', 'the department cancelled the old booking');
    await tabTo(page, '.cp-cancel');
    await page.keyboard.press('Enter');
    await pp.waitForState('cancelled');
    await checked(pp, 'booking-cancelled-en');
    await context.close();
  });
});

describe('a hold given up', { timeout: 120_000 }, () => {
  useSandboxAndBrowser((s, b) => {
    sandbox = s;
    browser = b;
  });

  test('"change time or details" releases the hold at the department\'s release endpoint, not as a cancellation', async () => {
    const context = await newContext(browser, { clock: sandbox, locale: 'zh-CN' });
    const pp = await PanelPage.open(context, sandbox.url, { locale: 'zh-CN', service: 'vehicle-inspection-booking' });
    const page = pp.page;
    await fill(pp, 'vehicle-inspection-booking', 'zh-CN');
    await pp.submit.click();
    await pp.waitForState('held');
    const calls = [];
    page.on('request', (r) => r.url().includes('/hub/traffic/inspection-') && calls.push([new URL(r.url()).pathname, r.postData()]));
    const released = page.waitForRequest((r) => r.url().endsWith('/hub/traffic/inspection-release'));
    await pp.panel.locator('.cp-edit').click();
    const request = await released;
    const { reference } = JSON.parse(request.postData());
    assert.match(reference, /^JC\d+$/);
    await pp.waitForState('editing');
    await page.waitForTimeout(300);
    assert.deepEqual(calls.map((c) => c[0]), ['/hub/traffic/inspection-release'], 'one release, no cancel');
    // The department has the hold released (asking again answers the released hold), and it
    // can no longer be confirmed.
    const post = (path, body) => fetch(sandbox.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    const again = await post('/hub/traffic/inspection-release', { reference });
    assert.equal(again.data?.released, true, JSON.stringify(again));
    const confirm = await post('/hub/traffic/inspection-confirm', { reference });
    assert.equal(confirm.code, 'E6006', JSON.stringify(confirm));
    await context.close();
  });
});

describe('a hold that lapses', { timeout: 120_000 }, () => {
  useSandboxAndBrowser((s, b) => {
    sandbox = s;
    browser = b;
  }, ['--hold-seconds', '3']);

  test('the countdown follows the department\'s expiry; at zero the slot is picked again, and the next hold books', async () => {
    const context = await newContext(browser, { clock: sandbox, locale: 'zh-CN' });
    const pp = await PanelPage.open(context, sandbox.url, { locale: 'zh-CN', service: 'vehicle-inspection-booking' });
    const page = pp.page;
    await fill(pp, 'vehicle-inspection-booking', 'zh-CN');
    const picked = await pp.panel.locator('.cp-slot__radio:checked').getAttribute('value');
    await pp.submit.click();
    await pp.waitForState('held');
    const left = await pp.panel.locator('.cp-held__left').innerText();
    assert.match(left, /^0:0[0-3]$/, `the department holds for 3 s, not the descriptor's 5 min: ${left}`);
    await pp.waitForState('editing', 10_000);
    const summary = await pp.panel.locator('.cp-error-summary').innerText();
    assert.match(summary, /锁定已超时/, `the lapse is explained: ${summary}`);
    await focusMovesTo(page, '.cp-error-summary', 'focus moves to the summary');
    assert.equal(await pp.panel.locator('.cp-slot__radio:checked').count(), 0, 'the lapsed slot is no longer picked');
    await page.waitForFunction((v) => {
      const r = [...document.querySelectorAll('.cp-slot__radio')].find((x) => x.value === v);
      return r && !r.disabled;
    }, picked, { timeout: 5_000 }).catch(() => assert.fail(`the lapsed hold's place is free again in the reloaded slots (${picked})`));
    await checked(pp, 'booking-lapsed-zh-CN');
    await page.waitForSelector('.cp-slot__radio:not([disabled])');
    await pp.panel.locator('.cp-slot__radio:not([disabled])').first().check();
    await pp.submit.click();
    await pp.waitForState('held');
    await pp.confirmToReceipt();
    await context.close();
  });
});
