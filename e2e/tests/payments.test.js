// The same payment journey — water bill → order → the host's own payment → receipt → the bill
// shows paid and is not offered for payment again — in all four demo hosts: the wallet
// (keyboard only, with a cancelled first attempt), the shop, the iframe messenger, and the
// microblog without a wallet (the platform's payment page instead, as a link and a QR code).
// A payment already under way elsewhere is reconciled instead of paid again. A fresh sandbox
// per test.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startSandbox } from '../lib/sandbox.js';
import { launchBrowser, newContext, consoleErrors, requests } from '../lib/browser.js';
import { assertNoA11yViolations } from '../lib/axe.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';
import { asUser, providerSettle } from '../lib/identity.js';
import { tabTo } from '../lib/keyboard.js';

const ACCOUNT = '3301287645';
const PANEL = '.cp-panel[data-service="water-bill"]';
/** Each demo host's signed-in user (app/src/hosts.rs, embed/hosts/*.html). */
const HOST_USERS = { wallet: 'u-chen', shop: 'u-lin', messenger: 'u-huang', microblog: 'u-zhou' };
let browser;

/** Opens `host` and returns { page, ui } where `ui` is the page or the panel's frame. */
async function openHost(context, sandbox, host) {
  const page = await context.newPage();
  const errors = consoleErrors(page);
  let ui = page;
  if (host === 'microblog') {
    await page.goto(`${sandbox.url}/embed/hosts/microblog.html?locale=zh-CN`);
  } else if (host === 'messenger') {
    await page.goto(`${sandbox.url}/embed/hosts/messenger.html?locale=zh-CN`);
    ui = page.frameLocator('#panel');
  } else {
    await page.goto(`${sandbox.url}/?host=${host}&locale=zh-CN`);
  }
  await ui.locator('.cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
  return { page, ui, errors };
}

/** Opens the water bill from the catalog and starts paying it (by pointer). */
async function openBillAndPay(ui) {
  await ui.locator('.cp-catalog__item[data-service="water-bill"]').first().click(); // (a second tab also lists it under "recent")
  await ui.locator(`${PANEL} input[name="account"]`).fill(ACCOUNT);
  await ui.locator(`${PANEL} button[type="submit"]`).click();
  await billShown(ui);
  await ui.locator(`${PANEL} .cp-offer[data-effect="pay"] button`).click();
  await ui.locator('.cp-pay__go').click();
}

async function billShown(ui) {
  await ui.locator(`${PANEL}[data-state="success"]`).waitFor({ timeout: 15_000 });
}

/** The order's status on the platform. */
async function platformState(sandbox, order, host) {
  const r = await fetch(`${sandbox.url}/platform/pay/status`, {
    method: 'POST',
    headers: await asUser(sandbox, host, HOST_USERS[host]),
    body: JSON.stringify({ reference: order }),
  });
  return (await r.json()).state;
}

async function finish(sandbox, page, ui, host, errors, shot = `pay-${host}-receipt`) {
  const paid = ui.locator('.cp-pay[data-pay-state="paid"]');
  await paid.waitFor({ timeout: 20_000 });
  const order = (await ui.locator('.cp-pay__order').innerText()).match(/ord_[0-9a-f]+/)?.[0];
  assert.ok(order, 'the receipt names the order');
  assert.equal(await platformState(sandbox, order, host), 'paid', 'the platform has it paid');
  assert.match(await ui.locator('.cp-pay .cp-ticket, .cp-pay [data-widget="ticket"]').first().innerText(), /SW3301202504018826/);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${shot}.png`), fullPage: true });
  await ui.locator('.cp-pay__done').click();
  await billShown(ui);
  await ui.locator(`${PANEL} .cp-bill__badge, ${PANEL} [data-code]`).filter({ hasText: /已缴清|PAID|已缴/ }).first().waitFor({ timeout: 10_000 });
  assert.equal(await ui.locator(`${PANEL} .cp-offer[data-effect="pay"]`).count(), 0, 'a paid bill offers no payment');
  await ui.locator(`${PANEL} .cp-result__summary:focus`).waitFor({ timeout: 5_000 })
    .catch(() => assert.fail(`${host}: after paying, focus is on the refreshed bill's summary, not lost with the pay button`));
  // The host follows the account for the next bill (its own notifications).
  await ui.locator(`${PANEL} .cp-offer[data-effect="subscribe"] button`).click();
  await ui.locator(`${PANEL} .cp-offers__note[data-ok]`).waitFor({ timeout: 10_000 });
  // The platform's user is `host:sub` (docs/security.md).
  const subs = await (await fetch(`${sandbox.url}/api/v1/subscriptions?user=${host}:${HOST_USERS[host]}`, { headers: await asUser(sandbox, host, HOST_USERS[host]) })).json();
  assert.deepEqual(subs.subscriptions.map((x) => [x.topic, x.key, x.city]), [['bill-due', ACCOUNT, '330100']], `${host} subscribed in the panel's city`);
  await assertNoA11yViolations(page, `${host} paid`);
  assert.deepEqual(errors, [], `${host}: console errors`);
}

describe('the same payment in four hosts', { timeout: 300_000 }, () => {
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('wallet: keyboard only, a cancelled sheet first, then paid from the balance', async () => {
    const sandbox = await startSandbox();
    try {
      const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1000 } });
      const { page, ui, errors } = await openHost(context, sandbox, 'wallet');
      await page.locator('body').focus();
      await tabTo(page, '.cp-catalog__item[data-service="water-bill"]');
      await page.keyboard.press('Enter');
      await tabTo(page, `${PANEL} input[name="account"]`);
      await page.keyboard.type(ACCOUNT);
      await page.keyboard.press('Enter');
      await billShown(ui);
      await tabTo(page, `${PANEL} .cp-offer[data-effect="pay"] button`);
      await page.keyboard.press('Enter');
      await tabTo(page, '.cp-pay__go');
      requests(page, '/platform/pay/orders'); // counting starts now
      const orders = async () => requests(page, '/platform/pay/orders');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter').catch(() => {}); // a second press changes nothing
      await tabTo(page, '.demo-sheet[data-host="wallet"] .demo-sheet__cancel');
      await assertNoA11yViolations(page, 'wallet sheet');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'pay-wallet-sheet.png'), fullPage: true });
      assert.equal(await orders(), 1, 'one order for one attempt');
      await page.keyboard.press('Enter');
      await ui.locator('.cp-pay[data-pay-state="ready"] .cp-pay__note').waitFor();
      await tabTo(page, '.cp-pay__go');
      await page.keyboard.press('Enter');
      await tabTo(page, '.demo-sheet[data-host="wallet"] .demo-sheet__confirm');
      await page.keyboard.press('Enter');
      await finish(sandbox, page, ui, 'wallet', errors);
      assert.equal(await page.locator('.demo-wallet__amount').innerText(), '¥2,629.20', 'paid once from the balance');
      await context.close();
    } finally {
      await sandbox.stop();
    }
  });

  // Hosts whose own sheet takes the money: the Leptos shop shell, and the iframe messenger
  // (its JS sheet opens on the host page, the panel is in the frame).
  for (const [host, sheet, what] of [
    ['shop', '.demo-sheet[data-host="shop"] .demo-sheet__confirm', 'its checkout sheet'],
    ['messenger', '.demo-sheet .demo-sheet__confirm', 'iframe over postMessage, the host page opens its pay sheet'],
  ]) {
    test(`${host}: ${what}`, async () => {
      const sandbox = await startSandbox();
      try {
        const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1000 } });
        const { page, ui, errors } = await openHost(context, sandbox, host);
        await openBillAndPay(ui);
        await page.locator(sheet).click();
        await finish(sandbox, page, ui, host, errors);
        await context.close();
      } finally {
        await sandbox.stop();
      }
    });
  }

  test('a payment already under way (begun before a reload, or on another device) is reconciled, never paid twice', async () => {
    const sandbox = await startSandbox();
    try {
      /** An order of the bill begun elsewhere by `user` (a token the wallet host signs), left `processing`. */
      const begin = async (user, key) => {
        const minted = await fetch(`${sandbox.url}/admin/tokens`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ host: 'wallet', sub: user, ttl_s: 600 }),
        });
        const { token } = await minted.json();
        const created = await fetch(`${sandbox.url}/platform/pay/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key, authorization: `Bearer ${token}` },
          body: JSON.stringify({ service: 'water-bill', city: '330100', reference: 'SW3301202504018826', amount: '51.30' }),
        });
        assert.equal(created.status, 201, await created.clone().text());
        const { orderNo } = await created.json();
        // The phone's wallet reports through its payment provider (signed, server-side).
        const settle = async (outcome) => {
          const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
          const r = await providerSettle(sandbox, headers, orderNo, outcome);
          assert.equal(r.status, 200, await r.text());
        };
        await settle('processing');
        return { orderNo, settle };
      };
      const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1000 } });
      const { page, ui, errors } = await openHost(context, sandbox, 'wallet');
      requests(page, '/platform/pay/orders'); // counting starts now
      const orders = async () => requests(page, '/platform/pay/orders');
      const sheets = () => page.locator('.demo-sheet').count();

      // Someone else (a family member) is paying it: said so, nothing to reconcile, retry later.
      const theirs = await begin('u-lin', 'family-phone-0001');
      await openBillAndPay(ui);
      await ui.locator('.cp-pay[data-pay-state="failed"] .cp-pay__status').filter({ hasText: '另有一笔支付正在处理' }).waitFor({ timeout: 10_000 });
      assert.equal(await sheets(), 0, 'no wallet sheet for a bill being paid');
      await assertNoA11yViolations(page, 'bill paid by someone else');
      await theirs.settle('failed');

      // The citizen's own phone is paying it: this panel follows that order to its end.
      const mine = await begin('u-chen', 'own-phone-0001');
      await ui.locator('.cp-pay__go').click();
      const checking = ui.locator('.cp-pay[data-pay-state="checking"] .cp-pay__status');
      await checking.filter({ hasText: '这笔账单已有一笔支付正在处理' }).waitFor({ timeout: 10_000 });
      assert.equal(await orders(), 2, 'each press one order request, each refused: no order of this panel');
      assert.equal(await sheets(), 0, 'the wallet sheet never opens');
      assert.equal(await ui.locator('.cp-pay__go').count(), 0, 'no pay button while that payment is checked');
      await assertNoA11yViolations(page, 'own payment under way elsewhere');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'pay-wallet-in-flight.png'), fullPage: true });

      await mine.settle('success');
      await ui.locator('.cp-pay[data-pay-state="paid"]').waitFor({ timeout: 20_000 });
      assert.match(await ui.locator('.cp-pay__order').innerText(), new RegExp(mine.orderNo), 'the receipt is of the order paid on the phone');
      assert.equal(await page.locator('.demo-wallet__amount').innerText(), '¥2,680.50', 'nothing taken from this wallet');
      assert.equal(await orders(), 2);
      // The refused order requests are the only console errors (the browser logs every 409).
      const refusals = errors.splice(0).filter((e) => !/status of 409/.test(e));
      assert.deepEqual(refusals, [], 'console errors besides the two refusals');
      await finish(sandbox, page, ui, 'wallet', errors, 'pay-wallet-in-flight-receipt');
      await context.close();
    } finally {
      await sandbox.stop();
    }
  });

  test('two tabs, two sheets open at once, both confirmed: the bill is paid once and the second tab says so', async () => {
    const sandbox = await startSandbox();
    try {
      const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1000 } });
      const tabs = [];
      for (let i = 0; i < 2; i += 1) {
        const tab = await openHost(context, sandbox, 'wallet');
        await openBillAndPay(tab.ui);
        await tab.page.locator('.demo-sheet[data-host="wallet"] .demo-sheet__confirm').waitFor();
        tabs.push(tab);
      }
      const [first, second] = tabs;
      await first.page.locator('.demo-sheet[data-host="wallet"] .demo-sheet__confirm').click();
      await first.ui.locator('.cp-pay[data-pay-state="paid"]').waitFor({ timeout: 20_000 });
      await second.page.locator('.demo-sheet[data-host="wallet"] .demo-sheet__confirm').click();
      const said = second.ui.locator('.cp-pay[data-pay-state="failed"] .cp-pay__status');
      await said.filter({ hasText: '该账单已缴清，无需重复缴纳。' }).waitFor({ timeout: 20_000 });
      assert.equal(await second.ui.locator('.cp-pay__go').count(), 0, 'no retry offered for a paid bill');
      assert.equal(await first.page.locator('.demo-wallet__amount').innerText(), '¥2,629.20', 'the first tab paid');
      assert.equal(await second.page.locator('.demo-wallet__amount').innerText(), '¥2,680.50', 'the second took nothing');
      const all = await (await fetch(`${sandbox.url}/api/v1/orders?reference=SW3301202504018826`, { headers: await asUser(sandbox, 'wallet', 'u-chen') })).json();
      assert.deepEqual(all.orders.map((o) => o.status).sort(), ['cancelled', 'paid'], 'one order paid, the other cancelled');
      await assertNoA11yViolations(second.page, 'second tab: already paid');
      // The browser logs the host's refused settle (409) in the second tab; nothing else.
      assert.deepEqual(second.errors.filter((e) => !/status of 409/.test(e)), []);
      assert.deepEqual(first.errors, []);
      await second.ui.locator('.cp-pay__done').click();
      await second.ui.locator(`${PANEL} .cp-bill__badge, ${PANEL} [data-code]`).filter({ hasText: /已缴清|PAID|已缴/ }).first().waitFor({ timeout: 10_000 });
      await context.close();
    } finally {
      await sandbox.stop();
    }
  });

  test('microblog: no wallet, paid on the platform payment page, then reconciled', async () => {
    const sandbox = await startSandbox();
    try {
      const context = await newContext(browser, { clock: sandbox, viewport: { width: 420, height: 900 } });
      const { page, ui, errors } = await openHost(context, sandbox, 'microblog');
      await openBillAndPay(ui);
      const link = ui.locator('.cp-pay__page');
      await link.waitFor();
      // Beside the link, the same page as a QR code the platform draws, to pay on a phone.
      const qr = ui.locator('.cp-pay__qr');
      assert.equal(await qr.getAttribute('alt'), '扫码支付 ¥51.30');
      const loaded = await qr.evaluate((img) => img.decode().then(() => img.naturalWidth, () => 0));
      assert.ok(loaded > 0, 'the QR code image loads');
      const order = (a) => new URL(a, sandbox.url).searchParams.get('order');
      const src = await qr.getAttribute('src');
      assert.match(src, /\/platform\/pay\/qr\?order=ord_/);
      assert.equal(order(src), order(await link.getAttribute('href')), 'the code and the link are one order');
      const svg = await fetch(new URL(src, sandbox.url));
      assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
      await assertNoA11yViolations(page, 'microblog fallback');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'pay-microblog-fallback.png'), fullPage: true });
      const payPage = await context.newPage();
      await payPage.goto(new URL(await link.getAttribute('href'), sandbox.url).href);
      await payPage.locator('#pay').click();
      await payPage.locator('#result').filter({ hasText: /Paid/ }).waitFor();
      await ui.locator('.cp-pay__paid').click();
      await finish(sandbox, page, ui, 'microblog', errors);
      await context.close();
    } finally {
      await sandbox.stop();
    }
  });
});
