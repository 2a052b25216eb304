// Training compliance by team, who is out of date or expiring within 30
// days, and the CSV export and import of training records.
import { api, showErrors } from '/js/api.js';
import { cell, emptyRow, longDate, signedInPage, tag } from '/js/shell.js';

const me = await signedInPage();

async function load() {
  const res = await api('GET', '/api/v1/training/compliance');
  if (res.status !== 200) {
    showErrors([{ field: null, message: res.status === 403 ? 'Only supervisors and administrators see training compliance.' : 'Compliance could not be shown just now. Try again.' }]);
    return false;
  }
  document.getElementById('as-of').textContent = `As at ${res.body.today}, counting each person's latest record of each course.`;
  const teams = document.getElementById('teams');
  teams.replaceChildren();
  for (const t of res.body.teams) {
    const row = document.createElement('tr');
    row.className = 'govuk-table__row';
    cell(row, t.team, { header: true });
    cell(row, String(t.valid), { numeric: true });
    cell(row, String(t.expiring), { numeric: true });
    cell(row, String(t.expired), { numeric: true });
    teams.append(row);
  }
  const items = document.getElementById('items');
  items.replaceChildren();
  for (const x of res.body.items) {
    const row = document.createElement('tr');
    row.className = 'govuk-table__row';
    cell(row, x.name, { href: `/staff-member?id=${encodeURIComponent(x.user_id)}` });
    cell(row, x.team);
    cell(row, x.course_name || x.course);
    cell(row, `${longDate(x.expires_on)} `).append(x.state === 'expired' ? tag('Out of date', 'red') : tag('Expiring soon', 'yellow'));
    items.append(row);
  }
  if (!res.body.items.length) emptyRow(items, 'Everyone is up to date', 4);
  return true;
}

if (me && await load()) {
  document.getElementById('compliance-body').hidden = false;
  document.getElementById('import-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = document.getElementById('file').files[0];
    if (!file) {
      showErrors([{ field: 'file', message: 'Choose a CSV file to import' }]);
      return;
    }
    const text = await file.text();
    const res = await api('POST', '/api/v1/training/import', text, { 'Content-Type': 'text/csv' });
    if (res.status !== 200) {
      const errs = (res.body && res.body.errors) || [];
      showErrors(errs.length ? errs.map((x) => ({ field: 'file', message: `The file ${x.message.replace(/^the /, '')}` }))
        : [{ field: null, message: 'The file could not be imported just now. Try again.' }]);
      return;
    }
    showErrors([]);
    document.getElementById('import-summary').textContent = `${res.body.imported} record${res.body.imported === 1 ? '' : 's'} imported, ${res.body.rejected.length} rejected.`;
    const list = document.getElementById('import-rejected');
    list.replaceChildren(...res.body.rejected.map((r) => Object.assign(document.createElement('li'), {
      textContent: `Line ${r.line}${r.username ? ` (${r.username})` : ''}: ${r.errors.map((x) => `${x.field.replace(/_/g, ' ')} ${x.message}`).join('; ')}`,
    })));
    document.getElementById('import-result').hidden = false;
    await load();
  });
}
