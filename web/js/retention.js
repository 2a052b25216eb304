// A case's retention, for a records manager: its group and next review,
// its legal holds (placed and lifted here), its people's records and the
// reviews made, with what a review needs and nothing of the case's content.
import { api, showProblem } from '/js/api.js';
import { cell, emptyRow, longDate, roleNames, signedInPage, stackLabels, statusNames, summaryList, tag, typeNames } from '/js/shell.js';
import { dueNodes, el, groupName, holdName, link, personName } from '/js/records.js';

const me = await signedInPage();
const caseId = new URLSearchParams(window.location.search).get('case') || '';

const decisionNames = { retain: 'Retained', dispose: 'Disposed of' };
const who = (x) => (x && typeof x === 'object' ? x.name : x) || '';

function holdRow(h, r, mayLift) {
  const tr = el('tr', 'govuk-table__row');
  const kind = cell(tr, holdName(h));
  if (h.automatic) kind.append(' ', tag('Automatic', 'grey'));
  cell(tr, h.reason || '');
  cell(tr, h.owner || (h.automatic ? 'Waymark' : ''));
  cell(tr, longDate(h.placed_on || h.placed_at));
  const act = cell(tr, '');
  if (mayLift && !h.automatic) {
    act.append(link('Lift', `/lift-hold?id=${encodeURIComponent(h.id)}&case=${encodeURIComponent(r.case_id || caseId)}&version=${encodeURIComponent(h.version ?? 1)}`,
      `the ${holdName(h).toLowerCase()} hold`));
  }
  return tr;
}

function personRow(p) {
  const tr = el('tr', 'govuk-table__row');
  const name = cell(tr, personName(p));
  if (me.may.includes('subject_request:write') && p.person_id) {
    name.append(el('br'), link('Open a subject request', `/new-subject-request?person=${encodeURIComponent(p.person_id)}&case=${encodeURIComponent(caseId)}`, `for ${personName(p)}`));
  }
  cell(tr, roleNames[p.part] || roleNames[p.role] || p.part || '');
  const g = cell(tr, groupName(p.group, p.group_name));
  if (p.follows_case) g.append(el('br'), el('span', 'govuk-body-s', { textContent: 'Follows the case' }));
  else if (p.reason) g.append(el('br'), el('span', 'govuk-body-s', { textContent: `Reason: ${p.reason}` }));
  if (me.may.includes('retention:write') && p.person_id) {
    g.append(el('br'), link('Change', `/retention-group?case=${encodeURIComponent(caseId)}&person=${encodeURIComponent(p.person_id)}`, `the retention group of ${personName(p)}`));
  }
  cell(tr, '').append(...(p.next_review_on ? dueNodes(p.next_review_on) : ['Not set']));
  return tr;
}

function reviewItem(v) {
  const item = el('div', 'moj-timeline__item');
  const header = el('div', 'moj-timeline__header');
  header.append(el('h3', 'moj-timeline__title', { textContent: decisionNames[v.decision] || v.decision }), ' ',
    el('p', 'moj-timeline__byline', { textContent: who(v.decided_by) ? `by ${who(v.decided_by)}` : '' }));
  const date = el('p', 'moj-timeline__date', { textContent: longDate(v.decided_at || v.created_at || v.decided_on) });
  const desc = el('div', 'moj-timeline__description');
  desc.append(el('p', 'govuk-body', { textContent: v.reason || '' }));
  if (v.next_review_on) desc.append(el('p', 'govuk-body', { textContent: `Next review by ${longDate(v.next_review_on)}.` }));
  item.append(header, date, desc);
  return item;
}

if (me) {
  const res = await api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/retention`);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    const r = res.body;
    document.title = `Retention and review: ${r.reference} – Waymark`;
    document.getElementById('reference').textContent = r.reference;
    const types = (r.exploitation_types || []).map((t) => typeNames[t] || t).join(', ');
    const group = el('span', '', { textContent: groupName(r.group, r.group_name) });
    if (r.reason) group.append(el('br'), el('span', 'govuk-body-s', { textContent: `Reason: ${r.reason}` }));
    if (me.may.includes('retention:write')) {
      group.append(el('br'), link('Change the group', `/retention-group?case=${encodeURIComponent(caseId)}`, 'of the case'));
    }
    const next = el('span');
    next.append(...(r.next_review_on ? dueNodes(r.next_review_on) : ['Not set']));
    summaryList(document.getElementById('case-summary'), [
      ['Reference', r.reference],
      ['Status', statusNames[r.status] || r.status],
      ['Exploitation', types],
      ['Opened', longDate(r.opened_on)],
      ['Closed', r.closed_on ? longDate(r.closed_on) : 'Still open'],
      ['Retention group', group],
      ['Next review', next],
    ]);
    const mayWrite = me.may.includes('retention:write');
    const mayDecide = me.may.includes('retention:decide');
    const holds = (r.holds || []).filter((h) => !h.lifted_at);
    const lifted = r.lifted_holds || [];
    document.getElementById('held').hidden = !(r.held || holds.length);
    const hb = document.getElementById('holds-body');
    hb.replaceChildren(...holds.map((h) => holdRow(h, r, mayWrite)));
    document.getElementById('holds').hidden = !holds.length;
    document.getElementById('holds-none').hidden = holds.length > 0;
    stackLabels(document.getElementById('holds-table'));
    hb.querySelectorAll('td:last-child').forEach((td) => { if (!td.textContent) delete td.dataset.label; });
    document.getElementById('lifted-list').replaceChildren(...lifted.map((h) => el('li', '', {
      textContent: `${holdName(h)} (${h.reason}; owner ${h.owner}): placed ${longDate(h.placed_on || h.placed_at)}, lifted ${longDate(h.lifted_at)}. ${h.lift_reason || ''}`.trim(),
    })));
    document.getElementById('lifted').hidden = !lifted.length;
    const pb = document.getElementById('people-body');
    pb.replaceChildren(...(r.people || []).map(personRow));
    if (!(r.people || []).length) emptyRow(pb, 'Nobody is recorded in this case.', 4);
    stackLabels(document.getElementById('people-table'));
    const reviews = r.reviews || [];
    document.getElementById('reviews').replaceChildren(...reviews.map(reviewItem));
    document.getElementById('reviews-none').hidden = reviews.length > 0;
    const review = document.getElementById('record-review');
    review.href = `/record-review?case=${encodeURIComponent(caseId)}`;
    review.hidden = !mayDecide;
    const hold = document.getElementById('place-hold');
    hold.href = `/place-hold?case=${encodeURIComponent(caseId)}`;
    hold.hidden = !mayWrite;
    document.getElementById('retention-body').hidden = false;
  }
}
