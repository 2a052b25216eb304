// The accounts an administrator administers: their organisation's and those
// of the organisations it hosts.
import { api, roleName, showErrors } from '/js/api.js';
import { cell, signedInPage, tag } from '/js/shell.js';

const me = await signedInPage();
if (me) {
  const res = await api('GET', '/api/v1/users');
  if (res.status !== 200) {
    showErrors([{ field: null, message: res.status === 403 ? 'Only administrators see accounts.' : 'Accounts could not be listed just now. Try again.' }]);
  } else {
    const body = document.getElementById('users-list');
    for (const u of res.body.items) {
      const row = document.createElement('tr');
      row.className = 'govuk-table__row';
      cell(row, u.display_name, { href: `/user?id=${encodeURIComponent(u.id)}` });
      cell(row, u.username);
      cell(row, roleName(u.role));
      cell(row, u.team ? `${u.org.name}, ${u.team.name}` : u.org.name);
      const status = cell(row, '');
      if (u.disabled) status.append(tag('Disabled', 'grey'));
      else if (u.locked) status.append(tag('Locked', 'red'));
      else status.append(tag('Active', 'green'));
      if (u.totp_enabled) status.append(' ', tag('Second factor', 'blue'));
      body.append(row);
    }
    document.getElementById('users-body').hidden = false;
  }
}
