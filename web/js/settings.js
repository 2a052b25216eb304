// Settings, for administrators: an organisation's security settings (which
// roles must use a second factor), its missing people clocks (how often a
// grading is reviewed, when the safe and well check is due), the bank
// holidays the working-day clocks skip, the installation's disclosure
// threshold (below which a published count is hidden), and the training courses (fixed in
// Waymark, shown read-only).
import { api, roleName, showErrors, showProblem } from '/js/api.js';
import { showSuccess } from '/js/admin.js';
import { addFields, readField, writeField } from '/js/form.js';
import { cell, emptyRow, longDate, signedInPage, stackLabels } from '/js/shell.js';

const ROLES = ['admin', 'supervisor', 'investigator', 'safeguarding', 'analyst', 'opcc', 'partner', 'auditor', 'records_manager'];
const me = await signedInPage();
const here = new URLSearchParams(window.location.search);
const orgId = here.get('org') || '';
const settingsPath = `/api/v1/settings/security${orgId ? `?org=${encodeURIComponent(orgId)}` : ''}`;
const settingsPage = `/settings${orgId ? `?org=${encodeURIComponent(orgId)}` : ''}`;
const missingPath = `/api/v1/settings/missing${orgId ? `?org=${encodeURIComponent(orgId)}` : ''}`;
const disclosurePath = '/api/v1/settings/disclosure';
const deconflictionPath = '/api/v1/settings/deconfliction';
const views = ['main-view', 'security-view', 'missing-view', 'disclosure-view', 'deconfliction-view', 'holiday-view', 'check-view'];
let security = null;
let missing = null;
let disclosure = null;
let deconfliction = null;

function show(view, title) {
  for (const v of views) document.getElementById(v).hidden = v !== view;
  document.getElementById('conflict').hidden = true;
  document.title = `${title} – Waymark`;
}

// Another administrator saved first: the banner says what they chose and
// takes the focus; this one's answers stay, and a second save puts them
// over theirs.
function showConflict(detail) {
  showErrors([]);
  document.getElementById('conflict-detail').textContent = detail;
  const banner = document.getElementById('conflict');
  banner.hidden = false;
  banner.setAttribute('tabindex', '-1');
  banner.focus();
}

function rolesText(roles) {
  return roles.length ? roles.map(roleName).join(', ') : 'None';
}

function changeLink(href, hidden, onClick) {
  const a = document.createElement('a');
  a.className = 'govuk-link';
  a.href = href;
  a.textContent = 'Change';
  const span = document.createElement('span');
  span.className = 'govuk-visually-hidden';
  span.textContent = ` ${hidden}`;
  a.append(span);
  if (onClick) a.addEventListener('click', (e) => { e.preventDefault(); onClick(); });
  return a;
}

// Fills a GOV.UK summary list: [key, value, action link or null].
function rows(dl, list) {
  dl.replaceChildren();
  for (const [key, value, action] of list) {
    const row = document.createElement('div');
    row.className = 'govuk-summary-list__row';
    const dt = Object.assign(document.createElement('dt'), { className: 'govuk-summary-list__key', textContent: key });
    const dd = Object.assign(document.createElement('dd'), { className: 'govuk-summary-list__value', textContent: value });
    row.append(dt, dd);
    const act = document.createElement('dd');
    act.className = 'govuk-summary-list__actions';
    if (action) act.append(action);
    row.append(act);
    dl.append(row);
  }
}

function fillSecurity(s) {
  security = s;
  document.getElementById('security-whose').textContent = `For ${s.org.name}.`;
  rows(document.getElementById('security'), [
    ['Roles that must use a second factor', rolesText(s.totp_required_roles),
      changeLink(`${settingsPage}${orgId ? '&' : '?'}change=security`, 'the roles that must use a second factor')],
  ]);
}

// ---- missing people's clocks ----

const GRADINGS = [['high', 'High risk'], ['medium', 'Medium risk'], ['low', 'Low risk'], ['no_apparent_risk', 'No apparent risk']];
const hours = (n) => `${n} hour${n === 1 ? '' : 's'}`;
const missingFields = [
  ...GRADINGS.map(([code, name]) => ({
    id: `review-${code}`, label: `${name}: review every`, hint: 'Hours', width: 3,
    error: `Enter how many hours pass between reviews of ${name.toLowerCase()}, a whole number from 1 to 168`,
  })),
  {
    id: 'safe-and-well', label: 'Safe and well check: due after the return within', hint: 'Hours', width: 3,
    error: 'Enter how many hours after the return the safe and well check is due, a whole number from 1 to 168',
  },
];

function fillMissing(m) {
  missing = m;
  rows(document.getElementById('missing'), [
    ...GRADINGS.map(([code, name]) => [`${name}: review every`, hours(m.review_hours[code]),
      changeLink(`${settingsPage}${orgId ? '&' : '?'}change=missing`, `how often ${name.toLowerCase()} is reviewed`)]),
    ['Safe and well check: due within', `${hours(m.safe_and_well_hours)} of the return`,
      changeLink(`${settingsPage}${orgId ? '&' : '?'}change=missing`, 'when the safe and well check is due')],
  ]);
}

// A whole number of hours from 1 to 168, or null.
function wholeHours(text) {
  return /^\d{1,3}$/.test(text) && Number(text) >= 1 && Number(text) <= 168 ? Number(text) : null;
}

function missingForm() {
  addFields(document.getElementById('missing-fields'), missingFields);
  for (const f of missingFields) {
    const input = document.getElementById(f.id);
    input.inputMode = 'numeric';
    input.spellcheck = false;
  }
  GRADINGS.forEach(([code], i) => writeField(missingFields[i], String(missing.review_hours[code])));
  writeField(missingFields[4], String(missing.safe_and_well_hours));
  document.getElementById('missing-caption').textContent = missing.org.name;
  show('missing-view', 'When are missing people’s clocks due?');
  document.getElementById(missingFields[0].id).focus();
  let base = missing;
  document.getElementById('missing-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const values = missingFields.map((f) => wholeHours(String(readField(f) || '').trim()));
    const errors = missingFields.flatMap((f, i) => (values[i] === null ? [{ field: f.id, message: f.error }] : []));
    showErrors(errors);
    if (errors.length) return;
    const body = {
      review_hours: Object.fromEntries(GRADINGS.map(([code], i) => [code, values[i]])),
      safe_and_well_hours: values[4],
    };
    const res = await api('PUT', missingPath, body, { 'If-Match': `"${base.version}"` });
    if (res.status === 200) {
      fillMissing(res.body);
      backToMain(`Missing people settings saved for ${res.body.org.name}. High risk is reviewed every ${hours(res.body.review_hours.high)}; the safe and well check is due within ${hours(res.body.safe_and_well_hours)} of the return.`);
      return;
    }
    if (res.status === 412 && res.body && res.body.current) {
      base = res.body.current;
      showConflict(`They set high risk to be reviewed every ${hours(base.review_hours.high)} and the safe and well check within ${hours(base.safe_and_well_hours)}.`);
      return;
    }
    if (res.status === 403 || res.status === 404) {
      await showProblem(res.status);
      return;
    }
    showErrors([{ field: null, message: 'The missing people settings could not be saved just now. Try again.' }]);
  });
}

// ---- the disclosure threshold: one number for the whole installation ----

const thresholdField = {
  id: 'threshold', label: 'Hide any count below',
  hint: 'A whole number from 3 to 100. The default is 10. A higher number hides more.', width: 3,
  error: 'Enter the threshold, a whole number from 3 to 100',
};

function fillDisclosure(d) {
  disclosure = d;
  rows(document.getElementById('disclosure'), [
    ['Hide any count below', `${d.threshold}${d.threshold === d.default ? ' (the default)' : ''}`,
      changeLink(`${settingsPage}${orgId ? '&' : '?'}change=disclosure`, 'the disclosure threshold')],
  ]);
}

function disclosureForm() {
  addFields(document.getElementById('disclosure-fields'), [thresholdField]);
  const input = document.getElementById(thresholdField.id);
  input.inputMode = 'numeric';
  input.spellcheck = false;
  writeField(thresholdField, String(disclosure.threshold));
  show('disclosure-view', 'What is the smallest count Waymark may publish?');
  input.focus();
  let base = disclosure;
  document.getElementById('disclosure-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = String(readField(thresholdField) || '').trim();
    const value = /^\d{1,3}$/.test(text) && Number(text) >= base.minimum && Number(text) <= base.maximum ? Number(text) : null;
    const errors = value === null ? [{ field: thresholdField.id, message: thresholdField.error }] : [];
    showErrors(errors);
    if (errors.length) return;
    const res = await api('PUT', disclosurePath, { threshold: value }, { 'If-Match': `"${base.version}"` });
    if (res.status === 200) {
      fillDisclosure(res.body);
      backToMain(`Disclosure threshold saved. Every published count below ${res.body.threshold} is now hidden.`);
      return;
    }
    if (res.status === 412 && res.body && res.body.current) {
      base = res.body.current;
      showConflict(`They set the threshold to ${base.threshold}.`);
      return;
    }
    if (res.status === 422) {
      showErrors([{ field: thresholdField.id, message: thresholdField.error }]);
      return;
    }
    if (res.status === 403) {
      await showProblem(403);
      return;
    }
    showErrors([{ field: null, message: 'The threshold could not be saved just now. Try again.' }]);
  });
}

// ---- the deconfliction contact: whom others call about a match ----

const deconflictionFields = [
  { id: 'contact_role', label: 'Role or desk', hint: 'Such as Force Intelligence Bureau, deconfliction desk.', error: 'Enter the role or desk, 200 characters or fewer' },
  { id: 'contact_how', label: 'How to reach it', hint: 'A telephone number or a shared mailbox.', error: 'Enter how to reach it, 200 characters or fewer' },
];

function fillDeconfliction(d) {
  deconfliction = d;
  rows(document.getElementById('deconfliction'), [
    ['Role or desk', d.role || 'Not set', changeLink(`${settingsPage}${orgId ? '&' : '?'}change=deconfliction`, 'the deconfliction contact')],
    ['How to reach it', d.contact || 'Not set', null],
  ]);
}

function deconflictionForm() {
  addFields(document.getElementById('deconfliction-fields'), deconflictionFields);
  writeField(deconflictionFields[0], deconfliction.role || '');
  writeField(deconflictionFields[1], deconfliction.contact || '');
  document.getElementById('deconfliction-caption').textContent = deconfliction.organisation ? deconfliction.organisation.name : '';
  show('deconfliction-view', 'Who should others contact about a match?');
  document.getElementById('contact_role').focus();
  let base = deconfliction;
  document.getElementById('deconfliction-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { role: readField(deconflictionFields[0]), contact: readField(deconflictionFields[1]) };
    const errors = deconflictionFields.filter((f, i) => { const v = i ? body.contact : body.role; return !v || v.length > 200; })
      .map((f) => ({ field: f.id, message: f.error }));
    showErrors(errors);
    if (errors.length) return;
    const res = await api('PUT', deconflictionPath, body, { 'If-Match': `"${base.version || 0}"` });
    if (res.status === 200) {
      fillDeconfliction(res.body);
      backToMain(`Deconfliction contact saved. Link notices about your cases now name ${res.body.role}, ${res.body.contact}.`);
      return;
    }
    if (res.status === 412 && res.body && res.body.current) {
      base = res.body.current;
      showConflict(`They set the contact to ${base.role}, ${base.contact}.`);
      return;
    }
    if (res.status === 422) {
      const errs = (res.body && res.body.errors) || [];
      showErrors(errs.map((x) => {
        const f = x.field === 'contact' ? deconflictionFields[1] : deconflictionFields[0];
        return { field: f.id, message: `${f.label} ${x.message}` };
      }));
      return;
    }
    if (res.status === 403) {
      await showProblem(403);
      return;
    }
    showErrors([{ field: null, message: 'The contact could not be saved just now. Try again.' }]);
  });
}

function fillHolidays(items) {
  const body = document.getElementById('holidays');
  body.replaceChildren();
  const from = `${new Date().getFullYear()}-01-01`;
  const shown = items.filter((h) => h.day >= from).sort((a, b) => a.day.localeCompare(b.day));
  for (const h of shown) {
    const row = document.createElement('tr');
    row.className = 'govuk-table__row';
    cell(row, longDate(h.day));
    cell(row, h.name);
    body.append(row);
  }
  if (!shown.length) emptyRow(body, 'None from this year on', 2);
  stackLabels(body.closest('table'));
}

function fillCourses(items) {
  const body = document.getElementById('courses');
  body.replaceChildren();
  for (const c of items) {
    const row = document.createElement('tr');
    row.className = 'govuk-table__row';
    cell(row, c.name);
    cell(row, `${c.valid_years} year${c.valid_years === 1 ? '' : 's'}`);
    body.append(row);
  }
  stackLabels(body.closest('table'));
}

async function load() {
  const [s, m, d, h, c, dc] = await Promise.all([
    api('GET', settingsPath), api('GET', missingPath), api('GET', disclosurePath), api('GET', '/api/v1/bank-holidays'),
    api('GET', '/api/v1/training/courses'), api('GET', deconflictionPath),
  ]);
  for (const res of [s, m, d, h, c, dc]) {
    if (res.status !== 200) {
      await showProblem(res.status);
      return false;
    }
  }
  fillSecurity(s.body);
  fillMissing(m.body);
  fillDisclosure(d.body);
  fillDeconfliction(dc.body);
  fillHolidays(h.body.items);
  fillCourses(c.body.items);
  document.getElementById('add-holiday').hidden = !me.may.includes('reference:administer');
  return true;
}

function backToMain(message) {
  window.history.replaceState(null, '', settingsPage);
  show('main-view', 'Settings');
  showErrors([]);
  if (message) showSuccess(message);
}

// ---- which roles must use a second factor ----

function securityForm() {
  const boxes = document.getElementById('roles-boxes');
  boxes.replaceChildren();
  ROLES.forEach((r, i) => {
    const item = document.createElement('div');
    item.className = 'govuk-checkboxes__item';
    const input = Object.assign(document.createElement('input'), {
      className: 'govuk-checkboxes__input', type: 'checkbox', name: 'roles', value: r, id: i ? `roles-${i}` : 'roles',
    });
    input.checked = security.totp_required_roles.includes(r);
    const label = Object.assign(document.createElement('label'), {
      className: 'govuk-label govuk-checkboxes__label', htmlFor: input.id, textContent: roleName(r),
    });
    item.append(input, label);
    boxes.append(item);
  });
  document.getElementById('security-caption').textContent = security.org.name;
  show('security-view', 'Which roles must use a second factor?');
  document.getElementById('roles').focus();
  let base = security;
  document.getElementById('security-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const roles = [...document.querySelectorAll('input[name="roles"]:checked')].map((i) => i.value);
    const res = await api('PUT', settingsPath, { totp_required_roles: roles }, { 'If-Match': `"${base.version}"` });
    if (res.status === 200) {
      fillSecurity(res.body);
      backToMain(`Security settings saved for ${res.body.org.name}. Roles that must use a second factor: ${rolesText(res.body.totp_required_roles)}.`);
      return;
    }
    if (res.status === 412 && res.body && res.body.current) {
      // Another administrator saved first: say what they chose; this
      // user's ticks stay, and a second save puts them over theirs.
      base = res.body.current;
      showConflict(`They set the roles that must use a second factor to: ${rolesText(base.totp_required_roles)}.`);
      return;
    }
    if (res.status === 403 || res.status === 404) {
      await showProblem(res.status);
      return;
    }
    showErrors([{ field: null, message: 'The security settings could not be saved just now. Try again.' }]);
  });
}

// ---- a bank holiday: the date and its name, checked, then added ----

const holidayFields = [
  { id: 'day', label: 'Date', kind: 'date', hint: 'A weekday, for example 27 12 2027' },
  { id: 'name', label: 'Name', hint: 'For example, Boxing Day (substitute day)' },
];

function holidayForm() {
  const form = document.getElementById('holiday-form');
  addFields(document.getElementById('holiday-fields'), holidayFields);
  let answers = null;
  const toForm = (focus) => {
    show('holiday-view', 'Add a bank holiday');
    document.getElementById(focus || 'day').focus();
  };
  const toCheck = () => {
    rows(document.getElementById('check'), [
      ['Date', longDate(answers.day), changeLink('#day', 'the date', () => toForm('day'))],
      ['Name', answers.name, changeLink('#name', 'the name', () => toForm('name'))],
    ]);
    show('check-view', 'Check your answers before adding the bank holiday');
    document.querySelector('#check-view h1').setAttribute('tabindex', '-1');
    document.querySelector('#check-view h1').focus();
  };
  document.getElementById('check-back').addEventListener('click', (e) => { e.preventDefault(); toForm(); });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const day = readField(holidayFields[0]);
    const name = readField(holidayFields[1]);
    const errors = [];
    if (!day) errors.push({ field: 'day', message: 'Enter the date of the bank holiday' });
    else if (day === 'invalid') errors.push({ field: 'day', message: 'Date must be a real date' });
    else if ([0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay())) errors.push({ field: 'day', message: 'Date must be a weekday: a bank holiday on a weekend moves to a weekday' });
    if (!name) errors.push({ field: 'name', message: 'Enter the name of the bank holiday' });
    showErrors(errors);
    if (errors.length) return;
    answers = { day, name };
    toCheck();
  });
  document.getElementById('holiday-add').addEventListener('click', async () => {
    const res = await api('POST', '/api/v1/bank-holidays', answers);
    if (res.status === 201) {
      const h = await api('GET', '/api/v1/bank-holidays');
      if (h.status === 200) fillHolidays(h.body.items);
      holidayFields.forEach((f) => writeField(f, ''));
      backToMain(`${res.body.name} on ${longDate(res.body.day)} added to the bank holidays`);
      return;
    }
    if (res.status === 409 || res.status === 422) {
      toForm('day');
      const errs = (res.body && res.body.errors) || [];
      showErrors(res.status === 409
        ? [{ field: 'day', message: `${longDate(answers.day)} is already a bank holiday` }]
        : errs.map((x) => ({ field: ['day', 'name'].includes(x.field) ? x.field : null, message: `${x.field === 'day' ? 'Date' : 'Name'} ${x.message}` })));
      return;
    }
    if (res.status === 403) {
      await showProblem(403);
      return;
    }
    showErrors([{ field: null, message: 'The bank holiday could not be added just now. Try again.' }]);
  });
  toForm();
}

if (me) {
  if (!me.may.includes('settings:administer')) {
    await showProblem(403);
  } else if (await load()) {
    const change = here.get('change');
    const wanted = ['security', 'missing', 'disclosure', 'deconfliction'].includes(change) ? change : here.get('add') === 'bank-holiday' ? 'holiday' : '';
    if (wanted === 'security') securityForm();
    else if (wanted === 'missing') missingForm();
    else if (wanted === 'disclosure') disclosureForm();
    else if (wanted === 'deconfliction') deconflictionForm();
    else if (wanted === 'holiday' && me.may.includes('reference:administer')) holidayForm();
    else show('main-view', 'Settings');
  }
}
