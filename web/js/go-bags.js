// Go bags: the stock at each location by kind and cards' language, how many
// were given in the last 30 days and how long the stock lasts at that rate,
// with a warning where it is at or below the location's reorder level; and
// the locations that keep them. Never to whom a bag went. For those who
// work no case (the Commissioner's office) the bags given are figures
// through the disclosure control: a withheld one reads "Not shown", as do
// the days left worked from it, and the details say why.
import { api } from '/js/api.js';
import { NOT_SHOWN, count as figureWords, hidden, showThreshold } from '/js/figures.js';
import { warningText } from '/js/form.js';
import { languageName } from '/js/names.js';
import { bagKindNames, el } from '/js/services.js';
import { cell, signedInPage, stackLabels, tag } from '/js/shell.js';

const low = (s) => Boolean(s.reorder);
const daysWords = (d) => (hidden(d) ? NOT_SHOWN : d === null || d === undefined ? 'None given lately' : `${d} day${d === 1 ? '' : 's'}`);

async function showStock(me) {
  document.getElementById('show-stock').setAttribute('aria-current', 'page');
  document.getElementById('deliver').hidden = !me.may.includes('go_bag:write');
  // From the worklist: one location's stock (?location=ID).
  const location = new URLSearchParams(window.location.search).get('location');
  const res = await api('GET', `/api/v1/go-bags/stock?${new URLSearchParams({ limit: 200, ...(location ? { location } : {}) })}`);
  const count = document.getElementById('stock-count');
  document.getElementById('stock').hidden = false;
  if (res.status !== 200) {
    count.textContent = 'The stock could not be loaded. Try again.';
    return;
  }
  // Those to reorder first, then by location and kind.
  const items = [...res.body.items].sort((a, b) => Number(low(b)) - Number(low(a))
    || (a.location_name || '').localeCompare(b.location_name || '') || a.kind.localeCompare(b.kind));
  const body = document.getElementById('stock-body');
  body.replaceChildren(...items.map((s) => {
    const tr = el('tr', 'govuk-table__row');
    const where = cell(tr, s.location_name || 'A location');
    if (low(s)) where.append(' ', tag(s.stock === 0 ? 'None left' : 'Reorder', 'red'));
    cell(tr, bagKindNames[s.kind] || s.kind);
    cell(tr, languageName(s.language || 'en'));
    cell(tr, String(s.stock), { numeric: true });
    cell(tr, figureWords(s.issued_30_days), { numeric: true });
    cell(tr, daysWords(s.days_left));
    return tr;
  }));
  document.getElementById('not-shown').hidden = !items.some((s) => hidden(s.issued_30_days) || hidden(s.days_left));
  showThreshold(res.body.threshold);
  const n = items.filter(low).length;
  const reorder = document.getElementById('reorder');
  reorder.replaceChildren();
  if (n) {
    reorder.append(warningText(n === 1 ? 'One stock is at or below its reorder level: order more.'
      : `${n} stocks are at or below their reorder level: order more.`));
  }
  count.textContent = items.length ? `${items.length === 1 ? '1 stock' : `${items.length} stocks`}, those to reorder first.` : 'No Go bags have been delivered yet.';
  // One station's stock, as the worklist links to it: says so, and leads back to all.
  if (location && items.length) {
    count.textContent = `${items.length === 1 ? '1 stock' : `${items.length} stocks`} at ${items[0].location_name}, those to reorder first. `;
    count.append(el('a', 'govuk-link', { href: '/go-bags', textContent: 'Show the stock at every location' }));
  }
  document.getElementById('stock-list').hidden = !items.length;
  stackLabels(document.getElementById('stock-table'));
}

async function showLocations(me) {
  document.getElementById('show-locations').setAttribute('aria-current', 'page');
  document.getElementById('heading').textContent = 'Go bag locations';
  document.title = 'Go bag locations – Waymark';
  const keeps = me.may.includes('go_bag:write');
  document.getElementById('add-location').hidden = !keeps;
  const res = await api('GET', '/api/v1/go-bags/locations?limit=200');
  const count = document.getElementById('locations-count');
  document.getElementById('locations').hidden = false;
  if (res.status !== 200) {
    count.textContent = 'The locations could not be loaded. Try again.';
    return;
  }
  const items = [...res.body.items].sort((a, b) => a.name.localeCompare(b.name));
  document.getElementById('locations-body').replaceChildren(...items.map((l) => {
    const tr = el('tr', 'govuk-table__row');
    cell(tr, l.name);
    cell(tr, String(l.reorder_level ?? 0), { numeric: true });
    cell(tr, l.latitude !== null && l.latitude !== undefined ? `${l.latitude}, ${l.longitude}` : 'Not recorded');
    if (keeps) {
      const change = cell(tr, '');
      const a = el('a', 'govuk-link', { href: `/go-bag-location?id=${encodeURIComponent(l.id)}`, textContent: 'Change' });
      a.append(el('span', 'govuk-visually-hidden', { textContent: ` ${l.name}` }));
      change.append(a);
    }
    return tr;
  }));
  // Those who only read have no column of Change links.
  if (!keeps) document.querySelector('#locations-table thead th:last-child').remove();
  count.textContent = items.length ? `${items.length === 1 ? '1 location keeps' : `${items.length} locations keep`} Go bags.` : 'No location keeps Go bags yet.';
  document.getElementById('locations-list').hidden = !items.length;
  stackLabels(document.getElementById('locations-table'));
}

const me = await signedInPage();
if (me) {
  if (new URLSearchParams(window.location.search).get('show') === 'locations') await showLocations(me);
  else await showStock(me);
}
