// A potential victim's referral to a support service: which service, when,
// and the provider (a partner organisation using Waymark, or named).
import { api, showErrors } from '/js/api.js';
import { partAddress } from '/js/case-part.js';
import { addFields, apiErrors, onSubmit } from '/js/form.js';
import { finish, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const { caseId, linkId, back } = partAddress();

if (me) {
  document.getElementById('cancel').href = back;
  const [kase, vocab, orgs] = await Promise.all([
    api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`),
    api('GET', '/api/v1/vocabularies'),
    api('GET', '/api/v1/organisations?kind=partner'),
  ]);
  const link = kase.status === 200 ? kase.body.people.find((p) => p.id === linkId && p.role === 'potential_victim') : null;
  if (!link || vocab.status !== 200) {
    showErrors([{ field: null, message: 'There is no such potential victim in a case you can see.' }]);
  } else {
    const fields = [
      { id: 'service', label: 'Service', kind: 'radios', options: vocab.body.support_services.map((e) => ({ value: e.code, label: e.label })) },
      { id: 'referred_on', label: 'Date of the referral', kind: 'date', hint: 'For example, 27 11 2026.' },
      { id: 'organisation_id', label: 'Provider using Waymark (if any)', kind: 'select', options: [{ value: '', label: 'None of these' }, ...((orgs.body && orgs.body.items) || []).map((o) => ({ value: o.id, label: o.name }))] },
      { id: 'provider', label: 'Or the provider\'s name', hint: 'For example, the local authority or the charity.' },
      { id: 'note', label: 'Note (optional)', kind: 'textarea' },
    ];
    document.getElementById('who').textContent = `${link.person.given_names} ${link.person.family_name}, ${kase.body.reference}`.trim();
    const form = document.getElementById('support-form');
    addFields(form, fields);
    form.hidden = false;
    onSubmit(form, fields, async (v) => {
      const errors = [];
      if (!v.service) errors.push({ field: 'service', message: 'Select the service' });
      if (!v.referred_on || v.referred_on === 'invalid') errors.push({ field: 'referred_on', message: 'Enter the real date of the referral' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      const body = { service: v.service, referred_on: v.referred_on };
      for (const k of ['organisation_id', 'provider', 'note']) if (v[k]) body[k] = v[k];
      const res = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(linkId)}/support-referrals`, body);
      if (res.status === 201) finish(back, 'Support referral recorded', 'It shows beside their name on the case.');
      else showErrors(apiErrors(res, fields, 'The referral could not be recorded just now. Try again.'));
    });
  }
}
