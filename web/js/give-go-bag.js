// Giving a victim a Go bag: from which location, which kind (a child's for
// a child) and the language of its cards (theirs when there are cards in
// it); Check your answers; then the case with a banner saying how many are
// left there. With none left, the nearest locations that have one are
// offered in its place.
import { api, showErrors } from '/js/api.js';
import { partAddress, partOrRefuse } from '/js/case-part.js';
import { addFields, backToForm, checkAnswers, readField, writeField } from '/js/form.js';
import { languageName } from '/js/names.js';
import { bagKindHints, bagKindNames, bagNoun, bagPhrase, el } from '/js/services.js';
import { fullName } from '/js/sharing.js';
import { cell, finish, signedInPage, stackLabels } from '/js/shell.js';

const me = await signedInPage();
const { caseId, linkId, back } = partAddress();

if (me) {
  const link = await partOrRefuse(caseId, linkId, 'potential_victim', 'potential victim');
  const [locations, stock, person] = link ? await Promise.all([
    api('GET', '/api/v1/go-bags/locations?limit=200'),
    api('GET', '/api/v1/go-bags/stock?limit=200'),
    api('GET', `/api/v1/people/${encodeURIComponent(link.person.id)}`),
  ]) : [];
  if (link && locations.status !== 200) {
    showErrors([{ field: null, message: 'The Go bag locations could not be read just now. Try again.' }]);
  } else if (link) {
    const name = fullName(link.person);
    document.title = `Give a Go bag: ${name} – Waymark`;
    const places = [...locations.body.items].sort((a, b) => a.name.localeCompare(b.name));
    const items = stock.status === 200 ? stock.body.items : [];
    // The languages cards come in: English, and any in stock anywhere.
    const languages = [...new Set(['en', ...items.map((s) => s.language || 'en')])];
    const theirs = ((person && person.status === 200 ? person.body.languages : []) || []).map((t) => t.split('-')[0].toLowerCase());
    const child = Boolean(link.person.presumed_child);
    const fields = [
      { id: 'location', label: 'Where does the bag come from?', kind: 'select', empty: 'Choose the location', options: places.map((l) => ({ value: l.id, label: l.name })) },
      { id: 'kind', label: 'Which kind?', kind: 'radios', hint: child ? 'They are treated as a child: give a child’s bag.' : '',
        options: Object.entries(bagKindNames).map(([value, label]) => ({ value, label, hint: bagKindHints[value] })) },
      { id: 'language', label: 'Language of the cards inside', kind: 'radios', hint: theirs.length ? `They speak ${theirs.map(languageName).join(', ')}.` : '',
        options: languages.map((value) => ({ value, label: languageName(value) })) },
    ];
    const form = document.getElementById('bag-form');
    addFields(document.getElementById('bag-fields'), fields);
    writeField(fields[2], theirs.find((l) => languages.includes(l)) || 'en');
    form.hidden = false;
    const v = () => Object.fromEntries(fields.map((f) => [f.id, readField(f)]));
    const placeName = (id) => (places.find((l) => l.id === id) || {}).name || 'the location';

    // Check your answers, then take one from the stock.
    async function confirmAndGive() {
      const a = v();
      document.getElementById('intro').hidden = true;
      const sure = await checkAnswers(form, {
        heading: 'Check your answers before you give the bag',
        rows: [
          { key: 'Given to', value: name, field: 'location' },
          { key: 'From', value: placeName(a.location), field: 'location' },
          { key: 'Kind', value: bagKindNames[a.kind], field: 'kind' },
          { key: 'Cards in', value: languageName(a.language), field: 'language' },
        ],
        confirm: 'Give the Go bag',
      });
      if (!sure) {
        document.getElementById('intro').hidden = false;
        return;
      }
      const res = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(linkId)}/go-bags`, a);
      if (res.status === 201) {
        finish(back, `Go bag given to ${name}`, `${bagPhrase(a.kind, a.language).replace(/^./, (c) => c.toUpperCase())}, from ${placeName(a.location)}. ${res.body.stock === 0 ? 'That was the last one there.' : `${res.body.stock} of them left there.`}`);
        return;
      }
      backToForm(form);
      document.getElementById('intro').hidden = false;
      if (res.status === 409) {
        showNearest(a, (res.body && res.body.nearest) || []);
        return;
      }
      const errs = (res.status === 422 && res.body && res.body.errors) || [];
      showErrors(errs.length ? errs.map((x) => ({ field: ['location', 'kind', 'language'].includes(x.field) ? x.field : null, message: `${{ location: 'Location', kind: 'Kind', language: 'Language' }[x.field] || x.field}: ${x.message}` }))
        : [{ field: null, message: res.status === 403 || res.status === 404 ? 'You cannot give Go bags in this case.' : 'The Go bag could not be recorded just now. Try again.' }]);
    }

    // None left where asked: the nearest with one, each a choice.
    function showNearest(a, nearest) {
      showErrors([{ field: 'location', message: `None left at ${placeName(a.location)} (${bagNoun(a.kind, a.language)})${nearest.length ? ': choose one of the nearest locations that have one' : ', nor at any location near it'}` }]);
      const body = document.getElementById('nearest-body');
      body.replaceChildren(...nearest.map((n) => {
        const tr = el('tr', 'govuk-table__row');
        cell(tr, n.location_name);
        cell(tr, n.distance_km === null || n.distance_km === undefined ? 'Not known' : `${n.distance_km.toFixed(1)} km`, { numeric: true });
        cell(tr, String(n.stock), { numeric: true });
        const td = cell(tr, '');
        const b = el('button', 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', { type: 'button', textContent: 'Take one from here' });
        b.append(el('span', 'govuk-visually-hidden', { textContent: ` (${n.location_name})` }));
        b.addEventListener('click', () => {
          writeField(fields[0], n.location);
          document.getElementById('nearest').hidden = true;
          showErrors([]);
          confirmAndGive();
        });
        td.append(b);
        return tr;
      }));
      stackLabels(document.getElementById('nearest-table'));
      document.getElementById('nearest').hidden = !nearest.length;
    }

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const a = v();
      const errors = [];
      if (!a.location) errors.push({ field: 'location', message: 'Select where the bag comes from' });
      if (!a.kind) errors.push({ field: 'kind', message: 'Select the kind of Go bag' });
      if (!a.language) errors.push({ field: 'language', message: 'Select the language of the cards' });
      showErrors(errors);
      if (errors.length) return;
      document.getElementById('nearest').hidden = true;
      await confirmAndGive();
    });
  }
}
