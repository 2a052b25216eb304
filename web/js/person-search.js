// Finding a person before adding or merging one: the search that first
// looks for them among the people the officer may see, and each match
// described as people read it (name, age, nationality, why it matched).
import { api, showErrors } from '/js/api.js';
import { readField } from '/js/form.js';
import { countryNames } from '/js/names.js';
import { longDate } from '/js/shell.js';

// The search's questions: a name, and a date of birth if known.
export const findFields = [
  { id: 'q', label: 'Name', hint: 'Given names and family name, in any order. Other spellings are found too.' },
  { id: 'find_dob', label: 'Date of birth, if known', kind: 'date', hint: 'For example, 27 3 2007.' },
];

export const fullName = (p) => `${p.given_names} ${p.family_name}`.trim();

// "3 February 1999 (27)", "About 25" or "Not known".
export function ageText(p) {
  if (p.date_of_birth) return `${longDate(p.date_of_birth)} (${p.age})`;
  return p.estimated_age !== null && p.estimated_age !== undefined ? `About ${p.estimated_age}` : 'Not known';
}

const partNames = { given_names: 'given names', family_name: 'family name' };
const dobWords = {
  same: 'Same date of birth.',
  different: 'A different date of birth.',
  not_recorded: 'No date of birth recorded.',
};

// Why the search offered p, in a sentence: "Matched on the family name
// exactly and the given names by a similar spelling. Same date of birth."
export function whyMatched(p) {
  const m = p.match || { names: [] };
  const parts = m.names.map((n) => {
    const what = n.part === 'alias' ? `the other name ${n.value}` : `the ${partNames[n.part]}`;
    return `${what} ${n.exact ? 'exactly' : 'by a similar spelling'}`;
  });
  const said = parts.length
    ? `Matched on ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]}.`
    : 'A similar name.';
  return m.date_of_birth ? `${said} ${dobWords[m.date_of_birth]}` : said;
}

// The people the officer may see whose names are like q, best first, each
// compared with the date of birth when one is given: {status, items}.
export async function findPeople(q, dateOfBirth) {
  const params = new URLSearchParams({ q, limit: '10' });
  if (dateOfBirth) params.set('compare_date_of_birth', dateOfBirth);
  const res = await api('GET', `/api/v1/people?${params}`);
  return { status: res.status, items: (res.status === 200 && res.body.items) || [] };
}

// Reads the search's questions and looks for the people they describe:
// {q, dob, items}, or null once what stopped it (no name, a date of birth
// that is not a real date, a search that failed) is shown as an error.
// noName is the error for a missing name.
export async function searchAsked(noName) {
  const q = readField(findFields[0]);
  const dob = readField(findFields[1]);
  const errors = [];
  if (!q) errors.push({ field: 'q', message: noName });
  if (dob === 'invalid') errors.push({ field: 'find_dob', message: 'Date of birth must be a real date' });
  if (errors.length) {
    showErrors(errors);
    return null;
  }
  const res = await findPeople(q, dob);
  if (res.status !== 200) {
    showErrors([{ field: null, message: 'The search could not be made just now. Try again.' }]);
    return null;
  }
  showErrors([]);
  return { q, dob, items: res.items };
}

// A GOV.UK radios item for a person found: their name as the label, and
// as its hint their age, nationality, why they matched and any note.
export function personChoice(name, p, index, note) {
  const id = index ? `${name}-${index}` : name;
  const item = document.createElement('div');
  item.className = 'govuk-radios__item';
  const input = Object.assign(document.createElement('input'), { className: 'govuk-radios__input', type: 'radio', name, id, value: p.id });
  const label = Object.assign(document.createElement('label'), { className: 'govuk-label govuk-radios__label', htmlFor: id, textContent: fullName(p) });
  const hint = Object.assign(document.createElement('div'), { className: 'govuk-hint govuk-radios__hint', id: `${id}-hint` });
  const lines = [`Born: ${ageText(p)}`, `Nationality: ${countryNames(p.nationalities) || 'Not known'}`, whyMatched(p), note].filter(Boolean);
  lines.forEach((line, i) => hint.append(...(i ? [document.createElement('br')] : []), line));
  input.setAttribute('aria-describedby', hint.id);
  item.append(input, label, hint);
  return item;
}
