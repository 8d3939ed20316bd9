// "My City": what the citizen handled, paid and follows through the panels, across
// departments, in one place — in the wallet host (signed in), after a real transaction, a real
// payment from the wallet and a reminder, each recorded once; a reminder stopped; a service
// opened from there at its receipt and back; English; a booking opened from My City at its
// ticket and cancelled there is one appointment, shown cancelled. Signed out (no identity in the
// bridge), it says so.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newContext, consoleErrors, until } from '../lib/browser.js';
import { useSandboxAndBrowser } from '../lib/setup.js';
import { assertNoA11yViolations } from '../lib/axe.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';
import { PanelPage } from '../lib/panel.js';
import { fill } from '../lib/plans.js';
import { asUser } from '../lib/identity.js';
import { tabTo, focusMovesTo } from '../lib/keyboard.js';

const ACCOUNT = '3301287645';
/** The bill the water company issues for that account (what the order pays). */
const BILL = 'SW3301202504018826';
const WATER = '.cp-panel[data-service="water-bill"]';
const REMINDERS = '.cp-panel[data-service="violation-reminders"]';
const MINE = '.cp-mine';
/** The wallet host's signed-in demo user (app/src/hosts.rs). */
/** The wallet's user as the platform sees it: `host:sub` (docs/security.md). */
const WALLET_USER = 'wallet:u-chen';

let sandbox;
let browser;

const shot = (page, name) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `my-city-${name}.png`), fullPage: true });

async function openMine(page) {
  await page.locator('.demo-host__mine').click();
  await page.locator(`${MINE}[data-state="ready"]`).waitFor({ timeout: 15_000 });
}

async function backToCatalog(page) {
  await page.locator('.demo-host__back').first().click();
  await page.locator('.cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
}

describe('My City', { timeout: 240_000 }, () => {
  useSandboxAndBrowser((s, b) => {
    sandbox = s;
    browser = b;
  });

  test('wallet: a handled application, a payment and a reminder show in My City, each once; a reminder stopped; a service opened from there', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1100 } });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    const reports = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().includes('/api/v1/me/records') && reports.push(r.postDataJSON()));
    await page.goto(`${sandbox.url}/?host=wallet&locale=zh-CN`);
    await page.locator('.cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });

    // Nothing yet: asked first whether departments may be asked (my-city-person.test.js);
    // "not now" asks none of them.
    await openMine(page);
    await page.locator(`${MINE} .cp-ask__decline`).click();
    await page.locator(`${MINE} .cp-empty`).waitFor({ timeout: 10_000 });
    assert.match(await page.locator(`${MINE} .cp-empty`).innerText(), /还没有记录/);
    assert.match(await page.locator(`${MINE} .cp-panel__title`).innerText(), /我的城市 · 杭州/);
    await assertNoA11yViolations(page, 'my city, empty');
    await backToCatalog(page);

    // A payment from the wallet, and the account followed for the next bill.
    await page.locator('.cp-catalog__item[data-service="water-bill"]').click();
    await page.locator(`${WATER} input[name="account"]`).fill(ACCOUNT);
    await page.locator(`${WATER} button[type="submit"]`).click();
    await page.locator(`${WATER}[data-state="success"]`).waitFor({ timeout: 15_000 });
    await page.locator(`${WATER} .cp-offer[data-effect="pay"] button`).click();
    await page.locator('.cp-pay__go').click();
    await page.locator('.demo-sheet[data-host="wallet"] .demo-sheet__confirm').click();
    await page.locator('.cp-pay[data-pay-state="paid"]').waitFor({ timeout: 20_000 });
    await page.locator('.cp-pay__done').click();
    await page.locator(`${WATER}[data-state="success"]`).waitFor({ timeout: 15_000 });
    await page.locator(`${WATER} .cp-offer[data-effect="subscribe"] button`).click();
    await page.locator(`${WATER} .cp-offers__note[data-ok]`).waitFor({ timeout: 10_000 });
    assert.deepEqual(reports, [], 'payments are the platform\'s own orders: nothing is reported for them');
    await backToCatalog(page);

    // An application handled at the traffic police (a transaction with a receipt).
    await page.locator('.cp-catalog__item[data-service="violation-reminders"]').click();
    await page.locator(`${REMINDERS} input[name="plate"]`).fill('浙A12345');
    await page.locator(`${REMINDERS} input[name="engine"]`).fill('123456');
    await page.locator(`${REMINDERS} input[name="mobile"]`).fill('13800138000');
    await page.locator(`${REMINDERS} input[name="consent"]`).check();
    await page.locator(`${REMINDERS} button[type="submit"]`).click();
    await page.locator(`${REMINDERS}[data-state="review"]`).waitFor({ timeout: 15_000 });
    await page.locator(`${REMINDERS} .cp-confirm`).click();
    await page.locator(`${REMINDERS}[data-state="done"]`).waitFor({ timeout: 20_000 });
    await until(() => reports.length >= 1, 'the receipt was reported to My City');
    assert.equal(reports.length, 1, 'the receipt is reported once');
    assert.deepEqual(
      { ...reports[0], reference: typeof reports[0].reference },
      { service: 'violation-reminders', city: '330100', kind: 'transaction', state: 'done', reference: 'string' },
    );
    const reference = reports[0].reference;
    assert.ok(reference.length > 0);
    await backToCatalog(page);

    // My City, across departments: the application, the payment, the reminder.
    await openMine(page);
    const handled = page.locator(`${MINE} .cp-mine__item[data-kind="transaction"]`);
    assert.equal(await handled.count(), 1);
    assert.equal(await handled.getAttribute('data-service'), 'violation-reminders');
    assert.match(await handled.innerText(), new RegExp(`交通违法提醒订阅[\\s\\S]*已提交[\\s\\S]*${reference}`));
    const paid = page.locator(`${MINE} .cp-mine__item[data-kind="payment"]`);
    assert.equal(await paid.count(), 1, 'one payment: the paid order only');
    assert.equal(await paid.getAttribute('data-state'), 'paid');
    assert.match(await paid.innerText(), new RegExp(`水费[\\s\\S]*已缴费[\\s\\S]*¥51\\.30 · 单号 ${BILL}`));
    const follows = page.locator(`${MINE} .cp-mine__item[data-kind="follow"]`);
    assert.equal(await follows.count(), 1);
    assert.match(await follows.innerText(), new RegExp(`账单提醒 · ${ACCOUNT}`));
    const groups = await page.locator(`${MINE} .cp-mine__group`).allInnerTexts();
    assert.deepEqual(groups, ['我的办件', '缴费记录', '我的关注']);
    await shot(page, 'wallet-zh');
    await assertNoA11yViolations(page, 'my city, ready');

    // The application opened from My City at its receipt, and back.
    await handled.locator('.cp-mine__open').click();
    await page.locator(`${REMINDERS}[data-state="done"]`).waitFor({ timeout: 15_000 });
    assert.match(await page.locator(`${REMINDERS} .cp-receipt`).innerText(), new RegExp(reference));
    await page.locator('.demo-host__back').click();
    await page.locator(`${MINE}[data-state="ready"]`).waitFor({ timeout: 15_000 });

    // Stop following: gone on screen and on the platform.
    await follows.locator('.cp-mine__unfollow').click();
    await follows.waitFor({ state: 'detached', timeout: 10_000 });
    const subs = await (await fetch(`${sandbox.url}/api/v1/subscriptions?user=${WALLET_USER}`, { headers: await asUser(sandbox, 'wallet', 'u-chen') })).json();
    assert.deepEqual(subs.subscriptions, [], 'the platform no longer holds the reminder');

    // Open the service from My City; back returns to My City.
    await paid.locator('.cp-mine__open').click();
    await page.locator(`${WATER}[data-state="editing"]`).waitFor({ timeout: 15_000 });
    assert.match(await page.locator('.demo-host__back').innerText(), /我的城市/);
    await page.locator('.demo-host__back').click();
    await page.locator(`${MINE}[data-state="ready"]`).waitFor({ timeout: 15_000 });

    // English, in place.
    await page.locator('.demo-host__locale button[lang="en"]').click();
    await page.locator(`${MINE} .cp-mine__group`, { hasText: 'Applications' }).waitFor();
    assert.match(await page.locator(`${MINE} .cp-panel__title`).innerText(), /My City · Hangzhou/);
    assert.match(await paid.innerText(), new RegExp(`Paid[\\s\\S]*¥51\\.30 · Ref\\. ${BILL}`));
    await shot(page, 'wallet-en');
    await assertNoA11yViolations(page, 'my city, en');

    // Only this citizen's: another user has nothing.
    const other = await (await fetch(`${sandbox.url}/api/v1/me?city=330100`, { headers: await asUser(sandbox, 'wallet', 'u-lin') })).json();
    assert.deepEqual([other.records, other.payments, other.following], [[], [], []]);
    assert.deepEqual(errors, [], 'console errors');
    await context.close();
  });

  test('wallet: a booking is in My City; opened from there at its ticket and cancelled; still one appointment, shown cancelled, and opened cancelled', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1100 } });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    const reports = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().includes('/api/v1/me/records') && reports.push(r.postDataJSON()));
    const reported = (n) => until(() => reports.length === n, `${n} reports to My City`);
    await page.goto(`${sandbox.url}/?host=wallet&locale=zh-CN`);
    await page.locator('.cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
    await page.locator('.cp-catalog__item[data-service="vehicle-inspection-booking"]').click();
    const pp = new PanelPage(page, sandbox.url, 'vehicle-inspection-booking');
    await pp.waitForState('editing');
    await fill(pp, 'vehicle-inspection-booking', 'zh-CN');
    await pp.submit.click();
    await pp.waitForState('held');
    await pp.confirmToReceipt();
    await reported(1);
    const { reference } = reports[0];
    const ticket = await pp.panel.locator('.cp-receipt').innerText();
    assert.match(ticket, new RegExp(reference), 'the number reported is the ticket\'s');
    await backToCatalog(page);

    // In My City; opened from there at its ticket (read from the department by its number).
    await openMine(page);
    const appointment = page.locator(`${MINE} .cp-mine__item[data-kind="booking"]`);
    assert.equal(await appointment.getAttribute('data-state'), 'done');
    assert.match(await appointment.innerText(), new RegExp(`机动车年检预约[\\s\\S]*已预约[\\s\\S]*编号 ${reference}`));
    await appointment.locator('.cp-mine__open').click();
    await pp.waitForState('done');
    assert.equal(await pp.panel.locator('.cp-receipt').innerText(), ticket, 'the same ticket as when it was booked');
    await shot(page, 'booking-reopened');
    await assertNoA11yViolations(page, 'a booking reopened from my city');
    await pp.panel.locator('.cp-cancel').click();
    await pp.waitForState('cancelled');
    await reported(2); // reopened, it is not reported done again: only its cancel is news
    assert.deepEqual(reports.map((r) => [r.kind, r.reference, r.state]), [['booking', reference, 'done'], ['booking', reference, 'cancelled']]);
    assert.match(await page.locator('.demo-host__back').innerText(), /我的城市/);
    await page.locator('.demo-host__back').click();

    // Still one appointment, now cancelled; opened again, it shows cancelled.
    await page.locator(`${MINE}[data-state="ready"]`).waitFor({ timeout: 15_000 });
    assert.equal(await appointment.count(), 1, 'one appointment: the same booking, not a second one');
    assert.equal(await appointment.getAttribute('data-state'), 'cancelled');
    assert.match(await appointment.innerText(), /已取消/);
    assert.equal((await page.locator(`${MINE} .cp-mine__group`).allInnerTexts())[0], '我的预约', 'appointments come first');
    await shot(page, 'booking-cancelled');
    await assertNoA11yViolations(page, 'my city, a cancelled booking');
    await appointment.locator('.cp-mine__open').click();
    await pp.waitForState('cancelled');
    assert.equal(await pp.panel.locator('.cp-cancel').count(), 0, 'nothing left to cancel');
    assert.equal(reports.length, 2, 'opening a cancelled booking reports nothing');
    const mine = await (await fetch(`${sandbox.url}/api/v1/me?city=330100&user=${WALLET_USER}`, { headers: await asUser(sandbox, 'wallet', 'u-chen') })).json();
    assert.deepEqual(mine.records.filter((r) => r.kind === 'booking').map((r) => [r.reference, r.state]), [[reference, 'cancelled']]);
    assert.deepEqual(errors, [], 'console errors');
    await context.close();
  });

  test('the plain-JS host (custom element) and the iframe host reach My City from their catalog and back', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 420, height: 900 } });
    // The microblog's user follows a plate (as its host does through the platform).
    const followed = await fetch(`${sandbox.url}/api/v1/subscriptions`, {
      method: 'POST',
      headers: await asUser(sandbox, 'microblog', 'u-zhou'),
      body: JSON.stringify({ topic: 'violations', key: '浙A99999', user: 'microblog:u-zhou', city: '330100' }),
    });
    assert.equal(followed.status, 201);
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${sandbox.url}/embed/hosts/microblog.html`);
    await page.locator('city-services .cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
    await page.locator('city-services .cp-embed__mine').click();
    await page.locator(`city-services ${MINE}[data-state="ready"]`).waitFor({ timeout: 15_000 });
    assert.equal(await page.locator(`city-services ${MINE} .cp-mine__item[data-kind="follow"] .cp-mine__name`).innerText(), '违章提醒 · 浙A***99', 'the plate masked');
    await assertNoA11yViolations(page, 'my city in the microblog (dark)');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'my-city-microblog.png'), fullPage: true });
    await page.locator('city-services .cp-embed__back').click();
    await page.locator('city-services .cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
    assert.deepEqual(errors, [], 'microblog console errors');

    // The messenger runs the panel in an iframe: identity over postMessage.
    const messenger = await context.newPage();
    const messengerErrors = consoleErrors(messenger);
    await messenger.goto(`${sandbox.url}/embed/hosts/messenger.html`);
    const frame = messenger.frameLocator('#panel');
    await frame.locator('.cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
    await frame.locator('.cp-embed__mine').click();
    await frame.locator(`${MINE}[data-state="ready"] .cp-ask__decline`).click({ timeout: 15_000 });
    await frame.locator(`${MINE}[data-state="ready"] .cp-empty`).waitFor({ timeout: 15_000 });
    await assertNoA11yViolations(messenger, 'my city in the messenger iframe');
    assert.deepEqual(messengerErrors, [], 'messenger console errors');
    await context.close();
  });

  test('keyboard: each navigation (to My City, back, into a service) puts focus on the new screen\'s heading, in the wallet and in the JS element', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1000 } });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${sandbox.url}/?host=wallet&locale=zh-CN`);
    await page.locator('.cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
    await page.locator('body').focus();
    await tabTo(page, '.demo-host__mine');
    await page.keyboard.press('Enter');
    await focusMovesTo(page, '.cp-mine .cp-panel__title', 'wallet: My City\'s heading');
    await tabTo(page, '.demo-host__back', { back: true });
    await page.keyboard.press('Enter');
    await focusMovesTo(page, '.cp-catalog .cp-panel__title', 'wallet: back to the catalog\'s heading');
    await tabTo(page, '.cp-catalog__item[data-service="water-bill"]');
    await page.keyboard.press('Enter');
    await focusMovesTo(page, `${WATER} .cp-panel__title`, 'wallet: the service\'s heading, once its descriptor loaded', 10_000);
    await tabTo(page, `${WATER} input[name="account"]`);

    const blog = await context.newPage();
    const blogErrors = consoleErrors(blog);
    await blog.goto(`${sandbox.url}/embed/hosts/microblog.html`);
    await blog.locator('city-services .cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
    await blog.locator('body').focus();
    await tabTo(blog, 'city-services .cp-embed__mine');
    await blog.keyboard.press('Enter');
    await focusMovesTo(blog, 'city-services .cp-mine .cp-panel__title', 'microblog: My City\'s heading');
    await tabTo(blog, 'city-services .cp-embed__back', { back: true });
    await blog.keyboard.press('Enter');
    await focusMovesTo(blog, 'city-services .cp-catalog .cp-panel__title', 'microblog: back to the catalog\'s heading');
    await tabTo(blog, 'city-services .cp-catalog__item[data-service="traffic-violations"]');
    await blog.keyboard.press('Enter');
    await focusMovesTo(blog, 'city-services .cp-panel[data-service="traffic-violations"] .cp-panel__title', 'microblog: the service\'s heading', 10_000);
    assert.deepEqual([...errors, ...blogErrors], [], 'console errors');
    await context.close();
  });

  test('signed out (a host without identity): My City says to sign in, and nothing is asked of the platform', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    const asked = [];
    page.on('request', (r) => r.url().includes('/api/v1/me') && asked.push(r.url()));
    await page.goto(`${sandbox.url}/embed/examples/quickstart.html`);
    await page.evaluate(async () => {
      const { mount } = await import('/embed/citypanel.js');
      const el = document.createElement('div');
      el.id = 'mine';
      document.body.append(el);
      await mount(el, { city: '330100', locale: 'en', view: 'mine', bridge: { version: '1.0', capabilities: [] } });
    });
    // Read in the page, as embed.test.js does for elements mounted from `page.evaluate`.
    const signedOut = await page.waitForFunction(
      () => document.querySelector('#mine .cp-mine[data-state="signed-out"] .cp-mine__signed-out')?.textContent,
      null,
      { timeout: 15_000 },
    );
    const said = [await signedOut.jsonValue(), await page.evaluate(() => document.querySelectorAll('#mine .cp-embed__back').length)];
    assert.match(said[0], /Sign in to see your appointments/);
    assert.equal(said[1], 0, 'My City shown first has no way "back" to a catalog');
    assert.deepEqual(asked, []);
    await assertNoA11yViolations(page, 'my city, signed out');
    assert.deepEqual(errors, [], 'console errors');
    // A config asking for both is refused with a precise error.
    const refused = await page.evaluate(async () => {
      const { mount } = await import('/embed/citypanel.js');
      return mount(document.createElement('div'), { city: '330100', view: 'mine', service: 'water-bill' }).then(() => 'mounted', (e) => e.message);
    });
    assert.match(refused, /`config.view` `mine` .* cannot be combined with `config.service`/);
    await context.close();
  });
});
