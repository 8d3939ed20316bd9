// axe-core accessibility check: WCAG 2.0/2.1 A+AA and WCAG 2.2 AA, zero violations.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { AssertionError } from 'node:assert';

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Makes axe-core available in `page` (a page or a frame). */
export async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  // Evaluated through DevTools, not added as a <script>: the pages' Content-Security-Policy
  // (no inline script, Trusted Types) refuses an injected script, and the suite fails on any
  // CSP violation (e2e/lib/csp.js).
  await page.evaluate(readFileSync(AXE_PATH, 'utf8') + '\n;undefined');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    throw new Error('axe-core could not be injected into the page');
  }
}

/** Runs axe on the whole document and returns the raw violations array. */
export async function axeViolations(page) {
  await injectAxe(page);
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        html: n.html,
        summary: n.failureSummary,
      })),
    }));
  }, AXE_TAGS);
}

/** Formats violations as a readable, multi-line report. */
export function formatViolations(violations, label) {
  const lines = [`axe: ${violations.length} violation(s) in state "${label}":`];
  for (const v of violations) {
    lines.push(`  - [${v.id}] (${v.impact}) ${v.help}  <${v.helpUrl}>`);
    for (const n of v.nodes.slice(0, 8)) {
      lines.push(`      target: ${n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', ')}`);
      lines.push(`        html: ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`);
      if (n.summary) {
        lines.push(`        ${n.summary.replace(/\s*\n\s*/g, ' | ').slice(0, 300)}`);
      }
    }
    if (v.nodes.length > 8) lines.push(`      … and ${v.nodes.length - 8} more node(s)`);
  }
  return lines.join('\n');
}

/** Asserts that axe finds zero violations in the page's current state. */
export async function assertNoA11yViolations(page, label) {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    throw new AssertionError({
      message: formatViolations(violations, label),
      actual: violations.map((v) => v.id),
      expected: [],
      operator: 'axe',
    });
  }
}
