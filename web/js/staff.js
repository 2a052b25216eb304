// The force's investigators and supervisors: team, rank, accreditation and
// how many cases each holds against their capacity.
import { api, showErrors } from '/js/api.js';
import { cell, signedInPage } from '/js/shell.js';

const me = await signedInPage();
if (me) {
  const res = await api('GET', '/api/v1/staff');
  if (res.status !== 200) {
    showErrors([{ field: null, message: res.status === 403 ? 'Only supervisors and administrators see staff.' : 'Staff could not be listed just now. Try again.' }]);
  } else {
    const body = document.getElementById('staff-list');
    for (const s of res.body.items) {
      const row = document.createElement('tr');
      row.className = 'govuk-table__row';
      cell(row, s.name, { href: `/staff-member?id=${encodeURIComponent(s.user_id)}` });
      cell(row, s.team.name || 'None');
      cell(row, s.rank || 'Not recorded');
      cell(row, s.pip_level ? `PIP${s.pip_level}` : 'None', { numeric: true });
      const held = s.active_cases === null ? 'Not shown' : String(s.active_cases);
      cell(row, s.capacity && s.active_cases !== null ? `${held} of ${s.capacity}` : held, { numeric: true });
      body.append(row);
    }
    document.getElementById('staff-body').hidden = false;
  }
}
