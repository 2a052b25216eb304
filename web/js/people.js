import { api } from '/js/api.js';
import { cell, childTag, restrictedTag, longDate, signedInPage } from '/js/shell.js';
import { countryNames } from '/js/names.js';

const me = await signedInPage();
if (me) {
  const form = document.getElementById('search');
  const run = async (name) => {
    const res = await api('GET', `/api/v1/people?${new URLSearchParams({ q: name, limit: '20' })}`);
    const body = document.getElementById('results-body');
    body.replaceChildren();
    const count = document.getElementById('count');
    if (res.status !== 200) {
      count.textContent = 'The search could not be run. Try again.';
      return;
    }
    for (const p of res.body.items) {
      const row = document.createElement('tr');
      row.className = 'govuk-table__row';
      cell(row, `${p.given_names} ${p.family_name}`.trim() + (p.aliases.length ? ` (also ${p.aliases.join(', ')})` : ''), { href: `/person?id=${encodeURIComponent(p.id)}` }).append(' ', childTag(p), ' ', restrictedTag(p));
      cell(row, p.date_of_birth ? longDate(p.date_of_birth) : (p.age !== null ? `about ${p.age}` : 'Not known'));
      cell(row, countryNames(p.nationalities) || 'Not known');
      cell(row, `${Math.round(p.score * 100)}%`, { numeric: true });
      body.append(row);
    }
    document.getElementById('results').hidden = res.body.items.length === 0;
    const { total } = res.body;
    count.textContent = total ? `${total} found, best match first${total > res.body.items.length ? `; the best ${res.body.items.length} are shown` : ''}` : 'No one found with a name like that';
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const name = document.getElementById('name').value.trim();
    if (name) {
      window.history.replaceState(null, '', `/people?${new URLSearchParams({ q: name })}`);
      run(name);
    }
  });
  const q = new URLSearchParams(window.location.search).get('q');
  if (q) {
    document.getElementById('name').value = q;
    run(q);
  }
}
