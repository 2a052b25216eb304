// Every candidate to lead a case (up to 50), best placed first, with the
// reasons; the case page's panel shows the first five.
import { api, showErrors } from '/js/api.js';
import { candidatesTable, needsText } from '/js/candidates.js';
import { longDate, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const caseId = new URLSearchParams(window.location.search).get('case') || '';
const back = `/case?id=${encodeURIComponent(caseId)}`;

if (me) {
  document.getElementById('back').href = back;
  const [kase, res] = await Promise.all([
    api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`),
    api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/allocation-candidates?limit=50`),
  ]);
  if (kase.status !== 200 || res.status !== 200) {
    showErrors([{ field: null, message: res.status === 403 ? 'Only a supervisor allocates cases.' : 'There is no such case, or it is not one you can see.' }]);
  } else {
    document.getElementById('who').textContent = `${kase.body.reference}: ${kase.body.title}`;
    document.getElementById('current').textContent = kase.body.lead
      ? `Led now by ${kase.body.lead.user.name}, allocated ${longDate(kase.body.lead.allocated_at)}.`
      : 'No one leads this case yet.';
    document.getElementById('needs').textContent = needsText(res.body.needs);
    document.getElementById('candidates').append(candidatesTable(caseId, res.body.items, 'Candidates, best placed first', () => window.location.assign(back)));
    document.getElementById('allocate-body').hidden = false;
  }
}
