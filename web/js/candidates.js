// The ranked candidates to lead a case, each with why they rank where they
// do in plain words; choosing one leads to the allocation page's "Check your
// answers" step. Used by the case page's allocation panel and the full
// allocation page. After an allocation, the case page shows who now leads it.
import { stackLabels, tag } from '/js/shell.js';
import { languageNames } from '/js/names.js';

function el(tagName, className, props = {}) {
  return Object.assign(document.createElement(tagName), className ? { className } : {}, props);
}

// The address of the allocation page: the list, or a step for one candidate.
export function allocateHref(caseId, userId, step) {
  const p = new URLSearchParams({ case: caseId });
  if (userId) p.set('user', userId);
  if (step) p.set('step', step);
  return `/allocate?${p}`;
}

// A small list under a bold line, or nothing when there is nothing to list.
function reasonList(title, reasons) {
  if (!reasons.length) return [];
  const ul = el('ul', 'govuk-list govuk-list--bullet govuk-body-s govuk-!-margin-bottom-2');
  for (const r of reasons) ul.append(el('li', '', { textContent: r }));
  return [el('p', 'govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1', { textContent: title }), ul];
}

// Why the candidate ranks where they do: what counts for them, then against.
export function whyBlock(candidate) {
  const against = new Set(candidate.reasons_against || []);
  const div = el('div');
  div.append(...reasonList('In their favour', candidate.reasons.filter((r) => !against.has(r))),
    ...reasonList('Against', candidate.reasons.filter((r) => against.has(r))));
  return div;
}

export function requirementsTag(candidate) {
  return candidate.meets_requirements ? tag('Meets requirements', 'green') : tag('Needs an override', 'orange');
}

function td(row) {
  const cell = el('td', 'govuk-table__cell');
  row.append(cell);
  return cell;
}

// A table of the candidates, best placed first; opts.leadId marks who leads
// the case now. Each row stacks at phone widths.
export function candidatesTable(caseId, items, caption, opts = {}) {
  const table = el('table', 'govuk-table');
  table.append(el('caption', 'govuk-table__caption govuk-table__caption--s', { textContent: caption }));
  const head = el('thead', 'govuk-table__head');
  const hr = el('tr', 'govuk-table__row');
  for (const label of ['Name', 'Team', 'Why', 'Action']) {
    const th = el('th', 'govuk-table__header', { scope: 'col' });
    if (label === 'Action') th.append(el('span', 'govuk-visually-hidden', { textContent: label }));
    else th.textContent = label;
    hr.append(th);
  }
  head.append(hr);
  const body = el('tbody', 'govuk-table__body');
  for (const c of items) {
    const row = el('tr', 'govuk-table__row');
    const name = el('th', 'govuk-table__header', { scope: 'row' });
    name.append(el('span', 'govuk-!-display-block govuk-!-margin-bottom-1', { textContent: c.name }), requirementsTag(c));
    row.append(name);
    td(row).textContent = c.team || 'No team';
    td(row).append(whyBlock(c));
    const action = td(row);
    if (opts.leadId && opts.leadId === c.user_id) {
      action.textContent = 'Leads this case now';
    } else {
      const a = el('a', 'govuk-link', { href: allocateHref(caseId, c.user_id), textContent: 'Choose' });
      a.append(el('span', 'govuk-visually-hidden', { textContent: ` ${c.name}` }));
      action.append(a);
    }
    body.append(row);
  }
  table.append(head, body);
  stackLabels(table);
  // The name heads its stacked row: it needs no label of its own.
  for (const th of body.querySelectorAll('th')) delete th.dataset.label;
  return table;
}

// What the case asks of its lead, in words ('' when nothing special).
export function needsText(needs) {
  const parts = [];
  if (needs.team) parts.push(`it is held by ${needs.team}`);
  if (needs.child_victim) parts.push('a victim is a child, so the lead needs current child criminal exploitation training');
  if (needs.interpreter_languages.length) parts.push(`victims need interpreters for: ${languageNames(needs.interpreter_languages)}`);
  return parts.length ? `This case: ${parts.join('; ')}.` : '';
}

