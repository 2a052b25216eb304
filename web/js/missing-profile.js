// A child's missing profile (the Philomena protocol), kept ahead of any
// episode: what they look like, their photograph described, phones, who
// they may be with, places they go, when they went missing before, where
// they live. The force reaches it by the person; a care home or local
// authority through the share it was given (it never knows the force's id
// for the child). Check your answers, then saved at the version read; a
// change someone else saved first is shown, and kept only when saved again.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, answerRows, backToForm, checkAnswers, onSubmit, writeField } from '/js/form.js';
import { finish, longDate, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const here = new URLSearchParams(window.location.search);
const shareId = here.get('share');
const personId = here.get('person') || '';
const path = shareId
  ? `/api/v1/shares/${encodeURIComponent(shareId)}/missing-profile`
  : `/api/v1/people/${encodeURIComponent(personId)}/missing-profile`;
const back = shareId ? `/share?id=${encodeURIComponent(shareId)}` : `/person?id=${encodeURIComponent(personId)}`;
const LISTS = ['phones', 'associates', 'places_frequented'];
const lines = (text) => String(text || '').split('\n').map((s) => s.trim()).filter(Boolean);

const fields = [
  { id: 'physical_description', label: 'What do they look like?', kind: 'textarea', hint: 'Height, build, hair, skin, marks and scars, how they usually dress.' },
  { id: 'photo_description', label: 'Their photograph', kind: 'textarea', hint: 'Where a recent photograph is kept and what it shows. Do not put the photograph itself here.' },
  { id: 'phones', label: 'Their phones', kind: 'textarea', hint: 'One number on each line, up to 20.' },
  { id: 'associates', label: 'Who may they be with?', kind: 'textarea', hint: 'One person on each line: a name or description, and how they know them.' },
  { id: 'places_frequented', label: 'Places they go', kind: 'textarea', hint: 'One place on each line, up to 20.' },
  { id: 'previous_episodes', label: 'When they went missing before', kind: 'textarea', hint: 'When, for how long, where they were found, what they said.' },
  { id: 'placement', label: 'Where they live', hint: 'The children’s home, foster carers or family, and the town.' },
];
const names = Object.fromEntries(fields.map((f) => [f.id, f.label.replace(/\?$/, '')]));

function keptWords(m) {
  if (!m.version) return 'None is kept yet. Every answer is optional, but say what you know.';
  const who = [m.updated_by && m.updated_by.name, m.organisation && m.organisation.name].filter(Boolean).join(', ');
  return `Last saved on ${longDate(m.updated_at)}${who ? ` by ${who}` : ''}.`;
}

function fill(m) {
  for (const f of fields) writeField(f, LISTS.includes(f.id) ? (m[f.id] || []).join('\n') : m[f.id] || '');
}

// What the page checks before sending: something said, lists within bounds.
function problems(v) {
  const errors = [];
  if (!fields.some((f) => lines(v[f.id]).length)) errors.push({ field: 'physical_description', message: 'Say at least one thing about them: what they look like, where they go, who they may be with' });
  for (const id of LISTS) {
    const items = lines(v[id]);
    if (items.length > 20) errors.push({ field: id, message: `${names[id]}: give at most 20, one on each line` });
    else if (items.some((x) => x.length > 200)) errors.push({ field: id, message: `${names[id]}: each line must be at most 200 characters` });
  }
  return errors;
}

function bodyOf(v) {
  const body = {};
  for (const f of fields) {
    if (LISTS.includes(f.id)) body[f.id] = lines(v[f.id]);
    else if (String(v[f.id] || '').trim()) body[f.id] = String(v[f.id]).trim();
  }
  return body;
}

if (me) {
  const res = await api('GET', path);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else if (!me.may.includes('missing:write')) {
    showErrors([{ field: null, message: 'You cannot keep missing profiles.' }]);
  } else {
    let base = res.body;
    const name = base.person.name;
    document.getElementById('who').textContent = name;
    document.title = `Missing profile of ${name} – Waymark`;
    document.getElementById('cancel').href = back;
    document.getElementById('kept').textContent = keptWords(base);
    const intro = document.getElementById('profile-intro');
    intro.hidden = false;
    const form = document.getElementById('profile-form');
    addFields(document.getElementById('profile-fields'), fields);
    fill(base);
    form.hidden = false;
    onSubmit(form, fields, async (v) => {
      const errors = problems(v);
      showErrors(errors);
      if (errors.length) return;
      intro.hidden = true;
      document.getElementById('conflict').hidden = true;
      const rows = answerRows(fields).map((r) => ({ ...r, value: LISTS.includes(r.field) ? lines(r.value).join('; ') : r.value }));
      const sure = await checkAnswers(form, { heading: `Check the missing profile of ${name} before you save it`, rows, confirm: 'Save the missing profile' });
      if (!sure) {
        intro.hidden = false;
        return;
      }
      const saved = await api('PUT', path, bodyOf(v), { 'If-Match': `"${base.version}"` });
      if (saved.status === 200 || saved.status === 201) {
        finish(back, 'Missing profile saved', `Kept for ${name}. If they go missing, the police start their search from it.`);
        return;
      }
      backToForm(form);
      intro.hidden = false;
      if (saved.status === 412 && saved.body && saved.body.current) {
        // Someone else saved first: say who and when; these answers stay,
        // and saving again puts them over theirs.
        base = saved.body.current;
        showErrors([]);
        document.getElementById('conflict-detail').textContent = keptWords(base);
        const banner = document.getElementById('conflict');
        banner.hidden = false;
        banner.setAttribute('tabindex', '-1');
        banner.focus();
        return;
      }
      if (saved.status === 409) {
        showErrors([{ field: null, message: `A missing profile is kept only for a child, and ${name} is not treated as one.` }]);
        return;
      }
      if (saved.status === 403 || saved.status === 404) {
        await showProblem(saved.status);
        return;
      }
      const errs = (saved.status === 422 && saved.body && saved.body.errors) || [];
      showErrors(errs.length
        ? errs.map((e) => ({ field: names[e.field] ? e.field : null, message: `${names[e.field] || e.field}: ${e.message}` }))
        : [{ field: null, message: 'The missing profile could not be saved just now. Try again.' }]);
    });
  }
}
