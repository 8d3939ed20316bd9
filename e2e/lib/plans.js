// Filling the catalog's forms like a user would: each service's steps with a sandbox
// citizen's data (cascades, dates and slots picked from what the departments offer).
import { beijingDate } from './clock.js';

export const CHEN = { name: '陈思远', id: '330106198805203216', mobile: '13800138000' };
export const LIN = { name: '林晓雯', id: '330102199203154321', mobile: '13700137000' };

/** Steps per service (Hangzhou). */
export const PLANS = {
  'traffic-violations': () => [['fill', 'plate', '浙A12345'], ['fill', 'engine', '123456']],
  'traffic-fine-payment': () => [['fill', 'jdsbh', '3301061000234567'], ['fill', 'plate', '浙A12345']],
  'violation-reminders': (l) => [['fill', 'plate', l === 'en' ? '浙AD12345' : '浙A12345'], ['fill', 'engine', l === 'en' ? 'A1B2C3' : '123456'], ['fill', 'mobile', CHEN.mobile], ['check', 'consent']],
  'driving-licence-points': () => [['fill', 'licence', CHEN.id], ['fill', 'dabh', '330100412387']],
  'vehicle-inspection-booking': () => [['fill', 'plate', '浙A12345'], ['fill', 'vin', 'LSVNV2189N2123456'], ['select', 'station'], ['slotday', 'date', 1], ['fill', 'mobile', CHEN.mobile]],
  'hospital-registration': (l) => [['select', 'hospital'], ['select', 'department'], ['slotday', 'date', l === 'en' ? 2 : 1, 'doctor'], ['fill', 'name', CHEN.name], ['fill', 'id_number', CHEN.id], ['fill', 'mobile', CHEN.mobile], ['check', 'consent']],
  'lab-reports': () => [['fill', 'id_number', LIN.id], ['fill', 'report_no', '2504261530118']],
  'water-bill': () => [['fill', 'account', '3301287645']],
  'electricity-bill': () => [['fill', 'account', '3306012345']],
  'gas-bill': () => [['fill', 'account', '10234567']],
  'social-security-records': () => [['fill', 'id_number', CHEN.id], ['fill', 'name', CHEN.name]],
  'marriage-registration': (l) => [
    ['fill', 'a_name', CHEN.name], ['fill', 'a_id', CHEN.id], ['fill', 'a_mobile', CHEN.mobile],
    ['fill', 'b_name', LIN.name], ['fill', 'b_id', LIN.id], ['fill', 'b_mobile', LIN.mobile],
    ['select', 'office'], ['slotday', 'date', l === 'en' ? 8 : 1], ['check', 'consent']],
  'exit-entry-progress': () => [['fill', 'app_no', '330100202504200123'], ['fill', 'id_number', CHEN.id]],
  'library-loans': () => [['fill', 'card', '0330012345678'], ['fill', 'password', '203216']],
  'library-renewal': (l) => [['fill', 'card', '0330012345678'], ['fill', 'password', '203216'], ['fill', 'barcode', '03010005123409']],
  'road-conditions': () => [],
};

export async function pickFirst(pp, name) {
  const sel = pp.panel.locator(`select[name="${name}"]`);
  await pp.page.waitForFunction((s) => document.querySelector(s)?.options.length > 1, `${pp.selector} select[name="${name}"]`, { timeout: 10_000 });
  await sel.selectOption({ index: 1 });
}

/** Tries days from `from` on until the slot picker offers a free slot; picks it. */
export async function slotDay(pp, name, from, select) {
  // "Today" is the page's (pinned) clock, which is the sandbox's.
  const pageNow = await pp.page.evaluate(() => Date.now());
  const clock = { now: () => pageNow };
  for (let day = from; day < from + 14; day++) {
    await pp.input(name).fill(beijingDate(clock, day));
    if (select) {
      try {
          await pickFirst(pp, select);
        } catch {
          continue; // nobody on duty that day
        }
      }
      const free = pp.panel.locator('.cp-slot__radio:not([disabled])');
      try {
        await free.first().waitFor({ timeout: 3_000 });
      } catch {
        continue;
      }
      await free.first().check();
      return;
    }
    throw new Error(`no free slot within two weeks from today+${from}\n${await pp.diagnostics()}`);
  }

/** Runs a service's steps on an open panel. */
export async function fill(pp, id, locale) {
  for (const [op, name, value, extra] of PLANS[id](locale)) {
    if (op === 'fill') await pp.input(name).fill(value);
    else if (op === 'select') await pickFirst(pp, name);
    else if (op === 'check') await pp.panel.locator(`input[name="${name}"]`).check();
    else if (op === 'slotday') await slotDay(pp, name, value, extra);
  }
}
