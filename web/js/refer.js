// The referral route: a child is referred without consent; an adult with
// informed consent (how, in which language, with which interpreter); an
// adult who declines is notified to the Home Office instead (Duty to
// Notify), without identifying details unless they agree.
import { api, showErrors } from '/js/api.js';
import { addFields, apiErrors, backToForm, checkAnswers, readField } from '/js/form.js';
import { autocomplete } from '/js/names.js';
import { finish, longDate, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const params = new URLSearchParams(window.location.search);
const caseId = params.get('case') || '';
const personId = params.get('person') || '';
const back = `/case?id=${encodeURIComponent(caseId)}`;
const today = new Date().toISOString().slice(0, 10);

const referral = [
  { id: 'referred_on', label: 'Date of the referral', kind: 'date', hint: 'For example, 27 11 2026.' },
  { id: 'competent_authority', label: 'Competent Authority', kind: 'radios', options: [
    { value: 'single', label: 'Single Competent Authority' },
    { value: 'immigration_enforcement', label: 'Immigration Enforcement Competent Authority' },
  ] },
];
const consentQuestion = [{ id: 'consent_given', label: 'Have they given informed consent to be referred?', kind: 'yesno' }];
const consent = [
  { id: 'method', label: 'How was consent given?', hint: 'For example, signed form, or verbally with a witness.' },
  { id: 'language', label: 'Language used', hint: 'Start typing, like Albanian; for a dialect, a country in brackets: Arabic (Syria).' },
  { id: 'interpreter', label: 'Interpreter (if any)', hint: 'Name or booking reference.' },
];
const dtn = [{ id: 'identifying_consent', label: 'Have they agreed to be identified to the Home Office?', kind: 'yesno' }];

if (me) {
  document.getElementById('cancel').href = back;
  const kase = await api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`);
  const link = kase.status === 200 ? kase.body.people.find((p) => p.person.id === personId && p.role === 'potential_victim') : null;
  const person = link ? await api('GET', `/api/v1/people/${encodeURIComponent(personId)}`, undefined, { 'X-Purpose': 'Making an NRM referral' }) : null;
  if (!person || person.status !== 200) {
    showErrors([{ field: null, message: 'There is no such potential victim in a case you can see.' }]);
  } else {
    const p = person.body;
    const child = p.presumed_child;
    document.getElementById('who').textContent = `${p.given_names} ${p.family_name}, ${kase.body.reference}`.trim();
    document.getElementById('child-note').hidden = !child;
    addFields(document.getElementById('referral-fields'), referral);
    if (!child) {
      addFields(document.getElementById('consent-question'), consentQuestion);
      addFields(document.getElementById('consent-fields'), consent);
      autocomplete(document.getElementById('language'), 'language');
      addFields(document.getElementById('dtn-fields'), dtn);
      for (const input of document.querySelectorAll('input[name="consent_given"]')) {
        input.addEventListener('change', () => {
          const given = readField(consentQuestion[0]);
          document.getElementById('consent-fields').hidden = given !== true;
          document.getElementById('dtn').hidden = given !== false;
          document.getElementById('submit').textContent = given === false ? 'Record the Duty to Notify' : 'Make the referral';
        });
      }
    }
    const form = document.getElementById('refer-form');
    document.getElementById('competent_authority').checked = true;
    form.hidden = false;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const on = readField(referral[0]);
      const errors = [];
      if (!on) errors.push({ field: 'referred_on', message: 'Enter the date of the referral' });
      else if (on === 'invalid' || on > today) errors.push({ field: 'referred_on', message: 'The date must be a real date, today or earlier' });
      const given = child ? null : readField(consentQuestion[0]);
      if (!child && given === null) errors.push({ field: 'consent_given', message: 'Say whether they have given informed consent' });
      if (given === true && !readField(consent[0])) errors.push({ field: 'method', message: 'Say how consent was given' });
      if (given === true && !readField(consent[1])) errors.push({ field: 'language', message: 'Enter the language used' });
      if (given === false && readField(dtn[0]) === null) errors.push({ field: 'identifying_consent', message: 'Say whether they agreed to be identified' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      showErrors([]);
      const name = `${p.given_names} ${p.family_name}`.trim();
      const rows = [{ key: 'Person', value: `${name}${child ? ' (treated as a child)' : ''}`, field: 'referred_on' },
        { key: given === false ? 'Date of the notification' : 'Date of the referral', value: longDate(on), field: 'referred_on' }];
      if (given !== false) {
        rows.push({ key: 'Competent Authority', value: readField(referral[1]) === 'single' ? 'Single Competent Authority' : 'Immigration Enforcement Competent Authority', field: 'competent_authority' });
      }
      if (!child) rows.push({ key: 'Informed consent', value: given ? 'Given' : 'Not given: Duty to Notify instead', field: 'consent_given' });
      if (given === true) {
        rows.push({ key: 'How consent was given', value: readField(consent[0]), field: 'method' },
          { key: 'Language used', value: readField(consent[1]), field: 'language' },
          { key: 'Interpreter', value: readField(consent[2]) || 'None', field: 'interpreter' });
      }
      if (given === false) rows.push({ key: 'Agreed to be identified', value: readField(dtn[0]) ? 'Yes' : 'No', field: 'identifying_consent' });
      const sure = await checkAnswers(form, {
        heading: 'Check your answers before you send them',
        rows,
        confirm: given === false ? 'Confirm and record the Duty to Notify' : 'Confirm and make the referral',
      });
      if (!sure) return;
      let res;
      if (given === false) {
        res = await api('POST', '/api/v1/duty-to-notify', {
          case_id: caseId, person_id: personId, submitted_on: on, identifying_consent: readField(dtn[0]) === true,
        });
      } else {
        const body = { case_id: caseId, person_id: personId, referred_on: on, competent_authority: readField(referral[1]) };
        if (given === true) {
          body.consent = { given: true, method: readField(consent[0]), language: readField(consent[1]) };
          if (readField(consent[2])) body.consent.interpreter = readField(consent[2]);
        }
        res = await api('POST', '/api/v1/nrm-referrals', body);
      }
      if (res.status === 201 && given === false) {
        finish(back, `Duty to Notify recorded for ${name}`, 'Next: print the MS1 from the case page and send it to the Home Office.');
        return;
      }
      if (res.status === 201) {
        finish(back, `${name} was referred to the NRM`, `The Reasonable Grounds decision is due by ${longDate(res.body.rg_due)}; it is on your worklist until then.`);
        return;
      }
      backToForm(form);
      if (res.body && res.body.errors) {
        res.body.errors = res.body.errors.map((x) => ({ ...x, field: x.field === 'consent.given' ? 'consent_given' : x.field.replace(/^consent\./, '') }));
      }
      showErrors(res.status === 409 ? [{ field: null, message: 'They already have a referral in this case.' }]
        : apiErrors(res, [...referral, ...consentQuestion, ...consent, ...dtn], 'The referral could not be recorded just now. Try again.'));
    });
  }
}
