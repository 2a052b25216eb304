import { api, roleName } from '/js/api.js';
import { cell, longDate, pagination, signedInPage, stackLabels, tag } from '/js/shell.js';

const kinds = {
  reasonable_grounds_overdue: 'Reasonable Grounds decision past its target',
  referral_missing: 'Indicators recorded: refer to the NRM or notify',
  recovery_period_ending: 'Recovery period ending',
  victim_update_due: 'Victims\' Code update due',
  spoc_missing: 'No named single point of contact',
  strategy_missing: 'No victim strategy',
  case_unallocated: 'Case waiting for a lead investigator',
  order_expiring: 'Prevention or risk order ending',
  training_expiring: 'Training out of date or expiring',
};
const states = { overdue: 'Overdue', due: 'Due today', upcoming: 'Coming up' };

// The sub navigation: everything, then each state with its count.
function showStates(counts, current) {
  const list = document.getElementById('worklist-states');
  list.replaceChildren();
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  for (const [state, label] of [['', 'All'], ...Object.entries(states)]) {
    const p = new URLSearchParams(window.location.search);
    p.delete('cursor');
    p.delete('back');
    if (state) p.set('state', state); else p.delete('state');
    const li = document.createElement('li');
    li.className = 'moj-sub-navigation__item';
    const a = document.createElement('a');
    a.className = 'moj-sub-navigation__link';
    a.href = `/?${p}`;
    a.textContent = `${label} (${state ? counts[state] : all})`;
    if (state === current) a.setAttribute('aria-current', 'page');
    li.append(a);
    list.append(li);
  }
}

function showKinds(counts, current) {
  const select = document.getElementById('kind');
  for (const [kind, label] of Object.entries(kinds)) {
    const n = counts[kind] || 0;
    if (!n && kind !== current) continue;
    select.append(new Option(`${label} (${n})`, kind, false, kind === current));
  }
}

function row(it) {
  const tr = document.createElement('tr');
  tr.className = 'govuk-table__row';
  const due = cell(tr, longDate(it.due));
  if (it.state === 'overdue') due.append(' ', tag('Overdue', 'red'));
  else if (it.state === 'due') due.append(' ', tag('Due today', 'yellow'));
  if (it.kind === 'case_unallocated') due.append(` (waiting ${it.waited_days} day${it.waited_days === 1 ? '' : 's'})`);
  if (it.case) cell(tr, it.case.reference, { href: it.link });
  else cell(tr, 'Staff', { href: it.link });
  if (it.kind === 'training_expiring') cell(tr, it.person.name, { href: it.link });
  else if (it.person) cell(tr, it.person.name, { href: `/person?id=${encodeURIComponent(it.person.id)}` });
  else cell(tr, 'Nobody named');
  if (it.holder) cell(tr, it.holder.name);
  else cell(tr, '').append(tag('Nobody', 'grey'));
  return tr;
}

// One table for each run of a state and kind, in the API's order (overdue
// first, then due today, then coming up; grouped by kind within each).
function showGroups(items, counts, oneState) {
  const groups = document.getElementById('worklist-groups');
  groups.replaceChildren();
  let state = null;
  let body = null;
  let kind = null;
  for (const it of items) {
    if (it.state !== state) {
      state = it.state;
      kind = null;
      const h = document.createElement('h3');
      h.className = 'govuk-heading-m';
      h.textContent = states[state];
      groups.append(h);
    }
    if (it.kind !== kind) {
      kind = it.kind;
      const wrap = document.createElement('div');
      wrap.className = 'waymark-table-scroll';
      wrap.innerHTML = '<table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--s"></caption>'
        + '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        + '<th scope="col" class="govuk-table__header">Due</th><th scope="col" class="govuk-table__header">Case</th>'
        + '<th scope="col" class="govuk-table__header">Person</th><th scope="col" class="govuk-table__header">Held by</th>'
        + '</tr></thead><tbody class="govuk-table__body"></tbody></table>';
      // The counts by kind are over one state when the list is of one.
      const n = oneState ? ` (${counts[kind]})` : '';
      wrap.querySelector('caption').textContent = `${kinds[kind] || kind}${n}`;
      body = wrap.querySelector('tbody');
      groups.append(wrap);
    }
    body.append(row(it));
  }
  for (const table of groups.querySelectorAll('table')) stackLabels(table);
}

// The worklist: overdue first, then due today, then coming up, each grouped
// by kind, filtered as the address says and paged.
async function showWorklist() {
  const here = new URLSearchParams(window.location.search);
  const p = new URLSearchParams();
  for (const k of ['state', 'kind', 'holder', 'cursor', 'limit']) if (here.get(k)) p.set(k, here.get(k));
  const limit = Number(here.get('limit')) || 50;
  const res = await api('GET', `/api/v1/worklist?${p}`);
  if (res.status !== 200) {
    document.getElementById('worklist-count').textContent = 'The worklist could not be loaded. Try again.';
    document.getElementById('worklist').hidden = false;
    return;
  }
  const w = res.body;
  showStates(w.states, here.get('state') || '');
  showKinds(w.counts, here.get('kind') || '');
  document.getElementById('holder').value = here.get('holder') || '';
  document.getElementById('state').value = here.get('state') || '';
  document.getElementById('state').disabled = !here.get('state');
  showGroups(w.items, w.counts, Boolean(here.get('state')));
  const shown = pagination(document.getElementById('worklist-pages'), w, limit);
  document.getElementById('worklist-count').textContent = w.total ? `${shown} items` : 'Nothing is due. Filters may hide some items.';
  document.getElementById('worklist').hidden = false;
}

// What was done to the account since the last sign-in, told by the sign-in
// that delivered it (the API repeats it for the rest of that session).
function showNotices(notices) {
  if (!notices || !notices.length) return;
  const list = document.getElementById('notices-list');
  for (const n of notices) {
    const li = document.createElement('li');
    const at = new Date(n.at).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });
    li.textContent = `${at}: ${n.text}`;
    list.append(li);
  }
  document.getElementById('notices').hidden = false;
}

const me = await signedInPage();
if (me) {
  showNotices(me.notices);
  const user = me.user;
  document.getElementById('welcome').textContent = `Welcome, ${user.display_name}`;
  document.getElementById('account-username').textContent = user.username;
  document.getElementById('account-role').textContent = roleName(user.role);
  document.getElementById('account-org').textContent = user.org.name;
  document.getElementById('account-team').textContent = user.team ? user.team.name : 'None';
  document.getElementById('account-totp').textContent = user.totp_enabled ? 'Set up' : 'Not set up';
  // The worklist is what falls due in cases: for those who read cases.
  if (me.may.includes('case:read')) await showWorklist();
  document.getElementById('home-body').hidden = false;
}
