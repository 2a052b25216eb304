// The s45 safeguard in real Chromium: a suspect who is a potential victim
// elsewhere cannot be charged until an officer assesses the defence and a
// supervisor approves it; the child tests replace the adult ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, errorList, fillDate, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

test('no charging decision on a victim until the s45 assessment is approved', async () => {
  const api = await apiSession(server.base, 'dc.jones');
  const exploited = (await api.call('POST', '/api/v1/cases', { title: 'County line, Trowbridge', exploitation_types: ['criminal'] })).body;
  const arrests = (await api.call('POST', '/api/v1/cases', { title: 'Street dealing arrests', exploitation_types: ['criminal'] })).body;
  const kyle = (await api.call('POST', '/api/v1/people', { given_names: 'Jake', family_name: 'Turner', date_of_birth: '2002-04-04' })).body;
  await api.call('POST', `/api/v1/cases/${exploited.id}/people`, { person_id: kyle.id, role: 'potential_victim' });
  await api.call('POST', `/api/v1/cases/${arrests.id}/people`, { person_id: kyle.id, role: 'suspect' });

  const page = await signedIn('dc.jones');
  await page.goto(`${server.base}/case?id=${arrests.id}`);
  await page.getByRole('link', { name: 'Record a charging decision for Jake Turner' }).click();
  await page.getByRole('heading', { name: 'Record a charging decision' }).waitFor();
  await assertAccessible(page, assert, 'charging decision');
  await page.getByLabel('Charge', { exact: true }).check();
  await fillDate(page, '20', '11', '2026');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.locator('.govuk-error-summary').waitFor({ state: 'visible' });
  assert.match((await errorList(page)).join(), /assess the s45 defence before any charging decision/);

  await page.goto(`${server.base}/case?id=${arrests.id}`);
  await page.getByRole('link', { name: 'Assess the s45 defence for Jake Turner' }).click();
  await page.getByRole('heading', { name: 'Assess the s45 defence' }).waitFor();
  await assertAccessible(page, assert, 's45 assessment');
  await page.getByRole('button', { name: 'Record the assessment' }).click();
  assert.deepEqual(await errorList(page), ['Enter the offence', 'Enter the real date of the offence', 'Answer this question', 'Answer this question', 'Give the reasons for the assessment']);
  await page.getByLabel('Offence under consideration').fill('Possession with intent to supply class A');
  await fillDate(page, '1', '10', '2026');
  await page.locator('#compelled').check();
  await page.locator('#no_realistic_alternative').check();
  await page.getByLabel('Reasons').fill('Held drugs under threat of violence over a debt to the line.');
  await page.getByRole('button', { name: 'Record the assessment' }).click();
  assert.match(await page.locator('#check-answers').textContent(), /Jake Turner.*Possession with intent to supply class A.*1 October 2026.*Yes.*Yes.*threat of violence/);
  await assertAccessible(page, assert, 's45: check your answers');
  await page.getByRole('button', { name: 'Confirm and record the assessment' }).click();
  await page.getByRole('heading', { name: 'Street dealing arrests' }).waitFor();
  assert.match(await page.locator('#finished').textContent(), /s45 assessment recorded for Jake Turner.*defence may apply: a supervisor approves/);
  assert.match(await page.locator('#people-body').textContent(), /s45 assessment: the defence may apply, awaiting a supervisor/);
  await page.close();

  const sup = await signedIn('ds.khan');
  await sup.goto(`${server.base}/case?id=${arrests.id}`);
  await sup.getByRole('button', { name: 'Approve the s45 assessment for Jake Turner' }).click();
  await sup.locator('#people-body', { hasText: 'the defence may apply, approved' }).waitFor();
  await assertAccessible(sup, assert, 'case with an approved assessment');
  await sup.getByRole('link', { name: 'Record a charging decision for Jake Turner' }).click();
  await sup.getByLabel('No further action').check();
  await fillDate(sup, '21', '11', '2026');
  await sup.getByRole('button', { name: 'Record the decision' }).click();
  await sup.getByRole('heading', { name: 'Street dealing arrests' }).waitFor();
  assert.match(await sup.locator('#people-body').textContent(), /Charging decision 21 November 2026: no further action/);
  await sup.close();
});

test('a child suspect is asked the child tests', async () => {
  const api = await apiSession(server.base, 'dc.jones');
  const c = (await api.call('POST', '/api/v1/cases', { title: 'Knife possession, Salisbury', exploitation_types: ['criminal'] })).body;
  const boy = (await api.call('POST', '/api/v1/people', { given_names: 'Reece', family_name: 'Hall', date_of_birth: '2010-03-03' })).body;
  const link = (await api.call('POST', `/api/v1/cases/${c.id}/people`, { person_id: boy.id, role: 'suspect' })).body;
  await api.call('POST', `/api/v1/cases/${c.id}/people/${link.id}/indicators`, { code: 'forced_criminality' });
  const page = await signedIn('dc.jones');
  await page.goto(`${server.base}/s45?case=${c.id}&link=${link.id}`);
  await page.getByRole('heading', { name: 'Assess the s45 defence' }).waitFor();
  await fillDate(page, '1', '9', '2026');
  assert.equal(await page.locator('#child-fields').isHidden(), false);
  assert.equal(await page.locator('#adult-fields').isHidden(), true);
  await page.getByLabel('Offence under consideration').fill('Possession of a bladed article');
  await page.locator('#direct_consequence').check();
  await page.locator('#reasonable_person').check();
  await page.getByLabel('Reasons').fill('Made to carry the knife by the line holder.');
  await page.getByRole('button', { name: 'Record the assessment' }).click();
  await page.getByRole('button', { name: 'Confirm and record the assessment' }).click();
  await page.getByRole('heading', { name: 'Knife possession, Salisbury' }).waitFor();
  const kase = (await api.call('GET', `/api/v1/cases/${c.id}`)).body;
  assert.equal(kase.people[0].s45_assessments[0].outcome, 'defence_may_apply');
  await page.close();
});
