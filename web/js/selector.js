// Records a selector in a case: its kind, then the parts that kind has (a
// phone number; an address's first line and postcode; a bank account's sort
// code and account number, or an IBAN ...), whom it is about, its 3x5x2
// grading and where it was found; Check your answers; then the case, with a
// banner saying how many matches it has elsewhere.
import { api, showErrors } from '/js/api.js';
import { caseOrRefuse } from '/js/case-part.js';
import { addFields, backToForm, checkAnswers, readField } from '/js/form.js';
import {
  assessmentTexts, docTypes, fullName, handlingTexts, kindLabels, platforms, sourceTexts,
} from '/js/links.js';
import { finish, roleNames, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const caseId = new URLSearchParams(window.location.search).get('case') || '';
const back = `/case?id=${encodeURIComponent(caseId)}`;

const options = (o) => Object.entries(o).map(([value, label]) => ({ value, label }));

// The parts each kind asks for, shown beneath its choice.
const parts = {
  phone: [{ id: 'phone', label: 'Phone number', width: 20, hint: 'As written, such as 07700 900123. A number from abroad needs its country code, such as +40 712 345 678.' }],
  email: [{ id: 'email', label: 'Email address', width: 30 }],
  postcode: [{ id: 'postcode', label: 'Postcode', width: 10 }],
  address: [
    { id: 'line1', label: 'First line of the address', hint: 'Such as Flat 2, 14 High Street.' },
    { id: 'address_postcode', label: 'Postcode', width: 10 },
  ],
  vehicle: [{ id: 'vehicle', label: 'Registration', width: 10, hint: 'Such as AB12 CDE.' }],
  bank_account: [
    { id: 'sort_code', label: 'Sort code', width: 5, hint: '6 digits, such as 20-00-00.' },
    { id: 'account_number', label: 'Account number', width: 10, hint: '8 digits.' },
    { id: 'iban', label: 'Or an IBAN', width: 30, hint: 'For an account abroad; or for a UK account, instead of the sort code and account number.' },
  ],
  identity_document: [
    { id: 'doc_type', label: 'Type of document', kind: 'select', empty: 'Choose the type', options: options(docTypes) },
    { id: 'doc_country', label: 'Country that issued it', width: 4, hint: 'A two-letter code, such as GB or RO.' },
    { id: 'doc_number', label: 'Document number', width: 20 },
  ],
  social_handle: [
    { id: 'platform', label: 'Platform', kind: 'select', empty: 'Choose the platform', options: options(platforms) },
    { id: 'handle', label: 'Handle or profile address', width: 20, hint: 'Such as @boss_uk, or the address of the profile.' },
  ],
};
const kindField = {
  id: 'kind', label: 'What kind of selector is it?', kind: 'radios',
  options: Object.entries(kindLabels).map(([value, label]) => ({ value, label, reveal: parts[value] })),
};
const gradingFields = [
  { id: 'source_evaluation', label: 'Source evaluation', kind: 'select', empty: 'Not graded', options: Object.entries(sourceTexts).map(([v, t]) => ({ value: v, label: `${v}: ${t}` })) },
  { id: 'intelligence_assessment', label: 'Intelligence assessment', kind: 'select', empty: 'Not graded', options: Object.entries(assessmentTexts).map(([v, t]) => ({ value: v, label: `${v}: ${t}` })) },
  { id: 'handling_code', label: 'Handling code', kind: 'select', empty: 'Not graded', options: Object.entries(handlingTexts).map(([v, t]) => ({ value: v, label: `${v}: ${t}` })) },
];
const contextField = { id: 'context', label: 'Where was it found?', kind: 'textarea', hint: 'For example, in the contacts of a phone seized at the address. Only those who may read this case see this.' };
const sealedField = { id: 'sealed', label: 'Sealing', kind: 'checkboxes', options: [{ value: 'yes', label: 'Seal this selector', hint: 'Its value is stored encrypted and shown only to someone who states why they need it. It still matches the same selector in other cases.' }] };

// Each part's field, by id, and what it is called.
const partFields = Object.values(parts).flat();
const label = (id) => [kindField, ...partFields, ...gradingFields, contextField].find((f) => f.id === id)?.label || id;

// The value the API takes for the kind, from its parts; or the first part
// left empty (as an error).
function valueOf(kind, v) {
  const need = (ids) => ids.find((id) => !v[id]);
  switch (kind) {
    case 'address': {
      const missing = need(['line1', 'address_postcode']);
      return missing ? { missing } : { value: { line1: v.line1, postcode: v.address_postcode } };
    }
    case 'bank_account': {
      if (v.iban) return { value: v.iban };
      const missing = need(['sort_code', 'account_number']);
      return missing ? { missing } : { value: { sort_code: v.sort_code, account_number: v.account_number } };
    }
    case 'identity_document': {
      const missing = need(['doc_type', 'doc_country', 'doc_number']);
      return missing ? { missing } : { value: { country: v.doc_country.toUpperCase(), type: v.doc_type, number: v.doc_number } };
    }
    case 'social_handle': {
      const missing = need(['platform', 'handle']);
      return missing ? { missing } : { value: { platform: v.platform, handle: v.handle } };
    }
    default:
      return v[kind] ? { value: v[kind] } : { missing: kind };
  }
}

// The value in words, for Check your answers.
function valueWords(kind, value) {
  if (typeof value === 'string') return value;
  if (kind === 'address') return `${value.line1}, ${value.postcode}`;
  if (kind === 'bank_account') return `Sort code ${value.sort_code}, account ${value.account_number}`;
  if (kind === 'identity_document') return `${docTypes[value.type]}, ${value.country}, ${value.number}`;
  if (kind === 'social_handle') return `${platforms[value.platform]}: ${value.handle}`;
  return JSON.stringify(value);
}

// The field an API error names: value (or one of its parts) is the
// kind's first part; grading.X is X's select.
function fieldOf(kind, name) {
  if (name === 'value' || name.startsWith('value')) {
    const part = name.split('.')[1];
    const map = { line1: 'line1', postcode: kind === 'address' ? 'address_postcode' : 'postcode', sort_code: 'sort_code', account_number: 'account_number', country: 'doc_country', type: 'doc_type', number: 'doc_number', platform: 'platform', handle: 'handle' };
    return (part && map[part]) || parts[kind][0].id;
  }
  if (name.startsWith('grading')) return name.split('.')[1] || 'source_evaluation';
  return ['kind', 'about_person_id', 'context'].includes(name) ? name : null;
}

if (me) {
  document.getElementById('cancel').href = back;
  const kase = await caseOrRefuse(caseId);
  if (kase) {
    document.getElementById('reference').textContent = kase.reference;
    document.title = `Record a selector: ${kase.reference} – Waymark`;
    // Whom it is about: the people of the case the user sees, once each.
    const people = [];
    for (const p of kase.people) {
      const known = people.find((x) => x.value === p.person.id);
      const role = roleNames[p.role] || p.role;
      if (known) known.label += `, ${role.toLowerCase()}`;
      else people.push({ value: p.person.id, label: `${fullName(p.person)} (${role.toLowerCase()}` });
    }
    for (const p of people) p.label += ')';
    const aboutField = { id: 'about_person_id', label: 'Whom is it about?', kind: 'radios', options: [...people, { value: 'none', label: 'No one in particular' }] };
    const fields = [kindField, aboutField, ...gradingFields, contextField, sealedField];
    const form = document.getElementById('selector-form');
    addFields(document.getElementById('selector-fields'), [kindField, aboutField]);
    const grading = document.createElement('div');
    grading.className = 'govuk-form-group';
    grading.innerHTML = '<fieldset class="govuk-fieldset" aria-describedby="grading-hint"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Grading</legend>'
      + '<div class="govuk-hint" id="grading-hint">The 3x5x2 grading: give all three parts, or none.</div></fieldset>';
    document.getElementById('selector-fields').append(grading);
    addFields(grading.querySelector('fieldset'), gradingFields);
    addFields(document.getElementById('selector-fields'), [contextField, sealedField]);
    form.hidden = false;

    const answers = () => Object.fromEntries([...fields, ...partFields].map((f) => [f.id, readField(f)]));

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = answers();
      const errors = [];
      let value = null;
      if (!v.kind) errors.push({ field: 'kind', message: 'Select what kind of selector it is' });
      else {
        const got = valueOf(v.kind, v);
        if (got.missing) errors.push({ field: got.missing, message: `Enter the ${label(got.missing).replace(/^Or an /, '').toLowerCase()}` });
        value = got.value;
      }
      const graded = gradingFields.filter((f) => v[f.id]);
      if (graded.length && graded.length < 3) {
        for (const f of gradingFields) if (!v[f.id]) errors.push({ field: f.id, message: `Select the ${f.label.toLowerCase()}, or leave the grading out` });
      }
      if (v.context.length > 2000) errors.push({ field: 'context', message: 'Where it was found must be 2,000 characters or fewer' });
      showErrors(errors);
      if (errors.length) return;
      const body = { kind: v.kind, value };
      if (v.about_person_id && v.about_person_id !== 'none') body.about_person_id = v.about_person_id;
      if (graded.length) body.grading = { source_evaluation: Number(v.source_evaluation), intelligence_assessment: v.intelligence_assessment, handling_code: v.handling_code };
      if (v.context) body.context = v.context;
      body.sealed = v.sealed.includes('yes');
      document.getElementById('intro').hidden = true;
      const sure = await checkAnswers(form, {
        heading: 'Check your answers before recording the selector',
        rows: [
          { key: 'Kind', value: kindLabels[v.kind], field: 'kind' },
          { key: kindLabels[v.kind], value: valueWords(v.kind, value), field: parts[v.kind][0].id },
          { key: 'About', value: (aboutField.options.find((o) => o.value === v.about_person_id) || {}).label || 'No one in particular', field: 'about_person_id' },
          { key: 'Grading', value: graded.length ? `${v.source_evaluation}${v.intelligence_assessment}${v.handling_code}: ${sourceTexts[v.source_evaluation]}; ${assessmentTexts[v.intelligence_assessment].toLowerCase()}; ${handlingTexts[v.handling_code].toLowerCase()}` : 'Not graded', field: 'source_evaluation' },
          { key: 'Where it was found', value: v.context || 'Not given', field: 'context' },
          { key: 'Sealed', value: body.sealed ? 'Yes' : 'No', field: 'sealed' },
        ],
        confirm: 'Record the selector',
      });
      if (!sure) {
        document.getElementById('intro').hidden = false;
        return;
      }
      const res = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/selectors`, body);
      if (res.status === 201) {
        const n = res.body.matches || 0;
        finish(`${back}#links-heading`, `${kindLabels[v.kind]} recorded`,
          n ? `It matches ${n === 1 ? 'a selector' : `${n} selectors`} recorded in other cases: see Links.` : 'It matches no selector recorded in another case yet.');
        return;
      }
      backToForm(form);
      document.getElementById('intro').hidden = false;
      const errs = (res.status === 422 && res.body && res.body.errors) || [];
      showErrors(errs.length
        ? errs.map((x) => {
          const field = fieldOf(v.kind, x.field || '');
          return { field, message: `${field ? label(field) : x.field} ${x.message}` };
        })
        : [{ field: null, message: res.status === 404 ? 'There is no such case or person, or not one you can see.' : 'The selector could not be recorded just now. Try again.' }]);
    });
  }
}
