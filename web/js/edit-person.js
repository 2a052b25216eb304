// Changes a person's details: one record whatever case they appear in. The
// immigration status is sealed: it can be replaced here but is never shown.
import { api, showErrors } from '/js/api.js';
import { addFields, versionedForm } from '/js/form.js';
import { autocomplete, countryName, genderOptions, languageName } from '/js/names.js';
import { finish, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';
const back = `/person?id=${encodeURIComponent(id)}`;
const list = (v) => v.split(/[,\n]/).map((x) => x.trim()).filter(Boolean);
const sc = (p) => p.safe_contact || {};
function safeContact(v, mine) {
  const out = {};
  if (mine.safe_method) out.method = mine.safe_method;
  if (mine.safe_times) out.times = mine.safe_times;
  if (mine.safe_monitored !== null) out.phone_may_be_monitored = mine.safe_monitored;
  if (mine.safe_notes) out.notes = mine.safe_notes;
  return { safe_contact: Object.keys(out).length ? out : null };
}
const groups = {
  'name-fields': [
    { id: 'given_names', label: 'Given names', get: (p) => p.given_names },
    { id: 'family_name', label: 'Family name', get: (p) => p.family_name },
    { id: 'aliases', label: 'Other names used', kind: 'textarea', hint: 'One per line, in any script.', get: (p) => p.aliases.join('\n'), put: (v) => ({ aliases: list(v) }) },
  ],
  'identity-fields': [
    { id: 'date_of_birth', label: 'Date of birth', kind: 'date', hint: 'For example, 27 3 2007. Leave blank if not known.', get: (p) => p.date_of_birth || '', put: (v) => ({ date_of_birth: v || null }) },
    { id: 'estimated_age', label: 'Age, or best estimate', width: 3, hint: 'Only when the date of birth is not known.', get: (p) => (p.estimated_age === null ? '' : String(p.estimated_age)), put: (v) => ({ estimated_age: v ? Number(v) : null }) },
    { id: 'age_disputed', label: 'Is the age disputed?', kind: 'yesno', hint: 'A person whose age is disputed is treated as a child until it is determined.', get: (p) => p.age_disputed, put: (v) => ({ age_disputed: v === true }) },
    { id: 'gender', label: 'Gender', kind: 'select', options: genderOptions(), get: (p) => p.gender || '', put: (v) => ({ gender: v || null }) },
    { id: 'nationalities', label: 'Nationalities', kind: 'names', of: 'country', noun: 'nationality', hint: 'Start typing a country, like Albania, and choose it; add each one they hold.', get: (p) => p.nationalities.map(countryName) },
  ],
  'language-fields': [
    { id: 'languages', label: 'Languages spoken', kind: 'names', of: 'language', noun: 'language', hint: 'Start typing a language, like Vietnamese, and choose it; for a dialect, a country in brackets: Arabic (Syria).', get: (p) => p.languages.map(languageName) },
    { id: 'interpreter_needed', label: 'Is an interpreter needed?', kind: 'yesno', get: (p) => p.interpreter_needed, put: (v) => ({ interpreter_needed: v === true }) },
    { id: 'interpreter_language', label: 'Interpreter language and dialect', hint: 'Start typing, like Arabic; for a dialect, a country in brackets: Arabic (Syria).', get: (p) => languageName(p.interpreter_language), put: (v) => ({ interpreter_language: v || null }) },
  ],
  'contact-fields': [
    { id: 'safe_method', label: 'Safe way to make contact', hint: 'For example, through the support worker; never by text message.', get: (p) => sc(p).method || '', put: safeContact },
    { id: 'safe_times', label: 'Safe times', get: (p) => sc(p).times || '', put: safeContact },
    { id: 'safe_monitored', label: 'Could their phone be monitored?', kind: 'yesno', get: (p) => (sc(p).phone_may_be_monitored ?? null), put: safeContact },
    { id: 'safe_notes', label: 'Anything else about contacting them safely', kind: 'textarea', get: (p) => sc(p).notes || '', put: safeContact },
  ],
  'immigration-fields': [
    { id: 'immigration_status', label: 'Record a new immigration status', kind: 'textarea', hint: 'Sealed: stored encrypted and shown only to someone who states why. Leave blank to keep what is recorded.', get: () => '', put: (v) => ({ immigration_status: v }) },
  ],
};
const fields = Object.values(groups).flat();
fields.find((f) => f.id === 'estimated_age').check = (v, mine) => {
  if (v && !/^[0-9]{1,3}$/.test(v)) return { field: 'estimated_age', message: 'Enter the age as a number, like 16' };
  if (v && mine.date_of_birth) return { field: 'estimated_age', message: 'Give a date of birth or an age, not both' };
  return null;
};
fields.find((f) => f.id === 'date_of_birth').check = (v) => (v === 'invalid' ? { field: 'date_of_birth', message: 'Date of birth must be a real date' } : null);
fields.find((f) => f.id === 'family_name').check = (v, mine) => (!v && !mine.given_names ? { field: 'family_name', message: 'Enter a name' } : null);

if (me) {
  document.getElementById('cancel').href = back;
  const res = await api('GET', `/api/v1/people/${encodeURIComponent(id)}`, undefined, { 'X-Purpose': 'Changing the person\'s details' });
  if (res.status === 200) {
    const p = res.body;
    document.getElementById('who').textContent = `${p.given_names} ${p.family_name}`.trim();
    document.getElementById('immigration-now').textContent = p.immigration_status_recorded
      ? 'An immigration status is recorded and sealed.' : 'No immigration status is recorded.';
    for (const [where, fs] of Object.entries(groups)) addFields(document.getElementById(where), fs);
    versionedForm({
      form: document.getElementById('edit-person-form'),
      path: `/api/v1/people/${encodeURIComponent(id)}`,
      fields,
      record: p,
      noun: 'person',
      done: () => finish(back, 'Details changed', 'What changed is in their history.'),
    });
    autocomplete(document.getElementById('interpreter_language'), 'language');
  } else {
    showErrors([{ field: null, message: 'There is no such person, or it is not someone you can change.' }]);
  }
}
