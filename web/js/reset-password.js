// The page a one-time link opens: the token rides in the fragment (never
// sent to a server, so never in a log), is taken out of the address at once,
// and goes to the API only in request bodies.
import { api, showErrors, startPage } from '/js/api.js';

startPage();
const token = new URLSearchParams(window.location.hash.slice(1)).get('token') || '';
window.history.replaceState(null, '', window.location.pathname);

function show(id) {
  for (const part of ['checking', 'choose', 'gone', 'done']) document.getElementById(part).hidden = part !== id;
  if (id !== 'choose') document.title = id === 'gone' ? 'This link cannot be used – Waymark' : id === 'done' ? 'Password set – Waymark' : document.title;
}

function when(iso) {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });
}

const look = token ? await api('POST', '/api/v1/password-resets/lookup', { token }) : { status: 410 };
if (look.status === 200) {
  document.getElementById('for-whom').textContent = `${look.body.display_name} (${look.body.username})`;
  document.getElementById('expires').textContent = `This link works once, until ${when(look.body.expires_at)}.`;
  document.getElementById('totp-group').hidden = !look.body.second_factor;
  show('choose');
} else if (look.status === 410) {
  show('gone');
} else {
  show('checking');
  showErrors([{ field: null, message: 'Your link could not be checked just now. Reload the page to try again.' }]);
}

document.getElementById('reset').addEventListener('submit', async (event) => {
  event.preventDefault();
  const password = document.getElementById('password').value;
  const confirm = document.getElementById('confirm').value;
  const totpGroup = document.getElementById('totp-group');
  const totp = document.getElementById('totp').value.trim();
  const errors = [];
  if (!password) errors.push({ field: 'password', message: 'Enter a new password' });
  else if (confirm !== password) errors.push({ field: 'confirm', message: 'The two passwords are not the same' });
  if (!totpGroup.hidden && !totp) errors.push({ field: 'totp', message: 'Enter your security code' });
  if (errors.length) {
    showErrors(errors);
    return;
  }
  const body = { token, password };
  if (!totpGroup.hidden) body.totp = totp;
  const res = await api('POST', '/api/v1/password-resets', body);
  if (res.status === 204) {
    showErrors([]);
    show('done');
    return;
  }
  if (res.status === 410) {
    showErrors([]);
    show('gone');
    return;
  }
  if (res.status === 422 && res.body && res.body.errors) {
    if (res.body.totp_required) totpGroup.hidden = false;
    showErrors(res.body.errors.map((e) => {
      if (e.field === 'password') return { field: 'password', message: `The password ${e.message}` };
      if (e.field === 'totp') return { field: 'totp', message: 'The security code is wrong or has been used. Enter the code your app shows now.' };
      return { field: null, message: `${e.field} ${e.message}` };
    }));
    return;
  }
  showErrors([{ field: null, message: 'Your password could not be set just now. Try again.' }]);
});
