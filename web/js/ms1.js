// The MS1 notification of a Duty to Notify, to print: it names the adult
// only when they agreed to be identified.
import { api, showProblem } from '/js/api.js';
import { signedInPage, summaryList, typeNames } from '/js/shell.js';
import { countryNames } from '/js/names.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';

if (me) {
  const res = await api('GET', `/api/v1/duty-to-notify/${encodeURIComponent(id)}`, undefined, { 'X-Purpose': 'Preparing the MS1 notification' });
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    const n = res.body.notification;
    document.getElementById('back').href = `/case?id=${encodeURIComponent(res.body.case_id)}`;
    document.getElementById('print').addEventListener('click', () => window.print());
    document.getElementById('identity-note').textContent = n.identifying
      ? 'They agreed to be identified to the Home Office, so their name is included.'
      : 'They did not agree to be identified: nothing here names them.';
    summaryList(document.getElementById('ms1'), [
      ['Notifying force', n.force],
      ['Date submitted', n.submitted_on],
      ...(n.identifying ? [['Given names', n.given_names], ['Family name', n.family_name], ['Date of birth', n.date_of_birth]] : []),
      ['Gender', n.gender],
      ['Nationality', countryNames(n.nationalities)],
      ['Types of exploitation', (n.exploitation_types || []).map((t) => typeNames[t] || t).join(', ')],
    ]);
    document.getElementById('ms1-body').hidden = false;
  }
}
