// The demo page's bootstrap (index.html), a file rather than trunk's inline script so that the
// page runs under a Content-Security-Policy without 'unsafe-inline' (see Trunk.toml).
import init from '/citypanel-app.js';

await init({ module_or_path: '/citypanel-app_bg.wasm' });
