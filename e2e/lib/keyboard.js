// Keyboard-only helpers: move focus with Tab like a user would, never with the mouse.

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; throws after `max`. */
export async function tabTo(page, selector, { max = 60, back = false } = {}) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return i;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  const active = await page.evaluate(() => {
    const a = document.activeElement;
    return a ? `${a.tagName.toLowerCase()}${a.id ? '#' + a.id : ''}.${a.className}` : '(none)';
  });
  throw new Error(`\`${selector}\` never took focus after ${max} Tab presses (focus is on ${active})`);
}

/** Waits (up to `timeout` ms) until the focused element matches `selector`: panels move focus
 * on the next animation frame after the state they focus is drawn. Throws with `why`. */
export async function focusMovesTo(page, selector, why, timeout = 3_000) {
  await page.waitForFunction((sel) => document.activeElement?.matches(sel) ?? false, selector, { timeout })
    .catch(() => { throw new Error(`${why}: \`${selector}\` never took focus`); });
}
