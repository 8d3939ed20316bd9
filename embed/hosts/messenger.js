// The messenger host's script (messenger.html), in a file: the page runs under a strict CSP.
import { connectFrame } from '../citypanel-host.js';
import { mintToken, openTarget, openPaySheet, subscribe } from './host-kit.js';

const params = new URLSearchParams(location.search);
const locale = params.get('locale') === 'en' ? 'en' : 'zh-CN';
const panelOrigin = params.get('panel') || location.origin;
document.documentElement.lang = locale;
const words = locale === 'en'
  ? { left: 'You left City services (the messenger would show its chat list now).', back: 'Back', shared: 'Sent to 文博 in a chat: ' }
  : { left: '已离开城市服务（信使此时会回到聊天列表）。', back: '返回', shared: '已发给聊天中的文博：' };
if (locale === 'en') {
  document.querySelector('[data-t=linkLabel]').textContent = 'Open a link';
  document.querySelector('[data-t=open]').textContent = 'Open';
  document.querySelector('[data-t=title]').textContent = 'City services';
  document.querySelector('[data-t=chip]').textContent = 'Mini program · by Hangzhou city service platform';
  document.getElementById('panel').title = 'City-service panel';
}
const token = mintToken('messenger', 'u-huang');
const theme = { primary: '#0b7a3e', radius: 10, elder: true };
const frame = document.getElementById('panel');
const bridge = {
  version: '1.0',
  capabilities: ['identity', 'pay', 'location', 'subscribe', 'open', 'share'],
  identity: async () => ({ token: await token, attributes: { name: '黄嘉琪', mobile: '13823456789' } }),
  pay: async (order) => openPaySheet({ hostName: locale === 'en' ? 'Xinshi' : '信使', method: locale === 'en' ? 'Xinshi Pay' : '信使支付', order, token: await token, locale }),
  location: async () => '330100',
  subscribe: async (topic, key, city) => subscribe(topic, key, city, { user: 'u-huang', token: await token }),
  open: (target) => openTarget(target, '330100'),
  // The messenger's own share sheet, reduced to a note: which chat would get which link.
  share: async (title, link) => {
    const shared = document.getElementById('shared');
    shared.textContent = `${words.shared}「${title}」`;
    const code = document.createElement('code');
    code.className = 'host-shared__link';
    code.textContent = link;
    shared.append(' ', code);
    return true;
  },
};
document.getElementById('back').setAttribute('aria-label', words.back);
const connection = connectFrame(frame, { origin: panelOrigin, bridge });
window.citypanelConnection = connection;
const left = document.getElementById('left');

/** Loads the panel page: the catalog, `?service=`, or a deep link (`citypanel:1/…`). */
function open(link) {
  const q = new URLSearchParams({ frame: '1', host: location.origin, city: '330100', locale, theme: JSON.stringify(theme) });
  if (link) q.set('link', link);
  else if (params.get('service')) q.set('service', params.get('service'));
  left.textContent = '';
  frame.src = `${panelOrigin}/?${q}`;
}
open(params.get('link'));

// The messenger's own back button asks the mini-program first (the bridge's `back` message):
// it leaves City services only when the panel is at its first screen.
document.getElementById('back').addEventListener('click', async () => {
  const { answer } = await connection.back();
  if (answer === 'root') left.textContent = words.left;
});
// A link pasted into the messenger (as if tapped in a chat) opens in the mini-program.
document.getElementById('link-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const link = document.getElementById('link').value.trim();
  if (link) open(link);
});
// The messenger tells the mini-program when its page is hidden or shown again (the citizen
// switched chats or apps): polls wait meanwhile, and on show a payment in flight is reconciled.
document.addEventListener('visibilitychange', () => connection.setHidden(document.hidden));
