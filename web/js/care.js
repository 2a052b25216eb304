// A victim's named single point of contact, their strategy, and whether a
// Victim Personal Statement was offered. Saving replaces what was recorded.
import { api, showErrors } from '/js/api.js';
import { partAddress, partOrRefuse } from '/js/case-part.js';
import { addFields, apiErrors, onSubmit, writeField } from '/js/form.js';
import { finish, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const { caseId, linkId, back } = partAddress();
const fields = [
  { id: 'spoc_name', label: 'Named single point of contact' },
  { id: 'spoc_kind', label: 'Who they are', kind: 'radios', options: [
    { value: 'officer', label: 'A victim liaison officer' }, { value: 'navigator', label: 'An independent victim navigator' },
  ] },
  { id: 'strategy', label: 'Victim strategy', kind: 'textarea', hint: 'How and when contact is kept, safety, support, what they have asked for.' },
  { id: 'vps_offered', label: 'Has a Victim Personal Statement been offered?', kind: 'yesno' },
  { id: 'vps_offered_on', label: 'When it was offered', kind: 'date' },
];

const link = me && (await partOrRefuse(caseId, linkId, 'potential_victim', 'potential victim'));
if (link) {
  const form = document.getElementById('care-form');
  addFields(form, fields);
  const care = link.care || {};
  for (const f of fields) writeField(f, care[f.id] ?? (f.kind === 'yesno' ? null : ''));
  form.hidden = false;
  onSubmit(form, fields, async (v) => {
    const errors = [];
    if (v.spoc_name && !v.spoc_kind) errors.push({ field: 'spoc_kind', message: 'Say whether they are an officer or a navigator' });
    if (v.vps_offered_on === 'invalid') errors.push({ field: 'vps_offered_on', message: 'Enter a real date' });
    if (v.vps_offered === true && !v.vps_offered_on) errors.push({ field: 'vps_offered_on', message: 'Say when the statement was offered' });
    if (errors.length) {
      showErrors(errors);
      return;
    }
    const body = {};
    for (const k of ['spoc_name', 'spoc_kind', 'strategy', 'vps_offered_on']) if (v[k]) body[k] = v[k];
    if (v.vps_offered !== null) body.vps_offered = v.vps_offered;
    const res = await api('PUT', `/api/v1/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(linkId)}/care`, body);
    if (res.status === 200) finish(back, 'Victim care saved', body.spoc_name ? `${body.spoc_name} is their named contact. Keep them updated as the Victims' Code says.` : 'Name their single point of contact as soon as you can.');
    else showErrors(apiErrors(res, fields, 'This could not be saved just now. Try again.'));
  });
}
