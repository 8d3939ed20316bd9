// Issue 19: panels move like a super-app's own mini-programs. Deep links (`citypanel:1/…`)
// open a service with its non-personal inputs filled, in any host; links to what the citizen
// cannot see land on an explanation; the host's back — the wallet's and the shop's own back
// buttons, the messenger's iframe `back` message, the microblog's browser history — steps
// back one screen at a time through a booking to the catalog and only then hands back to the
// host; a step back while money is in flight is refused with the reason; a payment settled
// while the page was hidden shows its receipt as soon as the page is shown. axe on the new
// screens.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newContext, consoleErrors, until } from '../lib/browser.js';
import { useSandboxAndBrowser } from '../lib/setup.js';
import { assertNoA11yViolations, injectAxe, AXE_TAGS, formatViolations } from '../lib/axe.js';
import { PanelPage } from '../lib/panel.js';
import { fill } from '../lib/plans.js';
import { asUser, providerSettle } from '../lib/identity.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';

let sandbox;
let browser;

const ACCOUNT = '3301287645';
const WATER = `citypanel:1/330100/service/water-bill?account=${ACCOUNT}`;
const READY = '.cp-catalog[data-state="ready"]';
const shot = (page, name) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `nav-${name}.png`), fullPage: true });

/** axe inside a frame (the messenger's panel). */
async function assertFrameAccessible(frame, label) {
  await injectAxe(frame);
  const violations = await frame.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })) }));
  }, AXE_TAGS);
  assert.equal(violations.length, 0, formatViolations(violations, label));
}

describe('navigation: deep links, back, hosts', { timeout: 300_000 }, () => {
  useSandboxAndBrowser((s, b) => {
    sandbox = s;
    browser = b;
  });

  test('microblog: a link in the address opens the water bill filled; the browser back steps back, then leaves', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${sandbox.url}/embed/hosts/microblog.html?link=${encodeURIComponent(WATER)}`);
    const panel = page.locator('city-services .cp-panel[data-service="water-bill"]');
    await panel.locator('input[name="account"]').waitFor({ timeout: 15_000 });
    assert.equal(await panel.locator('input[name="account"]').inputValue(), ACCOUNT, 'the link filled the account');
    // Under the linked service: the city's catalog.
    assert.match(await page.locator('city-services .cp-embed__back').innerText(), /全部服务/);
    await panel.locator('button[type="submit"]').click();
    await page.locator('city-services .cp-panel[data-service="water-bill"][data-state="success"]').waitFor({ timeout: 15_000 });
    // The browser's back: result → the form (the account kept) → the catalog → the host.
    await page.evaluate(() => history.back());
    await page.locator('city-services .cp-panel[data-service="water-bill"][data-state="editing"]').waitFor();
    assert.equal(await page.evaluate(() => document.body.dataset.lastBack), 'stepped');
    assert.equal(await panel.locator('input[name="account"]').inputValue(), ACCOUNT, 'what was there is kept');
    await page.evaluate(() => history.back());
    await page.locator(`city-services ${READY}`).waitFor();
    await page.evaluate(() => history.back());
    await until(async () => (await page.evaluate(() => document.body.dataset.lastBack)) === 'root', 'the panel answers root at the catalog');
    assert.equal(await page.locator('city-services').evaluate((el) => el.back()), 'root');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('personal values never come from a link; unreadable and unoffered links are explained, accessibly', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    const plate = 'citypanel:1/330100/service/traffic-violations?plate=%E6%B5%99A12345';
    await page.goto(`${sandbox.url}/embed/hosts/microblog.html?link=${encodeURIComponent(plate)}`);
    const tv = page.locator('city-services .cp-panel[data-service="traffic-violations"][data-state="editing"]');
    await tv.waitFor({ timeout: 15_000 });
    assert.equal(await tv.locator('input[name="plate"]').inputValue(), '', 'a plate is personal: not taken from a link');
    await until(async () => warnings.some((w) => /may not carry `plate`/.test(w)), 'the dropped value is named on the console');

    // A pasted link the panel cannot read: an explanation with the way to the city's services.
    await page.locator('#link').fill('citypanel:9/330100/catalog');
    await page.locator('#link-form button[type="submit"]').click();
    const explain = page.locator('city-services .cp-link-explain[data-state="explain"]');
    await explain.waitFor();
    assert.match(await explain.locator('.cp-panel__title').innerText(), /无法在此打开这个链接/);
    assert.match(await explain.innerText(), /link format `9`/);
    await shot(page, 'link-unreadable');
    await assertNoA11yViolations(page, 'unreadable link explained');
    await page.locator('city-services .cp-embed__back').click();
    await page.locator(`city-services ${READY}`).waitFor();

    // A service the city does not offer (road conditions in Ningbo).
    await page.locator('#link').fill('citypanel:1/330200/service/road-conditions');
    await page.locator('#link-form button[type="submit"]').click();
    const unoffered = page.locator('city-services .cp-link-explain[data-service-unavailable="road-conditions"]');
    await unoffered.waitFor({ timeout: 15_000 });
    assert.match(await unoffered.innerText(), /本城市未提供链接中的服务/);
    await assertNoA11yViolations(page, 'unoffered service explained');
    // (the platform's 404 for the descriptor is logged by the browser as a failed resource)
    assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
    await context.close();
  });

  test('wallet: its back button steps through a booking to the catalog, then hands back to the wallet', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1000 } });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${sandbox.url}/?host=wallet&locale=zh-CN`);
    await page.locator(`.demo-phone[data-host="wallet"] ${READY}`).waitFor({ timeout: 15_000 });
    await page.locator('.cp-catalog__item[data-service="vehicle-inspection-booking"]').click();
    const pp = new PanelPage(page, sandbox.url, 'vehicle-inspection-booking');
    await pp.waitForState('editing');
    await fill(pp, 'vehicle-inspection-booking', 'zh-CN');
    await pp.submit.click();
    await pp.waitForState('held');
    const back = page.locator('.demo-host__sysback');
    // The held slot → the form, every value kept (the hold is released).
    await back.click();
    await pp.waitForState('editing');
    assert.equal(await pp.input('plate').inputValue(), '浙A12345');
    assert.equal(await pp.input('mobile').inputValue(), '13800138000');
    await pp.panel.locator('.cp-slot__radio:not([disabled])').first().check();
    await pp.submit.click();
    await pp.waitForState('held');
    await pp.panel.locator('.cp-confirm').click();
    await pp.waitForStateNot('loading');
    if ((await pp.state()) === 'checking') await pp.waitForState('done');
    assert.equal(await pp.state(), 'done', await pp.diagnostics());
    // The ticket → the form → the catalog → the wallet's home.
    await back.click();
    await pp.waitForState('editing');
    assert.equal(await pp.input('plate').inputValue(), '浙A12345', 'typed values kept after the receipt');
    await back.click();
    await page.locator(`.demo-phone[data-host="wallet"] ${READY}`).waitFor();
    assert.equal(await page.locator('.demo-host__note').innerText(), '');
    await back.click();
    assert.match(await page.locator('.demo-host__note').innerText(), /已离开城市服务/);
    await assertNoA11yViolations(page, 'wallet after leaving');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('wallet and shop open a pasted link; the shop\'s back asks the panel first', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1000 } });
    for (const host of ['wallet', 'shop']) {
      const page = await context.newPage();
      const errors = consoleErrors(page);
      await page.goto(`${sandbox.url}/?host=${host}&locale=zh-CN`);
      await page.locator(`.demo-phone[data-host="${host}"] ${READY}`).waitFor({ timeout: 15_000 });
      await page.locator(`#${host}-link`).fill(WATER);
      await page.locator(`#${host}-link`).press('Enter');
      const account = page.locator('.cp-panel[data-service="water-bill"][data-state="editing"] input[name="account"]');
      await account.waitFor({ timeout: 15_000 });
      assert.equal(await account.inputValue(), ACCOUNT, `${host}: the link filled the account`);
      if (host === 'shop') {
        await page.locator('.demo-shop__back').click();
        await page.locator(`.demo-phone[data-host="shop"] ${READY}`).waitFor();
        await page.locator('.demo-shop__back').click();
        assert.match(await page.locator('.demo-host__note').innerText(), /已离开城市服务/);
      }
      await assertNoA11yViolations(page, `${host} link`);
      assert.deepEqual(errors, []);
      await page.close();
    }
    await context.close();
  });

  test('messenger: a link opens in the mini-program; back over postMessage; refused while paying', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${sandbox.url}/embed/hosts/messenger.html?link=${encodeURIComponent(WATER)}`);
    const frame = page.frameLocator('#panel');
    const panel = frame.locator('.cp-panel[data-service="water-bill"]');
    await panel.locator('input[name="account"]').waitFor({ timeout: 15_000 });
    assert.equal(await panel.locator('input[name="account"]').inputValue(), ACCOUNT);
    await panel.locator('button[type="submit"]').click();
    await frame.locator('.cp-panel[data-service="water-bill"][data-state="success"]').waitFor({ timeout: 15_000 });
    // Paying: the host's sheet is open, money may move — the panel refuses to step back.
    await panel.locator('.cp-offer[data-effect="pay"] button').click();
    await frame.locator('.cp-pay__go').click();
    await page.locator('.demo-sheet .demo-sheet__confirm').waitFor();
    const refused = await page.evaluate(() => window.citypanelConnection.back());
    assert.deepEqual(refused, { answer: 'refused', reason: 'paying' });
    const alert = frame.locator('.cp-embed__refused');
    await alert.waitFor();
    assert.match(await alert.innerText(), /支付正在进行中/);
    const content = await (await page.locator('#panel').elementHandle()).contentFrame();
    await shot(page, 'back-refused');
    await assertFrameAccessible(content, 'back refused while paying');
    await page.locator('.demo-sheet .demo-sheet__cancel').click();
    await frame.locator('.cp-pay[data-pay-state="ready"]').waitFor();
    // Now back steps: the result → the form → the catalog → root (the messenger leaves).
    assert.deepEqual(await page.evaluate(() => window.citypanelConnection.back()), { answer: 'stepped' });
    await frame.locator('.cp-panel[data-service="water-bill"][data-state="editing"]').waitFor();
    assert.equal(await frame.locator('.cp-embed__refused').isVisible(), false, 'the refusal is gone once a step is taken');
    await page.locator('#back').click();
    await frame.locator(READY).waitFor();
    await page.locator('#back').click();
    await until(async () => /已离开城市服务/.test(await page.locator('#left').innerText()), 'the messenger leaves at the root');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('wallet: hidden during its payment, settled in the wallet app, shown → the receipt without a click', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1000 } });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${sandbox.url}/?host=wallet&locale=zh-CN&link=${encodeURIComponent(WATER)}`);
    const panel = page.locator('.cp-panel[data-service="water-bill"]');
    await panel.locator('input[name="account"]').waitFor({ timeout: 15_000 });
    assert.equal(await panel.locator('input[name="account"]').inputValue(), ACCOUNT, 'the wallet opened the link from its address');
    await panel.locator('button[type="submit"]').click();
    await page.locator('.cp-panel[data-service="water-bill"][data-state="success"]').waitFor({ timeout: 15_000 });
    await panel.locator('.cp-offer[data-effect="pay"] button').click();
    await page.locator('.cp-pay__go').click();
    const order = (await page.locator('.demo-sheet[data-host="wallet"] .demo-sheet__order').innerText()).trim();
    // Back refused while the sheet is open (the wallet's own back button, under its sheet).
    await page.locator('.demo-host__sysback').dispatchEvent('click');
    assert.match(await page.locator('.demo-host__note').innerText(), /支付正在进行中/);
    // The citizen leaves for the wallet app: the page is hidden; the payment is settled there.
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const settled = await providerSettle(sandbox, await asUser(sandbox, 'wallet', 'u-chen'), order, 'success');
    assert.ok(settled.ok, `the provider settled ${order}: ${settled.status}`);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await page.locator('.cp-pay[data-pay-state="paid"]').count(), 0, 'nothing is asked while hidden');
    // Back in the app: the receipt, without a click.
    await page.evaluate(() => {
      delete document.hidden;
      delete document.visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.locator('.cp-pay[data-pay-state="paid"]').waitFor({ timeout: 5_000 });
    assert.match(await page.locator('.cp-pay__order').innerText(), new RegExp(order));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('share: the messenger shares a link that opens the same service in the microblog; without a share sheet the link is shown to copy', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${sandbox.url}/embed/hosts/messenger.html?link=${encodeURIComponent(WATER)}`);
    const frame = page.frameLocator('#panel');
    const water = frame.locator('.cp-panel[data-service="water-bill"]');
    await water.locator('input[name="account"]').waitFor({ timeout: 15_000 });
    await water.locator('.cp-share__button').click();
    const shared = page.locator('#shared .host-shared__link');
    await shared.waitFor();
    const link = await shared.innerText();
    assert.equal(link, WATER, 'the service and its non-personal account, as a link');
    assert.match(await water.locator('.cp-share__note').innerText(), /已分享/);

    // The link opens the same service, filled, in another host.
    const other = await context.newPage();
    await other.goto(`${sandbox.url}/embed/hosts/microblog.html?link=${encodeURIComponent(link)}`);
    const account = other.locator('city-services .cp-panel[data-service="water-bill"] input[name="account"]');
    await account.waitFor({ timeout: 15_000 });
    assert.equal(await account.inputValue(), ACCOUNT);

    // The microblog has no share sheet: the link to copy — a typed plate stays out of it.
    await other.locator('city-services .cp-embed__back').click();
    await other.locator('city-services .cp-catalog__item[data-service="traffic-violations"]').first().click();
    const tv = other.locator('city-services .cp-panel[data-service="traffic-violations"]');
    await tv.locator('input[name="plate"]').fill('浙A12345');
    await tv.locator('.cp-share__button').click();
    const copy = tv.locator('.cp-share__link');
    await copy.waitFor();
    assert.equal(await copy.inputValue(), 'citypanel:1/330100/service/traffic-violations', 'no personal data in a shared link');
    await assertNoA11yViolations(other, 'share fallback');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
