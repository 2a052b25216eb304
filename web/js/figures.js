// What the pages of figures share (the reports and the outcomes
// dashboard): months in words, the range of dates as GOV.UK date inputs
// checked field by field and kept in the address, tables (each figure's
// accessible form, with a caption) and charts (Chart.js, loaded as
// /vendor/chart.umd.js; the tables carry every figure without it).
import { showErrors } from '/js/api.js';
import { stackLabels } from '/js/shell.js';
import { addFields, readField, writeField } from '/js/form.js';

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const monthName = (m) => `${MONTHS[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;
export const monthShort = (m) => `${MONTHS[Number(m.slice(5, 7)) - 1].slice(0, 3)} ${m.slice(0, 4)}`;
export const blue = '#1d70b8';
export const orange = '#f47738';
export const red = '#d4351c';
export const green = '#00703c';

// A figure the disclosure control withheld comes as {suppressed: true}:
// it reads "Not shown", a chart leaves a gap for it, and the details
// partial (disclosure-details) says why, with the threshold set by
// showThreshold. Zero is a number and reads 0.
export const NOT_SHOWN = 'Not shown';
export const hidden = (v) => Boolean(v && typeof v === 'object' && v.suppressed);
// A figure in words: its number, or "Not shown".
export const count = (v) => (hidden(v) ? NOT_SHOWN : String(v));
// A chart's point: the number, or a gap.
export const point = (v) => (hidden(v) || v === null || v === undefined ? null : v);
// Whether any of the figures is withheld.
export const anyHidden = (xs) => xs.some(hidden);
// The threshold in the details that say why a figure is not shown.
export function showThreshold(threshold) {
  const words = document.getElementById('threshold-words');
  if (words && threshold) words.textContent = String(threshold);
}

export const fields = [
  { id: 'from', label: 'From', kind: 'date', hint: 'The first day counted, for example 1 4 2025' },
  { id: 'to', label: 'To', kind: 'date', hint: 'The last day counted, for example 31 3 2026' },
];

// The last twelve months with this one, as the API counts them by default.
export function defaultRange() {
  const today = new Date().toISOString().slice(0, 10);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 11;
  const first = m < 1 ? `${y - 1}-${String(m + 12).padStart(2, '0')}-01` : `${y}-${String(m).padStart(2, '0')}-01`;
  return { from: first, to: today };
}

// What is wrong with the range as entered, field by field.
export function rangeErrors({ from, to }) {
  const errs = [];
  for (const [id, v, name] of [['from', from, 'From'], ['to', to, 'To']]) {
    if (!v) errs.push({ field: id, message: `Enter the ${id === 'from' ? 'first' : 'last'} day to count, in ${name}` });
    else if (v === 'invalid') errs.push({ field: id, message: `${name} must be a real date, for example ${id === 'from' ? '1 4 2025' : '31 3 2026'}` });
  }
  if (errs.length) return errs;
  if (from > to) return [{ field: 'from', message: 'From must be the same as or before To' }];
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
  if (months >= 120) return [{ field: 'from', message: 'From must be no more than ten years before To' }];
  return [];
}

// The API's refusal of the range (400, naming the parameter) in words.
export function apiRangeErrors(res) {
  const errs = (res.body && res.body.errors) || [];
  if (res.status !== 400 || !errs.length) {
    return [{ field: null, message: res.status === 403 ? 'The figures are for supervisors, analysts and the OPCC.' : 'The figures could not be shown just now. Try again.' }];
  }
  return errs.map((e) => {
    const f = fields.find((x) => x.id === e.field);
    return { field: f ? f.id : null, message: `${f ? f.label : e.field} ${e.message}` };
  });
}

// Marks every part of a date in error, as GOV.UK date inputs do.
export function markDateParts(errs) {
  for (const e of errs) {
    if (!e.field) continue;
    for (const part of ['', '-month', '-year']) document.getElementById(`${e.field}${part}`).classList.add('govuk-input--error');
  }
}

export function table(id, caption, columns, rows) {
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
      const c = document.createElement(i ? 'td' : 'th');
      if (!i) c.scope = 'row';
      c.className = `${i ? 'govuk-table__cell' : 'govuk-table__header'}${numeric ? ' govuk-table__cell--numeric' : ''}`;
      c.textContent = get(r);
      tr.append(c);
    });
    body.append(tr);
  }
  if (!rows.length) {
    const tr = Object.assign(document.createElement('tr'), { className: 'govuk-table__row' });
    tr.append(Object.assign(document.createElement('td'), { className: 'govuk-table__cell', colSpan: columns.length, textContent: 'Nothing to count yet' }));
    body.append(tr);
  }
  t.append(cap, head, body);
  if (columns.length > 3) stackLabels(t); // a row a block on a phone
}

const charts = new Map();
export function chart(id, type, labels, datasets, options = {}) {
  if (!window.Chart) return; // the tables carry every figure
  if (charts.has(id)) charts.get(id).destroy();
  charts.set(id, new window.Chart(document.getElementById(id), {
    type,
    data: { labels, datasets },
    options: { responsive: true, maintainAspectRatio: false, animation: false, ...options },
  }));
}

// Chart.js is a classic script that sets window.Chart.
export function loadCharts() {
  return new Promise((resolve) => {
    const script = Object.assign(document.createElement('script'), { src: '/vendor/chart.umd.js' });
    script.addEventListener('load', resolve);
    script.addEventListener('error', resolve); // the tables still show every figure
    document.head.append(script);
  });
}

// Sets up the range form: the range in the address if any, else the last
// twelve months; show(range) is called with each range asked, once it is
// one, and the address then names it. Returns the range to show first.
export function rangeForm(show) {
  const form = document.getElementById('range-form');
  addFields(document.getElementById('range-fields'), fields);
  const asked = new URLSearchParams(window.location.search);
  const start = { ...defaultRange() };
  for (const f of fields) if (/^\d{4}-\d{2}-\d{2}$/.test(asked.get(f.id) || '')) start[f.id] = asked.get(f.id);
  fields.forEach((f) => writeField(f, start[f.id]));
  form.hidden = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const range = Object.fromEntries(fields.map((f) => [f.id, readField(f)]));
    const errs = rangeErrors(range);
    if (errs.length) {
      showErrors(errs);
      markDateParts(errs);
      return;
    }
    window.history.replaceState(null, '', `?from=${range.from}&to=${range.to}`);
    await show(range);
  });
  return start;
}
