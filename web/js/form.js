// Builds GOV.UK form groups from a short description, reads them back, and
// saves a versioned record so that two people editing it never lose a change.
//
// A field: {id, label, kind, hint, options: [{value, label, hint, reveal}],
// width, empty} (empty: what a select's empty choice says, 'Not known'
// unless given; an option's reveal: the fields asked only when it is chosen,
// shown beneath it as a GOV.UK conditional reveal)
// kind: text (default), textarea, select, radios, checkboxes, yesno, date,
// names (several countries or languages chosen by name: of 'country' or
// 'language', noun for what one of them is called, like 'nationality').
// Each group is #ID-group with its message in #ID-error; the first control is
// #ID, so an error summary link lands on it.
import { api, showErrors } from '/js/api.js';
import { autocomplete } from '/js/names.js';
import { longDate } from '/js/shell.js';

function el(tag, className, props = {}) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  return Object.assign(e, props);
}

function hintAndError(f, group, described) {
  if (f.hint) {
    group.append(el('div', 'govuk-hint', { id: `${f.id}-hint`, textContent: f.hint }));
    described.push(`${f.id}-hint`);
  }
  group.append(el('p', 'govuk-error-message', { id: `${f.id}-error`, hidden: true }));
}

function choices(f, type) {
  const wrap = el('div', type === 'radio' ? 'govuk-radios govuk-radios--small' : 'govuk-checkboxes govuk-checkboxes--small');
  wrap.dataset.module = type === 'radio' ? 'govuk-radios' : 'govuk-checkboxes';
  f.options.forEach((o, i) => {
    const kind = type === 'radio' ? 'radios' : 'checkboxes';
    const item = el('div', `govuk-${kind}__item`);
    const input = el('input', `govuk-${kind}__input`, { type, name: f.id, value: o.value, id: i ? `${f.id}-${i}` : f.id });
    const label = el('label', `govuk-label govuk-${kind}__label`, { htmlFor: input.id, textContent: o.label });
    item.append(input, label);
    if (o.hint) {
      item.append(el('div', `govuk-hint govuk-${kind}__hint`, { id: `${input.id}-item-hint`, textContent: o.hint }));
      input.setAttribute('aria-describedby', `${input.id}-item-hint`);
    }
    wrap.append(item);
    if (o.reveal) {
      const box = el('div', `govuk-${kind}__conditional govuk-${kind}__conditional--hidden`, { id: `${input.id}-reveal` });
      for (const inner of o.reveal) box.append(field(inner));
      input.setAttribute('aria-controls', box.id);
      wrap.append(box);
    }
  });
  return wrap;
}

// A choice's conditional reveal shows while the choice is checked. GOV.UK
// Frontend's own script would also set aria-expanded on the radio or
// checkbox, which ARIA 1.2 does not allow there (axe refuses it), so Waymark
// shows and hides them itself, with GOV.UK Frontend's classes.
function startReveals(group) {
  const choices = [...group.querySelectorAll('.govuk-radios__input[aria-controls], .govuk-checkboxes__input[aria-controls]')];
  if (!choices.length) return;
  const sync = () => {
    for (const c of choices) {
      const box = group.querySelector(`#${CSS.escape(c.getAttribute('aria-controls'))}`);
      const kind = box.classList.contains('govuk-radios__conditional') ? 'radios' : 'checkboxes';
      box.classList.toggle(`govuk-${kind}__conditional--hidden`, !c.checked);
    }
  };
  group.addEventListener('change', sync);
  sync();
}

// The names a names field holds, in the order they were added.
const chosenNames = (id) => [...document.querySelectorAll(`#${id}-chosen li`)].map((li) => li.dataset.value);

// Puts the names in a names field's list, each with a button to take it
// out again, and says what changed to a screen reader.
function showNames(f, names, said) {
  const list = document.getElementById(`${f.id}-chosen`);
  list.replaceChildren(...names.map((n) => {
    const li = el('li', 'waymark-chosen__item', { textContent: `${n} ` });
    li.dataset.value = n;
    const remove = el('button', 'govuk-link waymark-link-button', { type: 'button', textContent: 'Remove' });
    remove.append(el('span', 'govuk-visually-hidden', { textContent: ` ${n}` }));
    remove.addEventListener('click', () => {
      showNames(f, chosenNames(f.id).filter((x) => x !== n), `${n} removed`);
      const box = document.getElementById(f.id);
      if (box.value.trim() === n) emptyBox(box); // nor left in the box to be read back
      box.focus();
    });
    li.append(remove);
    return li;
  }));
  list.hidden = !names.length;
  if (said) document.getElementById(`${f.id}-status`).textContent = said;
}

// Adds a name to a names field's list and empties the box it was typed in.
function addName(f, name) {
  const n = (name || '').trim();
  if (!n) return;
  const names = chosenNames(f.id);
  if (!names.includes(n)) names.push(n);
  showNames(f, names, `${n} added`);
  emptyOnceShown(f.id, n, 20);
}

// The autocomplete puts a confirmed name in its box when it next draws,
// which may be after this: wait for the name to show (a little while at
// most), then empty the box; whatever else is typed there meanwhile stays.
function emptyOnceShown(id, name, tries) {
  const box = document.getElementById(id);
  if (box.value.trim() === name) emptyBox(box);
  else if (tries > 0) setTimeout(() => emptyOnceShown(id, name, tries - 1), 25);
}

// Empties an autocomplete's box as typing would, so that the autocomplete
// knows it is empty and never draws the old name back.
function emptyBox(box) {
  box.value = '';
  box.dispatchEvent(new Event('input', { bubbles: true }));
}

// A names field: the names chosen so far as a list, then an autocomplete box
// and an Add button; picking a name from the menu adds it at once.
function namesField(f, group, described) {
  group.append(el('label', 'govuk-label', { htmlFor: f.id, textContent: f.label }));
  hintAndError(f, group, described);
  group.append(el('ul', 'govuk-list waymark-chosen', { id: `${f.id}-chosen`, hidden: true }),
    el('div', 'govuk-visually-hidden', { id: `${f.id}-status`, role: 'status' }));
  const input = el('input', 'govuk-input', { type: 'text', id: f.id, name: f.id });
  group.append(input);
  const box = autocomplete(input, f.of, (picked) => addName(f, picked));
  if (described.length) box.setAttribute('aria-describedby', described.join(' '));
  const add = el('button', 'govuk-button govuk-button--secondary govuk-!-margin-top-2 govuk-!-margin-bottom-0', { type: 'button', textContent: 'Add' });
  add.append(el('span', 'govuk-visually-hidden', { textContent: ` ${f.noun || 'name'}` }));
  add.addEventListener('click', () => {
    addName(f, document.getElementById(f.id).value);
    document.getElementById(f.id).focus();
  });
  group.append(add);
  return group;
}

export function field(f) {
  const group = el('div', 'govuk-form-group', { id: `${f.id}-group` });
  const described = [];
  const kind = f.kind || 'text';
  if (['radios', 'checkboxes', 'yesno', 'date'].includes(kind)) {
    const fs = el('fieldset', 'govuk-fieldset', { role: kind === 'date' ? 'group' : undefined });
    const legend = el('legend', 'govuk-fieldset__legend govuk-fieldset__legend--s', { textContent: f.label });
    fs.append(legend);
    hintAndError(f, fs, described);
    if (kind === 'date') {
      const wrap = el('div', 'govuk-date-input');
      for (const [part, name, width] of [['day', 'Day', 2], ['month', 'Month', 2], ['year', 'Year', 4]]) {
        const item = el('div', 'govuk-date-input__item');
        const grp = el('div', 'govuk-form-group');
        const id = part === 'day' ? f.id : `${f.id}-${part}`;
        grp.append(el('label', 'govuk-label govuk-date-input__label', { htmlFor: id, textContent: name }),
          el('input', `govuk-input govuk-date-input__input govuk-input--width-${width}`, { id, name: id, type: 'text', inputMode: 'numeric' }));
        item.append(grp);
        wrap.append(item);
      }
      fs.append(wrap);
    } else {
      const opts = kind === 'yesno' ? [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] : f.options;
      fs.append(choices({ ...f, options: opts }, kind === 'checkboxes' ? 'checkbox' : 'radio'));
      if (kind === 'yesno') fs.lastChild.classList.add('govuk-radios--inline');
    }
    if (described.length) fs.setAttribute('aria-describedby', described.join(' '));
    group.append(fs);
    return group;
  }
  if (kind === 'names') return namesField(f, group, described);
  group.append(el('label', 'govuk-label', { htmlFor: f.id, textContent: f.label }));
  hintAndError(f, group, described);
  let control;
  if (kind === 'textarea') {
    control = el('textarea', 'govuk-textarea', { rows: 4 });
  } else if (kind === 'select') {
    control = el('select', 'govuk-select');
    control.append(el('option', '', { value: '', textContent: f.empty || 'Not known' }));
    for (const o of f.options) control.append(el('option', '', { value: o.value, textContent: o.label }));
  } else {
    control = el('input', `govuk-input${f.width ? ` govuk-input--width-${f.width}` : ''}`, { type: 'text' });
  }
  control.id = f.id;
  control.name = f.id;
  if (described.length) control.setAttribute('aria-describedby', described.join(' '));
  group.append(control);
  return group;
}

// Adds the fields to a container, before its first button (not counting a
// field's own buttons).
export function addFields(container, fields) {
  const before = [...container.querySelectorAll('button, .govuk-button')].find((b) => !b.closest('.govuk-form-group')) || null;
  for (const f of fields) startReveals(container.insertBefore(field(f), before));
}

// Reads a field: text as trimmed string, checkboxes as an array of values,
// yesno as true/false/null, date as YYYY-MM-DD, '' when empty or 'invalid',
// names as an array (with a name typed but not yet added at its end).
export function readField(f) {
  const kind = f.kind || 'text';
  if (kind === 'names') {
    const names = chosenNames(f.id);
    const typed = document.getElementById(f.id).value.trim();
    return typed && !names.includes(typed) ? [...names, typed] : names;
  }
  if (kind === 'checkboxes') return [...document.querySelectorAll(`input[name="${f.id}"]:checked`)].map((i) => i.value);
  if (kind === 'radios' || kind === 'yesno') {
    const v = (document.querySelector(`input[name="${f.id}"]:checked`) || {}).value || '';
    return kind === 'yesno' ? (v ? v === 'yes' : null) : v;
  }
  if (kind === 'date') {
    const [d, m, y] = [f.id, `${f.id}-month`, `${f.id}-year`].map((id) => document.getElementById(id).value.trim());
    if (!d && !m && !y) return '';
    if (!/^[0-9]{1,2}$/.test(d) || !/^[0-9]{1,2}$/.test(m) || !/^[0-9]{4}$/.test(y)) return 'invalid';
    const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    const t = new Date(`${iso}T00:00:00Z`);
    return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso ? 'invalid' : iso;
  }
  return document.getElementById(f.id).value.trim();
}

export function writeField(f, value) {
  const kind = f.kind || 'text';
  if (kind === 'checkboxes' || kind === 'radios' || kind === 'yesno') {
    const want = kind === 'yesno' ? (value === true ? ['yes'] : value === false ? ['no'] : [])
      : kind === 'radios' ? [value] : value || [];
    for (const i of document.querySelectorAll(`input[name="${f.id}"]`)) i.checked = want.includes(i.value);
  } else if (kind === 'date') {
    const [y, m, d] = value ? value.split('-') : ['', '', ''];
    document.getElementById(f.id).value = d ? String(Number(d)) : '';
    document.getElementById(`${f.id}-month`).value = m ? String(Number(m)) : '';
    document.getElementById(`${f.id}-year`).value = y || '';
  } else if (kind === 'names') {
    showNames(f, value || []);
    document.getElementById(f.id).value = '';
  } else {
    document.getElementById(f.id).value = value === null || value === undefined ? '' : value;
  }
}

// The API's field errors (422) as error summary entries; fields the form does
// not show are named in the message and link to the top of the page.
export function apiErrors(res, fields, fallback) {
  const errs = (res.body && res.body.errors) || [];
  if (res.status !== 422 || !errs.length) return [{ field: null, message: fallback }];
  const ids = new Set(fields.map((f) => f.id));
  return errs.map((x) => {
    const known = fields.find((f) => f.id === x.field);
    const name = known ? known.label : x.field.replace(/[_.]/g, ' ');
    return { field: ids.has(x.field) ? x.field : null, message: `${name}: ${x.message}` };
  });
}

// Calls send with the values of the fields, by id, each time the form is
// sent; the browser's own submission never happens.
export function onSubmit(form, fields, send) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    await send(Object.fromEntries(fields.map((f) => [f.id, readField(f)])));
  });
}

function same(a, b) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

// A value as the form shows it, in words.
function shown(f, v) {
  if (v === true) return 'Yes';
  if (v === false) return 'No';
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) return 'Nothing';
  if ((f.kind === 'radios' || f.kind === 'select') && f.options) return (f.options.find((o) => o.value === v) || {}).label || v;
  if (f.kind === 'date') return longDate(v);
  if (Array.isArray(v)) return v.join(', ');
  return String(v);
}

// What the other person saved beside what this person entered, field by
// field; where both changed a field, the form keeps this person's value
// and a button puts theirs back in its place.
function conflictTable(theirs, current, mine, old) {
  const intro = el('p', 'govuk-body', { textContent: theirs.length
    ? `They changed: ${theirs.map((f) => (f.describe ? `${f.label.toLowerCase()} to ${f.describe(current)}` : f.label.toLowerCase())).join(', ')}.`
    : 'They changed details you cannot see here.' });
  if (!theirs.length) return [intro];
  const table = el('table', 'govuk-table');
  table.innerHTML = '<caption class="govuk-table__caption govuk-table__caption--s">Their change beside yours</caption>'
    + '<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">What</th>'
    + '<th scope="col" class="govuk-table__header">They saved</th><th scope="col" class="govuk-table__header">You entered</th>'
    + '<th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Choice</span></th></tr></thead><tbody class="govuk-table__body"></tbody>';
  const body = table.querySelector('tbody');
  for (const f of theirs) {
    const both = !same(mine[f.id], f.get(old));
    const row = el('tr', 'govuk-table__row');
    row.append(el('th', 'govuk-table__header', { scope: 'row', textContent: f.label }),
      el('td', 'govuk-table__cell', { textContent: shown(f, f.get(current)) }),
      el('td', 'govuk-table__cell', { textContent: both ? `${shown(f, mine[f.id])} (kept in the form)` : 'No change' }));
    const choice = el('td', 'govuk-table__cell');
    if (both) {
      const use = el('button', 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', { type: 'button', textContent: 'Use theirs' });
      use.append(el('span', 'govuk-visually-hidden', { textContent: ` for ${f.label.toLowerCase()}` }));
      use.addEventListener('click', () => {
        writeField(f, f.get(current));
        row.cells[2].textContent = 'Theirs, now in the form';
        use.remove();
      });
      choice.append(use);
    }
    row.append(choice);
    body.append(row);
  }
  const wrap = el('div', 'waymark-table-scroll');
  wrap.append(table);
  return [intro, wrap];
}

// Saves the changed fields of a versioned record with If-Match. When someone
// else saved first (412), the form shows their version with this user's own
// changes kept on top, says what they changed, and waits for a second save.
// fields: [{id, label, get(record), set(value) -> body fields}]
export function versionedForm({ form, path, fields, record, done, noun }) {
  let base = record;
  const values = () => Object.fromEntries(fields.map((f) => [f.id, readField(f)]));
  const fill = (r) => fields.forEach((f) => writeField(f, f.get(r)));
  fill(base);
  form.hidden = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const mine = values();
    const local = fields.filter((f) => f.check).map((f) => f.check(mine[f.id], mine)).filter(Boolean);
    if (local.length) {
      showErrors(local);
      return;
    }
    const body = {};
    for (const f of fields) if (!same(mine[f.id], f.get(base))) Object.assign(body, f.put ? f.put(mine[f.id], mine) : { [f.id]: mine[f.id] });
    if (!Object.keys(body).length) {
      done();
      return;
    }
    const res = await api('PATCH', path, body, { 'If-Match': `"${base.version}"` });
    if (res.status === 200) {
      done();
      return;
    }
    if (res.status === 412 && res.body && res.body.current) {
      const current = res.body.current;
      const theirs = fields.filter((f) => !same(f.get(current), f.get(base)));
      const old = base;
      base = current;
      fill(current);
      for (const f of fields) if (!same(mine[f.id], f.get(old))) writeField(f, mine[f.id]);
      document.getElementById('conflict-detail').replaceChildren(...conflictTable(theirs, current, mine, old));
      showErrors([]);
      const banner = document.getElementById('conflict');
      banner.hidden = false;
      banner.setAttribute('tabindex', '-1');
      banner.focus();
      return;
    }
    showErrors(apiErrors(res, fields, `The ${noun} could not be saved just now. Try again.`));
  });
}

// GOV.UK "Check your answers": in place of the form, the answers as a
// summary list, each with a Change link back to its field, and a button to
// send them. Resolves true when the user confirms, false when they go back
// to change an answer (the form shows again, focused on that field).
// rows: [{key, value, field}] (field: the id of the input to change).
// warning: what confirming will also do that cannot be undone, as GOV.UK
// warning text under the heading.
export function checkAnswers(form, { heading, rows, confirm, warning }) {
  let section = document.getElementById('check-answers');
  if (!section) {
    section = el('div', '', { id: 'check-answers' });
    form.after(section);
  }
  section.replaceChildren();
  section.hidden = false;
  form.hidden = true;
  const h = el('h2', 'govuk-heading-l', { textContent: heading, tabIndex: -1 });
  const dl = el('dl', 'govuk-summary-list govuk-!-margin-bottom-9');
  const button = el('button', 'govuk-button', { type: 'button', textContent: confirm });
  button.dataset.module = 'govuk-button';
  section.append(h);
  if (warning) section.append(warningText(warning));
  section.append(dl, button);
  h.focus();
  return new Promise((resolve) => {
    for (const r of rows) {
      const row = el('div', 'govuk-summary-list__row');
      const change = el('a', 'govuk-link', { href: `#${r.field}`, textContent: 'Change' });
      change.append(el('span', 'govuk-visually-hidden', { textContent: ` ${r.key.toLowerCase()}` }));
      change.addEventListener('click', (e) => {
        e.preventDefault();
        section.hidden = true;
        form.hidden = false;
        const target = document.getElementById(r.field) || document.querySelector(`[name="${r.field}"]`);
        if (target) target.focus();
        resolve(false);
      });
      const actions = el('dd', 'govuk-summary-list__actions');
      actions.append(change);
      row.append(el('dt', 'govuk-summary-list__key', { textContent: r.key }),
        el('dd', 'govuk-summary-list__value', { textContent: r.value === '' || r.value === null || r.value === undefined ? 'Not given' : String(r.value) }),
        actions);
      dl.append(row);
    }
    button.addEventListener('click', () => {
      button.disabled = true;
      resolve(true);
    });
  });
}

// GOV.UK warning text: the "!" icon and the warning in bold.
export function warningText(text) {
  const box = el('div', 'govuk-warning-text');
  const icon = el('span', 'govuk-warning-text__icon', { textContent: '!' });
  icon.setAttribute('aria-hidden', 'true');
  box.append(icon);
  const strong = el('strong', 'govuk-warning-text__text');
  strong.append(el('span', 'govuk-visually-hidden', { textContent: 'Warning' }), ` ${text}`);
  box.append(strong);
  return box;
}

// After a refusal from the server, the form again in place of the answers.
export function backToForm(form) {
  const section = document.getElementById('check-answers');
  if (section) section.hidden = true;
  form.hidden = false;
}

// The answers of the shown fields as check-answers rows, read as people
// read them: options by their labels, dates in words, yes or no.
export function answerRows(fields) {
  const rows = [];
  for (const f of fields) {
    const input = document.getElementById(f.id) || document.querySelector(`[name="${f.id}"]`);
    if (!input || input.closest('[hidden]')) continue;
    const v = readField(f);
    const kind = f.kind || 'text';
    let shown = v;
    if (kind === 'yesno') shown = v === true ? 'Yes' : v === false ? 'No' : '';
    else if (kind === 'date') shown = v ? longDate(v) : '';
    else if (kind === 'radios' || kind === 'select') shown = ((f.options || []).find((o) => o.value === v) || {}).label || '';
    else if (kind === 'names') shown = v.join(', ');
    else if (kind === 'checkboxes') shown = (f.options || []).filter((o) => v.includes(o.value)).map((o) => o.label).join(', ');
    rows.push({ key: f.label, value: shown, field: f.id });
  }
  return rows;
}

// A page that asks one question at a time, each in its own form: the
// returned show(id, focus) shows the form with that id alone (after calling
// beforeShow) and focuses the answer focus names, by id or by name; the
// page's #back link, shown from the second question on, returns to the one
// asked before it.
export function questionSteps(ids, beforeShow = () => {}) {
  const trail = [];
  const back = document.getElementById('back');
  function show(step, focus) {
    beforeShow();
    for (const s of ids) document.getElementById(s).hidden = s !== step;
    if (trail[trail.length - 1] !== step) trail.push(step);
    back.hidden = trail.length < 2;
    const target = focus && (document.getElementById(focus) || document.querySelector(`[name="${focus}"]`));
    if (target) target.focus();
  }
  back.addEventListener('click', (e) => {
    e.preventDefault();
    trail.pop();
    showErrors([]);
    show(trail.pop() || ids[0]);
  });
  return show;
}
