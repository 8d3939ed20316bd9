// The CSP gate: every page of every context made by `newContext` records Content-Security-
// Policy violations (the `securitypolicyviolation` events of every frame, and the console's
// "Refused to …" / Trusted Types errors), and `context.close()` fails the test that made them.
// The product is served with a strict policy (sandbox/src/app/pages.rs); a violation means the
// product broke it, never that the policy should be loosened.
import { AssertionError } from 'node:assert';

const BINDING = '__cpCspViolation';

/** Runs in every frame before its scripts: reports each violation to node. */
function recordViolations(binding) {
  const report = window[binding];
  if (typeof report !== 'function') return;
  // The original addEventListener (tests may instrument it later: e2e/lib/instrument.js).
  EventTarget.prototype.addEventListener.call(document, 'securitypolicyviolation', (e) => {
    report({
      directive: e.effectiveDirective || e.violatedDirective,
      blocked: String(e.blockedURI || ''),
      source: `${e.sourceFile || ''}:${e.lineNumber || 0}`,
      sample: String(e.sample || ''),
      page: String(location.href),
    });
  });
}

/** Console messages the browser writes for a CSP or Trusted Types refusal. */
export const CSP_CONSOLE = /Content Security Policy|Content-Security-Policy|TrustedHTML|TrustedScript|Trusted Type/i;

/**
 * Installs the gate on `context` and wraps its `close()`: it closes the context, then throws
 * an AssertionError listing the violations, if any. `context.cspViolations()` returns them so
 * far (a test may assert earlier).
 */
export async function guardCsp(context) {
  const violations = [];
  await context.exposeBinding(BINDING, (_source, v) => {
    violations.push(`${v.directive}: blocked ${v.blocked || '(inline)'} at ${v.source} on ${v.page}${v.sample ? ` — ${v.sample}` : ''}`);
  });
  await context.addInitScript(recordViolations, BINDING);
  context.on('console', (m) => {
    if (m.type() === 'error' && CSP_CONSOLE.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  context.on('weberror', (e) => {
    const text = String(e.error()?.message ?? e.error());
    if (CSP_CONSOLE.test(text)) violations.push(`uncaught: ${text}`);
  });
  context.cspViolations = () => [...violations];
  const close = context.close.bind(context);
  context.close = async (...args) => {
    await close(...args);
    assertNoCspViolations(violations);
  };
  return context;
}

/** Fails with every recorded violation. */
export function assertNoCspViolations(violations) {
  if (violations.length === 0) return;
  throw new AssertionError({
    message: `${violations.length} Content-Security-Policy violation(s):\n  - ${[...new Set(violations)].join('\n  - ')}`,
    actual: violations,
    expected: [],
    operator: 'csp',
  });
}
