// The accounts an administrator administers: their organisation's and those
// of the organisations it hosts; and adding one (GOV.UK question page, then
// "Check your answers"), which ends on the new account's page with the
// one-time link its holder chooses a password with.
import { api, roleName, showErrors, showProblem } from '/js/api.js';
import { addFields, answerRows, backToForm, checkAnswers, field, onSubmit } from '/js/form.js';
import { cell, finish, longTime, signedInPage, stackLabels, tag } from '/js/shell.js';
import { keepNewLink, roleOptions, teamField } from '/js/user-fields.js';

const me = await signedInPage();
const adding = new URLSearchParams(window.location.search).has('add');

function orgAndTeam(u) {
  return u.team ? `${u.org.name}, ${u.team.name}` : u.org.name;
}

function showList(users) {
  const body = document.getElementById('users-list');
  for (const u of users) {
    const row = document.createElement('tr');
    row.className = 'govuk-table__row';
    cell(row, u.display_name, { href: `/user?id=${encodeURIComponent(u.id)}` });
    cell(row, u.username);
    cell(row, roleName(u.role));
    cell(row, orgAndTeam(u));
    const status = cell(row, '');
    if (u.disabled) status.append(tag('Disabled', 'grey'));
    else if (u.locked) status.append(tag('Locked', 'red'));
    else status.append(tag('Active', 'green'));
    if (u.totp_enabled) status.append(' ', tag('Second factor', 'blue'));
    body.append(row);
  }
  stackLabels(body.closest('table'));
  document.getElementById('add-user').hidden = !me.may.includes('account:write');
  document.getElementById('users-body').hidden = false;
}

// The refusals of the API as error summary entries naming their fields.
function refusals(res, fields) {
  const errs = (res.body && res.body.errors) || [];
  if (res.status === 409 && errs.some((x) => x.field === 'username')) {
    return [{ field: 'username', message: 'That username is already taken: choose another' }];
  }
  if ((res.status === 422 || res.status === 409) && errs.length) {
    return errs.map((x) => {
      const known = fields.find((f) => f.id === x.field);
      return { field: known ? known.id : null, message: `${known ? known.label : x.field.replace(/[_.]/g, ' ')}: ${x.message}` };
    });
  }
  if (res.status === 403) return [{ field: null, message: 'Only administrators add users.' }];
  if (res.status === 404) return [{ field: 'org', message: 'That organisation is not one you administer' }];
  return [{ field: null, message: 'The user could not be added just now. Try again.' }];
}

// The question page: name, username, organisation (when there is a choice),
// role (those that fit the organisation) and team (the organisation's own).
function showAddForm(orgs) {
  const form = document.getElementById('add-form');
  const fields = [
    { id: 'display_name', label: 'Full name', hint: 'As others see it in Waymark, for example DC Rhys Jones.' },
    { id: 'username', label: 'Username', width: 20, hint: 'They sign in with it. Lower-case letters, digits, full stops, hyphens and underscores only, for example r.jones.' },
    { id: 'org', label: 'Organisation', kind: 'radios', options: orgs.map((o) => ({ value: o.id, label: o.name })) },
    { id: 'role', label: 'Role', kind: 'radios', options: roleOptions(null) },
    teamField(orgs[0]),
  ];
  addFields(form, fields);
  for (const id of ['display_name', 'username']) document.getElementById(id).spellcheck = false;
  document.getElementById('username').autocomplete = 'off';
  const orgGroup = document.getElementById('org-group');
  if (orgs.length === 1) {
    document.getElementById('org').checked = true;
    orgGroup.hidden = true;
  }
  // Only the roles that fit the organisation, and its own teams.
  const fit = () => {
    const org = orgs.find((o) => o.id === (form.querySelector('input[name="org"]:checked') || {}).value);
    const fitting = new Set(roleOptions(org ? org.kind : null).map((o) => o.value));
    for (const input of form.querySelectorAll('input[name="role"]')) {
      input.closest('.govuk-radios__item').hidden = !fitting.has(input.value);
      if (!fitting.has(input.value)) input.checked = false;
    }
    document.getElementById('role-group').hidden = !org;
    fields[4] = teamField(org);
    const group = field(fields[4]);
    group.hidden = !org || !fields[4].options.length || fields[4].options.length === 1;
    document.getElementById('team-group').replaceWith(group);
  };
  orgGroup.addEventListener('change', fit);
  fit();
  document.getElementById('add-view').hidden = false;
  document.title = 'Add a user – Waymark';
  onSubmit(form, fields, async (v) => {
    const errors = [];
    if (!v.display_name) errors.push({ field: 'display_name', message: 'Enter their full name' });
    if (!v.username) errors.push({ field: 'username', message: 'Enter a username' });
    if (!v.org) errors.push({ field: 'org', message: 'Select their organisation' });
    else if (!v.role) errors.push({ field: 'role', message: 'Select their role' });
    if (v.org && !document.getElementById('team-group').hidden && !v.team) {
      errors.push({ field: 'team', message: 'Select their team, or No team' });
    }
    if (errors.length) {
      showErrors(errors);
      return;
    }
    showErrors([]);
    const org = orgs.find((o) => o.id === v.org);
    const rows = answerRows(fields);
    // An organisation without teams has no team question: its answer is
    // changed by choosing another organisation.
    if (document.getElementById('team-group').hidden && orgs.length > 1) rows.push({ key: 'Team', value: 'No team', field: 'org' });
    const sure = await checkAnswers(form, {
      heading: 'Check your answers before adding the user',
      rows,
      confirm: 'Add the user',
    });
    if (!sure) return;
    const body = { username: v.username, display_name: v.display_name, role: v.role, org: org.name };
    if (v.team && v.team !== 'none') body.team = v.team;
    const res = await api('POST', '/api/v1/users', body);
    if (res.status === 201) {
      keepNewLink(res.body);
      finish(`/user?id=${encodeURIComponent(res.body.id)}`, `${res.body.display_name} is added as ${roleName(res.body.role).toLowerCase()}`,
        `Give them the one-time link below, in person or by a way only they can read. They choose their password with it, once, by ${longTime(res.body.password_link.expires_at)}.`);
      return;
    }
    backToForm(form);
    showErrors(refusals(res, fields));
  });
}

if (me) {
  if (!me.may.includes('account:read')) {
    await showProblem(403);
  } else if (adding) {
    if (!me.may.includes('account:write')) {
      await showProblem(403);
    } else {
      const res = await api('GET', '/api/v1/organisations');
      if (res.status !== 200) await showProblem(res.status);
      else showAddForm(res.body.items.filter((o) => Array.isArray(o.teams)));
    }
  } else {
    const res = await api('GET', '/api/v1/users');
    if (res.status !== 200) await showProblem(res.status);
    else showList(res.body.items);
  }
}
