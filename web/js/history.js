// A record's history in words, as an MOJ timeline: what changed, from what
// to what, by whom and when. Values read as people read them (names, not
// codes; dates in words); a sealed field says only that it changed.
import { kindNames } from '/js/documents.js';
import { countryNames, genderName, languageName, languageNames } from '/js/names.js';
import { listWords, purposeNames } from '/js/sharing.js';
import { longDate, longTime, statusNames, typeNames } from '/js/shell.js';

const yesNo = (v) => (v === '1' || v === 'true' ? 'yes' : 'no');
const list = (v, name = (x) => x) => {
  try {
    const a = JSON.parse(v);
    return Array.isArray(a) ? a.map(name).join(', ') : v;
  } catch {
    return v;
  }
};
function safeContact(v) {
  try {
    const s = JSON.parse(v);
    return [s.method, s.times && `at ${s.times}`, s.phone_may_be_monitored && 'phone may be monitored', s.notes]
      .filter(Boolean).join('; ');
  } catch {
    return v;
  }
}

// Consent to share with partners is kept as "given for [purposes]" or
// "refused".
function consentHistory(v) {
  const given = /^given for (\[.*\])$/.exec(v);
  if (!given) return v;
  try {
    return `given for ${listWords(JSON.parse(given[1]), purposeNames).toLowerCase()}`;
  } catch {
    return v;
  }
}

// How each field is named and its values read; fields not here read as stored.
const fields = {
  given_names: ['Given names'],
  family_name: ['Family name'],
  aliases: ['Other names', (v) => list(v)],
  date_of_birth: ['Date of birth', longDate],
  estimated_age: ['Estimated age'],
  age_disputed: ['Age disputed', yesNo],
  gender: ['Gender', genderName],
  nationalities: ['Nationalities', (v) => countryNames(JSON.parse(v))],
  languages: ['Languages', (v) => languageNames(JSON.parse(v))],
  interpreter_needed: ['Interpreter needed', yesNo],
  interpreter_language: ['Interpreter language', languageName],
  safe_contact: ['Safe contact', safeContact],
  immigration_status: ['Immigration status', null], // sealed: never shown
  title: ['Title'],
  summary: ['Summary'],
  status: ['Status', (v) => statusNames[v] || v],
  outcome: ['Outcome', (v) => v.replace(/_/g, ' ')],
  exploitation_types: ['Exploitation', (v) => list(v, (t) => typeNames[t] || t)],
  county_lines: ['County lines', yesNo],
  offences: ['Offences', (v) => list(v, (o) => String(o).replace(/_/g, ' '))],
  consent: ['Consent to share with partners', consentHistory],
};

// A merge is told in words, never by the other record's id.
const merges = {
  merged_from: () => ['Another record of this person merged into this one', 'Its cases moved to this record.'],
  merged_into: (h) => (h.new_value
    ? ['Merged into another record of this person', 'Its cases moved to the record it was merged into.']
    : ['Separated again from the record it was merged into', 'Its cases moved back to it.']),
};

// A document's entry names its kind only: the same entry is kept when one
// is added and when one is deleted.
const documentWords = (h) => ['Documents changed', `A document (${(kindNames[h.new_value || h.old_value] || 'other').toLowerCase()}) was added or deleted.`];

// A restriction at the person's request, placed with its reason or lifted.
const restrictionWords = (h) => (h.new_value
  ? ['Record restricted at their request', `It may be stored but not used: ${h.new_value}`]
  : ['Restriction lifted', 'The record may be used again.']);

function words(h) {
  if (merges[h.field]) return merges[h.field](h);
  if (h.field === 'restricted') return restrictionWords(h);
  if (h.field === 'document') return documentWords(h);
  const [label, read] = fields[h.field] || [h.field.replace(/_/g, ' ')[0].toUpperCase() + h.field.replace(/_/g, ' ').slice(1), (v) => v];
  if (read === null) return [`${label} changed`, 'It is sealed: what it says is shown only to someone who states why they need it.'];
  const show = (v) => {
    if (v === null || v === undefined || v === '' || v === '[]') return 'nothing';
    const r = read ? read(v) : v;
    return r === '' || r === undefined ? 'nothing' : r;
  };
  return [`${label} changed`, `From ${show(h.old_value)} to ${show(h.new_value)}.`];
}

// Fills container with the timeline of items (newest first), or says none.
export function showHistory(container, items, none) {
  container.replaceChildren();
  container.className = 'moj-timeline';
  for (const h of items) {
    const [title, description] = words(h);
    const item = document.createElement('div');
    item.className = 'moj-timeline__item';
    const header = document.createElement('div');
    header.className = 'moj-timeline__header';
    header.append(Object.assign(document.createElement('h3'), { className: 'moj-timeline__title', textContent: title }), ' ',
      Object.assign(document.createElement('p'), { className: 'moj-timeline__byline', textContent: `by ${h.by.name}` }));
    const date = Object.assign(document.createElement('p'), { className: 'moj-timeline__date' });
    date.append(Object.assign(document.createElement('time'), { dateTime: h.at, textContent: longTime(h.at) }));
    const desc = Object.assign(document.createElement('div'), { className: 'moj-timeline__description', textContent: description });
    item.append(header, date, desc);
    container.append(item);
  }
  if (!items.length) container.append(Object.assign(document.createElement('p'), { className: 'govuk-body', textContent: none }));
}
