// One service of the directory. For the Commissioner's office and
// administrators: added with Check your answers; changed with the version
// read (someone else's change meanwhile shown beside theirs); stopped, or
// offered again. For officers: what it is, whom it serves and how fast it
// answers.
import { api, showErrors, showProblem } from '/js/api.js';
import {
  addFields, answerRows, apiErrors, backToForm, checkAnswers, readField, versionedForm,
} from '/js/form.js';
import { languageName } from '/js/names.js';
import {
  agesWords, capacityWords, kindHints, kindNames, languagesWords, responseWords,
} from '/js/services.js';
import { finish, signedInPage, summaryList, tag } from '/js/shell.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id');
const path = id ? `/api/v1/services/${encodeURIComponent(id)}` : '/api/v1/services';
const whole = (v) => (/^[0-9]+$/.test(v) ? Number(v) : NaN);

function fieldsFor(partners) {
  return [
    { id: 'name', label: 'Name of the service', get: (s) => s.name },
    { id: 'provider_organisation_id', label: 'Who provides it?', kind: 'select', empty: 'Choose the organisation',
      hint: 'A partner organisation using Waymark: its staff answer the referrals.',
      options: partners.map((o) => ({ value: o.id, label: o.name })), get: (s) => s.provider_organisation_id },
    { id: 'kind', label: 'What kind of service is it?', kind: 'radios',
      options: Object.entries(kindNames).map(([value, label]) => ({ value, label, hint: kindHints[value] })), get: (s) => s.kind },
    { id: 'ages_min', label: 'Youngest age it serves', width: 3, hint: 'From 0 to 120.', get: (s) => String(s.ages.min),
      put: (v, all) => ({ ages: { min: whole(v), max: whole(all.ages_max) } }) },
    { id: 'ages_max', label: 'Oldest age it serves', width: 3, hint: 'Up to 120.', get: (s) => String(s.ages.max),
      put: (v, all) => ({ ages: { min: whole(all.ages_min), max: whole(v) } }) },
    { id: 'languages', label: 'Languages it works in', kind: 'names', of: 'language', noun: 'language',
      hint: 'Start typing, like Albanian, then add each one. Leave empty for English only.',
      get: (s) => (s.languages || []).map(languageName) },
    { id: 'area', label: 'Area it covers', hint: 'For example, Swindon and Wiltshire.', get: (s) => s.area || '' },
    { id: 'capacity', label: 'Places at a time (optional)', width: 4, hint: 'How many people it can support at once. Leave empty when it is not limited.',
      get: (s) => (s.capacity === null || s.capacity === undefined ? '' : String(s.capacity)), put: (v) => ({ capacity: v === '' ? null : whole(v) }) },
    { id: 'response_hours', label: 'Target time to answer a referral, in hours', width: 4,
      hint: 'From 1 to 720 (30 days). An immediate referral is always asked for within 1 hour.',
      get: (s) => String(s.response_hours), put: (v) => ({ response_hours: whole(v) }) },
  ];
}

// What is wrong with the answers, before the API is asked.
function check(v) {
  const errors = [];
  if (!v.name) errors.push({ field: 'name', message: 'Enter the name of the service' });
  if (!v.provider_organisation_id) errors.push({ field: 'provider_organisation_id', message: 'Select who provides it' });
  if (!v.kind) errors.push({ field: 'kind', message: 'Select what kind of service it is' });
  const min = whole(v.ages_min);
  const max = whole(v.ages_max);
  if (!(min >= 0 && min <= 120)) errors.push({ field: 'ages_min', message: 'Enter the youngest age it serves, a whole number from 0 to 120' });
  if (!(max >= 0 && max <= 120)) errors.push({ field: 'ages_max', message: 'Enter the oldest age it serves, a whole number up to 120' });
  else if (min >= 0 && max < min) errors.push({ field: 'ages_max', message: 'The oldest age must be the youngest age or more' });
  if (v.capacity !== '' && !(whole(v.capacity) >= 0)) errors.push({ field: 'capacity', message: 'Enter the places as a whole number, or leave it empty' });
  const hours = whole(v.response_hours);
  if (!(hours >= 1 && hours <= 720)) errors.push({ field: 'response_hours', message: 'Enter the target time in hours, a whole number from 1 to 720' });
  return errors;
}

function show(s) {
  const status = s.active ? tag('Offered now', 'green') : tag('No longer offered', 'grey');
  summaryList(document.getElementById('details'), [
    ['Status', status],
    ['Kind', kindNames[s.kind] || s.kind],
    ['Provider', s.provider_organisation],
    ['Ages', agesWords(s.ages)],
    ['Languages', languagesWords(s.languages)],
    ['Area', s.area],
    ['Target time to answer', responseWords(s.response_hours)],
    ['Places', capacityWords(s.capacity)],
  ]);
  document.getElementById('view').hidden = false;
}

if (me) {
  const keeps = me.may.includes('service:write');
  const [res, orgs] = await Promise.all([
    id ? api('GET', path) : Promise.resolve({ status: 200, body: null }),
    keeps ? api('GET', '/api/v1/organisations?kind=partner') : Promise.resolve({ body: { items: [] } }),
  ]);
  const form = document.getElementById('service-form');
  if (res.status !== 200) {
    await showProblem(res.status);
  } else if (!id && !keeps) {
    await showProblem(403);
  } else {
    const s = res.body;
    const partners = (orgs.body && orgs.body.items) || [];
    // The provider it names stays a choice even when not listed to this user.
    if (s && s.provider_organisation_id && !partners.some((o) => o.id === s.provider_organisation_id)) {
      partners.unshift({ id: s.provider_organisation_id, name: s.provider_organisation || 'The provider named now' });
    }
    const fields = fieldsFor(partners);
    if (!partners.length) fields[1].hint = 'There is no partner organisation to choose yet: an administrator adds the provider first.';
    if (s) {
      document.getElementById('heading').textContent = s.name;
      document.title = `${s.name} – Waymark`;
    }
    if (s && !keeps) {
      show(s);
    } else {
      addFields(document.getElementById('service-fields'), fields);
      const toBody = (v) => {
        const body = { name: v.name, provider_organisation_id: v.provider_organisation_id, kind: v.kind, ages: { min: whole(v.ages_min), max: whole(v.ages_max) },
          languages: v.languages, response_hours: whole(v.response_hours), capacity: v.capacity === '' ? null : whole(v.capacity) };
        if (v.area) body.area = v.area;
        return body;
      };
      if (s) {
        // A change: the fields as saved, sent with the version read.
        document.getElementById('save').textContent = 'Save the changes';
        for (const f of fields) f.check = (value, all) => check(all).find((x) => x.field === f.id) || null;
        versionedForm({
          form, path, fields, record: s, noun: 'service',
          done: () => finish('/services', `${s.name} saved`, 'Referrals made from now on use what it says now.'),
        });
        const offer = document.getElementById('offer');
        document.getElementById('offer-heading').textContent = s.active ? 'Stop offering this service' : 'Offer this service again';
        document.getElementById('offer-text').textContent = s.active
          ? 'Officers can no longer refer to it. It stays in the directory, and referrals already made carry on.'
          : 'Officers can refer to it again.';
        const button = document.getElementById('offer-button');
        button.textContent = s.active ? 'Stop offering it' : 'Offer it again';
        if (!s.active) button.classList.remove('govuk-button--warning');
        button.addEventListener('click', async () => {
          const done = await api('PATCH', path, { active: !s.active }, { 'If-Match': `"${s.version}"` });
          if (done.status === 200) {
            finish('/services', s.active ? `${s.name} is no longer offered` : `${s.name} is offered again`,
              s.active ? 'Officers can no longer refer to it; referrals already made carry on.' : 'Officers can refer victims to it again.');
            return;
          }
          showErrors([{ field: null, message: done.status === 412 ? 'Someone else changed this service meanwhile. Reload the page to see it, then try again.' : 'It could not be changed just now. Try again.' }]);
        });
        offer.hidden = false;
      } else {
        form.hidden = false;
        form.addEventListener('submit', async (e) => {
          e.preventDefault();
          const v = Object.fromEntries(fields.map((f) => [f.id, readField(f)]));
          const errors = check(v);
          showErrors(errors);
          if (errors.length) return;
          const rows = answerRows(fields).filter((r) => r.field !== 'ages_max');
          const ages = rows.find((r) => r.field === 'ages_min');
          Object.assign(ages, { key: 'Ages', value: agesWords({ min: whole(v.ages_min), max: whole(v.ages_max) }) });
          const keys = { name: 'Name', provider_organisation_id: 'Provider', kind: 'Kind', languages: 'Languages', area: 'Area', capacity: 'Places at a time', response_hours: 'Target time to answer' };
          for (const r of rows) {
            if (keys[r.field]) r.key = keys[r.field];
            if (r.field === 'languages' && !r.value) r.value = 'English only';
            if (r.field === 'capacity') r.value = capacityWords(v.capacity === '' ? null : whole(v.capacity));
            if (r.field === 'response_hours') r.value = responseWords(whole(v.response_hours));
          }
          const sure = await checkAnswers(form, { heading: 'Check the service before you add it', rows, confirm: 'Add the service' });
          if (!sure) return;
          const made = await api('POST', path, toBody(v));
          if (made.status === 201) {
            finish('/services', `${v.name} added to the directory`, 'Officers can now refer victims to it.');
            return;
          }
          backToForm(form);
          showErrors(made.status === 403 ? [{ field: null, message: 'You cannot add services to the directory.' }]
            : apiErrors(made, fields, 'The service could not be added just now. Try again.'));
        });
      }
    }
  }
}
