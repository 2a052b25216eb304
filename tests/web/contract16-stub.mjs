// A stand-in, inside the browser tests, for the routes of issue 16 that the
// server does not answer yet: the directory of services, service referrals,
// Go bags and victims' feedback, shaped as /work/contract16.md says. Each
// page's requests to those routes are answered here (playwright's
// page.route); everything else (signing in, cases, people, consent, the
// worklist) goes to the real server. Two real answers are added to: a
// case's victims gain their service_referrals and go_bags, and the worklist
// gains the three new kinds (for the Commissioner's office, whose worklist
// the server refuses today, it is answered here whole).
//
// Once the routes are merged, drop the stub from the tests that use it and
// set the records up through the API instead.

const now = () => new Date();
const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
let counter = 0;
const newId = (prefix) => `${prefix}-${++counter}`;

export const kinds = ['isva', 'advocacy', 'navigator', 'housing', 'mental_health', 'legal_advice', 'immigration_advice',
  'interpreting', 'substance_misuse', 'other'];

// The records the stub holds; a test fills what it needs and reads `calls`
// to see what the pages sent.
export function stubState() {
  return {
    services: [],
    referrals: [],
    locations: [],
    stock: [],
    issued: [],
    invitations: [],
    comments: [],
    report: null,
    worklist: [],
    monitored: new Set(), // links whose safe contact phone may be monitored
    noSafeContact: new Set(), // links with no safe contact method recorded
    noConsent: new Set(), // links whose consent does not cover support
    partnersForOpcc: null, // the partner organisations the Commissioner's office is offered
    calls: [],
  };
}

export function service(state, fields) {
  const s = {
    id: newId('svc'), version: 1, provider_organisation_id: 'org-provider', provider_organisation: 'Haven Trust Victim Support',
    ages: { min: 18, max: 120 }, languages: [], area: 'Demo County', capacity: null, response_hours: 48, active: true,
    organisation_id: 'org-opcc', ...fields,
  };
  state.services.push(s);
  return s;
}

export function referral(state, fields) {
  const at = fields.referred_at || iso(now());
  const r = {
    id: newId('ref'), version: 1, status: 'referred', need: 'Somewhere safe to stay tonight.', urgency: 'urgent',
    referred_at: at, respond_by: iso(new Date(Date.parse(at) + 48 * 3600 * 1000)), answered_at: null, overdue: false,
    reason: null, outcome: null, history: [{ status: 'referred', at, by: 'the force' }],
    case: { id: 'case-x', reference: 'WM-2026-0001' }, person: { given_names: 'Ana', family_name: 'Hoxha' }, link_id: null, ...fields,
  };
  state.referrals.push(r);
  return r;
}

const problem = (status, title, errors) => ({ status, contentType: 'application/problem+json', body: JSON.stringify({ status, title, detail: title, ...(errors ? { errors } : {}) }) });
const json = (status, body) => ({ status, contentType: 'application/json', body: JSON.stringify(body) });

function ifMatch(req, record) {
  const m = /"(\d+)"/.exec(req.headers()['if-match'] || '');
  if (!m) return problem(428, 'If-Match is required');
  if (Number(m[1]) !== record.version) return { status: 412, contentType: 'application/problem+json', body: JSON.stringify({ status: 412, title: 'Changed meanwhile', current: record }) };
  return null;
}

// The services for a query, each saying whether it serves the age and
// speaks the language asked, those that do both first, then by name.
function servicesFor(state, q, writer) {
  const age = q.get('age') === null ? null : Number(q.get('age'));
  const language = q.get('language');
  const active = q.get('active');
  let items = state.services.filter((s) => (!q.get('kind') || s.kind === q.get('kind'))
    && (active === 'false' ? !s.active : active === 'true' || !writer ? s.active : true));
  items = items.map((s) => ({
    ...s,
    serves_age: age === null ? null : age >= s.ages.min && age <= s.ages.max,
    speaks_language: language === null ? null : s.languages.includes(language),
  }));
  const score = (s) => (s.serves_age ? 1 : 0) + (s.speaks_language ? 1 : 0);
  return items.sort((a, b) => score(b) - score(a) || a.name.localeCompare(b.name));
}

// The provider's path and the force's one way out (contract section 2).
const providerMoves = { referred: ['accepted', 'declined'], accepted: ['in_progress', 'closed'], in_progress: ['closed'] };
const outcomes = ['support_completed', 'victim_declined', 'lost_contact', 'moved_away', 'other'];

function moveReferral(state, r, body, role, by) {
  const to = body.status;
  const partner = role === 'partner';
  if (to === 'withdrawn' ? partner : !partner) return problem(403, 'You cannot do this');
  const open = ['referred', 'accepted', 'in_progress'];
  const allowed = to === 'withdrawn' ? open.includes(r.status) : (providerMoves[r.status] || []).includes(to);
  if (!allowed) return problem(409, `The referral is ${r.status}`);
  if ((to === 'declined' || to === 'withdrawn') && !body.reason) return problem(422, 'Invalid', [{ field: 'reason', message: 'is required' }]);
  if (to === 'closed' && !outcomes.includes(body.outcome)) return problem(422, 'Invalid', [{ field: 'outcome', message: `must be one of ${outcomes.join(', ')}` }]);
  const at = iso(now());
  if (r.status === 'referred') r.answered_at = at;
  r.status = to;
  r.overdue = false;
  if (body.reason) r.reason = body.reason;
  if (body.outcome) r.outcome = body.outcome;
  r.version += 1;
  r.history.push({ status: to, at, by });
  return json(200, r);
}

const qrSvg = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29" width="290" height="290"><rect width="29" height="29" fill="#fff"/><path d="M1 1h7v7H1zM21 1h7v7h-7zM1 21h7v7H1zM10 10h9v9h-9z" fill="#000"/></svg>').toString('base64')}`;

// Answers one request of the new routes, or null to let the server answer.
function answer(state, req, role, by) {
  const url = new URL(req.url());
  const path = url.pathname;
  const method = req.method();
  const q = url.searchParams;
  const body = req.postData() ? JSON.parse(req.postData()) : undefined;
  const writer = role === 'opcc' || role === 'admin';
  let m;
  // The partners the Commissioner's office may name as providers: the
  // server lists none to it today (it lists those near its own
  // organisation), so a test gives them.
  if (path === '/api/v1/organisations' && method === 'GET' && q.get('kind') === 'partner' && state.partnersForOpcc && role === 'opcc') {
    return json(200, { items: state.partnersForOpcc, total: state.partnersForOpcc.length, next_cursor: null });
  }
  const call = { method, path: path + url.search, body };

  if (path === '/api/v1/services' && method === 'GET') return json(200, { items: servicesFor(state, q, writer) });
  if (path === '/api/v1/services' && method === 'POST') {
    state.calls.push(call);
    if (!writer) return problem(403, 'You cannot do this');
    const errors = ['name', 'provider_organisation_id', 'kind', 'response_hours'].filter((f) => body[f] === undefined || body[f] === '')
      .map((field) => ({ field, message: 'is required' }));
    if (errors.length) return problem(422, 'Invalid', errors);
    const s = service(state, { ...body, provider_organisation: body.provider_organisation_id === 'org-provider' ? 'Haven Trust Victim Support' : 'Demo County Council Adult Safeguarding' });
    return json(201, { id: s.id, version: s.version });
  }
  if ((m = /^\/api\/v1\/services\/([^/]+)$/.exec(path))) {
    const s = state.services.find((x) => x.id === m[1]);
    if (!s) return problem(404, 'Not found');
    if (method === 'GET') return json(200, s);
    if (method === 'PATCH') {
      state.calls.push(call);
      const stale = ifMatch(req, s);
      if (stale) return stale;
      Object.assign(s, body);
      s.version += 1;
      return json(200, s);
    }
  }
  if ((m = /^\/api\/v1\/cases\/([^/]+)\/people\/([^/]+)\/service-referrals$/.exec(path)) && method === 'POST') {
    state.calls.push(call);
    const s = state.services.find((x) => x.id === body.service_id && x.active);
    const errors = [];
    if (!s) errors.push({ field: 'service_id', message: 'is not a service you can refer to' });
    if (!body.need) errors.push({ field: 'need', message: 'is required' });
    if (!['immediate', 'urgent', 'routine'].includes(body.urgency)) errors.push({ field: 'urgency', message: 'must be immediate, urgent or routine' });
    if (state.noConsent.has(m[2])) errors.push({ field: 'consent', message: 'record the victim\'s consent to share for support first (or refer a child to safeguard them)' });
    if (errors.length) return problem(422, 'Invalid', errors);
    const at = now();
    const r = referral(state, {
      service: { id: s.id, name: s.name, kind: s.kind }, provider_organisation: { id: s.provider_organisation_id, name: s.provider_organisation },
      need: body.need, urgency: body.urgency, referred_at: iso(at),
      respond_by: iso(new Date(at.getTime() + (body.urgency === 'immediate' ? 1 : s.response_hours) * 3600 * 1000)),
      case: { id: m[1], reference: state.caseReference || 'WM' }, link_id: m[2], person: state.personName || { given_names: '', family_name: '' },
    });
    r.history = [{ status: 'referred', at: r.referred_at, by }];
    return json(201, { id: r.id, version: r.version, status: r.status, respond_by: r.respond_by, share_id: newId('share') });
  }
  if (path === '/api/v1/service-referrals' && method === 'GET') {
    const items = state.referrals.filter((r) => (!q.get('status') || r.status === q.get('status')) && (q.get('overdue') !== 'true' || r.overdue));
    return json(200, { items, total: items.length, next_cursor: null });
  }
  if ((m = /^\/api\/v1\/service-referrals\/([^/]+)(\/status)?$/.exec(path))) {
    const r = state.referrals.find((x) => x.id === m[1]);
    if (!r) return problem(404, 'Not found');
    if (method === 'GET' && !m[2]) return json(200, role === 'partner' ? { ...r, case: undefined } : r);
    if (method === 'POST' && m[2]) {
      state.calls.push(call);
      return ifMatch(req, r) || moveReferral(state, r, body, role, by);
    }
  }

  if (path === '/api/v1/go-bags/locations' && method === 'GET') return json(200, { items: state.locations });
  if (path === '/api/v1/go-bags/locations' && method === 'POST') {
    state.calls.push(call);
    if (!writer) return problem(403, 'You cannot do this');
    if (!body.name) return problem(422, 'Invalid', [{ field: 'name', message: 'is required' }]);
    const l = { id: newId('loc'), version: 1, reorder_level: 5, latitude: null, longitude: null, ...body };
    state.locations.push(l);
    return json(201, { id: l.id, version: 1 });
  }
  if ((m = /^\/api\/v1\/go-bags\/locations\/([^/]+)$/.exec(path)) && method === 'PATCH') {
    state.calls.push(call);
    const l = state.locations.find((x) => x.id === m[1]);
    if (!l) return problem(404, 'Not found');
    const stale = ifMatch(req, l);
    if (stale) return stale;
    Object.assign(l, body);
    l.version += 1;
    for (const s of state.stock) if (s.location === l.id) Object.assign(s, { location_name: l.name, reorder_level: l.reorder_level });
    return json(200, l);
  }
  if (path === '/api/v1/go-bags/stock' && method === 'GET') return json(200, { items: state.stock });
  if (path === '/api/v1/go-bags/deliveries' && method === 'POST') {
    state.calls.push(call);
    if (!writer) return problem(403, 'You cannot do this');
    const l = state.locations.find((x) => x.id === body.location);
    if (!l) return problem(422, 'Invalid', [{ field: 'location', message: 'is not a location you keep' }]);
    if (!(body.quantity >= 1 && body.quantity <= 1000)) return problem(422, 'Invalid', [{ field: 'quantity', message: 'must be from 1 to 1000' }]);
    const language = body.language || 'en';
    let s = state.stock.find((x) => x.location === l.id && x.kind === body.kind && x.language === language);
    if (!s) {
      s = { location: l.id, location_name: l.name, kind: body.kind, language, stock: 0, issued_30_days: 0, days_left: null, reorder_level: l.reorder_level };
      state.stock.push(s);
    }
    s.stock += body.quantity;
    return json(201, { id: newId('delivery'), stock: s.stock });
  }
  if ((m = /^\/api\/v1\/cases\/([^/]+)\/people\/([^/]+)\/go-bags$/.exec(path)) && method === 'POST') {
    state.calls.push(call);
    const language = body.language || 'en';
    const s = state.stock.find((x) => x.location === body.location && x.kind === body.kind && x.language === language);
    if (!s || s.stock <= 0) {
      const nearest = state.stock.filter((x) => x.kind === body.kind && x.language === language && x.stock > 0 && x.location !== body.location)
        .map((x, i) => ({ location: x.location, location_name: x.location_name, stock: x.stock, distance_km: 4.2 + i * 7 })).slice(0, 3);
      return json(409, { status: 409, title: 'None left there', detail: 'No Go bag of that kind and language is left at that location', nearest });
    }
    s.stock -= 1;
    s.issued_30_days += 1;
    state.issued.push({ id: newId('bag'), link_id: m[2], kind: body.kind, language, location: s.location, location_name: s.location_name, issued_at: iso(now()) });
    return json(201, { id: state.issued[state.issued.length - 1].id, stock: s.stock });
  }

  if ((m = /^\/api\/v1\/cases\/([^/]+)\/people\/([^/]+)\/feedback-invitations$/.exec(path)) && method === 'POST') {
    state.calls.push(call);
    if (!['en', 'sq', 'vi', 'ro', 'pl'].includes(body.language)) return problem(422, 'Invalid', [{ field: 'language', message: 'must be en, sq, vi, ro or pl' }]);
    if (body.delivery === 'safe_contact' && state.monitored.has(m[2])) return problem(409, 'a trafficker may read it: give it in person');
    if (body.delivery === 'safe_contact' && state.noSafeContact.has(m[2])) return problem(422, 'Invalid', [{ field: 'delivery', message: 'no safe contact method is recorded' }]);
    const inv = {
      id: newId('inv'), url: '/feedback/Zq3x-token-for-the-test_0123456789abcdef', code: 'K7PX-4RMW',
      expires_at: iso(new Date(now().getTime() + 30 * 86400 * 1000)), qr_code: qrSvg,
    };
    state.invitations.push({ ...inv, ...body, link_id: m[2] });
    return json(201, inv);
  }
  if (path === '/api/v1/reports/feedback' && method === 'GET') {
    state.calls.push(call);
    return state.report ? json(200, state.report) : problem(403, 'You cannot do this');
  }
  if (path === '/api/v1/feedback/comments' && method === 'GET') {
    state.calls.push(call);
    return json(200, { items: state.comments.filter((c) => !q.get('state') || c.state === q.get('state')) });
  }
  if ((m = /^\/api\/v1\/feedback\/comments\/([^/]+)\/redaction$/.exec(path)) && method === 'POST') {
    state.calls.push(call);
    const c = state.comments.find((x) => x.id === m[1]);
    if (!c) return problem(404, 'Not found');
    const stale = ifMatch(req, c);
    if (stale) return stale;
    if (body.withhold ? !body.reason : !body.text) return problem(422, 'Invalid', [{ field: body.withhold ? 'reason' : 'text', message: 'is required' }]);
    Object.assign(c, body.withhold ? { state: 'withheld' } : { state: 'redacted', text: body.text });
    c.version += 1;
    return json(200, c);
  }
  return null;
}

const stateRank = { overdue: 0, due: 1, upcoming: 2 };

// The real worklist with the stub's items of the new kinds among it; the
// whole answer when the server refuses the role a worklist today.
async function worklist(route, state) {
  const url = new URL(route.request().url());
  const q = url.searchParams;
  let base = { items: [], total: 0, next_cursor: null, counts: {}, states: { overdue: 0, due: 0, upcoming: 0 } };
  const res = await route.fetch();
  if (res.status() === 200) base = await res.json();
  const mine = state.worklist.filter((it) => (!q.get('kind') || it.kind === q.get('kind')) && (!q.get('state') || it.state === q.get('state')));
  for (const it of state.worklist) {
    if (!q.get('state') || it.state === q.get('state')) base.counts[it.kind] = (base.counts[it.kind] || 0) + 1;
    if (!q.get('kind') || it.kind === q.get('kind')) base.states[it.state] = (base.states[it.state] || 0) + 1;
  }
  base.items = [...base.items, ...mine].sort((a, b) => stateRank[a.state] - stateRank[b.state]);
  base.total += mine.length;
  await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(base) });
}

// A case as the server has it, its victims with their referrals and bags.
async function caseWithReferrals(route, state) {
  const res = await route.fetch();
  if (res.status() !== 200) {
    await route.fulfill({ response: res });
    return;
  }
  const c = await res.json();
  for (const p of c.people) {
    if (p.role !== 'potential_victim') continue;
    p.service_referrals = state.referrals.filter((r) => r.link_id === p.id)
      .map((r) => ({ id: r.id, status: r.status, service: r.service, respond_by: r.respond_by, overdue: r.overdue }));
    p.go_bags = state.issued.filter((b) => b.link_id === p.id)
      .map(({ id, kind, language, location_name, issued_at }) => ({ id, kind, language, location_name, issued_at }));
  }
  await route.fulfill({ response: res, body: JSON.stringify(c) });
}

// Answers the page's requests to the routes of issue 16 from state, as the
// user of the role (by: their name in a referral's history).
export async function useStub(page, state, { role, by = 'DC Rhys Jones' }) {
  await page.route((url) => url.pathname.startsWith('/api/v1/'), async (route) => {
    const req = route.request();
    const path = new URL(req.url()).pathname;
    if (req.method() === 'GET' && path === '/api/v1/worklist') return worklist(route, state);
    if (req.method() === 'GET' && /^\/api\/v1\/cases\/[^/]+$/.test(path)) return caseWithReferrals(route, state);
    const a = answer(state, req, role, by);
    if (!a) return route.fallback();
    return route.fulfill(a);
  });
}
