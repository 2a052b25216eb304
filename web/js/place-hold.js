// Places a legal hold on a case: its kind, reason and owner, through Check
// your answers, ending on the case's retention page.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, answerRows, apiErrors, backToForm, checkAnswers, onSubmit } from '/js/form.js';
import { holdKinds } from '/js/records.js';
import { finish, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const caseId = new URLSearchParams(window.location.search).get('case') || '';
const back = `/retention?case=${encodeURIComponent(caseId)}`;

if (me) {
  document.getElementById('cancel').href = back;
  const res = await api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/retention`);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    const r = res.body;
    document.getElementById('who').textContent = r.reference;
    const fields = [
      { id: 'kind', label: 'Why is the case held?', kind: 'radios', options: holdKinds },
      { id: 'reason', label: 'Reason', kind: 'textarea', hint: 'What needs the record kept: the claim, inquiry, order or investigation, with its reference.' },
      { id: 'owner', label: 'Owner', hint: 'Who answers for the hold and decides when it ends: their name and post.' },
    ];
    const form = document.getElementById('hold-form');
    addFields(form, fields);
    form.hidden = false;
    onSubmit(form, fields, async (v) => {
      const errors = [];
      if (!v.kind) errors.push({ field: 'kind', message: 'Select why the case is held' });
      if (!v.reason.trim()) errors.push({ field: 'reason', message: 'Enter the reason for the hold' });
      if (!v.owner.trim()) errors.push({ field: 'owner', message: 'Enter who owns the hold' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      showErrors([]);
      const sure = await checkAnswers(form, {
        heading: 'Check your answers before you place the hold',
        rows: [{ key: 'Case', value: r.reference, field: 'kind' }, ...answerRows(fields)],
        confirm: 'Place the hold',
      });
      if (!sure) return;
      const made = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/holds`, { kind: v.kind, reason: v.reason.trim(), owner: v.owner.trim() });
      if (made.status === 201) {
        finish(back, 'Legal hold placed', `Nothing of ${r.reference} will be disposed of until the hold is lifted.`);
        return;
      }
      backToForm(form);
      showErrors(apiErrors(made, fields, 'The hold could not be placed just now. Try again.'));
    });
  }
}
