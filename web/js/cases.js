import { api } from '/js/api.js';
import { cell, signedInPage, statusNames, tag, typeNames } from '/js/shell.js';
import { SortableTable } from '/vendor/moj-frontend.min.js';

const me = await signedInPage();
const body = document.getElementById('cases-body');
const more = document.getElementById('more');
let cursor = null;
let shown = 0;

function query() {
  const p = new URLSearchParams();
  for (const id of ['q', 'status', 'type']) {
    const v = document.getElementById(id).value.trim();
    if (v) p.set(id, v);
  }
  if (cursor) p.set('cursor', cursor);
  return p;
}

async function load(reset) {
  if (reset) {
    cursor = null;
    shown = 0;
    body.replaceChildren();
  }
  const res = await api('GET', `/api/v1/cases?${query()}`);
  if (res.status !== 200) {
    document.getElementById('count').textContent = 'The cases could not be loaded. Try again.';
    return;
  }
  for (const c of res.body.items) {
    const row = document.createElement('tr');
    row.className = 'govuk-table__row';
    cell(row, c.reference, { href: `/case?id=${encodeURIComponent(c.id)}`, header: false });
    cell(row, c.title);
    cell(row, '').append(tag(statusNames[c.status] || c.status, c.status === 'closed' ? 'grey' : 'blue'));
    cell(row, c.exploitation_types.map((t) => typeNames[t] || t).join(', ') + (c.county_lines ? ' (county lines)' : ''));
    if (c.lead_name) {
      cell(row, c.lead_name);
    } else if (c.status === 'closed') {
      cell(row, 'None');
    } else {
      const waited = Math.floor((Date.now() - Date.parse(c.created_at)) / 86400000);
      cell(row, '', { sortValue: String(-waited) }).append(tag('Not allocated', 'red'), ` ${waited} day${waited === 1 ? '' : 's'}`);
    }
    cell(row, c.updated_at.slice(0, 10), { sortValue: c.updated_at });
    body.append(row);
  }
  shown += res.body.items.length;
  cursor = res.body.next_cursor || null;
  more.hidden = !cursor;
  document.getElementById('count').textContent = `${shown} case${shown === 1 ? '' : 's'} shown${cursor ? ', more to come' : ''}`;
}

if (me) {
  if (me.may.includes('case:write')) document.getElementById('new-case').hidden = false;
  const params = new URLSearchParams(window.location.search);
  for (const id of ['q', 'status', 'type']) if (params.get(id)) document.getElementById(id).value = params.get(id);
  new SortableTable(document.getElementById('cases-table'));
  document.getElementById('filter').addEventListener('submit', (e) => {
    e.preventDefault();
    const p = query();
    p.delete('cursor');
    window.history.replaceState(null, '', `/cases?${p}`);
    load(true);
  });
  more.addEventListener('click', (e) => {
    e.preventDefault();
    load(false);
  });
  await load(true);
}
