// My City's person view (issue #22): the first open asks which departments may be asked, with
// what (masked); after one consent step the demo citizen's matters from the departments show,
// most urgent first, each opening its service with its inputs filled; a department in fault
// mode shows as unavailable while the others show; withdrawing a department removes its cards
// at once and no further call reaches it (the platform's audit, which never holds values); a
// citizen of one host never sees another's consent or matters; every host; zh-CN and en; axe.
//
// The sandbox's departments describe the world as of 2025-04-28, so this suite's clock starts
// there: the dates of the matters are then near, as a citizen would meet them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newContext, consoleErrors } from '../lib/browser.js';
import { useSandboxAndBrowser } from '../lib/setup.js';
import { assertNoA11yViolations } from '../lib/axe.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';
import { asUser } from '../lib/identity.js';

const NOW = '2025-04-28T10:00:00+08:00';
const MINE = '.cp-mine';
const ASK = `${MINE} form.cp-ask`;
const MATTERS = `${MINE} .cp-mine__digest .cp-mine__item[data-kind="digest"]`;
const MANAGE = `${MINE} details.cp-ask--manage`;

/** What the demo citizens hold that must never be shown whole before consent. */
const CHEN = { plate: '浙A12345', id: '330106198805203216', mobile: '13800138000' };

let sandbox;
let browser;

const shot = (page, name) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `my-city-person-${name}.png`), fullPage: true });

/** The matters shown: `[{service, state, text}]`. */
async function matters(scope) {
  return scope.locator(MATTERS).evaluateAll((rows) => rows.map((r) => ({
    service: r.dataset.service,
    state: r.dataset.state,
    text: r.querySelector('.cp-mine__detail')?.textContent ?? '',
  })));
}

/** The platform's audit of department calls for `host:sub` in `city`. */
async function audit(host, sub, city = '330100') {
  const headers = await asUser(sandbox, host, sub);
  const r = await fetch(`${sandbox.url}/api/v1/me/audit?city=${city}`, { headers });
  assert.equal(r.status, 200, await r.clone().text());
  const body = await r.json();
  return { text: JSON.stringify(body), calls: body.calls ?? body.audit ?? body.entries ?? [] };
}

async function openWalletMine(page, locale = 'zh-CN') {
  await page.goto(`${sandbox.url}/?host=wallet&locale=${locale}&view=mine`);
  await page.locator(`${MINE}[data-state="ready"]`).waitFor({ timeout: 15_000 });
}

describe('My City: the person view', { timeout: 300_000 }, () => {
  useSandboxAndBrowser((s, b) => {
    sandbox = s;
    browser = b;
  }, [], { now: NOW });

  test('wallet: one consent step, then matters from five or more departments, each opening its service', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1400 } });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    const calls = [];
    page.on('request', (r) => r.url().includes('/api/v1/me/digest') && calls.push(r.url()));
    await openWalletMine(page);

    // Asked first: which departments, with what — masked; nothing ticked, nothing asked yet.
    await page.locator(ASK).waitFor({ timeout: 15_000 });
    const asking = await page.locator(ASK).innerText();
    for (const whole of Object.values(CHEN)) assert.ok(!asking.includes(whole), `consent step shows ${whole} unmasked`);
    assert.match(asking, /浙A/, 'the plate is named, masked');
    const choices = page.locator(`${ASK} .cp-ask__choice`);
    assert.ok(await choices.count() >= 5, `at least five departments to ask, got ${await choices.count()}`);
    assert.equal(await page.locator(`${ASK} input:checked`).count(), 0, 'no department is ticked in advance');
    assert.equal(await page.locator(`${MINE} .cp-empty`).count(), 0, 'not "nothing here" while asking');
    assert.deepEqual(calls, [], 'no department is asked before consent');
    await shot(page, 'consent');
    await assertNoA11yViolations(page, 'my city consent step');

    for (const box of await page.locator(`${ASK} .cp-ask__choice input`).all()) await box.check();
    await page.locator(`${ASK} .cp-ask__allow`).click();
    await page.locator(MATTERS).first().waitFor({ timeout: 20_000 });
    await page.locator(`${MINE} .cp-loading`).waitFor({ state: 'detached', timeout: 20_000 });
    const shown = await matters(page);
    const ready = shown.filter((m) => !['late', 'unavailable'].includes(m.state));
    const services = new Set(ready.map((m) => m.service));
    assert.ok(services.size >= 5, `matters from at least five departments, got ${JSON.stringify(shown)}`);
    for (const m of ready) assert.ok(m.text.trim().length > 0, `a matter of ${m.service} says what it is`);
    const order = ['overdue', 'due_soon', 'due', 'info'];
    const ranks = ready.map((m) => order.indexOf(m.state));
    assert.ok(ranks.every((r) => r >= 0), `every matter has an urgency: ${JSON.stringify(shown)}`);
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'most urgent first');
    const fines = shown.find((m) => m.service === 'traffic-violations');
    assert.ok(fines && /¥/.test(fines.text), `the unpaid fines with their amount: ${JSON.stringify(fines)}`);
    assert.equal(await page.locator(ASK).count(), 0, 'asked once');
    await shot(page, 'matters');
    await assertNoA11yViolations(page, 'my city matters');

    // The fines open the traffic inquiry with the plate filled.
    await page.locator(`${MATTERS}[data-service="traffic-violations"] button`).first().click();
    const panel = page.locator('.cp-panel[data-service="traffic-violations"]');
    await panel.locator('input[name="plate"]').waitFor({ timeout: 15_000 });
    assert.equal(await panel.locator('input[name="plate"]').inputValue(), CHEN.plate);

    // A reload asks nothing again: the consent is kept.
    await openWalletMine(page);
    await page.locator(MATTERS).first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator(ASK).count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('wallet: a department in fault mode is unavailable, the others show', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1400 } });
    const page = await context.newPage();
    await sandbox.setFault({ department: 'hz-library', mode: 'http500' });
    try {
      await openWalletMine(page);
      await page.locator(MATTERS).first().waitFor({ timeout: 20_000 });
      // A consent change drops the cached answers: untick and tick the library again.
      await page.locator(`${MANAGE} summary`).click();
      const library = page.locator(`${MANAGE} .cp-ask__choice[data-service="library-loans"] input`);
      await library.uncheck();
      await page.waitForFunction((sel) => !document.querySelector(sel), `${MATTERS}[data-service="library-loans"]`);
      await library.check();
      await page.locator(`${MATTERS}[data-service="library-loans"][data-state="unavailable"]`).waitFor({ timeout: 20_000 });
      const shown = await matters(page);
      const others = new Set(shown.filter((m) => m.service !== 'library-loans' && m.state !== 'unavailable').map((m) => m.service));
      assert.ok(others.size >= 4, `the other departments still show: ${JSON.stringify(shown)}`);
      const note = shown.find((m) => m.service === 'library-loans');
      assert.match(note.text, /暂时无法查询/);
      await shot(page, 'unavailable');
      await assertNoA11yViolations(page, 'my city with an unavailable department');
    } finally {
      await sandbox.setFault({ department: 'hz-library', mode: 'off' });
      await context.close();
    }
  });

  test('wallet: withdrawing a department removes its cards at once and stops the calls; the audit holds no values', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1400 } });
    const page = await context.newPage();
    await openWalletMine(page);
    await page.locator(`${MATTERS}[data-service="water-bill"]`).first().waitFor({ timeout: 20_000 });
    const before = (await audit('wallet', 'u-chen')).calls.filter((c) => c.service === 'water-bill').length;
    assert.ok(before >= 1, 'the water company was asked');

    await page.locator(`${MANAGE} summary`).click();
    const saved = page.waitForResponse((r) => r.url().includes('/api/v1/me/consent') && r.request().method() === 'PUT');
    await page.locator(`${MANAGE} .cp-ask__choice[data-service="water-bill"] input`).uncheck();
    // At once: no waiting for the platform.
    assert.equal(await page.locator(`${MATTERS}[data-service="water-bill"]`).count(), 0);
    assert.equal((await saved).status(), 200);

    // Opened again (a new digest request): the water company is not asked.
    await openWalletMine(page);
    await page.locator(MATTERS).first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator(`${MATTERS}[data-service="water-bill"]`).count(), 0);
    const { text, calls } = await audit('wallet', 'u-chen');
    assert.equal(calls.filter((c) => c.service === 'water-bill').length, before, 'no call after withdrawal');
    for (const whole of Object.values(CHEN)) assert.ok(!text.includes(whole), `the audit holds ${whole}`);
    assert.ok(calls.some((c) => JSON.stringify(c).includes('plates')), 'the audit names attribute classes');
    await context.close();
  });

  test('wallet in English: the matters speak English', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1400 } });
    const page = await context.newPage();
    await openWalletMine(page, 'en');
    await page.locator(MATTERS).first().waitFor({ timeout: 20_000 });
    const shown = await matters(page);
    // The descriptor's English templates (a department's own names, such as an application's
    // type, stay as the department writes them).
    assert.ok(shown.every((m) => /[A-Za-z]{3,}/.test(m.text)), `English texts: ${JSON.stringify(shown)}`);
    assert.ok(shown.some((m) => /unpaid|due/.test(m.text)), `English texts: ${JSON.stringify(shown)}`);
    assert.match(await page.locator(`${MINE} .cp-mine__group`).first().innerText(), /Waiting for you/);
    await shot(page, 'en');
    await assertNoA11yViolations(page, 'my city matters, English');
    await context.close();
  });

  test('every host: its own citizen is asked about their own data, never another host\'s', async () => {
    const wallet = await audit('wallet', 'u-chen');
    for (const host of ['shop', 'microblog', 'messenger']) {
      const context = await newContext(browser, { clock: sandbox, viewport: { width: 1100, height: 1400 } });
      const page = await context.newPage();
      const errors = consoleErrors(page);
      let scope;
      if (host === 'shop') {
        await page.goto(`${sandbox.url}/?host=shop&locale=zh-CN`);
        scope = page.locator('.demo-shop');
      } else if (host === 'microblog') {
        await page.goto(`${sandbox.url}/embed/hosts/microblog.html`);
        scope = page.locator('city-services');
      } else {
        await page.goto(`${sandbox.url}/embed/hosts/messenger.html`);
        scope = page.frameLocator('#panel').locator('body');
      }
      await scope.locator('.cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
      await scope.locator('.cp-embed__mine').click();
      await scope.locator(`${MINE}[data-state="ready"]`).waitFor({ timeout: 15_000 });
      // The wallet's citizen consented; this host's citizen is asked afresh, about their data.
      const form = scope.locator(ASK);
      await form.waitFor({ timeout: 15_000 });
      const asking = await form.innerText();
      assert.ok(!asking.includes('浙A1***5') && !asking.includes('浙A12345'), `${host} shows the wallet citizen's plate`);
      for (const box of await scope.locator(`${ASK} .cp-ask__choice input`).all()) await box.check();
      await scope.locator(`${ASK} .cp-ask__allow`).click();
      await scope.locator(`${MANAGE}`).waitFor({ timeout: 20_000 });
      await scope.locator(`${MINE} .cp-loading`).waitFor({ state: 'detached', timeout: 20_000 });
      const shown = await matters(scope);
      assert.ok(shown.every((m) => !m.text.includes('浙A12345')), `${host} sees the wallet citizen's matters`);
      await shot(page, host);
      if (host !== 'messenger') await assertNoA11yViolations(page, `my city in ${host}`);
      assert.deepEqual(errors, []);
      await context.close();
    }
    // Nothing the other hosts did touched the wallet citizen's audit.
    assert.equal((await audit('wallet', 'u-chen')).calls.length, wallet.calls.length);
  });
});
