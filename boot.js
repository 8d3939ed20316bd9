// The demo page's bootstrap (index.html), a file rather than trunk's inline script so that the
// page runs under a Content-Security-Policy without 'unsafe-inline' (see Trunk.toml). It also
// contains a trap of the module on this page: the iframe entry (`/?frame=1`) and the gallery
// run it without the `mount()` loader, so here is where they show "service unavailable" with a
// retry and — in a frame — tell the host (`error` event of the bridge, `embed/citypanel-host.js`).
import init, { onTrap } from '/citypanel-app.js';

// The same words as the loader's (embed/citypanel.js).
const TRAP_TEXT = {
  'zh-CN': { title: '服务暂不可用', detail: '此服务出错停止了，页面的其他部分不受影响。', retry: '重试' },
  en: { title: 'Service unavailable', detail: 'This service stopped after an error; the rest of the page is not affected.', retry: 'Try again' },
};

const params = new URLSearchParams(location.search);

function trapped(message) {
  if (document.body.dataset.cpTrapped) return;
  document.body.dataset.cpTrapped = '';
  const locale = params.get('locale') === 'en' ? 'en' : 'zh-CN';
  const t = TRAP_TEXT[locale];
  const root = document.createElement('div');
  root.className = 'cp-root';
  root.lang = locale;
  const section = document.createElement('section');
  section.className = 'cp-panel';
  section.dataset.state = 'unavailable';
  section.setAttribute('role', 'alert');
  const title = document.createElement('h2');
  title.className = 'cp-panel__title';
  title.textContent = t.title;
  const detail = document.createElement('p');
  detail.className = 'cp-panel__summary';
  detail.textContent = t.detail;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'cp-button cp-button--primary cp-trap__retry';
  button.textContent = t.retry;
  // A fresh page is a fresh instance of the module.
  button.addEventListener('click', () => location.reload());
  section.append(title, detail, button);
  root.append(section);
  document.body.replaceChildren(root);
  // In a frame, tell the host (only the origin it declared, as the bridge does).
  const host = params.get('host') ?? '';
  if (params.has('frame') && window.parent !== window && /^https?:\/\/[^/?#]+$/.test(host)) {
    const payload = { code: 'trap', message: `citypanel: the SDK stopped: ${message}` };
    window.parent.postMessage({ citypanel: '1.0', id: 'p-trap', type: 'event', method: 'error', payload }, host);
  }
}

await init({ module_or_path: '/citypanel-app_bg.wasm' });
onTrap((message) => trapped(message));
window.addEventListener('error', (e) => {
  // Traps that are not panics (out of memory, stack overflow) surface as RuntimeErrors.
  if (e.error instanceof WebAssembly.RuntimeError) trapped(String(e.error.message));
});
