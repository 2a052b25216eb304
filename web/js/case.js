import { api, showErrors, showProblem } from '/js/api.js';
import { candidatesTable, needsText } from '/js/candidates.js';
import { showDocuments } from '/js/documents.js';
import { showHistory } from '/js/history.js';
import { episodeHref, missingFlags, personFlags } from '/js/missing.js';
import { showLinks } from '/js/links.js';
import { kindName } from '/js/orders.js';
import { planLinks } from '/js/plans.js';
import { bagPhrase, referralHref, referralTag, respondByNodes, serviceName } from '/js/services.js';
import { cell, childTag, restrictedTag, emptyRow, longDate, longTime, nrmStatusNames, roleNames, signedInPage, statusNames, tag, typeNames } from '/js/shell.js';

const me = await signedInPage();

function when(at) {
  return longTime(at);
}

// The timeline, newest first; sealed notes show as sealed unless revealed.
function showTimeline(items) {
  const list = document.getElementById('timeline');
  list.replaceChildren();
  for (const n of items) {
    const li = document.createElement('li');
    li.className = 'waymark-note';
    const head = document.createElement('p');
    head.className = 'govuk-body-s govuk-!-margin-bottom-1';
    head.textContent = `${when(n.at)}, ${n.by.name}`;
    if (n.sealed) head.append(' ', tag('Sealed', 'grey'));
    const body = document.createElement('p');
    body.className = 'govuk-body';
    body.textContent = n.text ?? 'Sealed: shown only with a stated reason.';
    if (n.missing_episode_id) {
      // A missing episode's report or return, with a link to the episode.
      body.append(' ', link('View the missing episode', episodeHref(n.missing_episode_id), `from ${when(n.at)}`));
    }
    li.append(head, body);
    list.append(li);
  }
  if (!items.length) list.append(Object.assign(document.createElement('li'), { textContent: 'No notes yet' }));
  document.getElementById('reveal').hidden = !items.some((n) => n.sealed && n.text == null) || !me.may.includes('sealed:reveal');
}

const outcomeNames = {
  defence_may_apply: 'the defence may apply',
  defence_does_not_apply: 'the defence does not apply',
  excluded_schedule_4: 'excluded: a Schedule 4 offence',
};
const decisionNames = { charge: 'charged', caution: 'cautioned', no_further_action: 'no further action', refer_to_cps: 'referred to the CPS' };

const lowerFirst = (t) => t.charAt(0).toLowerCase() + t.slice(1);

function link(text, href, hidden) {
  const a = document.createElement('a');
  a.className = 'govuk-link';
  a.href = href;
  a.textContent = text;
  if (hidden) {
    const span = document.createElement('span');
    span.className = 'govuk-visually-hidden';
    span.textContent = ` ${hidden}`;
    a.append(span);
  }
  return a;
}

// A victim's named contact, the updates they are owed, and the contact log.
function showVictim(cellEl, p, c, mayRecord) {
  const name = `${p.person.given_names} ${p.person.family_name}`.trim();
  const care = p.care || {};
  const line = document.createElement('p');
  line.className = 'govuk-body-s govuk-!-margin-bottom-1';
  if (care.spoc_name) line.textContent = `Contact: ${care.spoc_name} (${care.spoc_kind === 'navigator' ? 'independent victim navigator' : 'victim liaison officer'})`;
  else line.append(tag('No named contact', 'orange'));
  if (!care.strategy) line.append(' ', tag('No victim strategy', 'orange'));
  cellEl.append(line);
  const due = (p.updates_due || []).map((u) => u.due_on).sort();
  if (due.length) cellEl.append(tag(`Update due by ${longDate(due[0])}`, 'yellow'));
  if ((p.contacts || []).length) {
    const last = p.contacts[p.contacts.length - 1];
    cellEl.append(Object.assign(document.createElement('p'), { className: 'govuk-body-s govuk-!-margin-bottom-1', textContent: `${p.contacts.length} contact${p.contacts.length === 1 ? '' : 's'} logged, the last on ${longDate(last.contacted_on)}` }));
  }
  showServiceReferrals(cellEl, p, name);
  for (const b of p.go_bags || []) {
    cellEl.append(Object.assign(document.createElement('p'), { className: 'govuk-body-s govuk-!-margin-bottom-1',
      textContent: `Given a Go bag ${longDate(b.issued_at || b.issued_on)}: ${bagPhrase(b.kind, b.language)}${b.location_name ? `, from ${b.location_name}` : ''}` }));
  }
  const part = `case=${encodeURIComponent(c.id)}&link=${encodeURIComponent(p.id)}`;
  // What may be done for them, one to a line (each link a target of its own).
  const actions = document.createElement('ul');
  actions.className = 'govuk-list govuk-body-s govuk-!-margin-bottom-1';
  const act = (a) => actions.append(Object.assign(document.createElement('li'), { className: 'govuk-!-margin-bottom-1' }, {}).appendChild(a).parentNode);
  if (mayRecord) {
    act(link('Log contact', `/contact?${part}`, `with ${name}`));
    act(link('Contact, strategy and statement', `/care?${part}`, `for ${name}`));
  }
  if (me.may.includes('referral:write')) act(link('Refer to a service', `/refer-service?${part}`, `(${name})`));
  if (mayRecord && me.may.includes('go_bag:read')) act(link('Give a Go bag', `/give-go-bag?${part}`, `to ${name}`));
  if (mayRecord) act(link('Ask for feedback', `/ask-feedback?${part}`, `from ${name}`));
  if (me.may.includes('share:write')) act(link('Share with a partner', `/share-with?${part}`, `(${name})`));
  if (actions.childNodes.length) cellEl.append(actions);
}

// A victim's referrals to services: to which, what the provider has done
// (a tag), when an answer is due and whether it is overdue.
function showServiceReferrals(cellEl, p, name) {
  const list = p.service_referrals || [];
  if (!list.length) return;
  const ul = document.createElement('ul');
  ul.className = 'govuk-list govuk-body-s govuk-!-margin-bottom-1';
  for (const r of list) {
    const li = document.createElement('li');
    li.append(`${serviceName(r)} `, referralTag(r.status));
    if (r.status === 'referred' && r.respond_by) li.append(' answer due by ', ...respondByNodes(r));
    li.append('.');
    if (r.id) li.append(' ', link('View the referral', referralHref(r.id), `to ${serviceName(r)} for ${name}`));
    ul.append(li);
  }
  cellEl.append(ul);
}

// The allocation panel (supervisors): the five best placed to lead, with
// their reasons; the full list is on its own page.
async function showAllocationPanel(c) {
  const res = await api('GET', `/api/v1/cases/${encodeURIComponent(c.id)}/allocation-candidates?limit=5`);
  if (res.status !== 200) return;
  document.getElementById('allocation-needs').textContent = needsText(res.body.needs);
  document.getElementById('allocation-candidates').append(
    candidatesTable(c.id, res.body.items, `The ${res.body.items.length} best placed of ${res.body.total}`, { leadId: c.lead?.user.id }),
  );
  document.getElementById('allocation-all').href = `/allocate?case=${encodeURIComponent(c.id)}`;
  document.getElementById('allocation-panel').hidden = false;
}

// A suspect's s45 assessments and charging decisions, and what the user may do next.
function showSuspect(cellEl, p, c) {
  const name = `${p.person.given_names} ${p.person.family_name}`.trim();
  const mayChange = me.may.includes('suspect:write');
  for (const a of p.s45_assessments || []) {
    const line = document.createElement('p');
    line.className = 'govuk-body-s govuk-!-margin-bottom-1';
    line.textContent = `s45 assessment: ${outcomeNames[a.outcome] || a.outcome}, ${a.approved ? 'approved' : 'awaiting a supervisor'}`;
    if (!a.approved && me.may.includes('suspect:decide')) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2';
      b.textContent = 'Approve';
      const span = document.createElement('span');
      span.className = 'govuk-visually-hidden';
      span.textContent = ` the s45 assessment for ${name}`;
      b.append(span);
      b.addEventListener('click', async () => {
        const res = await api('POST', `/api/v1/cases/${encodeURIComponent(c.id)}/s45-assessments/${encodeURIComponent(a.id)}/approval`);
        if (res.status === 200) window.location.reload();
        else showErrors([{ field: null, message: 'The assessment could not be approved just now. Try again.' }]);
      });
      line.append(b);
    }
    cellEl.append(line);
  }
  for (const d of p.charging_decisions || []) {
    cellEl.append(Object.assign(document.createElement('p'), { className: 'govuk-body-s govuk-!-margin-bottom-1', textContent: `Charging decision ${longDate(d.decided_on)}: ${decisionNames[d.decision] || d.decision}` }));
  }
  if (!mayChange) return;
  const actions = document.createElement('p');
  actions.className = 'govuk-body-s govuk-!-margin-bottom-1';
  if (p.non_punishment_flag) {
    actions.append(link('Assess the s45 defence', `/s45?case=${encodeURIComponent(c.id)}&link=${encodeURIComponent(p.id)}`, `for ${name}`), ' ');
  }
  actions.append(link('Record a charging decision', `/charging?case=${encodeURIComponent(c.id)}&link=${encodeURIComponent(p.id)}`, `for ${name}`));
  cellEl.append(actions);
}

if (me) {
  const id = new URLSearchParams(window.location.search).get('id') || '';
  const res = await api('GET', `/api/v1/cases/${encodeURIComponent(id)}`);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    const c = res.body;
    const mayRecord = me.may.includes('entry:write');
    document.title = `${c.reference} – Waymark`;
    // Printed, the case says who printed it and when, under its marking.
    const print = document.getElementById('print');
    print.hidden = false;
    print.addEventListener('click', (e) => {
      e.preventDefault();
      document.getElementById('printed').textContent = `OFFICIAL-SENSITIVE. Printed from Waymark by ${me.user.display_name} on ${longTime(new Date().toISOString())}.`;
      window.print();
    });
    document.getElementById('reference').textContent = c.reference;
    document.getElementById('title').textContent = c.title;
    document.getElementById('status').replaceChildren(tag(statusNames[c.status] || c.status));
    if (c.outcome) document.getElementById('status').append(` ${c.outcome}`);
    document.getElementById('types').textContent = c.exploitation_types.map((t) => typeNames[t] || t).join(', ') + (c.county_lines ? ' (county lines)' : '');
    document.getElementById('team').textContent = c.team.name;
    const lead = document.getElementById('lead');
    if (c.lead) {
      lead.textContent = `${c.lead.user.name}, since ${longDate(c.lead.allocated_at)}`;
      if (c.lead.override_reason) lead.append(' ', tag('Allocated with an override', 'orange'));
    } else {
      lead.append(tag('Not allocated', 'red'), ` waiting since ${longDate(c.created_at)}`);
    }
    const earlier = (c.allocation_history || []).filter((l) => l.ended_at);
    if (earlier.length) {
      lead.append(Object.assign(document.createElement('p'), { className: 'govuk-body-s govuk-!-margin-bottom-0', textContent: `Before: ${earlier.map((l) => `${l.user.name} (${longDate(l.allocated_at)} to ${longDate(l.ended_at)})`).join(', ')}` }));
    }
    if (me.may.includes('case:decide')) {
      lead.append(' ', link(c.lead ? 'Reallocate' : 'Allocate a lead', `/allocate?case=${encodeURIComponent(c.id)}`));
      if (c.status !== 'closed') await showAllocationPanel(c);
    }
    document.getElementById('summary').textContent = c.summary || 'None recorded';
    const people = document.getElementById('people-body');
    // Who is missing now, or owed a screening, is added beside each name
    // once known, without holding up the rest of the page.
    const named = [];
    for (const p of c.people) {
      const row = document.createElement('tr');
      row.className = 'govuk-table__row';
      const who = `${p.person.given_names} ${p.person.family_name}`.trim();
      const nameCell = cell(row, who, { href: `/person?id=${encodeURIComponent(p.person.id)}` });
      nameCell.append(' ', childTag(p.person), ' ', restrictedTag(p.person));
      named.push([nameCell, p.person.id, who]);
      const role = cell(row, roleNames[p.role] || p.role);
      if (p.non_punishment_flag) {
        role.append(' ', tag('Potential victim elsewhere: consider s45', 'red'));
      }
      if (p.role === 'suspect') showSuspect(role, p, c);
      if (p.role === 'potential_victim') showVictim(role, p, c, mayRecord);
      if (p.role === 'potential_victim') planLinks(role, p, c, me.may);
      const ind = cell(row, p.indicators.length ? `${p.indicators.length} recorded` : 'None');
      if (mayRecord) {
        const a = document.createElement('a');
        a.className = 'govuk-link';
        a.href = `/indicators?case=${encodeURIComponent(c.id)}&link=${encodeURIComponent(p.id)}`;
        a.textContent = 'Record indicators';
        const span = document.createElement('span');
        span.className = 'govuk-visually-hidden';
        span.textContent = ` for ${p.person.given_names} ${p.person.family_name}`;
        a.append(span);
        ind.append(' ', a);
      }
      if (p.referral_prompt) ind.append(' ', tag('Refer to the NRM or notify', 'yellow'));
      const referred = c.nrm_referrals.some((r) => r.person_id === p.person.id && r.status !== 'withdrawn')
        || c.duty_to_notify.some((n) => n.person_id === p.person.id);
      if (p.role === 'potential_victim' && mayRecord && !referred) {
        const a = document.createElement('a');
        a.className = 'govuk-link';
        a.href = `/refer?case=${encodeURIComponent(c.id)}&person=${encodeURIComponent(p.person.id)}`;
        a.textContent = 'Refer to the NRM or notify';
        const span = document.createElement('span');
        span.className = 'govuk-visually-hidden';
        span.textContent = ` (${p.person.given_names} ${p.person.family_name})`;
        a.append(span);
        ind.append(document.createElement('br'), a);
      }
      if (p.role === 'potential_victim' && mayRecord) {
        const a = document.createElement('a');
        a.className = 'govuk-link';
        a.href = `/victim-context?case=${encodeURIComponent(c.id)}&link=${encodeURIComponent(p.id)}`;
        a.textContent = p.victim_context ? 'Change how they were recruited and controlled' : 'Record how they were recruited and controlled';
        const span = document.createElement('span');
        span.className = 'govuk-visually-hidden';
        span.textContent = ` (${p.person.given_names} ${p.person.family_name})`;
        a.append(span);
        role.append(document.createElement('br'), a);
      }
      people.append(row);
    }
    if (!c.people.length) emptyRow(people, 'No one recorded yet', 3);
    missingFlags(me.may).then((flags) => {
      for (const [td, personId, who] of named) td.append(...personFlags(flags, personId, who, { mayScreen: me.may.includes('missing:write') }));
    });
    const names = Object.fromEntries(c.people.map((p) => [p.person.id, `${p.person.given_names} ${p.person.family_name}`.trim()]));
    const nrm = document.getElementById('nrm');
    for (const r of c.nrm_referrals) {
      const li = document.createElement('li');
      let text = `${names[r.person_id] || 'Someone'}: referred ${longDate(r.referred_on)}${r.child ? ' (as a child)' : ''}, ${lowerFirst(nrmStatusNames[r.status] || r.status)}`;
      if (r.status === 'awaiting_reasonable_grounds') text += `, due by ${longDate(r.rg_due)}`;
      if (r.recovery_period_end && r.status === 'reasonable_grounds_positive') text += `; recovery period until at least ${longDate(r.recovery_period_end)}`;
      li.textContent = `${text}. `;
      li.append(link('View the referral', `/nrm-referral?id=${encodeURIComponent(r.id)}`, `for ${names[r.person_id] || 'this person'}`));
      if (mayRecord && (r.status === 'awaiting_reasonable_grounds' || r.status === 'reasonable_grounds_positive')) {
        li.append(' ', link('Record a decision', `/nrm-decision?id=${encodeURIComponent(r.id)}&case=${encodeURIComponent(c.id)}`, `for ${names[r.person_id] || 'this referral'}`));
      }
      nrm.append(li);
    }
    for (const n of c.duty_to_notify) {
      const li = Object.assign(document.createElement('li'), { textContent: `${names[n.person_id] || 'Someone'}: Duty to Notify submitted ${longDate(n.submitted_on)}. ` });
      li.append(link('MS1 to print', `/ms1?id=${encodeURIComponent(n.id)}`, `for ${names[n.person_id] || 'this person'}`));
      nrm.append(li);
    }
    if (!nrm.children.length) nrm.append(Object.assign(document.createElement('li'), { textContent: 'No referrals or notifications yet' }));
    const orders = document.getElementById('orders');
    for (const o of c.orders || []) {
      const li = Object.assign(document.createElement('li'), { textContent: `${o.person.name}: ${kindName(o.kind)}, made ${longDate(o.made_on)}, ${o.expires_on ? `ends ${longDate(o.expires_on)}` : 'until further order'}${o.breach_count ? `, ${o.breach_count} breach${o.breach_count === 1 ? '' : 'es'}` : ''}. ` });
      li.append(link('View the order', `/order?id=${encodeURIComponent(o.id)}`, `against ${o.person.name}`));
      orders.append(li);
    }
    if (!orders.children.length) orders.append(Object.assign(document.createElement('li'), { textContent: 'None recorded' }));
    const places = document.getElementById('places');
    for (const pl of c.places) {
      const li = document.createElement('li');
      const where = [pl.address, pl.postcode, pl.country].filter(Boolean).join(', ');
      const when = [pl.date_from, pl.date_to].filter(Boolean).map(longDate).join(' to ');
      li.textContent = `${pl.kind[0].toUpperCase()}${pl.kind.slice(1)}: ${where}${when ? ` (${when})` : ''}`;
      places.append(li);
    }
    if (!c.places.length) places.append(Object.assign(document.createElement('li'), { textContent: 'None recorded' }));
    await showDocuments(c, me);
    await showLinks(c, me);
    const hist = await api('GET', `/api/v1/cases/${encodeURIComponent(id)}/history`);
    showHistory(document.getElementById('history'), (hist.body && hist.body.items) || [], 'No changes since the case was opened.');
    const timelinePath = `/api/v1/cases/${encodeURIComponent(id)}/timeline`;
    const timeline = await api('GET', timelinePath);
    showTimeline((timeline.body && timeline.body.items) || []);
    document.getElementById('reveal-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const purpose = document.getElementById('purpose').value.trim();
      if (purpose.length < 10) {
        showErrors([{ field: 'purpose', message: 'Say why you need to see the sealed notes, in at least 10 characters' }]);
        return;
      }
      const shown = await api('GET', `${timelinePath}?reveal=sealed`, undefined, { 'X-Purpose': purpose });
      if (shown.status !== 200) {
        showErrors([{ field: null, message: 'The sealed notes could not be shown just now. Try again.' }]);
        return;
      }
      showErrors([]);
      showTimeline(shown.body.items);
      document.getElementById('reveal').hidden = true;
    });
    if (mayRecord) {
      const place = document.getElementById('add-place');
      place.href = `/place?case=${encodeURIComponent(c.id)}`;
      place.hidden = false;
      const form = document.getElementById('note-form');
      form.hidden = false;
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const text = document.getElementById('note').value.trim();
        if (!text) {
          showErrors([{ field: 'note', message: 'Enter the note' }]);
          return;
        }
        const added = await api('POST', `/api/v1/cases/${encodeURIComponent(c.id)}/notes`, { text, sealed: document.getElementById('note-sealed').checked });
        if (added.status !== 201) {
          showErrors([{ field: 'note', message: added.status === 422 ? 'The note is too long' : 'The note could not be added just now. Try again.' }]);
          return;
        }
        showErrors([]);
        form.reset();
        const again = await api('GET', timelinePath);
        showTimeline((again.body && again.body.items) || []);
      });
    }
    if (me.may.includes('case:write')) {
      const addPerson = document.getElementById('add-person');
      addPerson.href = `/add-person?case=${encodeURIComponent(c.id)}`;
      addPerson.hidden = false;
      const change = document.getElementById('change');
      change.href = `/edit-case?id=${encodeURIComponent(c.id)}`;
      change.hidden = false;
      const addOrder = document.getElementById('add-order');
      addOrder.href = `/new-order?case=${encodeURIComponent(c.id)}`;
      addOrder.hidden = false;
      const event = document.getElementById('add-event');
      event.href = `/event?case=${encodeURIComponent(c.id)}`;
      event.hidden = false;
    }
    document.getElementById('case-body').hidden = false;
  }
}
