// The host's bridge: its signed-in user's identity (a token its backend signs — in the demo, the
// sandbox's loopback-only `/admin/tokens`), its own pay sheet (settled by its payment
// provider's server — in the demo, the sandbox's `/sandbox/provider`), location, reminders.
const HOST = 'shop';
const USER = 'u-lin';

async function post(url, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    return res.ok ? res : null;
  } catch {
    return null;
  }
}

const token = post('/admin/tokens', { host: HOST, sub: USER, ttl_s: 3600 })
  .then((res) => (res ? res.json() : {}))
  .then((body) => body.token);

/** The host's pay sheet: resolves to the outcome after its provider settled the order. */
function paySheet(order) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'vh-sheet';
    dialog.setAttribute('aria-labelledby', 'vh-sheet-title');
    const title = document.createElement('h2');
    title.id = 'vh-sheet-title';
    title.textContent = '蓝山支付 · 确认付款';
    const what = document.createElement('p');
    what.textContent = `${order.title} · ${order.payee}`;
    const amount = document.createElement('p');
    amount.className = 'vh-sheet__amount';
    amount.textContent = `¥${order.amount}`;
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'vh-sheet__cancel';
    cancel.textContent = '取消';
    const confirm = document.createElement('button');
    confirm.type = 'button';
    confirm.className = 'vh-sheet__confirm';
    confirm.textContent = '确认支付';
    dialog.append(title, what, amount, cancel, confirm);
    const done = async (outcome) => {
      cancel.disabled = confirm.disabled = true;
      const settled = await post(`/sandbox/provider/orders/${encodeURIComponent(order.order)}/settle`, { outcome }, await token);
      dialog.close();
      dialog.remove();
      resolve(settled ? outcome : 'unknown');
    };
    cancel.addEventListener('click', () => done('cancelled'));
    confirm.addEventListener('click', () => done('success'));
    document.body.append(dialog);
    dialog.showModal();
    confirm.focus();
  });
}

export const bridge = {
  version: '1.0',
  capabilities: ['identity', 'pay', 'location', 'subscribe'],
  identity: async () => ({ token: await token, attributes: { name: '林晓' } }),
  pay: (order) => paySheet(order),
  location: async () => '330100',
  subscribe: async (topic, key, city) => Boolean(await post('/api/v1/subscriptions', { topic, key, city, user: USER }, await token)),
};
