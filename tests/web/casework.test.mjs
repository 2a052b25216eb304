// Casework pages in real Chromium: the case list with filters, opening a
// case (with the error summary), the case page, finding a person by a
// misspelt name, and axe-core on each page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, browser, newPage, server, shareServerAndBrowser, signedIn, signIn } from './harness.mjs';

shareServerAndBrowser();

test('the case list shows the demo cases and filters them', async () => {
  const page = await signedIn('dc.jones');
  await page.getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('heading', { name: 'Cases' }).waitFor();
  await page.locator('#cases-body tr').first().waitFor();
  const all = await page.locator('#cases-body tr').count();
  assert.ok(all >= 10, `only ${all} cases listed`);
  await assertAccessible(page, assert, 'case list');
  await page.getByLabel('Exploitation').selectOption('criminal');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/type=criminal/);
  await page.waitForFunction(() => /^\d+ cases?\. Showing 1 to/.test(document.getElementById('count').textContent));
  assert.ok(await page.locator('#cases-body tr').count() > 0);
  assert.ok((await page.locator('#cases-body tr td:nth-child(4)').allTextContents()).every((t) => t.includes('Criminal')));
  await page.close();
});

test('the case list sorts over every case, pages, and filters by whose', async () => {
  const page = await signedIn('ds.khan');
  await page.goto(`${server.base}/cases`);
  await page.locator('#cases-body tr').first().waitFor();
  const total = Number((await page.locator('#count').textContent()).match(/^(\d+) cases/)[1]);
  assert.ok(total > 50, `only ${total} cases`);
  // Sorted by title on the server: the first page starts where the whole list does.
  await page.getByRole('button', { name: 'Title' }).click();
  await page.waitForURL(/sort=title&order=asc/);
  await page.locator('#cases-body tr').first().waitFor();
  assert.equal(await page.locator('th[aria-sort="ascending"]').textContent(), 'Title');
  const firstPage = await page.locator('#cases-body tr td:nth-child(2)').allTextContents();
  const sorted = [...firstPage].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en', { sensitivity: 'base' }));
  assert.deepEqual(firstPage.map((t) => t.toLowerCase()), sorted.map((t) => t.toLowerCase()));
  await page.getByRole('link', { name: 'Next page' }).click();
  await page.waitForFunction(() => /Showing 51 to/.test(document.getElementById('count').textContent));
  const second = await page.locator('#cases-body tr td:nth-child(2)').first().textContent();
  assert.ok(second.toLowerCase() >= firstPage[firstPage.length - 1].toLowerCase(), `${second} comes before ${firstPage[firstPage.length - 1]}`);
  await page.getByRole('link', { name: 'Previous page' }).click();
  await page.waitForFunction(() => /Showing 1 to 50/.test(document.getElementById('count').textContent));
  await page.getByRole('button', { name: 'Title' }).click();
  await page.waitForURL(/sort=title&order=desc/);
  await page.locator('th[aria-sort="descending"]').waitFor();
  await assertAccessible(page, assert, 'case list sorted');
  // Whose: cases nobody leads.
  await page.getByLabel('Whose').selectOption('unallocated');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/show=unallocated/);
  await page.locator('#cases-body tr').first().waitFor();
  assert.ok((await page.locator('#cases-body tr td:nth-child(5)').allTextContents()).every((t) => t.startsWith('Not allocated')));
  await page.close();
});

test('opening a case checks the form, then shows the new case', async () => {
  const page = await signedIn('dc.jones');
  await page.goto(`${server.base}/new-case`);
  await page.getByRole('heading', { name: 'Open a case' }).waitFor();
  await assertAccessible(page, assert, 'open a case');
  await page.getByRole('button', { name: 'Open the case' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor({ state: 'visible' });
  assert.deepEqual(await page.locator('.govuk-error-summary__list li').allTextContents(),
    ['Enter a title', 'Select at least one type of exploitation']);
  await assertAccessible(page, assert, 'open a case with errors');
  await page.getByLabel('Title').fill('Nail bar, Devizes');
  await page.getByLabel('Summary').fill('Two young women found working unpaid; passports held.');
  await page.getByLabel('Labour').check();
  await page.getByRole('button', { name: 'Open the case' }).click();
  await page.getByRole('heading', { name: 'Nail bar, Devizes' }).waitFor();
  assert.match(await page.locator('#reference').textContent(), /^MS-\d{4}-\d{5}$/);
  assert.equal(await page.locator('#status').textContent(), 'New');
  await assertAccessible(page, assert, 'case page');
  await page.close();
});

test('a case shows its people, their roles and the prompts', async () => {
  const api = await apiSession(server.base, 'dc.jones');
  const c = await api.call('POST', '/api/v1/cases', { title: 'Cannabis grow, Chippenham', exploitation_types: ['criminal'] });
  const v = await api.call('POST', '/api/v1/people', { given_names: 'Văn Nam', family_name: 'Nguyễn', estimated_age: 16 });
  const link = await api.call('POST', `/api/v1/cases/${c.body.id}/people`, { person_id: v.body.id, role: 'potential_victim' });
  await api.call('POST', `/api/v1/cases/${c.body.id}/people/${link.body.id}/indicators`, { code: 'forced_criminality' });
  const other = await api.call('POST', '/api/v1/cases', { title: 'Arrest at the grow', exploitation_types: ['criminal'] });
  await api.call('POST', `/api/v1/cases/${other.body.id}/people`, { person_id: v.body.id, role: 'suspect' });
  const page = await signedIn('dc.jones');
  await page.goto(`${server.base}/case?id=${other.body.id}`);
  await page.getByRole('heading', { name: 'Arrest at the grow' }).waitFor();
  assert.match(await page.locator('#people-body').textContent(), /Potential victim elsewhere: consider s45/);
  await page.goto(`${server.base}/case?id=${c.body.id}`);
  await page.getByRole('heading', { name: 'Cannabis grow, Chippenham' }).waitFor();
  assert.match(await page.locator('#people-body').textContent(), /Refer to the NRM or notify/);
  // A 16-year-old carries the Child tag beside their name.
  assert.equal(await page.locator('#people-body tr', { hasText: 'Văn Nam Nguyễn' }).locator('.govuk-tag', { hasText: /^Child$/ }).count(), 1);
  // Printed: every section, with its marking and who printed it; no forms, no navigation.
  await page.evaluate(() => { window.print = () => { window.printed = true; }; });
  await page.getByRole('link', { name: 'Print this case' }).click();
  assert.equal(await page.evaluate(() => window.printed), true);
  await page.emulateMedia({ media: 'print' });
  assert.match(await page.locator('#printed').textContent(), /^OFFICIAL-SENSITIVE\. Printed from Waymark by DC Rhys Jones on \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}\.$/);
  assert.equal(await page.locator('#printed').isVisible(), true);
  for (const hidden of ['.govuk-service-navigation', '#add-person', '#note-form', '#print']) {
    assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is printed`);
  }
  for (const shown of ['People', 'NRM and Duty to Notify', 'Places', 'Timeline', 'History']) {
    assert.equal(await page.getByRole('heading', { name: shown, exact: true }).isVisible(), true, `${shown} is not printed`);
  }
  assert.equal(await page.locator('h2', { hasText: 'Timeline' }).evaluate((h) => getComputedStyle(h).breakBefore), 'page');
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.locator('#printed').isVisible(), false);
  await page.getByRole('link', { name: 'Văn Nam Nguyễn', exact: true }).click();
  await page.getByRole('heading', { name: 'Văn Nam Nguyễn' }).waitFor();
  assert.match(await page.locator('#child-text').textContent(), /child/);
  assert.equal(await page.locator('#cases li').count(), 2);
  await assertAccessible(page, assert, 'person page');
  await page.close();
});

test('a person is found by a misspelt name, best match first', async () => {
  const api = await apiSession(server.base, 'dc.jones');
  await api.call('POST', '/api/v1/people', { given_names: 'Ovidiu', family_name: 'Zamfirescu', nationalities: ['Romania'], date_of_birth: '2010-03-04' });
  const page = await signedIn('dc.jones');
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByRole('heading', { name: 'Find a person' }).waitFor();
  await assertAccessible(page, assert, 'people search');
  await page.getByLabel('Name').fill('Ovidu Zamfiresku');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('#results-body tr').first().waitFor();
  const first = await page.locator('#results-body tr').first().textContent();
  assert.match(first, /Ovidiu Zamfirescu Child/); /* sixteen: a child, wherever the name is shown */
  assert.match(first, /4 March 2010/);
  assert.match(first, /Romania/);
  assert.match(await page.locator('#count').textContent(), /found, best match first/);
  await assertAccessible(page, assert, 'people results');
  await page.close();
});

test('two people editing one case: the second is told and keeps their change', async () => {
  const api = await apiSession(server.base, 'dc.jones');
  const c = await api.call('POST', '/api/v1/cases', { title: 'Car wash, Melksham', exploitation_types: ['labour'] });
  const first = await newPage(browser);
  const second = await newPage(browser);
  for (const page of [first, second]) {
    await signIn(page, server.base, 'dc.jones');
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
    await page.goto(`${server.base}/case?id=${c.body.id}`);
    await page.getByRole('link', { name: 'Change the case' }).click();
    await page.getByRole('heading', { name: 'Change the case' }).waitFor();
    await page.waitForFunction(() => document.getElementById('title').value.length > 0);
  }
  await assertAccessible(first, assert, 'change a case');
  await first.getByLabel('Status').selectOption('investigating');
  await first.getByRole('button', { name: 'Save changes' }).click();
  await first.getByRole('heading', { name: 'Car wash, Melksham' }).waitFor();
  assert.equal(await first.locator('#status').textContent(), 'Investigating');
  // The second tab still holds version 1.
  await second.getByLabel('Title').fill('Car wash, Melksham (two victims)');
  await second.getByRole('button', { name: 'Save changes' }).click();
  await second.locator('#conflict').waitFor({ state: 'visible' });
  assert.match(await second.locator('#conflict-detail').textContent(), /status to Investigating/);
  assert.equal(await second.getByLabel('Title').inputValue(), 'Car wash, Melksham (two victims)');
  assert.equal(await second.getByLabel('Status').inputValue(), 'investigating');
  await assertAccessible(second, assert, 'edit conflict');
  await second.getByRole('button', { name: 'Save changes' }).click();
  await second.getByRole('heading', { name: 'Car wash, Melksham (two victims)' }).waitFor();
  assert.equal(await second.locator('#status').textContent(), 'Investigating');
  // The history says each change in words, newest first (once it has come).
  await second.locator('#history', { hasText: 'Status changed' }).waitFor();
  const history = await second.locator('#history').textContent();
  assert.match(history, /^Title changed\s*by DC Rhys Jones.*From Car wash, Melksham to Car wash, Melksham \(two victims\)\..*Status changed\s*by DC Rhys Jones.*From New to Investigating\./);
  await first.close();
  await second.close();
});

test('adding a victim and a suspect, then recording indicators, prompts a referral', async () => {
  const api = await apiSession(server.base, 'dc.jones');
  const c = await api.call('POST', '/api/v1/cases', { title: 'Takeaway, Calne', exploitation_types: ['labour'] });
  const page = await signedIn('dc.jones');
  await page.goto(`${server.base}/case?id=${c.body.id}`);
  // Each person is searched for first; whoever is offered, each is recorded new.
  for (const [given, family, age, role] of [['Xuan', 'Đỗ', '17', 'Potential victim'], ['Bogdan', 'Matei', '', 'Suspect']]) {
    await page.getByRole('link', { name: 'Add a person' }).click();
    await page.getByRole('heading', { name: 'Who are you adding to the case?' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill(`${given} ${family}`);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: /^(Is this the person you are adding\?|Record a new person)$/ }).waitFor();
    if (await page.getByRole('heading', { name: 'Is this the person you are adding?' }).isVisible()) {
      await page.getByLabel('No, none of these: record a new person').check();
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    if (age) await page.getByLabel('Age, or best estimate').fill(age);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel(role).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Record them and add them to the case' }).click();
    await page.locator('#people-body', { hasText: `${given} ${family}` }).waitFor();
    assert.equal(await page.locator('.govuk-notification-banner__heading').textContent(), `${given} ${family} added to the case`);
  }
  await assertAccessible(page, assert, 'case page with people');
  await page.getByRole('link', { name: 'Record indicators for Xuan Đỗ' }).click();
  await page.getByRole('heading', { name: 'Record indicators of modern slavery' }).waitFor();
  await assertAccessible(page, assert, 'record indicators');
  await page.getByLabel('Identity documents held by someone else').check();
  await page.getByLabel('Owes a debt that cannot be paid off').check();
  await page.getByRole('button', { name: 'Record indicators' }).click();
  await page.getByRole('heading', { name: 'Takeaway, Calne' }).waitFor();
  const victimRow = page.locator('#people-body tr', { hasText: 'Xuan Đỗ' });
  assert.match(await victimRow.textContent(), /2 recorded/);
  assert.match(await victimRow.textContent(), /Refer to the NRM or notify/);
  await page.close();
});

test('the case list is usable at 320 pixels', async () => {
  const page = await signedIn('analyst.reid', { viewport: { width: 320, height: 640 } });
  await page.goto(`${server.base}/cases`);
  await page.locator('#cases-body tr').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await page.close();
});
