// A key event on a case: arrest, interview, release, bail, charge, a
// decision not to charge, a court date set, a verdict.
import { api, showErrors } from '/js/api.js';
import { caseOrRefuse } from '/js/case-part.js';
import { addFields, apiErrors, onSubmit } from '/js/form.js';
import { finish, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const caseId = new URLSearchParams(window.location.search).get('case') || '';
const back = `/case?id=${encodeURIComponent(caseId)}`;
const kinds = ['arrest', 'interview', 'release', 'bail', 'charge', 'decision_not_to_charge', 'court_date_set', 'verdict'];
const fields = [
  { id: 'kind', label: 'What happened', kind: 'radios', options: kinds.map((k) => ({ value: k, label: (k[0].toUpperCase() + k.slice(1)).replace(/_/g, ' ') })) },
  { id: 'occurred_on', label: 'When', kind: 'date', hint: 'For example, 27 11 2026.' },
  { id: 'note', label: 'Note (optional)', kind: 'textarea' },
];

if (me) {
  document.getElementById('cancel').href = back;
  const kase = await caseOrRefuse(caseId);
  if (kase) {
    document.getElementById('reference').textContent = kase.reference;
    const form = document.getElementById('event-form');
    addFields(form, fields);
    form.hidden = false;
    onSubmit(form, fields, async ({ kind, occurred_on: on, note }) => {
      const errors = [];
      if (!kind) errors.push({ field: 'kind', message: 'Select what happened' });
      if (!on || on === 'invalid') errors.push({ field: 'occurred_on', message: 'Enter the real date' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      const body = { kind, occurred_on: on };
      if (note) body.note = note;
      const res = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/events`, body);
      if (res.status === 201) finish(back, 'Key event recorded', 'Victims in the case are owed an update about it; it shows on the worklist until they have one.');
      else showErrors(apiErrors(res, fields, 'The event could not be recorded just now. Try again.'));
    });
  }
}
