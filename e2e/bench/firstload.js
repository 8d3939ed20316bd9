// Benchmark (issue 14): navigation → interactive ten-field form, cold and warm, the same ten
// fields rendered three ways and loaded alternately in one run, in headless Chromium against a
// sandbox on loopback (Brotli/gzip precompressed, the SDK from its content-addressed folder):
//   - citypanel: `mount()` of a ten-input query descriptor (preload hints, as documented);
//   - Adaptive Cards (the `adaptivecards` npm package): fetch the same descriptor, render its
//     ten inputs as an Adaptive Card;
//   - vanilla JS: fetch the same descriptor, create its ten inputs with the DOM API.
// Cold: a fresh browser context (empty HTTP and code caches). Warm: the same context navigated
// again (HTTP cache and compiled wasm in play). Prints medians and the ratios against the gates:
// cold ≤ Adaptive Cards (gate), cold ≤ 2× vanilla (goal), warm ≤ 1.5× vanilla (goal).
// Run: `node bench/firstload.js [runs]` from e2e/ (after `cargo xtask build`).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO_DIR } from '../lib/paths.js';
import { launchBrowser, newContext } from '../lib/browser.js';

const RUNS = Number(process.argv[2] ?? 15);
const SERVICE = 'bench-ten-fields';
const URL_PATH = `/api/v1/cities/330100/services/${SERVICE}`;
const require = createRequire(import.meta.url);

// A catalog with the ten-input query descriptor: traffic-violations' two inputs + eight texts.
const catalog = mkdtempSync(path.join(os.tmpdir(), 'cp-bench-catalog-'));
for (const f of readdirSync(path.join(REPO_DIR, 'catalog'))) {
  if (f.endsWith('.json')) cpSync(path.join(REPO_DIR, 'catalog', f), path.join(catalog, f));
}
const base = JSON.parse(readFileSync(path.join(REPO_DIR, 'catalog', 'traffic-violations.json'), 'utf8'));
const descriptor = {
  ...base,
  id: SERVICE,
  title: { 'zh-CN': '十项表单', en: 'Ten-field form' },
  inputs: [
    ...base.inputs,
    ...Array.from({ length: 8 }, (_, i) => ({
      id: `f${i + 3}`,
      kind: 'text',
      label: { 'zh-CN': `字段 ${i + 3}`, en: `Field ${i + 3}` },
      required: false,
      pii: 'none',
    })),
  ],
};
writeFileSync(path.join(catalog, `${SERVICE}.json`), JSON.stringify(descriptor, null, 2));
process.env.CITYPANEL_CATALOG = catalog;
const { startSandbox, sandboxConfig } = await import('../lib/sandbox.js');

// The three pages, in dist/bench/ (build output, rewritten on each run).
const dist = sandboxConfig().dist;
const benchDir = path.join(dist, 'bench');
mkdirSync(benchDir, { recursive: true });
cpSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), path.join(benchDir, 'adaptivecards.min.js'));
let sdk = { module: '/embed/citypanel.js', app: '/sdk/citypanel-app.js', wasm: '/sdk/citypanel-app_bg.wasm' };
try {
  sdk = JSON.parse(readFileSync(path.join(dist, 'sdk', 'current.json'), 'utf8'));
} catch {
  console.log('  (no dist/sdk/current.json: the stable SDK paths are used)');
}
// Records when `ready()` first holds, in ms since navigation start.
const probe = (ready) => `<script>
  window.__ready = new Promise((resolve) => {
    const ready = ${ready};
    const mo = new MutationObserver(() => { if (ready()) { mo.disconnect(); resolve(performance.now()); } });
    mo.observe(document, { subtree: true, childList: true, attributes: true });
  });
</script>`;
const page = (title, head, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>${title}</title>${head}</head>
<body><main><h1>${title}</h1><div id="form"></div></main>${body}</body></html>`;
const fields = `const d = await (await fetch('${URL_PATH}', { headers: { accept: 'application/json' } })).json();
  const label = (t) => t.en ?? t['zh-CN'];`;
const pages = {
  citypanel: page(
    'citypanel',
    `<link rel="modulepreload" href="${sdk.module}"><link rel="modulepreload" href="${sdk.app}">
<link rel="preload" as="fetch" type="application/wasm" crossorigin href="${sdk.wasm}">
${probe(`() => document.querySelector('.cp-panel[data-state="editing"] input[name="f10"]')`)}`,
    `<script type="module">
  import { mount } from '${sdk.module}';
  mount(document.getElementById('form'), { city: '330100', locale: 'en', service: '${SERVICE}' });
</script>`,
  ),
  adaptivecards: page(
    'Adaptive Cards',
    probe(`() => document.querySelectorAll('#form input').length >= 10`),
    `<script src="/bench/adaptivecards.min.js"></script>
<script type="module">
  ${fields}
  const card = new AdaptiveCards.AdaptiveCard();
  card.parse({
    type: 'AdaptiveCard', version: '1.5', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    body: [{ type: 'TextBlock', text: label(d.title), weight: 'Bolder', size: 'Medium' },
      ...d.inputs.map((i) => ({ type: 'Input.Text', id: i.id, label: label(i.label), isRequired: !!i.required }))],
    actions: [{ type: 'Action.Submit', title: 'Search' }],
  });
  document.getElementById('form').append(card.render());
</script>`,
  ),
  vanilla: page(
    'vanilla JS',
    probe(`() => document.querySelector('#form input[name="f10"]')`),
    `<script type="module">
  ${fields}
  const form = document.createElement('form');
  for (const i of d.inputs) {
    const l = document.createElement('label');
    l.textContent = label(i.label);
    const input = document.createElement('input');
    input.name = i.id; input.id = 'in-' + i.id; input.required = !!i.required;
    l.htmlFor = input.id;
    form.append(l, input);
  }
  const b = document.createElement('button'); b.textContent = 'Search'; form.append(b);
  form.addEventListener('submit', (e) => e.preventDefault());
  document.getElementById('form').append(form);
</script>`,
  ),
};
for (const [name, html] of Object.entries(pages)) writeFileSync(path.join(benchDir, `${name}.html`), html);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// A benchmark reads the wall clock on purpose: Playwright's fake clock would also fake
// `performance.now()`. The sandbox runs on the same (wall) time.
const sandbox = await startSandbox([], { now: new Date().toISOString() });
const browser = await launchBrowser();
const times = Object.fromEntries(Object.keys(pages).map((k) => [k, { cold: [], warm: [] }]));
try {
  const visit = async (pg, name) => {
    await pg.goto(`${sandbox.url}/bench/${name}.html`, { waitUntil: 'commit' });
    return pg.evaluate(() => window.__ready);
  };
  for (let run = 0; run < RUNS; run++) {
    for (const name of Object.keys(pages)) {
      const context = await newContext(browser, { clock: 'wall' });
      const pg = await context.newPage();
      times[name].cold.push(await visit(pg, name));
      // Leave the page so the compiled code is cached, then come back as a returning visitor.
      await pg.goto(`${sandbox.url}/healthz`);
      times[name].warm.push(await visit(pg, name));
      await context.close();
    }
  }
} finally {
  await browser.close();
  await sandbox.stop();
  rmSync(catalog, { recursive: true, force: true });
}

const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { cold: median(v.cold), warm: median(v.warm) }]));
const ms = (x) => `${x.toFixed(0).padStart(5)} ms`;
console.log(`first load — navigation → interactive ten-field form, median of ${RUNS}, headless Chromium, loopback`);
console.log(`  ${''.padEnd(16)}   cold       warm`);
for (const [k, v] of Object.entries(m)) console.log(`  ${k.padEnd(16)} ${ms(v.cold)}   ${ms(v.warm)}`);
const ratio = (a, b) => a / b;
const check = (label, r, limit, kind) =>
  console.log(`  ${label.padEnd(44)} ${r.toFixed(2)}×  (${kind} ≤ ${limit}×: ${r <= limit ? 'met' : 'NOT met'})`);
check('citypanel cold / Adaptive Cards cold', ratio(m.citypanel.cold, m.adaptivecards.cold), 1, 'gate');
check('citypanel cold / vanilla cold', ratio(m.citypanel.cold, m.vanilla.cold), 2, 'goal');
check('citypanel warm / vanilla warm', ratio(m.citypanel.warm, m.vanilla.warm), 1.5, 'goal');
