// The microblog host's script (microblog.html), in a file: the page runs under a strict CSP.
import '../citypanel.js';
import { mintToken, subscribe } from './host-kit.js';

const params = new URLSearchParams(location.search);
const locale = params.get('locale') === 'en' ? 'en' : 'zh-CN';
const en = { brand: 'Weiyu', user: '周文博', post: 'Cherry blossoms by West Lake. Traffic fines, water, power and gas bills — all in City services, no queues.', services: 'City services · Hangzhou' };
document.documentElement.lang = locale;
if (locale === 'en') document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = en[el.dataset.t]; });

const services = document.getElementById('services');
const token = mintToken('microblog', 'u-zhou');
services.theme = { dark: true, primary: '#f0566b', primaryText: '#1a1014', radius: 16 };
services.bridge = {
  version: '1.0',
  capabilities: ['identity', 'location', 'subscribe', 'open'],
  identity: async () => ({ token: await token, attributes: { name: '周文博', mobile: '13971234567' } }),
  location: async () => '330100',
  subscribe: async (topic, key, city) => subscribe(topic, key, city, { user: 'u-zhou', token: await token }),
  open: async (target) => { window.open(target, '_blank', 'noopener'); },
};
services.setAttribute('locale', locale);
