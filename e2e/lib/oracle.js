// Test oracle: asks the simulated department directly (from node, not the browser) and
// applies the published descriptor's response mapping, giving the exact texts the panel
// must show. Seed data can change without touching the tests; the mapping is checked
// end to end.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sandboxConfig } from './sandbox.js';

export function loadDescriptor(service) {
  const file = path.join(sandboxConfig().catalog, `${service}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`oracle: cannot read descriptor \`${file}\`: ${err.message}`);
  }
}

/** RFC 6901 JSON pointer lookup; undefined when absent. */
export function pointer(doc, ptr) {
  if (ptr === '' || ptr == null) return doc;
  let cur = doc;
  for (const raw of ptr.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur == null || typeof cur !== 'object' || !(key in cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

function fillTemplate(tpl, values) {
  if (typeof tpl === 'string') {
    return tpl.replace(/\{(\w+)\}/g, (_, k) => (k in values ? values[k] : `{${k}}`));
  }
  if (Array.isArray(tpl)) return tpl.map((t) => fillTemplate(t, values));
  if (tpl && typeof tpl === 'object') {
    return Object.fromEntries(Object.entries(tpl).map(([k, v]) => [k, fillTemplate(v, values)]));
  }
  return tpl;
}

/** Applies one descriptor formatter, the way the panel must show it. */
export function format(value, fmt, locale) {
  if (value == null) return '';
  if (fmt == null) return String(value);
  if (fmt === 'datetime14') {
    const s = String(value);
    if (!/^\d{14}$/.test(s)) throw new Error(`oracle: datetime14 value \`${s}\``);
    return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)} ${s.slice(8, 10)}:${s.slice(10, 12)}`;
  }
  if (fmt === 'money_fen') {
    const fen = Number(value);
    if (!Number.isInteger(fen)) throw new Error(`oracle: money_fen value \`${value}\``);
    const sign = fen < 0 ? '-' : '';
    const abs = Math.abs(fen);
    return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  }
  if (fmt === 'integer') return String(Number(value));
  if (typeof fmt === 'object' && fmt.enum) {
    const entry = fmt.enum[String(value)];
    if (!entry) throw new Error(`oracle: enum has no entry for \`${value}\``);
    return entry[locale] ?? entry['zh-CN'];
  }
  throw new Error(`oracle: unknown format \`${JSON.stringify(fmt)}\``);
}

/**
 * Queries the department for `inputs` and returns the records as the panel must render
 * them in `locale`: [{ title, badge, fields: { <result field id>: text } }].
 */
export async function expectedRecords(baseUrl, service, inputs, locale) {
  const d = loadDescriptor(service);
  const endpoint = d.cities?.[0]?.endpoint;
  if (!endpoint) throw new Error('oracle: descriptor has no cities[0].endpoint');
  const method = d.request?.method ?? 'POST';
  const body = fillTemplate(d.request?.body ?? {}, inputs);
  const res = await fetch(new URL(endpoint, baseUrl), {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: method === 'GET' ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`oracle: ${method} ${endpoint} → HTTP ${res.status}, not JSON: ${text.slice(0, 300)}`);
  }
  const status = pointer(json, d.response.status.pointer);
  if (!d.response.status.success.map(String).includes(String(status))) {
    throw new Error(`oracle: ${method} ${endpoint} answered status \`${status}\`: ${text.slice(0, 300)}`);
  }
  const raw = pointer(json, d.response.records) ?? [];
  if (!Array.isArray(raw)) throw new Error(`oracle: records at \`${d.response.records}\` is not an array`);
  const fieldDefs = Object.fromEntries(d.response.fields.map((f) => [f.id, f]));
  const show = (rec, id) => format(pointer(rec, fieldDefs[id].pointer), fieldDefs[id].format, locale);
  return raw.map((rec) => ({
    title: show(rec, d.result.title),
    badge: show(rec, d.result.badge),
    fields: Object.fromEntries(d.result.fields.map((f) => [f.field, show(rec, f.field)])),
  }));
}

/** Order-independent, comparable form of a record list. */
export function canonical(records) {
  return records
    .map((r) => ({
      title: r.title,
      badge: r.badge,
      fields: Object.fromEntries(Object.keys(r.fields).sort().map((k) => [k, r.fields[k]])),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
