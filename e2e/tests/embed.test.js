// Embedding without Rust: the plain-HTML example of docs/embedding.md, mount()/unmount(),
// two panels on one page, config errors as JS Errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newContext, consoleErrors } from '../lib/browser.js';
import { useSandboxAndBrowser } from '../lib/setup.js';
import { assertNoA11yViolations } from '../lib/axe.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';
import { instrumentTimersAndListeners } from '../lib/instrument.js';

const EXAMPLE = '/embed/examples/quickstart.html';
let sandbox;
let browser;

async function openExample(context) {
  const page = await context.newPage();
  const errors = consoleErrors(page);
  await page.goto(sandbox.url + EXAMPLE);
  await page.locator('city-services .cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
  await page.locator('#fines .cp-panel[data-service="traffic-violations"][data-state="editing"]').waitFor({ timeout: 15_000 });
  return { page, errors };
}

describe('embedding from plain HTML', { timeout: 180_000 }, () => {
  useSandboxAndBrowser((s, b) => {
    sandbox = s;
    browser = b;
  });

  test('the docs example renders a custom element and a mounted panel, themed, accessible', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const { page, errors } = await openExample(context);
    const root = page.locator('#fines > .cp-root');
    assert.equal(await root.getAttribute('data-cp-theme'), 'light');
    assert.equal(await root.evaluate((el) => el.style.getPropertyValue('--cp-color-primary')), '#0b7a3e');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'embed-quickstart.png'), fullPage: true });
    await assertNoA11yViolations(page, 'embed quickstart');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('two panels on one page do not interfere; unmounting one keeps the other', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const { page } = await openExample(context);
    await page.locator('#fines input[name="plate"]').fill('浙A12345');
    await page.locator('city-services').getByLabel('搜索服务').fill('水费');
    assert.equal(await page.locator('city-services .cp-catalog__item').count(), 1);
    assert.equal(await page.locator('#fines input[name="plate"]').inputValue(), '浙A12345');
    await page.evaluate(() => window.citypanelHandle.unmount());
    assert.equal(await page.locator('#fines .cp-root').count(), 0);
    assert.equal(await page.evaluate(() => window.citypanelHandle.mounted), false);
    await page.locator('city-services').getByLabel('搜索服务').fill('');
    assert.ok((await page.locator('city-services .cp-catalog__item').count()) > 10);
    // Attributes are reflected: switching the element's locale re-renders it in English.
    await page.evaluate(() => document.querySelector('city-services').setAttribute('locale', 'en'));
    await page.locator('city-services').getByLabel('Search services').waitFor();
    await context.close();
  });

  test('a panel whose handle the host drops stays mounted after garbage collection', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const { page, errors } = await openExample(context);
    // A host that mounts and keeps no reference to the handle (as many will).
    await page.evaluate(async () => {
      const { mount } = await import('/embed/citypanel.js');
      const el = document.createElement('div');
      el.id = 'dropped';
      document.body.append(el);
      await mount(el, { city: '330100', locale: 'en', service: 'water-bill' });
    });
    const panel = page.locator('#dropped .cp-panel[data-service="water-bill"]');
    await panel.waitFor({ timeout: 15_000 });
    // Collect garbage until wasm-bindgen's finalizers have had every chance to run.
    const cdp = await context.newCDPSession(page);
    for (let i = 0; i < 5; i += 1) {
      await cdp.send('HeapProfiler.collectGarbage');
      await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    }
    assert.equal(await panel.count(), 1, 'the panel is still mounted');
    await panel.locator('input').first().fill('12345678');
    assert.equal(await panel.locator('input').first().inputValue(), '12345678', 'and still answers');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a form opened again shows what was typed; forgetTyped() (a host signing out) forgets it', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const { page, errors } = await openExample(context);
    await page.locator('#fines input[name="plate"]').fill('浙A12345');
    const catalog = page.locator('city-services');
    const plate = catalog.locator('.cp-panel[data-service="traffic-violations"] input[name="plate"]');
    await catalog.locator('.cp-catalog__item[data-service="traffic-violations"]').first().click();
    await plate.waitFor();
    assert.equal(await plate.inputValue(), '浙A12345', 'the same service in the same city on the page');
    await catalog.locator('.cp-embed__back').click();
    await page.evaluate(async () => (await import('/embed/citypanel.js')).forgetTyped());
    await catalog.locator('.cp-catalog__item[data-service="traffic-violations"]').first().click();
    await plate.waitFor();
    assert.equal(await plate.inputValue(), '', 'forgotten');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('unmount() leaves no listeners, timeouts or intervals (road board refreshing)', async () => {
    const context = await newContext(browser, { clock: sandbox });
    await context.addInitScript(instrumentTimersAndListeners);
    const { page } = await openExample(context);
    await page.waitForTimeout(300);
    const before = await page.evaluate(() => window.__cpLive());
    await page.evaluate(async () => {
      const { mount } = await import('/embed/citypanel.js');
      const el = document.createElement('div');
      el.id = 'road';
      document.body.append(el);
      window.road = await mount(el, { city: '330100', locale: 'zh-CN', service: 'road-conditions' });
    });
    // A service without inputs runs at once.
    await page.waitForFunction(() => document.querySelector('#road .cp-panel')?.getAttribute('data-state') === 'success', null, { timeout: 20_000 });
    const during = await page.evaluate(() => window.__cpLive());
    assert.ok(during.intervals > before.intervals, `the board refreshes on an interval: ${JSON.stringify(during)}`);
    await page.evaluate(() => window.road.unmount());
    await page.waitForTimeout(300);
    const afterUnmount = await page.evaluate(() => window.__cpLive());
    assert.equal(await page.locator('#road').innerHTML(), '');
    assert.deepEqual(afterUnmount, before, `before ${JSON.stringify(before)} after ${JSON.stringify(afterUnmount)}`);
    await context.close();
  });

  test('config errors are thrown as Errors with precise messages; the page keeps working', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const { page, errors } = await openExample(context);
    const messages = await page.evaluate(async () => {
      const { mount } = await import('/embed/citypanel.js');
      const el = document.createElement('div');
      document.body.append(el);
      const out = [];
      for (const [e, c] of [[el, { city: '3301' }], [el, { city: '330100', locale: 'fr' }], [null, { city: '330100' }],
        [el, { city: '330100', theme: { primary: 'red' } }], [el, { city: '330100', bridge: { pay: 42 } }]]) {
        try { await mount(e, c); out.push('no error'); } catch (err) { out.push(`${err instanceof Error}:${err.message}`); }
      }
      return out;
    });
    assert.match(messages[0], /^true:citypanel: `config.city` must be a 6-digit city code .* got `3301`/);
    assert.match(messages[1], /`config.locale` must be `zh-CN` or `en`, got `fr`/);
    assert.match(messages[2], /`element` must be a DOM element/);
    assert.match(messages[3], /`config.theme.primary` must be a hex colour/);
    assert.match(messages[4], /`bridge.pay` must be a function/);
    await page.locator('#fines input[name="plate"]').fill('浙A12345');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
