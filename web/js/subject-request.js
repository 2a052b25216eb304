// A subject request: whose, what, when due (and any extension), what was
// done, and the tasks left: the bundle for access, a correction, a
// restriction or an erasure, an extension, and closing it.
import { api, showProblem } from '/js/api.js';
import { longDate, longTime, signedInPage, summaryList, tag } from '/js/shell.js';
import { channels, dueNodes, el, labelOf, outcomes, rectifiable, regimes, requestKinds } from '/js/records.js';
import { requestDue, requestPerson } from '/js/records-worklist.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';
const act = (what) => `/request-action?id=${encodeURIComponent(id)}&do=${what}`;

function button(text, href, secondary = true) {
  const a = el('a', `govuk-button${secondary ? ' govuk-button--secondary' : ''}`, { href, textContent: text, role: 'button', draggable: false });
  a.dataset.module = 'govuk-button';
  return a;
}

const decisionNames = {
  opened: 'Request opened',
  extended: 'Deadline extended',
  extension: 'Deadline extended',
  closed: 'Request closed',
  close: 'Request closed',
  rectified: 'Correction recorded',
  rectification: 'Correction recorded',
  restricted: 'Record restricted',
  restriction: 'Record restricted',
  restriction_lifted: 'Restriction lifted',
  unrestricted: 'Restriction lifted',
  erasure: 'Erasure decided',
  erasure_refused: 'Erasure refused',
  erased: 'Record erased',
  bundle_assembled: 'Bundle assembled',
  bundle_released: 'Bundle released',
};

// What a decision's detail says, in words.
function detailLines(kind, x) {
  const lines = [];
  if (kind === 'extended') lines.push(`Due by ${longDate(x.due)} in place of ${longDate(x.from)}.`);
  if (kind === 'closed' && x.outcome) lines.push(`Outcome: ${labelOf(outcomes, x.outcome).toLowerCase()}.`);
  if (kind === 'rectified' && x.field) lines.push(`${labelOf(rectifiable, x.field)} corrected.`);
  if (kind === 'erased' && x.people_disposed !== undefined) lines.push('Their record was disposed of.');
  for (const l of [x.reason, x.note]) if (l) lines.push(l);
  for (const reason of x.reasons || []) lines.push(typeof reason === 'string' ? `${reason[0].toUpperCase()}${reason.slice(1)}.` : '');
  return lines.filter(Boolean);
}

function decisionItem(d) {
  const item = el('div', 'moj-timeline__item');
  const header = el('div', 'moj-timeline__header');
  const by = d.by && typeof d.by === 'object' ? d.by.name : d.by || '';
  header.append(el('h3', 'moj-timeline__title', { textContent: decisionNames[d.kind] || d.kind }), ' ', el('p', 'moj-timeline__byline', { textContent: by ? `by ${by}` : '' }));
  const date = el('p', 'moj-timeline__date', { textContent: d.at ? longTime(d.at) : '' });
  const desc = el('div', 'moj-timeline__description');
  for (const line of detailLines(d.kind, d.detail || {})) desc.append(el('p', 'govuk-body', { textContent: line }));
  item.append(header, date, desc);
  return item;
}

if (me) {
  const res = await api('GET', `/api/v1/subject-requests/${encodeURIComponent(id)}`);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    const r = res.body;
    const name = requestPerson(r);
    const kind = labelOf(requestKinds, r.kind);
    document.title = `${kind} request from ${name} – Waymark`;
    document.getElementById('caption').textContent = name;
    document.getElementById('heading').textContent = `${kind} request`;
    const open = r.status !== 'closed';
    const status = el('span');
    status.append(open ? tag('Open', 'blue') : tag('Closed', 'grey'));
    if (!open && r.outcome) status.append(` ${labelOf(outcomes, r.outcome)}${r.closed_on ? `, ${longDate(r.closed_on)}` : ''}`);
    const due = el('span');
    due.append(...(open ? dueNodes(requestDue(r)) : [longDate(requestDue(r))]));
    const extended = r.extended_due || r.extended_due_on;
    summaryList(document.getElementById('request-summary'), [
      ['Person', name],
      ['Request', kind],
      ['Law', labelOf(regimes, r.regime)],
      ['Received', longDate(r.received_on)],
      ['Identity checked', longDate(r.identity_verified_on)],
      ['How it came', labelOf(channels, r.channel)],
      ['Due by', due],
      ...(extended ? [['Due before it was extended', longDate(r.due || r.due_on)], ['Why it was extended', r.extension_reason]] : []),
      ['Status', status],
    ]);
    // Whether the record is restricted now: the last restriction decided
    // on this request and not lifted since.
    const decisions = r.decisions || [];
    const marks = decisions.filter((d) => ['restricted', 'restriction_lifted'].includes(d.kind));
    const last = marks[marks.length - 1];
    const restricted = last && last.kind === 'restricted' ? { since: last.at, reason: (last.detail || {}).reason } : null;
    if (restricted) {
      document.getElementById('restricted-text').textContent = `Since ${longDate(restricted.since)}: ${restricted.reason || ''}`;
      document.getElementById('restricted').hidden = false;
    }
    const rects = decisions.filter((d) => d.kind === 'rectified');
    document.getElementById('rectifications-list').replaceChildren(...rects.map((x) => el('li', '', {
      textContent: `${labelOf(rectifiable, (x.detail || {}).field)} corrected, ${longDate(x.at)}${(x.detail || {}).note ? `: ${x.detail.note}` : ''}`,
    })));
    document.getElementById('rectifications').hidden = !rects.length;
    document.getElementById('decisions').replaceChildren(...decisions.map(decisionItem));
    document.getElementById('decisions-none').hidden = decisions.length > 0;
    const actions = document.getElementById('actions');
    const mayWrite = me.may.includes('subject_request:write');
    if (r.kind === 'access' && me.may.includes('subject_request:read')) actions.append(button(open ? 'Review the access bundle' : 'The access bundle', `/bundle?request=${encodeURIComponent(id)}`, false));
    if (open && mayWrite) {
      if (r.kind === 'rectification') actions.append(button('Record a correction', act('rectify'), false));
      if (r.kind === 'restriction') actions.append(restricted ? button('Lift the restriction', act('unrestrict'), false) : button('Restrict the record', act('restrict'), false));
      if (r.kind === 'erasure') actions.append(button('Decide the erasure', act('erase'), false));
      if (!extended) actions.append(button('Extend the deadline', act('extend')));
      actions.append(button('Close the request', act('close')));
    }
    document.getElementById('request-body').hidden = false;
  }
}
