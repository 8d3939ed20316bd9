// First load (issue 14): the loader fetches a service's descriptor while the wasm downloads and
// the panel uses that request (one descriptor request, no city list); the lean reader refuses
// unsafe descriptors a platform might serve — "service unavailable" for the citizen, the
// diagnostic in the console — and reads a publish-time-only fault; a failed early request shows
// "service unavailable" too. The documents are real files served by the sandbox under a
// platform path of their own (`platform: '/e2e-platform'`).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newContext } from '../lib/browser.js';
import { useSandboxAndBrowser } from '../lib/setup.js';
import { sandboxConfig } from '../lib/sandbox.js';
import { REPO_DIR } from '../lib/paths.js';

let sandbox;
let browser;
const PLATFORM = '/e2e-platform';
const root = path.join(sandboxConfig().dist, 'e2e-platform');
const services = path.join(root, 'api', 'v1', 'cities', '330100', 'services');
const base = JSON.parse(readFileSync(path.join(REPO_DIR, 'catalog', 'traffic-violations.json'), 'utf8'));
const variant = (change) => {
  const d = structuredClone(base);
  change(d);
  return JSON.stringify(d);
};
const DOCS = {
  'foreign-host': variant((d) => { d.cities[0].endpoint = '//evil.example/fines'; }),
  'javascript-endpoint': variant((d) => { d.cities[0].endpoint = 'javascript:alert(1)'; }),
  'climbing-endpoint': variant((d) => { d.cities[0].endpoint = '/dept/../admin'; }),
  'pii-in-query': variant((d) => { d.request.query = { p: '{plate}' }; }),
  'unknown-widget': variant((d) => { d.result.widget = 'hologram'; delete d.result.fallback; }),
  'format-two': variant((d) => { d.format = '2.0'; }),
  // A publish-time fault (a city listed twice): the lean reader leaves it to the platform.
  'publish-only': variant((d) => { d.cities.push(structuredClone(d.cities[0])); }),
};

async function open(context, service) {
  const page = await context.newPage();
  const messages = [];
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${sandbox.url}/healthz`);
  await page.evaluate(async ({ service, platform }) => {
    const el = document.createElement('div');
    el.id = 'panel';
    document.body.append(el);
    const { mount } = await import('/embed/citypanel.js');
    await mount(el, { city: '330100', locale: 'en', service, platform });
  }, { service, platform: PLATFORM });
  return { page, messages, requests };
}

describe('first load and the lean reader', { timeout: 180_000 }, () => {
  useSandboxAndBrowser((s, b) => {
    sandbox = s;
    browser = b;
  });
  before(() => {
    mkdirSync(services, { recursive: true });
    for (const [name, text] of Object.entries(DOCS)) writeFileSync(path.join(services, name), text);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('the descriptor is requested once, before the wasm has run, and no city list for one service', async () => {
    // The wall clock on purpose: this test reads resource timing, which a pinned clock fakes;
    // the service has no opening hours.
    const context = await newContext(browser, { clock: 'wall' });
    const page = await context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${sandbox.url}/healthz`);
    const t = await page.evaluate(async () => {
      const el = document.createElement('div');
      document.body.append(el);
      const m = await import('/embed/citypanel.js');
      let ran;
      const mounted = m.mount(el, { city: '330100', locale: 'en', service: 'traffic-violations' });
      await m.load();
      ran = performance.now();
      await mounted;
      await new Promise((resolve) => {
        const done = () => el.querySelector('.cp-panel[data-state="editing"] input[name="plate"]');
        if (done()) return resolve();
        new MutationObserver((_, mo) => done() && (mo.disconnect(), resolve())).observe(el, { subtree: true, childList: true, attributes: true });
      });
      const entry = (end) => performance.getEntriesByType('resource').find((e) => e.name.endsWith(end));
      return { ran, descriptor: entry('/services/traffic-violations')?.startTime, wasm: entry('_bg.wasm')?.startTime };
    });
    const descriptor = requests.filter((p) => p === '/api/v1/cities/330100/services/traffic-violations');
    assert.equal(descriptor.length, 1, requests.join('\n'));
    assert.equal(requests.filter((p) => p === '/api/v1/cities').length, 0, requests.join('\n'));
    assert.ok(t.descriptor !== undefined && t.wasm !== undefined, JSON.stringify(t));
    // Started with the wasm download, not after the wasm was compiled and running.
    assert.ok(t.descriptor < t.ran, JSON.stringify(t));
    await context.close();
  });

  test('the quickstart requests its service descriptor once', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const page = await context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${sandbox.url}/embed/examples/quickstart.html`);
    await page.locator('#fines .cp-panel[data-service="traffic-violations"][data-state="editing"]').waitFor();
    const descriptor = requests.filter((p) => p === '/api/v1/cities/330100/services/traffic-violations');
    assert.equal(descriptor.length, 1, requests.join('\n'));
    await context.close();
  });

  for (const name of ['foreign-host', 'javascript-endpoint', 'climbing-endpoint', 'pii-in-query', 'unknown-widget', 'format-two']) {
    test(`the lean reader refuses ${name}: service unavailable, the diagnostic in the console`, async () => {
      const context = await newContext(browser, { clock: sandbox });
      const { page, messages, requests } = await open(context, name);
      const panel = page.locator(`#panel [data-service-unavailable="${name}"]`);
      await panel.waitFor();
      assert.equal(await panel.getByRole('heading').textContent(), 'Service unavailable');
      const code = { 'foreign-host': 'endpoint', 'javascript-endpoint': 'endpoint', 'climbing-endpoint': 'endpoint',
        'pii-in-query': 'pii-in-query', 'unknown-widget': 'unknown-widget', 'format-two': 'format-major' }[name];
      assert.ok(
        messages.some((m) => m.startsWith('error: ') && m.includes(`descriptor \`${name}\``) && m.includes(`[${code}]`)),
        messages.join('\n'),
      );
      assert.equal(requests.filter((p) => p.endsWith(`/services/${name}`)).length, 1);
      assert.equal(await page.locator('#panel input').count(), 0);
      await context.close();
    });
  }

  test('a publish-time-only fault is read: the form shows', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const { page, messages } = await open(context, 'publish-only');
    await page.locator('#panel .cp-panel[data-state="editing"] input[name="plate"]').waitFor();
    assert.deepEqual(messages.filter((m) => m.startsWith('error')), []);
    await context.close();
  });

  test('a failed early request shows service unavailable and says why in the console', async () => {
    const context = await newContext(browser, { clock: sandbox });
    const { page, messages } = await open(context, 'not-published');
    await page.locator('#panel [data-service-unavailable="not-published"]').waitFor();
    assert.ok(messages.some((m) => m.includes('descriptor `not-published`: platform answered http 404')), messages.join('\n'));
    await context.close();
  });
});
