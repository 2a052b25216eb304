// The rest of a case and a person in real Chromium: places, the timeline
// with sealed notes, a victim's context, and changing a person's details
// (with a second tab saving first), each page checked by axe-core.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, chosen, errorList, fillDate, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

async function newCase(title, types = ['labour']) {
  const api = await apiSession(server.base, 'dc.jones');
  const c = await api.call('POST', '/api/v1/cases', { title, exploitation_types: types });
  return { api, c: c.body };
}

test('a place is checked, recorded and listed on the case', async () => {
  const { c } = await newCase('Hand car wash, Trowbridge');
  const page = await signedIn();
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByRole('link', { name: 'Record a place' }).click();
  await page.getByRole('heading', { name: 'Record a place' }).waitFor();
  await assertAccessible(page, assert, 'record a place');
  await page.getByRole('button', { name: 'Record the place' }).click();
  await page.locator('.govuk-error-summary').waitFor({ state: 'visible' });
  assert.deepEqual(await errorList(page), ['Select what happened there', 'Enter an address, a postcode or a country']);
  await assertAccessible(page, assert, 'record a place with errors');
  await page.getByLabel('Exploitation').check();
  await page.getByLabel('Postcode').fill('ZZ1 1ZZ1');
  await page.getByRole('button', { name: 'Record the place' }).click();
  await page.waitForFunction(() => document.querySelector('.govuk-error-summary__list').textContent.includes('Postcode'));
  assert.match((await errorList(page)).join(), /Postcode: is not a UK postcode/);
  assert.equal(await page.locator('#postcode-group.govuk-form-group--error').count(), 1);
  await page.getByLabel('Postcode').fill('ba14 8hh');
  await fillDate(page, '3', '2', '2026');
  await page.getByRole('button', { name: 'Record the place' }).click();
  await page.getByRole('heading', { name: 'Hand car wash, Trowbridge' }).waitFor();
  assert.equal(await page.locator('#places li').textContent(), 'Exploitation: BA14 8HH (3 February 2026)');
  await page.close();
});

test('a sealed note shows only after a stated reason, which is audited', async () => {
  const { c } = await newCase('Brothel, Swindon', ['sexual']);
  const page = await signedIn();
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByLabel('Add a note').waitFor();
  await page.getByRole('button', { name: 'Add the note' }).click();
  assert.deepEqual(await errorList(page), ['Enter the note']);
  await page.getByLabel('Add a note').fill('Visited the address with the local authority.');
  await page.getByRole('button', { name: 'Add the note' }).click();
  await page.locator('#timeline', { hasText: 'Visited the address' }).waitFor();
  await page.getByLabel('Add a note').fill('Victim says her brother in Bucharest is being threatened.');
  await page.getByLabel('Seal this note').check();
  await page.getByRole('button', { name: 'Add the note' }).click();
  await page.locator('#timeline li').nth(1).waitFor();
  const text = await page.locator('#timeline').textContent();
  assert.doesNotMatch(text, /Bucharest/);
  assert.match(await page.locator('#timeline li').first().textContent(), /Sealed: shown only with a stated reason/);
  await assertAccessible(page, assert, 'case timeline');
  await page.getByText('Show sealed notes').first().click();
  await page.getByLabel('Why do you need to see them?').fill('short');
  await page.getByRole('button', { name: 'Show sealed notes' }).click();
  assert.deepEqual(await errorList(page), ['Say why you need to see the sealed notes, in at least 10 characters']);
  await page.getByLabel('Why do you need to see them?').fill('Preparing the risk assessment for the family');
  await page.getByRole('button', { name: 'Show sealed notes' }).click();
  await page.locator('#timeline', { hasText: 'Bucharest' }).waitFor();
  const auditor = await apiSession(server.base, 'auditor.lee');
  const log = await auditor.call('GET', `/api/v1/audit?action=sealed_field_viewed&record=${c.id}`);
  assert.equal(log.status, 200);
  assert.ok(log.body.items.some((e) => e.purpose === 'Preparing the risk assessment for the family'), JSON.stringify(log.body.items));
  await page.close();
});

test('an analyst sees that sealed notes exist but is not offered them', async () => {
  const { api, c } = await newCase('Farm, Pewsey');
  await api.call('POST', `/api/v1/cases/${c.id}/notes`, { text: 'Informant is the cousin.', sealed: true });
  const page = await signedIn('analyst.reid');
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.locator('#timeline li', { hasText: 'Sealed' }).waitFor();
  assert.equal(await page.locator('#reveal').isHidden(), true);
  assert.equal(await page.locator('#note-form').isHidden(), true);
  assert.equal(await page.getByRole('link', { name: 'Record a place' }).count(), 0);
  await page.close();
});

test('a potential victim\'s context is recorded from the case page', async () => {
  const { api, c } = await newCase('Cannabis farm, Corsham', ['criminal']);
  const v = await api.call('POST', '/api/v1/people', { given_names: 'Minh', family_name: 'Trần', estimated_age: 15 });
  await api.call('POST', `/api/v1/cases/${c.id}/people`, { person_id: v.body.id, role: 'potential_victim' });
  const page = await signedIn();
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByRole('link', { name: 'Record how they were recruited and controlled (Minh Trần)' }).click();
  await page.getByRole('heading', { name: 'How they were recruited and controlled' }).waitFor();
  await assertAccessible(page, assert, 'victim context');
  const vocab = (await api.call('GET', '/api/v1/vocabularies')).body;
  await page.getByLabel('Relationship to the trafficker').selectOption(vocab.relationship_to_trafficker[0].code);
  await page.getByLabel(vocab.methods_of_control[0].label, { exact: true }).check();
  await page.getByLabel(vocab.methods_of_control[2].label, { exact: true }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Cannabis farm, Corsham' }).waitFor();
  await page.getByRole('link', { name: 'Change how they were recruited and controlled (Minh Trần)' }).waitFor();
  const kase = await api.call('GET', `/api/v1/cases/${c.id}`);
  assert.deepEqual(kase.body.people[0].victim_context, {
    relationship_to_trafficker: vocab.relationship_to_trafficker[0].code,
    methods_of_control: [vocab.methods_of_control[0].code, vocab.methods_of_control[2].code],
  });
  await page.close();
});

test('a person\'s details are changed, kept as history, and the sealed status needs a reason', async () => {
  const api = await apiSession(server.base, 'dc.jones');
  const p = await api.call('POST', '/api/v1/people', { given_names: 'Arben', family_name: 'Hoxha', nationalities: ['AL'] });
  const page = await signedIn();
  await page.goto(`${server.base}/person?id=${p.body.id}`);
  await page.getByRole('link', { name: 'Change the details' }).click();
  await page.getByRole('heading', { name: 'Change the person\'s details' }).waitFor();
  await page.waitForFunction(() => document.getElementById('given_names')?.value === 'Arben');
  await assertAccessible(page, assert, 'change a person');
  await page.getByLabel('Age, or best estimate').fill('about twenty');
  await page.getByRole('button', { name: 'Save changes' }).click();
  assert.deepEqual(await errorList(page), ['Enter the age as a number, like 16']);
  await page.getByLabel('Age, or best estimate').fill('');
  await page.getByLabel('Languages spoken').fill('not a language!');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForFunction(() => document.querySelector('.govuk-error-summary__list').textContent.includes('Languages'));
  assert.match((await errorList(page)).join(), /Languages spoken: each must be a language, by name \(Romanian\) or BCP 47 tag/);
  // Countries and languages are given and shown by name.
  assert.deepEqual(await chosen(page, 'nationalities'), ['Albania']);
  await page.getByLabel('Languages spoken').fill('Albanian');
  await page.keyboard.press('Tab'); // from the box to its Add button
  await page.keyboard.press('Enter');
  await page.getByLabel('Languages spoken').fill('italian');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.deepEqual(await chosen(page, 'languages'), ['Albanian', 'italian']);
  await page.getByRole('group', { name: 'Is an interpreter needed?' }).getByLabel('Yes').check();
  await page.getByLabel('Interpreter language and dialect').pressSequentially('Alban');
  await page.getByRole('option', { name: 'Albanian' }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.equal(await page.getByLabel('Interpreter language and dialect').inputValue(), 'Albanian');
  await page.getByLabel('Other names used').fill('Beni\nArbën Hoxa');
  await page.getByLabel('Safe way to make contact').fill('Through the Salvation Army caseworker only');
  await page.locator('#safe_monitored').check();
  await page.getByLabel('Record a new immigration status').fill('Asylum claim lodged 2026-05-01, awaiting decision');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { name: 'Arben Hoxha' }).waitFor();
  assert.equal(await page.locator('#aliases').textContent(), 'Beni, Arbën Hoxa');
  assert.equal(await page.locator('#nationalities').textContent(), 'Albania');
  assert.equal(await page.locator('#languages').textContent(), 'Albanian, Italian');
  assert.equal(await page.locator('#interpreter').textContent(), 'Needed: Albanian');
  assert.match(await page.locator('#safe-contact').textContent(), /Salvation Army caseworker only.*Phone may be monitored/);
  assert.doesNotMatch(await page.content(), /Asylum claim/);
  const history = await page.locator('#history').textContent();
  assert.match(history, /Languages changed\s*by DC Rhys Jones.*From nothing to Albanian, Italian\./);
  assert.match(history, /Other names changed\s*by DC Rhys Jones.*From nothing to Beni, Arbën Hoxa\./);
  assert.match(history, /Immigration status changed.*It is sealed/);
  assert.doesNotMatch(history, /Asylum|\["/);
  await assertAccessible(page, assert, 'person with history');
  await page.getByText('Show the immigration status').first().click();
  await page.getByLabel('Why do you need to see it?').fill('Advising on the NRM decision letter');
  await page.getByRole('button', { name: 'Show the immigration status' }).click();
  await page.locator('#immigration', { hasText: 'Asylum claim lodged 2026-05-01' }).waitFor();
  await page.close();
});

test('two people changing one person: the second keeps their change and sees the first', async () => {
  const api = await apiSession(server.base, 'dc.jones');
  const p = await api.call('POST', '/api/v1/people', { given_names: 'Ionela', family_name: 'Dumitru' });
  const tabs = [await signedIn(), await signedIn('so.patel')];
  for (const page of tabs) {
    await page.goto(`${server.base}/edit-person?id=${p.body.id}`);
    await page.waitForFunction(() => document.getElementById('given_names')?.value === 'Ionela');
  }
  const [first, second] = tabs;
  await first.getByLabel('Nationalities').fill('Romania');
  await first.getByRole('button', { name: 'Save changes' }).click();
  await first.getByRole('heading', { name: 'Ionela Dumitru' }).waitFor();
  await second.getByLabel('Safe times').fill('Weekday mornings');
  await second.getByLabel('Nationalities').fill('Moldova');
  await second.getByRole('button', { name: 'Save changes' }).click();
  await second.locator('#conflict').waitFor({ state: 'visible' });
  // Their change beside mine; where we both changed a field, mine is kept
  // in the form until I choose theirs.
  const row = second.locator('#conflict-detail tr', { hasText: 'Nationalities' });
  assert.match(await row.textContent(), /NationalitiesRomaniaMoldova \(kept in the form\)/);
  assert.deepEqual(await chosen(second, 'nationalities'), ['Moldova']);
  assert.equal(await second.getByLabel('Safe times').inputValue(), 'Weekday mornings');
  await assertAccessible(second, assert, 'person edit conflict');
  await second.getByRole('button', { name: 'Use theirs for nationalities' }).click();
  assert.deepEqual(await chosen(second, 'nationalities'), ['Romania']);
  assert.match(await row.textContent(), /Theirs, now in the form/);
  await second.getByRole('button', { name: 'Save changes' }).click();
  await second.getByRole('heading', { name: 'Ionela Dumitru' }).waitFor();
  const now = await api.call('GET', `/api/v1/people/${p.body.id}`);
  assert.deepEqual(now.body.nationalities, ['RO']);
  assert.equal(now.body.safe_contact.times, 'Weekday mornings');
  for (const page of tabs) await page.close();
});

test('a note can be added from the keyboard alone, at 320 pixels', async () => {
  const { c } = await newCase('Nail bar, Salisbury');
  const page = await signedIn('dc.jones', { viewport: { width: 320, height: 640 } });
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByLabel('Add a note').waitFor();
  let found = false;
  for (let i = 0; i < 80 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement && document.activeElement.id === 'note');
  }
  assert.ok(found, 'the note box is never reached by Tab');
  await page.keyboard.type('Spoke to the manager by phone.');
  await page.keyboard.press('Tab'); // the seal checkbox
  await page.keyboard.press('Tab'); // the button
  await page.keyboard.press('Enter');
  await page.locator('#timeline', { hasText: 'Spoke to the manager' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the case page is ${overflow}px wider than the screen`);
  await page.close();
});
