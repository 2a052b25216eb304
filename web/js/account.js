// One's own account: change the password, set up a second factor (a QR code
// drawn by the server, and the key as text), and sign out everywhere.
import { api, roleName, showErrors } from '/js/api.js';
import { signedInPage, summaryList } from '/js/shell.js';

// Shows the GOV.UK success banner at the top of the page.
function done(heading, text) {
  const banner = document.getElementById('done');
  document.getElementById('done-heading').textContent = heading;
  document.getElementById('done-text').textContent = text;
  banner.hidden = false;
  banner.focus();
}

function showSecondFactor(on) {
  summaryList(document.getElementById('summary'), rows(on));
  document.getElementById('totp-on').hidden = !on;
  document.getElementById('totp-off').hidden = on;
}

let user;
const rows = (on) => [
  ['Name', user.display_name],
  ['Username', user.username],
  ['Role', roleName(user.role)],
  ['Organisation', user.team ? `${user.org.name}, ${user.team.name}` : user.org.name],
  ['Second factor', on ? 'Set up' : 'Not set up'],
];

const me = await signedInPage();
if (me) {
  user = me.user;
  document.getElementById('whose').textContent = `${user.display_name} (${user.username})`;
  showSecondFactor(Boolean(user.totp_enabled));

  document.getElementById('password-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const current = document.getElementById('current_password').value;
    const next = document.getElementById('new_password').value;
    const again = document.getElementById('confirm_password').value;
    const errors = [];
    if (!current) errors.push({ field: 'current_password', message: 'Enter your current password' });
    if (!next) errors.push({ field: 'new_password', message: 'Enter a new password' });
    else if (next !== again) errors.push({ field: 'confirm_password', message: 'The new passwords are not the same' });
    if (errors.length) {
      showErrors(errors);
      return;
    }
    const res = await api('PUT', '/api/v1/me/password', { current_password: current, new_password: next });
    if (res.status === 204) {
      // Every session has ended, this one too: sign in with the new password.
      window.location.assign('/sign-in?done=password');
      return;
    }
    if (res.status === 422 && res.body && res.body.errors) {
      const names = { current_password: 'Your current password', new_password: 'The new password' };
      showErrors(res.body.errors.map((e) => ({
        field: names[e.field] ? e.field : null,
        message: `${names[e.field] || e.field} ${e.message}`,
      })));
      return;
    }
    showErrors([{ field: null, message: 'Your password could not be changed just now. Try again.' }]);
  });

  document.getElementById('totp-start').addEventListener('click', async () => {
    const res = await api('POST', '/api/v1/me/totp');
    if (res.status !== 201) {
      showErrors([{ field: null, message: res.status === 409 ? 'Your second factor is already set up.' : 'The second factor could not be started just now. Try again.' }]);
      return;
    }
    showErrors([]);
    document.getElementById('secret').textContent = res.body.secret;
    // The server draws the code of the key it keeps sealed; the key never
    // rides in an address.
    document.getElementById('qr').src = '/api/v1/me/totp/qr-code';
    document.getElementById('totp-off').hidden = true;
    document.getElementById('totp-enrol').hidden = false;
    document.getElementById('code').focus();
  });

  document.getElementById('totp-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = document.getElementById('code').value.replace(/\s/g, '');
    if (!/^[0-9]{6}$/.test(code)) {
      showErrors([{ field: 'code', message: 'Enter the 6-digit code from your app' }]);
      return;
    }
    const res = await api('POST', '/api/v1/me/totp/confirm', { code });
    if (res.status !== 200) {
      showErrors([{ field: 'code', message: res.status === 422 ? 'The code does not match. Enter the code the app shows now.' : 'The code could not be checked just now. Try again.' }]);
      return;
    }
    showErrors([]);
    const list = document.getElementById('recovery-codes');
    list.replaceChildren();
    for (const c of res.body.recovery_codes) {
      const li = document.createElement('li');
      const text = document.createElement('code');
      text.className = 'waymark-secret';
      text.textContent = c;
      li.append(text);
      list.append(li);
    }
    document.getElementById('totp-enrol').hidden = true;
    document.getElementById('recovery').hidden = false;
    showSecondFactor(true);
    done('Second factor set up', 'From now on you sign in with a code from your authenticator app as well as your password.');
  });

  document.getElementById('everywhere').addEventListener('click', async () => {
    const res = await api('DELETE', '/api/v1/me/sessions');
    if (res.status === 204) {
      window.location.assign('/sign-in?done=everywhere');
      return;
    }
    showErrors([{ field: null, message: 'You could not be signed out everywhere just now. Try again.' }]);
  });
}
