// The suite's one notion of "now". The sandbox's clock (`--now`) and each browser context's
// clock (Playwright's `context.clock`) are pinned to the same instant, which then runs on in
// real time (holds still expire, timers still fire). Tests that depend on the date or the time
// of day choose their instant here; no test reads the wall clock without saying so.

/** A Wednesday morning in Beijing: inside every catalog service's opening hours, outside
 * every maintenance window. The default instant of the whole suite. */
export const SUITE_NOW = '2026-06-10T10:00:00+08:00';

const BEIJING_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/**
 * A clock that reads `iso` now and runs on in real time.
 * `Date.now()` here is the wall clock, used only to measure the time elapsed since.
 */
export function clockAt(iso) {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) throw new Error(`clockAt: \`${iso}\` is not an ISO 8601 instant`);
  const wallStart = Date.now();
  return {
    iso,
    /** Epoch ms on this clock. */
    now: () => at + (Date.now() - wallStart),
    /** This clock's instant as RFC 3339 (UTC), e.g. for the sandbox's `--now`. */
    nowIso() {
      return new Date(this.now()).toISOString();
    },
  };
}

/** Today + `days` in Beijing on `clock`, as yyyy-MM-dd. */
export function beijingDate(clock, days = 0) {
  if (!clock?.now) throw new Error('beijingDate needs the clock of the sandbox the page talks to');
  return new Date(clock.now() + BEIJING_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** Pins every page of `context` to `clock` (a sandbox handle or a `clockAt` clock). */
export async function pinClock(context, clock) {
  await context.clock.install({ time: clock.now() });
}
