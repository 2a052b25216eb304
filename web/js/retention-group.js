// Changes the retention group of a case (?case=) or of one person's record
// in it (&person=), with the reason, through Check your answers; a victim's
// or witness's record otherwise follows the case's group.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, answerRows, apiErrors, backToForm, checkAnswers, onSubmit } from '/js/form.js';
import { groupName, personName } from '/js/records.js';
import { finish, longDate, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const params = new URLSearchParams(window.location.search);
const caseId = params.get('case') || '';
const personId = params.get('person') || '';
const back = `/retention?case=${encodeURIComponent(caseId)}`;

if (me) {
  document.getElementById('cancel').href = back;
  const [res, rules] = await Promise.all([
    api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/retention`),
    api('GET', '/api/v1/retention/rules'),
  ]);
  const r = res.status === 200 ? res.body : null;
  const person = r && personId ? (r.people || []).find((p) => p.person_id === personId) : null;
  if (!r || rules.status !== 200 || (personId && !person)) {
    await showProblem(res.status === 200 ? 404 : res.status);
  } else {
    const now = person || r;
    const whose = person ? `${personName(person)}'s record` : r.reference;
    document.getElementById('who').textContent = person ? `${personName(person)}, ${r.reference}` : r.reference;
    document.getElementById('group-heading').textContent = person ? `Change the retention group of ${personName(person)}'s record` : 'Change the case\'s retention group';
    document.getElementById('group-intro').textContent = `${whose} is in ${groupName(now.group, now.group_name)}${person && person.follows_case ? ', following the case' : ''}. The group sets how often it is reviewed.`;
    const years = (n) => `${n} year${n === 1 ? '' : 's'}`;
    const fields = [
      { id: 'group', label: 'Retention group', kind: 'radios', options: rules.body.rules.map((g) => ({ value: g.group, label: groupName(g.group, g.name), hint: `${g.applies_to}. Reviewed every ${years(g.review_years)}.` })) },
      { id: 'reason', label: 'Why this group?', kind: 'textarea', hint: person ? 'Why their record does not follow the case, or why it changes.' : 'For example, the offences now charged.' },
    ];
    const form = document.getElementById('group-form');
    addFields(form, fields);
    form.querySelector(`input[name="group"][value="${now.group}"]`)?.setAttribute('checked', '');
    form.hidden = false;
    onSubmit(form, fields, async (v) => {
      const errors = [];
      if (!v.group) errors.push({ field: 'group', message: 'Select the retention group' });
      if (!v.reason.trim()) errors.push({ field: 'reason', message: 'Enter why this group applies' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      showErrors([]);
      const sure = await checkAnswers(form, {
        heading: 'Check your answers before you change the group',
        rows: [{ key: person ? 'Record' : 'Case', value: whose, field: 'group' }, ...answerRows(fields)],
        confirm: 'Change the group',
      });
      if (!sure) return;
      const path = person
        ? `/api/v1/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(personId)}/retention`
        : `/api/v1/cases/${encodeURIComponent(caseId)}/retention`;
      const put = await api('PUT', path, { group: v.group, reason: v.reason.trim() }, { 'If-Match': `"${now.version}"` });
      if (put.status === 200) {
        const next = put.body && put.body.next_review_on;
        finish(back, 'Retention group changed', `${whose} is now in ${groupName(v.group, (rules.body.rules.find((g) => g.group === v.group) || {}).name)}${next ? `; its next review is due by ${longDate(next)}` : ''}.`);
        return;
      }
      backToForm(form);
      if (put.status === 412) showErrors([{ field: null, message: 'Someone else changed the group while you were changing it. Go back to the case and look again.' }]);
      else showErrors(apiErrors(put, fields, 'The group could not be changed just now. Try again.'));
    });
  }
}
