// The directory of services: those offered now and, for the Commissioner's
// office and administrators who keep it, those no longer offered; each by
// name, kind, provider, whom it serves and how fast it answers, as an MOJ
// sortable table; a filter by kind.
import { SortableTable } from '/vendor/moj-frontend.min.js';
import { api } from '/js/api.js';
import {
  agesWords, capacityWords, el, kindNames, languagesWords, responseWords,
} from '/js/services.js';
import { cell, signedInPage, stackLabels } from '/js/shell.js';

const columns = ['Service', 'Kind', 'Provider', 'Ages', 'Languages', 'Area', 'Answers', 'Places'];

function table(items, caption) {
  const t = el('table', 'govuk-table');
  t.dataset.module = 'moj-sortable-table';
  const cap = el('caption', 'govuk-table__caption govuk-visually-hidden', { textContent: caption });
  const head = el('thead', 'govuk-table__head');
  const hr = el('tr', 'govuk-table__row');
  for (const c of columns) {
    const th = el('th', 'govuk-table__header', { scope: 'col', textContent: c });
    th.setAttribute('aria-sort', c === 'Service' ? 'ascending' : 'none');
    hr.append(th);
  }
  head.append(hr);
  const body = el('tbody', 'govuk-table__body');
  for (const s of items) {
    const tr = el('tr', 'govuk-table__row');
    cell(tr, s.name, { href: `/service?id=${encodeURIComponent(s.id)}` });
    cell(tr, kindNames[s.kind] || s.kind);
    cell(tr, s.provider_organisation || 'Not named');
    cell(tr, agesWords(s.ages), { sortValue: s.ages ? s.ages.min : 0 });
    cell(tr, languagesWords(s.languages));
    cell(tr, s.area || 'Not recorded');
    cell(tr, responseWords(s.response_hours), { sortValue: s.response_hours });
    cell(tr, capacityWords(s.capacity), { sortValue: s.capacity ?? 100000 });
    body.append(tr);
  }
  t.append(cap, head, body);
  stackLabels(t);
  return t;
}

const me = await signedInPage();
if (me) {
  const here = new URLSearchParams(window.location.search);
  const kind = here.get('kind') || '';
  const select = document.getElementById('kind');
  for (const [value, label] of Object.entries(kindNames)) select.append(new Option(label, value, false, value === kind));
  const keeps = me.may.includes('service:write');
  document.getElementById('add').hidden = !keeps;
  if (keeps) document.getElementById('intro').textContent = 'The services the Commissioner and the force commission to support victims. Officers choose from those offered now when they refer a victim. Add a service, or change one from its page.';
  const q = (active) => {
    const p = new URLSearchParams({ active });
    if (kind) p.set('kind', kind);
    return api('GET', `/api/v1/services?${p}`);
  };
  const [now, before] = await Promise.all([q('true'), keeps ? q('false') : Promise.resolve(null)]);
  const count = document.getElementById('count');
  if (now.status !== 200) {
    count.textContent = 'The directory could not be loaded. Try again.';
  } else {
    const active = now.body.items;
    const inactive = before && before.status === 200 ? before.body.items : [];
    const what = kind ? ` of ${kindNames[kind].toLowerCase()}` : '';
    count.textContent = active.length
      ? `${active.length === 1 ? '1 service' : `${active.length} services`}${what} offered now${inactive.length ? `, ${inactive.length} no longer offered` : ''}.`
      : `No service${what} is offered now.`;
    for (const [list, id, caption] of [[active, 'active', 'Services offered now'], [inactive, 'inactive', 'Services no longer offered']]) {
      if (!list.length) continue;
      const t = table(list, caption);
      document.getElementById(`${id}-table`).append(t);
      new SortableTable(t); // eslint-disable-line no-new
      document.getElementById(`${id}-list`).hidden = false;
    }
    document.getElementById('active-heading').hidden = !inactive.length;
  }
}
