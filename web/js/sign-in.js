import { api, showErrors, startPage } from '/js/api.js';

startPage();

// A demonstration says so, and that it signs in without a second factor.
api('GET', '/api/v1/installation').then((res) => {
  if (res.status !== 200 || !res.body.demonstration) return;
  document.getElementById('demo-second-factor').hidden = !res.body.second_factor_off;
  document.getElementById('demo').hidden = false;
});

// Where to go once signed in: the page that sent the user here, when it is
// one of ours (a path on this site, never another site's address).
function next() {
  const to = new URLSearchParams(window.location.search).get('next') || '/';
  return /^\/(?![\/\\])/.test(to) && !to.startsWith('/sign-in') ? to : '/';
}
// A task on the account page that ended every session ends here.
const signedOut = {
  password: ['Your password has been changed', 'You have been signed out everywhere. Sign in with your new password.'],
  everywhere: ['You have been signed out everywhere', 'Every browser that was signed in as you, this one too, must sign in again.'],
}[new URLSearchParams(window.location.search).get('done')];
if (signedOut) {
  document.getElementById('signed-out-heading').textContent = signedOut[0];
  document.getElementById('signed-out-text').textContent = signedOut[1];
  document.getElementById('signed-out').hidden = false;
}
if (new URLSearchParams(window.location.search).get('reason') === 'timeout') {
  document.getElementById('timed-out').hidden = false;
}

const form = document.getElementById('sign-in');
const totpGroup = document.getElementById('totp-group');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = document.getElementById('username').value.trim();
  const password = document.getElementById('password').value;
  const totp = document.getElementById('totp').value.trim();
  const errors = [];
  if (!username) errors.push({ field: 'username', message: 'Enter your username' });
  if (!password) errors.push({ field: 'password', message: 'Enter your password' });
  if (!totpGroup.hidden && !totp) errors.push({ field: 'totp', message: 'Enter your security code' });
  if (errors.length) {
    showErrors(errors);
    return;
  }
  const body = { username, password };
  if (!totpGroup.hidden) body.totp = totp;
  const res = await api('POST', '/api/v1/session', body);
  if (res.status === 201) {
    window.location.assign(res.body.totp_enrolment_required ? '/second-factor' : next());
    return;
  }
  if (res.status === 401 && res.body && res.body.totp_required) {
    const first = totpGroup.hidden;
    totpGroup.hidden = false;
    document.getElementById('credentials').hidden = true;
    document.getElementById('page-heading').textContent = 'Enter your security code';
    if (first) {
      showErrors([]);
      document.getElementById('totp').focus();
    } else {
      showErrors([{ field: 'totp', message: 'The security code is wrong or has been used. Try the next code.' }]);
    }
    return;
  }
  if (res.status === 401) {
    showErrors([{ field: 'password', message: 'The username or password is not right. After 3 failed tries, each next try must wait longer than the last.' }]);
    return;
  }
  if (res.status === 429) {
    // The server says how long to wait, or (past an account's limit of
    // failures) to use a browser that has signed in to it before.
    const detail = res.body && res.body.detail;
    showErrors([{ field: null, message: detail || 'Too many failed sign-ins. Wait a minute and try again.' }]);
    return;
  }
  if (res.status === 422 && res.body && res.body.errors) {
    showErrors(res.body.errors.map((e) => ({ field: ['username', 'password', 'totp'].includes(e.field) ? e.field : null, message: `${e.field} ${e.message}` })));
    return;
  }
  showErrors([{ field: null, message: 'Waymark could not sign you in just now. Try again.' }]);
});
