// Time of day, on purpose: the sandbox (`--now`) and the browser (Playwright's clock) are
// pinned to chosen instants in Beijing time. At night a service outside its opening hours says
// so, cannot be submitted, and opens at its opening minute without a reload; at noon the same
// service works; in a year-end maintenance window a bill can still be looked up while paying it
// is paused, in the panel and on the platform.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startSandbox } from '../lib/sandbox.js';
import { launchBrowser, newContext, consoleErrors } from '../lib/browser.js';
import { assertNoA11yViolations } from '../lib/axe.js';
import { PanelPage } from '../lib/panel.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';
import { asUser } from '../lib/identity.js';
import { CHEN } from '../lib/plans.js';

let browser;

/** Opens one service of Hangzhou in the demo at the sandbox's time. */
async function openService(sandbox, service, locale = 'zh-CN', options = {}) {
  const context = await newContext(browser, { clock: sandbox, ...options });
  const page = await context.newPage();
  const errors = consoleErrors(page);
  const pp = new PanelPage(page, sandbox.url, service);
  await page.goto(`${sandbox.url}/?locale=${locale}&city=330100&service=${service}`);
  await pp.panel.waitFor({ timeout: 15_000 });
  return { context, page, pp, errors };
}

/** Runs `body(sandbox)` against a sandbox whose clock starts at `now`, then stops it. */
async function at(now, body) {
  const sandbox = await startSandbox([], { now });
  try {
    await body(sandbox);
  } finally {
    await sandbox.stop();
  }
}

const shot = (page, name) =>
  page.screenshot({ path: path.join(SCREENSHOT_DIR, `clock-${name}.png`), fullPage: true });

describe('the time of day, pinned', { timeout: 180_000 }, () => {
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('03:00 Beijing: closed outside its hours, says when it opens, opens at 06:00', async () => {
    await at('2026-06-10T03:00:00+08:00', async (sandbox) => {
      const { context, page, pp, errors } = await openService(sandbox, 'social-security-records');
      const note = pp.panel.locator('.cp-availability[data-availability="closed"]');
      await note.waitFor();
      assert.match(await note.innerText(), /2026-06-10 06:00/, 'the notice says when it opens');
      assert.doesNotMatch(await note.innerText(), /北京时间/, 'a reader on Beijing time needs no zone');
      // A reader abroad is told the time is Beijing's.
      const abroad = await openService(sandbox, 'social-security-records', 'en', { timezoneId: 'Europe/Berlin' });
      const noteAbroad = abroad.pp.panel.locator('.cp-availability[data-availability="closed"]');
      await noteAbroad.waitFor();
      assert.match(await noteAbroad.innerText(), /Opens again: 2026-06-10 06:00 Beijing time/);
      assert.deepEqual(abroad.errors, []);
      await abroad.context.close();
      assert.equal(await pp.submit.isDisabled(), true, 'cannot be submitted while closed');
      await pp.input('id_number').fill(CHEN.id);
      await pp.input('name').fill(CHEN.name);
      await pp.submit.click({ force: true }).catch(() => {});
      assert.equal(await pp.state(), 'editing', 'a click on the disabled button sends nothing');
      assert.equal(pp.requests.filter((r) => r.url.includes('/hub/')).length, 0);
      await shot(page, 'night-closed');
      await assertNoA11yViolations(page, 'closed at night');
      // 05:59:59 still closed; at 06:00 it opens by itself, with what was typed kept.
      await context.clock.pauseAt(Date.parse('2026-06-10T05:59:59+08:00'));
      assert.equal(await pp.submit.isDisabled(), true, 'still closed at 05:59:59');
      await context.clock.runFor(2_000);
      await page.waitForFunction(
        (sel) => !document.querySelector(`${sel} button[type="submit"]`)?.disabled,
        pp.selector,
        { timeout: 5_000 },
      ).catch(() => assert.fail('the panel did not open at 06:00'));
      assert.equal(await note.count(), 0, 'the closed notice is gone');
      await context.clock.resume();
      assert.equal(await pp.input('id_number').inputValue(), CHEN.id, 'what was typed is kept');
      await pp.submit.click();
      await pp.waitForState('success');
      assert.deepEqual(errors, []);
      await context.close();
    });
  });

  test('03:00 Beijing: the catalog marks the closed service, the rest stay open', async () => {
    await at('2026-06-10T03:00:00+08:00', async (sandbox) => {
      const context = await newContext(browser, { clock: sandbox });
      const page = await context.newPage();
      await page.goto(`${sandbox.url}/?locale=en&city=330100`);
      await page.locator('.cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
      const badges = await page.locator('.cp-catalog__item').evaluateAll((els) =>
        Object.fromEntries(els.map((e) => [e.querySelector('.cp-catalog__name')?.textContent, e.querySelector('.cp-catalog__badge')?.dataset.availability])),
      );
      assert.equal(badges['Social insurance contribution records'], 'closed', JSON.stringify(badges));
      const others = Object.entries(badges).filter(([name]) => name !== 'Social insurance contribution records');
      assert.ok(others.every(([, b]) => b === 'open'), JSON.stringify(badges));
      await shot(page, 'night-catalog');
      await context.close();
    });
  });

  test('12:00 Beijing: the same service is open and answers', async () => {
    await at('2026-06-10T12:00:00+08:00', async (sandbox) => {
      const { context, pp, errors } = await openService(sandbox, 'social-security-records', 'en');
      assert.equal(await pp.panel.locator('.cp-availability').count(), 0);
      await pp.input('id_number').fill(CHEN.id);
      await pp.input('name').fill(CHEN.name);
      await pp.submit.click();
      await pp.waitForState('success');
      assert.deepEqual(errors, []);
      await context.close();
    });
  });

  test('year-end window: the electricity bill is looked up, paying it is paused (panel and platform)', async () => {
    await at('2025-12-31T23:30:00+08:00', async (sandbox) => {
      const { context, page, pp, errors } = await openService(sandbox, 'electricity-bill');
      assert.equal(await pp.panel.locator('form .cp-availability, .cp-panel > .cp-availability').count(), 0, 'the lookup is open');
      await pp.input('account').fill('3306012345');
      await pp.submit.click();
      await pp.waitForState('success');
      const paused = pp.panel.locator('.cp-availability[data-availability="paused"]');
      await paused.waitFor();
      assert.match(await paused.innerText(), /年终结账期间暂停缴费/);
      await shot(page, 'year-end-paused');
      await assertNoA11yViolations(page, 'payment paused at year end');
      const payButtons = pp.panel.locator('.cp-offer[data-effect="pay"] button:not([disabled])');
      assert.equal(await payButtons.count(), 0, 'no enabled pay button while payments are paused');
      // The platform refuses an order for it, whatever a client sends.
      const refused = await fetch(`${sandbox.url}/platform/pay/orders`, {
        method: 'POST',
        headers: await asUser(sandbox, 'wallet', 'u-chen', { 'idempotency-key': 'clock-year-end-1' }),
        body: JSON.stringify({ service: 'electricity-bill', city: '330100', reference: 'GW3301202504000123456', amount: '136.80' }),
    });
    assert.equal(refused.status, 503, await refused.clone().text());
    assert.equal((await refused.json()).error.code, 'payment_paused');
    assert.deepEqual(errors, []);
    await context.close();
    });
  });
});
