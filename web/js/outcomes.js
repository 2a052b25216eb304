// The Commissioner's dashboard: what became of the victims a force
// identified, over a range of dates (the last twelve months unless asked).
// A summary card per figure gives the period and the one before it; each
// figure's months come as a chart with a table under it (the table is the
// accessible source of truth). A figure the disclosure control withheld
// ({suppressed: true}) reads "Not shown", a chart leaves a gap for it, and
// the details at the top say why. The range lives in the address.
import { api, showErrors } from '/js/api.js';
import { signedInPage, longDate } from '/js/shell.js';
import {
  NOT_SHOWN, apiRangeErrors, blue, chart, count, hidden, loadCharts, markDateParts, monthName, monthShort, orange, point, rangeForm, showThreshold, table,
} from '/js/figures.js';

const me = await signedInPage();

// What each figure counts, in words: a count names its unit; a share its
// part and its whole.
const FIGURES = {
  potential_victims: { title: 'Potential victims identified', unit: 'Victims' },
  nrm_referrals: { title: 'National Referral Mechanism referrals made', unit: 'Referrals' },
  duty_to_notify: { title: 'Duty to Notify reports made', unit: 'Reports' },
  rg_within_5_working_days: { title: 'Reasonable Grounds decisions within 5 working days', part: 'Within 5 working days', whole: 'Decisions made' },
  victims_code_updates_on_time: { title: 'Victims\' Code updates given on time', part: 'On time', whole: 'Updates due' },
  named_contact: { title: 'Victims with a named contact', part: 'With a named contact', whole: 'Victims identified' },
  victim_strategy: { title: 'Victims with a victim strategy', part: 'With a strategy', whole: 'Victims identified' },
  s45_before_charge: { title: 'Charging decisions made after an s45 assessment', part: 'After an assessment', whole: 'Decisions on suspects who are potential victims' },
  service_referrals_answered_in_time: { title: 'Service referrals answered within their target', part: 'Within the target', whole: 'Answered or past the target' },
  go_bags_issued: { title: 'Go bags issued', unit: 'Bags' },
  allocated_to_accredited_leads: { title: 'Cases allocated to PIP2-accredited, trained officers', part: 'To accredited, trained officers', whole: 'Allocations' },
};

const OUTCOMES = [['support_completed', 'Support completed'], ['victim_declined', 'Victim declined'], ['lost_contact', 'Lost contact'], ['moved_away', 'Moved away'], ['other', 'Other']];

// A share in words: "3 of 6 (50%)", or as much of it as is shown.
function share(s) {
  if (hidden(s.part)) return hidden(s.whole) ? NOT_SHOWN : `${NOT_SHOWN}, out of ${s.whole}`;
  if (s.whole === 0) return 'None to count';
  return `${s.part} of ${s.whole} (${s.percent}%)`;
}
const percent = (s) => (hidden(s.percent) ? NOT_SHOWN : s.percent === null ? 'None to count' : `${s.percent}%`);
const value = (f, s) => (f.kind === 'share' ? share(s) : count(s.count));
const mean = (v) => (hidden(v) ? NOT_SHOWN : v.toFixed(1));

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

// A GOV.UK summary card: the figure's title, then this period and the one
// before it.
function card(title, rows) {
  const c = el('div', 'govuk-summary-card');
  const head = el('div', 'govuk-summary-card__title-wrapper');
  head.append(el('h3', 'govuk-summary-card__title', title));
  const list = el('dl', 'govuk-summary-list');
  for (const [key, text] of rows) {
    const row = el('div', 'govuk-summary-list__row');
    row.append(el('dt', 'govuk-summary-list__key', key), el('dd', 'govuk-summary-list__value', text));
    list.append(row);
  }
  const content = el('div', 'govuk-summary-card__content');
  content.append(list);
  c.append(head, content);
  return c;
}

// The cards two to a row from desktop widths, one to a row on a phone.
function renderCards(r) {
  const cards = document.getElementById('cards');
  cards.replaceChildren();
  const add = (id, c) => {
    c.id = `card-${id}`;
    const col = el('div', 'govuk-grid-column-one-half-from-desktop');
    col.append(c);
    cards.append(col);
  };
  for (const f of r.figures) {
    const words = FIGURES[f.id];
    if (words) add(f.id, card(words.title, [['This period', value(f, f)], ['Previous period', value(f, f.previous)]]));
  }
  add('go_bag_stock', card('Go bags in stock', [['Today', count(r.go_bag_stock.count)]]));
}

function renderTrends(r) {
  const trends = document.getElementById('trends');
  trends.replaceChildren();
  const labels = r.months.map(monthShort);
  for (const f of r.figures) {
    const words = FIGURES[f.id];
    if (!words) continue;
    const section = el('section', 'waymark-figure');
    section.setAttribute('aria-labelledby', `trend-${f.id}-title`);
    const h = el('h3', 'govuk-heading-m', words.title);
    h.id = `trend-${f.id}-title`;
    const box = el('div', 'waymark-chart');
    const canvas = document.createElement('canvas');
    canvas.id = `trend-${f.id}-chart`;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `${f.kind === 'share' ? 'Line chart of the percentage' : 'Bar chart of the number'} each month: ${words.title.toLowerCase()}. Months not shown are gaps; the same figures are in the table below.`);
    box.append(canvas);
    const t = el('table', 'govuk-table');
    t.id = `trend-${f.id}-table`;
    section.append(h, box, t);
    trends.append(section);
    const caption = `${words.title}, each month from ${monthName(r.months[0])} to ${monthName(r.months[r.months.length - 1])}`;
    if (f.kind === 'share') {
      table(t.id, caption, [['Month', (m) => monthName(m.month)], [words.part, (m) => count(m.part), true], [words.whole, (m) => count(m.whole), true], ['Percentage', percent, true]], f.trend);
      chart(canvas.id, 'line', labels, [{ label: `${words.part} (%)`, data: f.trend.map((m) => point(m.percent)), borderColor: blue, backgroundColor: blue, spanGaps: false }], { scales: { y: { min: 0, max: 100 } } });
    } else {
      table(t.id, caption, [['Month', (m) => monthName(m.month)], [words.unit, (m) => count(m.count), true]], f.trend);
      chart(canvas.id, 'bar', labels, [{ label: words.unit, data: f.trend.map((m) => point(m.count)), backgroundColor: blue }], { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } });
    }
  }
}

function renderServices(r, between, before) {
  const columns = [['Service', (s) => (s.service ? s.service.name : 'All services')], ...OUTCOMES.map(([k, label]) => [label, (s) => count(s.outcomes[k]), true]), ['Total', (s) => count(s.total), true]];
  for (const [id, t, when] of [['services-table', r.service_outcomes.period, between], ['services-previous-table', r.service_outcomes.previous, before]]) {
    const rows = t.services.length ? [...t.services, { outcomes: t.totals, total: t.total }] : [];
    table(id, `Outcomes of referrals made ${when}`, columns, rows);
  }
}

function renderFeedback(r, between, before) {
  table('feedback-table', `Feedback scores by question, ${between}`, [['Question', (q) => q.text || q.id], ['Answers', (q) => count(q.answered), true],
    ['Mean score', (q) => mean(q.mean), true], [`Mean score, ${before}`, (q) => mean(q.previous.mean), true]], r.feedback);
  const months = r.months.map((m, i) => ({ month: m, i }));
  table('feedback-trend-table', `Mean feedback score each month, from ${monthName(r.months[0])} to ${monthName(r.months[r.months.length - 1])}`,
    [['Month', (m) => monthName(m.month)], ...r.feedback.map((q) => [q.text || q.id, (m) => mean(q.trend[m.i].mean), true])], months);
  const colours = [blue, orange, '#00703c', '#4c2c92', '#d4351c', '#505a5f'];
  chart('feedback-chart', 'line', r.months.map(monthShort), r.feedback.map((q, k) => ({
    label: q.text || q.id, data: q.trend.map((m) => point(m.mean)), borderColor: colours[k % colours.length], backgroundColor: colours[k % colours.length], spanGaps: false,
  })), { scales: { y: { min: 1, max: 5 } } });
}

async function show(range) {
  const q = `from=${range.from}&to=${range.to}`;
  const res = await api('GET', `/api/v1/reports/outcomes?${q}`);
  if (res.status !== 200) {
    const errs = apiRangeErrors(res);
    showErrors(errs);
    markDateParts(errs);
    return;
  }
  showErrors([]);
  const r = res.body;
  const between = `${longDate(r.from)} to ${longDate(r.to)}`;
  const before = `${longDate(r.previous.from)} to ${longDate(r.previous.to)}`;
  showThreshold(r.threshold);
  document.getElementById('range-shown').textContent = `Showing figures from ${between}, beside the previous period from ${before}.`;
  document.getElementById('cards-intro').textContent = `This period is ${between}; the previous period is ${before}, the same number of days just before it. Go bags in stock are as they stand today, ${longDate(r.go_bag_stock.on)}.`;
  document.getElementById('trend-intro').textContent = `The twelve months from ${monthName(r.months[0])} to ${monthName(r.months[r.months.length - 1])}, the last counted up to ${longDate(r.to)}.`;
  document.getElementById('outcomes-csv').href = `/api/v1/reports/outcomes?format=csv&${q}`;
  document.getElementById('outcomes-body').hidden = false;
  renderCards(r);
  renderTrends(r);
  renderServices(r, between, before);
  renderFeedback(r, between, before);
}

if (me) {
  const start = rangeForm(show);
  await loadCharts();
  await show(start);
}
