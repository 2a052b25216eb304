// The Commissioner's services reaching victims, in real Chromium: the
// directory kept by the Commissioner's office and read by officers; a victim
// referred to a service (those serving their age and language first), the
// provider answering on its referrals page and the force withdrawing; Go
// bags stocked, delivered and given (and, with none left, the nearest
// locations that have one); a victim asked for feedback by QR code, link and
// code; the feedback results and the redaction of comments; the worklist's
// new kinds. At 1280 and 320 pixels, by keyboard where the pattern asks,
// each page checked by axe-core.
//
// The routes of issue 16 are answered by contract16-stub.mjs until the
// server has them; sign-in, cases, people and consent come from the server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, caseWith, errorList, server, shareServerAndBrowser, signedIn } from './harness.mjs';
import { referral, service, stubState, useStub } from './contract16-stub.mjs';

shareServerAndBrowser();

const banner = (page) => page.locator('#finished').textContent();
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

// A potential victim in a new case, and their part (link) in it.
async function victim(title, person) {
  const made = await caseWith(title, person);
  const kase = (await made.api.call('GET', `/api/v1/cases/${made.c.id}`)).body;
  return { ...made, link: kase.people[0].id };
}

test('a victim is referred to a service that speaks her language, with her consent, and the case shows it', async () => {
  const { api, c, p, link } = await victim('Nail bar, Chippenham', { given_names: 'Ardita', family_name: 'Krasniqi', date_of_birth: '1998-02-11', languages: ['sq'] });
  const state = stubState();
  state.caseReference = c.reference;
  state.personName = { given_names: 'Ardita', family_name: 'Krasniqi' };
  service(state, { name: 'Haven Safe Beds', kind: 'housing', languages: ['en'], response_hours: 24, capacity: 6 });
  service(state, { name: 'Shqip Housing Link', kind: 'housing', languages: ['sq', 'en'], response_hours: 48, area: 'Swindon and Wiltshire' });
  service(state, { name: 'Young Persons Housing', kind: 'housing', ages: { min: 16, max: 24 }, languages: ['sq'], response_hours: 72 });
  service(state, { name: 'Counselling Together', kind: 'mental_health', languages: ['en'] });
  state.noConsent.add(link);

  const page = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await useStub(page, state, { role: 'investigator' });
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

  // Those serving her age and speaking Albanian first, each saying so.
  await page.getByRole('heading', { name: 'Choose a service: housing and safe accommodation' }).waitFor();
  assert.equal(await page.locator('#service-intro').textContent(), 'Services that serve their age and speak Albanian come first.');
  assert.deepEqual(await page.locator('#service-fields .govuk-radios__label').allTextContents(), ['Shqip Housing Link', 'Haven Safe Beds', 'Young Persons Housing']);
  const first = page.locator('#service-fields .govuk-radios__item').first();
  assert.match(await first.textContent(), /Haven Trust Victim Support\. Swindon and Wiltshire\. Answers within 48 hours\. No limit on places\.Serves their age Speaks Albanian/);
  assert.match(await page.locator('#service-fields .govuk-radios__item').nth(2).textContent(), /Ages 16 to 24 only Speaks Albanian/);
  assert.ok(state.calls.length === 0, 'reading the directory changes nothing');
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
  assert.deepEqual(await errorList(page), ['Record the victim\'s consent to share for support first (or refer a child to safeguard them)']);
  assert.equal(await page.getByRole('link', { name: /Record the victim's consent/ }).getAttribute('href'), '#consent');
  assert.ok(await page.getByRole('link', { name: 'Record their consent' }).isVisible(), 'the way to record it is on the page');

  // With it recorded, the referral is made and the case shows it.
  assert.equal((await api.call('PUT', `/api/v1/people/${p.id}/consent`, { given: true, purposes: ['support'], method: 'verbal', language: 'sq', interpreter: 'in_person' })).status, 200);
  state.noConsent.delete(link);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /^Choose a service/ }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'How urgent is it, and what do they need?' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Refer Ardita Krasniqi to Shqip Housing Link' }).click();
  await page.getByRole('heading', { name: 'Nail bar, Chippenham' }).waitFor();
  const made = state.calls.filter((x) => x.method === 'POST').at(-1);
  assert.deepEqual(made.body, { service_id: state.services[1].id, need: 'A safe bed tonight, away from the nail bar; speaks little English.', urgency: 'urgent' });
  assert.match(await banner(page), /Ardita Krasniqi referred to Shqip Housing Link.*Haven Trust Victim Support should answer by .* at .*shared with Haven Trust Victim Support for support/);
  assert.match(await page.locator('#people-body').textContent(), /Shqip Housing Link Referred answer due by .*\./);
  await assertAccessible(page, assert, 'case with a service referral');
  await page.close();
});

test('the provider answers its referrals: declines one with a reason, accepts, starts and closes another; the force withdraws one', async () => {
  const state = stubState();
  const svc = { id: 'svc-haven', name: 'Haven Safe Beds', kind: 'housing' };
  const provider = { id: 'org-provider', name: 'Demo County Council Adult Safeguarding' };
  const hour = 3600 * 1000;
  const late = referral(state, { service: svc, provider_organisation: provider, person: { given_names: 'Ardita', family_name: 'Krasniqi' }, urgency: 'immediate',
    referred_at: new Date(Date.now() - 3 * hour).toISOString(), respond_by: new Date(Date.now() - 2 * hour).toISOString(), overdue: true });
  const soon = referral(state, { service: svc, provider_organisation: provider, person: { given_names: 'Tuan', family_name: 'Nguyen' }, urgency: 'routine' });
  const page = await signedIn('partner.evans', { viewport: { width: 1280, height: 900 } });
  await useStub(page, state, { role: 'partner', by: 'Cerys Evans' });
  // Their home says what waits for them.
  await page.reload();
  await page.locator('#referrals-waiting').waitFor();
  assert.equal(await page.locator('#referrals-waiting-count').textContent(), '2 referrals are waiting for your answer, 1 past the time to answer. Answer them');
  await assertAccessible(page, assert, 'provider home with referrals waiting');
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Referrals' }).click();
  await page.getByRole('heading', { name: 'Referrals to your services' }).waitFor();
  await page.locator('#list').waitFor();
  assert.equal(await page.locator('#count').textContent(), '2 referrals waiting for your answer, 1 past the time to answer.');
  assert.match(await page.locator('#referrals-body tr').first().textContent(), /Ardita Krasniqi.*Haven Safe Beds.*Immediate.*Overdue.*Referred.*Accept.*Decline/);
  await assertAccessible(page, assert, 'referrals to your services');

  // Declined, with the reason the officer will read.
  await page.getByRole('link', { name: 'Decline the referral of Ardita Krasniqi' }).click();
  await page.getByRole('heading', { name: 'Decline the referral' }).waitFor();
  assert.equal(await page.locator('#who').textContent(), 'Ardita Krasniqi');
  assert.match(await page.locator('#details').textContent(), /StatusReferred.*ServiceHaven Safe Beds \(housing and safe accommodation\).*UrgencyImmediate.*Answer due by.*Overdue/);
  await page.getByRole('button', { name: 'Decline the referral' }).click();
  assert.deepEqual(await errorList(page), ['Say why you are declining it']);
  await page.getByLabel('Why are you declining it?').fill('No beds until Monday; we have asked the Salvation Army.');
  await assertAccessible(page, assert, 'referral: decline');
  await page.getByRole('button', { name: 'Decline the referral' }).click();
  await page.getByRole('heading', { name: 'Referrals to your services' }).waitFor();
  assert.match(await banner(page), /You declined the referral of Ardita Krasniqi.*has your reason/);
  assert.deepEqual(state.calls.at(-1).body, { status: 'declined', reason: 'No beds until Monday; we have asked the Salvation Army.' });
  assert.equal(state.calls.at(-1).method, 'POST');

  // Accepted, started and closed with its outcome, each step from the list.
  await page.getByRole('link', { name: 'Accept the referral of Tuan Nguyen' }).click();
  await page.getByRole('button', { name: 'Accept the referral' }).click();
  await page.getByRole('heading', { name: 'Referrals to your services' }).waitFor();
  assert.match(await banner(page), /You accepted the referral of Tuan Nguyen/);
  await page.locator('#count', { hasText: 'No referrals waiting for your answer.' }).waitFor();
  await page.getByRole('link', { name: 'Accepted' }).click();
  await page.getByRole('link', { name: 'Start the support the referral of Tuan Nguyen' }).click();
  await page.getByRole('button', { name: 'Start the support' }).click();
  await page.getByRole('heading', { name: 'Referrals to your services' }).waitFor();
  await page.goto(`${server.base}/referrals?status=in_progress`);
  await page.getByRole('link', { name: 'Close the referral of Tuan Nguyen' }).click();
  await page.getByRole('button', { name: 'Close the referral' }).click();
  assert.deepEqual(await errorList(page), ['Select what came of it']);
  await page.getByLabel('Support completed').check();
  await page.getByRole('button', { name: 'Close the referral' }).click();
  await page.getByRole('heading', { name: 'Referrals to your services' }).waitFor();
  assert.match(await banner(page), /Referral of Tuan Nguyen closed.*Outcome: support completed/);
  assert.deepEqual(state.referrals[1].history.map((h) => h.status), ['referred', 'accepted', 'in_progress', 'closed']);
  await page.goto(`${server.base}/referral?id=${soon.id}`);
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

  // The force withdraws a referral; someone else's change meanwhile is shown, not overwritten.
  const third = referral(state, { service: svc, provider_organisation: provider, person: { given_names: 'Ardita', family_name: 'Krasniqi' }, case: { id: 'x', reference: 'MS-2026-00001' } });
  const officer = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await useStub(officer, state, { role: 'investigator' });
  await officer.goto(`${server.base}/referral?id=${third.id}`);
  await officer.getByRole('button', { name: 'Withdraw the referral' }).click();
  assert.equal(await officer.getByRole('button', { name: 'Accept' }).count(), 0, 'the force does not answer for the provider');
  await officer.getByLabel('Why are you withdrawing it?').fill('She has moved to her sister in Leeds.');
  third.status = 'accepted';
  third.version += 1;
  await officer.getByRole('button', { name: 'Withdraw the referral' }).click();
  await officer.locator('#error-summary').waitFor({ state: 'visible' });
  assert.deepEqual(await errorList(officer), ['Someone else changed this referral meanwhile: it is now accepted. Check it before you do anything more.']);
  assert.match(await officer.locator('#details').textContent(), /StatusAccepted/);
  await officer.getByRole('button', { name: 'Withdraw the referral' }).click();
  await officer.getByLabel('Why are you withdrawing it?').fill('She has moved to her sister in Leeds.');
  await officer.getByRole('button', { name: 'Withdraw the referral' }).click();
  await officer.waitForURL(/\/case\?id=x/);
  assert.equal(third.status, 'withdrawn');
  await officer.close();
});

test('the Commissioner\'s office keeps the directory: adds a service after checking it, changes one, stops offering it; officers read it', async () => {
  const state = stubState();
  service(state, { name: 'Wiltshire ISVA Service', kind: 'isva', ages: { min: 13, max: 120 }, languages: ['en', 'pl'], response_hours: 72, capacity: 40 });
  const api = await apiSession(server.base, 'dc.jones');
  const partners = (await api.call('GET', '/api/v1/organisations?kind=partner')).body.items;
  state.partnersForOpcc = partners;
  const page = await signedIn('opcc.hughes', { viewport: { width: 1280, height: 900 } });
  await useStub(page, state, { role: 'opcc', by: 'Sam Hughes' });
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Services' }).click();
  await page.getByRole('heading', { name: 'Directory of services' }).waitFor();
  await page.locator('#active-list').waitFor();
  assert.match(await page.locator('#active-table tbody').textContent(), /Wiltshire ISVA Service.*Independent sexual violence adviser \(ISVA\).*13 and over.*English, Polish.*Within 72 hours.*Up to 40 people at a time/);
  await assertAccessible(page, assert, 'directory of services');

  // Added: every answer checked first, then Check your answers.
  await page.getByRole('button', { name: 'Add a service' }).click();
  await page.getByRole('heading', { name: 'Add a service' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Enter the name of the service', 'Select who provides it', 'Select what kind of service it is',
    'Enter the youngest age it serves, a whole number from 0 to 120', 'Enter the oldest age it serves, a whole number up to 120',
    'Enter the target time in hours, a whole number from 1 to 720']);
  await page.getByLabel('Name of the service').fill('Albanian Women\'s Navigator');
  await page.getByLabel('Who provides it?').selectOption({ index: 1 });
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
  assert.match(await page.locator('#check-answers').textContent(), /Albanian Women's Navigator.*Independent victim navigator.*Ages18 and over.*Albanian.*Swindon and Wiltshire.*No limit on places.*Within 24 hours/);
  await assertAccessible(page, assert, 'add a service: check');
  {
    await page.getByRole('button', { name: 'Add the service' }).click();
    await page.getByRole('heading', { name: 'Directory of services' }).waitFor();
    assert.match(await banner(page), /Albanian Women's Navigator added to the directory/);
    assert.deepEqual(state.calls.at(-1).body, { name: 'Albanian Women\'s Navigator', provider_organisation_id: partners[0].id, kind: 'navigator',
      ages: { min: 18, max: 120 }, languages: ['Albanian'], response_hours: 24, capacity: null, area: 'Swindon and Wiltshire' });
  }

  // Changed with the version read, then no longer offered.
  await page.goto(`${server.base}/service?id=${state.services[0].id}`);
  await page.getByRole('heading', { name: 'Wiltshire ISVA Service' }).waitFor();
  await page.getByLabel('Target time to answer a referral, in hours').fill('48');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.getByRole('heading', { name: 'Directory of services' }).waitFor();
  assert.deepEqual(state.calls.at(-1), { method: 'PATCH', path: `/api/v1/services/${state.services[0].id}`, body: { response_hours: 48 } });
  // Someone else saved first: their change is shown beside this one, and nothing is lost.
  await page.goto(`${server.base}/service?id=${state.services[0].id}`);
  await page.getByLabel('Places at a time (optional)').fill('35');
  Object.assign(state.services[0], { area: 'Wiltshire and Swindon', version: state.services[0].version + 1 });
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.locator('#conflict').waitFor();
  assert.match(await page.locator('#conflict').textContent(), /They changed: area it covers/);
  assert.equal(await page.getByLabel('Places at a time (optional)').inputValue(), '35');
  assert.equal(await page.getByLabel('Area it covers').inputValue(), 'Wiltshire and Swindon');
  await assertAccessible(page, assert, 'service changed meanwhile');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.getByRole('heading', { name: 'Directory of services' }).waitFor();
  assert.equal(state.services[0].capacity, 35);
  await page.goto(`${server.base}/service?id=${state.services[0].id}`);
  await page.getByRole('button', { name: 'Stop offering it' }).click();
  await page.getByRole('heading', { name: 'Directory of services' }).waitFor();
  assert.match(await banner(page), /Wiltshire ISVA Service is no longer offered/);
  await page.locator('#inactive-list').waitFor();
  assert.match(await page.locator('#inactive-table').textContent(), /Wiltshire ISVA Service/);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.reload();
  await page.locator('#inactive-list').waitFor();
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 320 pixels');
  await assertAccessible(page, assert, 'directory of services');
  await page.close();

  // An officer reads the directory and a service, and cannot change them.
  const officer = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await useStub(officer, state, { role: 'investigator' });
  await officer.goto(`${server.base}/services`);
  await officer.locator('#count').filter({ hasText: /offered/ }).waitFor();
  assert.equal(await officer.getByRole('button', { name: 'Add a service' }).count(), 0);
  assert.equal(await officer.locator('#inactive-list').isVisible(), false);
  {
    await officer.getByRole('link', { name: 'Albanian Women\'s Navigator' }).click();
    await officer.locator('#view').waitFor();
    assert.match(await officer.locator('#details').textContent(), /Offered now.*Independent victim navigator.*18 and over.*Albanian.*Within 24 hours/);
    assert.equal(await officer.locator('#service-form').isVisible(), false);
    await assertAccessible(officer, assert, 'service read by an officer');
  }
  await officer.close();
});

test('Go bags: the Commissioner\'s office sees what to reorder, adds a location and records a delivery; an officer gives one, and with none left is offered the nearest', async () => {
  const state = stubState();
  state.locations.push({ id: 'loc-swindon', version: 1, name: 'Swindon Gablecross police station', latitude: 51.5583, longitude: -1.7386, reorder_level: 5 },
    { id: 'loc-chippenham', version: 1, name: 'Chippenham police station', latitude: 51.4586, longitude: -2.1158, reorder_level: 3 });
  state.stock.push(
    { location: 'loc-swindon', location_name: 'Swindon Gablecross police station', kind: 'adult', language: 'sq', stock: 2, issued_30_days: 6, days_left: 10, reorder_level: 5 },
    { location: 'loc-swindon', location_name: 'Swindon Gablecross police station', kind: 'child', language: 'en', stock: 12, issued_30_days: 0, days_left: null, reorder_level: 5 },
    { location: 'loc-chippenham', location_name: 'Chippenham police station', kind: 'adult', language: 'vi', stock: 8, issued_30_days: 1, days_left: 240, reorder_level: 3 },
  );
  const page = await signedIn('opcc.hughes', { viewport: { width: 1280, height: 900 } });
  await useStub(page, state, { role: 'opcc', by: 'Sam Hughes' });
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Go bags' }).click();
  await page.getByRole('heading', { name: 'Go bags' }).waitFor();
  await page.locator('#stock-list').waitFor();
  assert.match(await page.locator('#reorder').textContent(), /One stock is at or below its reorder level: order more\./);
  assert.match(await page.locator('#stock-body tr').first().textContent(), /Swindon Gablecross police station Reorder.*Adult.*Albanian.*2.*6.*10 days/);
  assert.match(await page.locator('#stock-body').textContent(), /Child.*English.*12.*0.*None given lately/);
  await assertAccessible(page, assert, 'go bags stock');

  // A new location, then a delivery to it.
  await page.getByRole('link', { name: 'Locations' }).click();
  await page.getByRole('heading', { name: 'Go bag locations' }).waitFor();
  await page.getByRole('button', { name: 'Add a location' }).click();
  await page.getByRole('heading', { name: 'Add a location' }).waitFor();
  await page.getByRole('button', { name: 'Add the location' }).click();
  assert.deepEqual((await errorList(page)).slice(0, 2), ['Enter the name of the location', 'Enter the reorder level as a whole number, like 5']);
  await page.getByLabel('Name').fill('Melksham police station');
  await page.getByLabel('Latitude (optional)').fill('51.3731');
  await page.getByLabel('Longitude (optional)').fill('-2.1389');
  await page.getByLabel('Reorder when the stock of a kind falls to').fill('4');
  const force = page.getByLabel('Which force keeps it?');
  if (await force.count()) await force.selectOption({ index: 1 });
  await assertAccessible(page, assert, 'add a go bag location');
  await page.getByRole('button', { name: 'Add the location' }).click();
  await page.getByRole('heading', { name: 'Go bag locations' }).waitFor();
  assert.match(await banner(page), /Melksham police station added/);
  assert.deepEqual(state.locations.at(-1).reorder_level, 4);
  await page.locator('#locations-list').waitFor();
  await assertAccessible(page, assert, 'go bag locations');
  await page.getByRole('link', { name: 'Go bags' }).first().click();
  await page.getByRole('button', { name: 'Record a delivery' }).click();
  await page.getByRole('heading', { name: 'Record a delivery' }).waitFor();
  await page.getByLabel('Where were they delivered?').selectOption({ label: 'Melksham police station' });
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
  assert.match(await page.locator('#check-answers').textContent(), /Melksham police station.*Adult, with a phone.*Vietnamese.*20/);
  await page.getByRole('button', { name: 'Record the delivery' }).click();
  await page.getByRole('heading', { name: 'Go bags' }).waitFor();
  assert.match(await banner(page), /20 Go bags delivered to Melksham police station.*Each is an adult Go bag with a phone, with Vietnamese cards\. Melksham police station now holds 20 of them\./);
  assert.deepEqual(state.calls.at(-1).body, { location: state.locations.at(-1).id, kind: 'adult_with_phone', language: 'vi', quantity: 20 });
  await page.setViewportSize({ width: 320, height: 800 });
  await page.reload();
  await page.locator('#stock-list').waitFor();
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 320 pixels');
  await assertAccessible(page, assert, 'go bags stock');
  await page.close();

  // An officer gives one; with none left of that kind, the nearest are offered.
  const { c, link } = await victim('Car wash, Swindon', { given_names: 'Tuan', family_name: 'Nguyen', date_of_birth: '1990-03-03', languages: ['vi'] });
  const officer = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await useStub(officer, state, { role: 'investigator' });
  await officer.goto(`${server.base}/case?id=${c.id}`);
  await officer.getByRole('link', { name: 'Give a Go bag to Tuan Nguyen' }).click();
  await officer.getByRole('heading', { name: 'Give a Go bag' }).waitFor();
  await officer.locator('#bag-form').waitFor();
  assert.equal(await officer.locator('#who').textContent(), `Tuan Nguyen, ${c.reference}`);
  assert.equal(await officer.getByLabel('Vietnamese').isChecked(), true, 'cards in their language when there are some');
  await officer.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(officer), ['Select where the bag comes from', 'Select the kind of Go bag']);
  await officer.getByLabel('Where does the bag come from?').selectOption({ label: 'Swindon Gablecross police station' });
  await officer.getByLabel('Adult', { exact: true }).check();
  await assertAccessible(officer, assert, 'give a go bag');
  await officer.getByRole('button', { name: 'Continue' }).click();
  await officer.getByRole('heading', { name: 'Check your answers before you give the bag' }).waitFor();
  assert.match(await officer.locator('#check-answers').textContent(), /Tuan Nguyen.*Swindon Gablecross police station.*Adult.*Vietnamese/);
  await officer.getByRole('button', { name: 'Give the Go bag' }).click();
  await officer.locator('#nearest').waitFor();
  assert.deepEqual(await errorList(officer), ['None left at Swindon Gablecross police station (adult Go bag, Vietnamese cards): choose one of the nearest locations that have one']);
  assert.match(await officer.locator('#nearest-body').textContent(), /Chippenham police station4\.2 km8/);
  await assertAccessible(officer, assert, 'give a go bag: nearest');
  await officer.getByRole('button', { name: 'Take one from here (Chippenham police station)' }).click();
  await officer.getByRole('heading', { name: 'Check your answers before you give the bag' }).waitFor();
  assert.match(await officer.locator('#check-answers').textContent(), /FromChippenham police station/);
  await officer.getByRole('button', { name: 'Give the Go bag' }).click();
  await officer.getByRole('heading', { name: 'Car wash, Swindon' }).waitFor();
  assert.match(await banner(officer), /Go bag given to Tuan Nguyen.*An adult Go bag, with Vietnamese cards, from Chippenham police station\. 7 of them left there\./);
  assert.match(await officer.locator('#people-body').textContent(), /Given a Go bag .*: an adult Go bag, with Vietnamese cards, from Chippenham police station/);
  assert.equal(state.issued.length, 1);
  assert.equal(state.issued[0].link_id, link);

  // Officers read the stock and the locations, and change neither.
  await officer.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Go bags' }).click();
  await officer.locator('#stock-list').waitFor();
  assert.match(await officer.locator('#stock-body').textContent(), /Chippenham police station.*Adult.*Vietnamese.*7/);
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
  const { api, c, p, link } = await victim('Cannabis farm, Devizes', { given_names: 'Blerina', family_name: 'Gashi', date_of_birth: '1999-09-09', languages: ['sq'] });
  const person = (await api.call('GET', `/api/v1/people/${p.id}`)).body;
  assert.equal((await api.call('PATCH', `/api/v1/people/${p.id}`, { safe_contact: { method: 'Through her support worker, Haven Trust', times: 'weekdays' } }, { 'If-Match': `"${person.version}"` })).status, 200);
  const state = stubState();
  const page = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await useStub(page, state, { role: 'investigator' });
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
  state.monitored.add(link);
  await page.getByLabel('Through their safe contact').check();
  await page.getByRole('button', { name: 'Create the invitation' }).click();
  await page.locator('#error-summary').waitFor({ state: 'visible' });
  assert.deepEqual(await errorList(page), ['Their phone may be monitored and a trafficker may read it: give it in person']);
  assert.equal(await page.getByLabel('In person').isChecked(), true);
  assert.ok(await page.locator('#monitored').isVisible());

  // In person: the QR code, the link and the code.
  await page.getByRole('button', { name: 'Create the invitation' }).click();
  await page.getByRole('heading', { name: 'Show them this QR code' }).waitFor();
  assert.deepEqual(state.calls.at(-1).body, { language: 'sq', delivery: 'in_person' });
  assert.match(await page.locator('#finished').textContent(), /Feedback invitation for Blerina Gashi made.*In Albanian\. It works once, until/);
  assert.equal(await page.getByRole('img', { name: 'QR code that opens the feedback questions for Blerina Gashi' }).getAttribute('src'), state.invitations[0].qr_code);
  assert.ok(await page.evaluate(() => document.getElementById('qr').naturalWidth > 0), 'the QR code shows');
  assert.match(await page.locator('#invitation-details').textContent(), new RegExp(`Link${server.base}/feedback/Zq3x-token-for-the-test_0123456789abcdefCodeK7PX 4RMWWhere to type the code${server.base}/feedbackWorks until.*, once`));
  await assertAccessible(page, assert, 'feedback invitation');
  await page.setViewportSize({ width: 320, height: 800 });
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 320 pixels');
  await assertAccessible(page, assert, 'feedback invitation');
  await page.close();

  // A person whose phone is marked as possibly monitored is never offered the safe contact.
  const again = (await api.call('GET', `/api/v1/people/${p.id}`)).body;
  await api.call('PATCH', `/api/v1/people/${p.id}`, { safe_contact: { method: 'Text message', phone_may_be_monitored: true } }, { 'If-Match': `"${again.version}"` });
  const second = await signedIn('dc.jones', { viewport: { width: 320, height: 800 } });
  await useStub(second, state, { role: 'investigator' });
  await second.goto(`${server.base}/ask-feedback?case=${c.id}&link=${link}`);
  await second.locator('#ask-form').waitFor();
  assert.equal(await second.getByLabel('Through their safe contact').count(), 0);
  assert.match(await second.locator('#monitored').textContent(), /Their phone may be monitored/);
  await assertAccessible(second, assert, 'ask for feedback');
  await second.close();
});

test('feedback results: scores only once ten have answered, comments only with names taken out; a supervisor redacts and withholds', async () => {
  const state = stubState();
  state.report = {
    from: '2025-12-03', to: '2026-12-02', responses: 14,
    questions: ['safe', 'believed', 'understood', 'told_support', 'kept_updated', 'contact_again'].map((question, i) => ({
      question, counts: { 1: 1, 2: 1, 3: 2, 4: 4 + (i % 2), 5: 5 - (i % 2) }, prefer_not_to_say: 1, mean: 3.8 - i / 10,
    })),
    comments: [{ text: 'The officer [name removed] believed me from the start.', submitted_on: '2026-10-04', language: 'sq' }],
  };
  state.comments.push({ id: 'c1', version: 1, state: 'awaiting_redaction', text: 'Thank you DC Jones, I feel safe at my sister Mira\'s house.', submitted_on: '2026-11-20', language: 'en' },
    { id: 'c2', version: 1, state: 'awaiting_redaction', text: 'He still comes to 14 Elm Road at night.', submitted_on: '2026-11-25', language: 'en' });
  const page = await signedIn('ds.khan', { viewport: { width: 1280, height: 900 } });
  await useStub(page, state, { role: 'supervisor', by: 'DS Amira Khan' });
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Feedback' }).click();
  await page.getByRole('heading', { name: 'Victims\' feedback' }).waitFor();
  await page.locator('#scores').waitFor();
  assert.equal(await page.locator('#responses').textContent(), '14 people answered in this period.');
  assert.match(await page.locator('#scores-body tr').first().textContent(), /Did you feel safe\?11245 ?13\.8/);
  assert.match(await page.locator('#comments').textContent(), /4 October 2026, in Albanian.*The officer \[name removed\] believed me/);
  assert.equal(await page.locator('#queue .govuk-summary-card').count(), 0, 'raw comments are shown only on asking');
  assert.equal(state.calls.filter((x) => x.path.startsWith('/api/v1/feedback/comments')).length, 0);
  await assertAccessible(page, assert, 'feedback results');

  // The queue: one redacted, one withheld.
  await page.getByRole('button', { name: 'Show the comments waiting' }).click();
  await page.locator('#queue .govuk-summary-card').first().waitFor();
  assert.equal(await page.locator('#queue-count').textContent(), '2 comments are waiting.');
  await page.getByLabel('The comment with names taken out').first().fill('Thank you [officer], I feel safe at [a relative\'s] house.');
  await assertAccessible(page, assert, 'feedback comments to redact');
  await page.getByRole('button', { name: 'Save comment 1' }).click();
  await page.locator('#finished').waitFor();
  assert.match(await page.locator('#finished').textContent(), /Comment 1 redacted/);
  assert.deepEqual(state.calls.at(-1).body, { text: 'Thank you [officer], I feel safe at [a relative\'s] house.' });
  await page.getByLabel('Withhold this comment: it cannot be shown without identifying someone').check();
  await page.getByRole('button', { name: 'Save comment 2' }).click();
  assert.deepEqual(await errorList(page), ['Say why comment 2 is withheld']);
  await page.getByLabel('Why is it withheld?').fill('It names where the suspect goes; passed to the officer in the case.');
  await page.getByRole('button', { name: 'Save comment 2' }).click();
  await page.locator('#finished', { hasText: 'Comment 2 withheld' }).waitFor();
  assert.deepEqual(state.calls.at(-1).body, { withhold: true, reason: 'It names where the suspect goes; passed to the officer in the case.' });
  assert.equal(await page.locator('#queue-count').textContent(), 'No comments are waiting now.');

  // Too few answers: no scores.
  state.report = { responses: 6, suppressed: true, comments: [] };
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(`${server.base}/feedback-results?from=2026-11-01&to=2026-11-30`);
  await page.locator('#suppressed').waitFor();
  assert.equal(await page.locator('#figures-heading').textContent(), '1 November 2026 to 30 November 2026');
  assert.ok(state.calls.some((x) => x.path === '/api/v1/reports/feedback?from=2026-11-01&to=2026-11-30'));
  assert.equal(await page.locator('#scores').isVisible(), false);
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 320 pixels');
  await assertAccessible(page, assert, 'feedback results');
  await page.close();
});

test('the worklist names the new kinds: an unanswered referral for the officer, Go bags to reorder for the Commissioner\'s office', async () => {
  const state = stubState();
  const today = new Date().toISOString().slice(0, 10);
  state.worklist.push({ kind: 'service_referral_overdue', due: today, due_at: new Date(Date.now() - 3600e3).toISOString(), state: 'overdue', overdue: true,
    case: { id: 'case-1', reference: 'MS-2026-00042' }, person: { id: 'p-1', name: 'Ardita Krasniqi', presumed_child: false }, holder: { id: 'u', name: 'DC Rhys Jones' }, record_id: 'ref-1', link: '/case?id=case-1' });
  const page = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await useStub(page, state, { role: 'investigator' });
  await page.goto(`${server.base}/?kind=service_referral_overdue`);
  const table = page.locator('#worklist-groups table', { has: page.locator('caption', { hasText: 'Referral to a service not answered in time' }) });
  await table.waitFor();
  assert.match(await table.textContent(), /Overdue.*MS-2026-00042.*Ardita Krasniqi.*DC Rhys Jones/);
  assert.match(await page.locator('#kind').textContent(), /Referral to a service not answered in time \(1\)/);
  await assertAccessible(page, assert, 'worklist with a referral overdue');
  await page.close();

  const opcc = stubState();
  opcc.worklist.push({ kind: 'go_bag_reorder', due: today, state: 'due', overdue: false, case: null, person: null, holder: null, record_id: 'loc-1', link: '/go-bags' });
  const office = await signedIn('opcc.hughes', { viewport: { width: 320, height: 800 } });
  await useStub(office, opcc, { role: 'opcc' });
  await office.goto(`${server.base}/`);
  const bags = office.locator('#worklist-groups table', { has: office.locator('caption', { hasText: 'Go bags running low: order more' }) });
  await bags.waitFor();
  assert.deepEqual(await bags.locator('th').allTextContents(), ['Due', 'What to do', 'Held by']);
  assert.equal(await bags.getByRole('link', { name: 'Order more Go bags' }).getAttribute('href'), '/go-bags');
  assert.ok(await overflow(office) <= 0, 'no sideways scrolling at 320 pixels');
  await assertAccessible(office, assert, 'worklist of the commissioners office');
  await office.close();

  // An administrator keeps the directory and Go bags; a worklist the server
  // keeps only for those who read cases is left out, not shown as a failure.
  const admin = await signedIn('admin', { viewport: { width: 1280, height: 900 } });
  const menu = admin.getByRole('navigation', { name: 'Menu' });
  assert.ok(await menu.getByRole('link', { name: 'Services' }).isVisible());
  assert.ok(await menu.getByRole('link', { name: 'Go bags' }).isVisible());
  assert.equal(await menu.getByRole('link', { name: 'Feedback' }).isVisible(), false);
  await admin.locator('#home-body').waitFor();
  assert.equal(await admin.getByText('The worklist could not be loaded').count(), 0);
  await admin.close();
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
  const { c, link } = await victim('Warehouse, Calne', { given_names: 'Piotr', family_name: 'Nowak', date_of_birth: '1980-05-05', languages: ['pl'] });
  const state = stubState();
  service(state, { name: 'Polish Advocacy Wiltshire', kind: 'advocacy', languages: ['pl'] });
  const page = await signedIn('dc.jones', { viewport: { width: 320, height: 800 } });
  await useStub(page, state, { role: 'investigator' });
  await page.goto(`${server.base}/refer-service?case=${c.id}&link=${link}`);
  await page.locator('#need-form').waitFor();
  await tabTo(page, 'Independent sexual violence adviser (ISVA)');
  await page.keyboard.press('ArrowDown'); // Advocacy
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Choose a service: advocacy' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'service_id', 'the question is focused');
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'How urgent is it, and what do they need?' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'urgency');
  await assertAccessible(page, assert, 'refer to a service: urgency');
  await page.close();

  const r = referral(state, { service: { id: 'x', name: 'Polish Advocacy Wiltshire', kind: 'advocacy' }, provider_organisation: { id: 'o', name: 'Haven Trust Victim Support' }, person: { given_names: 'Piotr', family_name: 'Nowak' } });
  const partner = await signedIn('partner.evans', { viewport: { width: 320, height: 800 } });
  await useStub(partner, state, { role: 'partner', by: 'Cerys Evans' });
  await partner.goto(`${server.base}/referral?id=${r.id}`);
  await partner.locator('#actions').waitFor();
  await tabTo(partner, 'Decline');
  await partner.keyboard.press('Enter');
  assert.equal(await partner.evaluate(() => document.activeElement.textContent), 'Decline the referral', 'the step\'s heading is focused');
  await partner.keyboard.press('Tab');
  await partner.keyboard.type('We serve Swindon only.');
  await tabTo(partner, 'Decline the referral');
  await partner.keyboard.press('Enter');
  await partner.getByRole('heading', { name: 'Referrals to your services' }).waitFor();
  assert.equal(r.status, 'declined');
  assert.equal(r.reason, 'We serve Swindon only.');
  await partner.close();
});
