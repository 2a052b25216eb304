// Lifts a legal hold with a reason, through Check your answers; the hold
// is kept as history. Someone else changing it first is said plainly.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, answerRows, apiErrors, backToForm, checkAnswers, onSubmit } from '/js/form.js';
import { holdName } from '/js/records.js';
import { finish, longDate, signedInPage, summaryList } from '/js/shell.js';

const me = await signedInPage();
const params = new URLSearchParams(window.location.search);
const holdId = params.get('id') || '';
const caseId = params.get('case') || '';
const back = `/retention?case=${encodeURIComponent(caseId)}`;

if (me) {
  document.getElementById('cancel').href = back;
  const res = await api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/retention`);
  const hold = res.status === 200 ? (res.body.holds || []).find((h) => h.id === holdId && !h.automatic) : null;
  if (res.status !== 200 || !hold) {
    await showProblem(res.status === 200 ? 404 : res.status);
  } else {
    const r = res.body;
    document.getElementById('who').textContent = r.reference;
    summaryList(document.getElementById('hold-summary'), [
      ['Hold', holdName(hold)],
      ['Reason', hold.reason],
      ['Owner', hold.owner],
      ['Placed', longDate(hold.placed_on || hold.placed_at)],
    ]);
    const fields = [{ id: 'reason', label: 'Why is the hold lifted?', kind: 'textarea', hint: 'For example, the claim was settled or the inquiry has reported. Kept with the hold.' }];
    const form = document.getElementById('lift-form');
    addFields(form, fields);
    form.hidden = false;
    onSubmit(form, fields, async (v) => {
      if (!v.reason.trim()) {
        showErrors([{ field: 'reason', message: 'Enter why the hold is lifted' }]);
        return;
      }
      showErrors([]);
      const sure = await checkAnswers(form, {
        heading: 'Check your answers before you lift the hold',
        rows: [{ key: 'Case', value: r.reference, field: 'reason' }, { key: 'Hold', value: `${holdName(hold)}: ${hold.reason}`, field: 'reason' }, ...answerRows(fields)],
        confirm: 'Lift the hold',
      });
      if (!sure) return;
      const done = await api('DELETE', `/api/v1/holds/${encodeURIComponent(holdId)}`, { reason: v.reason.trim() }, { 'If-Match': `"${hold.version ?? params.get('version') ?? 1}"` });
      if (done.status === 200 || done.status === 204) {
        finish(back, 'Legal hold lifted', 'It is kept in the case\'s history. The case may be disposed of at a review if nothing else holds it.');
        return;
      }
      backToForm(form);
      if (done.status === 412) showErrors([{ field: null, message: 'Someone else changed this hold while you were lifting it. Go back to the case and look again.' }]);
      else showErrors(apiErrors(done, fields, 'The hold could not be lifted just now. Try again.'));
    });
  }
}
