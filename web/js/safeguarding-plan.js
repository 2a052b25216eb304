// A victim's safeguarding plan: its review date and agencies, the risks and
// how high each is, the actions with their owners and due dates, the notes
// of everyone working on it, and for a child the child protection steps
// with their clocks. The force keeps the plan; a partner a live share names
// it to reads it, adds notes, records the steps it leads and updates the
// actions its organisation owns.
import { orgKindName } from '/js/admin.js';
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, answerRows, apiErrors, backToForm, checkAnswers, readField, writeField } from '/js/form.js';
import {
  actionOpen, actionStatuses, cpNext, cpStep, cpStepState, cpSteps, cpStepsOpen, cpWhen, dueTag, optionsOf, planHref,
  planSubject, riskLevels, riskTag, statusTag, today,
} from '/js/plans.js';
import { cell, childTag, emptyRow, finish, longDate, longTime, signedInPage, stackLabels, summaryList } from '/js/shell.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';
const path = `/api/v1/safeguarding-plans/${encodeURIComponent(id)}`;
const here = planHref(id);
const cap = (t) => t.charAt(0).toUpperCase() + t.slice(1);

const el = (tag, className, props = {}) => Object.assign(document.createElement(tag), className ? { className } : {}, props);
const hidden = (text) => el('span', 'govuk-visually-hidden', { textContent: text });

// The API's field errors (422) as the form names its fields, each message
// after the field's label ("Due date must be ..."): map gives the form's
// id for each of the API's fields. Anything else as apiErrors has it.
function formErrors(res, fields, map, fallback) {
  const errors = (res.status === 422 && res.body && res.body.errors) || [];
  const known = errors.map((e) => fields.find((f) => f.id === map[e.field]));
  if (!errors.length || known.some((f) => !f)) return apiErrors(res, fields, fallback);
  return errors.map((e, i) => ({ field: known[i].id, message: `${known[i].label} ${e.message}` }));
}

// A date field's message, or null when it holds a real date.
function dateError(f, v, noun) {
  if (!v) return { field: f.id, message: `Enter the ${noun}` };
  if (v === 'invalid') return { field: f.id, message: `${cap(noun)} must be a real date` };
  return null;
}

// ---- showing the plan ----

// A summary list row's Change link, for the rows the user may change.
function changeAction(row, href, what) {
  const dd = el('dd', 'govuk-summary-list__actions');
  const a = el('a', 'govuk-link', { href, textContent: 'Change' });
  a.append(hidden(` ${what}`));
  dd.append(a);
  row.append(dd);
}

function showDetails(plan, who, may) {
  const person = el('span', '', { textContent: who.name || 'Not known' });
  person.append(' ', childTag({ presumed_child: plan.child_protection.applies }));
  const review = el('span', '', { textContent: plan.review_on ? longDate(plan.review_on) : 'Not set' });
  if (plan.review_on) review.append(' ', dueTag(plan.review_on));
  // The case by reference and title, linked, for the force; its reference
  // alone for a partner.
  const kase = who.kase && plan.case
    ? el('a', 'govuk-link', { href: `/case?id=${encodeURIComponent(plan.case.id)}`, textContent: `${who.kase.reference}: ${who.kase.title}` })
    : who.kase && `Police case reference ${who.kase.reference}`;
  const dl = document.getElementById('details');
  summaryList(dl, [
    ['Person', person],
    ['Case', kase],
    ['Review date', review],
    ['Agencies involved', plan.agencies.length ? plan.agencies.join(', ') : 'None recorded'],
    ['Made', longDate(plan.created_at)],
  ]);
  if (!may.keep) return;
  const rows = [...dl.children];
  const change = `/change-safeguarding-plan?id=${encodeURIComponent(plan.id)}`;
  rows.forEach((row, i) => {
    if (i === 2) changeAction(row, change, 'the review date');
    else if (i === 3) changeAction(row, `${change}#agencies`, 'the agencies involved');
    else row.classList.add('govuk-summary-list__row--no-actions');
  });
}

// A button in a table row that reads as a link, naming what it is for.
function rowButton(text, what, onClick) {
  const b = el('button', 'govuk-link waymark-link-button waymark-link-button--flush', { type: 'button', textContent: text });
  b.append(hidden(` ${what}`));
  b.addEventListener('click', () => onClick(b));
  return b;
}

// The stacked rows at phone widths label each cell by its column, save the
// one holding the row's button, which says what it is itself.
function stack(table) {
  stackLabels(table);
  for (const b of table.querySelectorAll('tbody .waymark-link-button')) delete b.closest('td').dataset.label;
}

function showRisks(plan, may, onChange) {
  const body = document.getElementById('risks');
  body.replaceChildren();
  for (const r of plan.risks || []) {
    const tr = el('tr', 'govuk-table__row');
    cell(tr, r.description);
    cell(tr, '').append(riskTag(r.level));
    cell(tr, longDate(r.updated_at));
    const act = cell(tr, '');
    if (may.keep) act.append(rowButton('Change level', `of the risk: ${r.description}`, (b) => onChange(r, b)));
    body.append(tr);
  }
  if (!(plan.risks || []).length) emptyRow(body, 'No risks recorded yet', 4);
  stack(document.getElementById('risks-table'));
}

function showActions(plan, may, onUpdate) {
  const body = document.getElementById('actions');
  body.replaceChildren();
  for (const a of plan.actions) {
    const tr = el('tr', 'govuk-table__row');
    cell(tr, a.description);
    const owner = cell(tr, a.owner.name);
    if (a.owner_name) owner.append(el('br'), a.owner_name);
    const due = cell(tr, longDate(a.due_on));
    if (actionOpen(a.status)) {
      const t = dueTag(a.due_on);
      if (t) due.append(' ', t);
    }
    cell(tr, '').append(statusTag(a.status));
    const act = cell(tr, '');
    if (may.keep || (may.write && a.owner.id === me.user.org.id)) act.append(rowButton('Update', `the action: ${a.description}`, (b) => onUpdate(a, b)));
    body.append(tr);
  }
  if (!plan.actions.length) emptyRow(body, 'No actions yet', 5);
  stack(document.getElementById('actions-table'));
}

// The notes as an MOJ timeline, newest first, each with the organisation
// whose worker wrote it.
function showNotes(plan) {
  const list = document.getElementById('notes');
  list.replaceChildren();
  for (const n of [...plan.notes].sort((x, y) => (x.at < y.at ? 1 : -1))) {
    const item = el('div', 'moj-timeline__item');
    const header = el('div', 'moj-timeline__header');
    header.append(el('h3', 'moj-timeline__title', { textContent: n.organisation.name }),
      el('p', 'moj-timeline__byline', { textContent: `by ${n.by}` }));
    const date = el('p', 'moj-timeline__date');
    date.append(el('time', '', { dateTime: n.at, textContent: longTime(n.at) }));
    item.append(header, date, el('div', 'moj-timeline__description', { textContent: n.text }));
    list.append(item);
  }
  list.hidden = !plan.notes.length;
  document.getElementById('no-notes').hidden = Boolean(plan.notes.length);
}

// A short tag kept on one line in the task list's narrow status column.
const nowrap = (t) => {
  t.classList.add('waymark-nowrap');
  return t;
};

// The child's protection steps as a GOV.UK task list: what is done (its
// date and outcome in words), what is due and when, and what is not needed
// or cannot start yet.
function showSteps(cp) {
  const list = document.getElementById('cp-steps');
  list.replaceChildren();
  cpSteps.forEach((step, i) => {
    const st = cpStepState(cp, step);
    const li = el('li', 'govuk-task-list__item');
    const name = el('div', 'govuk-task-list__name-and-hint');
    const late = st.state === 'due' && st.due <= today();
    const hint = [st.said && `${st.said}.`, late && `Due on ${longDate(st.due)}.`, st.state !== 'done' && cpWhen(step, cp)].filter(Boolean).join(' ');
    name.append(el('div', '', { textContent: step.name }));
    if (hint) name.append(el('div', 'govuk-task-list__hint', { id: `cp-step-${i}-hint`, textContent: hint }));
    const status = el('div', 'govuk-task-list__status', { id: `cp-step-${i}-status` });
    if (st.state === 'done') status.textContent = 'Done';
    else if (st.state === 'due') status.append(late ? nowrap(dueTag(st.due)) : dueTag(st.due, true));
    else if (st.state === 'next') status.append(nowrap(el('strong', 'govuk-tag', { textContent: 'To do' })));
    else {
      status.classList.add('govuk-task-list__status--cannot-start-yet');
      status.textContent = st.state === 'not_needed' ? 'Not needed' : 'Cannot start yet';
    }
    li.append(name, status);
    list.append(li);
  });
  document.getElementById('cp-next').textContent = cpNext(cp);
}

// ---- the forms ----

const riskFields = [
  { id: 'risk_description', label: 'What is the risk?', kind: 'textarea', hint: 'For example, contact from the people who exploited them.' },
  { id: 'risk_level', label: 'How high is it?', kind: 'radios', options: optionsOf(riskLevels) },
];
const levelFields = [{ id: 'level_new', label: 'How high is it now?', kind: 'radios', options: optionsOf(riskLevels) }];
const updateFields = [
  { id: 'update_status', label: 'Status', kind: 'radios', options: optionsOf(actionStatuses) },
  { id: 'update_due', label: 'Due date', kind: 'date', hint: 'For example, 15 1 2027.' },
];
const noteFields = [{ id: 'note_text', label: 'Note', kind: 'textarea', hint: 'What was done or found, for everyone working on the plan. Your organisation’s name shows with it.' }];

// Ends a form's request: on this page again with a success banner (banner:
// its heading and what is next) when the answer is ok, else the refusal in
// the error summary (refused: the answer's errors). True when it was ok.
async function settle(res, ok, banner, refused) {
  if (res.status === ok) {
    finish(here, ...banner());
    return true;
  }
  showErrors(refused(res));
  return false;
}

function riskForm() {
  addFields(document.getElementById('risk-fields'), riskFields);
  document.getElementById('risk-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const [description, level] = riskFields.map(readField);
    const errors = [];
    if (!description) errors.push({ field: 'risk_description', message: 'Say what the risk is' });
    if (!level) errors.push({ field: 'risk_level', message: 'Select how high the risk is' });
    if (errors.length) {
      showErrors(errors);
      return;
    }
    const res = await api('POST', `${path}/risks`, { description, level });
    await settle(res, 201, () => ['Risk added', `${riskLevels[level].name}: ${description}`],
      (r) => formErrors(r, riskFields, { description: 'risk_description', level: 'risk_level' }, 'The risk could not be added just now. Try again.'));
  });
}

function levelForm() {
  const form = document.getElementById('level-form');
  addFields(document.getElementById('level-fields'), levelFields);
  let risk = null;
  let opener = null;
  const close = () => {
    form.hidden = true;
    if (opener) opener.focus();
  };
  document.getElementById('level-cancel').addEventListener('click', close);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const level = readField(levelFields[0]);
    if (!level) {
      showErrors([{ field: 'level_new', message: 'Select how high the risk is now' }]);
      return;
    }
    if (level === risk.level) {
      showErrors([]);
      close();
      return;
    }
    const res = await api('PATCH', `${path}/risks/${encodeURIComponent(risk.id)}`, { level });
    await settle(res, 200, () => ['Risk level changed', `${risk.description}: now ${riskLevels[level].name.toLowerCase()}.`],
      (r) => formErrors(r, levelFields, { level: 'level_new' }, 'The level could not be changed just now. Try again.'));
  });
  return (r, button) => {
    risk = r;
    opener = button;
    document.getElementById('level-what').textContent = `Risk: ${r.description}`;
    writeField(levelFields[0], r.level);
    form.hidden = false;
    document.querySelector('input[name="level_new"]:checked').focus();
  };
}

function updateForm(reload) {
  const form = document.getElementById('update-form');
  addFields(document.getElementById('update-fields'), updateFields);
  let action = null;
  let opener = null;
  const close = () => {
    form.hidden = true;
    if (opener) opener.focus();
  };
  document.getElementById('update-cancel').addEventListener('click', close);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const [status, due] = updateFields.map(readField);
    const bad = dateError(updateFields[1], due, 'due date');
    if (bad) {
      showErrors([bad]);
      return;
    }
    const body = {};
    if (status && status !== action.status) body.status = status;
    if (due !== action.due_on) body.due_on = due;
    if (!Object.keys(body).length) {
      showErrors([]);
      close();
      return;
    }
    const res = await api('PATCH', `${path}/actions/${encodeURIComponent(action.id)}`, body, { 'If-Match': `"${action.version}"` });
    const changed = await settle(res, 200,
      () => ['Action updated', `${action.description}: ${actionStatuses[status].name.toLowerCase()}, due ${longDate(due)}.`],
      (r) => {
        if (r.status === 409) return [{ field: null, message: 'Someone updated this action after you opened the page. It now shows as it stands: update it again if you still need to.' }];
        if (r.status === 403) return [{ field: null, message: 'Only the organisation that owns an action updates it.' }];
        return formErrors(r, updateFields, { status: 'update_status', due_on: 'update_due' }, 'The action could not be updated just now. Try again.');
      });
    if (!changed && res.status === 409) {
      form.hidden = true;
      await reload();
    }
  });
  return (a, button) => {
    action = a;
    opener = button;
    document.getElementById('update-what').textContent = `Action: ${a.description} (${a.owner.name})`;
    writeField(updateFields[0], a.status);
    writeField(updateFields[1], a.due_on);
    form.hidden = false;
    document.querySelector('input[name="update_status"]:checked').focus();
  };
}

// Owners: the force itself first, then its partners (never the
// Commissioner's office), each by name with its kind.
function actionForm(orgs) {
  const owners = orgs.filter((o) => o.kind !== 'opcc')
    .sort((x, y) => (x.id === me.user.org.id ? -1 : y.id === me.user.org.id ? 1 : x.name.localeCompare(y.name)));
  const fields = [
    { id: 'action_description', label: 'What is to be done?', kind: 'textarea', hint: 'For example, find safe housing away from the area.' },
    { id: 'owner_organisation_id', label: 'Which organisation owns it?', kind: 'radios', options: owners.map((o) => ({ value: o.id, label: o.name, hint: orgKindName(o.kind) })) },
    { id: 'owner_name', label: 'Person responsible (optional)', width: 20 },
    { id: 'due_on', label: 'Due date', kind: 'date', hint: 'For example, 15 1 2027.' },
  ];
  addFields(document.getElementById('action-fields'), fields);
  document.getElementById('action-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const [description, owner, ownerName, due] = fields.map(readField);
    const errors = [];
    if (!description) errors.push({ field: 'action_description', message: 'Say what is to be done' });
    if (!owner) errors.push({ field: 'owner_organisation_id', message: 'Select the organisation that owns the action' });
    const bad = dateError(fields[3], due, 'due date');
    if (bad) errors.push(bad);
    if (errors.length) {
      showErrors(errors);
      return;
    }
    const body = { description, owner_organisation_id: owner, due_on: due };
    if (ownerName) body.owner_name = ownerName;
    const res = await api('POST', `${path}/actions`, body);
    const org = owners.find((o) => o.id === owner).name;
    await settle(res, 201, () => ['Action added', `${description}: ${org}, due ${longDate(due)}.`],
      (r) => formErrors(r, fields, { description: 'action_description' }, 'The action could not be added just now. Try again.'));
  });
}

function noteForm() {
  addFields(document.getElementById('note-fields'), noteFields);
  document.getElementById('note-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = readField(noteFields[0]);
    if (!text) {
      showErrors([{ field: 'note_text', message: 'Enter the note' }]);
      return;
    }
    const res = await api('POST', `${path}/notes`, { text });
    await settle(res, 201, () => ['Note added', `It shows with the name of ${me.user.org.name}.`],
      (r) => formErrors(r, noteFields, { text: 'note_text' }, 'The note could not be added just now. Try again.'));
  });
}

// Recording the next child protection step: only the steps the child's
// state calls for, each with its outcomes as radios, its date and (for the
// force telling the local authority) which one; then Check your answers.
// The API has the last word: what it refuses shows in the error summary.
function stepForm(getPlan, localAuthorities, reload) {
  const form = document.getElementById('cp-form');
  let fields = [];
  let choice = null;

  const stepFields = (step) => {
    const f = [];
    if (step.outcomes) f.push({ id: 'cp_outcome', label: step.ask, kind: 'radios', options: optionsOf(step.outcomes), api: 'outcome' });
    if (step.key === 'local_authority_told' && localAuthorities.length) {
      f.push({ id: 'cp_organisation', label: 'Which local authority was told?', kind: 'radios', api: 'organisation_id',
        options: localAuthorities.map((o) => ({ value: o.id, label: o.name })) });
    }
    f.push({ id: 'cp_on', label: cap(step.date), kind: 'date', hint: `For example, ${new Date().getUTCDate()} ${new Date().getUTCMonth() + 1} ${new Date().getUTCFullYear()}. Today or earlier.`, api: 'on' });
    return f;
  };
  const chosen = () => cpStep(choice ? readField(choice) : cpStepsOpen(getPlan().child_protection)[0]);
  const showStepFields = () => {
    const step = chosen();
    const box = document.getElementById('cp-fields');
    box.replaceChildren();
    fields = step ? stepFields(step) : [];
    addFields(box, fields);
  };

  // Draws the form for the plan as it stands.
  const draw = () => {
    const cp = getPlan().child_protection;
    const open = cpStepsOpen(cp).map(cpStep);
    form.hidden = !open.length;
    const heading = document.getElementById('cp-form-heading');
    const box = document.getElementById('cp-choice');
    box.replaceChildren();
    choice = null;
    if (open.length > 1) {
      heading.textContent = 'Record the next step';
      choice = { id: 'cp_step', label: 'Which step are you recording?', kind: 'radios', api: 'step',
        options: open.map((s) => ({ value: s.key, label: s.name, hint: cpWhen(s, cp) })) };
      addFields(box, [choice]);
      box.querySelector('#cp_step-group').addEventListener('change', showStepFields);
    } else if (open.length) {
      heading.textContent = `Record the next step: ${open[0].name.toLowerCase()}`;
    }
    showStepFields();
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const step = chosen();
    const errors = [];
    if (!step) {
      showErrors([{ field: 'cp_step', message: 'Select the step you are recording' }]);
      return;
    }
    const v = Object.fromEntries(fields.map((f) => [f.id, readField(f)]));
    if (step.outcomes && !v.cp_outcome) errors.push({ field: 'cp_outcome', message: step.pick });
    if ('cp_organisation' in v && !v.cp_organisation) errors.push({ field: 'cp_organisation', message: 'Select the local authority that was told' });
    const bad = dateError(fields[fields.length - 1], v.cp_on, step.date);
    if (bad) errors.push(bad);
    showErrors(errors);
    if (errors.length) return;
    const rows = answerRows(choice ? [choice, ...fields] : fields);
    if (!choice) rows.unshift({ key: 'Step', value: step.name, field: fields[0].id });
    const sure = await checkAnswers(form, {
      heading: `Check your answers before you record ${step.what}`,
      rows,
      confirm: 'Record the step',
    });
    if (!sure) return; // Change: the form again, at that answer
    const body = { step: step.key, on: v.cp_on };
    if (v.cp_outcome) body.outcome = v.cp_outcome;
    if (v.cp_organisation) body.organisation_id = v.cp_organisation;
    const res = await api('POST', `${path}/child-protection`, body);
    if (res.status === 200) {
      finish(here, `${step.name} recorded`, cpNext(res.body.child_protection));
      return;
    }
    backToForm(form);
    if (res.status === 409) {
      // The plan moved on meanwhile, or the step does not follow: say so,
      // and offer what the plan as it stands calls for.
      await reload();
      showErrors([{ field: null, message: `${step.name} was not recorded: ${(res.body && res.body.detail) || 'the plan does not call for it now'}.` }]);
      return;
    }
    const map = Object.fromEntries([choice, ...fields].filter(Boolean).map((f) => [f.api, f.id]));
    showErrors(formErrors(res, [choice, ...fields].filter(Boolean), map, `${step.name} could not be recorded just now. Try again.`));
  });
  return draw;
}

// ---- the page ----

if (me) {
  let res = await api('GET', path);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    let plan = res.body;
    const force = Boolean(plan.case); // the force's copy names its case
    const may = { write: me.may.includes('plan:write'), keep: force && me.may.includes('plan:write') };
    const who = await planSubject(plan);
    document.getElementById('who').textContent = who.name;
    document.title = `Safeguarding plan${who.name ? ` for ${who.name}` : ''} – Waymark`;
    const back = document.getElementById('back');
    if (force) back.href = `/case?id=${encodeURIComponent(plan.case.id)}`;
    else back.textContent = 'Back to what is shared with your organisation';
    back.hidden = false;

    const orgs = may.keep ? await api('GET', '/api/v1/organisations') : { status: 0 };
    const known = orgs.status === 200 ? orgs.body.items : [];
    const changeLevel = may.keep ? levelForm() : null;
    let updateAction = null;
    let drawSteps = () => {};
    const show = () => {
      showDetails(plan, who, may);
      showRisks(plan, may, changeLevel);
      showActions(plan, may, updateAction);
      showNotes(plan);
      const cp = plan.child_protection;
      document.getElementById('child-protection').hidden = !cp.applies;
      if (cp.applies) {
        showSteps(cp);
        drawSteps();
      }
    };
    // The plan as it stands now, after another's change refused this one.
    const reload = async () => {
      res = await api('GET', path);
      if (res.status === 200) plan = res.body;
      show();
    };
    if (may.write) updateAction = updateForm(reload);
    if (may.write && plan.child_protection.applies) {
      drawSteps = stepForm(() => plan, known.filter((o) => o.kind === 'local_authority'), reload);
    }
    if (may.keep) {
      riskForm();
      actionForm(known);
      document.getElementById('add-risk').hidden = false;
      document.getElementById('add-action').hidden = false;
    }
    if (may.write) {
      noteForm();
      document.getElementById('add-note').hidden = false;
    }
    show();
    document.getElementById('plan-body').hidden = false;
  }
}
