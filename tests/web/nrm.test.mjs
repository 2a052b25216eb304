// The statutory routes in real Chromium: an adult referred with consent,
// an adult who declines notified under the Duty to Notify, a child referred
// without consent, a decision recorded, and the worklist on the home page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiSession, assertAccessible, launchBrowser, newPage, signIn, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  assert.equal(await server?.stop(), 0);
});

async function signedIn(username = 'dc.jones') {
  const page = await newPage(browser);
  await signIn(page, server.base, username);
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
  return page;
}

async function caseWith(title, person) {
  const api = await apiSession(server.base, 'dc.jones');
  const c = (await api.call('POST', '/api/v1/cases', { title, exploitation_types: ['labour'] })).body;
  const p = (await api.call('POST', '/api/v1/people', person)).body;
  await api.call('POST', `/api/v1/cases/${c.id}/people`, { person_id: p.id, role: 'potential_victim' });
  return { api, c, p };
}

const errorList = (page) => page.locator('.govuk-error-summary__list li').allTextContents();

async function fillDate(page, day, month, year) {
  await page.getByLabel('Day').first().fill(day);
  await page.getByLabel('Month').first().fill(month);
  await page.getByLabel('Year').first().fill(year);
}

test('an adult is referred with informed consent, then a decision starts the recovery period', async () => {
  const { c, p } = await caseWith('Car wash, Devizes', { given_names: 'Dritan', family_name: 'Leka', estimated_age: 34 });
  const page = await signedIn();
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByRole('link', { name: 'Refer to the NRM or notify (Dritan Leka)' }).click();
  await page.getByRole('heading', { name: 'Refer to the National Referral Mechanism' }).waitFor();
  await assertAccessible(page, assert, 'referral');
  await page.getByRole('button', { name: 'Make the referral' }).click();
  assert.deepEqual(await errorList(page), ['Enter the date of the referral', 'Say whether they have given informed consent']);
  await fillDate(page, '20', '11', '2026');
  await page.locator('#consent_given').check();
  await page.getByRole('button', { name: 'Make the referral' }).click();
  assert.deepEqual(await errorList(page), ['Say how consent was given', 'Enter the language used']);
  await page.getByLabel('How was consent given?').fill('Signed form, read aloud');
  await page.getByLabel('Language used').fill('sq');
  await page.getByLabel('Interpreter (if any)').fill('Big Word 4471');
  await assertAccessible(page, assert, 'referral with consent');
  await page.getByRole('button', { name: 'Make the referral' }).click();
  await page.getByRole('heading', { name: 'Car wash, Devizes' }).waitFor();
  assert.match(await page.locator('#nrm').textContent(), /Dritan Leka: referred 2026-11-20, awaiting the Reasonable Grounds decision, due by 2026-11-27/);
  await page.getByRole('link', { name: 'Record a decision for Dritan Leka' }).click();
  await page.getByRole('heading', { name: 'Record the Competent Authority\'s decision' }).waitFor();
  await assertAccessible(page, assert, 'decision');
  await page.getByLabel('Positive').check();
  await fillDate(page, '19', '11', '2026');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.waitForFunction(() => document.querySelector('.govuk-error-summary__list').textContent.includes('before'));
  await fillDate(page, '25', '11', '2026');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.getByRole('heading', { name: 'Car wash, Devizes' }).waitFor();
  assert.match(await page.locator('#nrm').textContent(), /positive Reasonable Grounds decision; recovery period until at least 2026-12-25/);
  assert.ok(p.id);
  await page.close();
});

test('an adult who declines is notified without being identified', async () => {
  const { api, c } = await caseWith('Nail bar, Chippenham', { given_names: 'Hoa', family_name: 'Lê', estimated_age: 25 });
  const page = await signedIn();
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByRole('link', { name: 'Refer to the NRM or notify (Hoa Lê)' }).click();
  await page.getByRole('heading', { name: 'Refer to the National Referral Mechanism' }).waitFor();
  await fillDate(page, '23', '11', '2026');
  await page.locator('#consent_given-1').check();
  await page.getByRole('button', { name: 'Record the Duty to Notify' }).click();
  assert.deepEqual(await errorList(page), ['Say whether they agreed to be identified']);
  await page.locator('#identifying_consent-1').check();
  await assertAccessible(page, assert, 'duty to notify');
  await page.getByRole('button', { name: 'Record the Duty to Notify' }).click();
  await page.getByRole('heading', { name: 'Nail bar, Chippenham' }).waitFor();
  assert.match(await page.locator('#nrm').textContent(), /Hoa Lê: Duty to Notify submitted 2026-11-23/);
  const kase = (await api.call('GET', `/api/v1/cases/${c.id}`)).body;
  assert.equal(kase.duty_to_notify.length, 1);
  assert.equal(kase.nrm_referrals.length, 0);
  await page.close();
});

test('a child is referred without a consent question, and the worklist shows what is due', async () => {
  const { c } = await caseWith('Cannabis farm, Calne', { given_names: 'Tuấn', family_name: 'Vũ', estimated_age: 15 });
  const page = await signedIn();
  await page.goto(`${server.base}/refer?case=${c.id}&person=${(await (await apiSession(server.base, 'dc.jones')).call('GET', `/api/v1/cases/${c.id}`)).body.people[0].person.id}`);
  await page.getByText('Treated as a child').waitFor();
  assert.equal(await page.locator('#consent_given').count(), 0);
  await fillDate(page, '2', '11', '2026');
  await page.getByRole('button', { name: 'Make the referral' }).click();
  await page.getByRole('heading', { name: 'Cannabis farm, Calne' }).waitFor();
  assert.match(await page.locator('#nrm').textContent(), /Tuấn Vũ: referred 2026-11-02 \(as a child\)/);
  await page.goto(`${server.base}/`);
  await page.locator('#worklist').waitFor();
  const row = page.locator('#worklist-body tr', { hasText: 'Tuấn Vũ' }).filter({ hasText: 'Reasonable Grounds' });
  assert.match(await row.textContent(), /Reasonable Grounds decision past its target/);
  assert.match(await row.textContent(), /Overdue/);
  assert.match(await page.locator('#worklist-counts').textContent(), /Reasonable Grounds decision past its target: [1-9]/);
  await assertAccessible(page, assert, 'home with worklist');
  await page.close();
});
