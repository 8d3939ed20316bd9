// Shared suite setup: one sandbox on a free loopback port and one headless Chromium per
// `describe`, started before its tests and stopped after them.
import { before, after } from 'node:test';
import { startSandbox } from './sandbox.js';
import { launchBrowser } from './browser.js';

/** Registers the hooks; `set(sandbox, browser)` receives them once started; `args` are extra
 * sandbox arguments; `options.now` the instant the sandbox's clock starts at. */
export function useSandboxAndBrowser(set, args = [], options = {}) {
  let sandbox;
  let browser;
  before(async () => {
    sandbox = await startSandbox(args, options);
    browser = await launchBrowser();
    set(sandbox, browser);
  });
  after(async () => {
    await browser?.close();
    await sandbox?.stop();
  });
}
