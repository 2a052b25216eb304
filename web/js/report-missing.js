// Reports a person missing from their page: when the police were told, when
// and where the person was last seen, the risk grading and what happened,
// then Check your answers, then the new episode's page.
import { api, showErrors, showProblem } from '/js/api.js';
import { answerRows, backToForm, checkAnswers, field, readField } from '/js/form.js';
import {
  dateTimeField, episodeHref, gradingOptions, gradingWords, readDateTime, ukTime, writeDateTime,
} from '/js/missing.js';
import { finish, longDate, signedInPage, summaryList } from '/js/shell.js';
import { personName } from '/js/subject.js';

const me = await signedInPage();
const personId = new URLSearchParams(window.location.search).get('person') || '';
const personPath = `/api/v1/people/${encodeURIComponent(personId)}`;

const when = [
  { id: 'reported_at', label: 'When were the police told?', what: 'the police were told', hint: 'UK time. For example, 27 3 2027 and 3:05pm or 15:05. The time now is filled in.' },
  { id: 'last_seen_at', label: 'When were they last seen?', what: 'they were last seen', hint: 'UK time. For example, 27 3 2027 and 3:05pm or 15:05.' },
];
const others = [
  { id: 'last_seen_place', label: 'Where were they last seen?', hint: 'An address or a place, for example outside Swindon bus station.' },
  { id: 'risk', label: 'How do you grade the risk to them?', kind: 'radios', options: gradingOptions,
    hint: 'The College of Policing’s gradings. The grading is reviewed while they are missing.' },
  { id: 'circumstances', label: 'What happened, and why is there concern? (optional)', kind: 'textarea',
    hint: 'For example, who they were with, what they took, anything they said.' },
];
// How each answer is named in an error from the API, before its message.
const errorNames = {
  reported_at: 'The date and time the police were told',
  last_seen_at: 'The date and time they were last seen',
  last_seen_place: 'Where they were last seen',
  risk: 'The risk grading',
  circumstances: 'What happened',
};

// What is wrong with the answers, before the API is asked.
function check(v) {
  const errors = [];
  const now = Date.now();
  for (const f of when) {
    if (v[f.id].error) errors.push({ field: f.id, message: v[f.id].error });
    else if (v[f.id].ms > now) errors.push({ field: f.id, message: `The date and time ${f.what} must be in the past` });
  }
  if (!v.reported_at.error && !v.last_seen_at.error && v.last_seen_at.ms > v.reported_at.ms) {
    errors.push({ field: 'last_seen_at', message: 'They must have been last seen before the police were told' });
  }
  if (!v.last_seen_place) errors.push({ field: 'last_seen_place', message: 'Enter where they were last seen' });
  if (!v.risk) errors.push({ field: 'risk', message: 'Select how you grade the risk to them' });
  return errors;
}

function apiErrors(res) {
  const errs = (res.status === 422 && res.body && res.body.errors) || [];
  if (!errs.length) return [{ field: null, message: 'The report could not be saved just now. Try again.' }];
  return errs.map((e) => ({ field: errorNames[e.field] ? e.field : null, message: `${errorNames[e.field] || e.field} ${e.message}` }));
}

// The profile a care home or local authority kept of a child ahead of any
// episode (the Philomena protocol): the report starts from it.
async function showProfile() {
  const res = await api('GET', `${personPath}/missing-profile`);
  if (res.status !== 200 || !res.body.version) return;
  const m = res.body;
  const list = (xs) => (xs && xs.length ? xs.join(', ') : null);
  document.getElementById('profile-title').textContent = `Their missing profile, kept by ${m.organisation ? m.organisation.name : 'the force'}`;
  summaryList(document.getElementById('profile-list'), [
    ['What they look like', m.physical_description],
    ['Photograph', m.photo_description],
    ['Phones', list(m.phones)],
    ['Who they may be with', list(m.associates)],
    ['Places they go', list(m.places_frequented)],
    ['Missing before', m.previous_episodes],
    ['Where they live', m.placement],
    ['Last updated', `${longDate(m.updated_at)}${m.updated_by ? ` by ${m.updated_by.name}` : ''}`],
  ]);
  document.getElementById('profile').hidden = false;
}

if (me) {
  const res = await api('GET', personPath);
  const form = document.getElementById('report-form');
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    const p = res.body;
    const name = personName(p);
    const back = `/person?id=${encodeURIComponent(p.id)}`;
    document.getElementById('who').textContent = name;
    document.title = `Report ${name} missing – Waymark`;
    document.getElementById('cancel').href = back;
    const missing = p.missing || {};
    if (!me.may.includes('missing:write')) {
      showErrors([{ field: null, message: 'You cannot report people missing.' }]);
    } else if (missing.currently_missing) {
      const already = document.getElementById('already');
      already.append(`${name} is missing now: record what happens on `,
        Object.assign(document.createElement('a'), { className: 'govuk-link', href: episodeHref(missing.current_episode_id), textContent: 'the episode’s page' }), '.');
      already.hidden = false;
    } else {
      const intro = document.getElementById('report-intro');
      intro.hidden = false;
      document.getElementById('child-note').hidden = !p.presumed_child;
      if (p.presumed_child) await showProfile();
      const box = document.getElementById('report-fields');
      for (const f of when) box.append(dateTimeField(f));
      for (const f of others) box.append(field(f));
      writeDateTime('reported_at', Date.now());
      form.hidden = false;
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const v = Object.fromEntries(when.map((f) => [f.id, readDateTime(f.id, f.what)]));
        for (const f of others) v[f.id] = readField(f);
        const errors = check(v);
        showErrors(errors);
        if (errors.length) return;
        intro.hidden = true;
        const sure = await checkAnswers(form, {
          heading: `Check your answers before you report ${name} missing`,
          rows: [
            { key: 'Police told', value: ukTime(v.reported_at.rfc3339), field: 'reported_at' },
            { key: 'Last seen', value: ukTime(v.last_seen_at.rfc3339), field: 'last_seen_at' },
            ...answerRows(others).map((r) => ({ ...r, key: { last_seen_place: 'Last seen at', risk: 'Risk', circumstances: 'What happened' }[r.field] })),
          ],
          confirm: `Report ${name} missing`,
        });
        if (!sure) {
          intro.hidden = false;
          return;
        }
        const body = {
          reported_at: v.reported_at.rfc3339, last_seen_at: v.last_seen_at.rfc3339, last_seen_place: v.last_seen_place, risk: v.risk,
        };
        if (v.circumstances) body.circumstances = v.circumstances;
        const made = await api('POST', `${personPath}/missing-episodes`, body);
        if (made.status === 201) {
          const ep = await api('GET', `/api/v1/missing-episodes/${encodeURIComponent(made.body.id)}`);
          const due = ep.status === 200 && ep.body.review_due ? ` Review the grading by ${ukTime(ep.body.review_due)}.` : '';
          finish(episodeHref(made.body.id), `${name} reported missing`, `Graded ${gradingWords(v.risk)}.${due}`);
          return;
        }
        backToForm(form);
        intro.hidden = false;
        if (made.status === 409) {
          showErrors([{ field: null, message: `${name} was reported missing by someone else meanwhile: their page leads to the episode.` }]);
          return;
        }
        showErrors(apiErrors(made));
      });
    }
  }
}
