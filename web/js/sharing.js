// Sharing a victim's information with partner organisations, in words: the
// one table of what Waymark calls each purpose, section, lawful basis, way
// of consenting, interpreter and state of a share; the victim's consent as it
// stands; a share's details; and what a partner sees of a share, drawn by
// one renderer for the partner's own page and for the officer's preview, so
// that the preview is exactly what the partner will read.
import { api } from '/js/api.js';
import { genderName, languageName, languageNames } from '/js/names.js';
import { episodeHref, gradingTag, missingFor, ukTime } from '/js/missing.js';
import { actionStatuses, cpSteps, planHref, riskLevels } from '/js/plans.js';
import { childTag, longDate, longTime, nrmStatusNames, summaryList, tag } from '/js/shell.js';

export const purposeNames = {
  safeguarding: 'Safeguarding',
  support: 'Support',
  immigration_advice: 'Immigration advice',
  housing: 'Housing',
};
export const purposeHints = {
  safeguarding: 'Keeping them safe from harm and from those who exploited them.',
  support: 'Care and support to recover: advocacy, counselling, health and money.',
  immigration_advice: 'Advice on their right to stay, from a regulated adviser.',
  housing: 'Finding them safe accommodation.',
};

// In the order a partner reads them.
export const sectionNames = {
  identity: 'Who they are',
  victim_context: 'What happened to them',
  nrm: 'Their NRM referrals',
  safeguarding_plan: 'Their safeguarding plan',
  risks: 'The risks to them',
  contacts: 'Their named contact at the force',
  missing: 'Their missing episodes',
};
export const sectionHints = {
  identity: 'Name, date of birth or age, gender, languages, interpreter, and how to contact them safely.',
  victim_context: 'Their relationship to the trafficker, and how they were recruited, controlled and exploited.',
  nrm: 'The status and dates of their National Referral Mechanism referrals and decisions.',
  safeguarding_plan: 'The actions of their safeguarding plan and when it is reviewed.',
  risks: 'The risks to them and how high each is.',
  contacts: 'The victim liaison officer or independent victim navigator named for them.',
  missing: 'When and where they were last seen and found, the risk, and their return home interviews, which the partner may record.',
};
// What no share ever holds, whatever its sections.
export const neverShared = 'Sealed details (immigration status, health, sexual exploitation, sealed notes), suspects, '
  + 'anyone else in the case, case notes and the investigation are never shared.';

export const basisNames = {
  consent: 'Their consent',
  child_safeguarding: 'Safeguarding a child (Children Act 1989, section 47)',
  vital_interests: 'To protect their life (vital interests)',
  legal_duty: 'A legal duty to share',
};
export const basisHints = {
  child_safeguarding: 'They are under 18, or their age is disputed.',
  vital_interests: 'Sharing is needed to protect their life, and they cannot be asked.',
  legal_duty: 'A law or a court order requires it.',
};
// The question each basis other than consent asks: why it applies.
export const reasonQuestions = {
  child_safeguarding: 'Why must it be shared to keep them safe?',
  vital_interests: 'Why is sharing needed to protect their life?',
  legal_duty: 'Which duty requires it, and why?',
};

export const methodNames = {
  written: 'In writing',
  verbal: 'Spoken',
  easy_read: 'On an easy-read form',
};
export const interpreterNames = {
  none: 'No interpreter',
  in_person: 'An interpreter in the room',
  telephone: 'An interpreter by telephone',
  video: 'An interpreter by video',
};

const states = {
  live: ['Live', 'green'],
  revoked: ['Revoked', 'red'],
  consent_withdrawn: ['Consent withdrawn', 'orange'],
  expired: ['Ended', 'grey'],
};

// Today as the server counts it (UTC), and the last day a share may run to
// from today: a year ahead, 28 February for 29 February.
export const today = () => new Date().toISOString().slice(0, 10);
export function latestExpiry(from) {
  const [y, m, d] = from.split('-').map(Number);
  let t = new Date(Date.UTC(y + 1, m - 1, d));
  if (t.getUTCMonth() !== m - 1) t = new Date(Date.UTC(y + 1, m - 1, d - 1));
  return t.toISOString().slice(0, 10);
}

// The date input's hint: how far ahead a share may run, and an example
// written as the day, month and year boxes take it (3 months ahead).
export function expiryHint(before) {
  const t = new Date();
  const example = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 3, Math.min(t.getUTCDate(), 28)));
  return `${before}At most 12 months ahead: ${longDate(latestExpiry(today()))} at the latest. `
    + `For example, ${example.getUTCDate()} ${example.getUTCMonth() + 1} ${example.getUTCFullYear()}.`;
}

// What is wrong with a date a share is to run to, as GOV.UK words it; ''
// when nothing is. after: a day it must come after (the end it has now).
export function expiryProblem(v, after) {
  const latest = latestExpiry(today());
  if (!v) return 'Enter the date the sharing ends';
  if (v === 'invalid') return 'The date the sharing ends must be a real date';
  if (after && v <= after) return `The date the sharing ends must be after ${longDate(after)}, when it ends now`;
  if (v < today()) return 'The date the sharing ends must be today or later';
  if (v > latest) return `The date the sharing ends must be no more than 12 months ahead: ${longDate(latest)} at the latest`;
  return '';
}

export const options = (names, hints = {}) => Object.entries(names).map(([value, label]) => ({ value, label, hint: hints[value] }));

const lowerFirst = (t) => t.charAt(0).toLowerCase() + t.slice(1);

// "Support and housing": codes in words, joined as a sentence joins them;
// lower: every word after the first in lower case.
export function listWords(codes, names, lower = true) {
  const words = (codes || []).map((c, i) => (i && lower ? lowerFirst(names[c] || c) : names[c] || c));
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export function fullName(p) {
  return p ? [p.given_names, p.family_name].filter(Boolean).join(' ') : '';
}

// The GOV.UK tag of a share's state: Live, Revoked, Consent withdrawn, Ended.
export function stateTag(state) {
  const [text, colour] = states[state] || [state, 'grey'];
  return tag(text, colour);
}

// The purposes the victim's consent covers now: none when refused or withdrawn.
export function consentedPurposes(consent) {
  return consent && consent.given && !consent.withdrawn_at ? consent.purposes : [];
}

// The consent as it stands, in a few words.
export function consentWords(consent, withdrawnAt) {
  if (!consent) return 'None recorded';
  if (consent.given && consent.withdrawn_at) return `Withdrawn on ${longDate(consent.withdrawn_at)}`;
  if (consent.given) return `Given for ${lowerFirst(listWords(consent.purposes, purposeNames))}`;
  return withdrawnAt ? `Refused: the consent given before was withdrawn on ${longDate(withdrawnAt)}` : 'Refused';
}

// The consent as summary list rows: what, how, in which language, through
// which interpreter, when and by whom. withdrawnAt: when a refusal took
// back consent given before, if it did.
export function consentRows(consent, withdrawnAt) {
  const rows = [['Consent to share', consentWords(consent, withdrawnAt)]];
  if (!consent) return rows;
  rows.push(
    ['How they answered', methodNames[consent.method] || consent.method],
    ['Language', languageName(consent.language)],
    ['Interpreter', interpreterNames[consent.interpreter] || consent.interpreter],
    ['Recorded', `${longDate(consent.recorded_at)} by ${consent.recorded_by.name}`],
  );
  return rows;
}

function el(tagName, className, props = {}) {
  const e = document.createElement(tagName);
  if (className) e.className = className;
  return Object.assign(e, props);
}

function bullets(items) {
  const ul = el('ul', 'govuk-list govuk-!-margin-bottom-0');
  for (const text of items) ul.append(el('li', '', { textContent: text }));
  return ul;
}

// Who at the partner looked: each name once, how often and when last.
export function viewsWords(views) {
  const byName = new Map();
  for (const v of views || []) byName.set(v.name, { n: (byName.get(v.name)?.n || 0) + 1, last: v.at });
  return [...byName].map(([name, { n, last }]) => `${name}: ${n === 1 ? 'once' : `${n} times`}, last on ${longTime(last)}`);
}

// When and why a share ended, in words; '' while it is live.
export function endWords(s) {
  if (s.state === 'revoked') return `${longDate(s.ended_at)}: stopped by ${s.ended_by}${s.end_note ? `, who noted: ${s.end_note}` : ''}`;
  if (s.state === 'consent_withdrawn') return `${longDate(s.ended_at)}: their consent was withdrawn`;
  if (s.state === 'expired') return `${longDate(s.expires_on)}: the day it was shared until passed`;
  return '';
}

// Sections in the order a partner reads them.
export const inOrder = (sections) => Object.keys(sectionNames).filter((c) => sections.includes(c));

// A share's details as the force reads them, as summary list rows;
// withViews adds who at the partner looked.
export function shareRows(s, withViews) {
  const rows = [
    ['Shared with', s.organisation.name],
    ['What is shared', bullets(inOrder(s.sections).map((c) => sectionNames[c]))],
    ['Shared for', purposeNames[s.purpose] || s.purpose],
    ['Lawful basis', basisNames[s.basis] || s.basis],
  ];
  if (s.basis !== 'consent') rows.push(['Why', s.reason]);
  rows.push(['From', `${longDate(s.created_at)}, by ${s.created_by.name}`]);
  rows.push([s.state === 'live' ? 'Until' : 'Was until', `The end of ${longDate(s.expires_on)}`]);
  if (s.state !== 'live') rows.push(['Ended', endWords(s)]);
  if (withViews) {
    const seen = viewsWords(s.views);
    rows.push(['Looked at by', seen.length ? bullets(seen) : 'Nobody at the partner has looked at it']);
  }
  return rows;
}

// ---- what a partner sees ----

let htcds = null;

// The words of the victim-context codes, fetched once for the page.
export async function loadViewWords() {
  if (htcds) return htcds;
  const res = await api('GET', '/api/v1/vocabularies');
  htcds = {};
  for (const list of ['relationship_to_trafficker', 'method_of_recruitment', 'methods_of_control', 'types_of_exploitation']) {
    htcds[list] = Object.fromEntries(((res.body && res.body[list]) || []).map((x) => [x.code, x.label]));
  }
  return htcds;
}

function list(rows) {
  const dl = el('dl', 'govuk-summary-list');
  summaryList(dl, rows);
  return dl;
}

const none = (text) => el('p', 'govuk-body', { textContent: text });

function safeContact(sc) {
  if (!sc) return '';
  const box = el('div');
  for (const line of [sc.method, sc.times && `Times: ${sc.times}`, sc.notes].filter(Boolean)) {
    box.append(el('p', 'govuk-body govuk-!-margin-bottom-1', { textContent: line }));
  }
  if (sc.phone_may_be_monitored) box.append(tag('Phone may be monitored', 'red'));
  return box;
}

function identity(v) {
  const age = el('span');
  age.append(v.date_of_birth ? longDate(v.date_of_birth) : v.estimated_age !== null ? `About ${v.estimated_age}` : 'Not known');
  if (v.presumed_child) age.append(' ', childTag(v));
  return [list([
    ['Name', fullName(v)],
    ['Date of birth or age', age],
    ['Gender', genderName(v.gender)],
    ['Languages', languageNames(v.languages) || 'Not known'],
    ['Interpreter', v.interpreter_needed ? `Needed: ${languageName(v.interpreter_language) || 'language not recorded'}` : 'Not needed'],
    ['How to contact them safely', safeContact(v.safe_contact)],
  ])];
}

function victimContext(v, words) {
  if (!v) return [none('Nothing is recorded yet about how they were recruited and controlled.')];
  const word = (kind, code) => words[kind][code] || code;
  const many = (kind) => (v[kind] || []).map((c) => word(kind, c));
  return [list([
    ['Relationship to the trafficker', v.relationship_to_trafficker ? word('relationship_to_trafficker', v.relationship_to_trafficker) : ''],
    ['How they were recruited', v.method_of_recruitment ? word('method_of_recruitment', v.method_of_recruitment) : ''],
    ['How they were controlled', many('methods_of_control').length ? bullets(many('methods_of_control')) : ''],
    ['How they were exploited', many('types_of_exploitation').length ? bullets(many('types_of_exploitation')) : ''],
  ])];
}

const decision = (outcome, on) => (outcome ? `${outcome === 'positive' ? 'Positive' : 'Negative'}, ${longDate(on)}` : 'Not yet made');

function nrm(referrals, words, level) {
  if (!referrals.length) return [none('They have not been referred to the National Referral Mechanism.')];
  const out = [];
  for (const r of referrals) {
    if (referrals.length > 1) out.push(el(`h${level + 1}`, 'govuk-heading-s', { textContent: `Referred ${longDate(r.referred_on)}` }));
    const rows = [['Status', nrmStatusNames[r.status] || r.status], ['Referred', longDate(r.referred_on)]];
    if (r.status === 'awaiting_reasonable_grounds') rows.push(['Reasonable Grounds decision due', longDate(r.rg_due)]);
    rows.push(['Reasonable Grounds decision', decision(r.rg_outcome, r.rg_decided_on)]);
    if (r.recovery_period_end) rows.push(['Recovery period until at least', longDate(r.recovery_period_end)]);
    rows.push(['Conclusive Grounds decision', decision(r.cg_outcome, r.cg_decided_on)]);
    if (r.withdrawn_on) rows.push(['Withdrawn', longDate(r.withdrawn_on)]);
    out.push(list(rows));
  }
  return out;
}

function contacts(v) {
  if (!v) return [none('No named contact is recorded yet.')];
  return [list([
    ['Named contact', v.named_contact],
    ['Their role', v.kind === 'navigator' ? 'An independent victim navigator' : 'A victim liaison officer'],
  ])];
}

// The plan as shared: its review, agencies, actions in words, the next
// child protection steps due, and a link to work on it.
function plan(v) {
  if (!v) return [none('No safeguarding plan is recorded yet.')];
  const status = (x) => (actionStatuses[x] || {}).name || x;
  const rows = [
    ['Review date', v.review_on ? longDate(v.review_on) : 'Not set'],
    ['Agencies involved', v.agencies.length ? v.agencies.join(', ') : 'None named'],
    ['Actions', v.actions.length ? bullets(v.actions.map((a) => `${a.description}: ${a.owner.name}${a.owner_name ? ` (${a.owner_name})` : ''}, by ${longDate(a.due_on)}, ${status(a.status).toLowerCase()}`)) : 'None yet'],
  ];
  const cp = v.child_protection;
  if (cp && cp.applies) {
    const due = cpSteps.filter((st) => st.due && cp.due[st.due]).map((st) => `${st.name}: by ${longDate(cp.due[st.due])}`);
    rows.push(['Child protection steps due', due.length ? bullets(due) : 'None running']);
  }
  const open = el('p', 'govuk-body');
  open.append(el('a', 'govuk-link', { href: planHref(v.id), textContent: 'Open the safeguarding plan' }));
  return [list(rows), open];
}

function risks(v) {
  if (!v) return [none('No risks are recorded yet.')];
  if (!v.length) return [none('No risks are recorded.')];
  return [bullets(v.map((r) => `${r.description}: ${((riskLevels[r.level] || {}).name || r.level).toLowerCase()}`))];
}

// Each episode: when and where last seen and found, the grading, and the
// return home interview, with a link to the episode, where a partner who
// offered the interview records it.
function missingEpisodes(v, words, level) {
  if (!v.length) return [none('They have not been reported missing.')];
  const out = [];
  for (const ep of v) {
    out.push(el(`h${level + 1}`, 'govuk-heading-s', { textContent: `Last seen ${ukTime(ep.last_seen_at)}` }));
    const rows = [
      ['Status', ep.returned_at ? `Came back ${ukTime(ep.returned_at)}, after ${missingFor(ep)}` : `Missing now, for ${missingFor(ep)}`],
      ['Last seen at', ep.last_seen_place],
      ['Risk', gradingTag(ep.risk)],
    ];
    if (ep.where_found) rows.push(['Where found', ep.where_found]);
    const ri = ep.return_interview;
    if (ri) rows.push(['Return home interview', `${ri.accepted ? 'Held' : 'Offered and declined'} ${ukTime(ri.held_at)}, by ${ri.offered_by.name}`]);
    else if (ep.return_interview_due) rows.push(['Return home interview', `Due by ${ukTime(ep.return_interview_due)}`]);
    out.push(list(rows));
    const open = el('p', 'govuk-body');
    const due = ep.return_interview_due && !ri;
    const a = el('a', 'govuk-link', { href: episodeHref(ep.id, due ? 'return-interview' : ''), textContent: due ? 'Record the return home interview' : 'Open the episode' });
    a.append(el('span', 'govuk-visually-hidden', { textContent: ` (last seen ${ukTime(ep.last_seen_at)})` }));
    open.append(a);
    out.push(open);
  }
  return out;
}

const renderers = {
  identity,
  victim_context: victimContext,
  nrm,
  safeguarding_plan: plan,
  risks,
  contacts,
  missing: missingEpisodes,
};

// Fills container with a share's view: each section it holds, in the
// order a partner reads them, under a heading of the level given; nothing
// of the sections it does not hold. words: from loadViewWords().
export function renderView(container, view, words, level = 2) {
  container.replaceChildren();
  for (const code of Object.keys(sectionNames)) {
    if (!(code in view)) continue;
    const section = el('section');
    section.dataset.section = code;
    section.append(el(`h${level}`, level === 2 ? 'govuk-heading-m' : 'govuk-heading-s', { textContent: sectionNames[code] }),
      ...renderers[code](view[code], words, level));
    container.append(section);
  }
}
