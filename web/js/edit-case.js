import { showErrors, api } from '/js/api.js';
import { versionedForm } from '/js/form.js';
import { finish, signedInPage, statusNames } from '/js/shell.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';
const back = `/case?id=${encodeURIComponent(id)}`;
const fields = [
  { id: 'title', label: 'Title', get: (c) => c.title },
  { id: 'summary', label: 'Summary', get: (c) => c.summary || '' },
  { id: 'status', label: 'Status', get: (c) => c.status, describe: (c) => statusNames[c.status] },
  { id: 'outcome', label: 'Outcome', get: (c) => c.outcome || '', put: (v) => ({ outcome: v || null }) },
];

if (me) {
  document.getElementById('cancel').href = back;
  const res = await api('GET', `/api/v1/cases/${encodeURIComponent(id)}`);
  if (res.status === 200) {
    document.getElementById('reference').textContent = res.body.reference;
    versionedForm({
      form: document.getElementById('edit-case-form'),
      path: `/api/v1/cases/${encodeURIComponent(id)}`,
      fields,
      record: res.body,
      noun: 'case',
      done: () => finish(back, 'Case changed', 'What changed is in its history.'),
    });
  } else {
    showErrors([{ field: null, message: 'There is no such case, or it is not one you can change.' }]);
  }
}
