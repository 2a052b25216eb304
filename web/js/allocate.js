// Allocating a lead investigator, as GOV.UK steps on one page:
//   /allocate?case=ID                         every candidate (up to 50), best placed first;
//   /allocate?case=ID&user=UID&step=reason    why allocate them anyway, for someone who fails a requirement;
//   /allocate?case=ID&user=UID                "Check your answers", then "Confirm and allocate".
// The reason stays in this tab's session storage until the allocation is
// made, never in the address. Afterwards the case page says who leads it.
import { api, showErrors, showProblem } from '/js/api.js';
import { allocateHref, candidatesTable, needsText, requirementsTag, whyBlock } from '/js/candidates.js';
import { finish, longDate, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const here = new URLSearchParams(window.location.search);
const caseId = here.get('case') || '';
const userId = here.get('user') || '';
const step = here.get('step') || '';
const caseHref = `/case?id=${encodeURIComponent(caseId)}`;
const reasonKey = `waymark-override:${caseId}:${userId}`;

function el(tagName, className, props = {}) {
  return Object.assign(document.createElement(tagName), className ? { className } : {}, props);
}

function show(id, title) {
  if (title) document.title = `${title} – Waymark`;
  document.getElementById(id).hidden = false;
  document.getElementById('back-wrap').hidden = false;
}

function showList(kase, items, total) {
  document.getElementById('current').textContent = kase.lead
    ? `Led now by ${kase.lead.user.name}, allocated ${longDate(kase.lead.allocated_at)}.`
    : 'No one leads this case yet.';
  document.getElementById('needs').textContent = needsText(items.needs);
  const caption = `Candidates, best placed first (${items.items.length} of ${total})`;
  document.getElementById('candidates').append(candidatesTable(caseId, items.items, caption, { leadId: kase.lead?.user.id }));
  show('choose-step');
}

function showReason(candidate, message) {
  document.getElementById('reason-who').textContent = candidate.name;
  document.getElementById('reason-question').textContent = `Why allocate ${candidate.name} anyway?`;
  document.getElementById('reason-fails').replaceChildren(...candidate.failed_requirements_text.map((t) => el('li', '', { textContent: t })));
  document.getElementById('reason-cancel').href = allocateHref(caseId);
  const box = document.getElementById('override_reason');
  box.value = sessionStorage.getItem(reasonKey) || '';
  if (message) showErrors([{ field: 'override_reason', message }]);
  document.getElementById('reason-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const reason = box.value.trim();
    if (!reason) {
      showErrors([{ field: 'override_reason', message: `Say why you are allocating ${candidate.name} anyway` }]);
      return;
    }
    sessionStorage.setItem(reasonKey, reason);
    window.location.assign(allocateHref(caseId, userId));
  });
  show('reason-step', `Why allocate ${candidate.name} anyway?`);
}

// One row of a summary list, with a Change link when change is an address.
function row(dl, key, value, change, changeWhat) {
  const div = el('div', `govuk-summary-list__row${change ? '' : ' govuk-summary-list__row--no-actions'}`);
  const dd = el('dd', 'govuk-summary-list__value');
  if (value instanceof Node) dd.append(value);
  else dd.textContent = value;
  div.append(el('dt', 'govuk-summary-list__key', { textContent: key }), dd);
  if (change) {
    const actions = el('dd', 'govuk-summary-list__actions');
    const a = el('a', 'govuk-link', { href: change, textContent: 'Change' });
    a.append(el('span', 'govuk-visually-hidden', { textContent: ` ${changeWhat}` }));
    actions.append(a);
    div.append(actions);
  }
  dl.append(div);
}

async function confirm(kase, candidate, reason, button) {
  button.disabled = true;
  const body = { user_id: candidate.user_id };
  if (reason) body.override_reason = reason;
  const res = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/allocation`, body);
  button.disabled = false;
  if (res.status === 201) {
    sessionStorage.removeItem(reasonKey);
    finish(caseHref, `${candidate.name} now leads ${kase.reference}`, `What happens next: the case's tasks now show on their worklist as theirs, and the case is in their cases under ‘I lead’.${reason ? ' The override and your reason are recorded with the allocation.' : ''}`);
    return;
  }
  let message = 'The case could not be allocated just now. Try again.';
  if (res.status === 409) message = `${candidate.name} already leads this case.`;
  else if (res.status === 422) message = `${candidate.name} no longer meets every requirement. Choose someone else, or change the answers to give a reason to override it.`;
  else if (res.status === 403 || res.status === 404) message = 'You can no longer allocate this case.';
  showErrors([{ field: null, message }]);
}

function showCheck(kase, candidate) {
  const reason = candidate.meets_requirements ? '' : sessionStorage.getItem(reasonKey) || '';
  if (!candidate.meets_requirements && !reason) {
    window.location.replace(allocateHref(caseId, userId, 'reason'));
    return;
  }
  const dl = document.getElementById('check-list');
  row(dl, 'Case', `${kase.reference}: ${kase.title}`);
  if (kase.lead) row(dl, 'Led now by', kase.lead.user.name);
  row(dl, 'Lead investigator', `${candidate.name}${candidate.team ? `, ${candidate.team}` : ''}`, allocateHref(caseId), 'lead investigator');
  const met = el('div');
  met.append(requirementsTag(candidate));
  if (candidate.meets_requirements) {
    met.append(el('p', 'govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0', { textContent: 'Meets every requirement to lead.' }));
  } else {
    met.append(el('p', 'govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-1', { textContent: 'Overridden:' }));
    const ul = el('ul', 'govuk-list govuk-list--bullet govuk-!-margin-bottom-0');
    for (const t of candidate.failed_requirements_text) ul.append(el('li', '', { textContent: t }));
    met.append(ul);
  }
  row(dl, 'Requirements', met);
  if (!candidate.meets_requirements) row(dl, 'Reason for the override', reason, allocateHref(caseId, userId, 'reason'), 'reason for the override');
  row(dl, 'Why them', whyBlock(candidate));
  document.getElementById('check-next').textContent = `${candidate.name} will lead ${kase.reference}${kase.lead ? ` in place of ${kase.lead.user.name}` : ''}. The case's tasks will show on their worklist as theirs.`;
  const button = document.getElementById('confirm');
  button.addEventListener('click', () => confirm(kase, candidate, reason, button));
  show('check-step', 'Check your answers before allocating the case');
}

if (me) {
  document.getElementById('back').href = caseHref;
  const [kase, res] = await Promise.all([
    api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`),
    api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/allocation-candidates?limit=${userId ? 500 : 50}`),
  ]);
  if (kase.status !== 200 || res.status !== 200) {
    await showProblem(kase.status !== 200 ? kase.status : res.status);
  } else {
    document.getElementById('who').textContent = `${kase.body.reference}: ${kase.body.title}`;
    const candidate = userId ? res.body.items.find((c) => c.user_id === userId) : null;
    if (!userId) {
      showList(kase.body, res.body, res.body.total);
    } else if (!candidate || kase.body.lead?.user.id === userId) {
      showErrors([{ field: null, message: candidate ? `${candidate.name} already leads this case. Choose someone else.` : 'They cannot lead this case. Choose someone else.' }]);
      showList(kase.body, res.body, res.body.total);
    } else if (step === 'reason' && !candidate.meets_requirements) {
      showReason(candidate);
    } else {
      showCheck(kase.body, candidate);
    }
  }
}
