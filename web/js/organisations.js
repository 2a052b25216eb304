// Organisations and their teams, for administrators: the organisations they
// administer (their own and those it hosts), each with its kind and teams;
// adding a team and renaming one (GOV.UK summary cards, one question pages).
import { api, showErrors, showProblem } from '/js/api.js';
import { orgKindName, showSuccess } from '/js/admin.js';
import { signedInPage } from '/js/shell.js';

const me = await signedInPage();
const here = new URLSearchParams(window.location.search);

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

// A link whose words are followed by hidden words naming what it acts on.
function actionLink(href, words, hidden, id) {
  const a = el('a', 'govuk-link', words);
  a.href = href;
  if (id) a.id = id;
  a.append(el('span', 'govuk-visually-hidden', ` ${hidden}`));
  return a;
}

function summaryRow(dl, key, value, action) {
  const row = el('div', 'govuk-summary-list__row');
  row.append(el('dt', 'govuk-summary-list__key', key), el('dd', 'govuk-summary-list__value', value));
  if (action) {
    const dd = el('dd', 'govuk-summary-list__actions');
    dd.append(action);
    row.append(dd);
  } else {
    row.classList.add('govuk-summary-list__row--no-actions');
  }
  dl.append(row);
}

function card(org, all) {
  const c = el('div', 'govuk-summary-card');
  c.id = `org-${org.id}`;
  const head = el('div', 'govuk-summary-card__title-wrapper');
  head.append(el('h2', 'govuk-summary-card__title', org.name));
  const actions = el('ul', 'govuk-summary-card__actions');
  for (const a of [
    actionLink(`/organisations?add=${encodeURIComponent(org.id)}`, 'Add a team', `to ${org.name}`),
    actionLink(`/settings?org=${encodeURIComponent(org.id)}`, 'Security settings', `of ${org.name}`),
  ]) {
    const li = el('li', 'govuk-summary-card__action');
    li.append(a);
    actions.append(li);
  }
  head.append(actions);
  const content = el('div', 'govuk-summary-card__content');
  const dl = el('dl', 'govuk-summary-list');
  summaryRow(dl, 'Kind', orgKindName(org.kind));
  if (org.hosted_by) {
    const host = all.find((o) => o.id === org.hosted_by);
    summaryRow(dl, 'Hosted by', host ? host.name : 'Another organisation');
  }
  if (!org.teams.length) summaryRow(dl, 'Teams', 'None yet');
  for (const t of org.teams) {
    summaryRow(dl, 'Team', t.name, actionLink(`/organisations?rename=${encodeURIComponent(t.id)}`, 'Rename', `team ${t.name}`));
  }
  content.append(dl);
  c.append(head, content);
  return c;
}

async function loadOrgs() {
  const res = await api('GET', '/api/v1/organisations');
  if (res.status !== 200) {
    await showProblem(res.status);
    return null;
  }
  return res.body.items;
}

function showList(items) {
  const administered = items.filter((o) => Array.isArray(o.teams));
  const box = document.getElementById('orgs');
  box.replaceChildren(...administered.map((o) => card(o, items)));
  document.getElementById('team-view').hidden = true;
  document.getElementById('conflict').hidden = true;
  document.getElementById('list-view').hidden = false;
  document.title = 'Organisations and teams – Waymark';
}

// One question: the team's name, for a new team of org or for team (renamed).
function showTeamForm(org, team) {
  const input = document.getElementById('name');
  let base = team;
  document.getElementById('team-caption').textContent = org.name;
  const question = team ? `Rename ${team.name}` : 'Add a team';
  document.getElementById('team-question').textContent = team ? 'What is the team’s new name?' : 'What is the new team’s name?';
  document.getElementById('team-save').textContent = team ? 'Rename the team' : 'Add the team';
  document.title = `${question} – Waymark`;
  input.value = team ? team.name : '';
  document.getElementById('list-view').hidden = true;
  document.getElementById('team-view').hidden = false;
  input.focus();
  document.getElementById('team-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = input.value.trim();
    if (!name) {
      showErrors([{ field: 'name', message: 'Enter a name for the team' }]);
      return;
    }
    if (base && name === base.name) {
      window.location.assign('/organisations');
      return;
    }
    const res = base
      ? await api('PATCH', `/api/v1/teams/${encodeURIComponent(base.id)}`, { name }, { 'If-Match': `"${base.version}"` })
      : await api('POST', `/api/v1/organisations/${encodeURIComponent(org.id)}/teams`, { name });
    if (res.status === 200 || res.status === 201) {
      showErrors([]);
      window.history.replaceState(null, '', '/organisations');
      const fresh = await loadOrgs();
      if (!fresh) return;
      showList(fresh);
      showSuccess(base ? `${base.name} is now called ${res.body.name}` : `${res.body.name} added to ${org.name}`);
      return;
    }
    if (res.status === 412 && res.body && res.body.current) {
      // Someone renamed it first: say to what, keep this user's name, and
      // save over their version only when asked again.
      base = res.body.current;
      showErrors([]);
      document.getElementById('conflict-detail').textContent = `They renamed the team to ${base.name}.`;
      const banner = document.getElementById('conflict');
      banner.hidden = false;
      banner.focus();
      return;
    }
    if (res.status === 409 || res.status === 422) {
      const errs = (res.body && res.body.errors) || [];
      const taken = res.status === 409;
      showErrors(errs.length
        ? errs.map((x) => ({ field: x.field === 'name' ? 'name' : null, message: taken ? `${org.name} already has a team called ${name}` : `Team name ${x.message}` }))
        : [{ field: 'name', message: res.body.detail }]);
      return;
    }
    if (res.status === 403 || res.status === 404) {
      await showProblem(res.status);
      return;
    }
    showErrors([{ field: null, message: 'The team could not be saved just now. Try again.' }]);
  });
}

if (me) {
  if (!me.may.includes('account:administer')) {
    await showProblem(403);
  } else {
    const items = await loadOrgs();
    if (items) {
      const add = here.get('add');
      const rename = here.get('rename');
      const org = add && items.find((o) => o.id === add && Array.isArray(o.teams));
      const owner = rename && items.find((o) => (o.teams || []).some((t) => t.id === rename));
      if (org) showTeamForm(org, null);
      else if (owner) showTeamForm(owner, owner.teams.find((t) => t.id === rename));
      else if (add || rename) await showProblem(404);
      else showList(items);
    }
  }
}
