// The citypanel bridge self-check (conformance.html): calls every capability of a host's bridge
// the way a panel does — over a JS object or over postMessage — with valid and invalid calls,
// and prints a pass/fail report saying what to fix. The rules are bridge contract v1
// (components/src/bridge/contract.rs, docs/embedding.md#bridge-contract-v1).

const VERSION = '1.0';
const METHODS = ['identity', 'pay', 'location', 'subscribe', 'open'];
const OUTCOMES = ['success', 'processing', 'cancelled', 'failed', 'unknown'];
const CALL_TIMEOUT_MS = 5_000;
const PAY_TIMEOUT_MS = 10 * 60_000;
const HELLO_TIMEOUT_MS = 3_000;
/** How long after an answer a second answer to the same request is watched for. */
const DUPLICATE_WINDOW_MS = 400;
const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const TOKEN = /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const ENVELOPE_KEYS = ['citypanel', 'id', 'type', 'method', 'payload', 'error'];

const params = new URLSearchParams(location.search);
const results = [];

/** Records one check: `result` is `pass`, `fail` or `warn`; `fix` says what to change. */
function record(check, result, detail, fix = '') {
  results.push({ check, result, detail, fix });
}

const show = (v) => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

/** A promise's outcome within `ms`: `{ value }`, `{ error }` or `{ timeout: true }`, with `ms`. */
async function within(promise, ms) {
  const start = performance.now();
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve({ timeout: true }), ms); });
  const answer = Promise.resolve(promise).then((value) => ({ value }), (error) => ({ error: String(error?.message ?? error) }));
  const out = await Promise.race([answer, timeout]);
  clearTimeout(timer);
  return { ...out, ms: Math.round(performance.now() - start) };
}

// ── transports ────────────────────────────────────────────────────────────────────────────

/**
 * A JS object bridge: `window.citypanelBridge` (injected by a webview), the framing page's
 * `citypanelBridge` (`?bridge=parent`) or the `bridge` export of `?bridge=<module>`.
 */
async function objectTransport() {
  let bridge = window.citypanelBridge;
  const from = params.get('bridge');
  if (!bridge && from === 'parent') {
    // A web host that frames this page (same origin) and set `window.citypanelBridge` on itself.
    try {
      bridge = window.parent === window ? undefined : window.parent.citypanelBridge;
    } catch {
      throw new Error('`?bridge=parent` needs this page framed by a page of its own origin');
    }
  } else if (!bridge && from) {
    const url = new URL(from, location.href);
    if (url.origin !== location.origin) throw new Error(`\`?bridge=\` must be a module of this origin (${location.origin}), got \`${url.origin}\``);
    bridge = (await import(url.href)).bridge;
  }
  if (bridge === null || typeof bridge !== 'object') {
    throw new Error('no bridge: inject `window.citypanelBridge` (an object), frame this page with `?bridge=parent` from a page that sets `window.citypanelBridge`, or pass `?bridge=<module exporting bridge>`');
  }
  for (const m of METHODS) {
    if (bridge[m] !== undefined && typeof bridge[m] !== 'function') {
      record(`declaration: \`${m}\``, 'fail', `\`bridge.${m}\` is ${typeof bridge[m]}`, `make \`${m}\` a function or leave it out; mount() refuses this bridge`);
    }
  }
  const declared = Array.isArray(bridge.capabilities) ? bridge.capabilities : METHODS.filter((m) => typeof bridge[m] === 'function');
  return {
    name: 'object',
    version: bridge.version,
    capabilities: declared,
    async call(method, args, ms) {
      const fn = bridge[method];
      if (typeof fn !== 'function') return { error: 'unsupported', ms: 0 };
      let called;
      try {
        called = fn.apply(bridge, args);
      } catch (err) {
        return { error: String(err?.message ?? err), ms: 0 };
      }
      return within(called, ms);
    },
  };
}

/** The page as a panel iframe: requests to `parent` at the exact `?host=` origin. */
async function postMessageTransport() {
  const host = params.get('host') ?? '';
  if (!/^https?:\/\/[^/?#]+$/.test(host)) throw new Error(`\`?host=\` must be your page's exact origin, got \`${host}\``);
  if (window.parent === window) throw new Error('not in a frame: load this page in your host\'s iframe');
  const waiting = new Map();
  let n = 0;
  let hello = null;
  let helloSeen;
  const helloArrived = new Promise((resolve) => { helloSeen = resolve; });
  const bad = new Set();
  const flag = (check, detail, fix) => {
    const key = `${check}|${detail}`;
    if (bad.has(key)) return;
    bad.add(key);
    record(check, 'fail', detail, fix);
  };
  window.addEventListener('message', (ev) => {
    if (ev.source !== window.parent) return;
    if (ev.origin !== host) {
      flag('origins', `a message came from \`${ev.origin}\`, not \`${host}\``, 'post from the page that frames the panel, at the origin you declared');
      return;
    }
    const m = ev.data;
    if (m === null || typeof m !== 'object' || Array.isArray(m)) return flag('envelope', `not an object: ${show(m)}`, 'send `{ citypanel, id, type, method, payload | error }` objects');
    const extra = Object.keys(m).filter((k) => !ENVELOPE_KEYS.includes(k));
    if (typeof m.citypanel !== 'string' || !m.citypanel.startsWith('1.')) return flag('envelope', `version \`${m.citypanel}\` is not 1.x`, 'set `citypanel: "1.0"` on every message');
    if (typeof m.id !== 'string' || !ID.test(m.id)) return flag('envelope', `id ${show(m.id)} is not 1–64 of [A-Za-z0-9_.:-]`, 'answer with the request\'s own `id`');
    if (extra.length) flag('envelope', `unknown keys ${extra.map((k) => `\`${k}\``).join(', ')}`, 'send only `citypanel`, `id`, `type`, `method`, `payload`, `error`');
    if (m.type === 'event' && m.method === 'hello') {
      hello = m;
      helloSeen(m);
      return;
    }
    if (m.type !== 'response') return;
    const w = waiting.get(m.id);
    if (!w) return flag('late or duplicate answers', `an answer to \`${m.id}\` (${m.method}) that no request is waiting for`, 'answer each request once, before its timeout');
    if (w.answered) {
      w.duplicate = true;
      return flag('late or duplicate answers', `\`${m.method}\` request \`${m.id}\` was answered twice`, 'send exactly one response per request id');
    }
    w.answered = true;
    if (m.method !== w.method) flag('envelope', `the answer to \`${m.id}\` says method \`${m.method}\`, the request was \`${w.method}\``, 'copy the request\'s `method` into the response');
    if ('error' in m && 'payload' in m) flag('envelope', `the answer to \`${m.method}\` has both \`payload\` and \`error\``, 'send one of them');
    w.resolve(m);
  });
  const send = (msg) => window.parent.postMessage({ citypanel: VERSION, ...msg }, host);
  send({ id: 'cc-ready', type: 'event', method: 'ready', payload: { version: VERSION } });
  const said = await within(helloArrived, HELLO_TIMEOUT_MS);
  if (said.timeout) {
    throw new Error(`no \`hello\` within ${HELLO_TIMEOUT_MS / 1000} s of \`ready\`: answer the panel's \`ready\` event with \`{ type: "event", method: "hello", payload: { capabilities } }\` sent to this frame at its origin (connectFrame does)`);
  }
  const caps = hello.payload?.capabilities;
  return {
    name: 'postMessage',
    version: hello.citypanel,
    capabilities: Array.isArray(caps) ? caps : [],
    helloShape: Array.isArray(caps),
    /** Sends a request; `{ value }`, `{ error }` (the error's code) or `{ timeout }`. */
    async call(method, args, ms, names) {
      const id = `cc-${++n}`;
      let payload = null;
      if (names === null) payload = args[0];
      else if (names.length) payload = Object.fromEntries(names.map((k, i) => [k, args[i]]));
      const entry = { method, answered: false, duplicate: false };
      const answered = new Promise((resolve) => { entry.resolve = resolve; });
      waiting.set(id, entry);
      send({ id, type: 'request', method, payload });
      const out = await within(answered, ms);
      // A late answer is then an answer nothing waits for; a second one, a duplicate.
      await new Promise((r) => setTimeout(r, DUPLICATE_WINDOW_MS));
      if (out.timeout) waiting.delete(id);
      if (out.value) {
        const m = out.value;
        return 'error' in m ? { error: m.error?.code ?? show(m.error), ms: out.ms } : { value: m.payload, ms: out.ms };
      }
      return out;
    },
    /** Sends a malformed request; whether anything answered it. */
    async malformed() {
      const before = results.length;
      window.parent.postMessage({ citypanel: VERSION, id: 'not an id!', type: 'request', method: 'location' }, host);
      window.parent.postMessage({ citypanel: VERSION, id: 'cc-x', type: 'request', method: 'eval', payload: 'alert(1)' }, host);
      await new Promise((r) => setTimeout(r, DUPLICATE_WINDOW_MS * 2));
      return results.length > before;
    },
  };
}

// ── the checks ────────────────────────────────────────────────────────────────────────────

const ARGS = { identity: [], pay: null, location: [], subscribe: ['topic', 'key', 'city'], open: ['target'] };

function call(t, method, args, ms = CALL_TIMEOUT_MS) {
  return t.call(method, args, ms, ARGS[method]);
}

/** A timeout or a slow answer, said the same way for every call. */
function timing(check, out, ms) {
  if (out.timeout) {
    record(check, 'fail', `no answer within ${ms / 1000} s`, `answer every call within ${ms / 1000} s: a panel gives up then and falls back`);
    return false;
  }
  return true;
}

async function checkDeclaration(t) {
  if (typeof t.version !== 'string' || !/^1\.\d+$/.test(t.version)) {
    record('declaration: version', 'fail', `version is ${show(t.version)}`, t.name === 'object' ? 'set `version: "1.0"` on the bridge object' : 'send `citypanel: "1.0"` on every message');
  } else {
    record('declaration: version', 'pass', `bridge contract ${t.version}`);
  }
  if (t.helloShape === false) record('declaration: capabilities', 'fail', '`hello` has no `capabilities` array', 'answer `ready` with `hello` `{ capabilities: [...] }`');
  const unknown = t.capabilities.filter((c) => !METHODS.includes(c));
  if (unknown.length) {
    record('declaration: capabilities', 'warn', `unknown to bridge ${VERSION}: ${unknown.map((c) => `\`${c}\``).join(', ')} (a typo, or a capability of a newer SDK): never called`, `check the spelling; this SDK knows ${METHODS.map((m) => `\`${m}\``).join(', ')}`);
  } else {
    record('declaration: capabilities', 'pass', t.capabilities.length ? t.capabilities.join(', ') : 'none (the panel falls back for everything)');
  }
}

async function checkIdentity(t) {
  const out = await call(t, 'identity', []);
  if (!timing('identity', out, CALL_TIMEOUT_MS)) return;
  if (out.error) return record('identity', 'fail', `the call failed: ${out.error}`, 'resolve `identity()` with `{ token, attributes }`; reject only when nobody is signed in');
  const v = out.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return record('identity: shape', 'fail', `answered ${show(v)}`, 'answer an object `{ token, attributes }`');
  const extra = Object.keys(v).filter((k) => k !== 'token' && k !== 'attributes');
  if (extra.length) record('identity: shape', 'warn', `keys the panel ignores: ${extra.join(', ')}`, 'put consented user data under `attributes`');
  if (v.token === undefined) record('identity: token', 'warn', 'no token: personal services and payments need one', 'send a token your server signs (`v1.<payload>.<signature>`)');
  else if (typeof v.token !== 'string' || !TOKEN.test(v.token)) record('identity: token', 'fail', `token ${show(v.token).slice(0, 80)} is not \`v1.<payload>.<signature>\``, 'sign the token on your server as docs/platform-api.md#identity says; never a bare user id');
  else record('identity: token', 'pass', 'a v1 host-signed token');
  const a = v.attributes;
  if (a !== undefined) {
    const wrong = a === null || typeof a !== 'object' || Array.isArray(a)
      ? ['(not an object)']
      : Object.entries(a).filter(([, x]) => !(typeof x === 'string' || (Array.isArray(x) && x.every((y) => typeof y === 'string')))).map(([k]) => k);
    if (wrong.length) record('identity: attributes', 'fail', `attributes ${wrong.join(', ')} are not strings or lists of strings`, 'send each consented attribute as a string (`plates` may be a list)');
    else record('identity: attributes', 'pass', Object.keys(a).join(', ') || 'none shared');
  }
}

async function checkLocation(t) {
  const out = await call(t, 'location', []);
  if (!timing('location', out, CALL_TIMEOUT_MS)) return;
  if (out.error) return record('location', 'pass', `refused (${out.error}): the panel asks the user instead`);
  if (typeof out.value === 'string' && /^\d{6}$/.test(out.value)) return record('location', 'pass', `city ${out.value}`);
  record('location', 'fail', `answered ${show(out.value)}`, 'answer a 6-digit city code (GB/T 2260), or reject the call when the user refuses location — never null or a name');
}

async function checkSubscribe(t) {
  const ok = await call(t, 'subscribe', ['bill-due', '3301287645', '330100']);
  if (timing('subscribe', ok, CALL_TIMEOUT_MS)) {
    if (ok.error) record('subscribe', 'fail', `a valid subscription failed: ${ok.error}`, 'follow the key and answer true, or answer false when you cannot');
    else if (typeof ok.value !== 'boolean') record('subscribe', 'fail', `answered ${show(ok.value)}`, 'answer true (followed) or false');
    else record('subscribe', 'pass', `answered ${ok.value}`);
  }
  const bad = await call(t, 'subscribe', ['weather', '', 'hz']);
  if (!timing('subscribe: invalid call', bad, CALL_TIMEOUT_MS)) return;
  if (bad.value === true) record('subscribe: invalid call', 'fail', 'followed topic `weather`, an empty key in city `hz`', 'check the topic (violations, bill-due, appointment, progress), the key and the 6-digit city; answer false or reject');
  else record('subscribe: invalid call', 'pass', bad.error ? `rejected (${bad.error})` : `answered ${show(bad.value)}`);
}

async function checkOpen(t) {
  const out = await call(t, 'open', ['water-bill']);
  if (!timing('open', out, CALL_TIMEOUT_MS)) return;
  if (out.error) record('open', 'fail', `opening service \`water-bill\` failed: ${out.error}`, 'open a service id (or URL) and resolve');
  else record('open', 'pass', 'opened a service id');
  const bad = await call(t, 'open', ['javascript:alert(1)']);
  if (!bad.timeout && !bad.error) record('open: unsafe target', 'warn', 'a `javascript:` target was accepted', 'open only service ids and http(s) URLs; reject anything else');
  else record('open: unsafe target', 'pass', 'a `javascript:` target was refused');
}

/** The `n`th pay call's order: a real one (`?order=a,b,…`, one per call) or a made-up one. */
function order(n) {
  const given = (params.get('order') ?? '').split(',').filter(Boolean);
  const no = given[n - 1] ?? given[given.length - 1] ?? `ord_conformance${String(n).padStart(4, '0')}`;
  return { order: no, amountFen: 5130, amount: '51.30', title: 'Water bill (self-check)', payee: 'Hangzhou Water', service: 'water-bill' };
}

async function checkPay(t) {
  const wanted = (params.get('pay') ?? 'any').split(',').map((s) => s.trim()).filter(Boolean);
  const ask = document.getElementById('cc-ask');
  let k = 0;
  for (const want of wanted) {
    k += 1;
    const check = `pay #${k}${want === 'any' ? '' : ` (${want})`}`;
    ask.textContent = want === 'any' ? 'Pay: finish the payment sheet your bridge opens.' : `Pay #${k}: make your payment sheet end as “${want}”.`;
    const out = await call(t, 'pay', [order(k)], PAY_TIMEOUT_MS);
    if (!timing(check, out, PAY_TIMEOUT_MS)) continue;
    if (out.error) { record(check, 'fail', `the call failed: ${out.error}`, 'resolve `pay` with an outcome word; reject only for a broken bridge'); continue; }
    const word = typeof out.value === 'string' ? out.value : out.value?.outcome;
    if (!OUTCOMES.includes(word)) { record(check, 'fail', `answered ${show(out.value)}`, `answer ${OUTCOMES.map((o) => `\`${o}\``).join(', ')} (or \`{ outcome }\`)`); continue; }
    if (want !== 'any' && word !== want) record(check, 'fail', `answered \`${word}\`, the sheet was to end as \`${want}\``, `map your sheet's “${want}” ending to the word \`${want}\``);
    else record(check, 'pass', `answered \`${word}\``);
  }
  ask.textContent = 'Pay (invalid order): your bridge should refuse it or end as failed/cancelled.';
  const bad = await call(t, 'pay', [{ order: '', amountFen: -1, amount: 'x', title: '', payee: '', service: '' }], PAY_TIMEOUT_MS);
  ask.textContent = '';
  const word = typeof bad.value === 'string' ? bad.value : bad.value?.outcome;
  if (word === 'success' || word === 'processing') record('pay: invalid order', 'fail', `an order without a number and a negative amount was answered \`${word}\``, 'check the order (number, amount) before taking money; answer `failed` or reject');
  else record('pay: invalid order', 'pass', bad.error ? `rejected (${bad.error})` : bad.timeout ? 'not answered' : `answered \`${word}\``);
}

async function checkUnsupported(t) {
  const missing = METHODS.find((m) => !t.capabilities.includes(m));
  if (!missing || t.name !== 'postMessage') return;
  const out = await call(t, missing, missing === 'subscribe' ? ['bill-due', '1', '330100'] : missing === 'open' ? ['water-bill'] : [], CALL_TIMEOUT_MS);
  if (out.timeout) record('undeclared capability', 'fail', `a \`${missing}\` request (not declared) got no answer`, 'answer a request for what you do not offer with `error: { code: "unsupported" }` at once');
  else if (out.error === 'unsupported') record('undeclared capability', 'pass', `\`${missing}\` answered \`unsupported\``);
  else record('undeclared capability', 'fail', `\`${missing}\` (not declared) answered ${out.error ? `error \`${out.error}\`` : show(out.value)}`, 'answer `error: { code: "unsupported" }` for what you do not declare');
}

async function run() {
  const summary = document.getElementById('cc-summary');
  const transport = params.get('transport') ?? 'object';
  let t;
  try {
    t = transport === 'postMessage' ? await postMessageTransport() : await objectTransport();
  } catch (err) {
    record('bridge', 'fail', String(err?.message ?? err), 'see the comment at the top of conformance.html');
    return finish(summary);
  }
  await checkDeclaration(t);
  const has = (m) => t.capabilities.includes(m);
  if (has('identity')) await checkIdentity(t);
  if (has('location')) await checkLocation(t);
  if (has('subscribe')) await checkSubscribe(t);
  if (has('open')) await checkOpen(t);
  await checkUnsupported(t);
  if (t.malformed) {
    if (await t.malformed()) record('invalid messages', 'fail', 'a malformed request was answered', 'check every message (checkEnvelope from citypanel/host) and ignore malformed ones');
    else record('invalid messages', 'pass', 'malformed requests were ignored');
  }
  if (has('pay')) await checkPay(t);
  // Answers that arrive after everything else (late answers) are flagged by the listener.
  await new Promise((r) => setTimeout(r, DUPLICATE_WINDOW_MS));
  finish(summary);
}

function finish(summary) {
  const list = document.getElementById('cc-report');
  for (const r of results) {
    const li = document.createElement('li');
    li.dataset.result = r.result;
    li.dataset.check = r.check;
    const head = document.createElement('p');
    const verdict = document.createElement('strong');
    verdict.className = 'cc__verdict';
    verdict.textContent = r.result.toUpperCase();
    head.append(verdict, ` ${r.check}: ${r.detail}`);
    li.append(head);
    if (r.result !== 'pass' && r.fix) {
      const fix = document.createElement('p');
      fix.className = 'cc__fix';
      fix.textContent = `Fix: ${r.fix}`;
      li.append(fix);
    }
    list.append(li);
  }
  const failed = results.filter((r) => r.result === 'fail').length;
  const passed = results.filter((r) => r.result === 'pass').length;
  summary.textContent = failed ? `FAIL: ${failed} failed, ${passed} passed` : `PASS: ${passed} passed${results.some((r) => r.result === 'warn') ? ', with warnings' : ''}`;
  document.body.dataset.conformance = failed ? 'fail' : 'pass';
  window.citypanelConformanceReport = results;
}

run();
