// Deletes a document from its case, with a reason: the document as it
// stands, a warning of what deleting does, and the version read sent in
// If-Match so that a document changed meanwhile is not deleted unseen.
import { api, showErrors, showProblem } from '/js/api.js';
import { kindNames, sizeWords, titleOf } from '/js/documents.js';
import { finish, longDate, signedInPage, summaryList } from '/js/shell.js';

const me = await signedInPage();

if (me) {
  const id = new URLSearchParams(window.location.search).get('id') || '';
  const res = await api('GET', `/api/v1/documents/${encodeURIComponent(id)}`);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else if (!me.may.includes('document:write')) {
    await showProblem(403);
  } else {
    const d = res.body;
    const back = `/case?id=${encodeURIComponent(d.case_id)}`;
    document.getElementById('cancel').href = back;
    const kase = await api('GET', `/api/v1/cases/${encodeURIComponent(d.case_id)}`);
    if (kase.status === 200) document.getElementById('who').textContent = `${kase.body.reference}: ${kase.body.title}`;
    document.getElementById('delete-heading').textContent = `Delete ${titleOf(d)}?`;
    summaryList(document.getElementById('document-summary'), [
      ['Kind', kindNames[d.kind] || d.kind],
      ['About', d.person ? d.person.name : 'The whole case'],
      ['File', d.filename ? `${d.filename} (${sizeWords(d.size)})` : sizeWords(d.size)],
      ['Added', `${d.added_by.name}, ${longDate(d.created_at)}`],
      ['Sealed', d.sealed ? 'Yes' : 'No'],
    ]);
    const form = document.getElementById('delete-form');
    form.hidden = false;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const reason = document.getElementById('reason').value.trim();
      if (!reason) {
        showErrors([{ field: 'reason', message: 'Enter why you are deleting the document' }]);
        return;
      }
      const button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      const done = await api('DELETE', `/api/v1/documents/${encodeURIComponent(d.id)}`, { reason }, { 'If-Match': `"${d.version}"` });
      button.disabled = false;
      if (done.status === 204) {
        finish(back, 'Document deleted', `${titleOf(d)} is no longer in the case. The audit trail keeps your reason.`);
        return;
      }
      if (done.status === 409) showErrors([{ field: null, message: 'The document was deleted already.' }]);
      else if (done.status === 412) showErrors([{ field: null, message: 'Someone changed the document while you were looking at it. Reload the page to see it as it is now.' }]);
      else if (done.status === 422) showErrors([{ field: 'reason', message: 'The reason is too long' }]);
      else showErrors([{ field: null, message: 'The document could not be deleted just now. Try again.' }]);
    });
  }
}
