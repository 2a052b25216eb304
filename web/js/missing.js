// Missing episodes in words, wherever Waymark shows one: the College of
// Policing's risk gradings, the states of an episode, how a person was
// found, times in UK time ("4 January 2022 at 3:05pm") and how long someone
// has been missing; the date-and-time question the forms ask, read back as
// RFC 3339 with the UK offset of that moment; and the warnings a person
// carries when they are missing now or go missing again and again.
import { api } from '/js/api.js';
import { tag } from '/js/shell.js';

const el = (tag_, className, props = {}) => Object.assign(document.createElement(tag_), className ? { className } : {}, props);

// The gradings of the College of Policing's Authorised Professional
// Practice on missing persons, highest first, with its definitions.
export const gradings = {
  high: { name: 'High', colour: 'red', hint: 'The risk of serious harm to the person or the public is very likely.' },
  medium: { name: 'Medium', colour: 'orange', hint: 'The risk of harm to the person or the public is likely but not serious.' },
  low: { name: 'Low', colour: 'yellow', hint: 'The risk of harm to the person or the public is possible but minimal.' },
  no_apparent_risk: { name: 'No apparent risk', colour: 'grey', hint: 'There is no apparent risk of harm to the person or the public.' },
};

// "high risk", "no apparent risk": the grading inside a sentence.
export const gradingWords = (risk) => (risk === 'no_apparent_risk' ? 'no apparent risk' : `${(gradings[risk] || { name: risk }).name.toLowerCase()} risk`);

export const gradingOptions = Object.entries(gradings).map(([value, g]) => ({ value, label: g.name, hint: g.hint }));

// The grading as a GOV.UK tag, named "High risk" and so on.
export function gradingTag(risk) {
  const g = gradings[risk];
  if (!g) return tag(risk || 'Not graded', 'grey');
  return tag(risk === 'no_apparent_risk' ? g.name : `${g.name} risk`, g.colour);
}

export function statusTag(status) {
  return status === 'missing' ? tag('Missing', 'red') : tag('Returned', 'green');
}

export const foundByNames = {
  returned_themselves: 'Returned by themselves',
  police: 'Found by the police',
  family_or_carer: 'Brought back by family or a carer',
  other: 'Found some other way',
};

export const entryKindNames = { search: 'Search', enquiry: 'Enquiry', sighting: 'Sighting' };

export const screeningOutcomes = {
  no_concerns: { name: 'No concerns', hint: 'Nothing suggests they are being exploited.' },
  concerns_case_opened: { name: 'Concerns: a case is opened', hint: 'The force investigates.' },
  concerns_referred: { name: 'Concerns: referred', hint: 'To the NRM or to children’s services.' },
  concerns_monitored: { name: 'Concerns: monitored', hint: 'Not enough to act on yet; watched at each episode.' },
};

export const episodeHref = (id, action) => `/missing-episode?id=${encodeURIComponent(id)}${action ? `#${action}` : ''}`;
export const screeningHref = (personId) => `/exploitation-screening?person=${encodeURIComponent(personId)}`;

// ---- UK time ----

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
const ukParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
});

// The UK wall clock at an instant: {y, m, d, h, min} (m from 1).
export function ukClock(ms) {
  const p = Object.fromEntries(ukParts.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return { y: p.year, m: p.month, d: p.day, h: p.hour, min: p.minute };
}

// Minutes the UK is ahead of UTC at an instant: 60 in summer, else 0.
function ukOffset(ms) {
  const c = ukClock(ms);
  return Math.round((Date.UTC(c.y, c.m - 1, c.d, c.h, c.min) - Math.floor(ms / 60000) * 60000) / 60000);
}

// The instant a UK wall clock showed: {ms, rfc3339}, or null for a time the
// clocks skipped (the hour lost in March). An hour that happens twice (in
// October) is taken the first time, in summer time.
export function ukInstant(date, h, min) {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, h, min);
  for (const off of [60, 0]) {
    const ms = wall - off * 60000;
    if (ukOffset(ms) === off) {
      const hh = String(h).padStart(2, '0');
      const mm = String(min).padStart(2, '0');
      return { ms, rfc3339: `${date}T${hh}:${mm}:00${off ? '+01:00' : '+00:00'}` };
    }
  }
  return null;
}

// "3:05pm", "9am", "midday", "midnight": the GOV.UK style for times.
export function clockWords(h, min) {
  if (min === 0 && h === 0) return 'midnight';
  if (min === 0 && h === 12) return 'midday';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${min ? `:${String(min).padStart(2, '0')}` : ''}${h < 12 ? 'am' : 'pm'}`;
}

// "4 January 2022 at 3:05pm" for an RFC 3339 time, in UK time; '' for none.
export function ukTime(iso) {
  if (!iso) return '';
  const c = ukClock(Date.parse(iso));
  return `${c.d} ${months[c.m - 1]} ${c.y} at ${clockWords(c.h, c.min)}`;
}

// The same, in a <time> element that carries the instant.
export function timeEl(iso) {
  return el('time', '', { dateTime: iso, textContent: ukTime(iso) });
}

const plural = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;

// How long from one instant to another in words: "2 days 3 hours",
// "5 hours 10 minutes", "35 minutes"; "less than a minute".
export function howLong(fromMs, toMs) {
  const minutes = Math.max(0, Math.floor((toMs - fromMs) / 60000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days) return hours ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours) return mins ? `${plural(hours, 'hour')} ${plural(mins, 'minute')}` : plural(hours, 'hour');
  return mins ? plural(mins, 'minute') : 'less than a minute';
}

// How long the episode has lasted: from the last sighting to the return,
// or to now while the person is still missing.
export function missingFor(episode, now = Date.now()) {
  return howLong(Date.parse(episode.last_seen_at), episode.returned_at ? Date.parse(episode.returned_at) : now);
}

// Reads a time as people write it: "3:05pm", "3.05 pm", "3pm", "15:05",
// "1505", "midday", "midnight". Answers {h, min}, or null.
export function parseClock(text) {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  if (t === 'midday' || t === 'noon' || t === '12noon') return { h: 12, min: 0 };
  if (t === 'midnight') return { h: 0, min: 0 };
  let m = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)$/.exec(t);
  if (m) {
    const h = Number(m[1]);
    const min = m[2] ? Number(m[2]) : 0;
    if (h < 1 || h > 12 || min > 59) return null;
    return { h: (h % 12) + (m[3] === 'pm' ? 12 : 0), min };
  }
  m = /^(\d{1,2})[:.](\d{2})$/.exec(t) || /^(\d{2})(\d{2})$/.exec(t);
  if (m) {
    const h = Number(m[1]);
    const min = Number(m[2]);
    return h > 23 || min > 59 ? null : { h, min };
  }
  return null;
}

// ---- the date-and-time question ----

// A GOV.UK date input (day, month, year) with a time beside it, asked as
// one question in a fieldset: #ID is the day box, so an error summary link
// lands on it; #ID-time the time. f: {id, label, hint}.
export function dateTimeField(f) {
  const group = el('div', 'govuk-form-group', { id: `${f.id}-group` });
  const fs = el('fieldset', 'govuk-fieldset', { role: 'group' });
  fs.append(el('legend', 'govuk-fieldset__legend govuk-fieldset__legend--s', { textContent: f.label }));
  const hint = el('div', 'govuk-hint', { id: `${f.id}-hint`, textContent: f.hint || 'For example, 27 3 2027 and 3:05pm or 15:05. UK time.' });
  fs.append(hint, el('p', 'govuk-error-message', { id: `${f.id}-error`, hidden: true }));
  fs.setAttribute('aria-describedby', hint.id);
  const wrap = el('div', 'govuk-date-input waymark-date-time');
  const part = (id, label, width, mode) => {
    const item = el('div', 'govuk-date-input__item');
    const grp = el('div', 'govuk-form-group');
    grp.append(el('label', 'govuk-label govuk-date-input__label', { htmlFor: id, textContent: label }),
      el('input', `govuk-input govuk-date-input__input govuk-input--width-${width}`, { id, name: id, type: 'text', inputMode: mode, autocomplete: 'off' }));
    item.append(grp);
    wrap.append(item);
  };
  part(f.id, 'Day', 2, 'numeric');
  part(`${f.id}-month`, 'Month', 2, 'numeric');
  part(`${f.id}-year`, 'Year', 4, 'numeric');
  part(`${f.id}-time`, 'Time', 5, 'text');
  fs.append(wrap);
  group.append(fs);
  return group;
}

const boxes = (id) => [id, `${id}-month`, `${id}-year`, `${id}-time`].map((x) => document.getElementById(x));

// Reads a date-and-time question: {error} (what is wrong, as a sentence
// about what: "the date and time they were last seen"), or {ms, rfc3339}.
// what: the words after "the date and time", like "they were last seen".
export function readDateTime(id, what) {
  const [d, m, y, t] = boxes(id).map((b) => b.value.trim());
  if (!d && !m && !y && !t) return { error: `Enter the date and time ${what}` };
  if (!d || !m || !y) return { error: `Enter the day, month and year ${what}` };
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const check = new Date(`${date}T00:00:00Z`);
  if (!/^[0-9]{1,2}$/.test(d) || !/^[0-9]{1,2}$/.test(m) || !/^[0-9]{4}$/.test(y)
    || Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date) {
    return { error: `The date ${what} must be a real date` };
  }
  if (!t) return { error: `Enter the time ${what}, for example 3:05pm` };
  const c = parseClock(t);
  if (!c) return { error: `Enter the time ${what} like 3:05pm or 15:05` };
  const at = ukInstant(date, c.h, c.min);
  if (!at) return { error: `The clocks went forward an hour that night, so there was no ${clockWords(c.h, c.min)}: enter the time ${what} as clocks showed it` };
  return at;
}

// Fills a date-and-time question with an instant, as UK time.
export function writeDateTime(id, ms) {
  const [d, m, y, t] = boxes(id);
  if (ms === null || ms === undefined) {
    for (const b of [d, m, y, t]) b.value = '';
    return;
  }
  const c = ukClock(ms);
  d.value = String(c.d);
  m.value = String(c.m);
  y.value = String(c.y);
  t.value = clockWords(c.h, c.min).replace('midnight', '12am').replace('midday', '12pm');
}

// ---- the person's missing state ----

// What a person's record says of them going missing (GET /api/v1/people/{id}
// missing, or the same on a worklist item's person): a "Currently missing"
// tag while an episode is open, linking to it when link is true.
export function currentlyMissingTag(missing) {
  if (!missing || !missing.currently_missing) return null;
  return tag('Currently missing', 'red');
}

// "Missing 3 times in 90 days: screen for exploitation", as GOV.UK warning
// text, with a link to record the screening while one is due; null when the
// person is not a repeat missing person.
export function repeatWarning(missing, personId, name, { mayScreen = true, compact = false } = {}) {
  if (!missing || !missing.repeat) return null;
  const n = missing.episodes_90_days;
  const box = el('div', `govuk-warning-text waymark-repeat${compact ? ' waymark-repeat--compact' : ''}`);
  const icon = el('span', 'govuk-warning-text__icon', { textContent: '!' });
  icon.setAttribute('aria-hidden', 'true');
  const strong = el('strong', 'govuk-warning-text__text');
  strong.append(el('span', 'govuk-visually-hidden', { textContent: 'Warning' }),
    ` Missing ${n ? `${n} times` : '3 or more times'} in 90 days${missing.screening_due ? ': screen for exploitation' : ''}`);
  if (missing.screening_due && mayScreen) {
    const a = el('a', 'govuk-link', { href: screeningHref(personId), textContent: 'Record an exploitation screening' });
    if (name) a.append(el('span', 'govuk-visually-hidden', { textContent: ` for ${name}` }));
    strong.append(el('br'), a);
  }
  box.append(icon, strong);
  return box;
}

// Lists of people (a case's, the worklist) carry no missing summary of
// each person, and reading each person's record would log a consultation
// of each: so who is missing now comes from the list of those missing, and
// who is owed a screening from the worklist's screening items, both as far
// as the user reaches. Answers {now: Map(person id -> episode id),
// screening: Set(person id)}, empty for those who read no episodes.
// A worklist already read whole (worklist: its items) is not asked again.
export async function missingFlags(may, worklist = null) {
  const flags = { now: new Map(), screening: new Set() };
  if (!may.includes('missing:read')) return flags;
  const [missing, work] = await Promise.all([
    api('GET', '/api/v1/missing-episodes?status=missing&limit=200'),
    worklist ? { status: 200, body: { items: worklist.filter((it) => it.kind === 'exploitation_screening') } }
      : api('GET', '/api/v1/worklist?kind=exploitation_screening&limit=200'),
  ]);
  for (const ep of (missing.status === 200 && missing.body.items) || []) if (ep.person.id) flags.now.set(ep.person.id, ep.id);
  for (const it of (work.status === 200 && work.body.items) || []) if (it.person) flags.screening.add(it.person.id);
  return flags;
}

// What a list shows beside a person's name from the flags: the "Currently
// missing" tag and the repeat warning (as compact GOV.UK warning text).
export function personFlags(flags, personId, name, { mayScreen = true, tagNow = true } = {}) {
  const out = [];
  if (tagNow && flags.now.has(personId)) out.push(' ', tag('Currently missing', 'red'));
  if (flags.screening.has(personId)) {
    out.push(repeatWarning({ repeat: true, screening_due: true, episodes_90_days: null }, personId, name, { mayScreen, compact: true }));
  }
  return out;
}
