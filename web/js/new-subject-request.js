// Opens a subject request: whose, what kind, under which law, when it came
// and when their identity was checked; Check your answers shows the date
// it is due by, and the success banner the date the server kept.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, answerRows, apiErrors, backToForm, checkAnswers, onSubmit } from '/js/form.js';
import { channels, dueDate, personName, regimes, requestKinds, today } from '/js/records.js';
import { finish, longDate, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const params = new URLSearchParams(window.location.search);

// The person's name where the page was opened from a case's retention page.
async function knownPerson(personId, caseId) {
  if (!personId || !caseId) return null;
  const res = await api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/retention`);
  if (res.status !== 200) return null;
  const p = (res.body.people || []).find((x) => x.person_id === personId);
  return p ? { name: personName(p), reference: res.body.reference } : null;
}

if (me && !me.may.includes('subject_request:write')) {
  await showProblem(403);
} else if (me) {
  const personId = params.get('person') || '';
  const known = await knownPerson(personId, params.get('case'));
  const fields = [
    ...(known ? [] : [{ id: 'person_id', label: 'Person\'s Waymark ID', hint: 'Easier from the People of a case\'s retention page, which fills it in; otherwise the id of their record as the officer gives it.', width: 20 }]),
    { id: 'kind', label: 'What do they ask for?', kind: 'radios', options: requestKinds },
    { id: 'regime', label: 'Which law applies?', kind: 'radios', options: regimes },
    { id: 'received_on', label: 'Date the request was received', kind: 'date', hint: 'For example, 4 1 2026.' },
    { id: 'identity_verified_on', label: 'Date their identity was checked', kind: 'date', hint: 'The month to answer starts on this date when it is after the request was received.' },
    { id: 'channel', label: 'How did the request come?', kind: 'radios', options: channels },
  ];
  if (known) document.getElementById('who').textContent = `${known.name}, ${known.reference}`;
  const form = document.getElementById('request-form');
  addFields(form, fields);
  form.hidden = false;
  onSubmit(form, fields, async (v) => {
    const pid = known ? personId : (v.person_id || '').trim();
    const errors = [];
    const t = today();
    if (!pid) errors.push({ field: 'person_id', message: 'Enter the person\'s Waymark ID' });
    if (!v.kind) errors.push({ field: 'kind', message: 'Select what they ask for' });
    if (!v.regime) errors.push({ field: 'regime', message: 'Select which law applies' });
    if (!v.received_on || v.received_on === 'invalid') errors.push({ field: 'received_on', message: 'Enter the real date the request was received' });
    else if (v.received_on > t) errors.push({ field: 'received_on', message: 'The date the request was received must be today or in the past' });
    if (!v.identity_verified_on || v.identity_verified_on === 'invalid') errors.push({ field: 'identity_verified_on', message: 'Enter the real date their identity was checked' });
    else if (v.identity_verified_on > t) errors.push({ field: 'identity_verified_on', message: 'The date their identity was checked must be today or in the past' });
    else if (v.received_on && v.received_on !== 'invalid' && v.identity_verified_on < v.received_on) {
      errors.push({ field: 'identity_verified_on', message: 'The date their identity was checked must be on or after the date the request was received' });
    }
    if (!v.channel) errors.push({ field: 'channel', message: 'Select how the request came' });
    if (errors.length) {
      showErrors(errors);
      return;
    }
    showErrors([]);
    const due = await dueDate(v.regime, v.received_on, v.identity_verified_on);
    const rows = answerRows(fields);
    if (known) rows.unshift({ key: 'Person', value: known.name, field: 'kind' });
    rows.push({ key: 'Due by', value: longDate(due), field: 'received_on' });
    const sure = await checkAnswers(form, {
      heading: 'Check your answers before you open the request',
      rows,
      confirm: 'Open the request',
    });
    if (!sure) return;
    const body = { person_id: pid, kind: v.kind, regime: v.regime, received_on: v.received_on, identity_verified_on: v.identity_verified_on, channel: v.channel };
    const made = await api('POST', '/api/v1/subject-requests', body);
    if (made.status === 201) {
      finish(`/subject-request?id=${encodeURIComponent(made.body.id)}`, 'Subject request opened', `It is due by ${longDate(made.body.due)}.`);
      return;
    }
    backToForm(form);
    showErrors(apiErrors(made, fields, 'The request could not be opened just now. Try again.'));
  });
}
