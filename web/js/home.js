import { api, roleName } from '/js/api.js';
import { missingFlags, personFlags, ukTime } from '/js/missing.js';
import { cpSteps, planHref } from '/js/plans.js';
import { fullName, purposeNames } from '/js/sharing.js';
import { cell, childTag, longDate, nrmStatusNames, pagination, signedInPage, stackLabels, successBanner, summaryList, tag } from '/js/shell.js';
import { kindLabels } from '/js/links.js';
import { showRecordsWorklist } from '/js/records-worklist.js';
import { bagWords, referralTag, respondByNodes, serviceName, urgencyNames } from '/js/services.js';

const kinds = {
  reasonable_grounds_overdue: 'Reasonable Grounds decision past its target',
  referral_missing: 'Indicators recorded: refer to the NRM or notify',
  recovery_period_ending: 'Recovery period ending',
  victim_update_due: 'Victims\' Code update due',
  spoc_missing: 'No named single point of contact',
  strategy_missing: 'No victim strategy',
  share_ending: 'Sharing with a partner ending',
  cp_strategy_due: 'Child protection: strategy discussion due',
  cp_conference_due: 'Child protection: initial conference due',
  cp_core_group_due: 'Child protection: core group due',
  cp_review_due: 'Child protection: plan review due',
  plan_action_due: 'Safeguarding plan action due',
  plan_review_due: 'Safeguarding plan review due',
  case_unallocated: 'Case waiting for a lead investigator',
  order_expiring: 'Prevention or risk order ending',
  training_expiring: 'Training out of date or expiring',
  missing_high_risk: 'Missing at high risk',
  missing_review_due: 'Missing: risk review due',
  safe_and_well_due: 'Returned: safe and well check due',
  return_interview: 'Returned: return home interview due',
  exploitation_screening: 'Missing again and again: exploitation screening due',
  service_referral_overdue: 'Referral to a service not answered in time',
  go_bag_reorder: 'Go bags running low: order more',
  feedback_to_redact: 'Victims\' feedback: comments to redact',
  selector_match: 'Selector also recorded in a case you may not see',
};
// Kinds about no case and no person: what to do, and where it is done.
const taskActions = {
  go_bag_reorder: ['Order more Go bags', '/go-bags'],
  feedback_to_redact: ['Redact the comments', '/feedback-results#redaction'],
};
// What a missing item asks, as its link says it.
const missingActions = {
  missing_high_risk: 'Review the risk',
  missing_review_due: 'Review the risk',
  safe_and_well_due: 'Record the safe and well check',
  return_interview: 'Record the return home interview',
  exploitation_screening: 'Record the screening',
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

// A row of a kind about no case and no person: when, what to do, who holds it.
function taskRow(it) {
  const tr = document.createElement('tr');
  tr.className = 'govuk-table__row';
  const due = cell(tr, longDate(it.due));
  if (it.state === 'overdue') due.append(' ', tag('Overdue', 'red'));
  else if (it.state === 'due') due.append(' ', tag('Due today', 'yellow'));
  const [text, href] = taskActions[it.kind];
  // Where the stock runs low, of which bag and how many are left.
  const bag = it.go_bag;
  const td = cell(tr, bag ? `${text} for ${bag.location_name}` : text, { href: it.link || href });
  if (bag) {
    td.append(Object.assign(document.createElement('p'), { className: 'govuk-body-s govuk-!-margin-bottom-0',
      textContent: `${bagWords(bag.kind, bag.language)}: ${bag.stock} left, reorder at ${bag.reorder_level}.` }));
  }
  if (it.holder) cell(tr, it.holder.name);
  else cell(tr, '').append(tag('Nobody', 'grey'));
  return tr;
}

// A link notice raised by another organisation or team against one of the
// user's cases: when, their case, the match and whom to contact, and a
// button to acknowledge it (the item then leaves the worklist).
function matchRow(it) {
  const tr = document.createElement('tr');
  tr.className = 'govuk-table__row';
  cell(tr, longDate(it.when || it.due));
  const caseId = it.case_id || (it.case && it.case.id);
  cell(tr, it.reference || (it.case && it.case.reference) || 'Case', { href: `/case?id=${encodeURIComponent(caseId)}#links-heading` }).firstChild.classList.add('waymark-nowrap');
  const td = cell(tr, '');
  const kind = (kindLabels[it.selector_kind] || 'selector').toLowerCase();
  td.append(Object.assign(document.createElement('p'), { className: 'govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1', textContent: `Link notice ${it.record_id}` }));
  const c = it.contact || {};
  td.append(Object.assign(document.createElement('p'), { className: 'govuk-body-s govuk-!-margin-bottom-1',
    textContent: `The ${kind} ${it.display || '(sealed)'} is also recorded in a case of ${c.organisation || 'another organisation'} that you may not see.` }));
  td.append(Object.assign(document.createElement('p'), { className: 'govuk-body-s govuk-!-margin-bottom-0',
    textContent: c.role && c.contact ? `Contact ${c.role}, ${c.contact} at ${c.organisation}, quoting ${it.record_id}.` : `${c.organisation || 'They'} named no contact: quote ${it.record_id} when you call.` }));
  const act = cell(tr, '');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0';
  button.dataset.module = 'govuk-button';
  button.textContent = 'Acknowledge';
  button.append(Object.assign(document.createElement('span'), { className: 'govuk-visually-hidden', textContent: ` link notice ${it.record_id}` }));
  button.addEventListener('click', async () => {
    button.disabled = true;
    const res = await api('POST', `/api/v1/link-notices/${encodeURIComponent(it.record_id)}/acknowledgement`);
    if (res.status === 200 || res.status === 409) {
      act.replaceChildren(tag(res.status === 200 ? 'Acknowledged' : 'Already acknowledged', 'green'));
      successBanner(`Link notice ${it.record_id} acknowledged`, `${c.organisation || 'The other side'} can see that you have taken it up. It leaves your worklist.`);
      return;
    }
    button.disabled = false;
    act.append(Object.assign(document.createElement('p'), { className: 'govuk-error-message', textContent: 'It could not be acknowledged just now. Try again.' }));
  });
  act.append(button);
  return tr;
}

function row(it) {
  if (taskActions[it.kind]) return taskRow(it);
  if (it.kind === 'selector_match') return matchRow(it);
  const tr = document.createElement('tr');
  tr.className = 'govuk-table__row';
  // A missing person's clocks run in hours: the moment, in UK time.
  const due = cell(tr, it.due_at ? ukTime(it.due_at) : longDate(it.due));
  if (it.state === 'overdue') due.append(' ', tag('Overdue', 'red'));
  else if (it.state === 'due') due.append(' ', tag('Due today', 'yellow'));
  if (it.kind === 'case_unallocated') due.append(` (waiting ${it.waited_days} day${it.waited_days === 1 ? '' : 's'})`);
  if (missingActions[it.kind]) {
    const td = cell(tr, missingActions[it.kind], { href: it.link });
    if (it.person) td.querySelector('a').append(Object.assign(document.createElement('span'), { className: 'govuk-visually-hidden', textContent: ` for ${it.person.name}` }));
  } else if (it.case) cell(tr, it.case.reference, { href: it.link });
  else cell(tr, 'Staff', { href: it.link });
  if (it.kind === 'training_expiring') cell(tr, it.person.name, { href: it.link });
  else if (it.person) {
    const td = cell(tr, it.person.name, { href: `/person?id=${encodeURIComponent(it.person.id)}` });
    td.append(' ', childTag(it.person));
    // Marked for the missing flags, added once known (markMissing).
    if (it.kind !== 'exploitation_screening') Object.assign(td.dataset, { personId: it.person.id, name: it.person.name, tagNow: missingActions[it.kind] ? '' : 'yes' });
  }
  else cell(tr, 'Nobody named');
  if (it.holder) cell(tr, it.holder.name);
  else cell(tr, '').append(tag('Nobody', 'grey'));
  return tr;
}

// Beside each name the worklist shows, whether they are missing now and
// whether they are owed an exploitation screening.
function markMissing(flags) {
  const mayScreen = me.may.includes('missing:write');
  for (const td of document.querySelectorAll('#worklist-groups td[data-person-id]')) {
    td.append(...personFlags(flags, td.dataset.personId, td.dataset.name, { mayScreen, tagNow: Boolean(td.dataset.tagNow) }));
  }
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
      if (missingActions[kind] || taskActions[kind]) wrap.querySelectorAll('th')[1].textContent = 'What to do';
      if (taskActions[kind]) wrap.querySelectorAll('th')[2].remove();
      if (kind === 'selector_match') {
        const th = wrap.querySelectorAll('th');
        th[0].textContent = 'Raised';
        th[1].textContent = 'Your case';
        th[2].textContent = 'Match';
        th[3].replaceChildren(Object.assign(document.createElement('span'), { className: 'govuk-visually-hidden', textContent: 'Action' }));
      }
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
  // The whole worklist, unfiltered on one page, holds every screening due.
  const whole = !['state', 'kind', 'holder', 'cursor'].some((k) => here.get(k)) && !w.next_cursor;
  missingFlags(me.may, whole ? w.items : null).then(markMissing);
  const shown = pagination(document.getElementById('worklist-pages'), w, limit);
  document.getElementById('worklist-count').textContent = w.total ? `${shown} items` : 'Nothing is due. Filters may hide some items.';
  document.getElementById('worklist').hidden = false;
}

// ---- a partner's home: what was shared with their organisation ----

function sharedLink(text, href, hidden) {
  const a = Object.assign(document.createElement('a'), { className: 'govuk-link', href, textContent: text });
  a.append(Object.assign(document.createElement('span'), { className: 'govuk-visually-hidden', textContent: ` ${hidden}` }));
  return a;
}

// What they are asked to do for one person: give the support, and follow
// the NRM referral (asking for a decision to be reconsidered when one is made).
function sharedAsks(it, name) {
  const ul = Object.assign(document.createElement('ul'), { className: 'govuk-list govuk-list--bullet' });
  const li = (...content) => { const x = document.createElement('li'); x.append(...content); ul.append(x); };
  li(`Give ${name} the support asked for, and keep in touch with the officer who referred them.`);
  for (const n of it.nrm_referrals) {
    if (n.status === 'withdrawn') continue;
    if (n.recovery_period_end && !n.cg_outcome) li(`Their recovery period runs until at least ${longDate(n.recovery_period_end)}.`);
    if (n.may_ask_reconsideration) {
      li('As their support provider, you may ask for the decision to be reconsidered: ',
        sharedLink('open the NRM referral', `/nrm-referral?id=${encodeURIComponent(n.id)}`, `for ${name}`), '.');
    }
  }
  return ul;
}

function sharedCard(it) {
  const name = [it.person.given_names, it.person.family_name].filter(Boolean).join(' ');
  const card = Object.assign(document.createElement('div'), { className: 'govuk-summary-card' });
  const head = Object.assign(document.createElement('div'), { className: 'govuk-summary-card__title-wrapper' });
  head.append(Object.assign(document.createElement('h3'), { className: 'govuk-summary-card__title', textContent: name }));
  const content = Object.assign(document.createElement('div'), { className: 'govuk-summary-card__content' });
  const dl = Object.assign(document.createElement('dl'), { className: 'govuk-summary-list' });
  const nrm = document.createElement('div');
  for (const n of it.nrm_referrals) {
    const p = Object.assign(document.createElement('p'), { className: 'govuk-body govuk-!-margin-bottom-1' });
    p.append(`${nrmStatusNames[n.status] || n.status} (referred ${longDate(n.referred_on)}). `,
      sharedLink('View the NRM referral', `/nrm-referral?id=${encodeURIComponent(n.id)}`, `for ${name}`));
    nrm.append(p);
  }
  // Where the referral stands: the answer due while nobody has answered it.
  const status = document.createElement('span');
  status.append(referralTag(it.status));
  if (it.status === 'referred' && it.respond_by) status.append(' answer due by ', ...respondByNodes(it));
  summaryList(dl, [
    // A referral to a service names it; one from before the directory, the provider.
    ['Service', serviceName(it)],
    ['What they need', it.need],
    ['Urgency', it.urgency ? urgencyNames[it.urgency] || it.urgency : null],
    ['Referred', `${longDate(it.referred_at)}${it.referred_by && it.referred_by.name ? ` by ${it.referred_by.name}${it.referred_by.organisation ? `, ${it.referred_by.organisation}` : ''}` : ''}`],
    ['Status', status],
    ['Police case reference', it.case.reference],
    ['NRM referral', it.nrm_referrals.length ? nrm : 'None yet'],
    ['What you are asked to do', sharedAsks(it, name)],
  ]);
  content.append(dl);
  card.append(head, content);
  return card;
}

async function showShared() {
  const here = new URLSearchParams(window.location.search);
  const p = new URLSearchParams();
  for (const k of ['cursor', 'limit']) if (here.get(k)) p.set(k, here.get(k));
  const limit = Number(here.get('limit')) || 50;
  const res = await api('GET', `/api/v1/shared?${p}`);
  const count = document.getElementById('shared-count');
  document.getElementById('shared').hidden = false;
  if (res.status !== 200) {
    count.textContent = 'What is shared with your organisation could not be loaded. Try again.';
    return;
  }
  const items = document.getElementById('shared-items');
  items.replaceChildren(...res.body.items.map(sharedCard));
  const shown = pagination(document.getElementById('shared-pages'), res.body, limit);
  const { total } = res.body;
  const paged = res.body.next_cursor || here.get('cursor') ? ` (${shown})` : '';
  count.textContent = total
    ? `${total === 1 ? '1 person' : `${total} people`} referred to your organisation for support${paged}.`
    : 'Nothing has been shared with your organisation yet. When a force refers someone to you for support, they appear here.';
}

// The victims' information shared with the partner's organisation and
// still live, ending soonest first, each leading to what it holds. The
// page's address pages the referrals above, so this list shows its first
// page only, and says so when there are more.
const SHARES_SHOWN = 100;
async function showShares() {
  const res = await api('GET', `/api/v1/shares?limit=${SHARES_SHOWN}`);
  const count = document.getElementById('shares-count');
  document.getElementById('shares').hidden = false;
  if (res.status !== 200) {
    count.textContent = 'What is shared with your organisation could not be loaded. Try again.';
    return;
  }
  const { items, total } = res.body;
  const body = document.getElementById('shares-body');
  for (const s of items) {
    const row = document.createElement('tr');
    row.className = 'govuk-table__row';
    cell(row, s.person ? fullName(s.person) : 'A person, name not shared', { href: `/share?id=${encodeURIComponent(s.id)}` });
    cell(row, s.case.reference);
    cell(row, purposeNames[s.purpose] || s.purpose);
    cell(row, `The end of ${longDate(s.expires_on)}`);
    row.append(askedOf(s.plan));
    body.append(row);
  }
  stackLabels(body.closest('table'));
  document.getElementById('shares-table').hidden = !items.length;
  const more = total > items.length ? ` The ${items.length} ending soonest are shown.` : '';
  count.textContent = total
    ? `${total === 1 ? 'One victim\'s information is shared with your organisation, for one purpose,' : `${total} shares of victims' information are with your organisation, each for one purpose,`} until the day shown.${more}`
    : 'No victim\'s information is shared with your organisation just now. When the police share some, it is listed here until it ends.';
}

// What a shared safeguarding plan asks of the partner: the open actions
// its organisation owns, and the child protection steps whose clocks run.
function askedOf(plan) {
  const td = document.createElement('td');
  td.className = 'govuk-table__cell';
  if (!plan) {
    td.textContent = 'Nothing';
    return td;
  }
  const lines = [
    ...plan.actions.map((a) => `${a.description}, by ${longDate(a.due_on)}`),
    ...cpSteps.filter((st) => st.due && plan.due[st.due]).map((st) => `${st.name}, by ${longDate(plan.due[st.due])}`),
  ];
  if (lines.length) {
    const ul = document.createElement('ul');
    ul.className = 'govuk-list govuk-list--bullet';
    for (const l of lines) ul.append(Object.assign(document.createElement('li'), { textContent: l }));
    td.append(ul);
  } else {
    td.append('Nothing due ');
  }
  const a = Object.assign(document.createElement('a'), { className: 'govuk-link', href: planHref(plan.id), textContent: 'Open the plan' });
  td.append(a);
  return td;
}

// For a provider: how many referrals to its services wait for an answer,
// and how many of those are past the time to answer, leading to the list.
async function showReferralsWaiting() {
  const res = await api('GET', '/api/v1/service-referrals?status=referred&limit=100');
  if (res.status !== 200) return;
  const n = res.body.total ?? res.body.items.length;
  const late = res.body.items.filter((r) => r.overdue).length;
  const p = document.getElementById('referrals-waiting-count');
  p.textContent = n ? `${n === 1 ? '1 referral is' : `${n} referrals are`} waiting for your answer${late ? `, ${late} past the time to answer` : ''}. ` : 'No referral is waiting for your answer. ';
  p.append(Object.assign(document.createElement('a'), { className: 'govuk-link', href: '/referrals', textContent: n ? 'Answer them' : 'See the referrals' }));
  document.getElementById('referrals-waiting').hidden = false;
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
  // The worklist is what falls due in cases, for those who read cases, and
  // what falls due in Go bag stock and victims' feedback, for those who keep them.
  if (['case:read', 'go_bag:write', 'feedback:write'].some((m) => me.may.includes(m))) await showWorklist();
  // A partner reads no cases: their home is what was shared with them.
  else if (me.may.includes('entry:read')) await showShared();
  // A records manager reads no case content: their home is what is due for
  // review and the subject requests open.
  else if (me.may.includes('retention:read')) await showRecordsWorklist(me);
  if (me.user.role === 'partner' && me.may.includes('referral:write')) await showReferralsWaiting();
  if (!me.may.includes('case:read') && me.may.includes('share:read')) await showShares();
  document.getElementById('home-body').hidden = false;
}
