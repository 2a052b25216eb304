// People in real Chromium: adding a person to a case searches first, and
// links the record already held or records a new one with their date of
// birth, nationality and languages by name; two records of one person are
// compared side by side, merged, and separated again. At 1280 and 320
// pixels, by keyboard, each page checked by axe-core.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, chosen, errorList, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

async function newCase(title) {
  const api = await apiSession(server.base, 'dc.jones');
  const c = (await api.call('POST', '/api/v1/cases', { title, exploitation_types: ['labour'] })).body;
  return { api, c };
}

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test('adding a person finds the record already held and links it, by keyboard at 320 pixels', async () => {
  const { api, c } = await newCase('Car wash, Warminster');
  const held = (await api.call('POST', '/api/v1/people', { given_names: 'Liridon', family_name: 'Gashi', date_of_birth: '1994-07-12', nationalities: ['Kosovo'] })).body;
  const page = await signedIn('dc.jones', { viewport: { width: 320, height: 640 } });
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByRole('link', { name: 'Add a person' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Who are you adding to the case?' }).waitFor();
  await assertAccessible(page, assert, 'who are you adding');
  await page.getByRole('button', { name: 'Search' }).press('Enter');
  assert.deepEqual(await errorList(page), ['Enter their name']);
  await page.getByLabel('Name', { exact: true }).fill('Liridon Gashy');
  await page.getByRole('textbox', { name: 'Day' }).fill('12');
  await page.getByRole('textbox', { name: 'Month' }).fill('7');
  await page.getByRole('textbox', { name: 'Year' }).fill('1994');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Is this the person you are adding?' }).waitFor();
  const offered = page.locator('#choices .govuk-radios__item', { hasText: 'Liridon Gashi' });
  const why = await offered.locator('.govuk-radios__hint').textContent();
  assert.match(why, /Born: 12 July 1994/);
  assert.match(why, /Nationality: Kosovo/);
  assert.match(why, /Matched on the given names exactly and the family name by a similar spelling\. Same date of birth\./);
  await assertAccessible(page, assert, 'is this the person');
  assert.ok(await overflow(page) <= 0, 'the matches fit 320 pixels');
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
  assert.deepEqual(await errorList(page), ['Select the person, or that none of these is them']);
  await offered.getByRole('radio').check();
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
  await page.getByRole('heading', { name: 'What is their role in this case?' }).waitFor();
  await page.getByLabel('Witness').check();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Check your answers before you add them to the case' }).waitFor();
  await assertAccessible(page, assert, 'check your answers to link');
  assert.match(await page.locator('#check-answers').textContent(), /Liridon Gashi.*12 July 1994.*Witness/);
  // Changing the role goes back to its question, and on again.
  await page.getByRole('link', { name: 'Change role in this case' }).press('Enter');
  await page.getByLabel('Potential victim').check();
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
  await page.getByRole('button', { name: 'Add them to the case' }).press('Enter');
  await page.locator('#people-body', { hasText: 'Liridon Gashi' }).waitFor();
  assert.equal(await page.locator('.govuk-notification-banner__heading').textContent(), 'Liridon Gashi added to the case');
  assert.ok(await overflow(page) <= 0, 'the case page fits 320 pixels');
  // The record already held was linked: no second Liridon Gashi.
  const kase = (await api.call('GET', `/api/v1/cases/${c.id}`)).body;
  assert.deepEqual(kase.people.map((p) => [p.person.id, p.role]), [[held.id, 'potential_victim']]);
  const found = (await api.call('GET', '/api/v1/people?q=Liridon+Gashi')).body;
  assert.equal(found.items.filter((p) => p.family_name === 'Gashi').length, 1);
  // The same role again is refused by the field.
  await page.getByRole('link', { name: 'Add a person' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Liridon Gashi');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('#choices .govuk-radios__item', { hasText: 'Already in this case as potential victim' }).getByRole('radio').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Potential victim').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Add them to the case' }).click();
  await page.locator('#role-error').waitFor({ state: 'visible' });
  assert.deepEqual(await errorList(page), ['Liridon Gashi already has that role in this case']);
  await page.close();
});

test('a new person is recorded with a date of birth, nationality and languages by name', async () => {
  const { api, c } = await newCase('Nail bar, Westbury');
  const page = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.base}/add-person?case=${c.id}`);
  await page.getByLabel('Name', { exact: true }).fill('Thi Hoa Nguyen');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('heading', { name: /Is this the person|Record a new person/ }).waitFor();
  if (await page.getByRole('heading', { name: 'Is this the person you are adding?' }).isVisible()) {
    await page.getByLabel('No, none of these: record a new person').check();
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.getByRole('heading', { name: 'Record a new person' }).waitFor();
  assert.equal(await page.getByLabel('Given names').inputValue(), 'Thi Hoa');
  assert.equal(await page.getByLabel('Family name').inputValue(), 'Nguyen');
  await page.getByRole('textbox', { name: 'Day' }).fill('30');
  await page.getByRole('textbox', { name: 'Month' }).fill('2');
  await page.getByRole('textbox', { name: 'Year' }).fill('2001');
  await page.locator('#interpreter_needed').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Date of birth must be a real date', 'Enter the language the interpreter needs']);
  await assertAccessible(page, assert, 'record a new person with errors');
  await page.getByRole('textbox', { name: 'Day' }).fill('28');
  await page.getByLabel('Female').check();
  // Several nationalities and languages, each chosen by name from the
  // autocomplete by keyboard alone; a wrong one is taken out again.
  await page.getByLabel('Nationalities').pressSequentially('Viet');
  await page.getByRole('option', { name: 'Vietnam' }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Vietnam added' }).waitFor({ state: 'attached' });
  // The box empties for the next one.
  await page.waitForFunction(() => document.getElementById('nationalities').value === '');
  await page.getByLabel('Nationalities').pressSequentially('Franc');
  await page.getByRole('option', { name: 'France' }).click();
  assert.deepEqual(await chosen(page, 'nationalities'), ['Vietnam', 'France']);
  await page.getByRole('button', { name: 'Remove France' }).click();
  assert.deepEqual(await chosen(page, 'nationalities'), ['Vietnam']);
  await page.getByLabel('Languages spoken').pressSequentially('Vietnames');
  await page.getByRole('option', { name: 'Vietnamese' }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Vietnamese added' }).waitFor({ state: 'attached' });
  // A name typed in full and added with the Add button counts as well.
  await page.getByLabel('Languages spoken').fill('English');
  await page.keyboard.press('Tab'); // from the box to its Add button
  await page.keyboard.press('Enter');
  assert.deepEqual(await chosen(page, 'languages'), ['Vietnamese', 'English']);
  await page.getByLabel('Interpreter language and dialect').fill('Vietnam');
  await page.getByRole('option', { name: 'Vietnamese' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Potential victim').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you record them' }).waitFor();
  const answers = await page.locator('#check-answers').textContent();
  assert.match(answers, /28 February 2001/);
  assert.match(answers, /Vietnamese, English/);
  await assertAccessible(page, assert, 'check your answers to record');
  await page.getByRole('button', { name: 'Record them and add them to the case' }).click();
  await page.locator('#people-body', { hasText: 'Thi Hoa Nguyen' }).waitFor();
  const kase = (await api.call('GET', `/api/v1/cases/${c.id}`)).body;
  const p = (await api.call('GET', `/api/v1/people/${kase.people[0].person.id}`)).body;
  assert.deepEqual([p.date_of_birth, p.gender, p.nationalities, p.languages, p.interpreter_needed, p.interpreter_language],
    ['2001-02-28', 'female', ['VN'], ['vi', 'en'], true, 'vi']);
  await page.close();
});

test('a supervisor compares two records of one person, merges them, and separates them again', async () => {
  const { api, c } = await newCase('Scrapyard, Frome');
  const other = (await api.call('POST', '/api/v1/cases', { title: 'Scrapyard, Radstock', exploitation_types: ['labour'] })).body;
  const a = (await api.call('POST', '/api/v1/people', { given_names: 'Erion', family_name: 'Dervishi', date_of_birth: '1990-05-06', nationalities: ['Albania'] })).body;
  const b = (await api.call('POST', '/api/v1/people', { given_names: 'Erion', family_name: 'Dervishaj', estimated_age: 35, languages: ['Albanian'] })).body;
  await api.call('POST', `/api/v1/cases/${c.id}/people`, { person_id: a.id, role: 'potential_victim' });
  await api.call('POST', `/api/v1/cases/${other.id}/people`, { person_id: b.id, role: 'witness' });
  // An investigator is not offered the merge.
  const dc = await signedIn('dc.jones');
  await dc.goto(`${server.base}/person?id=${a.id}`);
  await dc.getByRole('heading', { name: 'Erion Dervishi' }).waitFor();
  await dc.locator('#person-body').waitFor(); // the record shown, its links with it
  assert.equal(await dc.locator('#same-person').isHidden(), true);
  await dc.close();

  const page = await signedIn('ds.khan', { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.base}/person?id=${a.id}`);
  await page.getByRole('link', { name: 'This is the same person as…' }).click();
  await page.getByRole('heading', { name: 'This is the same person as…' }).waitFor();
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Erion Dervishi');
  await assertAccessible(page, assert, 'find the other record');
  await page.getByRole('textbox', { name: 'Day' }).fill('');
  await page.getByRole('textbox', { name: 'Month' }).fill('');
  await page.getByRole('textbox', { name: 'Year' }).fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('heading', { name: 'Which is their other record?' }).waitFor();
  assert.equal(await page.locator('#choices .govuk-radios__item', { hasText: 'Erion Dervishi' }).count(), 0, 'the record itself is not offered');
  await page.locator('#choices .govuk-radios__item', { hasText: 'Erion Dervishaj' }).getByRole('radio').check();
  await page.getByRole('button', { name: 'Compare the records' }).click();
  await page.getByRole('heading', { name: 'Compare the two records' }).waitFor();
  const rows = await page.locator('#compare-body tr').allTextContents();
  assert.ok(rows.some((r) => /^Date of birth or age Differs\s*6 May 1990 \(\d+\)About 35$/.test(r)), rows.join('\n'));
  assert.ok(rows.some((r) => /^Cases you can see Differs/.test(r) && r.includes('(potential victim)') && r.includes('(witness)')), rows.join('\n'));
  assert.ok(rows.some((r) => r.startsWith('Interpreter') && !r.includes('Differs')), rows.join('\n'));
  await assertAccessible(page, assert, 'compare the two records');
  await page.setViewportSize({ width: 320, height: 640 });
  assert.ok(await overflow(page) <= 0, 'the comparison fits 320 pixels');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select which record to keep']);
  await page.getByLabel('This record (Erion Dervishi)').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  // Where the two differ, the officer chooses which details are right: the
  // kept record's own unless they choose the other's.
  await page.getByRole('heading', { name: 'Which of their details are right?' }).waitFor();
  const asked = await page.locator('#values legend').allTextContents();
  assert.deepEqual(asked, ['Name', 'Date of birth or age', 'Nationality', 'Languages']);
  assert.equal(await page.getByLabel('Erion Dervishi, as on the record you keep').isChecked(), true);
  await page.getByLabel('Albanian, as on the other record').check();
  await assertAccessible(page, assert, 'choose the right details');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you merge the records' }).waitFor();
  const answers = await page.locator('#check-answers .govuk-summary-list__row').allTextContents();
  assert.ok(answers.some((r) => /^Record keptErion Dervishi/.test(r)), answers.join('\n'));
  assert.ok(answers.some((r) => /^LanguagesAlbanianChange/.test(r)), answers.join('\n'));
  assert.ok(answers.some((r) => /^NationalityAlbaniaChange/.test(r)), answers.join('\n'));
  await assertAccessible(page, assert, 'check answers before merging');
  await page.getByRole('button', { name: 'Merge the records' }).click();
  await page.locator('.govuk-notification-banner__heading', { hasText: 'Records merged' }).waitFor();
  assert.match(await page.locator('#finished').textContent(), /1 part in a case moved to this record from Erion Dervishaj's\. It took one detail from that record/);
  await page.locator('#languages', { hasText: /^Albanian$/ }).waitFor();
  assert.equal(await page.locator('#nationalities').textContent(), 'Albania');
  assert.equal(await page.locator('#cases li').count(), 2);
  assert.equal(await page.locator('#merged-list li').textContent().then((t) => t.startsWith('Erion Dervishaj')), true);
  assert.match(await page.locator('#history').textContent(), /^Another record of this person merged into this one\s*by DS/);
  await assertAccessible(page, assert, 'person with a merged record');

  // Separating again, by keyboard at 320 pixels; a second tab that was too late is told by the button.
  const late = await signedIn('ds.khan');
  await late.goto(`${server.base}/person?id=${a.id}`);
  await late.locator('#merged-list button').waitFor();
  const narrow = await signedIn('ds.khan', { viewport: { width: 320, height: 640 } });
  await narrow.goto(`${server.base}/person?id=${a.id}`);
  await narrow.getByRole('button', { name: 'Separate this record again (Erion Dervishaj)' }).focus();
  assert.ok(await overflow(narrow) <= 0, 'the person page fits 320 pixels');
  await narrow.keyboard.press('Enter');
  await narrow.locator('.govuk-notification-banner__heading', { hasText: 'Records separated' }).waitFor();
  assert.match(await narrow.locator('#finished').textContent(), /Erion Dervishaj's record is its own again, with 1 part in a case moved back to it\./);
  // The banner shows before the record arrives: the record is read once shown.
  await narrow.locator('#person-body').waitFor();
  assert.equal(await narrow.locator('#merged').isHidden(), true);
  assert.equal(await narrow.locator('#cases li').count(), 1);
  await assertAccessible(narrow, assert, 'person after separating');
  await late.getByRole('button', { name: 'Separate this record again (Erion Dervishaj)' }).click();
  await late.locator('#unmerge-0-error').waitFor({ state: 'visible' });
  assert.deepEqual(await errorList(late), ["Erion Dervishaj's record has already been separated: reload the page"]);
  assert.equal((await api.call('GET', `/api/v1/people/${b.id}`)).body.cases.length, 1);
  for (const p of [page, late, narrow]) await p.close();
});
