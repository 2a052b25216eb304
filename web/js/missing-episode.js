// A missing episode: whose it is, the grading and when it is next
// reviewed, the times in UK time, and what is to be recorded next: a risk
// review and the return while the person is missing; the police safe and
// well check and the independent return home interview after. Each form
// is a GOV.UK details element the page's address may open (#return,
// #risk-review, #safe-and-well, #return-interview, #entry, #association),
// so a worklist item leads straight to it; each ends with a success banner.
import { orgKindName } from '/js/admin.js';
import { api, showErrors, showProblem } from '/js/api.js';
import { field, readField, writeField } from '/js/form.js';
import {
  currentlyMissingTag, dateTimeField, entryKindNames, episodeHref, foundByNames, gradingOptions, gradingTag, gradingWords,
  missingFor, readDateTime, repeatWarning, statusTag, timeEl, ukTime, writeDateTime,
} from '/js/missing.js';
import { findPeople, fullName, personChoice } from '/js/person-search.js';
import { childTag, finish, signedInPage, summaryList, tag } from '/js/shell.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';
const path = `/api/v1/missing-episodes/${encodeURIComponent(id)}`;
const here = episodeHref(id);

const el = (t, className, props = {}) => Object.assign(document.createElement(t), className ? { className } : {}, props);
const hidden = (text) => el('span', 'govuk-visually-hidden', { textContent: text });
const link = (text, href) => el('a', 'govuk-link', { href, textContent: text });

// A time with how it stands against now: an Overdue tag once past.
function dueBy(iso, done) {
  const span = el('span');
  span.append(timeEl(iso));
  if (!done && Date.parse(iso) < Date.now()) span.append(' ', tag('Overdue', 'red'));
  return span;
}

// Several lines in one summary list value.
function lines(...parts) {
  const div = el('div');
  parts.filter(Boolean).forEach((p, i) => {
    if (i) div.append(el('br'));
    div.append(p);
  });
  return div;
}

// ---- showing the episode ----

function showDetails(ep) {
  const person = el('span');
  // A partner's copy leaves out the force's ids: the name alone.
  person.append(ep.person.id ? link(ep.person.name, `/person?id=${encodeURIComponent(ep.person.id)}`) : ep.person.name);
  if (ep.person.presumed_child) person.append(' ', childTag(ep.person));
  const status = lines(statusTag(ep.status),
    ep.status === 'missing' ? `Missing ${missingFor(ep)} since they were last seen` : `Missing for ${missingFor(ep)}`);
  const reported = lines(timeEl(ep.reported_at), `by ${ep.reported_by.name}${ep.team ? `, ${ep.team.name}` : ''}`);
  const rows = [
    ['Person', person],
    ['Status', status],
    ['Risk', gradingTag(ep.risk)],
    ['Last seen', lines(timeEl(ep.last_seen_at), ep.last_seen_place)],
    ['Reported', reported],
  ];
  if (ep.status === 'missing' && ep.review_due) rows.push(['Next risk review due', dueBy(ep.review_due)]);
  rows.push(['What happened', ep.circumstances || 'Not recorded']);
  summaryList(document.getElementById('details'), rows);
}

function showReturn(ep) {
  document.getElementById('return-section').hidden = !ep.returned_at;
  document.getElementById('checks-section').hidden = !ep.returned_at;
  if (!ep.returned_at) return;
  summaryList(document.getElementById('return-details'), [
    ['Returned', timeEl(ep.returned_at)],
    ['How', foundByNames[ep.found_by] || ep.found_by],
    ['Where found', ep.where_found],
    ['Under 18 on return', ep.child_on_return === null || ep.child_on_return === undefined ? null : ep.child_on_return ? 'Yes, or their age is disputed' : 'No'],
  ]);
  const sw = ep.safe_and_well;
  summaryList(document.getElementById('safe-and-well-details'), sw
    ? [['Checked', timeEl(sw.checked_at)], ['By', sw.officer], ['Where', sw.place], ['What they said', sw.disclosures || 'Nothing recorded']]
    : [['Due by', ep.safe_and_well_due ? dueBy(ep.safe_and_well_due) : null], ['Checked', 'Not yet']]);
  const ri = ep.return_interview;
  let interview;
  if (ri) {
    interview = [
      [ri.accepted ? 'Held' : 'Offered', timeEl(ri.held_at)],
      ['Offered by', ri.offered_by.name],
      ['Accepted', ri.accepted ? 'Yes' : 'No, they declined it'],
      ['What they said', ri.disclosures || 'Nothing recorded'],
    ];
  } else if (ep.return_interview_due) {
    interview = [['Due by', dueBy(ep.return_interview_due)], ['Held', 'Not yet']];
  } else {
    interview = [['Owed', 'No: they were an adult when they came back']];
  }
  summaryList(document.getElementById('interview-details'), interview);
}

function timelineItem(title, byline, at, text) {
  const item = el('div', 'moj-timeline__item');
  const header = el('div', 'moj-timeline__header');
  header.append(el('h3', 'moj-timeline__title', { textContent: title }));
  if (byline) header.append(' ', el('p', 'moj-timeline__byline', { textContent: byline }));
  const date = el('p', 'moj-timeline__date');
  date.append(timeEl(at));
  item.append(header, date);
  if (text) item.append(el('div', 'moj-timeline__description', { textContent: text }));
  return item;
}

// The gradings newest first, ending with the one given at the report.
function showReviews(ep) {
  const list = document.getElementById('reviews');
  const reviews = ep.reviews || [];
  const items = reviews.map((r) => {
    const title = r.previous_risk && r.previous_risk !== r.risk
      ? `Regraded ${gradingWords(r.risk)} (was ${gradingWords(r.previous_risk)})`
      : `Reviewed: still ${gradingWords(r.risk)}`;
    return timelineItem(title, r.by ? `by ${r.by.name || r.by}` : '', r.at, r.reason);
  });
  const first = reviews.length ? reviews[reviews.length - 1].previous_risk || ep.risk : ep.risk;
  items.push(timelineItem(`Graded ${gradingWords(first)} at the report`, `by ${ep.reported_by.name}`, ep.reported_at, ''));
  list.replaceChildren(...items);
}

function showEntries(ep) {
  const section = document.getElementById('entries-section');
  section.hidden = !('entries' in ep);
  if (section.hidden) return;
  const list = document.getElementById('entries');
  list.replaceChildren(...ep.entries.map((e) => timelineItem(
    `${entryKindNames[e.kind] || e.kind}${e.place ? `: ${e.place}` : ''}`, e.by ? `by ${e.by}` : '', e.at, e.detail,
  )));
  list.hidden = !ep.entries.length;
  document.getElementById('no-entries').hidden = Boolean(ep.entries.length);
}

function showAssociations(ep) {
  const section = document.getElementById('associations-section');
  section.hidden = !('associations' in ep);
  if (section.hidden) return;
  const list = document.getElementById('associations');
  list.replaceChildren(...ep.associations.map((a) => {
    const li = el('li');
    if (a.kind === 'person' && a.person) li.append('Person: ', link(a.person.name, `/person?id=${encodeURIComponent(a.person.id)}`));
    else li.append(`Place: ${a.place}`);
    if (a.note) li.append(` – ${a.note}`);
    return li;
  }));
  if (!ep.associations.length) list.append(el('li', '', { textContent: 'None recorded' }));
}

// ---- the forms ----

// Reads a form's fields: date-and-time ones as {ms, rfc3339} or {error}.
function values(fields) {
  return Object.fromEntries(fields.map((f) => [f.id, f.kind === 'datetime' ? readDateTime(f.id, f.what) : readField(f)]));
}

// What the fields' answers lack, before the API is asked: each required
// answer given, each time real and in the past and not before after.
function missingAnswers(fields, v, after) {
  const errors = [];
  for (const f of fields) {
    const x = v[f.id];
    if (f.kind === 'datetime') {
      if (x.error) errors.push({ field: f.id, message: x.error });
      else if (x.ms > Date.now()) errors.push({ field: f.id, message: `The date and time ${f.what} must be in the past` });
      else if (after && x.ms < Date.parse(after.at)) errors.push({ field: f.id, message: `The date and time ${f.what} must be after ${after.what} (${ukTime(after.at)})` });
    } else if (f.required && (x === '' || x === null)) {
      errors.push({ field: f.id, message: f.required });
    }
  }
  return errors;
}

// The API's field errors (422) by the form's fields: each field's api
// names the API's field, and its name starts the message.
function refusal(res, fields, fallback) {
  const errs = (res.status === 422 && res.body && res.body.errors) || [];
  if (res.status === 409) return [{ field: null, message: `${fallback.replace(/ just now\. Try again\.$/, '')}: ${(res.body && res.body.detail) || 'the episode has moved on'}. Reload the page to see it as it stands.` }];
  if (!errs.length) return [{ field: null, message: fallback }];
  return errs.map((e) => {
    const f = fields.find((x) => (x.api || x.id) === e.field);
    const said = e.message.replace(/\blast_seen_at\b/, 'when they were last seen');
    return { field: f ? f.id : null, message: `${f ? f.name : e.field.replace(/_/g, ' ')} ${said}` };
  });
}

// One action as a GOV.UK details element holding its form.
// a: {id, summary, intro, fields, button, after(ep), path, body(v), banner(ep, v)}
function actionForm(a, ep) {
  const details = el('details', 'govuk-details', { id: a.id });
  const summary = el('summary', 'govuk-details__summary');
  summary.append(el('span', 'govuk-details__summary-text', { textContent: a.summary }));
  const text = el('div', 'govuk-details__text');
  const form = el('form', '', { id: `${a.id}-form`, noValidate: true });
  if (a.intro) form.append(el('p', 'govuk-body', { textContent: a.intro }));
  for (const f of a.fields) form.append(f.kind === 'datetime' ? dateTimeField(f) : field(f));
  if (a.extra) a.extra(form);
  const button = el('button', 'govuk-button', { type: 'submit', textContent: a.button });
  button.dataset.module = 'govuk-button';
  form.append(button);
  text.append(form);
  details.append(summary, text);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = values(a.fields);
    const errors = [...missingAnswers(a.fields, v, a.after && a.after(ep)), ...(a.check ? a.check(v) : [])];
    showErrors(errors);
    if (errors.length) return;
    button.disabled = true;
    const res = await api('POST', `${path}${a.path}`, a.body(v));
    button.disabled = false;
    if (res.status === 200 || res.status === 201) {
      const fresh = await api('GET', path);
      finish(here, ...a.banner(fresh.status === 200 ? fresh.body : ep, v));
      return;
    }
    showErrors(refusal(res, a.fields, `${a.noun} could not be recorded just now. Try again.`));
  });
  return details;
}

const nextDue = (ep) => (ep.review_due ? ` The next review is due by ${ukTime(ep.review_due)}.` : '');

function riskReview(ep) {
  const fields = [
    { id: 'review_risk', api: 'risk', name: 'The grading', label: 'How do you grade the risk now?', kind: 'radios', options: gradingOptions, required: 'Select how you grade the risk now' },
    { id: 'review_reason', api: 'reason', name: 'Why', label: 'Why?', kind: 'textarea', hint: 'What you know now, and what led you to the grading.', required: 'Say why you grade the risk as you do' },
  ];
  return {
    id: 'risk-review', summary: 'Record a risk review', noun: 'The review', fields, button: 'Record the review', path: '/risk-reviews',
    intro: `Graded ${gradingWords(ep.risk)} now. The grading may stay the same.`,
    body: (v) => ({ risk: v.review_risk, reason: v.review_reason }),
    banner: (fresh, v) => ['Risk review recorded', `${v.review_risk === ep.risk ? 'Still graded' : 'Now graded'} ${gradingWords(v.review_risk)}.${nextDue(fresh)}`],
    fill: () => writeField(fields[0], ep.risk),
  };
}

function theReturn(ep) {
  const fields = [
    { id: 'returned_at', name: 'The date and time they came back', label: 'When did they come back, or were they found?', kind: 'datetime', what: 'they came back' },
    { id: 'found_by', name: 'How they came back', label: 'How did they come back?', kind: 'radios', required: 'Select how they came back',
      options: Object.entries(foundByNames).map(([value, label]) => ({ value, label })) },
    { id: 'where_found', name: 'Where they were found', label: 'Where were they found, or where did they come back to?', hint: 'An address or a place.', required: 'Enter where they were found' },
  ];
  return {
    id: 'return', summary: 'Record the return', noun: 'The return', fields, button: 'Record the return', path: '/return',
    after: () => ({ at: ep.last_seen_at, what: 'they were last seen' }),
    body: (v) => ({ returned_at: v.returned_at.rfc3339, found_by: v.found_by, where_found: v.where_found }),
    banner: (fresh) => ['Return recorded', [
      `${ep.person.name} was missing for ${missingFor(fresh)}.`,
      fresh.safe_and_well_due && `The safe and well check is due by ${ukTime(fresh.safe_and_well_due)}.`,
      fresh.return_interview_due && `Their return home interview is due by ${ukTime(fresh.return_interview_due)}.`,
    ].filter(Boolean).join(' ')],
    fill: () => writeDateTime('returned_at', Date.now()),
  };
}

function safeAndWell(ep) {
  const fields = [
    { id: 'checked_at', name: 'The date and time of the check', label: 'When was the check?', kind: 'datetime', what: 'of the check' },
    { id: 'sw_officer', api: 'officer', name: 'The officer', label: 'Which officer made it?', required: 'Enter the officer who made the check' },
    { id: 'sw_place', api: 'place', name: 'Where', label: 'Where was it made?', required: 'Enter where the check was made' },
    { id: 'sw_disclosures', api: 'disclosures', name: 'What they said', label: 'What did they tell the officer? (optional)', kind: 'textarea',
      hint: 'Where they were, who with, any harm or exploitation they spoke of.' },
  ];
  return {
    id: 'safe-and-well', summary: 'Record the safe and well check', noun: 'The safe and well check', fields, button: 'Record the check', path: '/safe-and-well',
    after: () => ({ at: ep.returned_at, what: 'they came back' }),
    body: (v) => ({ checked_at: v.checked_at.rfc3339, officer: v.sw_officer, place: v.sw_place, ...(v.sw_disclosures && { disclosures: v.sw_disclosures }) }),
    banner: (fresh) => ['Safe and well check recorded', fresh.return_interview_due && !fresh.return_interview
      ? `The return home interview is due by ${ukTime(fresh.return_interview_due)}.` : ''],
    fill: () => {
      writeDateTime('checked_at', Date.now());
      writeField(fields[1], me.user.display_name);
    },
  };
}

function returnInterview(ep, partners) {
  const fields = [
    { id: 'ri_accepted', api: 'accepted', name: 'Whether they accepted it', label: 'Did they accept the interview?', kind: 'yesno', required: 'Select whether they accepted the interview' },
    { id: 'held_at', name: 'The date and time', label: 'When was it held, or offered if they declined it?', kind: 'datetime', what: 'of the interview' },
    { id: 'ri_org', api: 'offered_by_organisation_id', name: 'The organisation', label: 'Which organisation offered it?', kind: 'radios',
      hint: 'The interview is independent of the police: a local authority, or a service it commissions.', required: 'Select the organisation that offered the interview',
      options: partners.map((o) => ({ value: o.id, label: o.name, hint: orgKindName(o.kind) })) },
    { id: 'ri_disclosures', api: 'disclosures', name: 'What they said', label: 'What did they tell the interviewer? (optional)', kind: 'textarea',
      hint: 'Why they went missing, where, who with, anything about exploitation.' },
  ];
  return {
    id: 'return-interview', summary: 'Record the return home interview', noun: 'The return home interview', fields, button: 'Record the interview', path: '/return-interview',
    after: () => ({ at: ep.returned_at, what: 'they came back' }),
    body: (v) => ({
      held_at: v.held_at.rfc3339, offered_by_organisation_id: v.ri_org, accepted: v.ri_accepted, ...(v.ri_disclosures && { disclosures: v.ri_disclosures }),
    }),
    banner: (fresh, v) => [v.ri_accepted ? 'Return home interview recorded' : 'Declined interview recorded',
      `Offered by ${(partners.find((o) => o.id === v.ri_org) || {}).name}.`],
    fill: () => { if (partners.length === 1) writeField(fields[2], partners[0].id); },
  };
}

function entry() {
  const fields = [
    { id: 'entry_kind', api: 'kind', name: 'What it was', label: 'What are you recording?', kind: 'radios', required: 'Select what you are recording',
      options: [
        { value: 'search', label: 'A search', hint: 'Of a place, an area, a route.' },
        { value: 'enquiry', label: 'An enquiry', hint: 'Of a person, a hospital, a transport operator, a record.' },
        { value: 'sighting', label: 'A sighting', hint: 'Someone saw them.' },
      ] },
    { id: 'entry_at', api: 'at', name: 'When', label: 'When?', kind: 'datetime', what: 'it happened' },
    { id: 'entry_place', api: 'place', name: 'Where', label: 'Where?', required: 'Enter where' },
    { id: 'entry_by', api: 'by', name: 'By whom', label: 'By whom?', hint: 'An officer, a member of the public, a carer.', required: 'Enter who made it' },
    { id: 'entry_detail', api: 'detail', name: 'What was done or seen', label: 'What was done or seen?', kind: 'textarea', required: 'Say what was done or seen' },
  ];
  return {
    id: 'entry', summary: 'Record a search, enquiry or sighting', noun: 'The entry', fields, button: 'Record it', path: '/entries',
    body: (v) => ({ kind: v.entry_kind, at: v.entry_at.rfc3339, place: v.entry_place, by: v.entry_by, detail: v.entry_detail }),
    banner: (fresh, v) => [`${entryKindNames[v.entry_kind]} recorded`, `${v.entry_place}, ${ukTime(v.entry_at.rfc3339)}.`],
    fill: () => writeDateTime('entry_at', Date.now()),
  };
}

// Linking a person recorded in Waymark (found by name) or a place in words.
function association() {
  const fields = [
    { id: 'assoc_kind', name: 'What', label: 'What are you linking?', kind: 'radios', required: 'Select what you are linking',
      options: [
        { value: 'place', label: 'A place', hint: 'Where they may be, or were: an address, a park, a station.',
          reveal: [{ id: 'assoc_place', api: 'place', name: 'The place', label: 'The place' }] },
        { value: 'person', label: 'A person recorded in Waymark', hint: 'Someone they were with, or may be with.',
          reveal: [{ id: 'assoc_q', name: 'The name', label: 'Their name' }] },
      ] },
    { id: 'assoc_note', api: 'note', name: 'Why', label: 'Why does it matter? (optional)', kind: 'textarea' },
  ];
  let chosen = null;
  const extra = (form) => {
    const find = el('button', 'govuk-button govuk-button--secondary', { type: 'button', textContent: 'Find the person' });
    const results = el('div', 'govuk-form-group', { id: 'assoc_person-group' });
    results.hidden = true;
    find.addEventListener('click', async () => {
      const q = document.getElementById('assoc_q').value.trim();
      if (!q) {
        showErrors([{ field: 'assoc_q', message: 'Enter the name of the person to find' }]);
        return;
      }
      const found = await findPeople(q);
      showErrors([]);
      const fs = el('fieldset', 'govuk-fieldset');
      fs.append(el('legend', 'govuk-fieldset__legend govuk-fieldset__legend--s', { textContent: found.items.length ? 'Which person?' : `No one called ${q} is recorded that you can see` }),
        el('p', 'govuk-error-message', { id: 'assoc_person-error', hidden: true }));
      const radios = el('div', 'govuk-radios govuk-radios--small');
      found.items.forEach((p, i) => radios.append(personChoice('assoc_person', p, i)));
      fs.append(radios);
      results.replaceChildren(fs);
      results.hidden = false;
      radios.addEventListener('change', () => { chosen = radios.querySelector('input:checked').value; });
      const firstChoice = radios.querySelector('input');
      (firstChoice || fs).focus();
    });
    const reveal = form.querySelector('#assoc_q-group');
    reveal.after(find, results);
  };
  return {
    id: 'association', summary: 'Link a person or place', noun: 'The link', fields, extra, button: 'Link it', path: '/associations',
    check: (v) => {
      if (v.assoc_kind === 'place' && !readField({ id: 'assoc_place' })) return [{ field: 'assoc_place', message: 'Enter the place' }];
      if (v.assoc_kind === 'person' && !chosen) return [{ field: 'assoc_q', message: 'Find the person and select them' }];
      return [];
    },
    body: (v) => {
      const b = v.assoc_kind === 'person' ? { person_id: chosen } : { place: readField({ id: 'assoc_place' }) };
      if (v.assoc_note) b.note = v.assoc_note;
      return b;
    },
    banner: (fresh, v) => [v.assoc_kind === 'person' ? 'Person linked to the episode' : 'Place linked to the episode', ''],
  };
}

// Opens the form the address names (#return, or ?action=return as the
// worklist's links have it), and puts the cursor in it.
function openFromAddress() {
  const target = window.location.hash.slice(1) || new URLSearchParams(window.location.search).get('action');
  const details = target && document.getElementById(target);
  if (!details || details.tagName !== 'DETAILS') return;
  details.open = true;
  const first = details.querySelector('input:checked, input, textarea');
  details.scrollIntoView();
  if (first) first.focus();
}

async function showRepeat(ep) {
  if (!ep.person.id || !me.may.includes('person:read')) return;
  const res = await api('GET', `/api/v1/people/${encodeURIComponent(ep.person.id)}`);
  if (res.status !== 200) return;
  const w = repeatWarning(res.body.missing, ep.person.id, ep.person.name, { mayScreen: me.may.includes('missing:write') });
  if (w) document.getElementById('repeat').replaceChildren(w);
}

if (me) {
  const res = await api('GET', path);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    const ep = res.body;
    document.getElementById('who').textContent = ep.person.name;
    document.title = `Missing episode: ${ep.person.name} – Waymark`;
    const tags = document.getElementById('tags');
    tags.append(statusTag(ep.status), ' ', gradingTag(ep.risk));
    if (ep.person.presumed_child) tags.append(' ', childTag(ep.person));
    showDetails(ep);
    showReturn(ep);
    showReviews(ep);
    showEntries(ep);
    showAssociations(ep);
    const back = document.getElementById('back');
    if (!me.may.includes('case:read')) Object.assign(back, { href: '/', textContent: 'Back to what is shared with your organisation' });

    const may = me.may.includes('missing:write');
    // A partner records only the return home interview; the rest is the force's.
    const force = me.user.role !== 'partner';
    const actions = [];
    if (may && force && ep.status === 'missing') actions.push(theReturn(ep), riskReview(ep));
    if (may && force && ep.returned_at && !ep.safe_and_well) actions.push(safeAndWell(ep));
    if (may && ep.return_interview_due && !ep.return_interview) {
      // A partner records the interview for its own organisation.
      const orgs = force ? await api('GET', '/api/v1/organisations?kind=partner') : { status: 0 };
      const partners = force ? (orgs.status === 200 ? orgs.body.items : []) : [{ id: me.user.org.id, name: me.user.org.name }];
      actions.push(returnInterview(ep, partners));
    }
    if (may && force && 'entries' in ep) actions.push(entry());
    if (may && force && 'associations' in ep) actions.push(association());
    const forms = document.getElementById('forms');
    for (const a of actions) {
      forms.append(actionForm(a, ep));
      if (a.fill) a.fill();
    }
    // A choice's reveal (the place, or the person's name) shows while chosen.
    for (const input of forms.querySelectorAll('.govuk-radios__input[aria-controls]')) {
      const sync = () => {
        for (const r of forms.querySelectorAll(`input[name="${input.name}"][aria-controls]`)) {
          document.getElementById(r.getAttribute('aria-controls')).classList.toggle('govuk-radios__conditional--hidden', !r.checked);
        }
      };
      input.addEventListener('change', sync);
      sync();
    }
    document.getElementById('to-record').hidden = !actions.length;
    document.getElementById('episode-body').hidden = false;
    window.addEventListener('hashchange', openFromAddress);
    openFromAddress();
    await showRepeat(ep);
  }
}
