// The reports: casework, allocation and training figures over a range of
// dates (the last twelve months unless asked). Each figure is a table (its
// accessible form, with a caption) beside a chart (Chart.js, loaded as
// /vendor/chart.umd.js), with a sentence that says what the trend is, and
// comes as CSV. The range lives in the address, so it can be shared. A
// count the disclosure control withheld reads "Not shown" (figures.js), a
// chart leaves a gap for it, and a sentence that would need it says only
// that some figures are not shown.
import { api, showErrors } from '/js/api.js';
import { signedInPage, longDate } from '/js/shell.js';
import {
  NOT_SHOWN, anyHidden, apiRangeErrors, blue, chart, count, green, hidden, loadCharts, markDateParts, monthName, monthShort, orange, point,
  rangeForm, red, showThreshold, table,
} from '/js/figures.js';

const me = await signedInPage();

const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const pct = (x) => `${Math.round(x * 100)}%`;
const hours = (x) => (x < 48 ? `${x.toFixed(1)} hours` : `${(x / 24).toFixed(1)} days`);
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

// Whether the range holds the whole of a month ('2026-11'), not a part.
function wholeMonth(month, range) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return range.from <= `${month}-01` && range.to >= last;
}

// How the later half of the months compares with the earlier half, in
// words, over whole months only: a month the range holds only part of (the
// month not yet over, say) would make any change look like a fall.
// months: the months of values, as '2026-11'; range: {from, to}.
function change(months, values, what, range) {
  const whole = months.map((m) => wholeMonth(m, range));
  const kept = values.filter((v, i) => whole[i]);
  const k = Math.floor(kept.length / 2);
  if (k < 1 || anyHidden(kept)) return ''; // no change worked out from a withheld month
  const before = sum(kept.slice(0, k));
  const after = sum(kept.slice(kept.length - k));
  const span = k === 1 ? 'month' : `${k} months`;
  const last = k === 1 ? 'the last whole month' : `the last ${k} whole months`;
  if (after === before) return ` ${what} held level: ${after} in ${last}, as in the ${span} before.`;
  return ` ${what} ${after > before ? 'rose' : 'fell'}: ${after} in ${last}, against ${before} in the ${span} before.`;
}

// The busiest of the months shown.
function busiest(months, values) {
  const max = Math.max(...values.map((v) => (hidden(v) ? -1 : v)));
  return `${monthName(months[values.indexOf(max)])} (${max})`;
}

function say(id, text) {
  document.getElementById(id).textContent = text;
}

// A month's sum of figures one of which is withheld: withheld too.
const NOT_SHOWN_CELL = { suppressed: true };

// Whether a sentence may use the figures: none of them withheld.
const allShown = (...xs) => !anyHidden(xs.flat());

function renderCasework(r, between) {
  const months = r.months.map((m) => m.month);
  const labels = months.map(monthShort);
  const refs = r.months.map((m) => m.referrals);
  if (!allShown(r.totals.referrals)) say('referrals-trend', `The number of referrals made ${between} is not shown.`);
  else if (!r.totals.referrals) say('referrals-trend', `No referrals were made ${between}.`);
  else {
    const most = allShown(refs) ? `the most in ${busiest(months, refs)}` : `the most of the months shown in ${busiest(months, refs)}`;
    say('referrals-trend', `${plural(r.totals.referrals, 'referral was', 'referrals were')} made ${between}, ${most}.${change(months, refs, 'Referrals', r)}`);
  }
  table('referrals-table', `Referrals made each month, ${between}`, [['Month', (m) => monthName(m.month)], ['Referrals', (m) => count(m.referrals), true]], r.months);
  chart('referrals-chart', 'line', labels, [{ label: 'Referrals made', data: refs.map(point), borderColor: blue, backgroundColor: blue }], { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } });

  const pos = r.totals.rg_positive;
  const neg = r.totals.rg_negative;
  if (!allShown(pos, neg)) say('decisions-trend', `Some of the Reasonable Grounds decisions recorded ${between} are not shown.`);
  else if (!(pos + neg)) say('decisions-trend', `No Reasonable Grounds decisions were recorded ${between}.`);
  else {
    const decided = r.months.map((m) => (hidden(m.rg_positive) || hidden(m.rg_negative) ? NOT_SHOWN_CELL : m.rg_positive + m.rg_negative));
    const trend = change(months, decided, 'Decisions', r);
    say('decisions-trend', `${pos} positive and ${neg} negative ${pos + neg === 1 ? 'decision' : 'decisions'} ${between}: ${pct(pos / (pos + neg))} positive.${trend}`);
  }
  table('decisions-table', `Reasonable Grounds decisions each month, ${between}`, [['Month', (m) => monthName(m.month)],
    ['Positive', (m) => count(m.rg_positive), true], ['Negative', (m) => count(m.rg_negative), true]], r.months);
  chart('decisions-chart', 'bar', labels, [
    { label: 'Positive', data: r.months.map((m) => point(m.rg_positive)), backgroundColor: green },
    { label: 'Negative', data: r.months.map((m) => point(m.rg_negative)), backgroundColor: red }], { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } });

  const { opened, closed } = r.totals;
  const openedMonthly = r.months.map((m) => m.opened);
  if (!allShown(opened, closed)) say('cases-trend', `Some of the numbers of cases opened and closed ${between} are not shown.`);
  else if (!(opened + closed)) say('cases-trend', `No cases were opened or closed ${between}.`);
  else {
    const balance = opened > closed ? ' More cases were opened than closed.' : opened < closed ? ' More cases were closed than opened.' : '';
    const trend = change(months, openedMonthly, 'Cases opened', r);
    say('cases-trend', `${plural(opened, 'case', 'cases')} opened and ${closed} closed ${between}.${balance}${trend}`);
  }
  table('cases-table', `Cases opened and closed each month, ${between}`, [['Month', (m) => monthName(m.month)],
    ['Opened', (m) => count(m.opened), true], ['Closed', (m) => count(m.closed), true]], r.months);
  chart('cases-chart', 'line', labels, [
    { label: 'Opened', data: openedMonthly.map(point), borderColor: blue, backgroundColor: blue },
    { label: 'Closed', data: r.months.map((m) => point(m.closed)), borderColor: orange, backgroundColor: orange }], { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } });
}

// A time in words: hours or days, "Not shown", or none when nothing was allocated.
const time = (v) => (v === null ? 'None allocated' : hidden(v) ? NOT_SHOWN : hours(v));

function renderAllocation(r, between, range) {
  const waits = r.time_to_allocation;
  const known = waits.filter((m) => typeof m.median_hours === 'number');
  const someHidden = waits.some((m) => hidden(m.median_hours));
  const aside = someHidden ? ' Months with fewer cases than the threshold are not shown.' : '';
  if (!known.length) say('wait-trend', someHidden ? `The times to allocation of cases opened ${between} are not shown.` : `No case opened ${between} has been allocated yet.`);
  else if (known.length === 1) say('wait-trend', `The median time to allocation was ${hours(known[0].median_hours)} for cases opened in ${monthName(known[0].month)}.${aside}`);
  else {
    const [a, b] = [known[0], known[known.length - 1]];
    const word = b.median_hours > a.median_hours ? 'longer' : b.median_hours < a.median_hours ? 'shorter' : 'the same';
    say('wait-trend', `The median time to allocation was ${hours(b.median_hours)} for cases opened in ${monthName(b.month)}, ${word === 'the same' ? 'the same as' : `${word} than the ${hours(a.median_hours)}`} for those opened in ${monthName(a.month)}.${aside}`);
  }
  table('wait-table', `Time to first allocation by the month the case was opened, ${between}`, [['Month', (m) => monthName(m.month)], ['Cases allocated', (m) => count(m.cases), true],
    ['Median', (m) => time(m.median_hours), true], ['90th percentile', (m) => time(m.p90_hours), true]], waits);
  chart('wait-chart', 'line', waits.map((m) => monthShort(m.month)), [
    { label: 'Median (hours)', data: waits.map((m) => point(m.median_hours)), borderColor: blue, backgroundColor: blue },
    { label: '90th percentile (hours)', data: waits.map((m) => point(m.p90_hours)), borderColor: orange, backgroundColor: orange }], { scales: { y: { beginAtZero: true } } });

  const leads = r.accredited_leads;
  const alls = leads.map((m) => m.allocations);
  const accs = leads.map((m) => m.accredited);
  if (!allShown(alls, accs)) say('accredited-trend', `Some of the allocations ${between} are not shown, so the share over the whole period is not given.`);
  else {
    const all = sum(alls);
    const acc = sum(accs);
    say('accredited-trend', all
      ? `${acc} of ${plural(all, 'allocation', 'allocations')} ${between} (${pct(acc / all)}) went to accredited, trained leads.${change(leads.map((m) => m.month), alls, 'Allocations', range)}`
      : `No cases were allocated ${between}.`);
  }
  table('accredited-table', `Allocations each month, ${between}`, [['Month', (m) => monthName(m.month)], ['Allocations', (m) => count(m.allocations), true],
    ['To accredited, trained leads', (m) => count(m.accredited), true], ['Share', (m) => (hidden(m.share) ? NOT_SHOWN : m.share === null ? 'None allocated' : pct(m.share)), true]], leads);
  chart('accredited-chart', 'line', leads.map((m) => monthShort(m.month)), [{ label: 'Share to accredited, trained leads (%)', data: leads.map((m) => (typeof m.share === 'number' ? Math.round(m.share * 100) : null)), borderColor: blue, backgroundColor: blue }], { scales: { y: { min: 0, max: 100 } } });

  const overrides = r.overrides;
  const counts = overrides.map((o) => o.count);
  if (!allShown(counts)) {
    say('overrides-trend', `Some of the numbers of allocations that passed a requirement ${between} are not shown.`);
  } else {
    const passed = sum(counts);
    const most = overrides.reduce((a, b) => (b.count > a.count ? b : a), overrides[0]);
    say('overrides-trend', passed
      ? `${plural(passed, 'requirement was', 'requirements were')} passed with a recorded reason ${between}, most often: ${most.label.toLowerCase()}.`
      : `No allocation passed a requirement ${between}.`);
  }
  table('overrides-table', `Allocations that passed a requirement with a recorded reason, ${between}`, [['Requirement', (x) => x.label], ['Overrides', (x) => count(x.count), true]], overrides);
  chart('overrides-chart', 'bar', overrides.map((x) => x.requirement.replace(/_/g, ' ')), [{ label: 'Overrides', data: counts.map(point), backgroundColor: orange }], { indexAxis: 'y' });

  // Training counts staff, not victims: shown as it stands, never withheld.
  const teams = r.training_by_team;
  const valid = sum(teams.map((t) => t.valid));
  const records = valid + sum(teams.map((t) => t.expiring + t.expired));
  say('training-trend', records
    ? `Today ${pct(valid / records)} of training records are in date across ${plural(teams.length, 'team', 'teams')}; this figure does not depend on the dates chosen.`
    : 'No training is recorded yet.');
  table('training-table', 'Each person\'s latest record of each course, today', [['Team', (x) => x.team], ['Valid', (x) => String(x.valid), true],
    ['Expiring within 30 days', (x) => String(x.expiring), true], ['Out of date', (x) => String(x.expired), true], ['Share in date', (x) => pct(x.share_valid), true]], teams);
  chart('training-chart', 'bar', teams.map((x) => x.team), [
    { label: 'Valid', data: teams.map((x) => x.valid), backgroundColor: green },
    { label: 'Expiring within 30 days', data: teams.map((x) => x.expiring), backgroundColor: orange },
    { label: 'Out of date', data: teams.map((x) => x.expired), backgroundColor: red }], { scales: { x: { stacked: true }, y: { stacked: true } } });
}

async function show(range) {
  const q = `from=${range.from}&to=${range.to}`;
  const [cw, al] = await Promise.all([api('GET', `/api/v1/reports/casework?${q}`), api('GET', `/api/v1/reports/allocation?${q}`)]);
  const failed = [cw, al].find((res) => res.status !== 200);
  if (failed) {
    const errs = apiRangeErrors(failed);
    showErrors(errs);
    markDateParts(errs);
    return;
  }
  showErrors([]);
  showThreshold(cw.body.threshold);
  const between = `from ${longDate(cw.body.from)} to ${longDate(cw.body.to)}`;
  renderCasework(cw.body, between);
  renderAllocation(al.body, between, cw.body);
  document.getElementById('casework-csv').href = `/api/v1/reports/casework?format=csv&${q}`;
  for (const a of document.querySelectorAll('a[data-figure]')) a.href = `/api/v1/reports/allocation?format=csv&figure=${a.dataset.figure}&${q}`;
  say('range-shown', `Showing figures ${between}.`);
  document.getElementById('reports-body').hidden = false;
}

if (me) {
  const start = rangeForm(show);
  await loadCharts();
  await show(start);
}
