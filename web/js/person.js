import { api } from '/js/api.js';
import { roleNames, signedInPage } from '/js/shell.js';

const me = await signedInPage();
if (me) {
  const id = new URLSearchParams(window.location.search).get('id') || '';
  const res = await api('GET', `/api/v1/people/${encodeURIComponent(id)}`);
  if (res.status !== 200) {
    document.getElementById('not-found').hidden = false;
    document.getElementById('name').textContent = 'Person not found';
  } else {
    const p = res.body;
    const name = `${p.given_names} ${p.family_name}`.trim();
    document.title = `${name} – Waymark`;
    document.getElementById('name').textContent = name;
    if (p.presumed_child) {
      document.getElementById('child').hidden = false;
      document.getElementById('child-text').textContent = p.age_disputed
        ? 'Age disputed: treat as a child until the age is determined'
        : 'A child: referred to the NRM without consent; consider an Independent Child Trafficking Guardian';
    }
    document.getElementById('aliases').textContent = p.aliases.join(', ') || 'None recorded';
    document.getElementById('age').textContent = p.date_of_birth
      ? `${p.date_of_birth} (${p.age})`
      : p.estimated_age !== null ? `About ${p.estimated_age}` : 'Not known';
    document.getElementById('nationalities').textContent = p.nationalities.join(', ') || 'Not known';
    document.getElementById('languages').textContent = p.languages.join(', ') || 'Not known';
    document.getElementById('interpreter').textContent = p.interpreter_needed ? `Needed: ${p.interpreter_language}` : 'Not needed';
    document.getElementById('immigration').textContent = p.immigration_status_recorded
      ? 'Recorded and sealed: shown only with a stated reason'
      : 'Not recorded';
    const list = document.getElementById('cases');
    for (const c of p.cases) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.className = 'govuk-link';
      a.href = `/case?id=${encodeURIComponent(c.case_id)}`;
      a.textContent = c.reference;
      li.append(a, ` – ${roleNames[c.role] || c.role}`);
      list.append(li);
    }
    if (!p.cases.length) list.append(Object.assign(document.createElement('li'), { textContent: 'Not in any case you can see' }));
    document.getElementById('person-body').hidden = false;
  }
}
