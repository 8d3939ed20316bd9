// The author preview (`?view=author`): a service author edits a published descriptor and the
// lint and the live panel follow — a change shows in the panel, an error replaces the panel with
// the diagnostics (code and JSON pointer), broken JSON is reported without breaking the page,
// and the previewed panel queries the sandbox departments like a published one.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newContext, consoleErrors } from '../lib/browser.js';
import { useSandboxAndBrowser } from '../lib/setup.js';
import { assertNoA11yViolations } from '../lib/axe.js';
import { SCREENSHOT_DIR } from '../lib/paths.js';

let sandbox;
let browser;

const PANEL = '.author .cp-panel';

async function open(context, query) {
  const page = await context.newPage();
  const errors = consoleErrors(page);
  await page.goto(`${sandbox.url}/?view=author&${query}`);
  await page.locator(`${PANEL}[data-state="editing"]`).waitFor({ timeout: 15_000 });
  return { page, errors, editor: page.locator('#author-editor'), summary: page.locator('#author-summary') };
}

describe('author preview', { timeout: 180_000 }, () => {
  useSandboxAndBrowser((s, b) => {
    sandbox = s;
    browser = b;
  });

  test('edits show in the panel; errors replace it with the diagnostics; fixing brings it back', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 1200, height: 1000 } });
    const { page, errors, editor, summary } = await open(context, 'locale=en&city=330100&service=traffic-violations');
    assert.equal(await summary.innerText(), 'No problems: the descriptor is valid');
    const published = await editor.inputValue();
    assert.match(published, /^\{\n {2}"format": "1\.1",\n {2}"id": "traffic-violations",/, 'members in spec order, indented');
    await assertNoA11yViolations(page, 'author preview');

    // A change to the text shows in the panel once typing settles.
    await editor.fill(published.replace('"en": "Traffic violation inquiry"', '"en": "Traffic violations (draft)"'));
    await page.locator(`${PANEL} .cp-panel__title`).filter({ hasText: 'Traffic violations (draft)' }).waitFor({ timeout: 5_000 });

    // A required member renamed: one error (refused, no panel) and one warning, with pointers.
    await editor.fill(published.replace('"inputs":', '"inputz":'));
    await page.locator('#author-summary[data-errors="1"][data-warnings="1"]').waitFor({ timeout: 5_000 });
    assert.equal(await summary.innerText(), '1 error, 1 warning: the descriptor is refused');
    const required = page.locator('.author__diagnostic[data-code="required"]');
    assert.equal(await required.getAttribute('data-severity'), 'error');
    assert.match(await required.innerText(), /missing required field `inputs`/);
    assert.match(await page.locator('.author__diagnostic[data-code="unknown-field"] .author__path').innerText(), /^\/inputz$/);
    // Each diagnostic with a place in the text jumps there: the editor selects the member.
    await page.locator('.author__diagnostic[data-code="unknown-field"] .author__jump').click();
    const selected = await editor.evaluate((el) => ({ focused: document.activeElement === el, text: el.value.slice(el.selectionStart, el.selectionEnd) }));
    assert.ok(selected.focused, 'the editor takes focus');
    assert.match(selected.text, /^"inputz": \[/, `the member is selected: ${selected.text}`);
    assert.equal(await page.locator('.author__diagnostic[data-code="required"] .author__jump').count(), 0, 'a whole-document finding has no place');
    assert.equal(await page.locator(PANEL).count(), 0, 'a refused descriptor shows no panel');
    await page.locator('.author__refused').waitFor();
    await assertNoA11yViolations(page, 'author preview with errors');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'author-errors.png') });

    // Broken JSON is a diagnostic with its place, not a broken page.
    await editor.fill(published.slice(0, 200));
    await page.locator('.author__diagnostic[data-code="json"]').waitFor({ timeout: 5_000 });
    assert.ok(Number(await page.locator('.author__diagnostic[data-code="json"] .author__jump').getAttribute('data-line')) > 1, 'a syntax error jumps to its line');
    assert.match(await page.locator('.author__diagnostic[data-code="json"]').innerText(), /line \d+/);

    // Fixed: the panel is back and queries the sandbox department like a published one.
    await editor.fill(published);
    await page.locator(`${PANEL}[data-state="editing"]`).waitFor({ timeout: 5_000 });
    assert.equal(await summary.innerText(), 'No problems: the descriptor is valid');
    await page.locator(`${PANEL} input[name="plate"]`).fill('浙A12345');
    await page.locator(`${PANEL} input[name="engine"]`).fill('123456');
    await page.locator(`${PANEL} button[type="submit"]`).click();
    await page.locator(`${PANEL}[data-state="success"]`).waitFor({ timeout: 15_000 });
    assert.ok((await page.locator(`${PANEL} .cp-record`).count()) > 0, 'the department answered with records');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a service whose department does not exist yet previews against a canned answer', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 1200, height: 1400 } });
    const { page, errors } = await open(context, 'locale=en&city=330100&service=traffic-violations');
    const depts = [];
    page.on('request', (r) => r.url().includes('/dept/') && depts.push(new URL(r.url()).pathname));
    await page.locator('.author__canned summary').click();
    // The department's own shape, as its documentation promises it: one unpaid fine.
    const answer = JSON.stringify({ code: '0000', data: { wfjl: [{ xh: 'C-0001', wfsj: '20250420083000', wfdd: 'Draft Road', wfxw: 'Canned offence', fkje: '15000', wfjf: '3', clzt: '0', cjfs: '1' }] } });
    await page.locator('#author-canned').fill(answer);
    await page.locator('.author__status').fill('99');
    await page.locator('.author__use-canned').click();
    assert.match(await page.locator('.author__canned .author__error').innerText(), /from 200 to 599/);
    await page.locator('.author__status').fill('200');
    await page.locator('.author__use-canned').click();
    await page.locator('.author__canned-state[data-canned="true"]').waitFor({ timeout: 5_000 });
    await page.locator(`${PANEL}[data-state="editing"] input[name="plate"]`).fill('浙A12345');
    await page.locator(`${PANEL} input[name="engine"]`).fill('123456');
    await page.locator(`${PANEL} button[type="submit"]`).click();
    await page.locator(`${PANEL}[data-state="success"]`).waitFor({ timeout: 15_000 });
    const shown = await page.locator(`${PANEL} .cp-record`).innerText();
    assert.match(shown, /Canned offence/);
    assert.match(shown, /Draft Road/);
    assert.ok(depts.length > 0 && depts.every((p) => p.startsWith('/dept/canned/')), `only the canned endpoint was asked: ${depts}`);
    await assertNoA11yViolations(page, 'author preview with a canned answer');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'author-canned.png'), fullPage: true });

    // Back to the department: the real one answers again.
    depts.length = 0;
    await page.locator('.author__use-department').click();
    await page.locator('.author__canned-state[data-canned="false"]').waitFor();
    await page.locator(`${PANEL}[data-state="editing"] input[name="plate"]`).fill('浙A12345');
    await page.locator(`${PANEL} input[name="engine"]`).fill('123456');
    await page.locator(`${PANEL} button[type="submit"]`).click();
    await page.locator(`${PANEL}[data-state="success"]`).waitFor({ timeout: 15_000 });
    assert.ok(depts.some((p) => p.startsWith('/dept/hz-traffic-police/')), `the department was asked: ${depts}`);
    assert.doesNotMatch(await page.locator(PANEL).innerText(), /Canned offence/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('another city loads that city’s published descriptor; dark theme and Chinese apply', async () => {
    const context = await newContext(browser, { clock: sandbox, viewport: { width: 1200, height: 1000 } });
    const { page, editor } = await open(context, 'locale=zh-CN&city=330100&service=water-bill');
    await page.locator('.author__city').selectOption('310100');
    await page.locator(`${PANEL} .cp-panel__dept`).filter({ hasText: /上海/ }).waitFor({ timeout: 15_000 });
    assert.match(await editor.inputValue(), /"code": "310100"/);
    await page.locator('.author__dark').check();
    assert.equal(await page.locator('.author__stage').getAttribute('data-cp-theme'), 'dark');
    await page.getByRole('button', { name: 'EN' }).click();
    await page.locator(`${PANEL} .cp-panel__title`).filter({ hasText: /Water bill/ }).waitFor();
    await assertNoA11yViolations(page, 'author preview, Shanghai, dark');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'author-shanghai-dark.png') });
    await context.close();
  });
});
