// Records a place of recruitment, transit or exploitation for a case: a UK
// address or postcode, or a country abroad, with the dates it applies to.
import { api, showErrors } from '/js/api.js';
import { caseOrRefuse } from '/js/case-part.js';
import { addFields, apiErrors, onSubmit } from '/js/form.js';
import { finish, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const caseId = new URLSearchParams(window.location.search).get('case') || '';
const back = `/case?id=${encodeURIComponent(caseId)}`;
const fields = [
  { id: 'kind', label: 'What happened there', kind: 'radios', options: [{ value: 'recruitment', label: 'Recruitment' }, { value: 'transit', label: 'Transit' }, { value: 'exploitation', label: 'Exploitation' }] },
  { id: 'address', label: 'Address in the UK', kind: 'textarea' },
  { id: 'postcode', label: 'Postcode', width: 10 },
  { id: 'country', label: 'Or the country, if abroad', width: 4, hint: 'A two-letter code, like RO for Romania.' },
  { id: 'date_from', label: 'From', kind: 'date', hint: 'For example, 1 6 2025. Leave blank if not known.' },
  { id: 'date_to', label: 'Until', kind: 'date', hint: 'Leave blank if not known or still going on.' },
];

if (me) {
  document.getElementById('cancel').href = back;
  const kase = await caseOrRefuse(caseId);
  if (kase) {
    document.getElementById('reference').textContent = kase.reference;
    const form = document.getElementById('place-form');
    addFields(form, fields);
    form.hidden = false;
    onSubmit(form, fields, async (v) => {
      const body = {};
      const errors = [];
      for (const f of fields) {
        const value = v[f.id];
        if (value === 'invalid') errors.push({ field: f.id, message: `${f.label} must be a real date` });
        else if (value) body[f.id] = f.id === 'country' ? value.toUpperCase() : value;
      }
      if (!body.kind) errors.unshift({ field: 'kind', message: 'Select what happened there' });
      if (!body.address && !body.postcode && !body.country) errors.push({ field: 'address', message: 'Enter an address, a postcode or a country' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      const res = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/places`, body);
      if (res.status === 201) finish(back, 'Place recorded', 'It is listed on the case.');
      else showErrors(apiErrors(res, fields, 'The place could not be recorded just now. Try again.'));
    });
  }
}
