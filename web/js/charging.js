// A charging decision on a suspect; refused (and said why) while the s45
// safeguard is not satisfied for a suspect who is a potential victim.
import { api, showErrors } from '/js/api.js';
import { partAddress, partOrRefuse } from '/js/case-part.js';
import { addFields, apiErrors, onSubmit } from '/js/form.js';
import { finish, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const { caseId, linkId, back } = partAddress();
const fields = [
  { id: 'decision', label: 'Decision', kind: 'radios', options: [
    { value: 'charge', label: 'Charge' }, { value: 'caution', label: 'Caution' },
    { value: 'no_further_action', label: 'No further action' }, { value: 'refer_to_cps', label: 'Refer to the CPS' },
  ] },
  { id: 'decided_on', label: 'Date of the decision', kind: 'date', hint: 'For example, 27 11 2026.' },
];

const link = me && (await partOrRefuse(caseId, linkId, 'suspect', 'suspect'));
if (link) {
  const form = document.getElementById('charging-form');
  addFields(form, fields);
  form.hidden = false;
  onSubmit(form, fields, async ({ decision, decided_on: on }) => {
    const errors = [];
    if (!decision) errors.push({ field: 'decision', message: 'Select the decision' });
    if (!on || on === 'invalid') errors.push({ field: 'decided_on', message: 'Enter the real date of the decision' });
    if (errors.length) {
      showErrors(errors);
      return;
    }
    const res = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(linkId)}/charging-decisions`, { decision, decided_on: on });
    if (res.status === 201) finish(back, 'Charging decision recorded', 'It is on the case timeline; victims in the case are owed an update about it.');
    else if (res.status === 409) showErrors([{ field: null, message: `Not recorded: ${res.body.detail}.` }]);
    else showErrors(apiErrors(res, fields, 'The decision could not be recorded just now. Try again.'));
  });
}
