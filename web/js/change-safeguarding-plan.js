// Changes a safeguarding plan's review date and the other agencies
// involved, at the version read: when someone else saved the plan first,
// the form shows their change beside this one (form.js versionedForm).
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, versionedForm } from '/js/form.js';
import { agencyList, planErrors, planFields, planHref, planSubject } from '/js/plans.js';
import { finish, longDate, signedInPage } from '/js/shell.js';
import { showCase } from '/js/subject.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';
const back = planHref(id);

const [review, agencies] = planFields;
const fields = [
  { ...review, get: (p) => p.review_on || '', describe: (p) => (p.review_on ? longDate(p.review_on) : 'none'),
    check: (v, all) => planErrors(all)[0] || (!v && fields[0].had ? { field: 'review_on', message: 'Enter the review date' } : null) },
  { ...agencies, label: 'Other agencies involved', get: (p) => p.agencies.join('\n'), put: (v) => ({ agencies: agencyList(v) }),
    describe: (p) => p.agencies.join(', ') || 'none' },
];

if (me) {
  document.getElementById('cancel').href = back;
  const res = await api('GET', `/api/v1/safeguarding-plans/${encodeURIComponent(id)}`);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else if (!res.body.case || !me.may.includes('plan:write')) {
    showErrors([{ field: null, message: 'Only the force that keeps the plan changes its review date and agencies.' }]);
  } else {
    const who = await planSubject(res.body);
    document.getElementById('who').textContent = who.name;
    showCase(document.getElementById('about-case'), who.kase, true);
    // A review date, once set, is moved, never taken away.
    fields[0].had = Boolean(res.body.review_on);
    if (fields[0].had) fields[0].hint = 'When the plan is next to be reviewed, for example 1 3 2027.';
    const form = document.getElementById('plan-form');
    addFields(form, fields);
    versionedForm({
      form,
      path: `/api/v1/safeguarding-plans/${encodeURIComponent(id)}`,
      fields,
      record: res.body,
      noun: 'plan',
      done: () => finish(back, 'Safeguarding plan changed'),
    });
    const at = window.location.hash.slice(1);
    if (at && document.getElementById(at)) document.getElementById(at).focus();
  }
}
