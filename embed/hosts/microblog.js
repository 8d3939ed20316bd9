// The microblog host's script (microblog.html), in a file: the page runs under a strict CSP.
import '../citypanel.js';
import { mintToken, openTarget, subscribe } from './host-kit.js';

const params = new URLSearchParams(location.search);
const locale = params.get('locale') === 'en' ? 'en' : 'zh-CN';
const en = { brand: 'Weiyu', user: '周文博', post: 'Cherry blossoms by West Lake. Traffic fines, water, power and gas bills — all in City services, no queues.', services: 'City services · Hangzhou', linkLabel: 'Open a link', open: 'Open' };
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
  open: (target) => openTarget(target, '330100'),
};
services.setAttribute('locale', locale);

// Deep links: `?link=citypanel:1/…` in the page's address, or one pasted into the page.
const link = params.get('link');
if (link) services.setAttribute('link', link);
document.getElementById('link-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = document.getElementById('link').value.trim();
  if (text) services.setAttribute('link', text);
});

// The browser's own back button steps back inside the panel: once the citizen is using the
// panel, one history entry is kept for it; a back that the panel takes (`stepped`) or refuses
// puts the entry back; at its first screen (`root`) the entry stays spent, so the browser's
// next back leaves the page as usual.
let armed = false;
function arm() {
  if (armed) return;
  armed = true;
  history.pushState({ citypanel: true }, '');
}
services.addEventListener('click', arm);
window.addEventListener('popstate', () => {
  if (!armed) return;
  armed = false;
  const answer = services.back();
  document.body.dataset.lastBack = answer;
  if (answer !== 'root') arm();
});

// The microblog tells the panel when its page is hidden or shown again (the panel also hears
// the page's own `visibilitychange`; a host with its own tabs would call this on tab changes).
document.addEventListener('visibilitychange', () => services.setHidden(document.hidden));
