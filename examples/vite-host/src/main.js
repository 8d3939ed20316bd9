// The host's own code: the citypanel package from npm, bundled by Vite. `mount` and the custom
// elements come from the package entry; the wasm and the stylesheet are emitted by Vite from
// the package's `new URL(…, import.meta.url)` references, with no configuration.
import { mount } from 'citypanel';
import './style.css';
import { bridge } from './host.js';

const theme = { primary: '#1d4ed8', primaryText: '#ffffff', radius: 12 };

const handle = await mount(document.getElementById('bill'), {
  city: '330100',
  locale: 'zh-CN',
  service: 'water-bill',
  theme,
  bridge,
});

const services = document.getElementById('services');
services.theme = theme;
services.bridge = bridge;

// For the end-to-end test and the curious: the host keeps the panel's handle.
window.citypanelHandle = handle;
