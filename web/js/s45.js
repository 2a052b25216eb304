// The s45 assessment: the offence, the age at the offence (from the date of
// birth when recorded), then the adult or the child tests; the outcome is
// worked out by the API from the answers.
import { api, showErrors } from '/js/api.js';
import { partAddress } from '/js/case-part.js';
import { addFields, answerRows, apiErrors, backToForm, checkAnswers, readField } from '/js/form.js';
import { finish, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const { caseId, linkId, back } = partAddress();

function ageOn(dob, on) {
  const [y, m, d] = dob.split('-').map(Number);
  const [oy, om, od] = on.split('-').map(Number);
  return oy - y - (om < m || (om === m && od < d) ? 1 : 0);
}

if (me) {
  document.getElementById('cancel').href = back;
  const [kase, sched] = await Promise.all([api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`), api('GET', '/api/v1/s45/schedule4')]);
  const link = kase.status === 200 ? kase.body.people.find((p) => p.id === linkId && p.role === 'suspect') : null;
  const person = link ? await api('GET', `/api/v1/people/${encodeURIComponent(link.person.id)}`, undefined, { 'X-Purpose': 's45 assessment' }) : null;
  if (!person || person.status !== 200 || sched.status !== 200) {
    showErrors([{ field: null, message: 'There is no such suspect in a case you can see.' }]);
  } else {
    const p = person.body;
    document.getElementById('who').textContent = `${p.given_names} ${p.family_name}, ${kase.body.reference}`.trim();
    const offence = [
      { id: 'offence', label: 'Offence under consideration' },
      { id: 'offence_date', label: 'Date of the offence', kind: 'date', hint: 'For example, 1 9 2026.' },
      { id: 'schedule4_code', label: 'Is it an offence listed in Schedule 4?', kind: 'select', options: sched.body.items.map((o) => ({ value: o.code, label: o.label })), hint: 'Schedule 4 offences are excluded from the defence. Leave as "Not known" if it is not listed.' },
    ];
    if (!p.date_of_birth) offence.push({ id: 'age_at_offence', label: 'Age at the time of the offence', width: 3, hint: 'No date of birth is recorded.' });
    const adult = [
      { id: 'compelled', label: 'Were they compelled to do it, the compulsion attributable to slavery or exploitation?', kind: 'yesno' },
      { id: 'no_realistic_alternative', label: 'Would a reasonable person in the same situation, with the same relevant characteristics, have had no realistic alternative?', kind: 'yesno' },
    ];
    const child = [
      { id: 'direct_consequence', label: 'Was the act a direct consequence of their being a victim of slavery or exploitation?', kind: 'yesno' },
      { id: 'reasonable_person', label: 'Would a reasonable person in the same situation, with the same relevant characteristics, have done it?', kind: 'yesno' },
    ];
    const reasons = [{ id: 'reasons', label: 'Reasons', kind: 'textarea', hint: 'What the assessment rests on: accounts, indicators, the NRM decision.' }];
    addFields(document.getElementById('offence-fields'), offence);
    addFields(document.getElementById('adult-fields'), adult);
    addFields(document.getElementById('child-fields'), child);
    addFields(document.getElementById('reason-fields'), reasons);
    // The tests follow the age at the offence; a disputed age is a child's.
    const isChild = () => {
      if (p.age_disputed) return true;
      const on = readField(offence[1]);
      const age = p.date_of_birth ? (on && on !== 'invalid' ? ageOn(p.date_of_birth, on) : null) : Number(readField(offence[3]) || NaN);
      return age !== null && !Number.isNaN(age) ? age < 18 : p.presumed_child;
    };
    const showTests = () => {
      const c = isChild();
      document.getElementById('child-fields').hidden = !c;
      document.getElementById('adult-fields').hidden = c;
    };
    document.getElementById('s45-form').addEventListener('input', showTests);
    showTests();
    const form = document.getElementById('s45-form');
    form.hidden = false;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = { offence: readField(offence[0]), offence_date: readField(offence[1]), reasons: readField(reasons[0]) };
      const errors = [];
      if (!body.offence) errors.push({ field: 'offence', message: 'Enter the offence' });
      if (!body.offence_date || body.offence_date === 'invalid') errors.push({ field: 'offence_date', message: 'Enter the real date of the offence' });
      if (readField(offence[2])) body.schedule4_code = readField(offence[2]);
      if (!p.date_of_birth) {
        const age = readField(offence[3]);
        if (!/^[0-9]{1,3}$/.test(age)) errors.push({ field: 'age_at_offence', message: 'Enter the age at the offence as a number' });
        else body.age_at_offence = Number(age);
      }
      for (const f of isChild() ? child : adult) {
        const v = readField(f);
        if (v === null && !body.schedule4_code) errors.push({ field: f.id, message: 'Answer this question' });
        else if (v !== null) body[f.id] = v;
      }
      if (!body.reasons) errors.push({ field: 'reasons', message: 'Give the reasons for the assessment' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      showErrors([]);
      const name = `${p.given_names} ${p.family_name}`.trim();
      const sure = await checkAnswers(form, {
        heading: 'Check your answers before you record the assessment',
        rows: [{ key: 'Suspect', value: name, field: 'offence' }, ...answerRows([...offence, ...(isChild() ? child : adult), ...reasons])],
        confirm: 'Confirm and record the assessment',
      });
      if (!sure) return;
      const res = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(linkId)}/s45-assessments`, body);
      if (res.status === 201) {
        finish(back, `s45 assessment recorded for ${name}`, res.body.outcome === 'defence_may_apply'
          ? 'The defence may apply: a supervisor approves the assessment before any charging decision.'
          : 'A supervisor approves the assessment before any charging decision.');
        return;
      }
      backToForm(form);
      showErrors(apiErrors(res, [...offence, ...adult, ...child, ...reasons], 'The assessment could not be recorded just now. Try again.'));
    });
  }
}
