// One task on a subject request (?do=): extend its deadline, close it,
// record a correction, restrict the record or lift the restriction, or
// decide an erasure; each through Check your answers to a success banner
// on the request's page.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, answerRows, apiErrors, backToForm, checkAnswers, onSubmit } from '/js/form.js';
import { labelOf, outcomes, rectifiable, requestKinds } from '/js/records.js';
import { requestDue, requestPerson } from '/js/records-worklist.js';
import { finish, longDate, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const params = new URLSearchParams(window.location.search);
const id = params.get('id') || '';
const back = `/subject-request?id=${encodeURIComponent(id)}`;


// What each task asks, checks and sends.
const tasks = {
  extend: (r) => ({
    heading: 'Extend the deadline',
    intro: `Due by ${longDate(requestDue(r))}. A complex request may be given up to two further months, once, before it falls due (UK GDPR article 12(3); Waymark holds law enforcement requests to the same limit). Tell them why within the first month.`,
    fields: [
      { id: 'due', label: 'New date it is due by', kind: 'date', hint: `After ${longDate(requestDue(r))}, and no more than two months after it.` },
      { id: 'reason', label: 'Why does it need longer?', kind: 'textarea', hint: 'For example, the records are many and held in several places. Kept with the request.' },
    ],
    check(v) {
      const errors = [];
      if (!v.due || v.due === 'invalid') errors.push({ field: 'due', message: 'Enter the real date it is now due by' });
      else if (v.due <= requestDue(r)) errors.push({ field: 'due', message: `The new date must be after ${longDate(requestDue(r))}` });
      if (!v.reason.trim()) errors.push({ field: 'reason', message: 'Enter why the request needs longer' });
      return errors;
    },
    confirm: 'Extend the deadline',
    path: 'extension',
    ifMatch: true,
    body: (v) => ({ due: v.due, reason: v.reason.trim() }),
    done: (v, res) => ['Deadline extended', `The request is now due by ${longDate((res.body && (res.body.extended_due || res.body.due)) || v.due)}.`],
  }),
  close: () => ({
    heading: 'Close the request',
    intro: 'Close it once the person has had the answer. It leaves the worklist.',
    fields: [
      { id: 'outcome', label: 'Outcome', kind: 'radios', options: outcomes },
      { id: 'reason', label: 'What was done', kind: 'textarea', hint: 'What they were sent or told, and when.' },
    ],
    check(v) {
      const errors = [];
      if (!v.outcome) errors.push({ field: 'outcome', message: 'Select the outcome' });
      if (!v.reason.trim()) errors.push({ field: 'reason', message: 'Enter what was done' });
      return errors;
    },
    confirm: 'Close the request',
    path: 'close',
    ifMatch: true,
    body: (v) => ({ outcome: v.outcome, reason: v.reason.trim() }),
    done: (v) => ['Request closed', `Outcome: ${labelOf(outcomes, v.outcome).toLowerCase()}.`],
  }),
  rectify: (r) => ({
    heading: 'Record a correction',
    intro: `The correction is recorded on ${requestPerson(r)}'s record and shown wherever it appears.`,
    fields: [
      { id: 'field', label: 'What is corrected?', kind: 'radios', options: rectifiable },
      { id: 'corrected', label: 'The corrected information', hint: 'As it should read. What it said before is kept in the record\'s history.' },
      { id: 'note', label: 'Why it is corrected', kind: 'textarea', hint: 'For example, how the correction was checked. Shown with the correction wherever the record appears.' },
    ],
    check(v) {
      const errors = [];
      if (!v.field) errors.push({ field: 'field', message: 'Select what is corrected' });
      if (!v.corrected.trim()) errors.push({ field: 'corrected', message: 'Enter the corrected information' });
      if (!v.note.trim()) errors.push({ field: 'note', message: 'Enter why it is corrected' });
      return errors;
    },
    confirm: 'Record the correction',
    path: `/api/v1/people/${encodeURIComponent(r.person.id)}/rectifications`,
    body: (v) => ({ request_id: id, field: v.field, corrected: v.corrected.trim(), note: v.note.trim() }),
    done: () => ['Correction recorded', 'It shows on their record wherever it appears. Close the request once they have been told.'],
  }),
  restrict: (r) => ({
    heading: 'Restrict the record',
    intro: `${requestPerson(r)}'s record will be kept but not used: changes to it are refused, and everyone who opens it sees why, until the restriction is lifted.`,
    fields: [{ id: 'reason', label: 'Why is it restricted?', kind: 'textarea', hint: 'For example, they contest its accuracy while it is checked.' }],
    check: (v) => (v.reason.trim() ? [] : [{ field: 'reason', message: 'Enter why the record is restricted' }]),
    confirm: 'Restrict the record',
    path: `/api/v1/people/${encodeURIComponent(r.person.id)}/restriction`,
    body: (v) => ({ request_id: id, reason: v.reason.trim() }),
    done: () => ['Record restricted', 'It may be stored but not used. Everyone who opens it sees the restriction.'],
  }),
  unrestrict: (r) => ({
    heading: 'Lift the restriction',
    intro: `${requestPerson(r)}'s record may be used again once the restriction is lifted.`,
    fields: [{ id: 'reason', label: 'Why is the restriction lifted?', kind: 'textarea' }],
    check: (v) => (v.reason.trim() ? [] : [{ field: 'reason', message: 'Enter why the restriction is lifted' }]),
    confirm: 'Lift the restriction',
    method: 'DELETE',
    path: `/api/v1/people/${encodeURIComponent(r.person.id)}/restriction`,
    body: (v) => ({ reason: v.reason.trim() }),
    done: () => ['Restriction lifted', 'Their record may be used again.'],
  }),
  erase: (r) => ({
    heading: 'Decide the erasure',
    intro: `Waymark erases ${requestPerson(r)}'s record only where no policing purpose or hold remains: while they appear in a case not disposed of, or a legal hold is in force, the erasure is refused with the reasons and the request is closed.`,
    fields: [],
    check: () => [],
    warning: 'If nothing keeps it, their record is erased for good, with their documents. This cannot be undone.',
    confirm: 'Decide the erasure',
    path: 'erasure',
    body: () => undefined,
    done: (v, res) => {
      const b = res.body || {};
      if (b.outcome === 'refused') {
        const reasons = (b.reasons || []).map((x) => (typeof x === 'string' ? x : x.text || x.reason || x.detail || '')).filter(Boolean);
        return ['Erasure refused', `The request is closed. ${reasons.length ? `Reasons: ${reasons.join('; ')}.` : ''}`.trim()];
      }
      return ['Record erased', 'Their personal data is gone; the request, the audit trail and the anonymised figures are kept.'];
    },
  }),
};

if (me) {
  const task = tasks[params.get('do')];
  const res = await api('GET', `/api/v1/subject-requests/${encodeURIComponent(id)}`);
  if (res.status !== 200 || !task) {
    await showProblem(res.status === 200 ? 404 : res.status);
  } else {
    const r = res.body;
    const t = task(r);
    document.title = `${t.heading} – Waymark`;
    document.getElementById('cancel').href = back;
    document.getElementById('who').textContent = `${labelOf(requestKinds, r.kind)} request from ${requestPerson(r)}`;
    document.getElementById('action-heading').textContent = t.heading;
    document.getElementById('action-intro').textContent = t.intro;
    const form = document.getElementById('action-form');
    addFields(form, t.fields);
    form.hidden = false;
    onSubmit(form, t.fields, async (v) => {
      const errors = t.check(v);
      if (errors.length) {
        showErrors(errors);
        return;
      }
      showErrors([]);
      const sure = await checkAnswers(form, {
        heading: `Check your answers: ${t.heading.toLowerCase()}`,
        rows: [{ key: 'Person', value: requestPerson(r), field: t.fields.length ? t.fields[0].id : 'action-heading' }, ...answerRows(t.fields)],
        confirm: t.confirm,
        warning: t.warning,
      });
      if (!sure) return;
      const path = t.path.startsWith('/') ? t.path : `/api/v1/subject-requests/${encodeURIComponent(id)}/${t.path}`;
      const done = await api(t.method || 'POST', path, t.body(v), t.ifMatch ? { 'If-Match': `"${r.version}"` } : {});
      if ([200, 201, 204].includes(done.status)) {
        const [heading, next] = t.done(v, done);
        finish(back, heading, next);
        return;
      }
      backToForm(form);
      const said = done.body && done.body.detail;
      if (done.status === 412) showErrors([{ field: null, message: 'Someone else changed the request while you were working on it. Go back to the request and look again.' }]);
      else if (done.status === 409) showErrors([{ field: null, message: said || 'This cannot be done to the request as it stands.' }]);
      else showErrors(apiErrors(done, t.fields, 'It could not be saved just now. Try again.'));
    });
  }
}
