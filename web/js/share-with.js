// Sharing a potential victim's information with a partner organisation, one
// question at a time: the lawful basis, beside their consent as it stands
// (consent offered only when it covers some purpose, child safeguarding only
// for a child, any other basis with its reason); the partner and the
// purpose (on consent, only a purpose consented to); the sections and until
// when; exactly what the partner will see; Check your answers; then back to
// the case with a banner.
import { api, showErrors } from '/js/api.js';
import { partAddress } from '/js/case-part.js';
import { addFields, checkAnswers, questionSteps, readField } from '/js/form.js';
import {
  basisHints, basisNames, consentRows, consentedPurposes, expiryHint, expiryProblem, fullName, listWords, loadViewWords,
  neverShared, options, purposeHints, purposeNames, reasonQuestions, renderView, sectionHints, sectionNames,
} from '/js/sharing.js';
import { finish, longDate, signedInPage, summaryList } from '/js/shell.js';

const me = await signedInPage();
const { caseId, linkId, back } = partAddress();
const casePath = `/api/v1/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(linkId)}`;

const show = questionSteps(['basis-form', 'purpose-form', 'sections-form', 'preview-form'], () => {
  const answers = document.getElementById('check-answers');
  if (answers) answers.hidden = true;
  document.getElementById('steps').hidden = false;
});

const lowerFirst = (t) => t.charAt(0).toLowerCase() + t.slice(1);
const reasonField = (basis) => ({
  id: `reason-${basis}`, label: reasonQuestions[basis], kind: 'textarea',
  hint: 'Kept with the share and in the audit log. The partner does not see it.',
});
const sectionsField = {
  id: 'sections', label: 'What will you share?', kind: 'checkboxes', hint: 'Select only what the partner needs.',
  options: options(sectionNames, sectionHints),
};
const expiryField = {
  id: 'expires_on', label: 'Share until', kind: 'date', hint: expiryHint('The partner sees it until the end of this day. '),
};

// Why their consent cannot be the basis, when it cannot.
function noConsent(consent) {
  if (!consent) return 'Their consent is not offered: none is recorded.';
  if (!consent.given) return 'Their consent is not offered: they refused it.';
  return 'Their consent is not offered: it was withdrawn.';
}

// The basis question: consent only when it covers some purpose, child
// safeguarding only for a child, each other basis revealing its reason.
function basisField(consent, child) {
  const covered = consentedPurposes(consent);
  const opts = [];
  if (covered.length) opts.push({ value: 'consent', label: basisNames.consent, hint: `They consent to sharing for ${lowerFirst(listWords(covered, purposeNames))}.` });
  for (const b of [...(child ? ['child_safeguarding'] : []), 'vital_interests', 'legal_duty']) {
    opts.push({ value: b, label: basisNames[b], hint: basisHints[b], reveal: [reasonField(b)] });
  }
  return { id: 'basis', label: 'On what lawful basis are you sharing?', kind: 'radios', hint: covered.length ? '' : noConsent(consent), options: opts };
}

// The purpose question: on consent, only the purposes consented to.
function purposeField(basis, consent) {
  const allowed = basis === 'consent' ? consentedPurposes(consent) : Object.keys(purposeNames);
  return {
    id: 'purpose', label: 'What is it shared for?', kind: 'radios', hint: basis === 'consent' ? 'Only a purpose they consent to.' : '',
    options: allowed.map((value) => ({ value, label: purposeNames[value], hint: purposeHints[value] })),
  };
}

// Puts a field in its place in place of what was there, a medium legend.
function put(where, f) {
  const box = document.getElementById(where);
  box.replaceChildren();
  addFields(box, [f]);
  const legend = box.querySelector('legend');
  if (legend) legend.classList.replace('govuk-fieldset__legend--s', 'govuk-fieldset__legend--m');
}

// Where each answer is asked, for Change links and the API's refusals.
const stepOf = (field) => ({
  basis: 'basis-form', purpose: 'purpose-form', organisation_id: 'purpose-form', sections: 'sections-form', expires_on: 'sections-form',
}[field] || 'basis-form');

if (me) {
  document.getElementById('cancel').href = back;
  const [kase, orgs] = await Promise.all([
    api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`),
    api('GET', '/api/v1/organisations?kind=partner'),
  ]);
  const link = kase.status === 200 ? kase.body.people.find((p) => p.id === linkId && p.role === 'potential_victim') : null;
  const personPath = link ? `/api/v1/people/${encodeURIComponent(link.person.id)}/disclosures` : '';
  const shared = link ? await api('GET', personPath) : null;
  const partners = (orgs.body && orgs.body.items) || [];
  if (!link || shared.status !== 200) {
    document.getElementById('steps').hidden = true;
    showErrors([{ field: null, message: 'There is no such potential victim in a case you can see.' }]);
  } else if (!me.may.includes('share:write')) {
    document.getElementById('steps').hidden = true;
    showErrors([{ field: null, message: 'You cannot share a victim\'s information with partners.' }]);
  } else if (!partners.length) {
    document.getElementById('steps').hidden = true;
    showErrors([{ field: null, message: 'There is no partner organisation to share with yet.' }]);
  } else {
    const name = fullName(link.person);
    const child = link.person.presumed_child;
    const reference = kase.body.reference;
    document.title = `Share with a partner: ${name} – Waymark`;
    document.getElementById('who').textContent = `${name}, ${reference}`;
    let consent = shared.body.consent;
    if (me.may.includes('person:write')) {
      const a = document.getElementById('consent-link');
      a.href = `/consent?person=${encodeURIComponent(link.person.id)}&case=${encodeURIComponent(caseId)}&link=${encodeURIComponent(linkId)}`;
      a.textContent = consent ? 'Record their answer again' : 'Record their consent';
      document.getElementById('consent-change').hidden = false;
    }
    const showConsent = () => {
      summaryList(document.getElementById('consent-current'), consentRows(consent));
      put('basis-fields', basisField(consent, child));
    };
    showConsent();
    const orgField = partners.length > 10
      ? { id: 'organisation_id', label: 'Which partner organisation?', kind: 'select', empty: 'Choose the organisation', options: partners.map((o) => ({ value: o.id, label: o.name })) }
      : { id: 'organisation_id', label: 'Which partner organisation?', kind: 'radios', options: partners.map((o) => ({ value: o.id, label: o.name })) };
    put('organisation-fields', orgField);
    put('sections-fields', sectionsField);
    document.getElementById('never-shared').textContent = neverShared;
    put('expiry-fields', expiryField);
    const words = await loadViewWords();
    const basis = () => readField({ id: 'basis', kind: 'radios' });
    const reason = () => (basis() && basis() !== 'consent' ? readField(reasonField(basis())) : '');
    const orgName = () => (partners.find((o) => o.id === readField(orgField)) || {}).name || '';
    let changing = '';
    document.addEventListener('click', (e) => {
      const a = e.target.closest('#check-answers a[href^="#"]');
      if (a) changing = a.getAttribute('href').slice(1);
    }, true);

    document.getElementById('basis-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const b = basis();
      const errors = [];
      if (!b) errors.push({ field: 'basis', message: 'Select the lawful basis for sharing' });
      else if (b !== 'consent' && !reason()) errors.push({ field: `reason-${b}`, message: 'Say why you may share without their consent' });
      showErrors(errors);
      if (errors.length) return;
      // The purposes offered follow the basis: a choice still offered stays.
      const was = readField({ id: 'purpose', kind: 'radios' });
      put('purpose-fields', purposeField(b, consent));
      const again = document.querySelector(`input[name="purpose"][value="${was}"]`);
      if (again) again.checked = true;
      show('purpose-form', 'organisation_id');
    });

    document.getElementById('purpose-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const errors = [];
      if (!readField(orgField)) errors.push({ field: 'organisation_id', message: 'Select the partner organisation' });
      if (!readField({ id: 'purpose', kind: 'radios' })) errors.push({ field: 'purpose', message: 'Select what it is shared for' });
      showErrors(errors);
      if (errors.length) return;
      show('sections-form', 'sections');
    });

    document.getElementById('sections-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const sections = readField(sectionsField);
      const errors = [];
      if (!sections.length) errors.push({ field: 'sections', message: 'Select what you will share' });
      const late = expiryProblem(readField(expiryField));
      if (late) errors.push({ field: 'expires_on', message: late });
      showErrors(errors);
      if (errors.length) return;
      const res = await api('GET', `${casePath}/shares/preview?sections=${sections.map(encodeURIComponent).join(',')}`);
      if (res.status !== 200) {
        showErrors([{ field: null, message: 'What the partner would see could not be shown just now. Try again.' }]);
        return;
      }
      document.getElementById('preview-intro').textContent = `${orgName()} will see this about ${name} while the share lasts, and nothing else.`;
      renderView(document.getElementById('preview'), res.body.view, words, 2);
      show('preview-form', 'preview-heading');
    });

    document.getElementById('preview-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const b = basis();
      const purpose = readField({ id: 'purpose', kind: 'radios' });
      const sections = readField(sectionsField);
      const until = readField(expiryField);
      const rows = [{ key: 'Lawful basis', value: basisNames[b], field: 'basis' }];
      if (b !== 'consent') rows.push({ key: 'Why', value: reason(), field: `reason-${b}` });
      rows.push(
        { key: 'Partner organisation', value: orgName(), field: 'organisation_id' },
        { key: 'Shared for', value: purposeNames[purpose], field: 'purpose' },
        { key: 'What is shared', value: listWords(sections, sectionNames), field: 'sections' },
        { key: 'Until', value: `The end of ${longDate(until)}`, field: 'expires_on' },
      );
      const sure = await checkAnswers(document.getElementById('steps'), {
        heading: 'Check your answers before you share',
        rows,
        confirm: `Share with ${orgName()}`,
      });
      if (!sure) {
        show(stepOf(changing), changing);
        return;
      }
      const body = { organisation_id: readField(orgField), sections, purpose, basis: b, expires_on: until };
      if (b !== 'consent') body.reason = reason();
      const res = await api('POST', `${casePath}/shares`, body);
      if (res.status === 201) {
        finish(back, `${name}'s information is shared with ${orgName()}`,
          `For ${purposeNames[purpose].toLowerCase()}, until the end of ${longDate(until)}: ${lowerFirst(listWords(sections, sectionNames))}, and nothing else. It is listed on ${name}'s page, where you can stop it at any time.`);
        return;
      }
      const errs = (res.body && res.body.errors) || [];
      if (res.status !== 422 || !errs.length) {
        show('preview-form');
        showErrors([{ field: null, message: res.status === 409 ? 'Only a potential victim\'s information is shared with partners.'
          : res.status === 403 || res.status === 404 ? 'You can no longer share in this case.' : 'It could not be shared just now. Try again.' }]);
        return;
      }
      // The consent may have changed since this page read it: read it again.
      if (errs.some((x) => x.field === 'basis')) {
        const again = await api('GET', personPath);
        if (again.status === 200) consent = again.body.consent;
        showConsent();
      }
      const labels = { basis: 'Lawful basis', reason: 'Why', organisation_id: 'Partner organisation', purpose: 'Shared for', sections: 'What is shared', expires_on: 'Share until' };
      const mapped = errs.map((x) => ({
        field: x.field === 'reason' ? `reason-${b}` : x.field in labels ? x.field : null,
        message: `${labels[x.field] || x.field.replace(/_/g, ' ')}: ${x.message}`,
      }));
      show(stepOf(errs[0].field));
      showErrors(mapped);
    });
    show('basis-form');
  }
}
