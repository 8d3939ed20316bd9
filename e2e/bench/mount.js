// Benchmark: time from `mount()` to an interactive form and to a rendered catalog of the full
// catalog, in headless Chromium against a sandbox on loopback. Prints medians and p95 over N
// runs, with a peer measured in the same run: fetching (same HTTP cache) and parsing the same documents
// (descriptor, catalog) with plain `fetch` + `JSON.parse` — the floor any SDK pays.
// Run: `node bench/mount.js [runs]` from e2e/ (after `cargo xtask build`).
import { startSandbox } from '../lib/sandbox.js';
import { launchBrowser, newContext } from '../lib/browser.js';

const RUNS = Number(process.argv[2] ?? 25);

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95), min: s[0] };
}

const fmt = (ms) => `${ms.toFixed(1).padStart(7)} ms`;

// A benchmark reads the wall clock on purpose: Playwright's fake clock would also fake
// `performance.now()`. The sandbox runs on the same (wall) time.
const sandbox = await startSandbox([], { now: new Date().toISOString() });
const browser = await launchBrowser();
try {
  const context = await newContext(browser, { clock: 'wall' });
  const page = await context.newPage();
  // A page of the platform origin without citypanel on it, so the first load is measured.
  await page.goto(`${sandbox.url}/healthz`);
  const initMs = await page.evaluate(async () => {
    const t0 = performance.now();
    const m = await import('/embed/citypanel.js');
    await m.load();
    window.__cpMount = m.mountNow;
    return performance.now() - t0;
  });
  const results = await page.evaluate(async (runs) => {
    const until = (el, sel) =>
      new Promise((resolve) => {
        const hit = () => el.querySelector(sel);
        if (hit()) return resolve();
        const mo = new MutationObserver(() => {
          if (hit()) {
            mo.disconnect();
            resolve();
          }
        });
        mo.observe(el, { subtree: true, childList: true, attributes: true });
      });
    const host = document.createElement('div');
    document.body.append(host);
    const out = { form: [], catalog: [], peerDescriptor: [], peerCatalog: [] };
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      let h = window.__cpMount(host, { city: '330100', locale: 'zh-CN', service: 'traffic-violations' });
      await until(host, '.cp-panel[data-state="editing"] input[name="plate"]');
      out.form.push(performance.now() - t0);
      h.unmount();
      t0 = performance.now();
      h = window.__cpMount(host, { city: '330100', locale: 'zh-CN' });
      await until(host, '.cp-catalog[data-state="ready"] .cp-catalog__item[data-service="road-conditions"]');
      out.catalog.push(performance.now() - t0);
      h.unmount();
      t0 = performance.now();
      JSON.parse(await (await fetch('/api/v1/cities/330100/services/traffic-violations')).text());
      out.peerDescriptor.push(performance.now() - t0);
      t0 = performance.now();
      JSON.parse(await (await fetch('/api/v1/cities/330100/catalog')).text());
      out.peerCatalog.push(performance.now() - t0);
    }
    return out;
  }, RUNS);
  const form = stats(results.form);
  const catalog = stats(results.catalog);
  const pd = stats(results.peerDescriptor);
  const pc = stats(results.peerCatalog);
  console.log(`citypanel mount benchmark — ${RUNS} runs, headless Chromium, sandbox on loopback`);
  const row = (label, s) => console.log(`  ${label.padEnd(48)} median ${fmt(s.median)}   p95 ${fmt(s.p95)}`);
  console.log(`  ${'wasm + module load (once)'.padEnd(48)}        ${fmt(initMs)}`);
  row('mount → interactive form (traffic-violations)', form);
  row('peer: fetch + JSON.parse of that descriptor', pd);
  console.log(`  ${'ratio form / peer (medians)'.padEnd(48)}        ${(form.median / pd.median).toFixed(2)}×`);
  row('mount → rendered catalog (all services)', catalog);
  row('peer: fetch + JSON.parse of the catalog', pc);
  console.log(`  ${'ratio catalog / peer (medians)'.padEnd(48)}        ${(catalog.median / pc.median).toFixed(2)}×`);
  await context.close();
} finally {
  await browser.close();
  await sandbox.stop();
}
