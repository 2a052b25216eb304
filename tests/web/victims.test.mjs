// The Victims' Code in real Chromium: a key event makes an update due, the
// victim's named contact and strategy are recorded, and a logged update
// answers what was due.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessible, caseWith, fillDate, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

test('a key event makes an update due; contact, strategy and the update are recorded', async () => {
  const { c } = await caseWith('Factory, Westbury', { given_names: 'Elena', family_name: 'Ciobanu' });
  const page = await signedIn('dc.jones');
  await page.goto(`${server.base}/case?id=${c.id}`);
  // The people are drawn after the case loads: wait for them, not for the page.
  await page.locator('#people-body', { hasText: 'Elena' }).waitFor();
  assert.match(await page.locator('#people-body').textContent(), /No named contact/);
  await page.getByRole('link', { name: 'Record a key event' }).click();
  await page.getByRole('heading', { name: 'Record a key event' }).waitFor();
  await assertAccessible(page, assert, 'key event');
  await page.getByLabel('Arrest').check();
  await fillDate(page, '27', '11', '2026');
  await page.getByRole('button', { name: 'Record the event' }).click();
  await page.getByRole('heading', { name: 'Factory, Westbury' }).waitFor();
  assert.match(await page.locator('#people-body').textContent(), /Update due by 30 November 2026/);

  await page.getByRole('link', { name: 'Contact, strategy and statement for Elena Ciobanu' }).click();
  await page.getByRole('heading', { name: 'Contact, strategy and statement' }).waitFor();
  await assertAccessible(page, assert, 'victim care');
  await page.getByLabel('Named single point of contact').fill('Sam Idris');
  await page.getByRole('button', { name: 'Save' }).click();
  assert.deepEqual(await page.locator('.govuk-error-summary__list li').allTextContents(), ['Say whether they are an officer or a navigator']);
  await page.getByLabel('An independent victim navigator').check();
  await page.getByLabel('Victim strategy').fill('Weekly calls through the navigator; never by text.');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Factory, Westbury' }).waitFor();
  assert.match(await page.locator('#people-body').textContent(), /Contact: Sam Idris \(independent victim navigator\)/);

  await page.getByRole('link', { name: 'Log contact with Elena Ciobanu' }).click();
  await page.getByRole('heading', { name: 'Log contact with the victim' }).waitFor();
  await page.locator('#owed', { hasText: 'due by 30 November 2026' }).waitFor();
  await assertAccessible(page, assert, 'contact log');
  await fillDate(page, '28', '11', '2026');
  await page.getByLabel('How').fill('In person at the safe house');
  await page.getByLabel('Language').fill('Romanian');
  await page.getByLabel('What was said').fill('Told her of the arrest and what happens next.');
  await page.locator('#update').check();
  await page.getByRole('button', { name: 'Log the contact' }).click();
  await page.getByRole('heading', { name: 'Factory, Westbury' }).waitFor();
  const text = await page.locator('#people-body').textContent();
  assert.doesNotMatch(text, /Update due by/);
  assert.match(text, /1 contact logged, the last on 28 November 2026/);
  await page.close();
});
