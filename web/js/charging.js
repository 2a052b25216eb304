// A charging decision on a suspect; refused (and said why) while the s45
// safeguard is not satisfied for a suspect who is a potential victim.
import { api, showErrors } from '/js/api.js';
import { addFields, apiErrors, readField } from '/js/form.js';
import { signedInPage } from '/js/shell.js';

const me = await signedInPage();
const params = new URLSearchParams(window.location.search);
const caseId = params.get('case') || '';
const linkId = params.get('link') || '';
const back = `/case?id=${encodeURIComponent(caseId)}`;
const fields = [
  { id: 'decision', label: 'Decision', kind: 'radios', options: [
    { value: 'charge', label: 'Charge' }, { value: 'caution', label: 'Caution' },
    { value: 'no_further_action', label: 'No further action' }, { value: 'refer_to_cps', label: 'Refer to the CPS' },
  ] },
  { id: 'decided_on', label: 'Date of the decision', kind: 'date', hint: 'For example, 27 11 2026.' },
];

if (me) {
  document.getElementById('cancel').href = back;
  const kase = await api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`);
  const link = kase.status === 200 ? kase.body.people.find((p) => p.id === linkId && p.role === 'suspect') : null;
  if (!link) {
    showErrors([{ field: null, message: 'There is no such suspect in a case you can see.' }]);
  } else {
    document.getElementById('who').textContent = `${link.person.given_names} ${link.person.family_name}, ${kase.body.reference}`.trim();
    const form = document.getElementById('charging-form');
    addFields(form, fields);
    form.hidden = false;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const decision = readField(fields[0]);
      const on = readField(fields[1]);
      const errors = [];
      if (!decision) errors.push({ field: 'decision', message: 'Select the decision' });
      if (!on || on === 'invalid') errors.push({ field: 'decided_on', message: 'Enter the real date of the decision' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      const res = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(linkId)}/charging-decisions`, { decision, decided_on: on });
      if (res.status === 201) window.location.assign(back);
      else if (res.status === 409) showErrors([{ field: null, message: `Not recorded: ${res.body.detail}.` }]);
      else showErrors(apiErrors(res, fields, 'The decision could not be recorded just now. Try again.'));
    });
  }
}
