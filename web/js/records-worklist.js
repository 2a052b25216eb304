// A records manager's worklist: reviews overdue, reviews due within 30
// days, open subject requests by due date, and the cases disposed of, one
// list at a time under MOJ sub navigation (?list= in the page's address).
import { api } from '/js/api.js';
import { cell, emptyRow, longDate, stackLabels, tag } from '/js/shell.js';
import { daysFrom, dueNodes, el, groupName, labelOf, link, personName, requestKinds } from '/js/records.js';

const lists = [
  ['overdue', 'Reviews overdue'],
  ['due', 'Reviews due in 30 days'],
  ['requests', 'Subject requests'],
  ['disposed', 'Disposed of'],
  ['figures', 'Figures'],
];
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthWords = (ym) => `${monthNames[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;

// A request's deadline now: the extended one where it was extended.
export const requestDue = (r) => r.extended_due || r.extended_due_on || r.due || r.due_on;
export const requestPerson = (r) => r.person_name || personName(r.person);

function showLists(counts, current) {
  const ul = document.getElementById('records-lists');
  ul.replaceChildren();
  for (const [key, label] of lists) {
    const p = new URLSearchParams(window.location.search);
    p.set('list', key);
    const li = el('li', 'moj-sub-navigation__item');
    const a = el('a', 'moj-sub-navigation__link', { href: `${window.location.pathname}?${p}`, textContent: counts[key] === undefined ? label : `${label} (${counts[key]})` });
    if (key === current) a.setAttribute('aria-current', 'page');
    li.append(a);
    ul.append(li);
  }
}

function reviewRow(it) {
  const tr = el('tr', 'govuk-table__row');
  const ref = it.reference || 'Case';
  cell(tr, '').append(link(ref, `/retention?case=${encodeURIComponent(it.case_id)}`));
  cell(tr, groupName(it.group, it.group_name));
  const due = cell(tr, '');
  due.append(...dueNodes(it.next_review_on), el('br'), el('span', 'govuk-body-s', { textContent: `(${daysFrom(it.next_review_on)})` }));
  cell(tr, '').append(it.held ? tag('Held', 'orange') : 'None');
  return tr;
}

function requestRow(r, closed) {
  const tr = el('tr', 'govuk-table__row');
  const name = requestPerson(r);
  cell(tr, '').append(link(name, `/subject-request?id=${encodeURIComponent(r.id)}`, `(${labelOf(requestKinds, r.kind).toLowerCase()} request)`));
  cell(tr, labelOf(requestKinds, r.kind));
  cell(tr, longDate(r.received_on));
  const due = cell(tr, '');
  if (closed) {
    due.append(tag('Closed', 'grey'), ` ${longDate(r.closed_on)}`);
    return tr;
  }
  due.append(...dueNodes(requestDue(r)));
  if (r.extended_due || r.extended_due_on) due.append(el('br'), el('span', 'govuk-body-s', { textContent: '(extended)' }));
  return tr;
}

function disposedRow(d) {
  const tr = el('tr', 'govuk-table__row');
  cell(tr, d.reference);
  cell(tr, groupName(d.group, d.group_name));
  cell(tr, longDate(d.disposed_at));
  const who = d.decided_by && typeof d.decided_by === 'object' ? d.decided_by.name : d.decided_by;
  cell(tr, `${who || 'A records manager'}: ${d.reason || ''}`);
  return tr;
}

// Fills the worklist in the page (the partial records-worklist.html).
export async function showRecordsWorklist(me) {
  const current = new URLSearchParams(window.location.search).get('list') || 'overdue';
  const [work, requests] = await Promise.all([
    api('GET', '/api/v1/retention/worklist'),
    me.may.includes('subject_request:read') ? api('GET', '/api/v1/subject-requests?status=open&limit=200') : Promise.resolve(null),
  ]);
  const counts = {};
  if (work.status === 200) {
    counts.overdue = work.body.overdue.length;
    counts.due = work.body.due.length;
  }
  const open = requests && requests.status === 200 ? (requests.body.items || []).filter((r) => r.status !== 'closed') : null;
  if (open) counts.requests = open.length;
  showLists(counts, current);
  document.getElementById('new-request').hidden = !me.may.includes('subject_request:write');
  const count = document.getElementById('records-count');
  document.getElementById('records-worklist').hidden = false;
  if (current === 'overdue' || current === 'due') {
    if (work.status !== 200) {
      count.textContent = 'The reviews could not be loaded. Try again.';
      return;
    }
    const items = work.body[current];
    document.getElementById('records-reviews-caption').textContent = current === 'overdue'
      ? 'Reviews overdue, the longest overdue first' : 'Reviews due in the next 30 days, the soonest first';
    const body = document.getElementById('records-reviews-body');
    body.replaceChildren(...items.map(reviewRow));
    if (!items.length) emptyRow(body, current === 'overdue' ? 'No review is overdue.' : 'No review falls due in the next 30 days.', 4);
    count.textContent = items.length ? `${items.length} case${items.length === 1 ? '' : 's'} to review.` : '';
    stackLabels(document.getElementById('records-reviews-table'));
    document.getElementById('records-reviews').hidden = false;
  } else if (current === 'requests') {
    // The open ones by due date, or (?closed=1) those closed.
    const closed = new URLSearchParams(window.location.search).get('closed') === '1';
    const shown = closed ? await api('GET', '/api/v1/subject-requests?status=closed&limit=200') : null;
    const items = closed ? (shown.status === 200 ? shown.body.items : null) : open;
    if (!items) {
      count.textContent = 'The subject requests could not be loaded. Try again.';
      return;
    }
    const body = document.getElementById('records-requests-body');
    body.replaceChildren(...items.map((r) => requestRow(r, closed)));
    if (!items.length) emptyRow(body, closed ? 'No subject request has been closed yet.' : 'No subject request is open.', 4);
    document.getElementById('records-requests-caption').textContent = closed ? 'Closed subject requests' : 'Open subject requests, the soonest due first';
    if (closed) document.querySelector('#records-requests-table thead th:last-child').textContent = 'Closed';
    count.textContent = items.length ? `${items.length} ${closed ? 'closed' : 'open'} request${items.length === 1 ? '' : 's'}.` : '';
    const other = document.getElementById('records-requests-other');
    const p = new URLSearchParams(window.location.search);
    if (closed) p.delete('closed'); else p.set('closed', '1');
    other.href = `${window.location.pathname}?${p}`;
    other.textContent = closed ? 'Show the open requests' : 'Show the closed requests';
    stackLabels(document.getElementById('records-requests-table'));
    document.getElementById('records-requests').hidden = false;
  } else if (current === 'figures') {
    const res = await api('GET', '/api/v1/reports/retention');
    if (res.status !== 200) {
      count.textContent = 'The figures could not be loaded. Try again.';
      return;
    }
    const f = res.body;
    document.getElementById('records-figures-range').textContent = `Reviews decided from ${monthWords(f.from.slice(0, 7))} to ${monthWords(f.to.slice(0, 7))}; cases as they stand today. The figures count cases; they name no one.`;
    const num = (tr, n) => cell(tr, String(n), { numeric: true });
    document.getElementById('records-figures-groups-body').replaceChildren(...f.by_group.map((g) => {
      const tr = el('tr', 'govuk-table__row');
      cell(tr, groupName(g.group, g.name), { header: true });
      for (const k of ['cases', 'overdue', 'due_within_30_days', 'held', 'retained', 'disposed']) num(tr, g[k]);
      return tr;
    }));
    document.getElementById('records-figures-months-body').replaceChildren(...f.by_month.map((m) => {
      const tr = el('tr', 'govuk-table__row');
      cell(tr, monthWords(m.month), { header: true });
      for (const k of ['reviews_due', 'retained', 'disposed']) num(tr, m[k]);
      return tr;
    }));
    stackLabels(document.getElementById('records-figures-groups'));
    stackLabels(document.getElementById('records-figures-months'));
    document.getElementById('records-figures').hidden = false;
  } else {
    const res = await api('GET', '/api/v1/disposals');
    if (res.status !== 200) {
      count.textContent = 'The cases disposed of could not be loaded. Try again.';
      return;
    }
    const items = res.body.items || [];
    const body = document.getElementById('records-disposed-body');
    body.replaceChildren(...items.map(disposedRow));
    if (!items.length) emptyRow(body, 'No case has been disposed of yet.', 4);
    count.textContent = items.length ? `${items.length} case${items.length === 1 ? '' : 's'} disposed of. Their stubs, the audit trail and anonymised figures are kept.` : '';
    stackLabels(document.getElementById('records-disposed-table'));
    document.getElementById('records-disposed').hidden = false;
  }
}
