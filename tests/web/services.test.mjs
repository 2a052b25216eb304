// The Commissioner's services reaching victims, in real Chromium against the
// real server and its demo data: the directory kept by the Commissioner's
// office and read by officers; a victim referred to a service (those serving
// their age and language first), the provider answering on its referrals
// page and the force withdrawing; Go bags stocked, delivered and given (and,
// with none left, the nearest locations that have one); a victim asked for
// feedback by QR code, link and code; the feedback results and the
// redaction of comments; the worklist's new kinds. At 1280 and 320 pixels,
// by keyboard where the pattern asks, each page checked by axe-core.
//
// The demo gives the directory (Safe Homes emergency accommodation and
// Council mental health navigators are Demo County Council Adult
// Safeguarding's, where partner.evans works), a referral at each stage (one
// overdue), five stations stocked with Go bags (Melksham at its reorder
// level) and fourteen feedback responses with a comment awaiting redaction.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, caseWith, errorList, longDate, referToService, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

const banner = (page) => page.locator('#finished').textContent();
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A potential victim in a new case, and their part (link) in it.
async function victim(title, person) {
  const made = await caseWith(title, person);
  const kase = (await made.api.call('GET', `/api/v1/cases/${made.c.id}`)).body;
  return { ...made, link: kase.people[0].id };
}

// A partner organisation the force works with, by name (an officer lists them).
async function partner(name) {
  const api = await apiSession(server.base, 'dc.jones');
  const o = (await api.call('GET', '/api/v1/organisations?kind=partner')).body.items.find((x) => x.name === name);
  assert.ok(o, `${name} is a partner of the force`);
  return o;
}

// A service added to the directory by the Commissioner's office, through the API.
async function addService(fields) {
  const provider = await partner(fields.provider || 'Haven Trust Victim Support');
  const api = await apiSession(server.base, 'opcc.hughes');
  const { provider: _, ...rest } = fields;
  const made = await api.call('POST', '/api/v1/services', { provider_organisation_id: provider.id, ages: { min: 18, max: 120 }, languages: [], response_hours: 48, ...rest });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return made.body;
}

test('a victim is referred to a service that speaks her language, with her consent, and the case shows it', async () => {
  const { api, c, p, link } = await victim('Nail bar, Chippenham', { given_names: 'Ardita', family_name: 'Krasniqi', date_of_birth: '1998-02-11', languages: ['sq'] });
  await addService({ name: 'Haven Safe Beds', kind: 'housing', languages: ['en'], response_hours: 24, capacity: 6 });
  const shqip = await addService({ name: 'Shqip Housing Link', kind: 'housing', languages: ['sq', 'en'], response_hours: 48, area: 'Swindon and Wiltshire' });
  await addService({ name: 'Young Persons Housing', kind: 'housing', ages: { min: 16, max: 24 }, languages: ['sq'], response_hours: 72 });
  await addService({ name: 'Counselling Together', kind: 'mental_health', languages: ['en'] });

  const page = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByRole('link', { name: 'Refer to a service (Ardita Krasniqi)' }).click();
  await page.getByRole('heading', { name: 'Refer to a service' }).waitFor();
  assert.equal(await page.locator('#who').textContent(), `Ardita Krasniqi, ${c.reference}`);
  // No consent to share for support yet: the page says so before anything is chosen.
  assert.match(await page.locator('#consent-warning').textContent(), /has not consented to sharing for support/);
  await assertAccessible(page, assert, 'refer to a service: need');
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select what they need']);
  await page.getByLabel('Housing and safe accommodation').check();
  await page.getByRole('button', { name: 'Continue' }).click();

  // Those serving her age and speaking Albanian first, each saying so; the
  // demo's Safe Homes serves her age but speaks no Albanian.
  await page.getByRole('heading', { name: 'Choose a service: housing and safe accommodation' }).waitFor();
  assert.equal(await page.locator('#service-intro').textContent(), 'Services that serve their age and speak Albanian come first.');
  assert.deepEqual(await page.locator('#service-fields .govuk-radios__label').allTextContents(),
    ['Shqip Housing Link', 'Haven Safe Beds', 'Safe Homes emergency accommodation', 'Young Persons Housing']);
  const first = page.locator('#service-fields .govuk-radios__item').first();
  assert.match(await first.textContent(), /Haven Trust Victim Support\. Swindon and Wiltshire\. Answers within 48 hours\. No limit on places\.Serves their age Speaks Albanian/);
  assert.match(await page.locator('#service-fields .govuk-radios__item').nth(3).textContent(), /Ages 16 to 24 only Speaks Albanian/);
  await assertAccessible(page, assert, 'refer to a service: choose');
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select the service']);
  await page.getByLabel('Shqip Housing Link').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'How urgent is it, and what do they need?' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select how urgent it is', 'Say what they need from the service']);
  await page.getByLabel('Urgent').check();
  await page.getByLabel('What do they need from the service?').fill('A safe bed tonight, away from the nail bar; speaks little English.');
  await assertAccessible(page, assert, 'refer to a service: urgency');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you refer them' }).waitFor();
  assert.match(await page.locator('#check-answers').textContent(),
    /Referring shares who Ardita Krasniqi is and how to contact them with Haven Trust Victim Support.*Housing and safe accommodation.*Shqip Housing Link \(Haven Trust Victim Support\).*Within 48 hours.*Urgent.*A safe bed tonight/);
  await assertAccessible(page, assert, 'refer to a service: check your answers');

  // Without consent the server refuses, and the page says what to do.
  await page.getByRole('button', { name: 'Refer Ardita Krasniqi to Shqip Housing Link' }).click();
  await page.locator('#error-summary').waitFor({ state: 'visible' });
  assert.deepEqual(await errorList(page), ['Record the victim\'s consent to share for support first (or, for a child, their date of birth or estimated age): the provider is shared their identity and named contact']);
  assert.equal(await page.getByRole('link', { name: /Record the victim's consent/ }).getAttribute('href'), '#consent');
  assert.ok(await page.getByRole('link', { name: 'Record their consent' }).isVisible(), 'the way to record it is on the page');
  assert.deepEqual((await api.call('GET', `/api/v1/cases/${c.id}`)).body.people[0].service_referrals, [], 'nothing was referred');

  // With it recorded, the referral is made and the case shows it.
  assert.equal((await api.call('PUT', `/api/v1/people/${p.id}/consent`, { given: true, purposes: ['support'], method: 'verbal', language: 'sq', interpreter: 'in_person' })).status, 200);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /^Choose a service/ }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'How urgent is it, and what do they need?' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Refer Ardita Krasniqi to Shqip Housing Link' }).click();
  await page.getByRole('heading', { name: 'Nail bar, Chippenham' }).waitFor();
  const [made] = (await api.call('GET', `/api/v1/cases/${c.id}`)).body.people[0].service_referrals;
  assert.equal(made.service, 'Shqip Housing Link');
  const full = (await api.call('GET', `/api/v1/service-referrals/${made.id}`)).body;
  assert.deepEqual([full.service.id, full.need, full.urgency, full.status], [shqip.id, 'A safe bed tonight, away from the nail bar; speaks little English.', 'urgent', 'referred']);
  assert.match(await banner(page), /Ardita Krasniqi referred to Shqip Housing Link.*Haven Trust Victim Support should answer by .* at .*shared with Haven Trust Victim Support for support/);
  await page.locator('#people-body', { hasText: /Shqip Housing Link Referred answer due by .*\./ }).waitFor();
  await assertAccessible(page, assert, 'case with a service referral');
  await page.close();
});

test('the worklist names the new kinds: an unanswered referral for the officer, Go bags to reorder for the Commissioner\'s office, comments to redact for a supervisor', async () => {
  // The demo's referral to Safe Homes that nobody answered in time.
  const page = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.base}/?kind=service_referral_overdue`);
  const table = page.locator('#worklist-groups table', { has: page.locator('caption', { hasText: 'Referral to a service not answered in time' }) });
  await table.waitFor();
  assert.match(await table.textContent(), /Overdue.*MS-\d{4}-\d{5}.*Klodian Dervishi.*DC Rhys Jones/);
  assert.match(await page.locator('#kind').textContent(), /Referral to a service not answered in time \(1\)/);
  await assertAccessible(page, assert, 'worklist with a referral overdue');
  await page.close();

  // The Commissioner's office: Melksham is at its reorder level for adult bags with English cards.
  const office = await signedIn('opcc.hughes', { viewport: { width: 320, height: 800 } });
  const bags = office.locator('#worklist-groups table', { has: office.locator('caption', { hasText: 'Go bags running low: order more' }) });
  await bags.waitFor();
  assert.deepEqual(await bags.locator('thead th').allTextContents(), ['Due', 'What to do', 'Held by']);
  assert.match(await bags.textContent(), /Order more Go bags for Melksham Police StationAdult, English cards: 3 left, reorder at 3\./);
  const order = bags.getByRole('link', { name: 'Order more Go bags for Melksham Police Station' });
  assert.match(await order.getAttribute('href'), /^\/go-bags\?location=[0-9a-f-]+$/);
  assert.ok(await overflow(office) <= 0, 'no sideways scrolling at 320 pixels');
  await assertAccessible(office, assert, 'worklist of the commissioners office');
  // The link shows that station's stock alone.
  await order.click();
  await office.locator('#stock-list').waitFor();
  const where = await office.locator('#stock-body tr td:first-child').allTextContents();
  assert.ok(where.length && where.every((w) => w.startsWith('Melksham Police Station')), where.join('; '));
  assert.match(await office.locator('#stock-count').textContent(), /^\d+ stocks? at Melksham Police Station, those to reorder first\. Show the stock at every location$/);
  await assertAccessible(office, assert, 'go bags stock at one location');
  await office.close();

  // A supervisor: the demo's comment awaiting redaction, linked to itself.
  const supervisor = await signedIn('ds.khan', { viewport: { width: 1280, height: 900 } });
  await supervisor.goto(`${server.base}/?kind=feedback_to_redact`);
  const redact = supervisor.locator('#worklist-groups table', { has: supervisor.locator('caption', { hasText: 'Victims\' feedback: comments to redact' }) });
  await redact.waitFor();
  assert.match(await redact.getByRole('link', { name: 'Redact the comments' }).first().getAttribute('href'), /^\/feedback-results\?comment=[0-9a-f-]+$/);
  await assertAccessible(supervisor, assert, 'worklist with comments to redact');
  await supervisor.close();

  // An administrator keeps the directory and Go bags, and has a worklist like everyone.
  const admin = await signedIn('admin', { viewport: { width: 1280, height: 900 } });
  const menu = admin.getByRole('navigation', { name: 'Menu' });
  assert.ok(await menu.getByRole('link', { name: 'Services' }).isVisible());
  assert.ok(await menu.getByRole('link', { name: 'Go bags' }).isVisible());
  assert.equal(await menu.getByRole('link', { name: 'Feedback' }).isVisible(), false);
  await admin.locator('#home-body').waitFor();
  await admin.locator('#worklist-count').filter({ hasText: /\S/ }).waitFor();
  assert.equal(await admin.getByText('The worklist could not be loaded').count(), 0);
  await admin.close();
});

test('the provider answers its referrals: declines one with a reason, accepts, starts and closes another; the force withdraws one', async () => {
  const provider = await apiSession(server.base, 'partner.evans');
  const page = await signedIn('partner.evans', { viewport: { width: 1280, height: 900 } });
  // Their home says what waits for them: the demo's two, one late.
  await page.locator('#referrals-waiting').waitFor();
  assert.equal(await page.locator('#referrals-waiting-count').textContent(), '2 referrals are waiting for your answer, 1 past the time to answer. Answer them');
  await assertAccessible(page, assert, 'provider home with referrals waiting');
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Referrals' }).click();
  await page.getByRole('heading', { name: 'Referrals to your services', exact: true }).waitFor();
  await page.locator('#list').waitFor();
  assert.equal(await page.locator('#count').textContent(), '2 referrals waiting for your answer, 1 past the time to answer.');
  assert.match(await page.locator('#referrals-body tr', { hasText: 'Klodian Dervishi' }).textContent(), /Klodian Dervishi.*Safe Homes emergency accommodation.*Urgent.*Overdue.*Referred.*Accept.*Decline/);
  await assertAccessible(page, assert, 'referrals to your services');

  // Declined, with the reason the officer will read.
  await page.getByRole('link', { name: 'Decline the referral of Klodian Dervishi' }).click();
  await page.getByRole('heading', { name: 'Decline the referral' }).waitFor();
  assert.equal(await page.locator('#who').textContent(), 'Klodian Dervishi');
  assert.match(await page.locator('#details').textContent(), /StatusReferred.*ServiceSafe Homes emergency accommodation \(housing and safe accommodation\).*ProviderDemo County Council Adult Safeguarding.*UrgencyUrgent.*Answer due by.*Overdue/);
  assert.doesNotMatch(await page.locator('#details').textContent(), /Case/, 'the provider never sees the case');
  await page.getByRole('button', { name: 'Decline the referral' }).click();
  assert.deepEqual(await errorList(page), ['Say why you are declining it']);
  await page.getByLabel('Why are you declining it?').fill('No beds until Monday; we have asked the Salvation Army.');
  await assertAccessible(page, assert, 'referral: decline');
  const declined = new URL(page.url()).searchParams.get('id');
  await page.getByRole('button', { name: 'Decline the referral' }).click();
  await page.getByRole('heading', { name: 'Referrals to your services', exact: true }).waitFor();
  assert.match(await banner(page), /You declined the referral of Klodian Dervishi.*has your reason/);
  const d = (await provider.call('GET', `/api/v1/service-referrals/${declined}`)).body;
  assert.deepEqual([d.status, d.reason], ['declined', 'No beds until Monday; we have asked the Salvation Army.']);

  // Accepted, started and closed with its outcome, each step from the list.
  await page.getByRole('link', { name: 'Accept the referral of Fatjon Bajrami' }).click();
  const soon = new URL(page.url()).searchParams.get('id');
  await page.getByRole('button', { name: 'Accept the referral' }).click();
  await page.getByRole('heading', { name: 'Referrals to your services', exact: true }).waitFor();
  assert.match(await banner(page), /You accepted the referral of Fatjon Bajrami/);
  await page.locator('#count', { hasText: 'No referrals waiting for your answer.' }).waitFor();
  await page.getByRole('link', { name: 'Accepted' }).click();
  await page.getByRole('link', { name: 'Start the support the referral of Fatjon Bajrami' }).click();
  await page.getByRole('button', { name: 'Start the support' }).click();
  await page.getByRole('heading', { name: 'Referrals to your services', exact: true }).waitFor();
  await page.goto(`${server.base}/referrals?status=in_progress`);
  await page.getByRole('link', { name: 'Close the referral of Fatjon Bajrami' }).click();
  await page.getByRole('button', { name: 'Close the referral' }).click();
  assert.deepEqual(await errorList(page), ['Select what came of it']);
  await page.getByLabel('Support completed').check();
  await page.getByRole('button', { name: 'Close the referral' }).click();
  await page.getByRole('heading', { name: 'Referrals to your services', exact: true }).waitFor();
  assert.match(await banner(page), /Referral of Fatjon Bajrami closed.*Outcome: support completed/);
  const closed = (await provider.call('GET', `/api/v1/service-referrals/${soon}`)).body;
  assert.deepEqual([closed.status, closed.outcome], ['closed', 'support_completed']);
  assert.deepEqual(closed.history.map((h) => h.status), ['referred', 'accepted', 'in_progress', 'closed']);
  await page.goto(`${server.base}/referral?id=${soon}`);
  await page.locator('#history .moj-timeline__item').first().waitFor();
  assert.deepEqual(await page.locator('#history .moj-timeline__title').allTextContents(), ['Closed', 'In progress', 'Accepted', 'Referred']);
  assert.equal(await page.locator('#actions').isVisible(), false, 'nothing more to do once closed');
  await assertAccessible(page, assert, 'referral closed');

  // At 320 pixels the list stacks, each cell labelled.
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(`${server.base}/referrals?status=`);
  await page.locator('#list').waitFor();
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 320 pixels');
  await assertAccessible(page, assert, 'referrals to your services');
  await page.close();

  // The force withdraws a referral; the provider's answer meanwhile is shown, not overwritten.
  const { api, c, p, link } = await victim('Hand car wash, Trowbridge', { given_names: 'Selam', family_name: 'Tesfaye', date_of_birth: '1994-07-07' });
  const third = await referToService(api, c.id, link, p.id, 'Safe Homes emergency accommodation', 'A safe place for a week while she decides.');
  const officer = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await officer.goto(`${server.base}/referral?id=${third.id}`);
  await officer.getByRole('button', { name: 'Withdraw the referral' }).click();
  assert.equal(await officer.getByRole('button', { name: 'Accept' }).count(), 0, 'the force does not answer for the provider');
  await officer.getByLabel('Why are you withdrawing it?').fill('She has moved to her sister in Leeds.');
  assert.equal((await provider.call('POST', `/api/v1/service-referrals/${third.id}/status`, { status: 'accepted' }, { 'If-Match': `"${third.version}"` })).status, 200);
  await officer.getByRole('button', { name: 'Withdraw the referral' }).click();
  await officer.locator('#error-summary').waitFor({ state: 'visible' });
  assert.deepEqual(await errorList(officer), ['Someone else changed this referral meanwhile: it is now accepted. Check it before you do anything more.']);
  assert.match(await officer.locator('#details').textContent(), /StatusAccepted/);
  await officer.getByRole('button', { name: 'Withdraw the referral' }).click();
  await officer.getByLabel('Why are you withdrawing it?').fill('She has moved to her sister in Leeds.');
  await officer.getByRole('button', { name: 'Withdraw the referral' }).click();
  await officer.waitForURL(new RegExp(`/case\\?id=${c.id}`));
  const w = (await api.call('GET', `/api/v1/service-referrals/${third.id}`)).body;
  assert.deepEqual([w.status, w.reason], ['withdrawn', 'She has moved to her sister in Leeds.']);
  await officer.locator('#people-body', { hasText: 'Safe Homes emergency accommodation Withdrawn' }).waitFor();
  await officer.close();
});

test('the Commissioner\'s office adds a service to the directory after checking it, naming a partner of its area as the provider', async () => {
  const page = await signedIn('opcc.hughes', { viewport: { width: 1280, height: 900 } });
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Services' }).click();
  await page.getByRole('heading', { name: 'Directory of services', exact: true }).waitFor();
  await page.locator('#active-list').waitFor();
  assert.match(await page.locator('#active-table tbody').textContent(),
    /Haven Trust independent victim navigators.*Independent victim navigator.*18 and over.*English, Albanian, Romanian, Vietnamese.*Within 72 hours.*Up to 12 people at a time/);
  assert.match(await page.locator('#inactive-table').textContent(), /Legal advice clinic \(contract ended\)/);
  await assertAccessible(page, assert, 'directory of services');

  // Added: every answer checked first, then Check your answers.
  await page.getByRole('button', { name: 'Add a service' }).click();
  await page.getByRole('heading', { name: 'Add a service' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Enter the name of the service', 'Select who provides it', 'Select what kind of service it is',
    'Enter the youngest age it serves, a whole number from 0 to 120', 'Enter the oldest age it serves, a whole number up to 120',
    'Enter the target time in hours, a whole number from 1 to 720']);
  await page.getByLabel('Name of the service').fill('Albanian Women\'s Navigator');
  // The partners of its area are offered as providers (GET /api/v1/organisations?kind=partner).
  await page.getByLabel('Who provides it?').selectOption({ label: 'Haven Trust Victim Support' });
  await page.getByLabel('Independent victim navigator').check();
  await page.getByLabel('Youngest age it serves').fill('18');
  await page.getByLabel('Oldest age it serves').fill('16');
  await page.getByLabel('Languages it works in').pressSequentially('Alban');
  await page.getByRole('option', { name: 'Albanian' }).click();
  await page.getByLabel('Area it covers').fill('Swindon and Wiltshire');
  await page.getByLabel('Target time to answer a referral, in hours').fill('24');
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.ok((await errorList(page)).includes('The oldest age must be the youngest age or more'));
  await page.getByLabel('Oldest age it serves').fill('120');
  await assertAccessible(page, assert, 'add a service');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check the service before you add it' }).waitFor();
  assert.match(await page.locator('#check-answers').textContent(), /Albanian Women's Navigator.*Haven Trust Victim Support.*Independent victim navigator.*Ages18 and over.*Albanian.*Swindon and Wiltshire.*No limit on places.*Within 24 hours/);
  await assertAccessible(page, assert, 'add a service: check');
  await page.getByRole('button', { name: 'Add the service' }).click();
  await page.getByRole('heading', { name: 'Directory of services', exact: true }).waitFor();
  assert.match(await banner(page), /Albanian Women's Navigator added to the directory/);
  const api = await apiSession(server.base, 'opcc.hughes');
  const added = (await api.call('GET', '/api/v1/services?active=any')).body.items.find((s) => s.name === 'Albanian Women\'s Navigator');
  assert.deepEqual([added.provider_organisation, added.kind, added.ages, added.languages, added.response_hours, added.capacity, added.area, added.active],
    ['Haven Trust Victim Support', 'navigator', { min: 18, max: 120 }, ['sq'], 24, null, 'Swindon and Wiltshire', true]);
  await page.close();
});

test('the Commissioner\'s office changes a service with the version it read, keeps a change made meanwhile, and stops offering it; officers read it', async () => {
  const isva = await addService({ name: 'Wiltshire ISVA Service', kind: 'isva', ages: { min: 13, max: 120 }, languages: ['en', 'pl'], response_hours: 72, capacity: 40 });
  const api = await apiSession(server.base, 'opcc.hughes');
  const page = await signedIn('opcc.hughes', { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.base}/services`);
  await page.locator('#active-list').waitFor();
  assert.match(await page.locator('#active-table tbody').textContent(), /Wiltshire ISVA Service.*Independent sexual violence adviser \(ISVA\).*13 and over.*English, Polish.*Within 72 hours.*Up to 40 people at a time/);
  await page.getByRole('link', { name: 'Wiltshire ISVA Service' }).click();
  await page.getByRole('heading', { name: 'Wiltshire ISVA Service' }).waitFor();
  assert.equal(await page.getByLabel('Who provides it?').locator('option:checked').textContent(), 'Haven Trust Victim Support');
  await page.getByLabel('Target time to answer a referral, in hours').fill('48');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.getByRole('heading', { name: 'Directory of services', exact: true }).waitFor();
  let now = (await api.call('GET', `/api/v1/services/${isva.id}`)).body;
  assert.deepEqual([now.response_hours, now.version], [48, 2]);

  // Someone else saved first: their change is shown beside this one, and nothing is lost.
  await page.goto(`${server.base}/service?id=${isva.id}`);
  await page.getByLabel('Places at a time (optional)').fill('35');
  assert.equal((await api.call('PATCH', `/api/v1/services/${isva.id}`, { area: 'Wiltshire and Swindon' }, { 'If-Match': '"2"' })).status, 200);
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.locator('#conflict').waitFor();
  assert.match(await page.locator('#conflict').textContent(), /They changed: area it covers/);
  assert.equal(await page.getByLabel('Places at a time (optional)').inputValue(), '35');
  assert.equal(await page.getByLabel('Area it covers').inputValue(), 'Wiltshire and Swindon');
  await assertAccessible(page, assert, 'service changed meanwhile');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.getByRole('heading', { name: 'Directory of services', exact: true }).waitFor();
  now = (await api.call('GET', `/api/v1/services/${isva.id}`)).body;
  assert.deepEqual([now.capacity, now.area], [35, 'Wiltshire and Swindon']);
  await page.goto(`${server.base}/service?id=${isva.id}`);
  await page.getByRole('button', { name: 'Stop offering it' }).click();
  await page.getByRole('heading', { name: 'Directory of services', exact: true }).waitFor();
  assert.match(await banner(page), /Wiltshire ISVA Service is no longer offered/);
  await page.locator('#inactive-list').waitFor();
  assert.match(await page.locator('#inactive-table').textContent(), /Wiltshire ISVA Service/);
  assert.equal((await api.call('GET', `/api/v1/services/${isva.id}`)).body.active, false);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.reload();
  await page.locator('#inactive-list').waitFor();
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 320 pixels');
  await assertAccessible(page, assert, 'directory of services');
  await page.close();

  // An officer reads the directory (only what is offered) and a service, and cannot change them.
  const officer = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await officer.goto(`${server.base}/services`);
  await officer.locator('#count').filter({ hasText: /offered/ }).waitFor();
  assert.equal(await officer.getByRole('button', { name: 'Add a service' }).count(), 0);
  assert.equal(await officer.locator('#inactive-list').isVisible(), false);
  assert.doesNotMatch(await officer.locator('#active-table').textContent(), /Wiltshire ISVA Service|Legal advice clinic/);
  await officer.getByRole('link', { name: 'Haven Trust independent victim navigators' }).click();
  await officer.locator('#view').waitFor();
  assert.match(await officer.locator('#details').textContent(), /Offered now.*Independent victim navigator.*Haven Trust Victim Support.*18 and over.*English, Albanian, Romanian, Vietnamese.*Within 72 hours/);
  assert.equal(await officer.locator('#service-form').isVisible(), false);
  await assertAccessible(officer, assert, 'service read by an officer');
  await officer.close();
});

test('Go bags: the Commissioner\'s office sees what to reorder, adds and changes a location and records a delivery; an officer gives one, and with none left is offered the nearest', async () => {
  const page = await signedIn('opcc.hughes', { viewport: { width: 1280, height: 900 } });
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Go bags' }).click();
  await page.getByRole('heading', { name: 'Go bags', exact: true }).waitFor();
  await page.locator('#stock-list').waitFor();
  assert.match(await page.locator('#reorder').textContent(), /One stock is at or below its reorder level: order more\./);
  assert.match(await page.locator('#stock-body tr').first().textContent(), /^Melksham Police Station Reorder.*Adult.*English.*3/);
  assert.match(await page.locator('#stock-body').textContent(), /Salisbury Police Station.*Adult.*Vietnamese5/);
  // The bags given to victims are figures for the Commissioner's office,
  // who works no case: a count the disclosure control withheld reads
  // "Not shown" (never a number), with the details saying why; the stock shows.
  const bagsGiven = await page.evaluate(async () => (await (await fetch('/api/v1/go-bags/stock?limit=200')).json()).items.map((s) => s.issued_30_days));
  const withheld = bagsGiven.filter((v) => v && typeof v === 'object' && v.suppressed === true).length;
  assert.ok(bagsGiven.every((v) => (Number.isInteger(v) && (v === 0 || v >= 3)) || (v && v.suppressed === true)), JSON.stringify(bagsGiven));
  assert.equal(await page.locator('#not-shown').isVisible(), withheld > 0);
  if (withheld) assert.match(await page.locator('#stock-body').textContent(), /Not shown/);
  await assertAccessible(page, assert, 'go bags stock');

  // A new location, then a delivery to it.
  await page.getByRole('link', { name: 'Locations' }).click();
  await page.getByRole('heading', { name: 'Go bag locations', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Add a location' }).click();
  await page.getByRole('heading', { name: 'Add a location' }).waitFor();
  await page.getByRole('button', { name: 'Add the location' }).click();
  assert.deepEqual(await errorList(page), ['Enter the name of the location', 'Enter the reorder level as a whole number, like 5', 'Select the force that keeps it']);
  await page.getByLabel('Name').fill('Trowbridge Police Station');
  await page.getByLabel('Latitude (optional)').fill('51.3190');
  await page.getByLabel('Reorder when the stock of a kind falls to').fill('4');
  await page.getByLabel('Which force keeps it?').selectOption({ label: 'Demo Constabulary' });
  await page.getByRole('button', { name: 'Add the location' }).click();
  assert.deepEqual(await errorList(page), ['Enter both the latitude and the longitude, or neither']);
  await page.getByLabel('Longitude (optional)').fill('-2.2080');
  await assertAccessible(page, assert, 'add a go bag location');
  await page.getByRole('button', { name: 'Add the location' }).click();
  await page.getByRole('heading', { name: 'Go bag locations', exact: true }).waitFor();
  assert.match(await banner(page), /Trowbridge Police Station added/);
  await page.locator('#locations-list').waitFor();
  assert.match(await page.locator('#locations-body tr', { hasText: 'Trowbridge' }).textContent(), /Trowbridge Police Station451\.319, -2\.208Change/);
  await assertAccessible(page, assert, 'go bag locations');
  // Changed with the version read.
  await page.getByRole('link', { name: 'Change Trowbridge Police Station' }).click();
  await page.getByRole('heading', { name: 'Trowbridge Police Station' }).waitFor();
  assert.equal(await page.getByLabel('Reorder when the stock of a kind falls to').inputValue(), '4');
  await page.getByLabel('Reorder when the stock of a kind falls to').fill('6');
  await assertAccessible(page, assert, 'change a go bag location');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.getByRole('heading', { name: 'Go bag locations', exact: true }).waitFor();
  assert.match(await banner(page), /Trowbridge Police Station saved/);
  const keeper = await apiSession(server.base, 'opcc.hughes');
  const trowbridge = (await keeper.call('GET', '/api/v1/go-bags/locations?limit=200')).body.items.find((l) => l.name === 'Trowbridge Police Station');
  assert.deepEqual([trowbridge.reorder_level, trowbridge.version, trowbridge.organisation], [6, 2, 'Demo Constabulary']);

  await page.getByRole('link', { name: 'Go bags' }).first().click();
  await page.getByRole('button', { name: 'Record a delivery' }).click();
  await page.getByRole('heading', { name: 'Record a delivery' }).waitFor();
  await page.getByLabel('Where were they delivered?').selectOption({ label: 'Trowbridge Police Station' });
  await page.getByLabel('Adult, with a phone').check();
  await page.getByLabel('Language of the cards inside').fill('');
  await page.getByLabel('Language of the cards inside').pressSequentially('Vietn');
  await page.getByRole('option', { name: 'Vietnamese' }).click();
  await page.getByLabel('How many?').fill('2000');
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Enter how many, a whole number from 1 to 1,000']);
  await page.getByLabel('How many?').fill('20');
  await assertAccessible(page, assert, 'record a go bag delivery');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check the delivery before you record it' }).waitFor();
  assert.match(await page.locator('#check-answers').textContent(), /Trowbridge Police Station.*Adult, with a phone.*Vietnamese.*20/);
  await page.getByRole('button', { name: 'Record the delivery' }).click();
  await page.getByRole('heading', { name: 'Go bags', exact: true }).waitFor();
  assert.match(await banner(page), /20 Go bags delivered to Trowbridge Police Station.*Each is an adult Go bag with a phone, with Vietnamese cards\. Trowbridge Police Station now holds 20 of them\./);
  const stock = (await keeper.call('GET', `/api/v1/go-bags/stock?location=${trowbridge.id}`)).body.items;
  assert.deepEqual(stock.map((s) => [s.kind, s.language, s.stock, s.reorder]), [['adult_with_phone', 'vi', 20, false]]);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.reload();
  await page.locator('#stock-list').waitFor();
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 320 pixels');
  await assertAccessible(page, assert, 'go bags stock');
  await page.close();

  // An officer gives one; with none left of that kind at the station asked, the nearest are offered.
  const { api, c, link } = await victim('Car wash, Swindon', { given_names: 'Tuan', family_name: 'Nguyen', date_of_birth: '1990-03-03', languages: ['vi'] });
  const officer = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await officer.goto(`${server.base}/case?id=${c.id}`);
  await officer.getByRole('link', { name: 'Give a Go bag to Tuan Nguyen' }).click();
  await officer.getByRole('heading', { name: 'Give a Go bag' }).waitFor();
  await officer.locator('#bag-form').waitFor();
  assert.equal(await officer.locator('#who').textContent(), `Tuan Nguyen, ${c.reference}`);
  assert.equal(await officer.getByLabel('Vietnamese').isChecked(), true, 'cards in their language when there are some');
  await officer.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(officer), ['Select where the bag comes from', 'Select the kind of Go bag']);
  await officer.getByLabel('Where does the bag come from?').selectOption({ label: 'Gablecross Police Station, Swindon' });
  await officer.getByLabel('Adult', { exact: true }).check();
  await assertAccessible(officer, assert, 'give a go bag');
  await officer.getByRole('button', { name: 'Continue' }).click();
  await officer.getByRole('heading', { name: 'Check your answers before you give the bag' }).waitFor();
  assert.match(await officer.locator('#check-answers').textContent(), /Tuan Nguyen.*Gablecross Police Station, Swindon.*Adult.*Vietnamese/);
  await officer.getByRole('button', { name: 'Give the Go bag' }).click();
  await officer.locator('#nearest').waitFor();
  assert.deepEqual(await errorList(officer), ['None left at Gablecross Police Station, Swindon (adult Go bag, Vietnamese cards): choose one of the nearest locations that have one']);
  // Only Salisbury has adult bags with Vietnamese cards (Trowbridge's have a phone).
  assert.match(await officer.locator('#nearest-body').textContent(), /^Salisbury Police Station5\d\.\d km5Take one from here/);
  await assertAccessible(officer, assert, 'give a go bag: nearest');
  await officer.getByRole('button', { name: 'Take one from here (Salisbury Police Station)' }).click();
  await officer.getByRole('heading', { name: 'Check your answers before you give the bag' }).waitFor();
  assert.match(await officer.locator('#check-answers').textContent(), /FromSalisbury Police Station/);
  await officer.getByRole('button', { name: 'Give the Go bag' }).click();
  await officer.getByRole('heading', { name: 'Car wash, Swindon' }).waitFor();
  assert.match(await banner(officer), /Go bag given to Tuan Nguyen.*An adult Go bag, with Vietnamese cards, from Salisbury Police Station\. 4 of them left there\./);
  await officer.locator('#people-body', { hasText: /Given a Go bag .*: an adult Go bag, with Vietnamese cards, from Salisbury Police Station/ }).waitFor();
  const given = (await api.call('GET', `/api/v1/cases/${c.id}`)).body.people.find((x) => x.id === link).go_bags;
  assert.deepEqual(given.map((b) => [b.location_name, b.kind, b.language, b.issued_by.name]), [['Salisbury Police Station', 'adult', 'vi', 'DC Rhys Jones']]);

  // Officers read the stock and the locations, and change neither.
  await officer.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Go bags' }).click();
  await officer.locator('#stock-list').waitFor();
  assert.match(await officer.locator('#stock-body tr', { hasText: /Salisbury.*Vietnamese/ }).textContent(), /Salisbury Police Station.*Adult.*Vietnamese41/);
  assert.equal(await officer.getByRole('button', { name: 'Record a delivery' }).count(), 0);
  await officer.getByRole('link', { name: 'Locations' }).click();
  await officer.locator('#locations-list').waitFor();
  assert.equal(await officer.getByRole('button', { name: 'Add a location' }).count(), 0);
  assert.equal(await officer.getByRole('link', { name: /^Change/ }).count(), 0);
  assert.deepEqual(await officer.locator('#locations-table th').allTextContents(), ['Location', 'Reorder at', 'Map position']);
  await assertAccessible(officer, assert, 'go bag locations read by an officer');
  await officer.close();
});

test('a victim is asked for feedback in her language by QR code, link and code; never through a phone that may be monitored', async () => {
  const { api, c, p } = await victim('Cannabis farm, Devizes', { given_names: 'Blerina', family_name: 'Gashi', date_of_birth: '1999-09-09', languages: ['sq'] });
  const person = (await api.call('GET', `/api/v1/people/${p.id}`)).body;
  assert.equal((await api.call('PATCH', `/api/v1/people/${p.id}`, { safe_contact: { method: 'Through her support worker, Haven Trust', times: 'weekdays' } }, { 'If-Match': `"${person.version}"` })).status, 200);
  const page = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByRole('link', { name: 'Ask for feedback from Blerina Gashi' }).click();
  await page.getByRole('heading', { name: 'Ask for feedback' }).waitFor();
  await page.locator('#ask-form').waitFor();
  assert.equal(await page.locator('#who').textContent(), `Blerina Gashi, ${c.reference}`);
  assert.deepEqual(await page.locator('#language-group .govuk-radios__label').allTextContents(), ['English', 'Albanian', 'Vietnamese', 'Romanian', 'Polish']);
  assert.equal(await page.getByLabel('Albanian').isChecked(), true, 'her language first');
  assert.equal(await page.getByLabel('In person').isChecked(), true);
  assert.match(await page.locator('#delivery-group').textContent(), /Through their safe contactSend them the link and the code\. Their safe contact: Through her support worker, Haven Trust, weekdays\./);
  await assertAccessible(page, assert, 'ask for feedback');

  // Someone marked her phone as possibly monitored meanwhile: the server refuses, and says why.
  const again = (await api.call('GET', `/api/v1/people/${p.id}`)).body;
  assert.equal((await api.call('PATCH', `/api/v1/people/${p.id}`, { safe_contact: { method: 'Text message', phone_may_be_monitored: true } }, { 'If-Match': `"${again.version}"` })).status, 200);
  await page.getByLabel('Through their safe contact').check();
  await page.getByRole('button', { name: 'Create the invitation' }).click();
  await page.locator('#error-summary').waitFor({ state: 'visible' });
  assert.deepEqual(await errorList(page), ['Their phone may be monitored and a trafficker may read it: give it in person']);
  assert.equal(await page.getByLabel('In person').isChecked(), true);
  assert.ok(await page.locator('#monitored').isVisible());

  // In person: the QR code, the link and the code.
  await page.getByRole('button', { name: 'Create the invitation' }).click();
  await page.getByRole('heading', { name: 'Show them this QR code' }).waitFor();
  assert.match(await page.locator('#finished').textContent(), /Feedback invitation for Blerina Gashi made.*In Albanian\. It works once, until/);
  assert.match(await page.getByRole('img', { name: 'QR code that opens the feedback questions for Blerina Gashi' }).getAttribute('src'), /^data:image\/svg\+xml;base64,/);
  assert.ok(await page.evaluate(() => document.getElementById('qr').naturalWidth > 0), 'the QR code shows');
  const details = await page.locator('#invitation-details').textContent();
  assert.match(details, new RegExp(`^Link${escape(server.base)}/feedback/[A-Za-z0-9_-]{20,}Code[A-Z2-9]{4} [A-Z2-9]{4}Where to type the code${escape(server.base)}/feedbackWorks until.*, once`));
  // The link given opens the questions in Albanian.
  const url = /Link(\S+?)Code/.exec(details)[1];
  const questions = await fetch(url.replace('/feedback/', '/api/v1/feedback/'));
  assert.equal(questions.status, 200);
  assert.equal((await questions.json()).language, 'sq');
  await assertAccessible(page, assert, 'feedback invitation');
  await page.setViewportSize({ width: 320, height: 800 });
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 320 pixels');
  await assertAccessible(page, assert, 'feedback invitation');
  await page.close();

  // A person whose phone is marked as possibly monitored is never offered the safe contact.
  const second = await signedIn('dc.jones', { viewport: { width: 320, height: 800 } });
  await second.goto(`${server.base}/case?id=${c.id}`);
  await second.getByRole('link', { name: 'Ask for feedback from Blerina Gashi' }).click();
  await second.locator('#ask-form').waitFor();
  assert.equal(await second.getByLabel('Through their safe contact').count(), 0);
  assert.match(await second.locator('#monitored').textContent(), /Their phone may be monitored/);
  await assertAccessible(second, assert, 'ask for feedback');
  await second.close();
});

// One set of answers, with a comment, as a victim sends them from the link an officer gave.
async function answered(comment) {
  const { api, c, link } = await victim('Nail bar, Salisbury', { given_names: 'Mai', family_name: 'Tran', date_of_birth: '2000-01-01' });
  const inv = (await api.call('POST', `/api/v1/cases/${c.id}/people/${link}/feedback-invitations`, { language: 'en', delivery: 'in_person' })).body;
  const answers = ['safe', 'believed', 'understood', 'told_support', 'kept_updated', 'contact_again'].map((question, i) => ({ question, score: i === 5 ? null : 4 }));
  const res = await fetch(`${server.base}/api/v1${inv.url}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ answers, comment }) });
  assert.equal(res.status, 201, await res.text());
}

test('feedback results: scores only once ten have answered, comments only with names taken out; a supervisor redacts and withholds', async () => {
  const mine = 'Thank you DC Jones, I feel safe at my sister Mira\'s house.';
  await answered(mine);
  const api = await apiSession(server.base, 'ds.khan');
  const waiting = (await api.call('GET', '/api/v1/feedback/comments?state=awaiting_redaction')).body.items;
  assert.equal(waiting.length, 2, 'the demo\'s comment and this one');
  const ours = waiting.find((k) => k.text === mine);
  const theirs = waiting.find((k) => k !== ours);
  const report = (await api.call('GET', '/api/v1/reports/feedback')).body;
  assert.ok(report.responses >= 30 && !report.suppressed && report.months_counted === 3, 'the demo\'s three ended months');

  const page = await signedIn('ds.khan', { viewport: { width: 1280, height: 900 } });
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Feedback' }).click();
  await page.getByRole('heading', { name: 'Victims\' feedback' }).waitFor();
  await page.locator('#scores').waitFor();
  assert.equal(await page.locator('#responses').textContent(), `${report.responses} people answered in the 3 months counted. A month counts once it has ended.`);
  const safe = report.questions.find((q) => q.id === 'safe');
  assert.equal(await page.locator('#scores-body tr').first().textContent(),
    `Did you feel safe?${[1, 2, 3, 4, 5].map((s) => safe.scores[s]).join('')}${safe.prefer_not_to_say}${safe.mean.toFixed(1)}`);
  assert.equal(await page.locator('#scores-body tr').count(), 6);
  assert.equal(await page.locator('#comments li').count(), report.comments.length);
  assert.ok(report.comments.length >= 1, 'the demo\'s redacted comments');
  assert.equal(await page.locator('#comments li').first().textContent(), report.comments[0].text);
  assert.equal(await page.locator('#queue .govuk-summary-card').count(), 0, 'raw comments are shown only on asking');
  await assertAccessible(page, assert, 'feedback results');

  // The queue: one redacted, one withheld.
  await page.getByRole('button', { name: 'Show the comments waiting' }).click();
  await page.locator('#queue .govuk-summary-card').first().waitFor();
  assert.equal(await page.locator('#queue-count').textContent(), '2 comments are waiting.');
  const card = page.locator('#queue .govuk-summary-card', { hasText: 'Mira' });
  await card.getByLabel('The comment with names taken out').fill('Thank you [officer], I feel safe at [a relative\'s] house.');
  await assertAccessible(page, assert, 'feedback comments to redact');
  await card.getByRole('button', { name: /^Save comment \d$/ }).click();
  await page.locator('#finished').waitFor();
  assert.match(await page.locator('#finished').textContent(), /Comment \d redacted/);
  const other = page.locator('#queue .govuk-summary-card');
  await other.getByLabel('Withhold this comment: it cannot be shown without identifying someone').check();
  await other.getByRole('button', { name: /^Save comment \d$/ }).click();
  assert.deepEqual(await errorList(page), [`Say why comment ${waiting.indexOf(theirs) + 1} is withheld`]);
  await other.getByLabel('Why is it withheld?').fill('It names where the suspect goes; passed to the officer in the case.');
  await other.getByRole('button', { name: /^Save comment \d$/ }).click();
  await page.locator('#finished', { hasText: /Comment \d withheld/ }).waitFor();
  assert.equal(await page.locator('#queue-count').textContent(), 'No comments are waiting now.');
  const redacted = (await api.call('GET', '/api/v1/feedback/comments?state=redacted')).body.items.find((k) => k.id === ours.id);
  assert.deepEqual([redacted.redacted_text, redacted.text ?? null], ['Thank you [officer], I feel safe at [a relative\'s] house.', null]);
  const withheld = (await api.call('GET', '/api/v1/feedback/comments?state=withheld')).body.items.find((k) => k.id === theirs.id);
  assert.equal(withheld.withheld_reason, 'It names where the suspect goes; passed to the officer in the case.');

  // This month has not ended: no scores, no comments.
  const today = new Date().toISOString().slice(0, 10);
  const few = (await api.call('GET', `/api/v1/reports/feedback?from=${today}&to=${today}`)).body;
  assert.ok(few.responses === 0 && few.months_counted === 0 && few.suppressed, JSON.stringify(few));
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(`${server.base}/feedback-results?from=${today}&to=${today}`);
  await page.locator('#suppressed').waitFor();
  assert.equal(await page.locator('#figures-heading').textContent(), `${longDate(today)} to ${longDate(today)}`);
  assert.equal(await page.locator('#scores').isVisible(), false);
  assert.equal(await page.locator('#comments li').count(), 0);
  assert.equal(await page.locator('#responses').textContent(), 'No month of this period counts yet. A month counts once it has ended.');
  assert.equal(await page.locator('#comments-count').textContent(), 'Comments are shown from the months counted.');
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 320 pixels');
  await assertAccessible(page, assert, 'feedback results too few');
  await page.close();
});

test('from the worklist, a comment to redact opens with its box ready', async () => {
  const mine = 'The interpreter at Gablecross was kind and patient with me.';
  await answered(mine);
  const api = await apiSession(server.base, 'ds.khan');
  const page = await signedIn('ds.khan', { viewport: { width: 320, height: 800 } });
  await page.goto(`${server.base}/?kind=feedback_to_redact`);
  const redact = page.locator('#worklist-groups table', { has: page.locator('caption', { hasText: 'Victims\' feedback: comments to redact' }) });
  await redact.getByRole('link', { name: 'Redact the comments' }).click();
  const card = page.locator('#queue .govuk-summary-card', { hasText: 'Gablecross' });
  await card.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), await card.locator('textarea').first().getAttribute('id'), 'its box is focused');
  assert.equal(await card.locator('textarea').first().inputValue(), mine);
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 320 pixels');
  await assertAccessible(page, assert, 'feedback comment from the worklist');
  const [waiting] = (await api.call('GET', '/api/v1/feedback/comments?state=awaiting_redaction')).body.items;
  assert.equal(waiting.text, mine);
  await page.close();
});

// Presses Tab until the focused element is the one named (by its text or
// label), at most 40 times; fails if it never is.
async function tabTo(page, name) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const a = document.activeElement;
      return (a.labels && a.labels[0] ? a.labels[0].textContent : a.textContent || '').trim();
    });
    if (here === name) return;
  }
  assert.fail(`Tab never reached ${name}`);
}

test('by keyboard alone: a need and a service chosen, and a referral declined with its reason', async () => {
  const { api, c, p, link } = await victim('Warehouse, Calne', { given_names: 'Piotr', family_name: 'Nowak', date_of_birth: '1980-05-05', languages: ['pl'] });
  await addService({ name: 'Polish Advocacy Wiltshire', kind: 'advocacy', languages: ['pl'] });
  const page = await signedIn('dc.jones', { viewport: { width: 320, height: 800 } });
  await page.goto(`${server.base}/refer-service?case=${c.id}&link=${link}`);
  await page.locator('#need-form').waitFor();
  await tabTo(page, 'Independent sexual violence adviser (ISVA)');
  await page.keyboard.press('ArrowDown'); // Advocacy
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Choose a service: advocacy' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'service_id', 'the question is focused');
  assert.equal(await page.locator('#service-fields .govuk-radios__label').first().textContent(), 'Polish Advocacy Wiltshire');
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'How urgent is it, and what do they need?' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'urgency');
  await assertAccessible(page, assert, 'refer to a service: urgency');
  await page.close();

  const r = await referToService(api, c.id, link, p.id, 'Safe Homes emergency accommodation', 'A room near his new job in Swindon.');
  const partner = await signedIn('partner.evans', { viewport: { width: 320, height: 800 } });
  await partner.goto(`${server.base}/referral?id=${r.id}`);
  await partner.locator('#actions').waitFor();
  await tabTo(partner, 'Decline');
  await partner.keyboard.press('Enter');
  assert.equal(await partner.evaluate(() => document.activeElement.textContent), 'Decline the referral', 'the step\'s heading is focused');
  await partner.keyboard.press('Tab');
  await partner.keyboard.type('We serve Swindon only.');
  await tabTo(partner, 'Decline the referral');
  await partner.keyboard.press('Enter');
  await partner.getByRole('heading', { name: 'Referrals to your services', exact: true }).waitFor();
  const d = (await api.call('GET', `/api/v1/service-referrals/${r.id}`)).body;
  assert.deepEqual([d.status, d.reason], ['declined', 'We serve Swindon only.']);
  await partner.close();
});
