// The allocation and training reports: each figure as a chart (Chart.js,
// loaded as /vendor/chart.umd.js) and as a table, with its CSV.
import { api, showErrors } from '/js/api.js';
import { signedInPage } from '/js/shell.js';

const me = await signedInPage();

function table(id, caption, columns, rows) {
  const t = document.getElementById(id);
  t.replaceChildren();
  const cap = Object.assign(document.createElement('caption'), { className: 'govuk-table__caption govuk-table__caption--s', textContent: caption });
  const head = Object.assign(document.createElement('thead'), { className: 'govuk-table__head' });
  const hr = Object.assign(document.createElement('tr'), { className: 'govuk-table__row' });
  for (const [label, , numeric] of columns) {
    hr.append(Object.assign(document.createElement('th'), { scope: 'col', className: `govuk-table__header${numeric ? ' govuk-table__header--numeric' : ''}`, textContent: label }));
  }
  head.append(hr);
  const body = Object.assign(document.createElement('tbody'), { className: 'govuk-table__body' });
  for (const r of rows) {
    const tr = Object.assign(document.createElement('tr'), { className: 'govuk-table__row' });
    columns.forEach(([, get, numeric], i) => {
      tr.append(Object.assign(document.createElement(i ? 'td' : 'th'), {
        scope: i ? undefined : 'row',
        className: `${i ? 'govuk-table__cell' : 'govuk-table__header'}${numeric ? ' govuk-table__cell--numeric' : ''}`,
        textContent: get(r),
      }));
    });
    body.append(tr);
  }
  if (!rows.length) {
    const tr = Object.assign(document.createElement('tr'), { className: 'govuk-table__row' });
    tr.append(Object.assign(document.createElement('td'), { className: 'govuk-table__cell', colSpan: columns.length, textContent: 'Nothing to count yet' }));
    body.append(tr);
  }
  t.append(cap, head, body);
}

function chart(id, type, labels, datasets, options = {}) {
  if (!window.Chart) return; // the tables carry every figure
  // eslint-disable-next-line no-new
  new window.Chart(document.getElementById(id), {
    type,
    data: { labels, datasets },
    options: { responsive: true, maintainAspectRatio: false, animation: false, ...options },
  });
}

// Chart.js is a classic script that sets window.Chart.
function loadCharts() {
  return new Promise((resolve) => {
    const script = Object.assign(document.createElement('script'), { src: '/vendor/chart.umd.js' });
    script.addEventListener('load', resolve);
    script.addEventListener('error', resolve); // the tables still show every figure
    document.head.append(script);
  });
}

const pct = (x) => `${Math.round(x * 100)}%`;
const hours = (x) => (x < 48 ? `${x.toFixed(1)} hours` : `${(x / 24).toFixed(1)} days`);
const blue = '#1d70b8';
const orange = '#f47738';
const red = '#d4351c';
const green = '#00703c';

if (me) {
  const [res] = await Promise.all([api('GET', '/api/v1/reports/allocation'), loadCharts()]);
  if (res.status !== 200) {
    showErrors([{ field: null, message: res.status === 403 ? 'The reports are for supervisors, analysts and the OPCC.' : 'The reports could not be shown just now. Try again.' }]);
  } else {
    const r = res.body;
    table('accredited-table', 'By month of allocation', [['Month', (x) => x.month], ['Allocations', (x) => String(x.allocations), true],
      ['To accredited, trained leads', (x) => String(x.accredited), true], ['Share', (x) => pct(x.share), true]], r.accredited_leads);
    chart('accredited-chart', 'bar', r.accredited_leads.map((x) => x.month), [{ label: 'Share to accredited, trained leads (%)', data: r.accredited_leads.map((x) => Math.round(x.share * 100)), backgroundColor: blue }], { scales: { y: { min: 0, max: 100 } } });
    table('wait-table', 'By month the case was opened', [['Month', (x) => x.month], ['Cases allocated', (x) => String(x.cases), true],
      ['Median', (x) => hours(x.median_hours), true], ['90th percentile', (x) => hours(x.p90_hours), true]], r.time_to_allocation);
    chart('wait-chart', 'line', r.time_to_allocation.map((x) => x.month), [
      { label: 'Median (hours)', data: r.time_to_allocation.map((x) => x.median_hours), borderColor: blue, backgroundColor: blue },
      { label: '90th percentile (hours)', data: r.time_to_allocation.map((x) => x.p90_hours), borderColor: orange, backgroundColor: orange }]);
    table('overrides-table', 'Allocations that passed a requirement with a recorded reason', [['Requirement', (x) => x.label], ['Overrides', (x) => String(x.count), true]], r.overrides);
    chart('overrides-chart', 'bar', r.overrides.map((x) => x.requirement.replace(/_/g, ' ')), [{ label: 'Overrides', data: r.overrides.map((x) => x.count), backgroundColor: orange }], { indexAxis: 'y' });
    table('training-table', 'Each person\'s latest record of each course', [['Team', (x) => x.team], ['Valid', (x) => String(x.valid), true],
      ['Expiring within 30 days', (x) => String(x.expiring), true], ['Out of date', (x) => String(x.expired), true], ['Share in date', (x) => pct(x.share_valid), true]], r.training_by_team);
    chart('training-chart', 'bar', r.training_by_team.map((x) => x.team), [
      { label: 'Valid', data: r.training_by_team.map((x) => x.valid), backgroundColor: green },
      { label: 'Expiring within 30 days', data: r.training_by_team.map((x) => x.expiring), backgroundColor: orange },
      { label: 'Out of date', data: r.training_by_team.map((x) => x.expired), backgroundColor: red }], { scales: { x: { stacked: true }, y: { stacked: true } } });
    document.getElementById('reports-body').hidden = false;
  }
}
