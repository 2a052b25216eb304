// Makes a potential victim's safeguarding plan: a review date and the other
// agencies involved, Check your answers, then the plan's own page, where
// the risks and actions are added.
import { api, showErrors } from '/js/api.js';
import { partAddress, partOrRefuse } from '/js/case-part.js';
import { addFields, answerRows, apiErrors, backToForm, checkAnswers, onSubmit } from '/js/form.js';
import { agencyList, planErrors, planFields, planHref } from '/js/plans.js';
import { finish, signedInPage } from '/js/shell.js';
import { personName } from '/js/subject.js';

const me = await signedInPage();
const { caseId, linkId } = partAddress();

if (me) {
  const part = await partOrRefuse(caseId, linkId, 'potential_victim', 'potential victim');
  const form = document.getElementById('plan-form');
  if (part && !me.may.includes('plan:write')) {
    showErrors([{ field: null, message: 'You cannot make safeguarding plans.' }]);
  } else if (part && part.safeguarding_plan_id) {
    // One plan for each victim's part in a case: lead to the one there is.
    const p = Object.assign(document.createElement('p'), { className: 'govuk-body', textContent: `${personName(part.person)} has a safeguarding plan already. ` });
    p.append(Object.assign(document.createElement('a'), { className: 'govuk-link', href: planHref(part.safeguarding_plan_id), textContent: 'View their plan' }));
    form.after(p);
  } else if (part) {
    const name = personName(part.person);
    document.title = `Make a safeguarding plan for ${name} – Waymark`;
    document.getElementById('plan-intro').hidden = false;
    document.getElementById('child-note').hidden = !part.person.presumed_child;
    addFields(form, planFields);
    form.hidden = false;
    onSubmit(form, planFields, async (v) => {
      const errors = planErrors(v);
      showErrors(errors);
      if (errors.length) return;
      const intro = document.getElementById('plan-intro');
      intro.hidden = true;
      const sure = await checkAnswers(form, {
        heading: `Check your answers before you make the plan for ${name}`,
        rows: answerRows(planFields).map((r) => ({ ...r, key: r.key.replace(' (optional)', ''),
          value: r.field === 'agencies' ? agencyList(v.agencies).join(', ') : r.value })),
        confirm: 'Make the plan',
      });
      if (!sure) {
        intro.hidden = false;
        return;
      }
      const body = { agencies: agencyList(v.agencies) };
      if (v.review_on) body.review_on = v.review_on;
      const res = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(linkId)}/safeguarding-plan`, body);
      if (res.status === 201) {
        finish(planHref(res.body.id), `Safeguarding plan made for ${name}`,
          part.person.presumed_child ? 'Add the risks and actions next, and record when the local authority is told.' : 'Add the risks and actions next.');
        return;
      }
      backToForm(form);
      intro.hidden = false;
      showErrors(res.status === 409
        ? [{ field: null, message: `${name} has a safeguarding plan already: it is on the case page.` }]
        : apiErrors(res, planFields, 'The plan could not be made just now. Try again.'));
    });
  }
}
