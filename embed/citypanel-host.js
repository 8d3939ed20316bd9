// The host side of the citypanel postMessage bridge (contract v1), for a host page that runs
// citypanel in an iframe. Messages are accepted only from that iframe's window and exact
// origin; answers go to that origin only (never "*"). Malformed messages are ignored,
// warned about and counted.

// <generated> by `cargo xtask codegen` from components/src/bridge/contract.rs: do not edit.
const VERSION = '1.0';
/** The capabilities: the requests a panel sends. */
const METHODS = ['identity', 'pay', 'location', 'subscribe', 'open', 'share'];
/**
 * Each request's payload as the bridge method's arguments: the payload's keys in order, or null for
 * the payload itself.
 */
const ARGUMENTS = { identity: [], pay: null, location: [], subscribe: ['topic', 'key', 'city'], open: ['target'], share: ['title', 'link'] };
/** The events a panel sends (the host sends the others). */
const PANEL_EVENTS = ['ready', 'error', 'stepped'];
/** The topics of a notice. */
const TOPICS = ['violations', 'bill-due', 'appointment', 'progress'];
/** A message id. */
const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
// </generated>

/** Checks an incoming envelope; returns an error text or null. */
export function checkEnvelope(m) {
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return 'not an object';
  if (typeof m.citypanel !== 'string' || !m.citypanel.startsWith('1.')) return `unsupported version \`${m.citypanel}\``;
  if (typeof m.id !== 'string' || !ID.test(m.id)) return '`id` must be 1–64 of [A-Za-z0-9_.:-]';
  if (!['request', 'event'].includes(m.type)) return `\`type\` \`${m.type}\` is not \`request\` or \`event\``;
  if (m.type === 'event' && !PANEL_EVENTS.includes(m.method)) return `unknown event \`${m.method}\``;
  if (m.type === 'request' && !METHODS.includes(m.method)) return `unknown method \`${m.method}\``;
  return null;
}

/**
 * Connects `iframe` (citypanel at `origin`) to `bridge` (the same object `mount` takes).
 * `notify({ topic, key, message? })` passes a change the host learnt of to the panel (the panel
 * showing that key refreshes it); it throws on a malformed notice, as `handle.notify` does.
 * `back()` asks the panel to step back one screen and resolves with its answer
 * (`{ answer: 'stepped' | 'root' | 'refused', reason? }`; `'root'` if the frame does not answer).
 * `setHidden(hidden)` tells the panel the host's page is hidden or shown again.
 * @returns {{ disconnect(): void, notify(notice: object): void, setHidden(hidden: boolean): void, back(ms?: number): Promise<{ answer: string, reason?: string }>, readonly stats: { accepted: number, rejected: number } }}
 */
export function connectFrame(iframe, { origin, bridge }) {
  if (!/^https?:\/\/[^/?#]+$/.test(origin ?? '')) throw new Error(`citypanel: \`origin\` must be an exact origin, got \`${origin}\``);
  const capabilities = bridge.capabilities ?? METHODS.filter((m) => typeof bridge[m] === 'function');
  const stats = { accepted: 0, rejected: 0 };
  /** Outstanding `back` events by id: their promises' resolvers. */
  const backs = new Map();
  let n = 0;
  const send = (msg) => iframe.contentWindow?.postMessage({ citypanel: VERSION, ...msg }, origin);
  const reject = (why) => {
    stats.rejected++;
    console.warn(`citypanel host: ignored a message: ${why}`);
  };
  async function onMessage(ev) {
    if (ev.source !== iframe.contentWindow) return; // another window's traffic
    if (ev.origin !== origin) return reject(`origin \`${ev.origin}\` is not \`${origin}\``);
    const m = ev.data;
    const problem = checkEnvelope(m);
    if (problem) return reject(problem);
    stats.accepted++;
    if (m.type === 'event' && m.method === 'error') {
      // The panel stopped (its module trapped) and shows "service unavailable" with a retry;
      // the host hears of it as from a mounted panel: a bubbling `citypanel-error` event.
      const p = m.payload ?? {};
      const detail = {
        code: typeof p.code === 'string' ? p.code : 'trap',
        message: typeof p.message === 'string' ? p.message : 'citypanel: the SDK stopped',
        retry: async () => {
          iframe.src = iframe.src; // a fresh page: a fresh instance of the module
        },
      };
      iframe.dispatchEvent(new CustomEvent('citypanel-error', { bubbles: true, composed: true, detail }));
      return;
    }
    if (m.type === 'event' && m.method === 'stepped') {
      // The answer to our `back` event `to`.
      const p = m.payload ?? {};
      const waiting = backs.get(p.to);
      if (!waiting) return;
      backs.delete(p.to);
      const answer = ['stepped', 'root', 'refused'].includes(p.answer) ? p.answer : 'root';
      waiting(typeof p.reason === 'string' ? { answer, reason: p.reason } : { answer });
      return;
    }
    if (m.type === 'event') {
      if (m.method === 'ready') send({ id: `h-${++n}`, type: 'event', method: 'hello', payload: { capabilities } });
      return;
    }
    const fn = bridge[m.method];
    if (typeof fn !== 'function' || !capabilities.includes(m.method)) {
      send({ id: m.id, type: 'response', method: m.method, error: { code: 'unsupported', message: `the host does not offer \`${m.method}\`` } });
      return;
    }
    const p = m.payload ?? {};
    const names = ARGUMENTS[m.method];
    const args = names === null ? [p] : names.map((k) => p[k]);
    try {
      const result = await fn.apply(bridge, args);
      send({ id: m.id, type: 'response', method: m.method, payload: result ?? null });
    } catch (err) {
      send({ id: m.id, type: 'response', method: m.method, error: { code: 'host_error', message: String(err?.message ?? err) } });
    }
  }
  window.addEventListener('message', onMessage);
  return {
    disconnect: () => window.removeEventListener('message', onMessage),
    notify(notice) {
      const { topic, key, message } = notice ?? {};
      if (!TOPICS.includes(topic)) throw new Error(`citypanel: \`topic\` must be one of ${TOPICS.join(', ')}, got \`${topic}\``);
      if (typeof key !== 'string' || !key.trim()) throw new Error('citypanel: a notice needs a `key` string');
      const payload = message === undefined ? { topic, key } : { topic, key, message };
      send({ id: `h-${++n}`, type: 'event', method: 'notify', payload });
    },
    back(ms = 1000) {
      const id = `h-${++n}`;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          if (backs.delete(id)) resolve({ answer: 'root' });
        }, ms);
        backs.set(id, (a) => {
          clearTimeout(timer);
          resolve(a);
        });
        send({ id, type: 'event', method: 'back', payload: {} });
      });
    },
    setHidden(hidden) {
      send({ id: `h-${++n}`, type: 'event', method: 'visibility', payload: { hidden: Boolean(hidden) } });
    },
    get stats() { return { ...stats }; },
  };
}
