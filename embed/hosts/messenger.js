// The messenger host's script (messenger.html), in a file: the page runs under a strict CSP.
import { connectFrame } from '../citypanel-host.js';
import { mintToken, openPaySheet, subscribe } from './host-kit.js';

const params = new URLSearchParams(location.search);
const locale = params.get('locale') === 'en' ? 'en' : 'zh-CN';
const panelOrigin = params.get('panel') || location.origin;
document.documentElement.lang = locale;
if (locale === 'en') {
  document.querySelector('[data-t=title]').textContent = 'City services';
  document.querySelector('[data-t=chip]').textContent = 'Mini program · by Hangzhou city service platform';
  document.getElementById('panel').title = 'City-service panel';
}
const token = mintToken('messenger', 'u-huang');
const theme = { primary: '#0b7a3e', radius: 10, elder: true };
const frame = document.getElementById('panel');
const bridge = {
  version: '1.0',
  capabilities: ['identity', 'pay', 'location', 'subscribe', 'open'],
  identity: async () => ({ token: await token, attributes: { name: '黄嘉琪', mobile: '13823456789' } }),
  pay: async (order) => openPaySheet({ hostName: locale === 'en' ? 'Xinshi' : '信使', method: locale === 'en' ? 'Xinshi Pay' : '信使支付', order, token: await token, locale }),
  location: async () => '330100',
  subscribe: async (topic, key, city) => subscribe(topic, key, city, { user: 'u-huang', token: await token }),
  open: async (target) => { window.open(target, '_blank', 'noopener'); },
};
window.citypanelConnection = connectFrame(frame, { origin: panelOrigin, bridge });
const q = new URLSearchParams({ frame: '1', host: location.origin, city: '330100', locale, theme: JSON.stringify(theme) });
if (params.get('service')) q.set('service', params.get('service'));
frame.src = `${panelOrigin}/?${q}`;
