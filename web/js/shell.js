// The signed-in pages' common start: GOV.UK Frontend, the user, the identity
// bar and the current navigation item.
import { requireUser, showIdentity, startPage } from '/js/api.js';

export async function signedInPage() {
  startPage();
  const me = await requireUser();
  if (!me) return null;
  showIdentity(me.user);
  // The menu offers what the role may do, as the access table says (GET /api/v1/me: may).
  for (const li of document.querySelectorAll('[data-may]')) li.hidden = !me.may.includes(li.dataset.may);
  const here = window.location.pathname;
  for (const a of document.querySelectorAll('.govuk-service-navigation__link')) {
    const href = a.getAttribute('href');
    const current = href === here || (href !== '/' && here.startsWith(href.replace(/s$/, '')));
    if (!current) continue;
    a.setAttribute('aria-current', 'page');
    a.parentElement.classList.add('govuk-service-navigation__item--active');
  }
  return me;
}

export function cell(row, text, opts = {}) {
  const td = document.createElement(opts.header ? 'th' : 'td');
  td.className = opts.header ? 'govuk-table__header' : 'govuk-table__cell';
  if (opts.header) td.scope = 'row';
  if (opts.numeric) td.classList.add('govuk-table__cell--numeric');
  if (opts.sortValue !== undefined) td.dataset.sortValue = opts.sortValue;
  if (opts.href) {
    const a = document.createElement('a');
    a.className = 'govuk-link';
    a.href = opts.href;
    a.textContent = text;
    td.append(a);
  } else {
    td.textContent = text;
  }
  row.append(td);
  return td;
}

// Adds a row to a table's body whose one cell, across its columns, says
// why the table is empty.
export function emptyRow(body, text, columns) {
  const row = document.createElement('tr');
  row.className = 'govuk-table__row';
  cell(row, text).colSpan = columns;
  body.append(row);
}

export function tag(text, colour) {
  const s = document.createElement('strong');
  s.className = `govuk-tag${colour ? ` govuk-tag--${colour}` : ''}`;
  s.textContent = text;
  return s;
}

export const statusNames = {
  new: 'New', investigating: 'Investigating', charging: 'Charging', court: 'Court', closed: 'Closed',
};
export const typeNames = {
  labour: 'Labour', sexual: 'Sexual', criminal: 'Criminal', domestic_servitude: 'Domestic servitude',
  organ_harvesting: 'Organ harvesting', unknown: 'Unknown',
};
export const roleNames = {
  potential_victim: 'Potential victim', suspect: 'Suspect', witness: 'Witness', other: 'Other',
};

// Fills a GOV.UK summary list with [key, value] rows; a value left empty
// reads "Not recorded".
export function summaryList(dl, rows) {
  dl.replaceChildren();
  for (const [key, value] of rows) {
    const row = document.createElement('div');
    row.className = 'govuk-summary-list__row';
    const dt = Object.assign(document.createElement('dt'), { className: 'govuk-summary-list__key', textContent: key });
    const dd = Object.assign(document.createElement('dd'), { className: 'govuk-summary-list__value' });
    if (value instanceof Node) dd.append(value);
    else dd.textContent = value === null || value === undefined || value === '' ? 'Not recorded' : String(value);
    row.append(dt, dd);
    dl.append(row);
  }
}

export const nrmStatusNames = {
  awaiting_reasonable_grounds: 'Awaiting the Reasonable Grounds decision',
  reasonable_grounds_positive: 'Positive Reasonable Grounds decision',
  reasonable_grounds_negative: 'Negative Reasonable Grounds decision',
  conclusive_grounds_positive: 'Positive Conclusive Grounds decision',
  conclusive_grounds_negative: 'Negative Conclusive Grounds decision',
  withdrawn: 'Withdrawn',
};
