// Adds a person to a case, searching first: the officer gives a name (and a
// date of birth if known), sees the people they may see who match and why,
// and either gives one of them a part in the case or records a new person;
// then their role, Check your answers, and back to the case with a banner.
import { api, showErrors } from '/js/api.js';
import { caseOrRefuse, partAddress } from '/js/case-part.js';
import { addFields, answerRows, apiErrors, checkAnswers, questionSteps, readField, writeField } from '/js/form.js';
import { autocomplete, countryNames, genderOptions, languageNames } from '/js/names.js';
import { ageText, findFields, fullName, personChoice, searchAsked } from '/js/person-search.js';
import { finish, roleNames, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const { caseId, back } = partAddress();
const list = (v) => v.split(/[,\n]/).map((x) => x.trim()).filter(Boolean);
const NEW = 'new';

const groups = {
  'name-fields': [
    { id: 'given_names', label: 'Given names' },
    { id: 'family_name', label: 'Family name' },
  ],
  'identity-fields': [
    { id: 'date_of_birth', label: 'Date of birth', kind: 'date', hint: 'For example, 27 3 2007. Leave blank if not known.' },
    { id: 'estimated_age', label: 'Age, or best estimate', width: 3, hint: 'Only when the date of birth is not known.' },
    { id: 'gender', label: 'Gender', kind: 'radios', options: genderOptions() },
    { id: 'nationalities', label: 'Nationalities', kind: 'names', of: 'country', noun: 'nationality', hint: 'Start typing a country, like Albania, and choose it; add each one they hold.' },
  ],
  'language-fields': [
    { id: 'languages', label: 'Languages spoken', kind: 'names', of: 'language', noun: 'language', hint: 'Start typing a language, like Vietnamese, and choose it; for a dialect, a country in brackets: Arabic (Syria).' },
    { id: 'interpreter_needed', label: 'Is an interpreter needed?', kind: 'yesno' },
    { id: 'interpreter_language', label: 'Interpreter language and dialect', hint: 'Start typing, like Arabic; for a dialect, a country in brackets: Arabic (Syria).' },
  ],
};
const detailFields = Object.values(groups).flat();
const roleField = { id: 'role', label: 'What is their role in this case?', kind: 'radios', options: Object.entries(roleNames).map(([value, label]) => ({ value, label })) };

// The page's questions, one shown at a time, each remembering where Back goes.
// Showing one puts away the Check your answers that may stand in their place.
const show = questionSteps(['find-form', 'choose-form', 'details-form', 'role-form'], () => {
  const answers = document.getElementById('check-answers');
  if (answers) answers.hidden = true;
  document.getElementById('steps').hidden = false;
});

function checkDetails(v) {
  const errors = [];
  if (!v.given_names && !v.family_name) errors.push({ field: 'given_names', message: 'Enter their given names, family name or both' });
  if (v.date_of_birth === 'invalid') errors.push({ field: 'date_of_birth', message: 'Date of birth must be a real date' });
  if (v.estimated_age && !/^[0-9]{1,3}$/.test(v.estimated_age)) errors.push({ field: 'estimated_age', message: 'Enter the age as a number, like 16' });
  else if (v.estimated_age && v.date_of_birth) errors.push({ field: 'estimated_age', message: 'Give a date of birth or an age, not both' });
  if (v.interpreter_needed === true && !v.interpreter_language) errors.push({ field: 'interpreter_language', message: 'Enter the language the interpreter needs' });
  return errors;
}

function personBody(v) {
  const body = { given_names: v.given_names, family_name: v.family_name, nationalities: v.nationalities, languages: v.languages };
  if (v.date_of_birth) body.date_of_birth = v.date_of_birth;
  if (v.estimated_age) body.estimated_age = Number(v.estimated_age);
  if (v.gender) body.gender = v.gender;
  if (v.interpreter_needed !== null) body.interpreter_needed = v.interpreter_needed;
  if (v.interpreter_needed && v.interpreter_language) body.interpreter_language = v.interpreter_language;
  return body;
}

if (me) {
  document.getElementById('cancel').href = back;
  const kase = await caseOrRefuse(caseId);
  if (kase && !me.may.includes('case:write')) {
    showErrors([{ field: null, message: 'You cannot add people to this case.' }]);
  } else if (kase) {
    document.getElementById('who').textContent = kase.reference;
    const findForm = document.getElementById('find-form');
    addFields(findForm, findFields);
    for (const [where, fs] of Object.entries(groups)) addFields(document.getElementById(where), fs);
    addFields(document.getElementById('role-form'), [roleField]);
    // A question page: the role's legend is the page's heading.
    const legend = document.querySelector('#role-group legend');
    legend.className = 'govuk-fieldset__legend govuk-fieldset__legend--l';
    legend.replaceChildren(Object.assign(document.createElement('h1'), { className: 'govuk-fieldset__heading', textContent: roleField.label }));
    autocomplete(document.getElementById('interpreter_language'), 'language');
    const parts = new Map(kase.people.map((p) => [p.person.id, p.role]));
    let found = [];
    let chosen = null; // the person found, or null for a new one
    let made = null; // a new person once recorded, so that a retry only links them
    let detailRows = []; // the new person's answers, read while their question shows
    let changing = ''; // the field whose Change link was followed
    document.addEventListener('click', (e) => {
      const a = e.target.closest('#check-answers a[href^="#"]');
      if (a) changing = a.getAttribute('href').slice(1);
    }, true);

    findForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const asked = await searchAsked('Enter their name');
      if (!asked) return;
      const { q, dob } = asked;
      found = asked.items;
      // What the officer typed starts the new record: the last word as the family name.
      const words = q.split(/\s+/);
      writeField(groups['name-fields'][0], words.length > 1 ? words.slice(0, -1).join(' ') : '');
      writeField(groups['name-fields'][1], words[words.length - 1]);
      writeField(groups['identity-fields'][0], dob);
      if (!found.length) {
        const none = document.getElementById('none-found');
        none.textContent = `No one you can see has a name like ${q}. Record them as a new person.`;
        none.hidden = false;
        show('details-form', 'given_names');
        return;
      }
      document.getElementById('none-found').hidden = true;
      const choices = document.getElementById('choices');
      choices.replaceChildren(...found.map((p, i) => personChoice('choice', p, i,
        parts.has(p.id) ? `Already in this case as ${roleNames[parts.get(p.id)].toLowerCase()}.` : '')));
      choices.append(Object.assign(document.createElement('div'), { className: 'govuk-radios__divider', textContent: 'or' }));
      const none = personChoice('choice', { id: NEW }, found.length, '');
      none.querySelector('label').textContent = 'No, none of these: record a new person';
      none.querySelector('.govuk-radios__hint').remove();
      none.querySelector('input').removeAttribute('aria-describedby');
      choices.append(none);
      document.getElementById('choice-hint').textContent =
        `${found.length === 1 ? 'One person' : `${found.length} people`} you can see ${found.length === 1 ? 'has' : 'have'} a name like ${q}, best match first.`;
      show('choose-form', 'choice');
    });

    document.getElementById('choose-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const v = (document.querySelector('input[name="choice"]:checked') || {}).value;
      if (!v) {
        showErrors([{ field: 'choice', message: 'Select the person, or that none of these is them' }]);
        return;
      }
      showErrors([]);
      chosen = v === NEW ? null : found.find((p) => p.id === v);
      show(chosen ? 'role-form' : 'details-form', chosen ? 'role' : 'given_names');
    });

    document.getElementById('details-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const v = Object.fromEntries(detailFields.map((f) => [f.id, readField(f)]));
      const errors = checkDetails(v);
      showErrors(errors);
      if (errors.length) return;
      detailRows = answerRows(detailFields).filter((r) => r.field !== 'interpreter_language' || v.interpreter_needed);
      show('role-form', 'role');
    });

    document.getElementById('role-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const role = readField(roleField);
      if (!role) {
        showErrors([{ field: 'role', message: 'Select their role in this case' }]);
        return;
      }
      showErrors([]);
      const v = Object.fromEntries(detailFields.map((f) => [f.id, readField(f)]));
      const rows = chosen
        ? [{ key: 'Person', value: fullName(chosen), field: 'choice' },
          { key: 'Date of birth or age', value: ageText(chosen), field: 'choice' },
          { key: 'Nationality', value: countryNames(chosen.nationalities) || 'Not known', field: 'choice' }]
        : [...detailRows];
      rows.push({ key: 'Role in this case', value: roleNames[role], field: 'role' });
      const stepsBox = document.getElementById('steps');
      const sure = await checkAnswers(stepsBox, {
        heading: chosen ? 'Check your answers before you add them to the case' : 'Check your answers before you record them',
        rows,
        confirm: chosen ? 'Add them to the case' : 'Record them and add them to the case',
      });
      if (!sure) {
        // Change: the question that asked it, focused on the answer.
        const at = changing === 'choice' ? 'choose-form' : detailFields.some((f) => f.id === changing) ? 'details-form' : 'role-form';
        show(at, changing);
        return;
      }
      if (!chosen && !made) {
        const res = await api('POST', '/api/v1/people', personBody(v));
        if (res.status !== 201) {
          show('details-form');
          showErrors(apiErrors(res, detailFields, 'The person could not be recorded just now. Try again.'));
          return;
        }
        made = res.body;
      }
      const who = chosen || made;
      const linked = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/people`, { person_id: who.id, role });
      if (linked.status === 201) {
        finish(back, `${fullName(who)} added to the case`, `As ${roleNames[role].toLowerCase()}. ${made ? 'Their record is new.' : 'Their record is the one already held, with its other cases.'}`);
        return;
      }
      show('role-form');
      showErrors(linked.status === 409
        ? [{ field: 'role', message: `${fullName(who)} already has that role in this case` }]
        : apiErrors(linked, [roleField], made ? `${fullName(who)} was recorded but could not be added to the case just now. Try again.` : 'They could not be added to the case just now. Try again.'));
    });
    show('find-form');
  }
}
