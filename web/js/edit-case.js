import { api, showErrors } from '/js/api.js';
import { signedInPage, statusNames } from '/js/shell.js';

const me = await signedInPage();
document.getElementById('error-summary').setAttribute('tabindex', '-1');
const fields = ['title', 'summary', 'status', 'outcome'];
const id = new URLSearchParams(window.location.search).get('id') || '';
let base = null; // the version this form started from

function fill(c) {
  base = c;
  document.getElementById('reference').textContent = c.reference;
  for (const f of fields) document.getElementById(f).value = c[f] || '';
}

// Re-applies what the user changed on top of the version someone else saved.
function rebase(current, mine, old) {
  const merged = { ...current };
  for (const f of fields) if ((mine[f] || '') !== (old[f] || '')) merged[f] = mine[f];
  return merged;
}

if (me) {
  document.getElementById('cancel').href = `/case?id=${encodeURIComponent(id)}`;
  const res = await api('GET', `/api/v1/cases/${encodeURIComponent(id)}`);
  if (res.status === 200) {
    fill(res.body);
    document.getElementById('edit-case-form').hidden = false;
  } else {
    showErrors([{ field: null, message: 'There is no such case, or it is not one you can change.' }]);
  }
  document.getElementById('edit-case-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const mine = Object.fromEntries(fields.map((f) => [f, document.getElementById(f).value.trim()]));
    const body = {};
    for (const f of fields) if (mine[f] !== (base[f] || '')) body[f] = f === 'outcome' && !mine[f] ? null : mine[f];
    if (!Object.keys(body).length) {
      window.location.assign(`/case?id=${encodeURIComponent(id)}`);
      return;
    }
    const put = await api('PATCH', `/api/v1/cases/${encodeURIComponent(id)}`, body, { 'If-Match': `"${base.version}"` });
    const data = put.body;
    if (put.status === 200) {
      window.location.assign(`/case?id=${encodeURIComponent(id)}`);
      return;
    }
    if (put.status === 412 && data && data.current) {
      const current = data.current;
      const changed = fields.filter((f) => (current[f] || '') !== (base[f] || ''));
      document.getElementById('conflict-detail').textContent =
        `They changed: ${changed.map((f) => (f === 'status' ? `status to ${statusNames[current.status]}` : f)).join(', ') || 'details'}.`;
      const merged = rebase(current, mine, base);
      fill(current);
      for (const f of fields) document.getElementById(f).value = merged[f] || '';
      showErrors([]);
      const banner = document.getElementById('conflict');
      banner.hidden = false;
      banner.setAttribute('tabindex', '-1');
      banner.focus();
      return;
    }
    if (put.status === 422 && data && data.errors) {
      showErrors(data.errors.map((x) => ({ field: fields.includes(x.field) ? x.field : null, message: `${x.field.replace(/_/g, ' ')} ${x.message}` })));
      return;
    }
    showErrors([{ field: null, message: 'The case could not be saved just now. Try again.' }]);
  });
}
