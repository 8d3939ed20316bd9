// The npm package (issue 18): `cargo xtask package` packs target/npm/citypanel.tgz; a fresh
// copy of examples/vite-host installs it with `npm ci` and builds with `vite build`; the output
// is served by the sandbox (the platform) and a citizen pays a water bill in it. A plain page
// loads the package from a versioned CDN-style path. The bridge self-check page of the package
// passes a good host's bridge (object and postMessage) and fails broken ones with the right
// messages.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, sandboxConfig } from '../lib/sandbox.js';
import { launchBrowser, newContext, consoleErrors } from '../lib/browser.js';
import { assertNoA11yViolations } from '../lib/axe.js';
import { REPO_DIR, SCREENSHOT_DIR } from '../lib/paths.js';
import { tokenFor, asUser } from '../lib/identity.js';
import { pinClock } from '../lib/clock.js';

const run = promisify(execFile);
const TARBALL = process.env.CITYPANEL_PACKAGE || path.join(REPO_DIR, 'target', 'npm', 'citypanel.tgz');
const EXAMPLE = path.join(REPO_DIR, 'examples', 'vite-host');
const PANEL = '#bill .cp-panel[data-service="water-bill"]';
const ACCOUNT = '3301287645';
const BILL = { service: 'water-bill', city: '330100', reference: 'SW3301202504018826', amount: '51.30' };

/** The pay sheets the self-check's payments open: the Vite host's, the demo hosts'. */
const VITE_SHEET = { open: '.vh-sheet', confirm: '.vh-sheet__confirm', cancel: '.vh-sheet__cancel' };
const DEMO_SHEET = { open: '.demo-sheet', confirm: '.demo-sheet__confirm', cancel: '.demo-sheet__cancel' };

let browser;
let work;
let version;

/** Copies examples/vite-host (its sources and lock, not its node_modules) to `to`, the
 * package's path made absolute. */
async function copyExample(to) {
  await fs.mkdir(to, { recursive: true });
  for (const name of ['index.html', 'package.json', 'package-lock.json', 'src']) {
    await fs.cp(path.join(EXAMPLE, name), path.join(to, name), { recursive: true });
  }
  for (const name of ['package.json', 'package-lock.json']) {
    const file = path.join(to, name);
    const text = await fs.readFile(file, 'utf8');
    assert.ok(text.includes('file:../../target/npm/citypanel.tgz'), `${name} installs the packed tarball`);
    await fs.writeFile(file, text.replaceAll('file:../../target/npm/citypanel.tgz', `file:${TARBALL}`));
  }
}

async function write(file, text) {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
}

/**
 * The site the sandbox serves: the built demo (as linked entries), the Vite build at
 * /vite-host/, the installed package at /citypanel@<version>/ (a CDN-style path), the host's
 * bridge module at /vite-host-src/, and the test's own host pages at /checks/.
 */
async function site(host) {
  const dir = path.join(work, 'site');
  await fs.mkdir(dir, { recursive: true });
  const dist = path.resolve(sandboxConfig().dist);
  for (const entry of await fs.readdir(dist)) await fs.symlink(path.join(dist, entry), path.join(dir, entry));
  await fs.symlink(path.join(host, 'dist'), path.join(dir, 'vite-host'));
  await fs.symlink(path.join(host, 'node_modules', 'citypanel'), path.join(dir, `citypanel@${version}`));
  await fs.symlink(path.join(host, 'src'), path.join(dir, 'vite-host-src'));
  const checks = path.join(dir, 'checks');
  await write(path.join(checks, 'cdn.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>citypanel from a CDN path</title><link rel="icon" href="data:,"></head>
<body><main><h1>City services</h1><div id="fines"></div></main><script type="module" src="cdn.js"></script></body></html>
`);
  await write(path.join(checks, 'cdn.js'), `import { mount } from '/citypanel@${version}/citypanel.js';
window.handle = await mount(document.getElementById('fines'), { city: '330100', locale: 'en', service: 'traffic-violations', theme: { primary: '#7c2d12' } });
`);
  // A host page that frames the self-check over postMessage with the host kit and a bridge.
  for (const [name, bridge] of [['frame-host', '/vite-host-src/host.js'], ['frame-broken', null]]) {
    await write(path.join(checks, `${name}.html`), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>host frame</title><link rel="icon" href="data:,"></head>
<body><main><h1>Host</h1><iframe id="panel" title="citypanel self-check"></iframe></main><script type="module" src="${name}.js"></script></body></html>
`);
    const frameUrl = 'const q = new URLSearchParams(location.search);\n'
      + `const src = '/citypanel@${version}/conformance.html?transport=postMessage&host=' + encodeURIComponent(location.origin) + '&' + q.toString();\n`;
    await write(path.join(checks, `${name}.js`), bridge
      ? `import { connectFrame } from '/citypanel@${version}/citypanel-host.js';
import { bridge } from '${bridge}';
${frameUrl}const frame = document.getElementById('panel');
connectFrame(frame, { origin: location.origin, bridge });
frame.src = src;
`
      // Broken glue: answers with "*" to anything, twice, late, and never says `unsupported`.
      : `${frameUrl}const frame = document.getElementById('panel');
addEventListener('message', (ev) => {
  const m = ev.data;
  const send = (msg) => frame.contentWindow.postMessage({ citypanel: '1.0', ...msg }, '*');
  if (m.type === 'event') return send({ id: 'h-1', type: 'event', method: 'hello', payload: { capabilities: ['identity', 'location', 'subscribe'] } });
  if (m.method === 'identity') { send({ id: m.id, type: 'response', method: 'identity', payload: { token: 'u-lin' } }); send({ id: m.id, type: 'response', method: 'identity', payload: { token: 'u-lin' } }); }
  if (m.method === 'location') setTimeout(() => send({ id: m.id, type: 'response', method: 'location', payload: '330100' }), 6000);
  if (m.method === 'subscribe') send({ id: m.id, type: 'response', method: 'subscribe', payload: 'yes', extra: 1 });
});
frame.src = src;
`);
  }
  // A broken object bridge.
  await write(path.join(checks, 'broken-bridge.js'), `export const bridge = {
  capabilities: ['identity', 'location', 'subscribe', 'weather', 'pay', 'open'],
  identity: async () => ({ token: 'u-lin', attributes: { plates: [1] } }),
  location: async () => null,
  subscribe: async () => true,
  pay: async () => 'ok',
  open: () => new Promise(() => {}),
};
`);
  return dir;
}

async function sh(cmd, args, cwd) {
  try {
    return await run(cmd, args, { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } });
  } catch (err) {
    throw new Error(`\`${cmd} ${args.join(' ')}\` in ${cwd} failed:\n${err.stdout}\n${err.stderr}`);
  }
}

describe('the npm package', { timeout: 300_000 }, () => {
  let dir;
  before(async () => {
    await fs.access(TARBALL).catch(() => {
      throw new Error(`no package at ${TARBALL}: run \`cargo xtask package\` first`);
    });
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'citypanel-package-'));
    const host = path.join(work, 'vite-host');
    await copyExample(host);
    const t0 = performance.now();
    await sh('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], host);
    const t1 = performance.now();
    await sh('npx', ['--no-install', 'vite', 'build', '--base', './'], host);
    const t2 = performance.now();
    console.log(`package: npm ci ${Math.round(t1 - t0)} ms, vite build ${Math.round(t2 - t1)} ms`);
    version = JSON.parse(await fs.readFile(path.join(host, 'node_modules', 'citypanel', 'package.json'), 'utf8')).version;
    dir = await site(host);
    process.env.CITYPANEL_DIST = dir;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (work) await fs.rm(work, { recursive: true, force: true });
  });

  test('installs without scripts, with its files, typings and exports', async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(work, 'vite-host', 'node_modules', 'citypanel', 'package.json'), 'utf8'));
    assert.equal(pkg.type, 'module');
    assert.equal(pkg.types, './citypanel.d.ts');
    assert.deepEqual(Object.keys(pkg.exports['.']), ['types', 'default']);
    assert.equal(pkg.exports['./host'].types, './citypanel-host.d.ts');
    assert.ok(pkg.license && pkg.version, 'licence and version');
    assert.equal(pkg.scripts, undefined, 'no install scripts');
    const built = await fs.readdir(path.join(work, 'vite-host', 'dist', 'assets'));
    assert.ok(built.some((f) => /^citypanel-app_bg-.+\.wasm$/.test(f)), `Vite emitted the wasm: ${built.join(', ')}`);
    assert.ok(built.some((f) => /^citypanel-.+\.css$/.test(f)), `Vite emitted the stylesheet: ${built.join(', ')}`);
  });

  test('the Vite host: a themed panel, a journey and a payment through its own sheet, accessible', async () => {
    const sandbox = await startSandbox();
    try {
      const context = await newContext(browser, { clock: sandbox, viewport: { width: 900, height: 1000 } });
      const page = await context.newPage();
      const errors = consoleErrors(page);
      await page.goto(`${sandbox.url}/vite-host/index.html`);
      await page.locator('#services .cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
      await page.locator(`${PANEL}[data-state="editing"]`).waitFor({ timeout: 15_000 });
      const root = page.locator('#bill > .cp-root');
      assert.equal(await root.evaluate((el) => el.style.getPropertyValue('--cp-color-primary')), '#1d4ed8');
      // The stylesheet Vite emitted is in force (the panel's own tokens are set).
      assert.notEqual(await root.evaluate((el) => getComputedStyle(el).getPropertyValue('--cp-radius')), '');
      await assertNoA11yViolations(page, 'vite host');
      await page.locator(`${PANEL} input[name="account"]`).fill(ACCOUNT);
      await page.locator(`${PANEL} button[type="submit"]`).click();
      await page.locator(`${PANEL}[data-state="success"]`).waitFor({ timeout: 15_000 });
      await page.locator(`${PANEL} .cp-offer[data-effect="pay"] button`).click();
      await page.locator('.cp-pay__go').click();
      await page.locator('.vh-sheet__confirm').waitFor();
      await assertNoA11yViolations(page, 'vite host pay sheet');
      await page.locator('.vh-sheet__confirm').click();
      await page.locator('.cp-pay[data-pay-state="paid"]').waitFor({ timeout: 20_000 });
      const order = (await page.locator('.cp-pay__order').innerText()).match(/ord_[0-9a-f]+/)?.[0];
      assert.ok(order, 'the receipt names the order');
      const state = await fetch(`${sandbox.url}/platform/pay/status`, { method: 'POST', headers: await asUser(sandbox, 'shop', 'u-lin'), body: JSON.stringify({ reference: order }) });
      assert.equal((await state.json()).state, 'paid', 'the platform has it paid');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'package-vite-host-paid.png'), fullPage: true });
      await assertNoA11yViolations(page, 'vite host paid');
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await sandbox.stop();
    }
  });

  test('a plain page loads the package from a versioned CDN-style path', async () => {
    const sandbox = await startSandbox();
    try {
      const context = await newContext(browser, { clock: sandbox });
      const page = await context.newPage();
      const errors = consoleErrors(page);
      await page.goto(`${sandbox.url}/checks/cdn.html`);
      await page.locator('#fines .cp-panel[data-service="traffic-violations"][data-state="editing"]').waitFor({ timeout: 15_000 });
      assert.equal(await page.locator(`link[href$="/citypanel@${version}/citypanel.css"]`).count(), 1, 'its stylesheet from beside it');
      await assertNoA11yViolations(page, 'cdn page');
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await sandbox.stop();
    }
  });

  /** A real platform order of the water bill for `host`'s user (the Vite host is `shop`). */
  async function order(sandbox, host = 'shop', user = 'u-lin') {
    const token = await tokenFor(sandbox, host, user);
    const r = await fetch(`${sandbox.url}/platform/pay/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `conformance-${Date.now()}`, authorization: `Bearer ${token}` },
      body: JSON.stringify(BILL),
    });
    assert.equal(r.status, 201, await r.clone().text());
    return (await r.json()).orderNo;
  }

  /** The report of the self-check at `url` in `page` (answering the host's sheets as asked). */
  async function report(page, sheet = null) {
    const done = page.locator('body[data-conformance]');
    const frameDone = page.frameLocator('#panel').locator('body[data-conformance]');
    for (;;) {
      if (await done.count() || (await page.locator('#panel').count() && await frameDone.count())) break;
      if (sheet && await page.locator(sheet.open).count()) {
        const ask = await page.locator('#panel').count()
          ? await page.frameLocator('#panel').locator('#cc-ask').innerText()
          : await page.locator('#cc-ask').innerText();
        const button = page.locator(`${/invalid/.test(ask) ? sheet.cancel : sheet.confirm}:enabled`);
        if (await button.count()) await button.click({ timeout: 2_000 }).catch(() => {});
      }
      await page.waitForTimeout(100);
    }
    const ui = await page.locator('#panel').count() ? page.frameLocator('#panel') : page;
    const items = await ui.locator('#cc-report li').evaluateAll((lis) => lis.map((li) => `${li.dataset.result} ${li.innerText.replace(/\s+/g, ' ')}`));
    return { verdict: await ui.locator('body').getAttribute('data-conformance'), items, summary: await ui.locator('#cc-summary').innerText() };
  }

  for (const [name, url] of [
    ['object bridge', (o) => `/citypanel@${version}/conformance.html?bridge=/vite-host-src/host.js&pay=success&order=${o}`],
    ['postMessage (host kit)', (o) => `/checks/frame-host.html?pay=success&order=${o}`],
  ]) {
    test(`the self-check passes the Vite host's bridge: ${name}`, async () => {
      const sandbox = await startSandbox();
      try {
        const context = await newContext(browser, { clock: sandbox });
        const page = await context.newPage();
        const errors = consoleErrors(page);
        await page.goto(sandbox.url + url(await order(sandbox)));
        const r = await report(page, VITE_SHEET);
        assert.equal(r.verdict, 'pass', `${r.summary}\n${r.items.join('\n')}`);
        for (const check of ['identity: token', 'location', 'subscribe', 'subscribe: invalid call', 'pay #1 (success)', 'pay: invalid order']) {
          assert.ok(r.items.some((i) => i.startsWith(`pass PASS ${check}:`)), `${check} passed:\n${r.items.join('\n')}`);
        }
        await assertNoA11yViolations(page, `self-check ${name}`);
        // The invalid calls reach the platform and are refused there (4xx), as they should be.
        assert.deepEqual(errors.filter((e) => !/status of (404|422)/.test(e)), []);
        await context.close();
      } finally {
        await sandbox.stop();
      }
    });
  }

  // The demo hosts with a JS bridge, as they are: the microblog's object (handed to the page
  // framed on the host page, `?bridge=parent`), the messenger's postMessage glue (its panel frame
  // navigated to the self-check). The wallet and shop shells lend a Rust bridge (`impl
  // HostBridge`), which this page cannot call.
  //
  // Both pass, and refuse a `javascript:` target to `open` themselves (embed/hosts/host-kit.js
  // `openTarget`) rather than leaving it to their page's CSP.
  const JS_URL_REFUSED = /Running the JavaScript URL violates the following Content Security Policy/;
  async function demoContext(sandbox) {
    const context = await browser.newContext({ viewport: { width: 420, height: 900 }, timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    await pinClock(context, sandbox);
    return context;
  }
  const demoErrors = (errors) => errors.filter((e) => !/status of (404|422)/.test(e) && !JS_URL_REFUSED.test(e));
  test('the self-check passes the microblog demo host (object bridge, framed)', async () => {
    const sandbox = await startSandbox();
    try {
      const context = await demoContext(sandbox);
      const page = await context.newPage();
      const errors = consoleErrors(page);
      await page.goto(`${sandbox.url}/embed/hosts/microblog.html`);
      await page.locator('city-services .cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
      await page.evaluate((v) => {
        window.citypanelBridge = document.getElementById('services').bridge;
        const frame = document.createElement('iframe');
        frame.id = 'panel';
        frame.title = 'citypanel self-check';
        frame.src = `/citypanel@${v}/conformance.html?bridge=parent`;
        document.body.append(frame);
      }, version);
      const r = await report(page);
      assert.equal(r.verdict, 'pass', `${r.summary}\n${r.items.join('\n')}`);
      for (const check of ['identity: token', 'location', 'subscribe', 'subscribe: invalid call', 'open']) {
        assert.ok(r.items.some((i) => i.startsWith(`pass PASS ${check}:`)), `${check} passed:\n${r.items.join('\n')}`);
      }
      assert.ok(r.items.some((i) => i.startsWith('pass PASS open: unsafe target')), r.items.join('\n'));
      assert.deepEqual(demoErrors(errors), []);
      await context.close();
    } finally {
      await sandbox.stop();
    }
  });

  test('the self-check passes the messenger demo host (postMessage, its own glue and pay sheet)', async () => {
    const sandbox = await startSandbox();
    try {
      const context = await demoContext(sandbox);
      const page = await context.newPage();
      const errors = consoleErrors(page);
      await page.goto(`${sandbox.url}/embed/hosts/messenger.html?locale=zh-CN`);
      await page.frameLocator('#panel').locator('.cp-catalog[data-state="ready"]').waitFor({ timeout: 15_000 });
      const o = await order(sandbox, 'messenger', 'u-huang');
      await page.evaluate(([v, no]) => {
        const q = new URLSearchParams({ transport: 'postMessage', host: location.origin, pay: 'success', order: no });
        document.getElementById('panel').src = `/citypanel@${v}/conformance.html?${q}`;
      }, [version, o]);
      const r = await report(page, DEMO_SHEET);
      assert.equal(r.verdict, 'pass', `${r.summary}\n${r.items.join('\n')}`);
      for (const check of ['identity: token', 'location', 'subscribe', 'open', 'invalid messages', 'pay #1 (success)', 'pay: invalid order']) {
        assert.ok(r.items.some((i) => i.startsWith(`pass PASS ${check}:`)), `${check} passed:\n${r.items.join('\n')}`);
      }
      assert.ok(r.items.some((i) => i.startsWith('pass PASS open: unsafe target')), r.items.join('\n'));
      await assertNoA11yViolations(page, 'self-check in the messenger');
      assert.deepEqual(demoErrors(errors), []);
      await context.close();
    } finally {
      await sandbox.stop();
    }
  });

  test('the self-check fails a broken object bridge, saying what to fix', async () => {
    const sandbox = await startSandbox();
    try {
      const context = await newContext(browser, { clock: sandbox });
      const page = await context.newPage();
      await page.goto(`${sandbox.url}/citypanel@${version}/conformance.html?bridge=/checks/broken-bridge.js`);
      const r = await report(page);
      assert.equal(r.verdict, 'fail');
      const text = r.items.join('\n');
      for (const expected of [
        /fail FAIL declaration: version: version is undefined Fix: set `version: "1.0"`/,
        /warn WARN declaration: capabilities: unknown to bridge 1.0: `weather` \(a typo, or a capability of a newer SDK\)/,
        /fail FAIL identity: token: token "u-lin" is not `v1.<payload>.<signature>`/,
        /fail FAIL identity: attributes: attributes plates are not strings/,
        /fail FAIL location: answered null Fix: answer a 6-digit city code .* or reject the call when the user refuses/,
        /fail FAIL subscribe: invalid call: followed topic `weather`/,
        /fail FAIL open: no answer within 5 s/,
        /fail FAIL pay #1: answered "ok"/,
      ]) {
        assert.match(text, expected);
      }
      await assertNoA11yViolations(page, 'self-check failing');
      await context.close();
    } finally {
      await sandbox.stop();
    }
  });

  test('the self-check fails broken postMessage glue: duplicate, late, malformed answers', async () => {
    const sandbox = await startSandbox();
    try {
      const context = await newContext(browser, { clock: sandbox });
      const page = await context.newPage();
      await page.goto(`${sandbox.url}/checks/frame-broken.html`);
      const r = await report(page);
      assert.equal(r.verdict, 'fail');
      const text = r.items.join('\n');
      for (const expected of [
        /fail FAIL late or duplicate answers: `identity` request `cc-1` was answered twice/,
        /fail FAIL identity: token: token "u-lin"/,
        /fail FAIL location: no answer within 5 s/,
        /fail FAIL late or duplicate answers: an answer to `cc-2` \(location\) that no request is waiting for/,
        /fail FAIL envelope: unknown keys `extra`/,
        /fail FAIL subscribe: answered "yes"/,
        /fail FAIL undeclared capability: a `pay` request \(not declared\) got no answer/,
      ]) {
        assert.match(text, expected);
      }
      await context.close();
    } finally {
      await sandbox.stop();
    }
  });
});
