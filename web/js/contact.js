// The contact log: when, how, in which language, with which interpreter,
// what was said; an update answers the Victims' Code updates due.
import { api, showErrors } from '/js/api.js';
import { partAddress, partOrRefuse } from '/js/case-part.js';
import { addFields, apiErrors, onSubmit } from '/js/form.js';
import { autocomplete } from '/js/names.js';
import { finish, longDate, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const { caseId, linkId, back } = partAddress();
const fields = [
  { id: 'contacted_on', label: 'Date of the contact', kind: 'date', hint: 'For example, 27 11 2026.' },
  { id: 'method', label: 'How', hint: 'For example, in person at the safe house, or by phone through the navigator.' },
  { id: 'language', label: 'Language', hint: 'Start typing, like Romanian; for a dialect, a country in brackets: Arabic (Syria).' },
  { id: 'interpreter', label: 'Interpreter (if any)' },
  { id: 'summary', label: 'What was said', kind: 'textarea' },
  { id: 'update', label: 'Was this an update on the investigation?', kind: 'yesno', hint: 'An update answers the updates due after a key event.' },
];

const link = me && (await partOrRefuse(caseId, linkId, 'potential_victim', 'potential victim'));
if (link) {
  const due = link.updates_due || [];
  document.getElementById('owed').textContent = due.length
    ? `An update is due by ${longDate(due.map((u) => u.due_on).sort()[0])} (after the ${due[0].event.replace(/_/g, ' ')} on ${longDate(due[0].event_on)}).`
    : 'No update is due.';
  const form = document.getElementById('contact-form');
  addFields(form, fields);
  autocomplete(document.getElementById('language'), 'language');
  form.hidden = false;
  onSubmit(form, fields, async (v) => {
    const errors = [];
    if (!v.contacted_on || v.contacted_on === 'invalid') errors.push({ field: 'contacted_on', message: 'Enter the real date of the contact' });
    if (!v.method) errors.push({ field: 'method', message: 'Say how the contact was made' });
    if (!v.summary) errors.push({ field: 'summary', message: 'Say what was said' });
    if (errors.length) {
      showErrors(errors);
      return;
    }
    const body = { contacted_on: v.contacted_on, method: v.method, summary: v.summary, update: v.update === true };
    if (v.language) body.language = v.language;
    if (v.interpreter) body.interpreter = v.interpreter;
    const res = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(linkId)}/contacts`, body);
    if (res.status === 201) finish(back, 'Contact logged', body.update ? 'It counts as their update: the update that was due is met.' : 'It is on the case timeline.');
    else showErrors(apiErrors(res, fields, 'The contact could not be logged just now. Try again.'));
  });
}
