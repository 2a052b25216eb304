// Recording a delivery of Go bags to a location: where, which kind, the
// language of their cards and how many; Check your answers; then the stock
// with a banner saying how many that location now holds.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, answerRows, apiErrors, backToForm, checkAnswers, readField } from '/js/form.js';
import { autocomplete, languageName, loadNames } from '/js/names.js';
import { bagKindHints, bagKindNames, bagPhrase } from '/js/services.js';
import { finish, signedInPage } from '/js/shell.js';

const me = await signedInPage();
if (me && !me.may.includes('go_bag:write')) await showProblem(403);
else if (me) {
  const res = await api('GET', '/api/v1/go-bags/locations?limit=200');
  const locations = res.status === 200 ? [...res.body.items].sort((a, b) => a.name.localeCompare(b.name)) : [];
  const fields = [
    { id: 'location', label: 'Where were they delivered?', kind: 'select', empty: 'Choose the location', options: locations.map((l) => ({ value: l.id, label: l.name })) },
    { id: 'kind', label: 'Which kind of Go bag?', kind: 'radios', options: Object.entries(bagKindNames).map(([value, label]) => ({ value, label, hint: bagKindHints[value] })) },
    { id: 'language', label: 'Language of the cards inside', hint: 'Start typing, like Albanian. English unless you say otherwise.' },
    { id: 'quantity', label: 'How many?', width: 4, hint: 'From 1 to 1,000.' },
  ];
  const form = document.getElementById('delivery-form');
  addFields(document.getElementById('delivery-fields'), fields);
  document.getElementById('language').value = 'English';
  autocomplete(document.getElementById('language'), 'language');
  if (!locations.length) showErrors([{ field: null, message: 'There is no location to deliver to yet: add one first.' }]);
  form.hidden = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = Object.fromEntries(fields.map((f) => [f.id, readField(f)]));
    const errors = [];
    if (!v.location) errors.push({ field: 'location', message: 'Select where they were delivered' });
    if (!v.kind) errors.push({ field: 'kind', message: 'Select the kind of Go bag' });
    const vocab = await loadNames();
    const code = (vocab.languageList.find((l) => l.name.toLowerCase() === (v.language || 'English').toLowerCase()) || {}).code;
    if (!code) errors.push({ field: 'language', message: 'Enter a language by its name, like Albanian' });
    const n = /^[0-9]+$/.test(v.quantity) ? Number(v.quantity) : NaN;
    if (!(n >= 1 && n <= 1000)) errors.push({ field: 'quantity', message: 'Enter how many, a whole number from 1 to 1,000' });
    showErrors(errors);
    if (errors.length) return;
    const where = locations.find((l) => l.id === v.location).name;
    const rows = answerRows(fields).map((r) => (r.field === 'language' ? { ...r, value: languageName(code) } : r));
    const sure = await checkAnswers(form, { heading: 'Check the delivery before you record it', rows, confirm: 'Record the delivery' });
    if (!sure) return;
    const made = await api('POST', '/api/v1/go-bags/deliveries', { location: v.location, kind: v.kind, language: code, quantity: n });
    if (made.status === 201) {
      finish('/go-bags', `${n} Go bag${n === 1 ? '' : 's'} delivered to ${where}`,
        `Each is ${bagPhrase(v.kind, code)}. ${where} now holds ${made.body.stock} of them.`);
      return;
    }
    backToForm(form);
    showErrors(made.status === 403 ? [{ field: null, message: 'You cannot record deliveries.' }] : apiErrors(made, fields, 'The delivery could not be recorded just now. Try again.'));
  });
}
