// One account, for its administrator: its name, role and team changed with
// the version read (someone else's change shows, never lost); disabling
// and enabling it, each after a step that says what it does; a one-time
// password link to hand to the holder; and a second-factor reset that a
// second administrator approves.
import { api, roleName, showErrors, showProblem } from '/js/api.js';
import { addFields, versionedForm } from '/js/form.js';
import { finish, longTime, signedInPage } from '/js/shell.js';
import { roleOptions, takeNewLink, teamField } from '/js/user-fields.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';
const path = `/api/v1/users/${encodeURIComponent(id)}`;
const here = `/user?id=${encodeURIComponent(id)}`;
const views = ['user-body', 'edit-view', 'confirm-view'];
// The fields a Change link leads to, and what following one does.
let changeable = new Set();
let change = null;

function show(view) {
  for (const v of views) document.getElementById(v).hidden = v !== view;
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function statusOf(u) {
  return u.disabled ? 'Disabled' : u.locked ? 'Locked after failed sign-ins' : 'Active';
}

// The account as a GOV.UK summary list; rows with a field that can be
// changed have a Change link to it.
function summary(u) {
  const dl = document.getElementById('account');
  dl.replaceChildren();
  for (const [key, value, fieldId] of [
    ['Full name', u.display_name, 'display_name'], ['Username', u.username], ['Role', roleName(u.role), 'role'],
    ['Organisation', u.org.name], ['Team', u.team ? u.team.name : 'No team', 'team'], ['Status', statusOf(u)],
  ]) {
    const row = el('div', 'govuk-summary-list__row');
    row.append(el('dt', 'govuk-summary-list__key', key), el('dd', 'govuk-summary-list__value', value));
    if (changeable.has(fieldId)) {
      const a = el('a', 'govuk-link', 'Change');
      a.href = `#${fieldId}`;
      a.id = `change-${fieldId}`;
      a.append(el('span', 'govuk-visually-hidden', ` ${key.toLowerCase()}`));
      a.addEventListener('click', (e) => {
        e.preventDefault();
        change(fieldId);
      });
      const dd = el('dd', 'govuk-summary-list__actions');
      dd.append(a);
      row.append(dd);
    } else if (changeable.size) {
      row.classList.add('govuk-summary-list__row--no-actions');
    }
    dl.append(row);
  }
}

function fill(u) {
  document.getElementById('who').textContent = u.org.name;
  document.getElementById('title').textContent = u.display_name;
  document.title = `${u.display_name} – Waymark`;
  summary(u);
  const waiting = u.second_factor_reset;
  const state = document.getElementById('sf-state');
  document.getElementById('sf-request').hidden = true;
  document.getElementById('sf-approve').hidden = true;
  if (!u.totp_enabled) {
    state.textContent = 'Not set up. They will be asked to set one up if their role must use it.';
  } else if (!waiting) {
    state.textContent = 'Set up.';
    document.getElementById('sf-request').hidden = false;
  } else if (waiting.requested_by.id === me.user.id) {
    state.textContent = `You asked for it to be cleared on ${longTime(waiting.requested_at)}. Another administrator must approve it by ${longTime(waiting.expires_at)}.`;
  } else {
    state.textContent = `${waiting.requested_by.name} asked for it to be cleared on ${longTime(waiting.requested_at)}.`;
    document.getElementById('sf-approve-text').textContent = `Approving clears ${u.display_name}'s authenticator app and recovery codes and signs them out. Approve only when you know they have asked for it.`;
    document.getElementById('sf-approve').hidden = false;
  }
  const self = u.id === me.user.id;
  document.getElementById('access-state').textContent = u.disabled
    ? 'The account is disabled: they cannot sign in.'
    : self ? 'This is your own account. Another administrator disables it, if ever it must be.'
      : 'They can sign in.';
  document.getElementById('disable').hidden = u.disabled || self;
  document.getElementById('enable').hidden = !u.disabled;
}

async function read() {
  const res = await api('GET', path);
  if (res.status !== 200) {
    await showProblem(res.status);
    return null;
  }
  return res.body;
}

// Shows a one-time link to give the holder, with when it stops working.
function showLink(u, link) {
  const input = document.getElementById('reset-link');
  input.value = `${window.location.origin}${link.reset_url}`;
  document.getElementById('reset-link-hint').textContent = `Give this link to ${u.display_name} only. It works once, until ${longTime(link.expires_at)}. Making another replaces it.`;
  document.getElementById('copied').textContent = '';
  document.getElementById('reset-done').hidden = false;
}

// The organisation of the account, with its kind and teams, as the
// organisations list gives it to administrators.
async function orgOf(u) {
  const res = await api('GET', '/api/v1/organisations');
  return res.status === 200 ? res.body.items.find((o) => o.id === u.org.id) || null : null;
}

// The name, role and team, saved with the version read.
function editing(u, org) {
  const team = teamField(org);
  const fields = [
    { id: 'display_name', label: 'Full name', get: (r) => r.display_name, describe: (r) => r.display_name,
      check: (v) => (v ? null : { field: 'display_name', message: 'Enter their full name' }) },
    { id: 'role', label: 'Role', kind: 'radios', options: roleOptions(org ? org.kind : null), get: (r) => r.role, describe: (r) => roleName(r.role) },
  ];
  if (team.options.length > 1) {
    fields.push({ ...team, get: (r) => (r.team ? r.team.name : 'none'), put: (v) => ({ team: v === 'none' ? '' : v }),
      describe: (r) => (r.team ? r.team.name : 'no team') });
  }
  const form = document.getElementById('edit-form');
  addFields(document.getElementById('edit-fields'), fields);
  document.getElementById('display_name').spellcheck = false;
  versionedForm({
    form, path, fields, record: u, noun: 'account',
    done: async () => {
      const now = await read();
      if (!now) return;
      if (now.version === u.version) {
        window.location.assign(here);
        return;
      }
      const roleChanged = now.role !== u.role;
      finish(here, `${now.display_name}'s account is changed`, roleChanged
        ? `They are now ${roleName(now.role).toLowerCase()}. They were signed out everywhere, and sign in again with the new role.`
        : '');
    },
  });
  return fields;
}

function confirmStep(u, disable) {
  document.getElementById('confirm-heading').textContent = disable
    ? `Disable ${u.display_name}'s account?` : `Enable ${u.display_name}'s account?`;
  document.getElementById('confirm-text').textContent = disable
    ? 'They are signed out everywhere at once, and cannot sign in until an administrator enables the account again.'
    : 'They can sign in again with their own password.';
  document.getElementById('confirm-more').textContent = disable
    ? 'Their cases, records and history are kept as they are. You can enable the account again at any time.'
    : `${u.locked ? 'The lock from their failed sign-ins is lifted too. ' : ''}If they have forgotten their password, make them a reset link afterwards.`;
  const button = document.getElementById('confirm');
  button.textContent = disable ? 'Yes, disable the account' : 'Yes, enable the account';
  button.classList.toggle('govuk-button--warning', disable);
  show('confirm-view');
  document.getElementById('confirm-heading').focus();
}

if (me) {
  let user = await read();
  if (user) {
    const link = takeNewLink(user.id);
    const org = await orgOf(user);
    changeable = new Set(editing(user, org).map((f) => f.id));
    change = (fieldId) => {
      showErrors([]);
      show('edit-view');
      (document.querySelector(`input[name="${fieldId}"]:checked`) || document.getElementById(fieldId)).focus();
    };
    fill(user);
    if (link) {
      const box = document.getElementById('new-link');
      box.append(document.getElementById('reset-done'));
      box.hidden = false;
      showLink(user, link);
    }
    show('user-body');

    document.getElementById('edit-cancel').addEventListener('click', (e) => {
      e.preventDefault();
      window.location.assign(here);
    });
    document.getElementById('confirm-cancel').addEventListener('click', (e) => {
      e.preventDefault();
      showErrors([]);
      show('user-body');
      document.getElementById(user.disabled ? 'enable' : 'disable').focus();
    });
    document.getElementById('disable').addEventListener('click', () => confirmStep(user, true));
    document.getElementById('enable').addEventListener('click', () => confirmStep(user, false));
    document.getElementById('confirm').addEventListener('click', async () => {
      const disable = !user.disabled;
      const res = await api('PATCH', path, { disabled: disable }, { 'If-Match': `"${user.version}"` });
      if (res.status === 200) {
        finish(here, disable ? `${user.display_name}'s account is disabled` : `${user.display_name}'s account is enabled`,
          disable ? 'They were signed out everywhere and cannot sign in. Enable the account on this page when they need it again.'
            : 'They can sign in again now.');
        return;
      }
      if (res.status === 412 && res.body && res.body.current) {
        // Someone else changed the account while this was being decided.
        user = { ...user, ...res.body.current };
        fill(user);
        show('user-body');
        showErrors([{ field: null, message: user.disabled === disable
          ? `Someone else has ${disable ? 'disabled' : 'enabled'} the account already.`
          : 'Someone else changed the account while you were deciding. Check it, then choose again.' }]);
        return;
      }
      const errs = (res.body && res.body.errors) || [];
      showErrors(res.status === 422 && errs.length
        ? errs.map((x) => ({ field: null, message: x.field === 'disabled' ? `${x.message[0].toUpperCase()}${x.message.slice(1)}.` : `${x.field}: ${x.message}` }))
        : [{ field: null, message: [403, 404].includes(res.status) ? 'This is not an account you administer.' : 'The account could not be changed just now. Try again.' }]);
    });

    document.getElementById('reset').addEventListener('click', async () => {
      const res = await api('POST', `${path}/password-reset`);
      if (res.status !== 201) {
        showErrors([{ field: null, message: 'The link could not be made just now. Try again.' }]);
        return;
      }
      showErrors([]);
      showLink(user, res.body);
      const input = document.getElementById('reset-link');
      input.focus();
      input.select();
    });
    document.getElementById('copy').addEventListener('click', async () => {
      const input = document.getElementById('reset-link');
      try {
        await navigator.clipboard.writeText(input.value);
        document.getElementById('copied').textContent = 'The link is copied.';
      } catch {
        input.select();
        document.getElementById('copied').textContent = 'Select the link and copy it.';
      }
    });
    document.getElementById('request').addEventListener('click', async () => {
      const res = await api('POST', `${path}/second-factor-reset`);
      if (res.status !== 201) {
        showErrors([{ field: null, message: res.status === 409 ? res.body.detail : 'The request could not be made just now. Try again.' }]);
        return;
      }
      showErrors([]);
      user = await read();
      if (user) fill(user);
    });
    document.getElementById('approve').addEventListener('click', async () => {
      const res = await api('POST', `${path}/second-factor-reset/approval`);
      if (res.status !== 200) {
        showErrors([{ field: null, message: [403, 409].includes(res.status) ? res.body.detail : 'The approval could not be recorded just now. Try again.' }]);
        user = await read();
        if (user) fill(user);
        return;
      }
      showErrors([]);
      user = await read();
      if (!user) return;
      fill(user);
      document.getElementById('sf-state').textContent = 'Cleared. They will set up their second factor again when they next sign in.';
    });
  }
}
