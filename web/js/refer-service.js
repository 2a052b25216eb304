// Referring a potential victim to a commissioned service, one question at a
// time: what they need (a kind of service); a service of that kind, those
// that serve their age and speak their language first, each saying so; how
// urgent it is and what they need from it; Check your answers, saying what
// referring shares with the provider; then back to the case with a banner
// saying by when the provider should answer.
import { api, showErrors } from '/js/api.js';
import { partAddress } from '/js/case-part.js';
import { addFields, checkAnswers, questionSteps, readField, warningText } from '/js/form.js';
import { languageName } from '/js/names.js';
import {
  agesWords, capacityWords, el, kindHints, kindNames, responseWords, urgencyHints, urgencyNames,
} from '/js/services.js';
import { consentedPurposes, fullName } from '/js/sharing.js';
import { finish, longTime, signedInPage, tag } from '/js/shell.js';

const me = await signedInPage();
const { caseId, linkId, back } = partAddress();
const casePath = `/api/v1/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(linkId)}`;

const show = questionSteps(['need-form', 'service-form', 'details-form'], () => {
  const answers = document.getElementById('check-answers');
  if (answers) answers.hidden = true;
  document.getElementById('steps').hidden = false;
});

const kindField = {
  id: 'kind', label: 'What do they need?', kind: 'radios',
  options: Object.entries(kindNames).map(([value, label]) => ({ value, label, hint: kindHints[value] })),
};
const urgencyField = {
  id: 'urgency', label: 'How urgent is it?', kind: 'radios',
  options: Object.entries(urgencyNames).map(([value, label]) => ({ value, label, hint: urgencyHints[value] })),
};
const needField = {
  id: 'need', label: 'What do they need from the service?', kind: 'textarea',
  hint: 'The provider reads this. Say what would help them and anything the provider must know to contact them safely; nothing more.',
};

// Puts fields in their place with medium legends, as a page's question.
function put(where, fields) {
  const box = document.getElementById(where);
  box.replaceChildren();
  addFields(box, fields);
  for (const legend of box.querySelectorAll('legend')) legend.classList.replace('govuk-fieldset__legend--s', 'govuk-fieldset__legend--m');
}

// Their age today, from their date of birth or as estimated; null when unknown.
function ageOf(p) {
  if (p.date_of_birth) {
    const [y, m, d] = p.date_of_birth.split('-').map(Number);
    const now = new Date();
    let age = now.getUTCFullYear() - y;
    if (now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d)) age -= 1;
    return age;
  }
  return Number.isInteger(p.estimated_age) ? p.estimated_age : null;
}

// The language to look for: their first other than English, or English.
function languageOf(p) {
  const codes = (p.languages || []).map((t) => t.split('-')[0].toLowerCase());
  return codes.find((c) => c !== 'en') || codes[0] || null;
}

// Beside each service, whether it serves their age and speaks their language.
function fitTags(s, language) {
  const tags = [];
  if (s.serves_age === true) tags.push(tag('Serves their age', 'green'));
  else if (s.serves_age === false) tags.push(tag(`Ages ${agesWords(s.ages).toLowerCase()} only`, 'grey'));
  if (s.speaks_language === true) tags.push(tag(`Speaks ${languageName(language)}`, 'green'));
  else if (s.speaks_language === false) tags.push(tag(`Does not speak ${languageName(language)}`, 'grey'));
  return tags;
}

if (me) {
  document.getElementById('cancel').href = back;
  const kase = await api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`);
  const link = kase.status === 200 ? kase.body.people.find((x) => x.id === linkId && x.role === 'potential_victim') : null;
  const [person, shared] = link ? await Promise.all([
    api('GET', `/api/v1/people/${encodeURIComponent(link.person.id)}`),
    api('GET', `/api/v1/people/${encodeURIComponent(link.person.id)}/disclosures`),
  ]) : [];
  if (!link || person.status !== 200) {
    document.getElementById('steps').hidden = true;
    showErrors([{ field: null, message: 'There is no such potential victim in a case you can see.' }]);
  } else if (!me.may.includes('referral:write')) {
    document.getElementById('steps').hidden = true;
    showErrors([{ field: null, message: 'You cannot refer victims to services.' }]);
  } else {
    const p = person.body;
    const name = fullName(p);
    const child = Boolean(p.presumed_child || link.person.presumed_child);
    const age = ageOf(p);
    const language = languageOf(p);
    document.title = `Refer to a service: ${name} – Waymark`;
    document.getElementById('who').textContent = `${name}, ${kase.body.reference}`;

    // Referring shares who they are and how to contact them: an adult's
    // consent must cover support (a child is referred to safeguard them).
    const consent = shared && shared.status === 200 ? shared.body.consent : null;
    if (!child && !consentedPurposes(consent).includes('support')) {
      const box = document.getElementById('consent-warning');
      box.append(warningText(`${name} has not consented to sharing for support. Referring tells the provider who they are and how to contact them, so record their consent first.`));
      if (me.may.includes('person:write')) {
        const a = el('a', 'govuk-link', {
          id: 'consent',
          href: `/consent?person=${encodeURIComponent(p.id)}&case=${encodeURIComponent(caseId)}&link=${encodeURIComponent(linkId)}`,
          textContent: 'Record their consent',
        });
        box.append(el('p', 'govuk-body'));
        box.lastChild.append(a);
      }
      box.hidden = false;
    }
    put('need-fields', [kindField]);
    put('details-fields', [urgencyField, needField]);

    let services = [];
    const chosen = () => services.find((s) => s.id === readField({ id: 'service_id', kind: 'radios' }));
    let changing = '';
    document.addEventListener('click', (e) => {
      const a = e.target.closest('#check-answers a[href^="#"]');
      if (a) changing = a.getAttribute('href').slice(1);
    }, true);

    document.getElementById('need-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const kind = readField(kindField);
      if (!kind) {
        showErrors([{ field: 'kind', message: 'Select what they need' }]);
        return;
      }
      const q = new URLSearchParams({ kind });
      if (age !== null) q.set('age', String(age));
      if (language) q.set('language', language);
      const res = await api('GET', `/api/v1/services?${q}`);
      if (res.status !== 200) {
        showErrors([{ field: null, message: 'The directory of services could not be read just now. Try again.' }]);
        return;
      }
      showErrors([]);
      const was = readField({ id: 'service_id', kind: 'radios' });
      services = res.body.items.filter((s) => s.active !== false);
      const fit = [age !== null ? 'serve their age' : '', language ? `speak ${languageName(language)}` : ''].filter(Boolean).join(' and ');
      document.getElementById('service-heading').textContent = `Choose a service: ${kindNames[kind].charAt(0).toLowerCase()}${kindNames[kind].slice(1)}`;
      document.getElementById('service-intro').textContent = fit ? `Services that ${fit} come first.` : '';
      const none = document.getElementById('no-services');
      none.hidden = services.length > 0;
      none.textContent = `There is no ${kindNames[kind].toLowerCase()} service in the directory just now. Go back and choose another need, or ask the Commissioner's office.`;
      document.getElementById('service-continue').hidden = !services.length;
      document.getElementById('service-fields').replaceChildren();
      if (services.length) {
        put('service-fields', [{
          id: 'service_id', label: 'Which service?', kind: 'radios',
          options: services.map((s) => ({
            value: s.id, label: s.name,
            hint: `${s.provider_organisation || 'Provider not named'}. ${s.area ? `${s.area}. ` : ''}Answers ${responseWords(s.response_hours).toLowerCase()}. ${capacityWords(s.capacity)}.`,
          })),
        }]);
        services.forEach((s, i) => {
          const hint = document.getElementById(`${i ? `service_id-${i}` : 'service_id'}-item-hint`);
          const tags = fitTags(s, language);
          if (!tags.length) return;
          const line = el('span', 'waymark-fit');
          tags.forEach((t, j) => line.append(j ? ' ' : '', t));
          hint.append(line);
        });
        const again = document.querySelector(`input[name="service_id"][value="${CSS.escape(was)}"]`);
        if (again) again.checked = true;
      }
      show('service-form', services.length ? 'service_id' : 'back');
    });

    document.getElementById('service-form').addEventListener('submit', (e) => {
      e.preventDefault();
      if (!chosen()) {
        showErrors([{ field: 'service_id', message: 'Select the service' }]);
        return;
      }
      showErrors([]);
      show('details-form', 'urgency');
    });

    document.getElementById('details-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const urgency = readField(urgencyField);
      const need = readField(needField);
      const errors = [];
      if (!urgency) errors.push({ field: 'urgency', message: 'Select how urgent it is' });
      if (!need) errors.push({ field: 'need', message: 'Say what they need from the service' });
      else if (need.length > 2000) errors.push({ field: 'need', message: 'What they need must be 2,000 characters or fewer' });
      showErrors(errors);
      if (errors.length) return;
      const s = chosen();
      const provider = s.provider_organisation || 'the provider';
      const sure = await checkAnswers(document.getElementById('steps'), {
        heading: 'Check your answers before you refer them',
        warning: `Referring shares who ${name} is and how to contact them with ${provider}, for support, for 12 months or until the referral ends.`,
        rows: [
          { key: 'Need', value: kindNames[readField(kindField)], field: 'kind' },
          { key: 'Service', value: `${s.name} (${provider})`, field: 'service_id' },
          { key: 'Target time to answer', value: urgency === 'immediate' ? 'Within 1 hour' : responseWords(s.response_hours), field: 'urgency' },
          { key: 'Urgency', value: urgencyNames[urgency], field: 'urgency' },
          { key: 'What they need', value: need, field: 'need' },
        ],
        confirm: `Refer ${name} to ${s.name}`,
      });
      if (!sure) {
        show({ kind: 'need-form', service_id: 'service-form' }[changing] || 'details-form', changing);
        return;
      }
      const res = await api('POST', `${casePath}/service-referrals`, { service_id: s.id, need, urgency });
      if (res.status === 201) {
        finish(back, `${name} referred to ${s.name}`,
          `${provider} should answer by ${longTime(res.body.respond_by)}. Who they are and how to contact them are shared with ${provider} for support. The referral is listed beside their name.`);
        return;
      }
      const errs = (res.status === 422 && res.body && res.body.errors) || [];
      if (!errs.length) {
        show('details-form');
        showErrors([{ field: null, message: res.status === 409 ? 'Only a potential victim is referred to a service.'
          : res.status === 403 || res.status === 404 ? 'You can no longer refer in this case.' : 'The referral could not be made just now. Try again.' }]);
        return;
      }
      const labels = { service_id: 'The service', need: 'What they need', urgency: 'Urgency' };
      const step = { service_id: 'service-form', consent: 'need-form' }[errs[0].field] || 'details-form';
      show(step);
      showErrors(errs.map((x) => {
        if (x.field === 'consent') return { field: document.getElementById('consent') ? 'consent' : null, message: x.message.charAt(0).toUpperCase() + x.message.slice(1) };
        return { field: x.field in labels ? x.field : null, message: `${labels[x.field] || x.field.replace(/_/g, ' ')}: ${x.message}` };
      }));
    });
    show('need-form');
  }
}
