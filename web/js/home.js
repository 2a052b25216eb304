import { api, roleName } from '/js/api.js';
import { cell, emptyRow, signedInPage, tag } from '/js/shell.js';

const kinds = {
  reasonable_grounds_overdue: 'Reasonable Grounds decision past its target',
  recovery_period_ending: 'Recovery period ending',
  referral_missing: 'Indicators recorded: refer to the NRM or notify',
  victim_update_due: 'Victims\' Code update due',
  spoc_missing: 'No named single point of contact',
  strategy_missing: 'No victim strategy',
  order_expiring: 'Prevention or risk order ending',
  case_unallocated: 'Case waiting for a lead investigator',
  training_expiring: 'Training out of date or expiring',
};

// The worklist: counts by kind, then every item soonest first.
async function showWorklist() {
  const res = await api('GET', '/api/v1/worklist');
  if (res.status !== 200) return;
  const { counts, items } = res.body;
  const list = document.getElementById('worklist-counts');
  for (const [kind, label] of Object.entries(kinds)) {
    const li = document.createElement('li');
    li.textContent = `${label}: ${counts[kind] || 0}`;
    list.append(li);
  }
  const body = document.getElementById('worklist-body');
  for (const it of items) {
    const row = document.createElement('tr');
    row.className = 'govuk-table__row';
    const due = cell(row, it.due);
    if (it.overdue) due.append(' ', tag('Overdue', 'red'));
    const kind = kinds[it.kind] || it.kind;
    cell(row, it.kind === 'case_unallocated' ? `${kind} (${it.waited_days} day${it.waited_days === 1 ? '' : 's'})` : kind);
    if (it.case) cell(row, it.case.reference, { href: it.link });
    else cell(row, 'Staff', { href: it.link });
    if (it.kind === 'training_expiring') cell(row, it.person.name, { href: it.link });
    else if (it.person) cell(row, it.person.name, { href: `/person?id=${encodeURIComponent(it.person.id)}` });
    else cell(row, '');
    body.append(row);
  }
  if (!items.length) emptyRow(body, 'Nothing due', 4);
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
