// What a citizen trips over (issue #20), each with a real browser and a real mouse: the first
// click on the submit button after correcting a field, digit-only inputs, the error summary
// after a quick bad entry.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext, consoleErrors, until } from '../lib/browser.js';
import { useSandboxAndBrowser } from '../lib/setup.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';
import { PanelPage } from '../lib/panel.js';
import { slotDay } from '../lib/plans.js';

let sandbox;
let browser;

/** Opens `service` of `city` in the wallet demo; returns the page, its panel and its requests. */
async function open(city, service, locale = 'zh-CN', options = {}) {
  const context = await newContext(browser, { clock: sandbox, ...options });
  const page = await context.newPage();
  const errors = consoleErrors(page);
  const sent = [];
  page.on('request', (r) => /\/(dept|hub)\//.test(r.url()) && sent.push(r.url()));
  await page.goto(`${sandbox.url}/?host=wallet&locale=${locale}&city=${city}&service=${service}`);
  const panel = page.locator(`.cp-panel[data-service="${service}"][data-state="editing"]`);
  await panel.waitFor({ timeout: 15_000 });
  return { context, page, panel, errors, sent };
}

/** A real mouse click at the centre of `locator`: press and release as separate events. */
async function clickCentre(page, locator) {
  const box = await locator.boundingBox();
  assert.ok(box, 'the element is laid out');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.up();
}

describe('what a citizen trips over', { timeout: 180_000 }, () => {
  useSandboxAndBrowser((s, b) => {
    sandbox = s;
    browser = b;
  });

  for (const [city, service, fill, fix] of [
    ['110100', 'traffic-violations', { plate: '京N8B512', engine: '12' }, ['engine', '305812']],
    ['360100', 'water-bill', { account: '1234' }, ['account', '36012345']],
  ]) {
    test(`${city} ${service}: the first click after correcting a field submits`, async () => {
      const { context, page, panel, errors, sent } = await open(city, service);
      for (const [name, value] of Object.entries(fill)) {
        await panel.locator(`[name="${name}"]`).fill(value);
      }
      await page.keyboard.press('Tab');
      const [name, value] = fix;
      await panel.locator(`.cp-field[data-input="${name}"] .cp-field__error`).waitFor();
      await panel.locator(`[name="${name}"]`).fill(value);
      // Focus is still in the field: the press on the button blurs it, which clears its error.
      await clickCentre(page, panel.locator('form.cp-form button[type="submit"]'));
      await until(() => sent.length >= 1, 'one click sent the inquiry', 10_000);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  test('a bad value and an immediate click: the field error, the summary, focus on it', async () => {
    const { context, page, panel, sent } = await open('330100', 'water-bill');
    await panel.locator('[name="account"]').fill('12');
    await clickCentre(page, panel.locator('form.cp-form button[type="submit"]'));
    const summary = panel.locator('.cp-error-summary');
    await summary.waitFor({ timeout: 5_000 });
    await page.waitForFunction(() => document.activeElement?.closest('.cp-error-summary'), null, { timeout: 5_000 });
    assert.equal(await panel.locator('.cp-field[data-input="account"] .cp-field__error').count(), 1);
    assert.equal(sent.length, 0);
    await context.close();
  });

  test('digits-only inputs open the numeric keypad and say "digits only" first', async () => {
    const { context, page, panel } = await open('330100', 'water-bill', 'en');
    const account = panel.locator('[name="account"]');
    assert.equal(await account.getAttribute('inputmode'), 'numeric');
    await account.fill('12ab');
    await page.keyboard.press('Tab');
    const error = panel.locator('.cp-field[data-input="account"] .cp-field__error');
    await error.waitFor();
    assert.match(await error.innerText(), /Use digits only/);
    await context.close();
  });

  test('a credit on a gas bill shows as a credit, not as gas bought at ¥0.00', async () => {
    const { context, page, panel, errors } = await open('330100', 'gas-bill');
    await panel.locator('[name="account"]').fill('10234567');
    await panel.locator('form.cp-form button[type="submit"]').click();
    const bill = page.locator('.cp-panel[data-service="gas-bill"]');
    const credit = bill.locator('li.cp-bill__item[data-kind="credit"]');
    await credit.waitFor({ timeout: 15_000 });
    const text = await credit.innerText();
    assert.match(text, /抵扣/);
    assert.match(text, /上期预存抵扣/);
    assert.match(text, /-¥5\.00|−¥5\.00/);
    assert.doesNotMatch(text, /用气量|单价/, 'no quantity or unit price on a credit');
    assert.equal(await bill.locator('li.cp-bill__item[data-kind="charge"]').count(), 1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/trip-ups-gas-credit.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });

  for (const [zone, said] of [['Europe/Berlin', true], ['Asia/Shanghai', false]]) {
    test(`read from ${zone}: slot times and result times ${said ? 'are said to be' : 'need no word on being'} Beijing time`, async () => {
      const { context, page, panel, errors } = await open('330100', 'vehicle-inspection-booking', 'en', { timezoneId: zone });
      const pp = new PanelPage(page, sandbox.url, 'vehicle-inspection-booking');
      await pp.panel.locator('select[name="station"]').waitFor();
      await page.waitForFunction((s) => document.querySelector(s)?.options.length > 1, `${pp.selector} select[name="station"]`, { timeout: 10_000 });
      await pp.panel.locator('select[name="station"]').selectOption({ index: 1 });
      await slotDay(pp, 'date', 1);
      const slotZone = panel.locator('.cp-slots__zone');
      if (said) assert.equal(await slotZone.innerText(), 'Times shown are Beijing time (UTC+8).');
      else assert.equal(await slotZone.count(), 0);
      await context.close();

      const traffic = await open('330100', 'traffic-violations', 'en', { timezoneId: zone });
      await traffic.panel.locator('[name="plate"]').fill('浙A12345');
      await traffic.panel.locator('[name="engine"]').fill('123456');
      await traffic.panel.locator('form.cp-form button[type="submit"]').click();
      const done = traffic.page.locator('.cp-panel[data-service="traffic-violations"][data-state="success"]');
      await done.waitFor({ timeout: 15_000 });
      const resultZone = done.locator('.cp-result__zone');
      if (said) assert.equal(await resultZone.innerText(), 'Times shown are Beijing time (UTC+8).');
      else assert.equal(await resultZone.count(), 0);
      assert.deepEqual([...errors, ...traffic.errors], []);
      await traffic.context.close();
    });
  }

  test("the demo's suggested inputs and the chosen city agree", async () => {
    const context = await newContext(browser, { clock: sandbox });
    const page = await context.newPage();
    await page.goto(`${sandbox.url}/?host=wallet&locale=zh-CN&city=110100`);
    const table = page.locator('.demo__inputs[data-city="110100"] .demo__table');
    await table.waitFor({ timeout: 15_000 });
    assert.match(await page.locator('#demo-notes-title').innerText(), /北京/);
    assert.match(await table.innerText(), /京N8B512/);
    assert.doesNotMatch(await table.innerText(), /浙A12345/, "no Hangzhou plate in Beijing");
    await page.selectOption('#demo-city', '360100');
    await page.locator('.demo__inputs[data-city="360100"] .demo__table').waitFor();
    assert.match(await page.locator('#demo-notes-title').innerText(), /南昌/);
    assert.match(await page.locator('.demo__table').innerText(), /鄂A5N2L8/);
    await context.close();
  });
});
