// The words and small pieces the records management pages share: retention
// groups, holds, subject requests and their deadlines, in words.
import { api } from '/js/api.js';
import { longDate, tag } from '/js/shell.js';

export const el = (t, className, props = {}) => Object.assign(document.createElement(t), className ? { className } : {}, props);

// The APP's groups, as the retention rules name them.
export const groupNames = {
  group_1: 'Certain public protection matters',
  group_2: 'Other sexual, violent or serious offences',
  group_3: 'All other offences',
};

// A group in words wherever it shows: "Group 2: Other sexual, violent or
// serious offences".
export function groupName(group, name) {
  const n = /^group_(\d+)$/.exec(group || '');
  const words = name || groupNames[group];
  if (!n) return words || group || 'Not set';
  return words ? `Group ${n[1]}: ${words}` : `Group ${n[1]}`;
}

export const holdKinds = [
  { value: 'litigation', label: 'Litigation', hint: 'A claim or proceedings that need the record, begun or expected.' },
  { value: 'public_inquiry', label: 'A public inquiry', hint: 'An inquiry has asked for records to be kept.' },
  { value: 'order', label: 'An order of a court', hint: 'An order in force that the record supports.' },
  { value: 'investigation', label: 'An investigation', hint: 'An investigation or review that still needs it.' },
  { value: 'other', label: 'Another reason' },
];
const automaticHolds = {
  open_case: 'The case is open',
  case_open: 'The case is open',
  order: 'An order in force',
  order_in_force: 'An order in force',
};
export function holdName(h) {
  if (h.automatic) return automaticHolds[h.kind] || `Held automatically (${h.kind})`;
  return (holdKinds.find((k) => k.value === h.kind) || {}).label || h.kind;
}

export const requestKinds = [
  { value: 'access', label: 'Access', hint: 'A copy of what is held about them.' },
  { value: 'rectification', label: 'Rectification', hint: 'Something held about them is wrong or incomplete.' },
  { value: 'erasure', label: 'Erasure', hint: 'Their record to be deleted.' },
  { value: 'restriction', label: 'Restriction', hint: 'Their record kept but not used.' },
];
export const regimes = [
  { value: 'part3', label: 'Law enforcement (Data Protection Act 2018 Part 3)', hint: 'Their record as the police hold it for policing purposes.' },
  { value: 'uk_gdpr', label: 'UK GDPR', hint: 'The force\'s other processing, such as employment or a civil matter.' },
];
export const channels = [
  { value: 'letter', label: 'Letter' },
  { value: 'email', label: 'Email' },
  { value: 'online_form', label: 'Online form' },
  { value: 'in_person', label: 'In person' },
  { value: 'phone', label: 'Telephone' },
];
export const outcomes = [
  { value: 'answered', label: 'Answered', hint: 'Everything asked for was done or sent.' },
  { value: 'partly_answered', label: 'Partly answered', hint: 'Some of it was done, some refused with reasons.' },
  { value: 'refused', label: 'Refused', hint: 'Refused, with the reasons given to them.' },
  { value: 'withdrawn', label: 'Withdrawn', hint: 'They withdrew the request.' },
  { value: 'no_data_held', label: 'No data held', hint: 'Nothing is held about them.' },
];
// What a correction may change on a person's record, as the API names it.
export const rectifiable = [
  { value: 'given_names', label: 'Given names' },
  { value: 'family_name', label: 'Family name' },
  { value: 'aliases', label: 'Other names', hint: 'Each name separated by a comma.' },
  { value: 'date_of_birth', label: 'Date of birth', hint: 'As 1990-01-04.' },
  { value: 'estimated_age', label: 'Estimated age', hint: 'In years.' },
  { value: 'gender', label: 'Gender' },
  { value: 'nationalities', label: 'Nationalities', hint: 'Country codes separated by commas, such as RO, MD.' },
  { value: 'languages', label: 'Languages', hint: 'Language codes separated by commas, such as ro, ru.' },
  { value: 'interpreter_language', label: 'Interpreter language', hint: 'A language code, such as ro.' },
];
export const labelOf = (list, value) => (list.find((o) => o.value === value) || {}).label || value || '';

// The name of the person a request or review is about.
export const personName = (p) => (p ? p.name || [p.given_names, p.family_name].filter(Boolean).join(' ') : '') || 'Name not held';

// ---- deadlines ----

const iso = (d) => d.toISOString().slice(0, 10);
const day = (s) => new Date(`${s}T00:00:00Z`);

// The date one month on from a day, as the ICO counts it: the same date of
// the next month, or that month's last day where it has none.
export function monthOn(start) {
  const d = day(start);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last))));
}

let holidays = null;
async function bankHolidays() {
  if (holidays) return holidays;
  const res = await api('GET', '/api/v1/bank-holidays');
  holidays = new Set(res.status === 200 ? (res.body.items || []).map((h) => h.day) : []);
  return holidays;
}

// When a request falls due: a month from the later of its receipt and the
// check of identity (for Part 3, counted from the day after), moved to the
// next working day. The server works it out the same way and its answer
// is the one kept; this is to show it before the request is made.
export async function dueDate(regime, receivedOn, verifiedOn) {
  const start = verifiedOn > receivedOn ? verifiedOn : receivedOn;
  let from = day(start);
  if (regime === 'part3') from = new Date(from.getTime() + 86400000);
  const hols = await bankHolidays();
  let due = day(monthOn(iso(from)));
  while ([0, 6].includes(due.getUTCDay()) || hols.has(iso(due))) due = new Date(due.getTime() + 86400000);
  return iso(due);
}

export const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

// How near a date is, as a tag: overdue in red, today in yellow.
export function dueTag(date) {
  const t = today();
  if (date < t) return tag('Overdue', 'red');
  if (date === t) return tag('Due today', 'yellow');
  return null;
}

// A date and its tag in one cell's content.
export function dueNodes(date) {
  const t = dueTag(date);
  return t ? [longDate(date), ' ', t] : [longDate(date)];
}

// "in 3 days", "3 days ago", "today".
export function daysFrom(date) {
  const n = Math.round((day(date) - day(today())) / 86400000);
  if (n === 0) return 'today';
  const w = `${Math.abs(n)} day${Math.abs(n) === 1 ? '' : 's'}`;
  return n > 0 ? `in ${w}` : `${w} ago`;
}

// A link with words for screen readers after it.
export function link(text, href, hidden) {
  const a = el('a', 'govuk-link', { href, textContent: text });
  if (hidden) a.append(el('span', 'govuk-visually-hidden', { textContent: ` ${hidden}` }));
  return a;
}

// A problem's words for the error summary: the server's detail for a
// refusal it explains (409), else the fallback.
export function refusal(res, fallback) {
  if (res.body && res.body.detail && [409, 422].includes(res.status)) return res.body.detail;
  return fallback;
}
