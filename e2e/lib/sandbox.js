// Starts and stops the citypanel sandbox binary for a test file.
//
// Contract (set by `cargo xtask test`):
//   CITYPANEL_SANDBOX_BIN  path to the built sandbox binary
//   CITYPANEL_DIST         directory of the built demo web app
//   CITYPANEL_CATALOG      catalog directory (published descriptors)
// The binary is run as `BIN --port N --dist DIST --catalog CATALOG --memory` and prints exactly one
// stdout line `citypanel-sandbox listening on http://127.0.0.1:PORT` once it accepts
// connections.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { REPO_DIR } from './paths.js';
import { clockAt, SUITE_NOW } from './clock.js';

const READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;
const READY_RE = /citypanel-sandbox listening on (http:\/\/[^\s]+?):(\d+)\/?\s*$/;
const TAIL_CHARS = 16_000;

/** Every child still alive, killed hard if node exits without stopping it. */
const live = new Set();
function killAll() {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
process.on('exit', killAll);
// A test run that is interrupted (Ctrl-C, timeout, closed pipe) leaves no server behind.
for (const [sig, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.once(sig, () => {
    killAll();
    process.exit(128 + n);
  });
}
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') {
    killAll();
    process.exit(1);
  }
});

/** Resolved locations of the sandbox binary, the web app and the catalog. */
export function sandboxConfig() {
  const bin =
    process.env.CITYPANEL_SANDBOX_BIN || path.join(REPO_DIR, 'target', 'debug', 'citypanel-sandbox');
  const dist = process.env.CITYPANEL_DIST || path.join(REPO_DIR, 'dist');
  const catalog = process.env.CITYPANEL_CATALOG || path.join(REPO_DIR, 'catalog');
  return { bin, dist, catalog };
}

function tail(s) {
  return s.length > TAIL_CHARS ? '…' + s.slice(-TAIL_CHARS) : s;
}

/**
 * Spawns one sandbox process on `port` (0 = any) and waits for its ready line.
 * Resolves to { child, url, port, output() }; rejects with the process's stderr when it
 * exits early or does not get ready within 20 s.
 */
function spawnOnce({ bin, dist, catalog }, port, extra = []) {
  return new Promise((resolve, reject) => {
    const args = ['--port', String(port), '--dist', dist, '--catalog', catalog, '--memory', ...extra];
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const output = () =>
      `--- sandbox stdout ---\n${tail(stdout) || '(empty)'}\n--- sandbox stderr ---\n${tail(stderr) || '(empty)'}`;
    const fail = (why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`sandbox \`${bin} ${args.join(' ')}\` ${why}\n${output()}`));
    };

    live.add(child);
    child.exitInfo = null;
    child.exited = new Promise((res) => {
      child.once('exit', (code, signal) => {
        live.delete(child);
        child.exitInfo = { code, signal };
        res(child.exitInfo);
      });
    });

    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      stderr = tail(stderr + d);
    });
    const lines = readline.createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on('line', (line) => {
      stdout = tail(stdout + line + '\n');
      const m = READY_RE.exec(line);
      if (m && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ child, url: `${m[1]}:${m[2]}`, port: Number(m[2]), output });
      }
    });

    child.once('error', (err) => fail(`could not be started: ${err.message}`));
    child.once('exit', (code, signal) => {
      // Let the pipes drain so the failure shows all of stderr.
      const report = () => fail(`exited before it was ready (code ${code}, signal ${signal})`);
      const drained = setTimeout(report, 500);
      child.once('close', () => {
        clearTimeout(drained);
        report();
      });
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`printed no ready line within ${READY_TIMEOUT_MS / 1000} s`);
    }, READY_TIMEOUT_MS);
  });
}

async function stopChild(child) {
  if (!child || child.exitInfo) return child?.exitInfo ?? null;
  child.kill('SIGTERM');
  let timer;
  const grace = new Promise((res) => {
    timer = setTimeout(() => res('timeout'), STOP_GRACE_MS);
  });
  const first = await Promise.race([child.exited, grace]);
  clearTimeout(timer);
  if (first === 'timeout') {
    child.kill('SIGKILL');
    return child.exited;
  }
  return first;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the sandbox on a free port.
 * @returns {Promise<{url: string, port: number, running: boolean, stop(): Promise<void>,
 *   restart(): Promise<void>, ensureRunning(): Promise<void>, output(): string,
 *   setFault(fault: object): Promise<void>, clearFaults(): Promise<void>}>}
 */
/**
 * `extra`: more sandbox arguments, e.g. `['--hold-seconds', '2']`; `now`: the instant the
 * sandbox's clock starts at (default: the suite's, `SUITE_NOW`). The handle's `now()` reads
 * that clock; pass the handle to `newContext(browser, { clock: sandbox })` so the pages agree.
 */
export async function startSandbox(extra = [], { now = SUITE_NOW } = {}) {
  const cfg = sandboxConfig();
  if (!existsSync(cfg.bin)) {
    throw new Error(
      `sandbox binary not found at \`${cfg.bin}\`: build it and set CITYPANEL_SANDBOX_BIN ` +
        '(`cargo xtask test` does both)',
    );
  }
  if (!existsSync(cfg.dist)) {
    throw new Error(`web app dist dir not found at \`${cfg.dist}\`: set CITYPANEL_DIST`);
  }
  const clock = clockAt(now);
  // A restart keeps the clock running where it was, not back at `now`.
  const args = () => [...extra, '--now', clock.nowIso()];
  let current = await spawnOnce(cfg, 0, args());

  const handle = {
    clock,
    /** Epoch ms on this sandbox's clock. */
    now: () => clock.now(),
    url: current.url,
    port: current.port,
    get running() {
      return Boolean(current && !current.child.exitInfo);
    },
    /** stdout/stderr tails of the current (or last) process, for failure messages. */
    output: () => (current ? current.output() : '(no sandbox process)'),

    /** SIGTERM, wait for exit; SIGKILL after 5 s. */
    async stop() {
      if (current) await stopChild(current.child);
    },

    /** Stops (if running) and starts again on the same port, so page URLs stay valid. */
    async restart() {
      await handle.stop();
      let lastErr;
      // The old socket may linger for a moment; retry a few times on an early exit.
      for (let attempt = 0; attempt < 8; attempt++) {
        try {
          current = await spawnOnce(cfg, handle.port, args());
          if (current.port !== handle.port) {
            await stopChild(current.child);
            throw new Error(`sandbox restarted on port ${current.port}, wanted ${handle.port}`);
          }
          return;
        } catch (err) {
          lastErr = err;
          await sleep(250 * (attempt + 1));
        }
      }
      throw lastErr;
    },

    /** Restarts the sandbox if a test left it stopped or it died. */
    async ensureRunning() {
      if (!handle.running) await handle.restart();
    },

    /**
     * Fault injection for a simulated department:
     * { mode: 'garbage'|'error'|'http500'|'off', latency_ms: N, department? }.
     */
    async setFault(fault) {
      const body = { department: 'hz-traffic-police', mode: 'off', latency_ms: 0, ...fault };
      const res = await fetch(`${handle.url}/admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) {
        throw new Error(
          `POST /admin/faults ${JSON.stringify(body)} → HTTP ${res.status}: ${await res.text()}`,
        );
      }
    },

    /** Turns every injected fault off (no-op when the sandbox is not running). */
    async clearFaults() {
      if (handle.running) await handle.setFault({ mode: 'off', latency_ms: 0 });
    },
  };
  return handle;
}
