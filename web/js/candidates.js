// The ranked candidates to lead a case, each with its reasons, and the
// allocation: someone who fails a requirement is allocated only through the
// override dialog, which needs a reason. Used by the case page's allocation
// panel and the full allocation page.
import { api, showErrors } from '/js/api.js';
import { cell, tag } from '/js/shell.js';
import { languageNames } from '/js/names.js';

function el(tagName, className, props = {}) {
  return Object.assign(document.createElement(tagName), className ? { className } : {}, props);
}

// The override dialog, made once per page.
function overrideDialog() {
  let dialog = document.getElementById('override');
  if (dialog) return dialog;
  dialog = el('dialog', 'waymark-dialog', { id: 'override' });
  dialog.setAttribute('aria-labelledby', 'override-title');
  const warning = el('div', 'govuk-warning-text');
  const icon = el('span', 'govuk-warning-text__icon', { textContent: '!' });
  icon.setAttribute('aria-hidden', 'true');
  const text = el('strong', 'govuk-warning-text__text');
  text.append(el('span', 'govuk-visually-hidden', { textContent: 'Warning' }), ' ', el('span', '', { id: 'override-who' }),
    ' does not meet every requirement to lead a modern slavery investigation. The override and your reason are recorded and counted.');
  warning.append(icon, text);
  const form = el('form', '', { id: 'override-form', noValidate: true });
  const group = el('div', 'govuk-form-group', { id: 'override_reason-group' });
  group.append(el('label', 'govuk-label', { htmlFor: 'override_reason', textContent: 'Why allocate them anyway?' }),
    el('p', 'govuk-error-message', { id: 'override_reason-error', hidden: true }),
    el('textarea', 'govuk-textarea', { id: 'override_reason', name: 'override_reason', rows: 3 }));
  const buttons = el('div', 'govuk-button-group');
  buttons.append(el('button', 'govuk-button govuk-button--warning', { type: 'submit', textContent: 'Allocate with an override' }),
    el('button', 'govuk-button govuk-button--secondary', { type: 'button', id: 'override-cancel', textContent: 'Cancel' }));
  form.append(group, buttons);
  dialog.append(el('h2', 'govuk-heading-m', { id: 'override-title', textContent: 'Override a requirement' }), warning,
    el('ul', 'govuk-list govuk-list--bullet', { id: 'override-fails' }), form);
  document.getElementById('main-content').append(dialog);
  dialog.querySelector('#override-cancel').addEventListener('click', () => dialog.close());
  return dialog;
}

function showReasonError(message) {
  document.getElementById('override_reason-group').classList.toggle('govuk-form-group--error', Boolean(message));
  const p = document.getElementById('override_reason-error');
  p.hidden = !message;
  p.textContent = message || '';
}

async function allocate(caseId, candidate, reason) {
  const body = { user_id: candidate.user_id };
  if (reason) body.override_reason = reason;
  const res = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/allocation`, body);
  if (res.status === 201) return null;
  if (res.status === 409) return `${candidate.name} already leads this case.`;
  if (res.status === 422 && res.body.errors) return res.body.errors.map((e) => e.message).join('; ');
  return 'The case could not be allocated just now. Try again.';
}

// A table of the candidates; after an allocation, done() runs.
export function candidatesTable(caseId, items, caption, done) {
  const table = el('table', 'govuk-table');
  table.append(el('caption', 'govuk-table__caption govuk-table__caption--s', { textContent: caption }));
  const head = el('thead', 'govuk-table__head');
  const hr = el('tr', 'govuk-table__row');
  for (const [label, numeric] of [['Name'], ['Team'], ['Score', true], ['Why'], ['Action']]) {
    const th = el('th', `govuk-table__header${numeric ? ' govuk-table__header--numeric' : ''}`, { scope: 'col' });
    if (label === 'Action') th.append(el('span', 'govuk-visually-hidden', { textContent: label }));
    else th.textContent = label;
    hr.append(th);
  }
  head.append(hr);
  const body = el('tbody', 'govuk-table__body');
  for (const c of items) {
    const row = el('tr', 'govuk-table__row');
    cell(row, c.name).append(' ', c.meets_requirements ? tag('Meets requirements', 'green') : tag('Fails a requirement', 'red'));
    cell(row, c.team || '');
    cell(row, String(c.score), { numeric: true });
    const ul = el('ul', 'govuk-list govuk-body-s');
    for (const r of c.reasons) ul.append(el('li', '', { textContent: r }));
    cell(row, '').append(ul);
    const b = el('button', 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', { type: 'button', textContent: 'Allocate' });
    b.append(el('span', 'govuk-visually-hidden', { textContent: ` ${c.name}` }));
    b.addEventListener('click', async () => {
      if (c.meets_requirements) {
        const problem = await allocate(caseId, c);
        if (problem) showErrors([{ field: null, message: problem }]);
        else done();
        return;
      }
      const dialog = overrideDialog();
      document.getElementById('override-who').textContent = c.name;
      document.getElementById('override-fails').replaceChildren(...c.reasons.filter((r) => r.startsWith('Fails')).map((r) => el('li', '', { textContent: r })));
      document.getElementById('override_reason').value = '';
      showReasonError(null);
      const form = document.getElementById('override-form');
      form.onsubmit = async (e) => {
        e.preventDefault();
        const reason = document.getElementById('override_reason').value.trim();
        if (!reason) {
          showReasonError('Say why you are allocating them anyway');
          return;
        }
        const problem = await allocate(caseId, c, reason);
        if (problem) showReasonError(problem);
        else done();
      };
      dialog.showModal();
      document.getElementById('override_reason').focus();
    });
    cell(row, '').append(b);
    body.append(row);
  }
  table.append(head, body);
  return table;
}

// What the case asks of its lead, in words ('' when nothing special).
export function needsText(needs) {
  const parts = [];
  if (needs.child_victim) parts.push('a victim is a child, so the lead needs current child criminal exploitation training');
  if (needs.interpreter_languages.length) parts.push(`victims need interpreters for: ${languageNames(needs.interpreter_languages)}`);
  return parts.length ? `This case: ${parts.join('; ')}.` : '';
}
