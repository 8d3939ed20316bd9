// Benchmark (issue 20, item 8): a large city catalog — first render and typing in its search —
// the SDK's CatalogPanel side by side with a vanilla-JS page rendering the same catalog JSON in
// the same markup (same classes, groups, badges, the SDK's stylesheets), in headless Chromium
// against a real sandbox on loopback.
//
// The 1,000-service city is generated from the real catalog: the 16 Hangzhou services plus 984
// copies of them (ids `<id>-g<n>`, Hangzhou only), each copy's title naming one of eight
// districts, so typing a district filters to about 12 %. The generated folder is served by a
// sandbox started with `--catalog DIR` (which validates every descriptor with the full
// validator, as the lint does; the run checks that all 1,000 were published). The 16-service
// case is the real catalog's Hangzhou on a second sandbox.
//
// Measured per run (median of RUNS, each on a fresh mount, the two pages alternating):
//   render   mount → every item in the DOM and laid out (includes fetching the catalog)
//   keys     each keystroke: from the `input` event to the list updated and laid out
//            (first key: to ~12 %; further keys at ~124 matches; clearing the field)
//   long     the longest task (PerformanceObserver `longtask`, ≥ 50 ms) during the render and
//            while typing, and the longest keystroke (the main thread is busy for all of it).
//            Chromium does not always report a task for a synchronous `input` handler (the
//            vanilla page's), so the keystroke times are the comparable figure.
// Run: `node bench/catalog.js [runs]` from e2e/ (after `cargo xtask build`).
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { REPO_DIR } from '../lib/paths.js';
import { launchBrowser, newContext } from '../lib/browser.js';

const RUNS = Number(process.argv[2] ?? 7);
const CITY = '330100';
const SIZE = 1000;
const DISTRICTS = [
  ['上城', 'Shangcheng'], ['拱墅', 'Gongshu'], ['西湖', 'Xihu'], ['滨江', 'Binjiang'],
  ['萧山', 'Xiaoshan'], ['余杭', 'Yuhang'], ['临平', 'Linping'], ['钱塘', 'Qiantang'],
];

// The generated catalog: the real descriptors as they are, plus copies serving Hangzhou only.
const realDir = path.join(REPO_DIR, 'catalog');
const genDir = mkdtempSync(path.join(os.tmpdir(), 'cp-bench-catalog-'));
const hangzhou = [];
for (const f of readdirSync(realDir).filter((f) => f.endsWith('.json')).sort()) {
  cpSync(path.join(realDir, f), path.join(genDir, f));
  const d = JSON.parse(readFileSync(path.join(realDir, f), 'utf8'));
  if (d.cities.some((c) => c.code === CITY)) hangzhou.push(d);
}
for (let n = 0; n < SIZE - hangzhou.length; n++) {
  const base = hangzhou[n % hangzhou.length];
  const [zh, en] = DISTRICTS[n % DISTRICTS.length];
  const no = Math.floor(n / DISTRICTS.length) + 1;
  const copy = {
    ...base,
    id: `${base.id}-g${n}`,
    title: { 'zh-CN': `${base.title['zh-CN']}（${zh}区服务点 ${no}）`, en: `${base.title.en} (${en} office ${no})` },
    cities: base.cities.filter((c) => c.code === CITY),
  };
  writeFileSync(path.join(genDir, `${copy.id}.json`), JSON.stringify(copy));
}

const { startSandbox } = await import('../lib/sandbox.js');
// A benchmark reads the wall clock on purpose (Playwright's fake clock would fake
// `performance.now()` too); the sandboxes run on the same wall time.
const now = new Date().toISOString();
process.env.CITYPANEL_CATALOG = genDir;
const big = await startSandbox([], { now });
process.env.CITYPANEL_CATALOG = realDir;
const real = await startSandbox([], { now });

const CASES = [
  // Typing 滨江区服务 one character at a time (an input method commits one character per key).
  { label: `${SIZE} services`, sandbox: big, keys: ['滨', '滨江', '滨江区', '滨江区服', '滨江区服务'] },
  { label: '16 services (the real Hangzhou catalog)', sandbox: real, keys: ['违', '违法'] },
];

// The vanilla page: fetch the same JSON, search text prepared once, and on every keystroke the
// results rebuilt with the DOM API in the same markup as the SDK (the obvious vanilla code).
function vanillaMount(host, city) {
  const GROUPS = [
    ['vehicle', '车辆交通'], ['medical', '医疗健康'], ['life', '生活缴费'], ['social-security', '社会保障'],
    ['civil-affairs', '民政婚姻'], ['immigration', '出入境'], ['culture', '文化图书'], ['transport', '出行路况'],
  ];
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const fold = (s) => s.toLowerCase();
  const capability = { query: 'query', transaction: 'transaction', booking: 'booking', payment: 'payment' };
  const beijing = (ms) => new Date(ms + 8 * 3600_000);
  // Open / closed / paused at `ms`, from the same `availability` object the SDK reads.
  const badge = (s, ms) => {
    const a = s.availability;
    if (!a) return ['open', '可办理'];
    const cap = capability[s.kind];
    for (const w of a.maintenance ?? []) {
      if ((!w.capability || w.capability === cap) && ms >= Date.parse(w.from) && ms < Date.parse(w.to)) {
        return ['paused', cap === 'payment' ? '缴费暂停' : '维护中'];
      }
    }
    if (a.hours) {
      const b = beijing(ms);
      const day = ((b.getUTCDay() + 6) % 7) + 1;
      const hm = `${String(b.getUTCHours()).padStart(2, '0')}:${String(b.getUTCMinutes()).padStart(2, '0')}`;
      if (!a.hours.some((h) => h.days.includes(day) && hm >= h.from && hm <= h.to)) return ['closed', '非办理时间'];
    }
    return ['open', '可办理'];
  };
  const section = el('section', 'cp-catalog cp-panel');
  section.dataset.state = 'loading';
  section.append(el('h2', 'cp-panel__title', '城市服务'));
  const field = el('div', 'cp-field cp-catalog__search');
  const label = el('label', 'cp-field__label', '搜索服务');
  label.htmlFor = 'vanilla-search';
  const input = el('input', 'cp-field__input');
  Object.assign(input, { id: 'vanilla-search', type: 'search', autocomplete: 'off' });
  field.append(label, input);
  section.append(field);
  const results = el('div', 'cp-catalog__results');
  section.append(results);
  host.append(section);
  let entries = [];
  const render = () => {
    const words = fold(input.value).split(/\s+/).filter(Boolean);
    const hits = entries.filter((e) => words.every((w) => e.hay.includes(w)));
    const frag = document.createDocumentFragment();
    const now = Date.now();
    for (const [cat, name] of GROUPS) {
      const list = hits.filter((e) => e.s.category === cat);
      if (!list.length) continue;
      const ul = el('ul', 'cp-catalog__list');
      for (const e of list) {
        const b = el('button', 'cp-catalog__item');
        b.type = 'button';
        b.dataset.service = e.s.id;
        const [state, text] = badge(e.s, now);
        const badgeEl = el('span', 'cp-catalog__badge', text);
        badgeEl.dataset.availability = state;
        b.append(el('span', 'cp-catalog__name', e.s.title['zh-CN']), el('span', 'cp-catalog__summary', e.s.summary['zh-CN']), badgeEl);
        const li = el('li');
        li.append(b);
        ul.append(li);
      }
      frag.append(el('h3', 'cp-catalog__group', name), ul);
    }
    if (!hits.length) frag.append(el('p', 'cp-empty', '没有找到匹配的服务'));
    results.replaceChildren(frag);
  };
  input.addEventListener('input', render);
  fetch(`/api/v1/cities/${city}/catalog`, { headers: { accept: 'application/json' } })
    .then((r) => r.json())
    .then((doc) => {
      entries = doc.services.map((s) => ({
        s,
        hay: fold([s.title, s.summary, s.keywords].flatMap((t) => Object.values(t ?? {})).join(' ')),
      }));
      render();
      section.dataset.state = 'ready';
    });
  return { unmount: () => section.remove() };
}

// In the page: mount `which` `runs` times; per run the render time and each keystroke's.
async function measure({ which, city, expect, keys }) {
  const longtasks = [];
  const take = (l) => longtasks.push(...l.getEntries().map((e) => [e.startTime, e.duration]));
  const observer = new PerformanceObserver(take);
  observer.observe({ type: 'longtask' });
  const settle = () => new Promise((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => r();
    ch.port2.postMessage(0);
  });
  const count = (host) => host.querySelectorAll('.cp-catalog__item').length;
  const until = (host, ok) =>
    new Promise((resolve) => {
      if (ok()) return resolve();
      const mo = new MutationObserver(() => {
        if (ok()) {
          mo.disconnect();
          resolve();
        }
      });
      mo.observe(host, { subtree: true, childList: true, attributes: true });
    });
  const host = document.createElement('div');
  document.body.append(host);
  const t0 = performance.now();
  const h = which === 'sdk' ? window.__cpMount(host, { city, locale: 'zh-CN' }) : window.__vanilla(host, city);
  await until(host, () => host.querySelector('.cp-catalog[data-state="ready"]') && count(host) === expect);
  void host.offsetHeight;
  const render = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 50));
  const input = host.querySelector('input[type="search"]');
  const steps = [];
  const typingFrom = performance.now();
  for (const value of [...keys, '']) {
    const t = performance.now();
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, data: value.slice(-1) || null, inputType: value ? 'insertText' : 'deleteContentBackward' }));
    await settle();
    void host.offsetHeight;
    steps.push({ ms: performance.now() - t, hits: count(host) });
    await new Promise((r) => setTimeout(r, 30));
  }
  await new Promise((r) => setTimeout(r, 100));
  longtasks.push(...observer.takeRecords().map((e) => [e.startTime, e.duration]));
  observer.disconnect();
  const long = Math.max(0, ...longtasks.filter(([s]) => s >= typingFrom).map(([, d]) => d));
  const renderLong = Math.max(0, ...longtasks.filter(([s]) => s >= t0 && s < typingFrom).map(([, d]) => d));
  h.unmount();
  host.remove();
  return { render, steps, long, renderLong };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const ms = (x) => `${x.toFixed(1).padStart(7)} ms`;

// The bytes on the wire of one catalog answer for an `accept-encoding` (node's `fetch` would
// decompress and hide them).
const wireBytes = (url, accept) =>
  new Promise((resolve, reject) => {
    const headers = accept ? { 'accept-encoding': accept } : {};
    http.get(url, { headers }, (res) => {
      let n = 0;
      res.on('data', (chunk) => (n += chunk.length));
      res.on('end', () => resolve({ n, encoding: res.headers['content-encoding'] ?? 'none' }));
    }).on('error', reject);
  });

const browser = await launchBrowser();
try {
  console.log(`citypanel catalog benchmark — median of ${RUNS} runs, headless Chromium, sandbox on loopback`);
  const answer = `${big.url}/api/v1/cities/${CITY}/catalog`;
  const sizes = await Promise.all([null, 'gzip', 'br'].map((a) => wireBytes(answer, a)));
  console.log(`  the ${SIZE}-service catalog answer on the wire: ${sizes.map((s) => `${(s.n / 1024).toFixed(1)} KiB (${s.encoding})`).join(', ')}`);
  for (const c of CASES) {
    const expect = (await (await fetch(`${c.sandbox.url}/api/v1/cities/${CITY}/catalog`)).json()).services.length;
    if (c === CASES[0] && expect !== SIZE) throw new Error(`the sandbox published ${expect} services, not ${SIZE}: see its log`);
    const context = await newContext(browser, { clock: 'wall' });
    const pages = {};
    for (const which of ['sdk', 'vanilla']) {
      const page = await context.newPage();
      await page.goto(`${c.sandbox.url}/healthz`);
      await page.evaluate(async ([which, vanilla]) => {
        const m = await import('/embed/citypanel.js');
        if (which === 'sdk') {
          await m.load();
          window.__cpMount = m.mountNow;
        } else {
          for (const name of ['tokens.css', 'panel.css', 'form.css', 'results.css', 'widgets.css']) {
            const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: `/${name}` });
            document.head.append(link);
            await new Promise((r) => link.addEventListener('load', r, { once: true }));
          }
          window.__vanilla = new Function(`return (${vanilla})`)();
        }
      }, [which, vanillaMount.toString()]);
      pages[which] = page;
    }
    const runs = { sdk: [], vanilla: [] };
    for (let i = 0; i <= RUNS; i++) {
      for (const which of ['sdk', 'vanilla']) {
        const r = await pages[which].evaluate(measure, { which, city: CITY, expect, keys: c.keys });
        if (i > 0) runs[which].push(r); // the first run warms the caches up
      }
    }
    const hits = runs.sdk[0].steps.map((s) => s.hits);
    const vhits = runs.vanilla[0].steps.map((s) => s.hits);
    if (hits.join() !== vhits.join()) throw new Error(`matches differ: sdk ${hits} vanilla ${vhits}`);
    console.log(`\n  ${c.label}: keys ${c.keys.map((k) => `"${k}"`).join(' ')} then cleared; matches ${hits.join(' → ')}`);
    console.log(`  ${''.padEnd(34)} ${'citypanel'.padStart(10)} ${'vanilla'.padStart(10)}   ratio`);
    const row = (label, f) => {
      const a = median(runs.sdk.map(f));
      const b = median(runs.vanilla.map(f));
      console.log(`  ${label.padEnd(34)} ${ms(a)} ${ms(b)}   ${(a / b).toFixed(2)}×`);
    };
    row('first render (incl. fetch)', (r) => r.render);
    row('  longest task during it', (r) => r.renderLong);
    row(`key 1 (→ ${hits[0]} matches)`, (r) => r.steps[0].ms);
    const further = (r) => median(r.steps.slice(1, -1).map((s) => s.ms));
    if (c.keys.length > 1) row(`each further key (median, ${c.keys.length - 1} keys)`, further);
    if (c.keys.length > 1) row('  slowest further key', (r) => Math.max(...r.steps.slice(1, -1).map((s) => s.ms)));
    row(`clear (→ ${hits.at(-1)} matches)`, (r) => r.steps.at(-1).ms);
    row('longest keystroke (main thread busy)', (r) => Math.max(...r.steps.map((s) => s.ms)));
    row('longest task while typing (observer)', (r) => r.long);
    await context.close();
  }
} finally {
  await browser.close();
  await big.stop();
  await real.stop();
  rmSync(genDir, { recursive: true, force: true });
}
