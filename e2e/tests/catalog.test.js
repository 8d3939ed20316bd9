// End-to-end tests of the city-services catalog in the demo host: grouped services, search,
// recently used first, city switch, opening a service; axe-core zero violations.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newContext, consoleErrors } from '../lib/browser.js';
import { useSandboxAndBrowser } from '../lib/setup.js';
import { assertNoA11yViolations } from '../lib/axe.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';

let sandbox;
let browser;

async function openCatalog(context, query = 'locale=zh-CN&city=330100') {
  const page = await context.newPage();
  const errors = consoleErrors(page);
  await page.goto(`${sandbox.url}/?${query}`);
  await page.locator('.cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
  return { page, errors };
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `catalog-${name}.png`), fullPage: true });
}

const names = (page) => page.locator('.cp-catalog__item .cp-catalog__name').allTextContents();

describe('city-services catalog', { timeout: 120_000 }, () => {
  useSandboxAndBrowser((s, b) => {
    sandbox = s;
    browser = b;
  });

  test('Hangzhou lists every service grouped by category, with availability badges', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const { page, errors } = await openCatalog(context);
    const items = page.locator('.cp-catalog__item');
    assert.equal(await items.count(), 16);
    const groups = await page.locator('.cp-catalog__group').allTextContents();
    assert.deepEqual(groups.slice(0, 3), ['车辆交通', '医疗健康', '生活缴费']);
    const badges = await page.locator('.cp-catalog__badge').evaluateAll((els) => els.map((e) => e.dataset.availability));
    assert.equal(badges.length, 16);
    assert.ok(badges.every((b) => ['open', 'closed', 'paused'].includes(b)), badges.join());
    await shot(page, 'hangzhou-zh');
    await assertNoA11yViolations(page, 'catalog hangzhou');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('search as you type in Chinese and English; no match shows an empty state', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const { page } = await openCatalog(context, 'locale=en&city=330100');
    const search = page.getByLabel('Search services');
    await search.fill('water');
    assert.deepEqual(await names(page), ['Water bill']);
    await search.fill('违法');
    assert.ok((await names(page)).includes('Traffic violation inquiry'));
    await search.fill('zzzz-nothing');
    await page.locator('.cp-catalog .cp-empty').waitFor();
    await shot(page, 'search-empty-en');
    await assertNoA11yViolations(page, 'catalog empty search');
    await context.close();
  });

  test('opening a service shows its panel; back lists it under recently used first', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const { page } = await openCatalog(context);
    await page.locator('.cp-catalog__item[data-service="traffic-violations"]').click();
    await page.locator('.cp-panel[data-service="traffic-violations"] input[name=plate]').waitFor();
    await page.locator('.demo-host__back').click();
    await page.locator('.cp-catalog[data-state="ready"]').waitFor();
    const groups = await page.locator('.cp-catalog__group').allTextContents();
    assert.equal(groups[0], '最近使用');
    const first = page.locator('.cp-catalog__list').first().locator('.cp-catalog__item');
    assert.equal(await first.getAttribute('data-service'), 'traffic-violations');
    await context.close();
  });

  test('what was typed comes back after going back to the catalog; secrets do not', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const { page, errors } = await openCatalog(context);
    const panel = '.cp-panel[data-service="traffic-violations"]';
    await page.locator('.cp-catalog__item[data-service="traffic-violations"]').first().click();
    await page.locator(`${panel} input[name=plate]`).fill('浙A12345');
    await page.locator(`${panel} input[name=engine]`).fill('123456');
    await page.locator('.demo-host__back').click();
    await page.locator('.cp-catalog[data-state="ready"]').waitFor();
    await page.locator('.cp-catalog__item[data-service="traffic-violations"]').first().click();
    await page.locator(`${panel} input[name=plate]`).waitFor();
    assert.equal(await page.locator(`${panel} input[name=plate]`).inputValue(), '浙A12345', 'the plate is as it was');
    assert.equal(await page.locator(`${panel} input[name=engine]`).inputValue(), '', 'the engine number (a secret) is not kept');
    // Another service's form is its own.
    await page.locator('.demo-host__back').click();
    await page.locator('.cp-catalog__item[data-service="water-bill"]').first().click();
    assert.equal(await page.locator('.cp-panel[data-service="water-bill"] input[name=account]').inputValue(), '');
    // A reload forgets it: nothing is stored.
    await page.reload();
    await page.locator('.cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
    await page.locator('.cp-catalog__item[data-service="traffic-violations"]').first().click();
    await page.locator(`${panel} input[name=plate]`).waitFor();
    assert.equal(await page.locator(`${panel} input[name=plate]`).inputValue(), '');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a smaller city offers fewer services; switching city reloads the catalog', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const { page, errors } = await openCatalog(context);
    await page.locator('#demo-city option[value="360100"]').waitFor({ state: 'attached' });
    await page.selectOption('#demo-city', '360100');
    await page.waitForFunction(() => document.querySelectorAll('.cp-catalog__item').length === 8);
    assert.match(await page.locator('.cp-catalog .cp-panel__title').textContent(), /南昌/);
    await shot(page, 'nanchang-zh');
    // The chosen city (and language) is kept in the page's URL: a reload stays in Nanchang.
    assert.equal(new URL(page.url()).searchParams.get('city'), '360100');
    await page.getByRole('button', { name: 'EN' }).first().click();
    assert.equal(new URL(page.url()).searchParams.get('locale'), 'en');
    await page.reload();
    await page.locator('.cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
    assert.match(await page.locator('.cp-catalog .cp-panel__title').textContent(), /Nanchang/);
    assert.equal(await page.locator('#demo-city').inputValue(), '360100');
    assert.equal(await page.locator('.cp-catalog__item').count(), 8);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
