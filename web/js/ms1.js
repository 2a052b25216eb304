// The MS1 notification of a Duty to Notify, to print: it names the adult
// only when they agreed to be identified. The page says which case it is
// about by reference and title (on screen only), never by their name.
import { api, showProblem } from '/js/api.js';
import { longDate, signedInPage, summaryList, typeNames } from '/js/shell.js';
import { countryNames, genderName, languageName } from '/js/names.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';

if (me) {
  const res = await api('GET', `/api/v1/duty-to-notify/${encodeURIComponent(id)}`, undefined, { 'X-Purpose': 'Preparing the MS1 notification' });
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    const n = res.body.notification;
    const kase = res.body.case;
    document.getElementById('reference').textContent = `${kase.reference}: ${kase.title}`;
    document.getElementById('back').href = `/case?id=${encodeURIComponent(res.body.case_id)}`;
    document.getElementById('print').addEventListener('click', () => window.print());
    document.getElementById('identity-note').textContent = n.identifying
      ? 'They agreed to be identified to the Home Office, so their name is included.'
      : 'They did not agree to be identified: nothing here names them.';
    summaryList(document.getElementById('ms1'), [
      ['Notifying force', n.force],
      ['Police case reference', n.case_reference],
      ['Date submitted', longDate(n.submitted_on)],
      ...(n.identifying ? [['Given names', n.given_names], ['Family name', n.family_name], ['Date of birth', longDate(n.date_of_birth)]] : []),
      ['Gender', genderName(n.gender)],
      ['Nationality', countryNames(n.nationalities)],
      ['Interpreter needed', n.interpreter_needed ? `Yes${n.interpreter_language ? ` (${languageName(n.interpreter_language)})` : ''}` : 'No'],
      ['Types of exploitation', (n.exploitation_types || []).map((t) => typeNames[t] || t).join(', ')],
    ]);
    document.getElementById('ms1-body').hidden = false;
  }
}
