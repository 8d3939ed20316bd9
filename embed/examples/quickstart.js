// The quick start's script (embed/examples/quickstart.html), in a file so that the page runs
// under a Content-Security-Policy without 'unsafe-inline' (docs/embedding.md).
import { mount } from '../citypanel.js';

const handle = await mount(document.getElementById('fines'), {
  city: '330100',
  locale: 'zh-CN',
  service: 'traffic-violations',
  theme: { primary: '#0b7a3e', radius: 10 },
  bridge: {
    version: '1.0',
    capabilities: ['location'],
    location: async () => '330100',
  },
});
window.citypanelHandle = handle; // handle.unmount() removes the panel
