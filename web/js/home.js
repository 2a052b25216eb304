import { roleName } from '/js/api.js';
import { signedInPage } from '/js/shell.js';

const me = await signedInPage();
if (me) {
  const user = me.user;
  document.getElementById('welcome').textContent = `Welcome, ${user.display_name}`;
  document.getElementById('account-username').textContent = user.username;
  document.getElementById('account-role').textContent = roleName(user.role);
  document.getElementById('account-org').textContent = user.org.name;
  document.getElementById('account-team').textContent = user.team ? user.team.name : 'None';
  document.getElementById('account-totp').textContent = user.totp_enabled ? 'Set up' : 'Not set up';
  document.getElementById('home-body').hidden = false;
}
