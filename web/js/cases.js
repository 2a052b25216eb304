import { api } from '/js/api.js';
import { field } from '/js/form.js';
import { cell, longDate, pagination, serverSortable, signedInPage, stackLabels, statusNames, tag, typeNames } from '/js/shell.js';

// The list is what its address says: filters, sort and page, all done by
// the server over every case the user can see.
const me = await signedInPage(); // first: the names of the types come with it
const fields = ['q', 'show', 'status', 'type'];
const options = (names) => Object.entries(names).map(([value, label]) => ({ value, label }));
const choices = [
  { id: 'show', label: 'Whose', kind: 'select', empty: 'All I can see', options: [{ value: 'mine', label: 'Mine' }, { value: 'leading', label: 'I lead' }, { value: 'unallocated', label: 'Not allocated' }, { value: 'team', label: 'My team\'s' }] },
  { id: 'status', label: 'Status', kind: 'select', empty: 'Any', options: options(statusNames) },
  { id: 'type', label: 'Exploitation', kind: 'select', empty: 'Any', options: options(typeNames) },
];
const limit = 50;

function row(c) {
  const tr = document.createElement('tr');
  tr.className = 'govuk-table__row';
  cell(tr, c.reference, { href: `/case?id=${encodeURIComponent(c.id)}` });
  cell(tr, c.title);
  cell(tr, '').append(tag(statusNames[c.status] || c.status, c.status === 'closed' ? 'grey' : 'blue'));
  cell(tr, c.exploitation_types.map((t) => typeNames[t] || t).join(', ') + (c.county_lines ? ' (county lines)' : ''));
  if (c.lead_name) {
    cell(tr, c.lead_name);
  } else if (c.status === 'closed') {
    cell(tr, 'None');
  } else {
    const waited = Math.floor((Date.now() - Date.parse(c.created_at)) / 86400000);
    cell(tr, '').append(tag('Not allocated', 'red'), ` ${waited} day${waited === 1 ? '' : 's'}`);
  }
  cell(tr, longDate(c.updated_at));
  return tr;
}

async function load() {
  const here = new URLSearchParams(window.location.search);
  const p = new URLSearchParams();
  for (const k of [...fields, 'sort', 'order', 'cursor']) if (here.get(k)) p.set(k, here.get(k));
  p.set('limit', String(limit));
  const res = await api('GET', `/api/v1/cases?${p}`);
  const count = document.getElementById('count');
  if (res.status !== 200) {
    count.textContent = res.status === 400 ? 'Those filters are not valid. Change them and try again.' : 'The cases could not be loaded. Try again.';
    return;
  }
  const body = document.getElementById('cases-body');
  body.replaceChildren(...res.body.items.map(row));
  const shown = pagination(document.getElementById('pages'), res.body, limit);
  const total = res.body.total;
  count.textContent = total ? `${total} case${total === 1 ? '' : 's'}. ${shown}.` : 'No cases match. Change the filters to see more.';
  stackLabels(document.getElementById('cases-table'));
}

if (me) {
  if (me.may.includes('case:write')) document.getElementById('new-case').hidden = false;
  const here = new URLSearchParams(window.location.search);
  const filter = document.getElementById('filter');
  for (const f of choices) {
    const group = field(f);
    group.classList.add('waymark-filter__item');
    filter.insertBefore(group, filter.querySelector('button'));
  }
  for (const id of fields) if (here.get(id)) document.getElementById(id).value = here.get(id);
  // Empty filters stay out of the address.
  document.getElementById('filter').addEventListener('submit', (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const id of fields) {
      const v = document.getElementById(id).value.trim();
      if (v) p.set(id, v);
    }
    for (const k of ['sort', 'order']) if (here.get(k)) p.set(k, here.get(k));
    window.location.assign(`/cases?${p}`);
  });
  serverSortable(document.getElementById('cases-table'), 'updated');
  await load();
}
