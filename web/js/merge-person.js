// Merges two records of one person (supervisors): from one record, the
// officer finds the other, compares the two side by side, chooses which
// record to keep and confirms; the kept record's page then says so, and
// offers to separate them again.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, questionSteps, writeField } from '/js/form.js';
import { countryNames, genderName, languageName, languageNames } from '/js/names.js';
import { ageText, findFields, fullName, personChoice, searchAsked } from '/js/person-search.js';
import { finish, roleNames, signedInPage, stackLabels } from '/js/shell.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';
const back = `/person?id=${encodeURIComponent(id)}`;

// What the comparison shows of a record, row by row.
const details = [
  ['Name', fullName],
  ['Other names', (p) => p.aliases.join(', ') || 'None recorded'],
  ['Date of birth or age', ageText],
  ['Gender', (p) => genderName(p.gender) || 'Not recorded'],
  ['Nationality', (p) => countryNames(p.nationalities) || 'Not known'],
  ['Languages', (p) => languageNames(p.languages) || 'Not known'],
  ['Interpreter', (p) => (p.interpreter_needed ? `Needed: ${languageName(p.interpreter_language)}` : 'Not needed')],
  ['Cases you can see', (p) => p.cases.map((c) => `${c.reference} (${(roleNames[c.role] || c.role).toLowerCase()})`).join(', ') || 'None'],
];

// The page's questions, one shown at a time, each remembering where Back goes.
const show = questionSteps(['find-form', 'choose-form', 'compare-form']);

function compare(mine, theirs) {
  const body = document.getElementById('compare-body');
  body.replaceChildren();
  for (const [label, read] of details) {
    const a = read(mine);
    const b = read(theirs);
    const row = document.createElement('tr');
    row.className = 'govuk-table__row';
    const th = Object.assign(document.createElement('th'), { scope: 'row', className: 'govuk-table__header', textContent: label });
    if (a !== b) {
      const tag = Object.assign(document.createElement('strong'), { className: 'govuk-tag govuk-tag--yellow govuk-!-margin-left-1', textContent: 'Differs' });
      th.append(' ', tag);
    }
    row.append(th);
    for (const v of [a, b]) row.append(Object.assign(document.createElement('td'), { className: 'govuk-table__cell', textContent: v }));
    body.append(row);
  }
  const table = document.getElementById('compare');
  document.getElementById('this-head').textContent = `This record: ${fullName(mine)}`;
  document.getElementById('other-head').textContent = `The other record: ${fullName(theirs)}`;
  document.getElementById('keep-this-label').textContent = `This record (${fullName(mine)})`;
  document.getElementById('keep-other-label').textContent = `The other record (${fullName(theirs)})`;
  stackLabels(table);
}

if (me) {
  document.getElementById('cancel').href = back;
  const res = await api('GET', `/api/v1/people/${encodeURIComponent(id)}`);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else if (!me.may.includes('person:decide')) {
    showErrors([{ field: null, message: 'Only a supervisor can merge two records of one person.' }]);
  } else {
    const mine = res.body;
    let theirs = null;
    let found = [];
    document.getElementById('who').textContent = fullName(mine);
    const findForm = document.getElementById('find-form');
    addFields(findForm, findFields);
    writeField(findFields[0], fullName(mine));
    writeField(findFields[1], mine.date_of_birth || '');

    findForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const asked = await searchAsked('Enter the name on their other record');
      if (!asked) return;
      const { q } = asked;
      found = asked.items.filter((p) => p.id !== mine.id);
      const none = document.getElementById('none-found');
      none.hidden = found.length > 0;
      if (!found.length) {
        none.textContent = `No one else you can see has a name like ${q}. Try another spelling or name.`;
        document.getElementById('q').focus();
        return;
      }
      document.getElementById('choices').replaceChildren(...found.map((p, i) => personChoice('choice', p, i, '')));
      document.getElementById('choice-hint').textContent = `People you can see with a name like ${q}, best match first.`;
      show('choose-form', 'choice');
    });

    document.getElementById('choose-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = (document.querySelector('input[name="choice"]:checked') || {}).value;
      if (!v) {
        showErrors([{ field: 'choice', message: 'Select their other record' }]);
        return;
      }
      const other = await api('GET', `/api/v1/people/${encodeURIComponent(v)}`);
      if (other.status !== 200) {
        showErrors([{ field: 'choice', message: 'That record cannot be read just now. Try again.' }]);
        return;
      }
      showErrors([]);
      theirs = other.body;
      compare(mine, theirs);
      for (const r of document.querySelectorAll('input[name="keep"]')) r.checked = false;
      show('compare-form');
      document.querySelector('#compare-form h1').tabIndex = -1;
      document.querySelector('#compare-form h1').focus();
    });

    document.getElementById('compare-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const keep = (document.querySelector('input[name="keep"]:checked') || {}).value;
      if (!keep) {
        showErrors([{ field: 'keep', message: 'Select which record to keep' }]);
        return;
      }
      const [kept, gone] = keep === 'this' ? [mine, theirs] : [theirs, mine];
      const merged = await api('POST', `/api/v1/people/${encodeURIComponent(gone.id)}/merge`, { into: kept.id });
      if (merged.status === 200) {
        const n = merged.body.links_moved;
        finish(`/person?id=${encodeURIComponent(kept.id)}`, 'Records merged',
          `${n} ${n === 1 ? 'part in a case' : 'parts in cases'} moved to this record from ${fullName(gone)}'s. If they are not one person, separate them again from this page.`);
        return;
      }
      const errs = (merged.body && merged.body.errors) || [];
      showErrors(merged.status === 422 && errs.length
        ? errs.map((x) => ({ field: 'keep', message: `The record to keep: ${x.message}` }))
        : [{ field: null, message: merged.status === 403 || merged.status === 404
          ? 'You may not merge these two records: you must be a supervisor over both.'
          : 'The records could not be merged just now. Try again.' }]);
    });
    show('find-form');
  }
}
