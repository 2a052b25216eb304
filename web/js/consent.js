// A victim's consent to their information being shared with partner
// organisations: given for some purposes, or refused; how they answered, in
// which language, through which interpreter. A refusal after consent, or
// consent for fewer purposes, ends at once every live share that rested on
// what they no longer agree to: Check your answers warns of it first.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, apiErrors, backToForm, checkAnswers, readField } from '/js/form.js';
import { autocomplete } from '/js/names.js';
import {
  consentRows, consentedPurposes, fullName, interpreterNames, listWords, methodNames, options, purposeHints, purposeNames,
} from '/js/sharing.js';
import { finish, signedInPage, summaryList } from '/js/shell.js';

const me = await signedInPage();
const params = new URLSearchParams(window.location.search);
const personId = params.get('person') || '';
// Asked on the way to sharing from a case, it returns there afterwards.
const caseId = params.get('case');
const linkId = params.get('link');

const purposes = {
  id: 'purposes', label: 'What do they agree to it being shared for?', kind: 'checkboxes', hint: 'Select each one they agree to.',
  options: options(purposeNames, purposeHints),
};
const given = {
  id: 'given', label: 'Do they agree to their information being shared with partner organisations?', kind: 'radios',
  options: [
    { value: 'yes', label: 'Yes, they consent', reveal: [purposes] },
    { value: 'no', label: 'No, they refuse', hint: 'Also when they take back consent they gave before.' },
  ],
};
const fields = [
  given,
  { id: 'method', label: 'How did they answer?', kind: 'radios', options: options(methodNames) },
  { id: 'language', label: 'In which language?', hint: 'Start typing, like Romanian, and choose it; for a dialect, a country in brackets: Arabic (Syria).' },
  { id: 'interpreter', label: 'Through which interpreter?', kind: 'radios', options: options(interpreterNames) },
];
const all = [...fields, purposes];

function check(v) {
  const errors = [];
  if (!v.given) errors.push({ field: 'given', message: 'Select whether they agree to their information being shared' });
  else if (v.given === 'yes' && !v.purposes.length) errors.push({ field: 'purposes', message: 'Select what they agree to it being shared for' });
  if (!v.method) errors.push({ field: 'method', message: 'Select how they answered' });
  if (!v.language) errors.push({ field: 'language', message: 'Enter the language they answered in' });
  if (!v.interpreter) errors.push({ field: 'interpreter', message: 'Select the interpreter, or that there was none' });
  return errors;
}

// The live shares resting on consent that the new answer ends at once.
function ending(items, v) {
  const still = v.given === 'yes' ? v.purposes : [];
  return items.filter((s) => s.state === 'live' && s.basis === 'consent' && !still.includes(s.purpose));
}

function endingWarning(before, ended, v) {
  if (!ended.length && !(v.given === 'no' && consentedPurposes(before).length)) return '';
  const orgs = [...new Set(ended.map((s) => s.organisation.name))];
  const what = v.given === 'no' ? 'This withdraws the consent they gave.' : 'This takes back their consent for some purposes.';
  if (!ended.length) return `${what} Any share that rests on it ends at once.`;
  const n = ended.length === 1 ? 'The live share that rests on it ends' : `The ${ended.length} live shares that rest on it end`;
  return `${what} ${n} at once: ${listWords(orgs, {}, false)} will no longer see their information.`;
}

if (me) {
  const path = `/api/v1/people/${encodeURIComponent(personId)}`;
  const [person, shared] = await Promise.all([api('GET', path), api('GET', `${path}/disclosures`)]);
  if (person.status !== 200) {
    await showProblem(person.status);
  } else if (!me.may.includes('person:write') || shared.status !== 200) {
    showErrors([{ field: null, message: 'You cannot record consent for this person.' }]);
  } else {
    const p = person.body;
    const name = fullName(p);
    const back = caseId && linkId
      ? `/share-with?case=${encodeURIComponent(caseId)}&link=${encodeURIComponent(linkId)}`
      : `/person?id=${encodeURIComponent(p.id)}`;
    document.title = `Record consent to share: ${name} – Waymark`;
    document.getElementById('who').textContent = name;
    document.getElementById('cancel').href = back;
    const before = shared.body.consent;
    if (before) {
      summaryList(document.getElementById('consent-current'), consentRows(before));
      document.getElementById('consent-now').hidden = false;
    }
    const form = document.getElementById('consent-form');
    addFields(form, fields);
    autocomplete(document.getElementById('language'), 'language');
    form.hidden = false;
    const step = document.getElementById('consent-step');
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = Object.fromEntries(all.map((f) => [f.id, readField(f)]));
      const errors = check(v);
      showErrors(errors);
      if (errors.length) return;
      const ended = ending(shared.body.items, v);
      const rows = [{ key: 'Their answer', value: v.given === 'yes' ? 'They consent' : 'They refuse', field: 'given' }];
      if (v.given === 'yes') rows.push({ key: 'Shared only for', value: listWords(v.purposes, purposeNames), field: 'purposes' });
      rows.push(
        { key: 'How they answered', value: methodNames[v.method], field: 'method' },
        { key: 'Language', value: v.language, field: 'language' },
        { key: 'Interpreter', value: interpreterNames[v.interpreter], field: 'interpreter' },
      );
      const sure = await checkAnswers(step, {
        heading: 'Check your answers before you record them',
        rows,
        warning: endingWarning(before, ended, v),
        confirm: v.given === 'yes' ? 'Record their consent' : 'Record their refusal',
      });
      if (!sure) return;
      const body = { given: v.given === 'yes', purposes: v.given === 'yes' ? v.purposes : [], method: v.method, language: v.language, interpreter: v.interpreter };
      const res = await api('PUT', `${path}/consent`, body);
      if (res.status === 200) {
        const n = res.body.shares_ended;
        const endedText = n ? ` ${n === 1 ? '1 share that rested on consent has' : `${n} shares that rested on consent have`} ended.` : '';
        if (body.given) finish(back, `Consent recorded for ${name}`, `They agree to sharing for ${listWords(body.purposes, purposeNames).toLowerCase()}.${endedText}`);
        else if (consentedPurposes(before).length) finish(back, `Consent withdrawn for ${name}`, `Nothing more is shared on their consent.${endedText}`);
        else finish(back, `Refusal recorded for ${name}`, `Nothing is shared on their consent.${endedText}`);
        return;
      }
      backToForm(step);
      showErrors(apiErrors(res, all, 'Their answer could not be recorded just now. Try again.'));
    });
  }
}
