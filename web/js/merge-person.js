// Merges two records of one person (supervisors): from one record, the
// officer finds the other, compares the two side by side, chooses which
// record to keep and, where they differ, which details are right, checks
// the answers and confirms; the kept record's page then says so, and offers
// to separate them again.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, checkAnswers, questionSteps, readField, writeField } from '/js/form.js';
import { countryNames, genderName, languageName, languageNames } from '/js/names.js';
import { ageText, findFields, fullName, personChoice, searchAsked } from '/js/person-search.js';
import { finish, roleNames, signedInPage, stackLabels } from '/js/shell.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';
const back = `/person?id=${encodeURIComponent(id)}`;

// What the comparison shows of a record, row by row, and the name by which
// the merge takes that detail from the merged record (none for cases).
const details = [
  ['Name', fullName, 'name'],
  ['Other names', (p) => p.aliases.join(', ') || 'None recorded', 'aliases'],
  ['Date of birth or age', ageText, 'age'],
  ['Gender', (p) => genderName(p.gender) || 'Not recorded', 'gender'],
  ['Nationality', (p) => countryNames(p.nationalities) || 'Not known', 'nationalities'],
  ['Languages', (p) => languageNames(p.languages) || 'Not known', 'languages'],
  ['Interpreter', (p) => (p.interpreter_needed ? `Needed: ${languageName(p.interpreter_language)}` : 'Not needed'), 'interpreter'],
  ['Cases you can see', (p) => p.cases.map((c) => `${c.reference} (${(roleNames[c.role] || c.role).toLowerCase()})`).join(', ') || 'None', null],
];

// The page's questions, one shown at a time, each remembering where Back
// goes; showing one puts away the Check your answers in their place.
const show = questionSteps(['find-form', 'choose-form', 'compare-form', 'values-form'], () => {
  const answers = document.getElementById('check-answers');
  if (answers) answers.hidden = true;
  document.getElementById('merge-warning').hidden = true;
  document.getElementById('steps').hidden = false;
});

// One question for each detail the two records differ in: keep the kept
// record's value (the first choice) or take the other's.
function valueFields(kept, gone) {
  return details.filter(([label, read, take]) => take && read(kept) !== read(gone)).map(([label, read, take]) => ({
    id: `take-${take}`,
    take,
    label,
    kind: 'radios',
    options: [{ value: 'keep', label: `${read(kept)}, as on the record you keep`, shown: read(kept) },
      { value: 'take', label: `${read(gone)}, as on the other record`, shown: read(gone) }],
  }));
}

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

    let kept = null;
    let gone = null;
    let asked = []; // the questions about details that differ
    let changing = ''; // the answer whose Change link was followed
    document.addEventListener('click', (e) => {
      const a = e.target.closest('#check-answers a[href^="#"]');
      if (a) changing = a.getAttribute('href').slice(1);
    }, true);

    async function confirmMerge() {
      const take = asked.filter((f) => readField(f) === 'take').map((f) => f.take);
      const rows = [
        { key: 'Record kept', value: `${fullName(kept)} (${ageText(kept)})`, field: 'keep' },
        { key: 'Record merged into it', value: `${fullName(gone)} (${ageText(gone)})`, field: 'keep' },
        ...asked.map((f) => ({ key: f.label, value: f.options.find((o) => o.value === readField(f)).shown, field: f.id })),
        { key: 'Cases that move to the kept record', value: details[details.length - 1][1](gone), field: 'keep' },
      ];
      document.getElementById('merge-warning').hidden = false;
      const sure = await checkAnswers(document.getElementById('steps'), {
        heading: 'Check your answers before you merge the records',
        rows,
        confirm: 'Merge the records',
      });
      if (!sure) {
        show(changing === 'keep' ? 'compare-form' : 'values-form', changing);
        return;
      }
      const merged = await api('POST', `/api/v1/people/${encodeURIComponent(gone.id)}/merge`, { into: kept.id, take });
      if (merged.status === 200) {
        const n = merged.body.links_moved;
        const took = take.length ? ` It took ${take.length === 1 ? 'one detail' : `${take.length} details`} from that record, as its history shows.` : '';
        finish(`/person?id=${encodeURIComponent(kept.id)}`, 'Records merged',
          `${n} ${n === 1 ? 'part in a case' : 'parts in cases'} moved to this record from ${fullName(gone)}'s.${took} If they are not one person, separate them again from this page.`);
        return;
      }
      show('compare-form', 'keep');
      const errs = (merged.body && merged.body.errors) || [];
      showErrors(merged.status === 422 && errs.length
        ? errs.map((x) => ({ field: 'keep', message: `The record to keep: ${x.message}` }))
        : [{ field: null, message: merged.status === 409
          ? 'The record to keep was changed by someone else while you compared them. Compare them again.'
          : merged.status === 403 || merged.status === 404
            ? 'You may not merge these two records: you must be a supervisor over both.'
            : 'The records could not be merged just now. Try again.' }]);
    }

    document.getElementById('compare-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const keep = (document.querySelector('input[name="keep"]:checked') || {}).value;
      if (!keep) {
        showErrors([{ field: 'keep', message: 'Select which record to keep' }]);
        return;
      }
      showErrors([]);
      [kept, gone] = keep === 'this' ? [mine, theirs] : [theirs, mine];
      asked = valueFields(kept, gone);
      const values = document.getElementById('values');
      values.replaceChildren();
      addFields(values, asked);
      // The kept record's own details unless the officer chooses otherwise.
      for (const f of asked) writeField(f, 'keep');
      if (!asked.length) {
        await confirmMerge();
        return;
      }
      show('values-form', asked[0].id);
    });

    document.getElementById('values-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      await confirmMerge();
    });
    show('find-form');
  }
}
