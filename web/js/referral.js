// One referral to a service: whom it is for, to which service, the need and
// urgency, by when the provider should answer, what has happened since, and
// what the reader may do next: the provider accepts or declines it (with a
// reason), starts the support and closes it (with an outcome); the force
// withdraws it (with a reason). The list of referrals leads here with
// ?action= naming the step to take.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, readField } from '/js/form.js';
import {
  el, kindNames, outcomeNames, referralTag, respondByNodes, serviceName, statusWords, urgencyTag,
} from '/js/services.js';
import { fullName } from '/js/sharing.js';
import { finish, longTime, signedInPage, summaryList } from '/js/shell.js';
import { showCase } from '/js/subject.js';

const me = await signedInPage();
const params = new URLSearchParams(window.location.search);
const id = params.get('id') || '';
const path = `/api/v1/service-referrals/${encodeURIComponent(id)}`;

const reason = (label, hint) => ({ id: 'reason', label, kind: 'textarea', hint });
const outcomeField = {
  id: 'outcome', label: 'What came of it?', kind: 'radios',
  options: Object.entries(outcomeNames).map(([value, label]) => ({ value, label })),
};

// Each step: to which status, who takes it and from where, and its words.
const moves = {
  accept: {
    to: 'accepted', by: 'provider', from: ['referred'], label: 'Accept', heading: 'Accept the referral',
    intro: 'Accepting tells the officer who referred them that your service will support them. Contact them only in the safe way the officer gave.',
    submit: 'Accept the referral',
    done: (n) => [`You accepted the referral of ${n}`, 'Next: contact them, then start the support here once it begins.'],
  },
  decline: {
    to: 'declined', by: 'provider', from: ['referred'], label: 'Decline', heading: 'Decline the referral',
    intro: 'The officer who referred them sees your reason, so that they can find other support. What was shared with you ends.',
    fields: [reason('Why are you declining it?', 'For example, no places until next month, or outside the ages you serve.')],
    submit: 'Decline the referral',
    done: (n) => [`You declined the referral of ${n}`, 'The officer who referred them has your reason. What was shared with you about them has ended.'],
  },
  start: {
    to: 'in_progress', by: 'provider', from: ['accepted'], label: 'Start the support', heading: 'Start the support',
    intro: 'Say when the support has begun, so that the officer knows.', submit: 'Start the support',
    done: (n) => [`Support started for ${n}`, 'Close the referral here when the support ends, with what came of it.'],
  },
  close: {
    to: 'closed', by: 'provider', from: ['accepted', 'in_progress'], label: 'Close', heading: 'Close the referral',
    intro: 'Closing ends the support and what was shared with you about them.',
    fields: [outcomeField, reason('Anything the officer should know (optional)', 'For example, where they moved to, or what support they might need next.')],
    submit: 'Close the referral',
    done: (n, r) => [`Referral of ${n} closed`, `Outcome: ${(outcomeNames[r.outcome] || '').toLowerCase()}. What was shared with you about them has ended.`],
  },
  withdraw: {
    to: 'withdrawn', by: 'force', from: ['referred', 'accepted', 'in_progress'], label: 'Withdraw the referral', heading: 'Withdraw the referral',
    intro: 'The provider is told the referral is withdrawn and stops seeing who they are and how to contact them. It cannot be undone: refer them again if they need the service later.',
    fields: [reason('Why are you withdrawing it?', 'The provider sees this. For example, they have moved out of the area.')],
    submit: 'Withdraw the referral',
    done: (n, r) => [`Referral of ${n} to ${serviceName(r)} withdrawn`, 'What was shared with the provider about them has ended.'],
  },
};

// The steps open to this reader for the referral as it stands.
function movesFor(r) {
  const provider = me.user.role === 'partner';
  if (!me.may.includes('referral:write')) return [];
  return Object.entries(moves).filter(([, m]) => m.from.includes(r.status) && (m.by === 'provider') === provider).map(([k]) => k);
}

function showTimeline(r) {
  const box = document.getElementById('history');
  box.replaceChildren();
  for (const h of [...(r.history || [])].reverse()) {
    const item = el('div', 'moj-timeline__item');
    const header = el('div', 'moj-timeline__header');
    header.append(el('h3', 'moj-timeline__title', { textContent: statusWords(h.status) }), ' ',
      el('p', 'moj-timeline__byline', { textContent: `by ${h.by && h.by.name ? h.by.name : h.by || 'someone'}` }));
    const date = el('p', 'moj-timeline__date');
    date.append(el('time', '', { dateTime: h.at, textContent: longTime(h.at) }));
    item.append(header, date);
    box.append(item);
  }
}

function showReferral(r) {
  const name = fullName(r.person) || 'The person referred';
  document.getElementById('who').textContent = name;
  document.getElementById('heading').textContent = `Referral to ${serviceName(r)}`;
  document.title = `Referral of ${name} to ${serviceName(r)} – Waymark`;
  const status = el('span');
  status.append(referralTag(r.status));
  const answer = el('span');
  answer.append(...respondByNodes(r));
  const rows = [
    ['Status', status],
    ['Service', `${serviceName(r)}${r.service && r.service.kind ? ` (${(kindNames[r.service.kind] || r.service.kind).toLowerCase()})` : ''}`],
    ['Provider', (r.provider_organisation && r.provider_organisation.name) || r.provider_name],
    ['Urgency', urgencyTag(r.urgency)],
    ['What they need', r.need],
    ['Referred', longTime(r.referred_at)],
    [r.answered_at ? 'Answer was due by' : 'Answer due by', answer],
  ];
  if (r.answered_at) rows.push(['Answered', longTime(r.answered_at)]);
  if (r.reason) rows.push([{ declined: 'Why it was declined', withdrawn: 'Why it was withdrawn' }[r.status] || 'Note', r.reason]);
  if (r.outcome) rows.push(['Outcome', outcomeNames[r.outcome] || r.outcome]);
  if (r.case) {
    const c = el('span');
    showCase(c, r.case, me.may.includes('case:read'));
    rows.push(['Case', c]);
  }
  summaryList(document.getElementById('details'), rows);
  showTimeline(r);
}

if (me) {
  const res = await api('GET', path);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    let r = res.body;
    const form = document.getElementById('move-form');
    const buttons = document.getElementById('actions');
    let current = null;
    const name = () => fullName(r.person) || 'the person';

    // Shows the form of one step in place of the buttons.
    const open = (key) => {
      current = key;
      const m = moves[key];
      document.getElementById('move-heading').textContent = m.heading;
      document.getElementById('move-intro').textContent = m.intro;
      const box = document.getElementById('move-fields');
      box.replaceChildren();
      if (m.fields) addFields(box, m.fields);
      document.getElementById('move-submit').textContent = m.submit;
      buttons.hidden = true;
      form.hidden = false;
      document.getElementById('move-heading').focus();
    };
    const offer = () => {
      buttons.replaceChildren();
      const keys = movesFor(r);
      keys.forEach((key, i) => {
        const b = el('button', `govuk-button${i ? ' govuk-button--secondary' : ''}${key === 'withdraw' || key === 'decline' ? ' govuk-button--warning' : ''}`,
          { type: 'button', textContent: moves[key].label });
        b.dataset.module = 'govuk-button';
        b.addEventListener('click', () => open(key));
        buttons.append(b);
      });
      buttons.hidden = !keys.length;
      form.hidden = true;
    };
    showReferral(r);
    offer();
    document.getElementById('referral-body').hidden = false;
    const asked = params.get('action');
    if (asked && movesFor(r).includes(asked)) open(asked);

    document.getElementById('move-cancel').addEventListener('click', (e) => {
      e.preventDefault();
      showErrors([]);
      offer();
      buttons.querySelector('button')?.focus();
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const m = moves[current];
      const body = { status: m.to };
      const errors = [];
      if (m.fields) {
        for (const f of m.fields) {
          const v = readField(f);
          if (v) body[f.id] = v;
        }
      }
      if ((m.to === 'declined' || m.to === 'withdrawn') && !body.reason) errors.push({ field: 'reason', message: m.to === 'declined' ? 'Say why you are declining it' : 'Say why you are withdrawing it' });
      if (m.to === 'closed' && !body.outcome) errors.push({ field: 'outcome', message: 'Select what came of it' });
      if (body.reason && body.reason.length > 2000) errors.push({ field: 'reason', message: 'The reason must be 2,000 characters or fewer' });
      showErrors(errors);
      if (errors.length) return;
      const done = await api('POST', `${path}/status`, body, { 'If-Match': `"${r.version}"` });
      if (done.status === 200 || done.status === 201) {
        const [heading, next] = m.done(name(), { ...r, ...body });
        finish(me.user.role === 'partner' ? '/referrals' : (r.case ? `/case?id=${encodeURIComponent(r.case.id)}` : window.location.pathname + window.location.search.replace(/&action=[a-z]+/, '')), heading, next);
        return;
      }
      if (done.status === 409 || done.status === 412) {
        const again = await api('GET', path);
        if (again.status === 200) r = again.body;
        showReferral(r);
        offer();
        showErrors([{ field: null, message: `Someone else changed this referral meanwhile: it is now ${statusWords(r.status).toLowerCase()}. Check it before you do anything more.` }]);
        return;
      }
      const errs = (done.status === 422 && done.body && done.body.errors) || [];
      if (errs.length) {
        const labels = { reason: 'Reason', outcome: 'Outcome' };
        showErrors(errs.map((x) => ({ field: x.field in labels ? x.field : null, message: `${labels[x.field] || x.field}: ${x.message}` })));
        return;
      }
      showErrors([{ field: null, message: done.status === 403 ? 'You cannot do this to the referral.' : 'The referral could not be changed just now. Try again.' }]);
    });
  }
}
