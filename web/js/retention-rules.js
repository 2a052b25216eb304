// The retention rules: every signed-in role reads them; an administrator
// changes a group's review and clear periods through Check your answers.
import { api, showErrors, showProblem } from '/js/api.js';
import { backToForm, checkAnswers } from '/js/form.js';
import { el, groupName } from '/js/records.js';
import { cell, finish, signedInPage, stackLabels } from '/js/shell.js';

const me = await signedInPage();
const years = (n) => (n === null || n === undefined || Number(n) === 0 ? 'None' : `${n} year${Number(n) === 1 ? '' : 's'}`);

// A rule's source: its words, and the address it gives as a link.
function sourceCell(tr, source) {
  const td = cell(tr, '');
  const m = /(https?:\/\/\S+?)[).,;]?$/.exec(source || '');
  if (!m) {
    td.textContent = source || '';
    return;
  }
  td.append(source.slice(0, m.index).replace(/[,;\s]+$/, ''), ' ');
  const a = el('a', 'govuk-link', { href: m[1], textContent: '(the APP page)', rel: 'noreferrer noopener', target: '_blank' });
  a.append(el('span', 'govuk-visually-hidden', { textContent: ', opens in a new tab' }));
  td.append(a);
}

function yearsField(id, label, value, hint) {
  const g = el('div', 'govuk-form-group', { id: `${id}-group` });
  g.append(el('label', 'govuk-label', { htmlFor: id, textContent: label }));
  if (hint) g.append(el('div', 'govuk-hint', { id: `${id}-hint`, textContent: hint }));
  g.append(el('p', 'govuk-error-message', { id: `${id}-error`, hidden: true }));
  const wrap = el('div', 'govuk-input__wrapper');
  const input = el('input', 'govuk-input govuk-input--width-3', { id, name: id, type: 'text', inputMode: 'numeric', value: value ?? '' });
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  const suffix = el('div', 'govuk-input__suffix', { textContent: 'years' });
  suffix.setAttribute('aria-hidden', 'true');
  wrap.append(input, suffix);
  g.append(wrap);
  return g;
}

if (me) {
  const res = await api('GET', '/api/v1/retention/rules');
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    const { rules, version } = res.body;
    const body = document.getElementById('rules-rows');
    for (const r of rules) {
      const tr = el('tr', 'govuk-table__row');
      cell(tr, groupName(r.group, r.name), { header: true });
      cell(tr, r.applies_to || '');
      cell(tr, years(r.review_years));
      cell(tr, years(r.clear_years));
      cell(tr, r.disposal || '');
      sourceCell(tr, r.source);
      body.append(tr);
    }
    stackLabels(document.getElementById('rules-table'));
    document.getElementById('rules-body').hidden = false;
    if (me.may.includes('reference:administer')) {
      const fields = document.getElementById('rules-fields');
      for (const r of rules) {
        const fs = el('fieldset', 'govuk-fieldset govuk-!-margin-bottom-6');
        fs.append(el('legend', 'govuk-fieldset__legend govuk-fieldset__legend--s', { textContent: groupName(r.group, r.name) }));
        fs.append(yearsField(`${r.group}-review`, 'Review every', r.review_years), yearsField(`${r.group}-clear`, 'Clear period', r.clear_years, 'Years without further information before a record is clear for disposal; 0 for none.'));
        fields.append(fs);
      }
      document.getElementById('change').hidden = false;
      const form = document.getElementById('rules-form');
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const errors = [];
        const changed = [];
        for (const r of rules) {
          const got = {};
          for (const [part, key, label, least] of [['review', 'review_years', 'review period', 1], ['clear', 'clear_years', 'clear period', 0]]) {
            const id = `${r.group}-${part}`;
            const raw = document.getElementById(id).value.trim();
            if (!/^\d{1,3}$/.test(raw) || Number(raw) < least || Number(raw) > 100) {
              errors.push({ field: id, message: `Enter the ${label} of ${groupName(r.group, r.name).split(':')[0]} as a whole number of years from ${least} to 100` });
            }
            got[key] = Number(raw);
          }
          if (got.review_years !== r.review_years || got.clear_years !== r.clear_years) changed.push({ r, ...got });
        }
        if (!errors.length && !changed.length) errors.push({ field: `${rules[0].group}-review`, message: 'Change at least one period, or leave the page' });
        if (errors.length) {
          showErrors(errors);
          return;
        }
        showErrors([]);
        const rows = [];
        for (const c of changed) {
          const g = groupName(c.r.group, c.r.name).split(':')[0];
          if (c.review_years !== c.r.review_years) rows.push({ key: `${g}: review every`, value: `${years(c.review_years)} (was ${years(c.r.review_years)})`, field: `${c.r.group}-review` });
          if (c.clear_years !== c.r.clear_years) rows.push({ key: `${g}: clear period`, value: `${years(c.clear_years)} (was ${years(c.r.clear_years)})`, field: `${c.r.group}-clear` });
        }
        const sure = await checkAnswers(form, {
          heading: 'Check your answers before you change the rules',
          rows,
          confirm: 'Change the rules',
          warning: 'Reviews not yet recorded fall due by the new periods.',
        });
        if (!sure) return;
        const put = await api('PUT', '/api/v1/retention/rules', { rules: changed.map((c) => ({ group: c.r.group, review_years: c.review_years, clear_years: c.clear_years })) }, { 'If-Match': `"${version}"` });
        if (put.status === 200 || put.status === 204) {
          finish('/retention-rules', 'Retention rules changed', 'The new periods apply from now on.');
          return;
        }
        backToForm(form);
        document.getElementById('rules-form').hidden = false;
        if (put.status === 412) showErrors([{ field: null, message: 'Someone else changed the rules while you were changing them. Reload the page to see theirs.' }]);
        else if (put.status === 422 && put.body && put.body.errors) showErrors(put.body.errors.map((x) => ({ field: null, message: `${x.field.replace(/[_.]/g, ' ')}: ${x.message}` })));
        else showErrors([{ field: null, message: 'The rules could not be changed just now. Try again.' }]);
      });
    }
  }
}
