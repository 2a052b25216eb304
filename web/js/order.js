// An order with its prohibitions and breaches; a breach is recorded only
// for a day the order was in force.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, apiErrors, onSubmit } from '/js/form.js';
import { applicantName, kindName } from '/js/orders.js';
import { longDate, signedInPage, summaryList, tag } from '/js/shell.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';
const path = `/api/v1/orders/${encodeURIComponent(id)}`;
const fields = [
  { id: 'occurred_on', label: 'Date of the breach', kind: 'date', hint: 'For example, 27 11 2026.' },
  { id: 'summary', label: 'What happened', kind: 'textarea' },
  { id: 'crime_reference', label: 'Crime reference (if any)', width: 20 },
];

if (me) {
  const res = await api('GET', path);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    const o = res.body;
    const today = new Date().toISOString().slice(0, 10);
    document.getElementById('who').textContent = o.person.name;
    document.getElementById('title').textContent = kindName(o.kind);
    document.getElementById('back').href = `/case?id=${encodeURIComponent(o.case_id)}`;
    const ends = document.createElement('span');
    ends.textContent = o.expires_on ? longDate(o.expires_on) : 'Until further order';
    if (o.expires_on && o.expires_on < today) ends.append(' ', tag('Ended', 'grey'));
    summaryList(document.getElementById('details'), [
      ['Against', o.person.name], ['Court', o.court], ['Applicant', applicantName(o.applicant)],
      ['Made', longDate(o.made_on)], ['Ends', ends],
    ]);
    for (const p of o.prohibitions) document.getElementById('prohibitions').append(Object.assign(document.createElement('li'), { textContent: p }));
    const list = document.getElementById('breaches');
    for (const b of o.breaches) {
      list.append(Object.assign(document.createElement('li'), {
        className: 'waymark-note',
        textContent: `${longDate(b.occurred_on)}${b.crime_reference ? ` (crime reference ${b.crime_reference})` : ''}: ${b.summary} Recorded by ${b.recorded_by.name}.`,
      }));
    }
    if (!o.breaches.length) list.append(Object.assign(document.createElement('li'), { textContent: 'None recorded' }));
    const form = document.getElementById('breach-form');
    if (me.may.includes('suspect:write')) {
      addFields(form, fields);
      form.hidden = false;
    }
    onSubmit(form, fields, async (v) => {
      const errors = [];
      if (!v.occurred_on || v.occurred_on === 'invalid') errors.push({ field: 'occurred_on', message: 'Enter the real date of the breach' });
      if (!v.summary) errors.push({ field: 'summary', message: 'Say what happened' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      const body = { occurred_on: v.occurred_on, summary: v.summary };
      if (v.crime_reference) body.crime_reference = v.crime_reference;
      const done = await api('POST', `${path}/breaches`, body);
      if (done.status === 201) window.location.reload();
      else showErrors(apiErrors(done, fields, 'The breach could not be recorded just now. Try again.'));
    });
    document.getElementById('order-body').hidden = false;
  }
}
