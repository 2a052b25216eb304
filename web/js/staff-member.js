// A member of staff: their profile, the cases they lead, their training with
// its state, and absences to come. Supervisors and administrators keep the
// profile and training; anyone records their own absences.
import { api, roleName, showErrors } from '/js/api.js';
import { addFields, apiErrors, readField, writeField } from '/js/form.js';
import { cell, emptyRow, longDate, signedInPage, summaryList, tag } from '/js/shell.js';
import { languageName } from '/js/names.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';
const path = `/api/v1/staff/${encodeURIComponent(id)}`;
const stateTag = { valid: ['Valid', 'green'], expiring: ['Expiring soon', 'yellow'], expired: ['Expired', 'red'] };
const profile = [
  { id: 'rank', label: 'Rank or grade' },
  { id: 'pip_level', label: 'PIP accreditation', kind: 'radios', options: [
    { value: '0', label: 'Not accredited' }, { value: '1', label: 'PIP1' }, { value: '2', label: 'PIP2' },
    { value: '3', label: 'PIP3' }, { value: '4', label: 'PIP4' }] },
  { id: 'pip_accredited_on', label: 'Accredited on', kind: 'date', hint: 'For example, 1 9 2023.' },
  { id: 'capacity', label: 'Most active cases at once', width: 3 },
  { id: 'languages', label: 'Languages spoken', kind: 'textarea', hint: 'One on each line: a language tag and basic, working, fluent or native. For example, sq fluent.' },
];
const training = [
  { id: 'course', label: 'Which course', kind: 'select', options: [] },
  { id: 'provider', label: 'Provider' },
  { id: 'completed_on', label: 'Completed on', kind: 'date' },
  { id: 'expires_on', label: 'Expires on (if not the usual)', kind: 'date', hint: 'Leave empty for the course\'s usual validity.' },
];
const absence = [
  { id: 'kind', label: 'Kind of absence', kind: 'radios', options: [
    { value: 'leave', label: 'Leave' }, { value: 'course', label: 'Course' }, { value: 'sickness', label: 'Sickness' }, { value: 'other', label: 'Other' }] },
  { id: 'starts_on', label: 'First day', kind: 'date' },
  { id: 'ends_on', label: 'Last day', kind: 'date' },
];

// How many cases they hold, where the reader may know it.
function caseCount(s) {
  if (s.active_cases === null) return 'Shown only to them and their team\'s supervisors';
  return s.capacity ? `${s.active_cases} held of a maximum ${s.capacity}` : `${s.active_cases} held; no maximum set`;
}

function fill(s) {
  document.getElementById('who').textContent = s.team.name || 'No team';
  document.getElementById('title').textContent = s.name;
  summaryList(document.getElementById('profile'), [
    ['Role', roleName(s.role)], ['Rank or grade', s.rank],
    ['PIP accreditation', s.pip_level ? `PIP${s.pip_level}${s.pip_accredited_on ? `, since ${longDate(s.pip_accredited_on)}` : ''}` : 'Not accredited'],
    ['Languages', s.languages.map((l) => `${languageName(l.tag)} (${l.proficiency})`).join(', ')],
    ['Cases', caseCount(s)],
  ]);
  // Which cases they lead shows only to them and their own team's supervisors.
  const cases = document.getElementById('cases');
  cases.replaceChildren();
  document.getElementById('cases-section').hidden = s.cases === null;
  for (const c of s.cases || []) {
    const li = document.createElement('li');
    li.append(Object.assign(document.createElement('a'), { className: 'govuk-link', href: `/case?id=${encodeURIComponent(c.id)}`, textContent: `${c.reference}: ${c.title}` }));
    cases.append(li);
  }
  if (s.cases && !s.cases.length) cases.append(Object.assign(document.createElement('li'), { textContent: 'None' }));
  const body = document.getElementById('training');
  body.replaceChildren();
  for (const t of s.training) {
    const row = document.createElement('tr');
    row.className = 'govuk-table__row';
    cell(row, t.course_name || t.course);
    cell(row, t.provider);
    cell(row, longDate(t.completed_on));
    const ends = cell(row, `${longDate(t.expires_on)} `);
    ends.append(tag(...stateTag[t.state]));
    body.append(row);
  }
  if (!s.training.length) emptyRow(body, 'No training recorded', 4);
  const absences = document.getElementById('absences');
  absences.replaceChildren(...s.absences.map((a) => Object.assign(document.createElement('li'), { textContent: `${a.kind[0].toUpperCase()}${a.kind.slice(1)}: ${longDate(a.starts_on)} to ${longDate(a.ends_on)}` })));
  if (!s.absences.length) absences.append(Object.assign(document.createElement('li'), { textContent: 'None recorded' }));
  writeField(profile[0], s.rank);
  writeField(profile[1], String(s.pip_level));
  writeField(profile[2], s.pip_accredited_on);
  writeField(profile[3], String(s.capacity));
  writeField(profile[4], s.languages.map((l) => `${l.tag} ${l.proficiency}`).join('\n'));
}

if (me) {
  const [res, courses] = await Promise.all([api('GET', path), api('GET', '/api/v1/training/courses')]);
  if (res.status !== 200) {
    showErrors([{ field: null, message: res.status === 403 ? 'Only supervisors and administrators see other staff.' : 'There is no such member of staff.' }]);
  } else {
    let current = res.body;
    const keeper = me.may.includes('staff:administer');
    training[0].options = [{ value: '', label: 'Choose a course' }, ...courses.body.items.map((c) => ({ value: c.code, label: c.name }))];
    addFields(document.getElementById('profile-form'), profile);
    addFields(document.getElementById('training-form'), training);
    addFields(document.getElementById('absence-form'), absence);
    fill(current);
    document.getElementById('edit').hidden = !keeper;
    document.getElementById('add-training').hidden = !keeper;
    document.getElementById('member-body').hidden = false;
    document.getElementById('profile-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = Object.fromEntries(profile.map((f) => [f.id, readField(f)]));
      const errors = [];
      const languages = [];
      for (const line of v.languages.split('\n').map((l) => l.trim()).filter(Boolean)) {
        const [tagText, proficiency] = line.split(/\s+/);
        if (!proficiency) errors.push({ field: 'languages', message: `Say how well for ${tagText}: basic, working, fluent or native` });
        else languages.push({ tag: tagText, proficiency });
      }
      if (!/^[0-9]{1,3}$/.test(v.capacity)) errors.push({ field: 'capacity', message: 'Enter the most active cases as a number, like 6' });
      if (v.pip_accredited_on === 'invalid') errors.push({ field: 'pip_accredited_on', message: 'Enter a real date' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      const body = { pip_level: Number(v.pip_level || 0), capacity: Number(v.capacity), languages };
      if (v.rank) body.rank = v.rank;
      if (v.pip_accredited_on) body.pip_accredited_on = v.pip_accredited_on;
      const done = await api('PUT', path, body, { 'If-Match': `"${current.version}"` });
      if (done.status === 200) {
        current = done.body;
        fill(current);
        showErrors([]);
        document.getElementById('edit').open = false;
      } else if (done.status === 412) {
        current = { ...current, ...done.body.current };
        document.getElementById('conflict-detail').textContent = 'Their profile is shown above. Make your change again and save.';
        document.getElementById('conflict').hidden = false;
        fill(current);
      } else {
        showErrors(apiErrors(done, profile, 'The profile could not be saved just now. Try again.'));
      }
    });
    document.getElementById('training-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = Object.fromEntries(training.map((f) => [f.id, readField(f)]));
      const errors = [];
      if (!v.course) errors.push({ field: 'course', message: 'Choose the course' });
      if (!v.provider) errors.push({ field: 'provider', message: 'Enter who gave the course' });
      if (!v.completed_on || v.completed_on === 'invalid') errors.push({ field: 'completed_on', message: 'Enter the real date it was completed' });
      if (v.expires_on === 'invalid') errors.push({ field: 'expires_on', message: 'Enter a real expiry date, or leave it empty' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      const body = { course: v.course, provider: v.provider, completed_on: v.completed_on };
      if (v.expires_on) body.expires_on = v.expires_on;
      const done = await api('POST', `${path}/training`, body);
      if (done.status === 201) window.location.reload();
      else showErrors(apiErrors(done, training, 'The course could not be recorded just now. Try again.'));
    });
    document.getElementById('absence-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = Object.fromEntries(absence.map((f) => [f.id, readField(f)]));
      const errors = [];
      if (!v.kind) errors.push({ field: 'kind', message: 'Choose the kind of absence' });
      if (!v.starts_on || v.starts_on === 'invalid') errors.push({ field: 'starts_on', message: 'Enter the real first day' });
      if (!v.ends_on || v.ends_on === 'invalid') errors.push({ field: 'ends_on', message: 'Enter the real last day' });
      if (errors.length) {
        showErrors(errors);
        return;
      }
      const done = await api('POST', `${path}/absences`, v);
      if (done.status === 201) window.location.reload();
      else showErrors(apiErrors(done, absence, 'The absence could not be recorded just now. Try again.'));
    });
  }
}
