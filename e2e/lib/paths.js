// Filesystem locations shared by the e2e helpers.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The e2e/ directory. */
export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The repository root (parent of e2e/). */
export const REPO_DIR = path.resolve(E2E_DIR, '..');

/** Where every state's screenshot goes: <repo>/target/screenshots/e2e/<name>.png */
export const SCREENSHOT_DIR =
  process.env.CITYPANEL_SCREENSHOTS || path.join(REPO_DIR, 'target', 'screenshots', 'e2e');
