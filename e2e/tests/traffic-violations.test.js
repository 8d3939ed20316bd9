// End-to-end tests of the traffic-violation inquiry panel in the demo host gallery, against
// the sandbox (simulated Hangzhou traffic police) in Debian's Chromium.
//
// Every state is screenshotted to <repo>/target/screenshots/e2e/ and checked with axe-core
// (WCAG 2.0/2.1 A+AA, WCAG 2.2 AA): zero violations.
import { describe, test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../lib/sandbox.js';
import { launchBrowser, newContext } from '../lib/browser.js';
import { assertNoA11yViolations } from '../lib/axe.js';
import { PanelPage } from '../lib/panel.js';
import { expectedRecords, canonical } from '../lib/oracle.js';

const SERVICE = 'traffic-violations';
const TEST_TIMEOUT_MS = 120_000;

/** Seeded in the sandbox's simulated department. */
const SEED = {
  three: { plate: '浙A12345', engine: '123456', count: 3 },
  newEnergy: { plate: '浙AD12345', engine: 'A1B2C3', count: 1 },
  five: { plate: '浙B67890', engine: '654321', count: 5 },
  unknown: { plate: '浙A99999', engine: '111111', count: 0 },
  wrongEngine: { plate: '浙A12345', engine: '000000' },
};

const TEXT = {
  'zh-CN': {
    badges: ['未处理', '已处理'],
    sources: ['电子眼抓拍', '民警现场处罚'],
    empty: '该车辆暂无交通违法记录',
    plateError: '省份',
    engineError: '发动机号',
    submit: '查询',
    plateLabel: '车牌号码',
  },
  en: {
    badges: ['Unpaid', 'Handled'],
    sources: ['Camera-captured', 'Officer-recorded'],
    empty: 'No traffic violations on record for this vehicle',
    plateError: 'province',
    engineError: 'engine number',
    submit: 'Search',
    plateLabel: 'Licence plate',
  },
};

let sandbox;
let browser;
let context;
/** A failed setup fails every test with its message (a failing before() only cancels them). */
let setupError;

/** Screenshot first (so a failing state is still pictured), then axe. */
async function checkState(pp, name) {
  await pp.screenshot(`traffic-violations-${name}`);
  await assertNoA11yViolations(pp.page, name);
}

async function open(locale = 'zh-CN') {
  return PanelPage.open(context, sandbox.url, { locale, service: SERVICE });
}

/** Points may carry a unit ("3 分"); compare the number. Fines may carry separators. */
function comparable(records) {
  return canonical(
    records.map((r) => ({
      ...r,
      fields: {
        ...r.fields,
        points: (String(r.fields.points ?? '').match(/-?\d+/) ?? [''])[0],
        fine: String(r.fields.fine ?? '').replace(/,/g, ''),
      },
    })),
  );
}

/** Shape and locale checks that hold whatever the seed data is. */
function assertRecordTexts(records, locale) {
  const t = TEXT[locale];
  for (const [i, r] of records.entries()) {
    const where = `record ${i + 1} ${JSON.stringify(r)}`;
    assert.ok(r.title, `${where}: empty .cp-record__title`);
    assert.ok(t.badges.includes(r.badge), `${where}: badge not one of ${t.badges.join('/')}`);
    assert.match(r.fields.time ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, `${where}: time`);
    assert.ok(r.fields.place, `${where}: empty place`);
    assert.match(r.fields.fine ?? '', /^¥\d{1,3}(,?\d{3})*\.\d{2}$/, `${where}: fine`);
    assert.match(r.fields.points ?? '', /\d/, `${where}: points`);
    assert.ok(t.sources.includes(r.fields.source), `${where}: source not one of ${t.sources.join('/')}`);
  }
}

/** The panel shows exactly what the department returned, mapped by the descriptor. */
async function assertRecordsMatchDepartment(pp, { plate, engine, count }, locale) {
  const shown = await pp.records();
  assert.equal(shown.length, count, `expected ${count} li.cp-record, got ${JSON.stringify(shown)}`);
  assertRecordTexts(shown, locale);
  const expected = await expectedRecords(sandbox.url, SERVICE, { plate, engine }, locale);
  assert.deepEqual(comparable(shown), comparable(expected), 'rendered records differ from the department data');
  const summary = (await pp.resultSummary.textContent()) ?? '';
  assert.match(summary, new RegExp(`(^|\\D)${count}(\\D|$)`), `.cp-result__summary "${summary}" lacks the count`);
  return shown;
}

/**
 * Each unpaid record offers its payment inside its own card — one button saying the amount,
 * named for screen readers with the offence and its time — and a handled one none; nothing
 * is paid from under the list.
 */
async function assertPayInCards(pp, shown, locale) {
  const unpaid = TEXT[locale].badges[0];
  const cards = await pp.recordItems.evaluateAll((items) =>
    items.map((li) => [...li.querySelectorAll('button[data-effect="pay"]')].map((b) => b.textContent.replace(/\s+/g, ' ').trim())),
  );
  for (const [i, r] of shown.entries()) {
    const fine = r.fields.fine.replace(/,/g, '');
    const want = locale === 'en'
      ? `Pay the fine ${fine} for ${r.title}, ${r.fields.time}`
      : `缴纳罚款 ${fine}（${r.title}，${r.fields.time}）`;
    assert.deepEqual(cards[i], r.badge === unpaid ? [want] : [], `record ${i + 1} (${r.badge}): its pay button`);
    if (r.badge === unpaid) {
      // Its accessible name: the visible text, then (hidden) which record.
      const [shownText, hiddenText] = locale === 'en' ? [`Pay the fine ${fine}`, `for ${r.title}, ${r.fields.time}`] : [`缴纳罚款 ${fine}`, `（${r.title}，${r.fields.time}）`];
      const esc = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const name = new RegExp(`^${esc(shownText)}\\s*${esc(hiddenText)}$`);
      await pp.recordItems.nth(i).getByRole('button', { name }).waitFor();
    }
  }
  assert.ok(cards.some((c) => c.length), 'the seed has an unpaid record');
  assert.equal(await pp.panel.locator('.cp-offers [data-effect="pay"]').count(), 0, 'no pay buttons under the list');
  assert.equal(await pp.panel.locator('.cp-offers .cp-offer[data-effect="subscribe"]').count(), 1, 'the whole-result action stays under the list');
}

function assertNoDeptRequest(pp, from, why) {
  const dept = pp.deptRequests(from);
  assert.deepEqual(dept.map((r) => `${r.method} ${r.url}`), [], `no request to /dept expected (${why})`);
  const posts = pp.requests.slice(from).filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
  assert.deepEqual(posts.map((r) => `${r.method} ${r.url}`), [], `no non-GET request expected (${why})`);
}

describe('traffic-violation inquiry panel', { timeout: 15 * 60_000 }, () => {
  before(async () => {
    try {
      sandbox = await startSandbox();
      browser = await launchBrowser();
    } catch (err) {
      setupError = err;
    }
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await sandbox?.stop();
  });

  beforeEach(async () => {
    if (setupError) throw setupError;
    await sandbox.ensureRunning();
    // Tests that need a fault set it strictly; here a missing admin endpoint is no failure.
    await sandbox.clearFaults().catch(() => {});
    context = await newContext(browser, { clock: sandbox });
  });

  afterEach(async () => {
    await context?.close().catch(() => {});
    context = undefined;
    await sandbox?.clearFaults().catch(() => {});
  });

  test('1. invalid plate: inline error on blur, focused error summary on submit, no department call', { timeout: TEST_TIMEOUT_MS }, async () => {
    const pp = await open('zh-CN');
    const plate = pp.input('plate');
    const start = pp.requests.length;

    // The label is tied to the input.
    assert.equal(await pp.panel.getByLabel(TEXT['zh-CN'].plateLabel).getAttribute('name'), 'plate');

    await plate.fill('AB123');
    await plate.press('Tab');
    await pp.fieldError('plate').waitFor({ state: 'visible' });
    assert.equal(await plate.getAttribute('aria-invalid'), 'true');
    const err = (await pp.fieldError('plate').textContent()) ?? '';
    assert.ok(err.includes(TEXT['zh-CN'].plateError), `plate error "${err}" should mention ${TEXT['zh-CN'].plateError}`);
    const errId = await pp.fieldError('plate').getAttribute('id');
    assert.ok(errId, '.cp-field__error needs an id');
    const describedBy = ((await plate.getAttribute('aria-describedby')) ?? '').split(/\s+/);
    assert.ok(describedBy.includes(errId), `aria-describedby "${describedBy.join(' ')}" should include "${errId}"`);
    assert.equal(await pp.state(), 'editing');
    await checkState(pp, 'invalid-blur-zh');

    // Focus is in the empty engine field: the click also blurs it. (Blur validation that
    // shifts the layout under the pointer would swallow a real user's click too.)
    await pp.submit.click();
    const summary = pp.errorSummary;
    await summary.waitFor({ state: 'visible', timeout: 5_000 }).catch(async () => {
      assert.fail(`no visible .cp-error-summary after submitting an invalid form\n${await pp.diagnostics()}`);
    });
    assert.equal(await summary.getAttribute('role'), 'alert');
    await pp.page.waitForFunction(
      (sel) => {
        const s = document.querySelector(sel);
        return s && (document.activeElement === s || s.contains(document.activeElement));
      },
      `${pp.selector} .cp-error-summary`,
      { timeout: 5_000 },
    ).catch(async () => {
      const active = await pp.page.evaluate(() => document.activeElement?.outerHTML?.slice(0, 200));
      assert.fail(`the error summary should have focus; focus is on ${active}`);
    });
    const plateId = await plate.getAttribute('id');
    assert.ok(plateId, 'plate input needs an id for the summary link');
    const hrefs = await summary.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.includes(`#${plateId}`), `summary links ${JSON.stringify(hrefs)} should include #${plateId}`);
    // The engine field is required and empty.
    assert.equal(await pp.input('engine').getAttribute('aria-invalid'), 'true');
    assert.equal(await pp.state(), 'editing');
    await checkState(pp, 'invalid-summary-zh');

    // Give a stray request a moment to show up before asserting there was none.
    await pp.page.waitForTimeout(300);
    assertNoDeptRequest(pp, start, 'the form is invalid');
    assert.ok(!pp.requests.some((r) => r.postData.includes('AB123')), 'the invalid plate was sent somewhere');
  });

  test('2. seeded plate: 3 records with exact texts, then English without re-querying', { timeout: TEST_TIMEOUT_MS }, async () => {
    const pp = await open('zh-CN');
    assert.equal(await pp.panel.getAttribute('lang'), 'zh-CN');
    assert.equal(await pp.localeButton('zh-CN').getAttribute('aria-pressed'), 'true');
    assert.equal(await pp.localeButton('en').getAttribute('aria-pressed'), 'false');
    assert.equal(((await pp.submit.textContent()) ?? '').trim(), TEXT['zh-CN'].submit);
    await checkState(pp, 'editing-zh');

    const state = await pp.query(SEED.three.plate, SEED.three.engine);
    assert.equal(state, 'success', await pp.diagnostics());
    const zh = await assertRecordsMatchDepartment(pp, SEED.three, 'zh-CN');
    await assertPayInCards(pp, zh, 'zh-CN');
    await checkState(pp, 'success-zh');

    // A card's button opens the payment sheet under the list and focuses it; the cards' buttons
    // step aside until it closes, and focus goes back to the button that opened it.
    const first = zh.findIndex((r) => r.badge === TEXT['zh-CN'].badges[0]);
    await pp.recordItems.nth(first).locator('button[data-effect="pay"]').click();
    await pp.panel.locator('.cp-pay[data-pay-state="ready"]').waitFor();
    await pp.page.waitForFunction(() => document.activeElement?.matches('.cp-pay__go'));
    assert.equal(await pp.panel.locator('.cp-pay__amount').innerText(), zh[first].fields.fine.replace(/,/g, ''));
    assert.equal(await pp.panel.locator('.cp-record__actions:visible').count(), 0, 'one payment at a time');
    await checkState(pp, 'pay-sheet-zh');
    await pp.panel.locator('.cp-pay__close').click();
    await pp.page.waitForFunction(
      (n) => document.activeElement?.closest(`.cp-record__actions[data-record="${n}"]`) !== null,
      first,
    );

    const before = pp.requests.length;
    await pp.switchLocale('en');
    assert.equal(await pp.localeButton('en').getAttribute('aria-pressed'), 'true');
    assert.equal(await pp.localeButton('zh-CN').getAttribute('aria-pressed'), 'false');
    assert.equal(await pp.state(), 'success');
    const en = await assertRecordsMatchDepartment(pp, SEED.three, 'en');
    await assertPayInCards(pp, en, 'en');
    // Same records, only the labels changed: offence text, time, place and fine stay.
    assert.deepEqual(
      en.map((r) => [r.title, r.fields.time, r.fields.place, r.fields.fine]).sort(),
      zh.map((r) => [r.title, r.fields.time, r.fields.place, r.fields.fine]).sort(),
    );
    await checkState(pp, 'success-en');
    await pp.page.waitForTimeout(300);
    assertNoDeptRequest(pp, before, 'switching locale must not re-query');

    // "New search" returns to the form with the values kept.
    await pp.back.click();
    await pp.waitForState('editing');
    assert.equal(await pp.input('plate').inputValue(), SEED.three.plate);
    assert.equal(await pp.input('engine').inputValue(), SEED.three.engine);
    assert.equal(((await pp.submit.textContent()) ?? '').trim(), TEXT.en.submit);
    await checkState(pp, 'editing-en');
  });

  test('3. new-energy plate: loading state, then 1 record', { timeout: TEST_TIMEOUT_MS }, async () => {
    await sandbox.setFault({ mode: 'off', latency_ms: 1500 });
    const pp = await open('zh-CN');
    await pp.fill(SEED.newEnergy.plate, SEED.newEnergy.engine);
    const mark = await pp.mark();
    await pp.submit.click();
    await pp.waitForState('loading', 5_000);
    await pp.loading.waitFor({ state: 'visible', timeout: 2_000 });
    assert.equal(await pp.loading.getAttribute('role'), 'status');
    await checkState(pp, 'loading-zh');

    const state = await pp.settle(mark);
    assert.equal(state, 'success', await pp.diagnostics());
    await assertRecordsMatchDepartment(pp, SEED.newEnergy, 'zh-CN');
    await checkState(pp, 'success-new-energy-zh');
  });

  test('4. unknown plate: empty state', { timeout: TEST_TIMEOUT_MS }, async () => {
    const pp = await open('zh-CN');
    const state = await pp.query(SEED.unknown.plate, SEED.unknown.engine);
    assert.equal(state, 'empty', await pp.diagnostics());
    await pp.empty.waitFor({ state: 'visible' });
    const text = (await pp.empty.textContent()) ?? '';
    assert.ok(text.includes(TEXT['zh-CN'].empty), `.cp-empty "${text}"`);
    assert.equal(await pp.recordItems.count(), 0);
    await checkState(pp, 'empty-zh');

    await pp.switchLocale('en');
    assert.equal(await pp.state(), 'empty');
    const textEn = (await pp.empty.textContent()) ?? '';
    assert.ok(textEn.includes(TEXT.en.empty), `.cp-empty "${textEn}"`);
    await checkState(pp, 'empty-en');

    await pp.back.click();
    await pp.waitForState('editing');
    assert.equal(await pp.input('plate').inputValue(), SEED.unknown.plate);
    assert.equal(await pp.input('engine').inputValue(), SEED.unknown.engine);
  });

  for (const locale of ['zh-CN', 'en']) {
    test(`5. wrong engine number: field error on the engine field (${locale})`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const pp = await open(locale);
      const mark = await pp.mark();
      const state = await pp.query(SEED.wrongEngine.plate, SEED.wrongEngine.engine);
      assert.equal(state, 'editing', await pp.diagnostics());
      assert.ok((await pp.statesSince(mark)).includes('loading'), 'the query should have been sent');
      const engine = pp.input('engine');
      assert.equal(await engine.getAttribute('aria-invalid'), 'true');
      await pp.fieldError('engine').waitFor({ state: 'visible' });
      const msg = (await pp.fieldError('engine').textContent()) ?? '';
      assert.ok(
        msg.toLowerCase().includes(TEXT[locale].engineError.toLowerCase()),
        `engine error "${msg}" should mention ${TEXT[locale].engineError}`,
      );
      const errId = await pp.fieldError('engine').getAttribute('id');
      assert.ok(((await engine.getAttribute('aria-describedby')) ?? '').split(/\s+/).includes(errId));
      assert.notEqual(await pp.input('plate').getAttribute('aria-invalid'), 'true');
      assert.equal(await engine.inputValue(), SEED.wrongEngine.engine, 'the entered value is kept');
      await checkState(pp, `engine-error-${locale === 'en' ? 'en' : 'zh'}`);
    });
  }

  test('6. sandbox down: error state with retry; back up on the same port: retry shows records', { timeout: TEST_TIMEOUT_MS }, async () => {
    const pp = await open('zh-CN');
    await pp.fill(SEED.three.plate, SEED.three.engine);
    await sandbox.stop();
    assert.equal(sandbox.running, false);

    let mark = await pp.mark();
    await pp.submit.click();
    const state = await pp.settle(mark, 30_000);
    assert.equal(state, 'error', await pp.diagnostics());
    await pp.error.waitFor({ state: 'visible' });
    assert.equal(await pp.error.getAttribute('role'), 'alert');
    assert.ok(((await pp.error.textContent()) ?? '').trim().length > 0, '.cp-error has no message');
    await pp.retry.waitFor({ state: 'visible' });
    await checkState(pp, 'error-offline-zh');

    const url = sandbox.url;
    await sandbox.restart();
    assert.equal(sandbox.url, url);
    mark = await pp.mark();
    await pp.retry.click();
    const after = await pp.settle(mark);
    assert.equal(after, 'success', await pp.diagnostics());
    await assertRecordsMatchDepartment(pp, SEED.three, 'zh-CN');
  });

  test('7. garbage from the department: error state, page keeps working; fault off + retry: records', { timeout: TEST_TIMEOUT_MS }, async () => {
    await sandbox.setFault({ mode: 'garbage', latency_ms: 0 });
    const pp = await open('zh-CN');
    const state = await pp.query(SEED.three.plate, SEED.three.engine);
    assert.equal(state, 'error', await pp.diagnostics());
    await pp.error.waitFor({ state: 'visible' });
    assert.equal(await pp.error.getAttribute('role'), 'alert');
    await pp.retry.waitFor({ state: 'visible' });
    await checkState(pp, 'error-garbage-zh');

    // Not a crash: the host shell and the panel still respond.
    await pp.switchLocale('en');
    assert.equal(await pp.localeButton('en').getAttribute('aria-pressed'), 'true');
    assert.equal(await pp.state(), 'error');
    await pp.retry.waitFor({ state: 'visible' });
    await checkState(pp, 'error-garbage-en');
    await pp.switchLocale('zh-CN');
    assert.deepEqual(pp.pageErrors, [], 'uncaught page errors (a wasm panic?)');

    await sandbox.setFault({ mode: 'off', latency_ms: 0 });
    const mark = await pp.mark();
    await pp.retry.click();
    const after = await pp.settle(mark);
    assert.equal(after, 'success', await pp.diagnostics());
    await assertRecordsMatchDepartment(pp, SEED.three, 'zh-CN');
    assert.deepEqual(pp.pageErrors, [], 'uncaught page errors (a wasm panic?)');
  });

  test('8. keyboard only: Tab, type, Tab, type, Enter → records; Tab to "new search", Enter → form', { timeout: TEST_TIMEOUT_MS }, async () => {
    const pp = await open('zh-CN');
    const kb = pp.page.keyboard;
    const activeName = () =>
      pp.page.evaluate((sel) => {
        const a = document.activeElement;
        const panel = document.querySelector(sel);
        if (!a || !panel || !panel.contains(a)) return null;
        if (a.matches('input[name]')) return `input:${a.getAttribute('name')}`;
        if (a.matches('button.cp-back')) return 'back';
        return a.tagName.toLowerCase();
      }, pp.selector);
    const tabTo = async (want, max) => {
      for (let i = 0; i < max; i++) {
        await kb.press('Tab');
        if ((await activeName()) === want) return;
      }
      assert.fail(`${want} not reached with ${max} Tab presses (focus: ${await activeName()})`);
    };

    await tabTo('input:plate', 40);
    await kb.type(SEED.three.plate);
    await tabTo('input:engine', 4);
    await kb.type(SEED.three.engine);
    assert.equal(await pp.input('plate').inputValue(), SEED.three.plate);
    assert.equal(await pp.input('engine').inputValue(), SEED.three.engine);
    const mark = await pp.mark();
    await kb.press('Enter');
    const state = await pp.settle(mark);
    assert.equal(state, 'success', await pp.diagnostics());
    assert.equal(await pp.recordItems.count(), SEED.three.count);
    await pp.screenshot('traffic-violations-keyboard-success-zh');

    await tabTo('back', 60);
    await kb.press('Enter');
    await pp.waitForState('editing');
    assert.equal(await pp.input('plate').inputValue(), SEED.three.plate);
  });

  test('9. no console errors on the happy path', { timeout: TEST_TIMEOUT_MS }, async () => {
    // No axe injection here: only the app's own messages are collected.
    const pp = await open('zh-CN');
    assert.equal(await pp.query(SEED.three.plate, SEED.three.engine), 'success', await pp.diagnostics());
    await pp.switchLocale('en');
    await pp.back.click();
    await pp.waitForState('editing');
    assert.equal(await pp.query(SEED.unknown.plate, SEED.unknown.engine), 'empty', await pp.diagnostics());
    await pp.page.waitForTimeout(300);
    assert.deepEqual(pp.consoleErrors, [], 'console errors');
    assert.deepEqual(pp.pageErrors, [], 'uncaught page errors');
  });

  test('10. plate and engine number never appear in a URL', { timeout: TEST_TIMEOUT_MS }, async () => {
    const pp = await open('zh-CN');
    const start = pp.requests.length;
    assert.equal(await pp.query(SEED.five.plate, SEED.five.engine), 'success', await pp.diagnostics());
    await assertRecordsMatchDepartment(pp, SEED.five, 'zh-CN');
    await pp.switchLocale('en');
    await pp.back.click();
    await pp.waitForState('editing');
    await pp.page.waitForTimeout(300);

    const during = pp.requests.slice(start);
    assert.ok(
      during.some((r) => r.postData.includes(SEED.five.engine)),
      `the query should have sent the engine number in a request body (requests: ${during.map((r) => `${r.method} ${r.url}`).join(', ')})`,
    );
    const secrets = [
      SEED.five.plate,
      encodeURIComponent(SEED.five.plate),
      encodeURIComponent(SEED.five.plate).toLowerCase(),
      SEED.five.plate.slice(1), // B67890: the plate without its province character
      SEED.five.engine,
    ];
    const urls = [...pp.requests.map((r) => r.url), pp.page.url()];
    const leaks = urls.filter((u) => secrets.some((s) => u.includes(s) || decodeURIComponentSafe(u).includes(s)));
    assert.deepEqual(leaks, [], 'plate or engine number found in a URL');
  });
});

function decodeURIComponentSafe(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
