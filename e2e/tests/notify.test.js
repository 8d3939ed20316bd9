// `notify`: the host passes on a change its push service learnt of — here, the water bill on
// screen was paid from another device — and the panel showing that account refreshes the bill
// in place and says so. Through `handle.notify` (a page embedding with `mount`) and through the
// iframe bridge (`connection.notify`, the messenger host). Notices about other keys or topics
// change nothing; malformed ones are refused with the reason.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launchBrowser, newContext, consoleErrors, requests } from '../lib/browser.js';
import { startSandbox } from '../lib/sandbox.js';
import { assertNoA11yViolations } from '../lib/axe.js';
import { asUser, providerSettle } from '../lib/identity.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';

const ACCOUNT = '3301287645';
const BILL_NO = 'SW3301202504018826';
const PANEL = '.cp-panel[data-service="water-bill"]';
let sandbox;
let browser;

/** Pays the bill the way another device would: an order on the platform (as the wallet's
 * citizen: personal routes need a token), paid through the wallet's payment provider. */
async function payElsewhere(key) {
  const headers = await asUser(sandbox, 'wallet', 'u-chen');
  const created = await fetch(`${sandbox.url}/platform/pay/orders`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': key },
    body: JSON.stringify({ service: 'water-bill', city: '330100', reference: BILL_NO, amount: '51.30' }),
  });
  assert.equal(created.status, 201, await created.clone().text());
  const { orderNo: id } = await created.json();
  const settled = await providerSettle(sandbox, headers, id, 'success');
  assert.equal(settled.status, 200, await settled.clone().text());
}

/** Bill requests the page (or frame) made so far. */
const billRequests = async (target) => requests(target, 'hz-water');

async function queryBill(ui) {
  await ui.locator(`${PANEL} input[name="account"]`).fill(ACCOUNT);
  await ui.locator(`${PANEL} button[type="submit"]`).click();
  await ui.locator(`${PANEL}[data-state="success"]`).waitFor({ timeout: 15_000 });
  await ui.locator(`${PANEL} .cp-offer[data-effect="pay"]`).waitFor();
}

async function paidShown(ui) {
  await ui.locator(`${PANEL} .cp-offer[data-effect="pay"]`).waitFor({ state: 'detached', timeout: 15_000 });
  await ui.locator(`${PANEL} .cp-bill__badge, ${PANEL} [data-code]`).filter({ hasText: /已缴清|paid|已缴/i }).first().waitFor({ timeout: 10_000 });
}

describe('host notices refresh the result they are about', { timeout: 180_000 }, () => {
  // Each test pays the one bill, so each gets a sandbox of its own.
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(async () => {
    await sandbox?.stop();
  });

  test('handle.notify: other keys and topics change nothing; the right one refreshes and is announced', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${sandbox.url}/embed/examples/quickstart.html`);
    await page.evaluate(async () => {
      const { mount } = await import('/embed/citypanel.js');
      const el = document.createElement('div');
      el.id = 'bill';
      document.body.prepend(el);
      window.bill = await mount(el, { city: '330100', locale: 'zh-CN', service: 'water-bill' });
    });
    // Nothing shown yet: no panel is about the account.
    assert.equal(await page.evaluate((key) => window.bill.notify({ topic: 'bill-due', key }), ACCOUNT), false);
    await queryBill(page);
    const before = await billRequests(page);

    const notify = (n) => page.evaluate((n) => window.bill.notify(n), n);
    assert.equal(await notify({ topic: 'bill-due', key: '3301287646' }), false, 'another account');
    assert.equal(await notify({ topic: 'violations', key: ACCOUNT }), false, 'a topic the bill does not follow');
    const refused = await page.evaluate(() => {
      try {
        window.bill.notify({ topic: 'weather', key: 'x' });
        return null;
      } catch (e) {
        return e.message;
      }
    });
    assert.match(refused ?? '', /`topic` `weather` is not `violations`, `bill-due`, `appointment` or `progress`/);
    await page.waitForTimeout(300);
    assert.equal(await billRequests(page), before, 'no refresh for notices about something else');
    assert.equal(await page.locator(`${PANEL} .cp-notice`).innerText(), '');

    await payElsewhere('notify-handle-0001');
    assert.equal(await notify({ topic: 'bill-due', key: ACCOUNT, message: '这张水费账单已在另一台设备上缴清' }), true);
    await paidShown(page);
    assert.equal(await billRequests(page), before + 1, 'one refresh');
    const said = page.locator(`${PANEL} .cp-notice[role="status"]`);
    assert.equal(await said.innerText(), '这张水费账单已在另一台设备上缴清');
    await assertNoA11yViolations(page, 'notified bill');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'notify-handle.png'), fullPage: true });

    // Without a message, the built-in text; back on the form, no notice shows.
    assert.equal(await notify({ topic: 'bill-due', key: ACCOUNT.toLowerCase() }), true);
    await said.filter({ hasText: '收到新消息，结果已更新' }).waitFor({ timeout: 5_000 });
    await page.locator(`${PANEL} .cp-back`).click();
    await page.locator(`${PANEL}[data-state="editing"]`).waitFor();
    assert.equal(await said.innerText(), '');
    assert.equal(await notify({ topic: 'bill-due', key: ACCOUNT }), false, 'a form shows no result to refresh');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('connection.notify: the messenger passes the notice into its iframe', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${sandbox.url}/embed/hosts/messenger.html?locale=en&service=water-bill`);
    const frame = page.frameLocator('#panel');
    await queryBill(frame);
    const frameHandle = page.frame({ url: /frame=1/ });
    const before = await billRequests(frameHandle);
    // A malformed notice is refused on the host side, before it is sent.
    const refused = await page.evaluate(() => {
      try {
        window.citypanelConnection.notify({ topic: 'bill-due' });
        return null;
      } catch (e) {
        return e.message;
      }
    });
    assert.match(refused ?? '', /needs a `key`/);
    await payElsewhere('notify-frame-00001');
    await page.evaluate((key) => window.citypanelConnection.notify({ topic: 'bill-due', key }), ACCOUNT);
    await paidShown(frame);
    assert.equal(await billRequests(frameHandle), before + 1, 'one refresh');
    await frame.locator(`${PANEL} .cp-notice`).filter({ hasText: 'News arrived; the result has been updated' }).waitFor();
    // The frame accepted the notice (and counts it); nothing was rejected.
    const body = frame.locator('body');
    assert.equal(await body.getAttribute('data-cp-bridge-rejected'), null);
    await assertNoA11yViolations(page, 'messenger notified bill');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'notify-messenger.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
