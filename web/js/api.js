// Waymark's browser client of its own JSON API: the same API integrations use.
import { initAll } from '/vendor/govuk-frontend.min.js';

let csrfToken = null;
// When this page last heard from the server: each request renews the session.
export let lastRequestAt = Date.now();

export function startPage() {
  document.body.classList.add('js-enabled', 'govuk-frontend-supported');
  initAll();
}

export function setCsrf(token) {
  csrfToken = token;
}

// Sends a request and answers {status, body}; body is parsed JSON or null.
// A header's value as the bytes of its UTF-8: fetch refuses a header with
// a character beyond U+00FF (a curly apostrophe in a stated purpose), and
// sends the others as single bytes; the server reads UTF-8.
const headerBytes = (v) => (/^[\x20-\x7e]*$/.test(v) ? v : String.fromCharCode(...new TextEncoder().encode(v)));

export async function api(method, path, body, extraHeaders = {}) {
  // A string body with its own Content-Type (a CSV file) goes as it is.
  const raw = typeof body === 'string' && Boolean(extraHeaders['Content-Type']);
  const headers = { Accept: 'application/json' };
  for (const [k, v] of Object.entries(extraHeaders)) headers[k] = headerBytes(String(v));
  if (body !== undefined && !raw) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  lastRequestAt = Date.now();
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined || raw ? body : JSON.stringify(body),
  });
  let data = null;
  const type = res.headers.get('Content-Type') || '';
  if (type.includes('json')) data = await res.json();
  return { status: res.status, body: data };
}

// Sends the browser to sign in, to come back here afterwards.
export function signInAgain(reason) {
  const p = new URLSearchParams({ next: window.location.pathname + window.location.search });
  if (reason) p.set('reason', reason);
  window.location.assign(`/sign-in?${p}`);
}

// The signed-in user, or a redirect to sign in (and back here after).
export async function requireUser() {
  const me = await api('GET', '/api/v1/me');
  if (me.status !== 200) {
    signInAgain();
    return null;
  }
  setCsrf(me.body.csrf_token);
  if (me.body.totp_enrolment_required && window.location.pathname !== '/second-factor') {
    window.location.assign('/second-factor');
    return null;
  }
  return me.body;
}

// Shows in place of the page the GOV.UK problem page for an answer that was
// not the record asked for: "Page not found" for 404 (which is also what a
// record outside the user's reach answers), "You cannot do this" for 403,
// otherwise "Sorry, there is a problem with the service"; 401 signs in again.
export async function showProblem(status) {
  if (status === 401) {
    signInAgain();
    return;
  }
  const name = status === 404 || status === 403 ? String(status) : '500';
  const res = await fetch(`/${name}.html`, { headers: { Accept: 'text/html' } });
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  document.getElementById('main-content').replaceWith(doc.getElementById('main-content'));
  document.title = doc.title;
}

// Shows a GOV.UK error summary and inline messages.
// errors: [{field, message, label}] where field is an input id or null.
export function showErrors(errors) {
  const summary = document.getElementById('error-summary');
  const list = document.getElementById('error-list');
  list.replaceChildren();
  document.querySelectorAll('.govuk-form-group--error').forEach((g) => g.classList.remove('govuk-form-group--error'));
  for (const kind of ['input', 'textarea', 'select']) {
    document.querySelectorAll(`.govuk-${kind}--error`).forEach((i) => i.classList.remove(`govuk-${kind}--error`));
  }
  document.querySelectorAll('.govuk-error-message').forEach((m) => { m.hidden = true; m.replaceChildren(); });
  for (const e of errors) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.textContent = e.message;
    a.href = e.field ? `#${e.field}` : '#main-content';
    li.append(a);
    list.append(li);
    if (!e.field) continue;
    const group = document.getElementById(`${e.field}-group`);
    const input = document.getElementById(e.field);
    const msg = document.getElementById(`${e.field}-error`);
    if (group) group.classList.add('govuk-form-group--error');
    if (input) {
      const kind = ['input', 'textarea', 'select'].find((k) => input.classList.contains(`govuk-${k}`));
      if (kind) input.classList.add(`govuk-${kind}--error`);
      input.setAttribute('aria-describedby', `${e.field}-error`);
    }
    if (msg) {
      const hidden = document.createElement('span');
      hidden.className = 'govuk-visually-hidden';
      hidden.textContent = 'Error: ';
      msg.append(hidden, e.message);
      msg.hidden = false;
    }
  }
  summary.hidden = errors.length === 0;
  if (errors.length) {
    document.title = `Error: ${document.title.replace(/^Error: /, '')}`;
    summary.focus();
  }
}

const roleNames = {
  admin: 'Administrator',
  supervisor: 'Supervisor',
  investigator: 'Investigator',
  safeguarding: 'Safeguarding officer',
  analyst: 'Analyst',
  opcc: 'OPCC',
  partner: 'Partner',
  auditor: 'Auditor',
  records_manager: 'Records manager',
};

export function roleName(role) {
  return roleNames[role] || role;
}

// Fills the MOJ identity bar and wires sign-out.
export function showIdentity(user) {
  document.getElementById('identity-name').textContent = user.display_name;
  document.getElementById('identity-role').textContent = roleName(user.role);
  document.getElementById('identity-org').textContent = user.org.name;
  document.getElementById('identity-bar').hidden = false;
  document.getElementById('sign-out').addEventListener('click', async () => {
    await api('DELETE', '/api/v1/session');
    window.location.assign('/sign-in');
  });
}
