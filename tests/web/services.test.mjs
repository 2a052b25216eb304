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
import { assertAccessible, caseWith, errorList, server, shareServerAndBrowser, signedIn } from './harness.mjs';
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
