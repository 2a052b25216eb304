// One account, for its administrator: a one-time password link to hand to
// the holder, and a second-factor reset that a second administrator approves.
import { api, roleName, showErrors } from '/js/api.js';
import { signedInPage, summaryList } from '/js/shell.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';
const path = `/api/v1/users/${encodeURIComponent(id)}`;

function when(iso) {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });
}

function fill(u) {
  document.getElementById('who').textContent = u.org.name;
  document.getElementById('title').textContent = u.display_name;
  document.title = `${u.display_name} – Waymark`;
  summaryList(document.getElementById('account'), [
    ['Username', u.username], ['Role', roleName(u.role)], ['Organisation', u.org.name],
    ['Team', u.team ? u.team.name : 'None'],
    ['Status', u.disabled ? 'Disabled' : u.locked ? 'Locked' : 'Active'],
  ]);
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
    state.textContent = `You asked for it to be cleared on ${when(waiting.requested_at)}. Another administrator must approve it by ${when(waiting.expires_at)}.`;
  } else {
    state.textContent = `${waiting.requested_by.name} asked for it to be cleared on ${when(waiting.requested_at)}.`;
    document.getElementById('sf-approve-text').textContent = `Approving clears ${u.display_name}'s authenticator app and recovery codes and signs them out. Approve only when you know they have asked for it.`;
    document.getElementById('sf-approve').hidden = false;
  }
}

async function reload() {
  const res = await api('GET', path);
  if (res.status !== 200) {
    showErrors([{ field: null, message: res.status === 404 ? 'There is no such user, or it is not one you administer.' : 'The account could not be read just now. Try again.' }]);
    return null;
  }
  fill(res.body);
  document.getElementById('user-body').hidden = false;
  return res.body;
}

if (me && await reload()) {
  document.getElementById('reset').addEventListener('click', async () => {
    const res = await api('POST', `${path}/password-reset`);
    if (res.status !== 201) {
      showErrors([{ field: null, message: 'The link could not be made just now. Try again.' }]);
      return;
    }
    showErrors([]);
    const link = document.getElementById('reset-link');
    link.value = `${window.location.origin}${res.body.reset_url}`;
    document.getElementById('reset-link-hint').textContent = `Give this link to the account holder only. It works once, until ${when(res.body.expires_at)}. Making another replaces it.`;
    document.getElementById('copied').textContent = '';
    document.getElementById('reset-done').hidden = false;
    link.focus();
    link.select();
  });
  document.getElementById('copy').addEventListener('click', async () => {
    const link = document.getElementById('reset-link');
    try {
      await navigator.clipboard.writeText(link.value);
      document.getElementById('copied').textContent = 'The link is copied.';
    } catch {
      link.select();
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
    await reload();
  });
  document.getElementById('approve').addEventListener('click', async () => {
    const res = await api('POST', `${path}/second-factor-reset/approval`);
    if (res.status !== 200) {
      showErrors([{ field: null, message: [403, 409].includes(res.status) ? res.body.detail : 'The approval could not be recorded just now. Try again.' }]);
      await reload();
      return;
    }
    showErrors([]);
    await reload();
    document.getElementById('sf-state').textContent = 'Cleared. They will set up their second factor again when they next sign in.';
  });
}
