// Records an order against a person in the case; the API enforces the
// minimum durations and says until when an order must last.
import { api, showErrors } from '/js/api.js';
import { caseOrRefuse } from '/js/case-part.js';
import { addFields, answerRows, apiErrors, backToForm, checkAnswers, onSubmit } from '/js/form.js';
import { applicants, orderKinds } from '/js/orders.js';
import { finish, longDate, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const caseId = new URLSearchParams(window.location.search).get('case') || '';
const back = `/case?id=${encodeURIComponent(caseId)}`;

if (me) {
  document.getElementById('cancel').href = back;
  const kase = await caseOrRefuse(caseId);
  if (kase) {
    const fields = [
      { id: 'person_id', label: 'Against', kind: 'radios', options: kase.people.map((p) => ({ value: p.person.id, label: `${p.person.given_names} ${p.person.family_name}`.trim() })) },
      { id: 'kind', label: 'Order', kind: 'radios', options: orderKinds },
      { id: 'court', label: 'Court' },
      { id: 'applicant', label: 'Applicant', kind: 'radios', options: applicants },
      { id: 'made_on', label: 'Date the order was made', kind: 'date', hint: 'For example, 27 11 2026.' },
      { id: 'expires_on', label: 'Date it ends', kind: 'date', hint: 'Leave empty for a prevention order made until further order.' },
      { id: 'prohibitions', label: 'Prohibitions', kind: 'textarea', hint: 'One on each line, as the order words them.' },
    ];
    document.getElementById('who').textContent = kase.reference;
    const form = document.getElementById('order-form');
    addFields(form, fields);
    form.hidden = false;
    onSubmit(form, fields, async (v) => {
      const prohibitions = v.prohibitions.split('\n').map((x) => x.trim()).filter(Boolean);
      const errors = [];
      if (!v.person_id) errors.push({ field: 'person_id', message: 'Select who the order is against' });
      if (!v.kind) errors.push({ field: 'kind', message: 'Select the kind of order' });
      if (!v.court) errors.push({ field: 'court', message: 'Enter the court' });
      if (!v.applicant) errors.push({ field: 'applicant', message: 'Select who applied' });
      if (!v.made_on || v.made_on === 'invalid') errors.push({ field: 'made_on', message: 'Enter the real date the order was made' });
      if (v.expires_on === 'invalid') errors.push({ field: 'expires_on', message: 'Enter a real date for its end' });
      if (!prohibitions.length) errors.push({ field: 'prohibitions', message: 'Enter at least one prohibition' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      const body = { person_id: v.person_id, kind: v.kind, court: v.court, applicant: v.applicant, made_on: v.made_on, prohibitions };
      if (v.expires_on) body.expires_on = v.expires_on;
      showErrors([]);
      const sure = await checkAnswers(form, {
        heading: 'Check your answers before you record the order',
        rows: answerRows(fields).map((r) => (r.field === 'expires_on' && !r.value ? { ...r, value: 'Until further order' } : r)),
        confirm: 'Confirm and record the order',
      });
      if (!sure) return;
      const res = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/orders`, body);
      if (res.status === 201) {
        finish(`/order?id=${encodeURIComponent(res.body.id)}`, 'Order recorded', res.body.expires_on
          ? `It shows on the worklist from 28 days before it ends on ${longDate(res.body.expires_on)}, in time to apply to renew or vary it.`
          : 'Record any breach of it from this page.');
        return;
      }
      backToForm(form);
      showErrors(apiErrors(res, fields, 'The order could not be recorded just now. Try again.'));
    });
  }
}
