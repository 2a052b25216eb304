// Records a review of a case: retain it (with the reason and the next
// review date) or dispose of it (with the reason), through Check your
// answers; a case under a hold is refused in the error summary.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, answerRows, apiErrors, backToForm, checkAnswers, onSubmit } from '/js/form.js';
import { holdName, today } from '/js/records.js';
import { finish, longDate, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const caseId = new URLSearchParams(window.location.search).get('case') || '';
const back = `/retention?case=${encodeURIComponent(caseId)}`;

// The 409's words: the server's detail and the holds it names.
function heldWords(res) {
  const holds = (res.body && res.body.holds) || [];
  if (!holds.length) return (res.body && res.body.detail) || 'The case is held and cannot be disposed of.';
  const named = holds.map((h) => `${holdName(h)}: ${h.reason}${h.owner ? ` (owner: ${h.owner})` : ''}`);
  return `The case cannot be disposed of while it is held. ${named.join('. ')}.`;
}

if (me) {
  document.getElementById('cancel').href = back;
  const res = await api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/retention`);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    const r = res.body;
    document.getElementById('who').textContent = r.reference;
    const nextField = { id: 'next_review_on', label: 'Date of the next review', kind: 'date', hint: 'After today. For example, 4 1 2030.' };
    const fields = [
      { id: 'decision', label: 'Decision', kind: 'radios', options: [
        { value: 'retain', label: 'Retain the case', reveal: [nextField] },
        { value: 'dispose', label: 'Dispose of the case', hint: 'This cannot be undone.' },
      ] },
      { id: 'reason', label: 'Reason for the decision', kind: 'textarea', hint: 'The policing purpose it still serves, or why it no longer serves one. Kept with the decision and in the stub.' },
    ];
    const form = document.getElementById('review-form');
    addFields(form, fields);
    form.hidden = false;
    onSubmit(form, [...fields, nextField], async (v) => {
      const errors = [];
      if (!v.decision) errors.push({ field: 'decision', message: 'Select whether to retain or dispose of the case' });
      if (v.decision === 'retain') {
        if (!v.next_review_on || v.next_review_on === 'invalid') errors.push({ field: 'next_review_on', message: 'Enter the real date of the next review' });
        else if (v.next_review_on <= today()) errors.push({ field: 'next_review_on', message: 'The next review must be after today' });
      }
      if (!v.reason.trim()) errors.push({ field: 'reason', message: 'Enter the reason for the decision' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      showErrors([]);
      const body = { decision: v.decision, reason: v.reason.trim() };
      if (v.decision === 'retain') body.next_review_on = v.next_review_on;
      const sure = await checkAnswers(form, {
        heading: v.decision === 'dispose' ? 'Check your answers before you dispose of the case' : 'Check your answers before you record the review',
        rows: [
          { key: 'Case', value: r.reference, field: 'decision' },
          ...answerRows(fields.slice(0, 1)),
          ...(v.decision === 'retain' ? [{ key: 'Next review', value: longDate(v.next_review_on), field: 'next_review_on' }] : []),
          ...answerRows(fields.slice(1)),
        ],
        confirm: v.decision === 'dispose' ? 'Dispose of the case' : 'Record the review',
        warning: v.decision === 'dispose'
          ? `The personal data of the people of ${r.reference} who are in no case kept will be removed for good, with their documents. This cannot be undone.` : undefined,
      });
      if (!sure) return;
      const made = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/reviews`, body);
      if (made.status === 201) {
        if (v.decision === 'dispose') {
          finish('/records?list=disposed', `${r.reference} disposed of`, 'Its stub, the audit trail and the anonymised figures are kept; the personal data of people in no other case kept is gone.');
        } else {
          finish(back, 'Review recorded', `${r.reference} is kept. Its next review is due by ${longDate(made.body.next_review_on || body.next_review_on)}.`);
        }
        return;
      }
      backToForm(form);
      if (made.status === 409) showErrors([{ field: 'decision', message: heldWords(made) }]);
      else showErrors(apiErrors(made, [...fields, nextField], 'The review could not be recorded just now. Try again.'));
    });
  }
}
