// The reports in real Chromium: the Commissioner's office and an analyst
// choose the dates, and the tables, charts and the sentences saying what the
// trend is follow; a range that is not one is refused field by field; the
// figures name no one; at 1280 and 320 px, by keyboard, axe-clean.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, errorList, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

async function assertFits(page, label) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} is ${overflow}px wider than the screen`);
}

const rows = (page, id) => page.locator(`#${id} tbody tr`).count();
const chartLabels = (page, id) => page.evaluate((c) => window.Chart.getChart(c).data.labels, id);
const chartData = (page, id, i = 0) => page.evaluate(([c, k]) => window.Chart.getChart(c).data.datasets[k].data, [id, i]);

async function fillRange(page, from, to) {
  for (const [id, [d, m, y]] of [['from', from], ['to', to]]) {
    await page.locator(`#${id}`).fill(d);
    await page.locator(`#${id}-month`).fill(m);
    await page.locator(`#${id}-year`).fill(y);
  }
}

test('the Commissioner\'s office changes the dates and the tables and charts follow', async () => {
  const page = await signedIn('opcc.hughes', { viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
  await page.locator('#reports-body').waitFor();

  // The last twelve months by default, this one last.
  const now = new Date();
  const thisMonth = now.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  assert.equal(await page.locator('#to-year').inputValue(), String(now.getUTCFullYear()));
  assert.equal(await page.locator('#from').inputValue(), '1');
  assert.equal(await rows(page, 'referrals-table'), 12);
  assert.equal(await page.locator('#referrals-table tbody tr').last().locator('th').textContent(), thisMonth);
  assert.equal((await chartLabels(page, 'referrals-chart')).length, 12);
  assert.equal((await chartLabels(page, 'cases-chart')).length, 12);
  assert.equal((await page.evaluate(() => window.Chart.getChart('cases-chart').data.datasets.length)), 2);
  assert.match(await page.locator('#range-shown').textContent(), /^Showing figures from 1 [A-Z][a-z]+ \d{4} to \d+ [A-Z][a-z]+ \d{4}\.$/);
  for (const id of ['referrals', 'decisions', 'cases', 'wait', 'accredited']) {
    assert.match(await page.locator(`#${id}-table caption`).textContent(), /from 1 .* to /, `${id} has a caption naming the range`);
  }
  // The trend compares whole months only: the month not yet over is left out.
  const monthOver = now.getUTCDate() === new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  const half = Math.floor((monthOver ? 12 : 11) / 2);
  // A rise or fall is worked out only when none of the whole months is
  // withheld by the disclosure control.
  const shown = (await (await apiSession(server.base, 'opcc.hughes')).call('GET', '/api/v1/reports/casework')).body;
  const wholeMonths = shown.months.slice(0, monthOver ? 12 : 11).map((m) => m.referrals);
  const trend = wholeMonths.some((v) => v && typeof v === 'object' && v.suppressed)
    ? '$' : `Referrals (rose|fell|held level): \\d+ in the last ${half} whole months`;
  assert.match(await page.locator('#referrals-trend').textContent(),
    new RegExp(`referrals? (was|were) made from .*, the most (of the months shown )?in [A-Z][a-z]+ \\d{4} \\(\\d+\\)\\.( ${trend}|${trend})`));
  await assertAccessible(page, assert, 'reports, last twelve months');

  // The first half of 2025: six months, counted as the API counts them.
  await fillRange(page, ['1', '1', '2025'], ['30', '6', '2025']);
  await page.getByRole('button', { name: 'Show figures' }).click();
  await page.locator('#range-shown', { hasText: 'from 1 January 2025 to 30 June 2025' }).waitFor();
  assert.match(page.url(), /\?from=2025-01-01&to=2025-06-30$/);
  assert.equal(await rows(page, 'referrals-table'), 6);
  assert.equal(await page.locator('#cases-table tbody tr').first().locator('th').textContent(), 'January 2025');
  assert.deepEqual(await chartLabels(page, 'referrals-chart'), ['Jan 2025', 'Feb 2025', 'Mar 2025', 'Apr 2025', 'May 2025', 'Jun 2025']);
  const hughes = await apiSession(server.base, 'opcc.hughes');
  const want = (await hughes.call('GET', '/api/v1/reports/casework?from=2025-01-01&to=2025-06-30')).body;
  // A count the disclosure control withheld is a gap in the chart and
  // "Not shown" in the table, never a number; the rest as the API counts.
  const hiddenCell = (v) => Boolean(v && typeof v === 'object' && v.suppressed);
  const gap = (v) => (hiddenCell(v) ? null : v);
  assert.deepEqual(await chartData(page, 'referrals-chart'), want.months.map((m) => gap(m.referrals)));
  assert.deepEqual(await chartData(page, 'decisions-chart', 1), want.months.map((m) => gap(m.rg_negative)));
  const tableOpened = await page.locator('#cases-table tbody tr td:nth-of-type(1)').allTextContents();
  assert.deepEqual(tableOpened, want.months.map((m) => (hiddenCell(m.opened) ? 'Not shown' : String(m.opened))));
  if (hiddenCell(want.totals.opened) || hiddenCell(want.totals.closed)) {
    assert.match(await page.locator('#cases-trend').textContent(), /^Some of the numbers of cases opened and closed from 1 January 2025 to 30 June 2025 are not shown\./);
  } else {
    assert.match(await page.locator('#cases-trend').textContent(), new RegExp(`^${want.totals.opened} cases? opened and ${want.totals.closed} closed from 1 January 2025 to 30 June 2025\\.`));
  }
  // The details say why, at the installation's threshold.
  assert.equal(await page.locator('#threshold-words').textContent(), String(want.threshold));
  assert.equal((await chartLabels(page, 'wait-chart')).length, 6);
  assert.match(await page.locator('#casework-csv').getAttribute('href'), /format=csv&from=2025-01-01&to=2025-06-30$/);
  const csv = await page.evaluate(async () => (await fetch(document.getElementById('casework-csv').href)).text());
  assert.match(csv, /^month,referrals,rg_positive,rg_negative,opened,closed\r\n2025-01,/);
  assert.doesNotMatch(await page.locator('main').textContent(), /Okafor|Jones|Popescu|speaks to the victim/);

  // A date that does not exist, then From after To: refused, field by field.
  await fillRange(page, ['31', '2', '2025'], ['30', '6', '2025']);
  await page.getByRole('button', { name: 'Show figures' }).click();
  assert.deepEqual(await errorList(page), ['From must be a real date, for example 1 4 2025']);
  assert.equal(await page.locator('#from-year.govuk-input--error').count(), 1);
  await assertAccessible(page, assert, 'reports with a date that does not exist');
  await fillRange(page, ['1', '7', '2025'], ['30', '6', '2025']);
  await page.getByRole('button', { name: 'Show figures' }).click();
  assert.deepEqual(await errorList(page), ['From must be the same as or before To']);
  await page.getByRole('link', { name: 'From must be the same as or before To' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'from');
  // The figures shown are still those of the last range asked.
  assert.equal(await rows(page, 'referrals-table'), 6);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an analyst picks the dates by keyboard on a phone, and the range lives in the address', async () => {
  const page = await signedIn('analyst.reid', { viewport: { width: 320, height: 800 } });
  await page.goto(`${server.base}/reports?from=2025-03-01&to=2025-05-31`);
  await page.locator('#range-shown', { hasText: 'from 1 March 2025 to 31 May 2025' }).waitFor();
  assert.equal(await rows(page, 'referrals-table'), 3);
  assert.equal(await page.locator('#from-month').inputValue(), '3');
  await assertFits(page, 'the reports at 320px');
  const before = await page.locator('#cases-trend').textContent();

  // By keyboard: into the From day, through month and year, to To and Show.
  await page.locator('#from').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('6');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2024');
  for (const v of ['30', '11', '2024']) {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(v);
  }
  assert.equal(await page.evaluate(() => document.activeElement.id), 'to-year');
  await page.keyboard.press('Enter');
  await page.locator('#range-shown', { hasText: 'from 1 June 2024 to 30 November 2024' }).waitFor();
  assert.equal(await rows(page, 'referrals-table'), 6);
  assert.equal((await chartLabels(page, 'decisions-chart')).length, 6);
  assert.notEqual(await page.locator('#cases-trend').textContent(), before);
  assert.match(page.url(), /\?from=2024-06-01&to=2024-11-30$/);
  await assertFits(page, 'the reports at 320px after a change');
  await assertAccessible(page, assert, 'reports at 320px');
  await page.close();
});
