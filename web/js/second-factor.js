import { api, requireUser, showErrors, startPage } from '/js/api.js';

startPage();
const me = await requireUser();
if (me) {
  const start = await api('POST', '/api/v1/me/totp');
  if (start.status === 201) {
    document.getElementById('secret').textContent = start.body.secret;
    document.getElementById('otpauth').href = start.body.otpauth_uri;
    document.getElementById('qr').src = '/api/v1/me/totp/qr-code';
  } else {
    showErrors([{ field: null, message: 'Your second factor is already set up, or could not be started.' }]);
  }
  document.getElementById('confirm').addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = document.getElementById('code').value.trim();
    if (!/^[0-9]{6}$/.test(code)) {
      showErrors([{ field: 'code', message: 'Enter the 6-digit code from your app' }]);
      return;
    }
    const res = await api('POST', '/api/v1/me/totp/confirm', { code });
    if (res.status !== 200) {
      showErrors([{ field: 'code', message: 'The code does not match. Enter the code the app shows now.' }]);
      return;
    }
    showErrors([]);
    const list = document.getElementById('recovery-codes');
    for (const c of res.body.recovery_codes) {
      const li = document.createElement('li');
      const code_ = document.createElement('code');
      code_.textContent = c;
      li.append(code_);
      list.append(li);
    }
    document.getElementById('enrol').hidden = true;
    document.getElementById('done').hidden = false;
  });
}
