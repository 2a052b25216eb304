// The Commissioner's dashboard in real Chromium against the demo data: the
// Commissioner's office opens it from the menu and reads a card per figure
// (this period and the one before), a chart with a table under it for each
// figure's twelve months, the outcomes by service and the feedback scores;
// a figure the disclosure control withheld reads "Not shown" (and the
// details say why), never a number; the CSV follows the dates. An analyst
// changes the dates by keyboard on a phone. Those who may not see figures
// are not offered it. At 1280 and 320 px, axe-clean.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, errorList, longDate, screenshot, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const chartData = (page, id) => page.evaluate((c) => window.Chart.getChart(c).data.datasets[0].data, id);
const chartLabels = (page, id) => page.evaluate((c) => window.Chart.getChart(c).data.labels, id);
const hidden = (v) => Boolean(v && typeof v === 'object' && v.suppressed);
const words = (v) => (hidden(v) ? 'Not shown' : String(v));

async function fillRange(page, from, to) {
  for (const [id, [d, m, y]] of [['from', from], ['to', to]]) {
    await page.locator(`#${id}`).fill(d);
    await page.locator(`#${id}-month`).fill(m);
    await page.locator(`#${id}-year`).fill(y);
  }
}

// The card's value for the row whose key starts with the words given.
const cardValue = (page, id, key) => page.locator(`#card-${id} .govuk-summary-list__row`, { hasText: key }).locator('dd').textContent();

test('the Commissioner\'s office reads every figure for the year, beside the year before, with its months', async () => {
  const page = await signedIn('opcc.hughes', { viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Outcomes' }).click();
  await page.getByRole('heading', { name: 'Outcomes for victims', level: 1 }).waitFor();
  await page.locator('#outcomes-body').waitFor();

  const api = await apiSession(server.base, 'opcc.hughes');
  const want = (await api.call('GET', '/api/v1/reports/outcomes')).body;
  assert.match(await page.locator('#range-shown').textContent(),
    new RegExp(`^Showing figures from ${longDate(want.from)} to ${longDate(want.to)}, beside the previous period from ${longDate(want.previous.from)} to ${longDate(want.previous.to)}\\.$`));

  // A card per figure: this period and the one before, as the API counts them.
  assert.equal(await page.locator('#cards .govuk-summary-card').count(), want.figures.length + 1);
  const victims = want.figures.find((f) => f.id === 'potential_victims');
  assert.equal(typeof victims.count, 'number', 'the demo identifies enough victims to show');
  assert.equal(await cardValue(page, 'potential_victims', 'This period'), String(victims.count));
  assert.equal(await cardValue(page, 'potential_victims', 'Previous period'), words(victims.previous.count));
  const rg = want.figures.find((f) => f.id === 'rg_within_5_working_days');
  assert.equal(typeof rg.percent, 'number', 'the demo has enough decisions to show their share');
  assert.equal(await cardValue(page, 'rg_within_5_working_days', 'This period'), `${rg.part} of ${rg.whole} (${rg.percent}%)`);
  assert.equal(await cardValue(page, 'go_bag_stock', 'Today'), words(want.go_bag_stock.count));
  assert.match(await page.locator('#cards-intro').textContent(), new RegExp(`^This period is ${longDate(want.from)} to ${longDate(want.to)}; the previous period is ${longDate(want.previous.from)} to`));

  // Every figure withheld reads "Not shown", never its number.
  let withheld = 0;
  for (const f of want.figures) {
    const v = f.kind === 'share' ? f.part : f.count;
    if (hidden(v)) {
      withheld++;
      assert.match(await cardValue(page, f.id, 'This period'), /^Not shown/, `${f.id} reads Not shown`);
    }
  }
  assert.ok(withheld > 0, 'the demo has a figure too small to show');
  await page.getByText('Why some figures say ‘Not shown’').click();
  assert.match(await page.locator('.govuk-details__text').textContent(), new RegExp(`fewer than ${want.threshold} \\(but more than none\\)`));

  // Each figure's twelve months: a chart, and a table under it holding the
  // same figures, a withheld month a gap in the chart and words in the table.
  for (const f of want.figures) {
    const rows = await page.locator(`#trend-${f.id}-table tbody tr`).count();
    assert.equal(rows, 12, `${f.id} has a table of twelve months`);
    assert.equal((await chartLabels(page, `trend-${f.id}-chart`)).length, 12);
  }
  const monthly = await chartData(page, 'trend-potential_victims-chart');
  assert.deepEqual(monthly, victims.trend.map((m) => (hidden(m.count) ? null : m.count)));
  const cells = await page.locator('#trend-potential_victims-table tbody td').allTextContents();
  assert.deepEqual(cells, victims.trend.map((m) => words(m.count)));
  assert.equal(await page.locator('#trend-potential_victims-table tbody tr').last().locator('th').textContent(),
    new Date(`${want.to}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }));

  // The outcomes by service, and the feedback by question.
  assert.equal(await page.locator('#services-table tbody tr').count(), want.service_outcomes.period.services.length + (want.service_outcomes.period.services.length ? 1 : 0));
  assert.equal(await page.locator('#feedback-table tbody tr').count(), want.feedback.length);
  const safe = want.feedback.find((q) => q.id === 'safe');
  const safeRow = page.locator('#feedback-table tbody tr').first();
  assert.equal(await safeRow.locator('td').nth(1).textContent(), hidden(safe.mean) ? 'Not shown' : safe.mean.toFixed(1));

  // The CSV follows the dates, and the page names no one.
  assert.match(await page.locator('#outcomes-csv').getAttribute('href'), new RegExp(`format=csv&from=${want.from}&to=${want.to}$`));
  const csv = await page.evaluate(async () => (await fetch(document.getElementById('outcomes-csv').href)).text());
  assert.match(csv, /^figure,period,from,to,service,count,of,percent,mean\r\npotential_victims,period,/);
  assert.doesNotMatch(await page.locator('main').textContent(), /Okafor|Jones|Popescu|Krasniqi/);
  assert.equal(await overflow(page), 0);
  await assertAccessible(page, assert, 'outcomes dashboard');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an analyst changes the dates by keyboard on a phone, and a range that is not one is refused', async () => {
  const page = await signedIn('analyst.reid', { viewport: { width: 320, height: 800 } });
  const year = new Date().getUTCFullYear();
  await page.goto(`${server.base}/outcomes?from=${year}-01-01&to=${year}-01-31`);
  await page.locator('#range-shown', { hasText: `from 1 January ${year} to 31 January ${year}` }).waitFor();
  assert.match(await page.locator('#range-shown').textContent(), new RegExp(`previous period from 1 December ${year - 1} to 31 December ${year - 1}\\.$`));
  assert.equal(await overflow(page), 0, 'the dashboard fits 320px');

  // By keyboard: From day, month and year, then To's, then Enter.
  await page.locator('#from').focus();
  for (const [i, v] of ['1', '2', String(year), '28', '2', String(year)].entries()) {
    if (i) await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(v);
  }
  assert.equal(await page.evaluate(() => document.activeElement.id), 'to-year');
  await page.keyboard.press('Enter');
  await page.locator('#range-shown', { hasText: `from 1 February ${year} to 28 February ${year}` }).waitFor();
  assert.match(page.url(), new RegExp(`\\?from=${year}-02-01&to=${year}-02-28$`));
  assert.equal(await page.locator('#trend-nrm_referrals-table tbody tr').last().locator('th').textContent(), `February ${year}`);
  assert.equal(await overflow(page), 0, 'the dashboard fits 320px after a change');
  await assertAccessible(page, assert, 'outcomes dashboard at 320px');

  await fillRange(page, ['1', '3', String(year)], ['28', '2', String(year)]);
  await page.getByRole('button', { name: 'Show figures' }).click();
  assert.deepEqual(await errorList(page), ['From must be the same as or before To']);
  await screenshot(page, 'outcomes-refused-320');
  await page.close();
});

test('only those who may read figures are offered the dashboard', async () => {
  for (const who of ['dc.jones', 'partner.evans']) {
    const page = await signedIn(who, { viewport: { width: 1280, height: 900 } });
    assert.equal(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Outcomes' }).count(), 0, `${who} is not offered it`);
    await page.goto(`${server.base}/outcomes`);
    await page.locator('.govuk-error-summary').waitFor();
    assert.deepEqual(await errorList(page), ['The figures are for supervisors, analysts and the OPCC.']);
    assert.equal(await page.locator('#outcomes-body').isVisible(), false);
    await page.close();
  }
  const api = await apiSession(server.base, 'dc.jones');
  assert.equal((await api.call('GET', '/api/v1/reports/outcomes')).status, 403);
});
