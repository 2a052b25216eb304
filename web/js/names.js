// Countries, languages, genders and the NRM's types of exploitation by name,
// never by code: the names come from the server's vocabularies (Debian's
// iso-codes, and Waymark's lists in src/domain/vocab.c), fetched once a
// session. The page holds no list of its own.
import { api } from '/js/api.js';

let vocab = null;

// "Labour exploitation" for labour: a case's exploitation types by name,
// filled when the names are loaded (every signed-in page awaits that first).
export const typeNames = {};

function fillTypes() {
  for (const t of vocab.typeList) typeNames[t.code] = t.label;
}

// Loads the names; pages await it once before showing codes as names.
export async function loadNames() {
  if (vocab) return vocab;
  const kept = sessionStorage.getItem('waymark-vocab');
  if (kept) {
    vocab = JSON.parse(kept);
    fillTypes();
    return vocab;
  }
  const res = await api('GET', '/api/v1/vocabularies');
  vocab = { countries: {}, languages: {}, countryList: [], languageList: [], genderList: [], typeList: [] };
  if (res.status === 200) {
    for (const c of res.body.countries) vocab.countries[c.code] = c.name;
    for (const l of res.body.languages) vocab.languages[l.code] = l.name;
    vocab.countryList = res.body.countries;
    vocab.languageList = res.body.languages;
    vocab.genderList = res.body.gender.map(({ code, label }) => ({ code, label }));
    vocab.typeList = res.body.nrm_exploitation_types.map(({ code, label }) => ({ code, label }));
    sessionStorage.setItem('waymark-vocab', JSON.stringify(vocab));
  }
  fillTypes();
  return vocab;
}

// "Vietnam" for VN; the code itself when it has no name here.
export function countryName(code) {
  return (vocab && vocab.countries[code]) || code;
}

// "Romanian" for ro, "Arabic (Syria)" for ar-SY.
export function languageName(tag) {
  if (!tag) return '';
  const [lang, ...rest] = tag.split('-');
  const name = (vocab && vocab.languages[lang.toLowerCase()]) || tag;
  const region = rest.find((p) => /^[A-Z]{2}$/.test(p));
  return region && name !== tag ? `${name} (${countryName(region)})` : name;
}

// "Female" for female: a person's gender as the person record names it.
export function genderName(code) {
  const g = code && vocab && vocab.genderList.find((x) => x.code === code);
  return g ? g.label : code || '';
}

// The choices of a form's field: [{value, label}] of the genders and of the
// case's exploitation types, in the server's order.
export const genderOptions = () => (vocab ? vocab.genderList : []).map(({ code, label }) => ({ value: code, label }));
export const countryOptions = () => (vocab ? vocab.countryList : []).map(({ code, name }) => ({ value: code, label: name }));
export const typeOptions = () => (vocab ? vocab.typeList : []).map(({ code, label }) => ({ value: code, label }));

export const countryNames = (codes) => (codes || []).map(countryName).join(', ');
export const languageNames = (tags) => (tags || []).map(languageName).join(', ');

// Makes a GOV.UK accessible autocomplete of a text input whose value is a
// language or a country: typing "Roma" offers Romanian; the input keeps the
// name chosen, which the API reads as the code. onConfirm, when given, hears
// each name the user picks from the menu.
export function autocomplete(input, kind, onConfirm = () => {}) {
  const list = (kind === 'country' ? vocab.countryList : vocab.languageList).map((x) => x.name);
  const id = input.id;
  const value = input.value;
  const holder = document.createElement('div');
  input.replaceWith(holder);
  window.accessibleAutocomplete({
    element: holder,
    id,
    name: input.name || id,
    defaultValue: value,
    showAllValues: false,
    confirmOnBlur: false,
    minLength: 2,
    onConfirm,
    source: (query, done) => {
      const q = query.toLowerCase();
      done(list.filter((n) => n.toLowerCase().includes(q)).sort((a, b) => {
        const sa = a.toLowerCase().startsWith(q) ? 0 : 1;
        const sb = b.toLowerCase().startsWith(q) ? 0 : 1;
        return sa - sb || a.localeCompare(b);
      }));
    },
  });
  return holder.querySelector('input');
}
