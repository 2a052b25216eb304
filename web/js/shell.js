// The signed-in pages' common start: GOV.UK Frontend, the user, the identity
// bar and the current navigation item.
import { api, lastRequestAt, requireUser, showIdentity, signInAgain, startPage } from '/js/api.js';
import { loadNames } from '/js/names.js';

export async function signedInPage() {
  startPage();
  const me = await requireUser();
  if (!me) return null;
  showIdentity(me.user);
  if (me.session) warnBeforeTimeout(me.session);
  await loadNames(); // countries and languages by name on every page
  showFinished();
  // The menu offers what the role may do, as the access table says (GET /api/v1/me: may).
  // Some lists are for the force's own work: data-roles names the roles they serve.
  // data-may may name several things, any one of which opens the item.
  for (const li of document.querySelectorAll('[data-may]')) {
    li.hidden = !li.dataset.may.split(' ').some((m) => me.may.includes(m)) || Boolean(li.dataset.roles && !li.dataset.roles.split(' ').includes(me.user.role));
  }
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

// Every completed action ends on the page it leads to with a GOV.UK success
// banner saying what happened and what is next: finish() notes it and goes
// there; the next signed-in page shows it once.
export function finish(href, heading, next) {
  sessionStorage.setItem('waymark-finished', JSON.stringify({ heading, next: next || '' }));
  window.location.assign(href);
}

function showFinished() {
  const kept = sessionStorage.getItem('waymark-finished');
  if (!kept) return;
  sessionStorage.removeItem('waymark-finished');
  const { heading, next } = JSON.parse(kept);
  successBanner(heading, next);
}

// The GOV.UK success banner at the top of the page, saying what was done
// and what is next; focused, as GOV.UK Frontend focuses one on arrival, so
// that it is read out. A later one takes the place of an earlier.
export function successBanner(heading, next) {
  const old = document.getElementById('finished');
  if (old) old.remove();
  const banner = document.createElement('div');
  banner.className = 'govuk-notification-banner govuk-notification-banner--success';
  banner.setAttribute('role', 'alert');
  banner.setAttribute('aria-labelledby', 'finished-title');
  banner.id = 'finished';
  banner.innerHTML = '<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="finished-title">Success</h2></div>'
    + '<div class="govuk-notification-banner__content"><h3 class="govuk-notification-banner__heading"></h3><p class="govuk-body"></p></div>';
  banner.querySelector('h3').textContent = heading;
  banner.querySelector('p').textContent = next || '';
  banner.querySelector('p').hidden = !next;
  banner.tabIndex = -1;
  document.getElementById('main-content').prepend(banner);
  banner.focus();
}

// The GOV.UK timeout warning: two minutes before the session ends for want
// of use, a modal dialog offers to stay signed in; the server renews an idle
// session at most once a minute, so the warning counts from a minute early.
const WARN_MS = 2 * 60 * 1000;
function warnBeforeTimeout(session) {
  const idleMs = session.idle_timeout_seconds * 1000 - 60 * 1000;
  const endsAt = Date.parse(session.ends_at);
  const dialog = document.createElement('dialog');
  dialog.className = 'waymark-dialog';
  dialog.id = 'timeout-warning';
  dialog.setAttribute('aria-labelledby', 'timeout-title');
  dialog.setAttribute('aria-describedby', 'timeout-text');
  dialog.innerHTML = '<h2 class="govuk-heading-m" id="timeout-title">You are about to be signed out</h2>'
    + '<p class="govuk-body" id="timeout-text" aria-live="polite"></p>'
    + '<div class="govuk-button-group"><button type="button" class="govuk-button" data-module="govuk-button" id="timeout-stay">Stay signed in</button>'
    + '<a class="govuk-link" href="/sign-in" id="timeout-leave">Sign out</a></div>';
  document.body.append(dialog);
  const text = dialog.querySelector('#timeout-text');
  const stay = dialog.querySelector('#timeout-stay');
  dialog.querySelector('#timeout-leave').addEventListener('click', async (e) => {
    e.preventDefault();
    await api('DELETE', '/api/v1/session');
    window.location.assign('/sign-in');
  });
  stay.addEventListener('click', async () => {
    const res = await api('GET', '/api/v1/me');
    if (res.status !== 200) signInAgain('timeout');
    dialog.close();
  });
  // Once the time is up the page goes to sign in once: asking again each
  // second would abort the navigation under way whenever it took longer.
  const ticking = window.setInterval(() => {
    const now = Date.now();
    const end = Math.min(lastRequestAt + idleMs, endsAt);
    const left = end - now;
    if (left <= 0) {
      window.clearInterval(ticking);
      signInAgain('timeout');
      return;
    }
    if (left > WARN_MS) {
      if (dialog.open) dialog.close();
      return;
    }
    const minutes = Math.ceil(left / 60000);
    const final = end === endsAt;
    stay.hidden = final; // a session at its absolute end cannot be renewed
    text.textContent = final
      ? `Sessions last 12 hours. You will be signed out in ${minutes} minute${minutes === 1 ? '' : 's'}; save your work now.`
      : `You have not used Waymark for a while. For your security, you will be signed out in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
    if (!dialog.open) {
      dialog.showModal();
      (final ? dialog.querySelector('#timeout-leave') : stay).focus();
    }
  }, 1000);
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

// The Child tag shown beside the name of anyone under 18 or whose age is
// disputed (the API's presumed_child), wherever the name appears.
export function childTag(person) {
  return person && person.presumed_child ? tag('Child', 'purple') : '';
}

// The Restricted tag beside the name of anyone whose record is restricted
// at their request (the API's restricted): it may be stored but not used.
export function restrictedTag(person) {
  return person && person.restricted ? tag('Restricted', 'orange') : '';
}

export const statusNames = {
  new: 'New', investigating: 'Investigating', charging: 'Charging', court: 'Court', closed: 'Closed',
};
// A case's exploitation types by name, from the server's vocabularies.
export { typeNames } from '/js/names.js';
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

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

// "4 January 2022" for an ISO date, or for the date of an ISO time as it
// stood in the UK; '' for none.
export function longDate(iso) {
  if (!iso) return '';
  if (iso.length > 10) {
    return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
  }
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${months[m - 1]} ${y}`;
}

// "4 January 2022 at 14:05", UK time, 24-hour clock.
export function longTime(iso) {
  if (!iso) return '';
  const t = new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/London' });
  return `${longDate(iso)} at ${t}`;
}

const arrows = {
  prev: '<svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path></svg>',
  next: '<svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path></svg>',
};

// Every list pages the same way ({items, total, next_cursor}); the page's
// address holds its cursor and, in back, those of the pages before it ('-'
// for the first), so
// Previous and Next are plain links. Fills nav with GOV.UK pagination and
// answers "Showing 51 to 100 of 326".
export function pagination(nav, page, limit) {
  const here = new URLSearchParams(window.location.search);
  const back = here.get('back') ? here.get('back').split(',') : [];
  const link = (dir, cursor, rest) => {
    const p = new URLSearchParams(here);
    if (cursor && cursor !== '-') p.set('cursor', cursor); else p.delete('cursor');
    if (rest.length) p.set('back', rest.join(',')); else p.delete('back');
    const div = document.createElement('div');
    div.className = `govuk-pagination__${dir}`;
    const a = document.createElement('a');
    a.className = 'govuk-link govuk-pagination__link';
    a.href = `${window.location.pathname}?${p}`;
    a.rel = dir;
    const title = document.createElement('span');
    title.className = 'govuk-pagination__link-title';
    title.innerHTML = dir === 'prev' ? 'Previous<span class="govuk-visually-hidden"> page</span>'
      : 'Next<span class="govuk-visually-hidden"> page</span>';
    // Block pagination puts the arrow first on both links.
    a.innerHTML = arrows[dir];
    a.append(title);
    div.append(a);
    return div;
  };
  nav.replaceChildren();
  nav.className = 'govuk-pagination govuk-pagination--block';
  nav.setAttribute('aria-label', 'Pagination');
  if (back.length) nav.append(link('prev', back[back.length - 1], back.slice(0, -1)));
  if (page.next_cursor) nav.append(link('next', page.next_cursor, [...back, here.get('cursor') || '-']));
  nav.hidden = !nav.children.length;
  const from = back.length * limit + 1;
  const to = back.length * limit + page.items.length;
  return page.total ? `Showing ${from} to ${to} of ${page.total}` : '';
}

// Labels each body cell of a table with its column's header, for the
// stacked layout at phone widths (.waymark-stack in waymark.css).
export function stackLabels(table) {
  table.classList.add('waymark-stack');
  const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  for (const tr of table.querySelectorAll('tbody tr')) {
    [...tr.children].forEach((td, i) => { if (heads[i] && td.colSpan === 1) td.dataset.label = heads[i]; });
  }
}

// The MOJ sortable table, sorted by the server over the whole list: each
// header with data-sort becomes a button that asks for that sort (its
// natural order first, data-descending for newest first; again for the
// other way), and aria-sort says which sort is shown.
export function serverSortable(table, fallback) {
  const here = new URLSearchParams(window.location.search);
  const sort = here.get('sort') || fallback;
  for (const th of table.querySelectorAll('th[data-sort]')) {
    const natural = 'descending' in th.dataset ? 'desc' : 'asc';
    const order = here.get('order') || natural;
    const current = th.dataset.sort === sort;
    th.setAttribute('aria-sort', current ? (order === 'desc' ? 'descending' : 'ascending') : 'none');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = th.textContent;
    button.addEventListener('click', () => {
      const p = new URLSearchParams(here);
      p.delete('cursor');
      p.delete('back');
      p.set('sort', th.dataset.sort);
      p.set('order', current ? (order === 'asc' ? 'desc' : 'asc') : natural);
      window.location.assign(`${window.location.pathname}?${p}`);
    });
    th.replaceChildren(button);
  }
}
