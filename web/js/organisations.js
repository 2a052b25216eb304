// Organisations and their teams, for administrators: the organisations they
// administer (their own and those it hosts), each with its kind and teams
// (GOV.UK summary cards); adding a partner organisation to their force
// (question page, then "Check your answers") and changing one's name or
// kind; adding a team and renaming one (one question pages).
import { api, showErrors, showProblem } from '/js/api.js';
import { orgKindClass, orgKindName, partnerKindOptions, showSuccess } from '/js/admin.js';
import { addFields, answerRows, backToForm, checkAnswers, onSubmit, readField, writeField } from '/js/form.js';
import { finish, signedInPage } from '/js/shell.js';

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
  const partner = orgKindClass(org.kind) === 'partner';
  for (const a of [
    actionLink(`/organisations?change=${encodeURIComponent(org.id)}`, partner ? 'Change name or kind' : 'Change name', `of ${org.name}`),
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

// Whether the user's own organisation is a force, whose administrators add
// partner organisations.
function ofAForce(items) {
  const own = items.find((o) => o.id === me.user.org.id);
  return Boolean(own) && own.kind === 'force';
}

function showList(items) {
  const administered = items.filter((o) => Array.isArray(o.teams));
  const box = document.getElementById('orgs');
  box.replaceChildren(...administered.map((o) => card(o, items)));
  document.getElementById('add-org').hidden = !ofAForce(items);
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

// The organisation's questions: its name, and a partner's kind.
function orgFields(org) {
  const fields = [{ id: 'org-name', label: 'Name', hint: 'As others see it in Waymark, for example Northshire Children’s Services.' }];
  if (!org || orgKindClass(org.kind) === 'partner') {
    fields.push({ id: 'org-kind', label: 'Kind of organisation', kind: 'radios', options: partnerKindOptions });
  }
  return fields;
}

// The API's refusals as error summary entries on the form's fields.
function refusals(res, name) {
  const errs = (res.body && res.body.errors) || [];
  const field = { name: 'org-name', kind: 'org-kind' };
  const label = { name: 'Name', kind: 'Kind of organisation' };
  if (res.status === 409) return [{ field: 'org-name', message: `There is already an organisation called ${name}` }];
  if (res.status === 422 && errs.length) {
    return errs.map((x) => ({ field: field[x.field] || null, message: `${label[x.field] || x.field} ${x.message}` }));
  }
  return [{ field: null, message: 'The organisation could not be saved just now. Try again.' }];
}

// Checks the answers before they are sent: the errors, or none.
function unanswered(v, fields) {
  const errors = [];
  if (!v['org-name']) errors.push({ field: 'org-name', message: 'Enter the organisation’s name' });
  if (fields.length > 1 && !v['org-kind']) errors.push({ field: 'org-kind', message: 'Select the kind of organisation' });
  return errors;
}

function showOrgView(heading, intro, fields) {
  const form = document.getElementById('org-form');
  document.getElementById('org-heading').textContent = heading;
  document.getElementById('org-intro').textContent = intro;
  addFields(form, fields);
  document.getElementById('org-name').spellcheck = false;
  document.getElementById('list-view').hidden = true;
  document.getElementById('org-view').hidden = false;
  document.title = `${heading} – Waymark`;
  document.getElementById('org-name').focus();
  return form;
}

// A new partner organisation, hosted by the administrator's force: its name
// and kind, checked before it is added.
function showAddOrg() {
  const fields = orgFields(null);
  const form = showOrgView('Add a partner organisation',
    'Your force hosts it: you add its teams and accounts, as its own administrators can. Its kind says what it is; it does not change what its accounts see.', fields);
  onSubmit(form, fields, async (v) => {
    const errors = unanswered(v, fields);
    showErrors(errors);
    if (errors.length) return;
    const sure = await checkAnswers(form, {
      heading: 'Check your answers before adding the organisation',
      rows: answerRows(fields),
      confirm: 'Add the organisation',
    });
    if (!sure) return;
    const res = await api('POST', '/api/v1/organisations', { name: v['org-name'], kind: v['org-kind'] });
    if (res.status === 201) {
      finish('/organisations', `${res.body.name} is added`,
        `Kind: ${orgKindName(res.body.kind)}. Add its teams here, and its accounts on the Users page.`);
      return;
    }
    backToForm(form);
    if (res.status === 403 || res.status === 404) {
      await showProblem(res.status);
      return;
    }
    showErrors(refusals(res, v['org-name']));
  });
}

// Changing the organisation's name and (a partner's) kind, with the version
// read: when someone else saved first, says what they saved and keeps this
// administrator's own changes, saving over theirs only when asked again.
function showChangeOrg(org) {
  const fields = orgFields(org);
  const form = showOrgView(`Change ${org.name}`,
    orgKindClass(org.kind) === 'partner' ? 'Its accounts, teams and what they see stay as they are.' : `Its kind stays ${orgKindName(org.kind)}.`, fields);
  form.querySelector('button[type="submit"]').textContent = 'Save the changes';
  const get = { 'org-name': (o) => o.name, 'org-kind': (o) => o.kind };
  let base = org;
  for (const f of fields) writeField(f, get[f.id](base));
  onSubmit(form, fields, async (v) => {
    const errors = unanswered(v, fields);
    showErrors(errors);
    if (errors.length) return;
    const body = {};
    if (v['org-name'] !== base.name) body.name = v['org-name'];
    if (fields.length > 1 && v['org-kind'] !== base.kind) body.kind = v['org-kind'];
    if (!Object.keys(body).length) {
      window.location.assign('/organisations');
      return;
    }
    const res = await api('PATCH', `/api/v1/organisations/${encodeURIComponent(base.id)}`, body, { 'If-Match': `"${base.version}"` });
    if (res.status === 200) {
      finish('/organisations', `${res.body.name} is saved`,
        `${res.body.name === org.name ? '' : `It was called ${org.name}. `}Kind: ${orgKindName(res.body.kind)}.`);
      return;
    }
    if (res.status === 412 && res.body && res.body.current) {
      // What they saved fills what this administrator left alone.
      const old = base;
      base = res.body.current;
      for (const f of fields) if (readField(f) === get[f.id](old)) writeField(f, get[f.id](base));
      showErrors([]);
      document.getElementById('conflict-detail').replaceChildren(Object.assign(document.createElement('p'), {
        className: 'govuk-body', textContent: `They saved it as ${base.name}: ${orgKindName(base.kind)}.` }));
      const banner = document.getElementById('conflict');
      banner.hidden = false;
      banner.setAttribute('tabindex', '-1');
      banner.focus();
      return;
    }
    if (res.status === 403 || res.status === 404) {
      await showProblem(res.status);
      return;
    }
    showErrors(refusals(res, v['org-name']));
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
      const change = here.get('change');
      const org = add && items.find((o) => o.id === add && Array.isArray(o.teams));
      const owner = rename && items.find((o) => (o.teams || []).some((t) => t.id === rename));
      const changed = change && items.find((o) => o.id === change && Array.isArray(o.teams));
      if (org) showTeamForm(org, null);
      else if (owner) showTeamForm(owner, owner.teams.find((t) => t.id === rename));
      else if (changed) showChangeOrg(changed);
      else if (here.has('new') && ofAForce(items)) showAddOrg();
      else if (add || rename || change) await showProblem(404);
      else if (here.has('new')) await showProblem(403);
      else showList(items);
    }
  }
}
