// One share of a victim's information with a partner organisation. A
// partner reads what it holds (only its sections, while it lasts: after,
// or when it is not theirs, the page is not found), for what purpose, on
// what basis and until when. The force reads the same, with the share's
// details and who at the partner looked, and while it lasts may stop it
// (a confirming step, with an optional note) or extend it (a later date and
// why, checked first).
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, apiErrors, checkAnswers, questionSteps, readField } from '/js/form.js';
import {
  basisNames, expiryHint, expiryProblem, fullName, inOrder, listWords, loadViewWords, purposeNames, renderView, sectionNames,
  shareRows, stateTag,
} from '/js/sharing.js';
import { cell, finish, longDate, longTime, signedInPage, stackLabels, summaryList } from '/js/shell.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';
const path = `/api/v1/shares/${encodeURIComponent(id)}`;
const here = `/share?id=${encodeURIComponent(id)}`;

function link(text, href) {
  return Object.assign(document.createElement('a'), { className: 'govuk-link', href, textContent: text });
}

// A partner's page: who it is about (when their identity is shared), what
// for, on what basis, until when, and the sections.
function showForPartner(s, words) {
  const name = s.person ? fullName(s.person) : '';
  document.title = `${name || 'Shared information'} – Waymark`;
  document.getElementById('who').textContent = `Police case ${s.case.reference}`;
  document.getElementById('heading').textContent = name || 'A person, name not shared';
  const note = document.getElementById('partner-note');
  note.textContent = `Shared with your organisation for ${purposeNames[s.purpose].toLowerCase()} only. You can see it until the end of ${longDate(s.expires_on)}. Each time you open this page is recorded.`;
  note.hidden = false;
  summaryList(document.getElementById('details'), [
    ['Shared for', purposeNames[s.purpose] || s.purpose],
    ['Lawful basis', basisNames[s.basis] || s.basis],
    ['Shared on', longDate(s.shared_on)],
    ['Until', `The end of ${longDate(s.expires_on)}`],
    ['What is shared', listWords(inOrder(s.sections), sectionNames)],
  ]);
  document.getElementById('view-heading').hidden = true;
  renderView(document.getElementById('view'), s.view, words, 2);
  // A child shared for safeguarding with their missing episodes: the care
  // home or local authority keeps their missing profile ahead of time.
  if (s.basis === 'child_safeguarding' && s.sections.includes('missing') && s.state === 'live' && me.may.includes('missing:write')) {
    const p = Object.assign(document.createElement('p'), { className: 'govuk-body' });
    p.append(link('Keep their missing profile', `/missing-profile?share=${encodeURIComponent(s.id)}`));
    document.querySelector('#view section[data-section="missing"]')?.append(p);
  }
}

// The force's page: the share's details, who looked, and what it holds.
function showForForce(s, words) {
  const name = fullName(s.person);
  document.title = `Shared with ${s.organisation.name}: ${name} – Waymark`;
  document.getElementById('who').textContent = `${name}, ${s.case.reference}`;
  const heading = document.getElementById('heading');
  heading.textContent = `Shared with ${s.organisation.name} `;
  heading.append(stateTag(s.state));
  summaryList(document.getElementById('details'), [
    ['Person', link(name, `/person?id=${encodeURIComponent(s.person.id)}`)],
    ['Case', link(s.case.reference, `/case?id=${encodeURIComponent(s.case.id)}`)],
    ...shareRows(s, false).filter(([key]) => key !== 'Shared with'),
  ]);
  const body = document.getElementById('looks-body');
  for (const v of s.views) {
    const row = document.createElement('tr');
    row.className = 'govuk-table__row';
    cell(row, v.name);
    cell(row, longTime(v.at));
    body.append(row);
  }
  if (!s.views.length) {
    const row = document.createElement('tr');
    row.className = 'govuk-table__row';
    cell(row, 'Nobody at the partner has looked at it yet').colSpan = 2;
    body.append(row);
  }
  stackLabels(body.closest('table'));
  document.getElementById('looks').hidden = false;
  document.getElementById('view-heading').textContent = s.state === 'live'
    ? `What ${s.organisation.name} sees`
    : `What it would show now (${s.organisation.name} no longer sees it)`;
  renderView(document.getElementById('view'), s.view, words, 3);
}

// Stopping it: a confirming step with an optional note.
function revoking(s, show) {
  const name = fullName(s.person);
  const org = s.organisation.name;
  const note = { id: 'note', label: 'Why are you stopping it? (optional)', kind: 'textarea', hint: 'Kept with the share. The partner does not see it.' };
  addFields(document.getElementById('revoke-fields'), [note]);
  document.getElementById('revoke-heading').textContent = `Stop sharing with ${org}?`;
  document.getElementById('revoke-warning').textContent = `${org} will no longer see ${name}'s information, from now. This cannot be undone: to share again, make a new share.`;
  document.getElementById('revoke-start').addEventListener('click', () => show('revoke-form', 'note'));
  document.getElementById('revoke-cancel').href = here;
  const form = document.getElementById('revoke-form');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = readField(note);
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    const res = await api('DELETE', path, text ? { note: text } : undefined);
    button.disabled = false;
    if (res.status === 204) {
      finish(here, `Sharing with ${org} stopped`, `${org} can no longer see ${name}'s information. The share stays on ${name}'s record of what was shared.`);
      return;
    }
    showErrors(res.status === 409 ? [{ field: null, message: 'This share has already ended. Reload the page to see how.' }]
      : apiErrors(res, [note], 'The share could not be stopped just now. Try again.'));
  });
}

// Extending it: a later date and why, then Check your answers.
function extending(s, show) {
  const org = s.organisation.name;
  const fields = [
    { id: 'expires_on', label: 'Share until', kind: 'date', hint: expiryHint(`After ${longDate(s.expires_on)}, when it ends now. `) },
    { id: 'reason', label: 'Why must the sharing go on?', kind: 'textarea', hint: 'Kept with the share and in the audit log. The partner does not see it.' },
  ];
  addFields(document.getElementById('extend-fields'), fields);
  for (const legend of document.querySelectorAll('#extend-fields legend')) legend.classList.replace('govuk-fieldset__legend--s', 'govuk-fieldset__legend--m');
  document.getElementById('extend-heading').textContent = `Extend sharing with ${org}`;
  document.getElementById('extend-now').textContent = `It runs now until the end of ${longDate(s.expires_on)}.`;
  document.getElementById('extend-start').addEventListener('click', () => show('extend-step', 'expires_on'));
  document.getElementById('extend-cancel').href = here;
  const step = document.getElementById('extend-step');
  document.getElementById('extend-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const until = readField(fields[0]);
    const reason = readField(fields[1]);
    const errors = [];
    const late = expiryProblem(until, s.expires_on);
    if (late) errors.push({ field: 'expires_on', message: late });
    if (!reason) errors.push({ field: 'reason', message: 'Say why the sharing must go on' });
    showErrors(errors);
    if (errors.length) return;
    const sure = await checkAnswers(step, {
      heading: 'Check your answers before you extend the share',
      rows: [
        { key: 'Share until', value: `The end of ${longDate(until)}`, field: 'expires_on' },
        { key: 'Why it goes on', value: reason, field: 'reason' },
      ],
      confirm: 'Extend the share',
    });
    if (!sure) return;
    const res = await api('POST', `${path}/extension`, { expires_on: until, reason });
    if (res.status === 200) {
      finish(here, `Sharing with ${org} extended`, `${org} can see it until the end of ${longDate(res.body.expires_on)}.`);
      return;
    }
    show('extend-step');
    showErrors(res.status === 409 ? [{ field: null, message: 'This share has ended or changed meanwhile. Reload the page to see it as it is now.' }]
      : apiErrors(res, fields, 'The share could not be extended just now. Try again.'));
  });
}

if (me) {
  const res = await api('GET', path);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    const s = res.body;
    const words = await loadViewWords();
    const show = questionSteps(['share-main', 'revoke-form', 'extend-step'], () => {
      const answers = document.getElementById('check-answers');
      if (answers) answers.hidden = true;
    });
    if (s.organisation) {
      showForForce(s, words);
      if (s.state === 'live' && me.may.includes('share:write')) {
        revoking(s, show);
        extending(s, show);
        document.getElementById('actions').hidden = false;
      }
    } else {
      showForPartner(s, words);
    }
    show('share-main');
  }
}
