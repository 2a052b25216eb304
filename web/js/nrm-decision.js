// Records a Reasonable Grounds or Conclusive Grounds decision on a referral.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, apiErrors, readField } from '/js/form.js';
import { finish, longDate, signedInPage } from '/js/shell.js';
import { personName, showCase } from '/js/subject.js';

const me = await signedInPage();
const params = new URLSearchParams(window.location.search);
const id = params.get('id') || '';
let back = `/case?id=${encodeURIComponent(params.get('case') || '')}`;
const fields = [
  { id: 'outcome', label: 'Decision', kind: 'radios', options: [{ value: 'positive', label: 'Positive' }, { value: 'negative', label: 'Negative' }] },
  { id: 'decided_on', label: 'Date of the decision', kind: 'date', hint: 'For example, 27 11 2026.' },
];

if (me) {
  document.getElementById('cancel').href = back;
  const res = await api('GET', `/api/v1/nrm-referrals/${encodeURIComponent(id)}`);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    const r = res.body;
    const stage = r.rg_outcome ? 'conclusive_grounds' : 'reasonable_grounds';
    back = `/case?id=${encodeURIComponent(r.case_id)}`;
    document.getElementById('cancel').href = back;
    document.getElementById('who').textContent = `${personName(r.person)}: ${stage === 'reasonable_grounds' ? 'Reasonable Grounds' : 'Conclusive Grounds'}, referred ${longDate(r.referred_on)}`;
    showCase(document.getElementById('about-case'), r.case, me.may.includes('case:read'));
    const form = document.getElementById('decision-form');
    addFields(form, fields);
    form.hidden = false;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const outcome = readField(fields[0]);
      const on = readField(fields[1]);
      const errors = [];
      if (!outcome) errors.push({ field: 'outcome', message: 'Select the decision' });
      if (!on || on === 'invalid') errors.push({ field: 'decided_on', message: 'Enter the real date of the decision' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      const done = await api('POST', `/api/v1/nrm-referrals/${encodeURIComponent(id)}/decisions`, { stage, outcome, decided_on: on });
      if (done.status === 200) finish(back, 'Decision recorded', done.body.recovery_period_end && done.body.status === 'reasonable_grounds_positive' ? `The recovery period runs until at least ${longDate(done.body.recovery_period_end)}; tell them, and their support provider.` : 'Tell them the decision, and what happens next, in their language.');
      else if (done.status === 409) showErrors([{ field: 'decided_on', message: done.body.detail }]);
      else showErrors(apiErrors(done, fields, 'The decision could not be recorded just now. Try again.'));
    });
  }
}
