// The audit log for auditors: whether its hash chain is intact, its entries
// filtered by person, record, what was done and when, paged by the server's
// `before` cursor, and the filtered entries as a CSV file.
import { api, showErrors } from '/js/api.js';
import { field, readField, writeField } from '/js/form.js';
import { cell, emptyRow, longDate, longTime, pagination, signedInPage, stackLabels } from '/js/shell.js';

const PAGE = 50;

// What an entry records, by name.
const actionNames = {
  login: 'Signed in',
  login_failed: 'Failed to sign in',
  logout: 'Signed out',
  signed_out_everywhere: 'Signed out everywhere',
  sign_in_delayed: 'Sign-ins delayed after failures',
  sign_in_limit_reached: 'Account reached its limit of failed sign-ins',
  password_changed: 'Changed their password',
  password_reset_issued: 'Made a password reset link',
  password_reset_used: 'Set a password with a reset link',
  password_reset_wrong_code: 'Wrong code with a password reset link',
  totp_enrolment_started: 'Started setting up a second factor',
  totp_enabled: 'Set up a second factor',
  second_factor_reset_requested: 'Asked for a second factor to be reset',
  second_factor_reset_approved: 'Approved a second factor reset',
  user_created: 'Created an account',
  user_changed: 'Changed an account',
  org_created: 'Created an organisation',
  org_area_changed: "Changed a Commissioner's area",
  settings_changed: 'Changed security settings',
  case_created: 'Created a case',
  case_changed: 'Changed a case',
  case_viewed: 'Looked at a case',
  person_created: 'Recorded a person',
  person_changed: "Changed a person's record",
  person_viewed: "Looked at a person's record",
  person_merged: 'Merged two records of a person',
  person_unmerged: 'Undid a merge of two records',
  sealed_field_viewed: 'Revealed a sealed field',
  nrm_referral_viewed: 'Looked at an NRM referral',
  nrm_summary_viewed: 'Looked at an NRM summary',
  service_referral_viewed: 'Looked at a service referral',
  duty_to_notify_viewed: 'Looked at a Duty to Notify record',
  order_viewed: 'Looked at an order',
  staff_profile_changed: "Changed a staff member's profile",
  staff_absence_recorded: 'Recorded an absence',
  training_recorded: 'Recorded training',
  training_imported: 'Imported training records',
  training_exported: 'Exported training records',
  bank_holiday_added: 'Added a bank holiday',
  audit_read: 'Read the audit log',
  audit_verified: 'Checked the audit log is intact',
  audit_exported: 'Exported the audit log',
};
const actionName = (a) => actionNames[a] || (a.charAt(0).toUpperCase() + a.slice(1).replace(/_/g, ' '));

const recordNames = { user: 'Account', case: 'Case', person: 'Person', org: 'Organisation', settings: 'Settings' };
const recordName = (t) => recordNames[t] || (t ? t.charAt(0).toUpperCase() + t.slice(1).replace(/_/g, ' ') : 'Record');

const dateFields = [
  { id: 'from', label: 'From', kind: 'date', hint: 'For example, 4 1 2022' },
  { id: 'to', label: 'To', kind: 'date', hint: 'Up to the end of this day' },
];

// The start of a day (YYYY-MM-DD) in this browser's time, as a UTC time.
function startOf(day, plusDays = 0) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// The API's filters from the page's address.
function apiQuery(here) {
  const q = new URLSearchParams();
  for (const k of ['actor', 'action', 'record']) if (here.get(k)) q.set(k, here.get(k));
  if (here.get('from')) q.set('from', startOf(here.get('from')));
  if (here.get('to')) q.set('to', startOf(here.get('to'), 1));
  return q;
}

function describe(here) {
  const parts = [];
  if (here.get('actor')) parts.push(`by ${here.get('actor')}`);
  if (here.get('action')) parts.push(`“${actionName(here.get('action'))}”`);
  if (here.get('record')) parts.push(`about record ${here.get('record')}`);
  if (here.get('from')) parts.push(`from ${longDate(here.get('from'))}`);
  if (here.get('to')) parts.push(`to ${longDate(here.get('to'))}`);
  return parts.length ? `Entries ${parts.join(', ')}.` : 'All entries you may read.';
}

async function showVerification() {
  const res = await api('GET', '/api/v1/audit/verification');
  if (res.status !== 200) {
    showErrors([{ field: null, message: 'Whether the log is intact could not be checked just now. Reload the page to try again.' }]);
    return;
  }
  const v = res.body;
  if (v.intact) {
    document.getElementById('intact-text').textContent =
      `All ${v.entries.toLocaleString('en-GB')} entries of the log follow each other unchanged (checked ${longTime(v.checked_at)}).`;
    document.getElementById('intact').hidden = false;
  } else {
    document.getElementById('broken-heading').textContent =
      `The audit log has been tampered with: ${v.problem}. The ${v.entries.toLocaleString('en-GB')} entries before it are intact.`;
    document.getElementById('broken').hidden = false;
  }
}

const me = await signedInPage();
if (me) {
  const here = new URLSearchParams(window.location.search);
  const actions = document.getElementById('action');
  for (const [value, label] of Object.entries(actionNames).sort((a, b) => a[1].localeCompare(b[1]))) {
    actions.append(Object.assign(document.createElement('option'), { value, textContent: label }));
  }
  const dates = document.getElementById('dates');
  for (const f of dateFields) dates.append(field(f));
  for (const k of ['actor', 'action', 'record']) document.getElementById(k).value = here.get(k) || '';
  for (const f of dateFields) writeField(f, here.get(f.id) || '');

  document.getElementById('filter').addEventListener('submit', (event) => {
    event.preventDefault();
    const p = new URLSearchParams();
    for (const k of ['actor', 'action', 'record']) {
      const v = document.getElementById(k).value.trim();
      if (v) p.set(k, v);
    }
    const errors = [];
    for (const f of dateFields) {
      const v = readField(f);
      if (v === 'invalid') errors.push({ field: f.id, message: `${f.label} must be a real date, such as 4 1 2022` });
      else if (v) p.set(f.id, v);
    }
    if (!errors.length && p.get('from') && p.get('to') && p.get('to') < p.get('from')) {
      errors.push({ field: 'to', message: 'To must be the same as or after From' });
    }
    if (errors.length) {
      showErrors(errors);
      return;
    }
    window.location.assign(`/audit${p.toString() ? `?${p}` : ''}`);
  });

  const q = apiQuery(here);
  document.getElementById('export').href = `/api/v1/audit/export${q.toString() ? `?${q}` : ''}`;
  document.getElementById('filters-text').textContent = describe(here);
  const list = new URLSearchParams(q);
  list.set('limit', String(PAGE));
  if (here.get('cursor')) list.set('before', here.get('cursor'));
  const [res] = await Promise.all([api('GET', `/api/v1/audit?${list}`), showVerification()]);
  if (res.status !== 200) {
    showErrors([{ field: null, message: res.status === 403 ? 'Only auditors read the audit log.' : 'The audit log could not be read just now. Try again.' }]);
  } else {
    const body = document.getElementById('entries');
    for (const e of res.body.items) {
      const row = document.createElement('tr');
      row.className = 'govuk-table__row';
      cell(row, longTime(e.at));
      cell(row, e.actor || 'Waymark (command line)');
      const what = cell(row, actionName(e.action));
      if (e.purpose) {
        const purpose = document.createElement('span');
        purpose.className = 'govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0';
        purpose.textContent = `Purpose: ${e.purpose}`;
        what.append(purpose);
      }
      cell(row, e.record_id ? `${recordName(e.record_type)} ${e.record_id}` : '');
      cell(row, e.address || '');
      body.append(row);
    }
    if (!res.body.items.length) emptyRow(body, 'No entries match these filters.', 5);
    stackLabels(body.closest('table'));
    pagination(document.getElementById('pages'), { items: res.body.items, next_cursor: res.body.next_before ? String(res.body.next_before) : null, total: 0 }, PAGE);
    document.getElementById('export').hidden = !res.body.items.length;
  }
  document.getElementById('audit-body').hidden = false;
}
