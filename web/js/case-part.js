// The case, or a person's part in it, that a form page records something
// against: read as the signed-in user may see it, or refused in the error
// summary when there is none.
import { api, showErrors } from '/js/api.js';

// Where a page about a person's part in a case was sent (?case=ID&link=ID),
// and the case page to go back to.
export function partAddress() {
  const params = new URLSearchParams(window.location.search);
  const caseId = params.get('case') || '';
  return { caseId, linkId: params.get('link') || '', back: `/case?id=${encodeURIComponent(caseId)}` };
}

// The case, or null once the error summary says there is none to see.
export async function caseOrRefuse(caseId) {
  const kase = await api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`);
  if (kase.status === 200) return kase.body;
  showErrors([{ field: null, message: 'There is no such case, or it is not one you can see.' }]);
  return null;
}

// The part (link) in the case of a person in the role, its person and the
// case named in the page's caption; or null once the error summary says
// there is no such noun (the role in words) to see. Either way the page's
// Cancel link leads back to the case.
export async function partOrRefuse(caseId, linkId, role, noun) {
  document.getElementById('cancel').href = `/case?id=${encodeURIComponent(caseId)}`;
  const kase = await api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`);
  const link = kase.status === 200 ? kase.body.people.find((p) => p.id === linkId && p.role === role) : null;
  if (!link) {
    showErrors([{ field: null, message: `There is no such ${noun} in a case you can see.` }]);
    return null;
  }
  document.getElementById('who').textContent = `${link.person.given_names} ${link.person.family_name}, ${kase.body.reference}`.trim();
  return link;
}
