// One NRM referral: its clocks and decisions, reconsideration requests
// (asked only by the First Responder or the support provider) with their
// outcomes, withdrawal, and the prepared summary to print.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, apiErrors, readField } from '/js/form.js';
import { longDate, nrmStatusNames, signedInPage, summaryList } from '/js/shell.js';
import { languageName } from '/js/names.js';
import { personName, showCase } from '/js/subject.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';
const path = `/api/v1/nrm-referrals/${encodeURIComponent(id)}`;
const stageNames = { reasonable_grounds: 'Reasonable Grounds', conclusive_grounds: 'Conclusive Grounds' };
const ask = [
  { id: 'stage', label: 'Which decision?', kind: 'radios', options: [
    { value: 'reasonable_grounds', label: 'Reasonable Grounds' }, { value: 'conclusive_grounds', label: 'Conclusive Grounds' }] },
  { id: 'requested_on', label: 'Date of the request', kind: 'date', hint: 'For example, 27 11 2026.' },
  { id: 'reasons', label: 'Why should it be reconsidered?', kind: 'textarea', hint: 'New evidence, or what the decision did not weigh.' },
];
const withdraw = [
  { id: 'withdrawn_on', label: 'Date withdrawn', kind: 'date', hint: 'For example, 27 11 2026.' },
  { id: 'reason', label: 'Why is it withdrawn?', kind: 'textarea', hint: 'For example, they withdrew their consent.' },
];

function link(text, href, hidden) {
  const a = Object.assign(document.createElement('a'), { className: 'govuk-link govuk-!-margin-right-4', href, textContent: text });
  if (hidden) a.append(Object.assign(document.createElement('span'), { className: 'govuk-visually-hidden', textContent: hidden }));
  return a;
}

function decision(outcome, on) {
  return outcome ? `${outcome === 'positive' ? 'Positive' : 'Negative'}, ${longDate(on)}` : 'Not yet made';
}

// An inline form recording the outcome of an awaited request.
function outcomeForm(q, n) {
  const form = document.createElement('form');
  form.noValidate = true;
  const fields = [
    { id: `outcome-${n}`, label: 'Outcome', kind: 'radios', options: [
      { value: 'upheld', label: 'Upheld: the decision stands' }, { value: 'revised', label: 'Revised: the decision is reversed' }] },
    { id: `outcome_on-${n}`, label: 'Date of the outcome', kind: 'date' },
  ];
  form.append(Object.assign(document.createElement('button'), { type: 'submit', className: 'govuk-button govuk-button--secondary', textContent: 'Record the outcome' }));
  addFields(form, fields);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const outcome = readField(fields[0]);
    const on = readField(fields[1]);
    const errors = [];
    if (!outcome) errors.push({ field: fields[0].id, message: 'Select the outcome' });
    if (!on || on === 'invalid') errors.push({ field: fields[1].id, message: 'Enter the real date of the outcome' });
    if (errors.length) {
      showErrors(errors);
      return;
    }
    const res = await api('POST', `${path}/reconsiderations/${encodeURIComponent(q.id)}/outcome`, { outcome, decided_on: on });
    if (res.status === 200) window.location.reload();
    else if (res.status === 409) showErrors([{ field: null, message: res.body.detail }]);
    else showErrors(apiErrors(res, [], 'The outcome could not be recorded just now. Try again.'));
  });
  return form;
}

function show(r) {
  const caseHref = `/case?id=${encodeURIComponent(r.case_id)}`;
  summaryList(document.getElementById('details'), [
    ['Status', nrmStatusNames[r.status] || r.status],
    ['Referred', `${longDate(r.referred_on)}${r.child ? ' (as a child, without needing consent)' : ''}`],
    ['First Responder', `${r.first_responder.name}${r.first_responder.organisation ? `, ${r.first_responder.organisation}` : ''}`],
    ['Competent Authority', r.competent_authority === 'single' ? 'Single Competent Authority' : 'Immigration Enforcement Competent Authority'],
    ['Consent', r.consent ? `Given (${r.consent.method}, in ${languageName(r.consent.language)}${r.consent.interpreter ? `, interpreter ${r.consent.interpreter}` : ''})` : 'Not needed: referred as a child'],
    ['Reasonable Grounds due', longDate(r.rg_due)],
    ['Reasonable Grounds decision', decision(r.rg_outcome, r.rg_decided_on)],
    ['Recovery period until at least', longDate(r.recovery_period_end)],
    ['Conclusive Grounds decision', decision(r.cg_outcome, r.cg_decided_on)],
    ...(r.withdrawn_on ? [['Withdrawn', `${longDate(r.withdrawn_on)}: ${r.withdrawal_reason || ''}`]] : []),
  ]);
  const mayRecord = me.may.includes('entry:write');
  const actions = document.getElementById('actions');
  actions.replaceChildren();
  if (mayRecord || me.may.includes('case:read')) {
    actions.append(link('Back to the case', caseHref), link('Prepared referral summary to print', `/nrm-summary?id=${encodeURIComponent(r.id)}`));
  }
  const open = r.status === 'awaiting_reasonable_grounds' || r.status === 'reasonable_grounds_positive';
  if (mayRecord && open) actions.append(link('Record a decision', `/nrm-decision?id=${encodeURIComponent(r.id)}&case=${encodeURIComponent(r.case_id)}`));
  const list = document.getElementById('requests');
  list.replaceChildren();
  r.reconsiderations.forEach((q, n) => {
    const li = document.createElement('li');
    li.className = 'waymark-note';
    const head = Object.assign(document.createElement('p'), { className: 'govuk-body govuk-!-margin-bottom-1' });
    head.textContent = `${stageNames[q.stage]}, asked ${longDate(q.requested_on)} by ${q.requested_by.name} (${q.capacity === 'first_responder' ? 'First Responder' : 'support provider'}): `
      + (q.outcome ? `${q.outcome === 'upheld' ? 'upheld' : 'revised'} on ${longDate(q.outcome_on)}.` : 'awaiting the outcome.');
    li.append(head, Object.assign(document.createElement('p'), { className: 'govuk-body', textContent: q.reasons }));
    if (!q.outcome && mayRecord) li.append(outcomeForm(q, n));
    list.append(li);
  });
  if (!r.reconsiderations.length) list.append(Object.assign(document.createElement('li'), { textContent: 'None asked for' }));
  const isParty = r.my_capacity !== null;
  document.getElementById('ask').hidden = !isParty || r.status === 'withdrawn' || !r.rg_outcome;
  document.getElementById('withdraw').hidden = !mayRecord || r.status === 'withdrawn' || Boolean(r.cg_outcome);
}

if (me) {
  const res = await api('GET', path);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    document.getElementById('who').textContent = personName(res.body.person);
    showCase(document.getElementById('about-case'), res.body.case, me.may.includes('case:read'));
    show(res.body);
    addFields(document.getElementById('ask-form'), ask);
    addFields(document.getElementById('withdraw-form'), withdraw);
    document.getElementById('referral-body').hidden = false;
    document.getElementById('ask-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = Object.fromEntries(ask.map((f) => [f.id, readField(f)]));
      const errors = [];
      if (!v.stage) errors.push({ field: 'stage', message: 'Select the decision to reconsider' });
      if (!v.requested_on || v.requested_on === 'invalid') errors.push({ field: 'requested_on', message: 'Enter the real date of the request' });
      if (!v.reasons) errors.push({ field: 'reasons', message: 'Say why it should be reconsidered' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      const done = await api('POST', `${path}/reconsiderations`, v);
      if (done.status === 201) window.location.reload();
      else if (done.status === 403 || done.status === 409) showErrors([{ field: null, message: done.body.detail }]);
      else showErrors(apiErrors(done, ask, 'The request could not be recorded just now. Try again.'));
    });
    document.getElementById('withdraw-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = Object.fromEntries(withdraw.map((f) => [f.id, readField(f)]));
      const errors = [];
      if (!v.withdrawn_on || v.withdrawn_on === 'invalid') errors.push({ field: 'withdrawn_on', message: 'Enter the real date it was withdrawn' });
      if (!v.reason) errors.push({ field: 'reason', message: 'Say why it is withdrawn' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      const done = await api('POST', `${path}/withdrawal`, v);
      if (done.status === 200) window.location.reload();
      else if (done.status === 409) showErrors([{ field: null, message: done.body.detail }]);
      else showErrors(apiErrors(done, withdraw, 'The withdrawal could not be recorded just now. Try again.'));
    });
  }
}
