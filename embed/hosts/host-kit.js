// Shared helpers of the plain-JavaScript demo hosts (not part of the SDK): a token for the
// host's signed-in demo user, and a host payment sheet whose answer goes to the host's payment
// provider (the sandbox's stand-in for the wallet's backend, which signs its notification to the
// platform on the server: the page never holds the pay key, and the platform never takes the
// page's own word for a payment).

/**
 * The host's `open`: an http(s) page in a new tab, or a service of the city by its id (as a
 * deep link to this host page); anything else (`javascript:`, `data:` …) is refused.
 */
export async function openTarget(target, city) {
  const text = String(target ?? '');
  if (/^https?:\/\//i.test(text)) {
    window.open(text, '_blank', 'noopener');
  } else if (/^[a-z0-9][a-z0-9-]{0,63}$/.test(text)) {
    const link = `citypanel:1/${city}/service/${text}`;
    window.open(`${location.pathname}?link=${encodeURIComponent(link)}`, '_blank', 'noopener');
  } else {
    throw new Error('open: only service ids and http(s) pages are opened');
  }
}

/** Mints an identity token for `sub` on the sandbox (loopback-only demo route). */
export async function mintToken(host, sub) {
  try {
    const res = await fetch('/admin/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ host, sub, ttl_s: 3600 }),
    });
    return res.ok ? (await res.json()).token : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The host's notifications: follows `key` under `topic` for its user on the platform's
 * subscriptions in the panel's city (a real host would also push the notices itself).
 * Resolves to true when set.
 */
export async function subscribe(topic, key, city, { user, token }) {
  try {
    const res = await fetch('/api/v1/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ topic, key, user, city }),
    });
    return res.ok;
  } catch {
    return false;
  }
}

async function settle(order, outcome, token) {
  try {
    const res = await fetch(`/sandbox/provider/orders/${encodeURIComponent(order)}/settle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ outcome }),
    });
    return res.ok;
  } catch {
    return false;
  }
}

const T = {
  'zh-CN': { confirm: '确认付款', for: '项目', payee: '收款方', with: '付款方式', order: '订单号', cancel: '取消', pay: '确认支付' },
  en: { confirm: 'Confirm payment', for: 'For', payee: 'Payee', with: 'Pay with', order: 'Order', cancel: 'Cancel', pay: 'Pay now' },
};

/** Opens the host's sheet for `order`; resolves to the outcome word after settling. */
export function openPaySheet({ hostName, method, order, token, locale = 'zh-CN' }) {
  const t = T[locale] ?? T['zh-CN'];
  return new Promise((resolve) => {
    const back = document.createElement('div');
    back.className = 'demo-sheet';
    // Built node by node, not from an HTML string (no `innerHTML` sink).
    const el = (tag, attrs = {}, ...children) => {
      const node = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
      node.append(...children);
      return node;
    };
    const facts = el('dl', { class: 'demo-sheet__facts' });
    for (const k of ['title', 'payee', 'method', 'order']) {
      facts.append(el('dt'), el('dd', k === 'order' ? { 'data-k': k, class: 'demo-sheet__order' } : { 'data-k': k }));
    }
    back.append(el('div', { class: 'demo-sheet__panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'demo-sheet-title' },
      el('h2', { id: 'demo-sheet-title', class: 'demo-sheet__title' }),
      el('p', { class: 'demo-sheet__amount' }),
      facts,
      el('div', { class: 'demo-sheet__actions' },
        el('button', { type: 'button', class: 'demo-sheet__cancel' }),
        el('button', { type: 'button', class: 'demo-sheet__confirm' }))));
    back.querySelector('h2').textContent = `${hostName} · ${t.confirm}`;
    back.querySelector('.demo-sheet__amount').textContent = `¥${order.amount ?? (order.amountFen / 100).toFixed(2)}`;
    const dts = back.querySelectorAll('dt');
    [t.for, t.payee, t.with, t.order].forEach((s, i) => { dts[i].textContent = s; });
    back.querySelector('[data-k=title]').textContent = order.title ?? '';
    back.querySelector('[data-k=payee]').textContent = order.payee ?? '';
    back.querySelector('[data-k=method]').textContent = method;
    back.querySelector('[data-k=order]').textContent = order.order ?? '';
    const [cancel, confirm] = back.querySelectorAll('button');
    cancel.textContent = t.cancel;
    confirm.textContent = t.pay;
    const done = async (outcome) => {
      cancel.disabled = confirm.disabled = true;
      const ok = await settle(order.order, outcome, token);
      back.remove();
      resolve(ok ? outcome : 'unknown');
    };
    cancel.onclick = () => done('cancelled');
    confirm.onclick = () => done('success');
    document.body.append(back);
    confirm.focus();
  });
}
