// A potential victim's context in a case, in the HTCDS terms: relationship
// to the trafficker, how they were recruited, how they were controlled and
// how they were exploited. Saving replaces the whole context.
import { api, showErrors } from '/js/api.js';
import { partAddress } from '/js/case-part.js';
import { addFields, apiErrors, readField, writeField } from '/js/form.js';
import { finish, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const { caseId, linkId: link, back } = partAddress();
const options = (list) => list.map((v) => ({ value: v.code, label: v.label }));

if (me) {
  document.getElementById('cancel').href = back;
  const [vocab, kase] = await Promise.all([api('GET', '/api/v1/vocabularies'), api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`)]);
  const person = kase.status === 200 ? kase.body.people.find((p) => p.id === link && p.role === 'potential_victim') : null;
  if (!person || vocab.status !== 200) {
    showErrors([{ field: null, message: 'There is no such potential victim in a case you can see.' }]);
  } else {
    const v = vocab.body;
    const fields = [
      { id: 'relationship_to_trafficker', label: 'Relationship to the trafficker', kind: 'select', options: options(v.relationship_to_trafficker) },
      { id: 'method_of_recruitment', label: 'How they were recruited', kind: 'select', options: options(v.method_of_recruitment) },
      { id: 'methods_of_control', label: 'How they were controlled', kind: 'checkboxes', hint: 'Select all that apply.', options: options(v.methods_of_control) },
      { id: 'types_of_exploitation', label: 'How they were exploited', kind: 'checkboxes', hint: 'Select all that apply.', options: options(v.types_of_exploitation) },
    ];
    document.getElementById('who').textContent = `${person.person.given_names} ${person.person.family_name}, ${kase.body.reference}`.trim();
    const form = document.getElementById('context-form');
    addFields(form, fields);
    const now = person.victim_context || {};
    for (const f of fields) writeField(f, now[f.id] ?? (f.kind === 'checkboxes' ? [] : ''));
    form.hidden = false;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = {};
      for (const f of fields) {
        const value = readField(f);
        if (value.length) body[f.id] = value;
      }
      const res = await api('PUT', `/api/v1/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(link)}/victim-context`, body);
      if (res.status === 200) finish(back, 'Victim context saved', 'It is on their part in this case.');
      else showErrors(apiErrors(res, fields, 'The context could not be saved just now. Try again.'));
    });
  }
}
