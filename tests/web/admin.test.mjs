// The administrators' screens in real Chromium: organisations (a partner
// organisation added after checking the answers, its kind changed, and a
// change someone else saved first) and their teams (add, rename, and a
// rename someone else saved first), settings (who
// must use a second factor, with a conflict; a bank holiday checked before
// it is added; the courses, read-only), and that other roles neither see
// the links nor reach the pages. At 1280 and 320 pixels, by keyboard, and
// with axe-core on every page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, errorList, fillDate, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

async function fitsTheScreen(page, label) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} is ${overflow}px wider than the screen`);
}

const banner = (page) => page.locator('#finished');

async function teamId(admin, org, name) {
  const list = await admin.call('GET', '/api/v1/organisations');
  const o = list.body.items.find((x) => x.name === org);
  return o.teams.find((t) => t.name === name);
}

test('an administrator adds a team to their force and renames it', async () => {
  const page = await signedIn('admin');
  await page.getByRole('link', { name: 'Organisations', exact: true }).click();
  await page.getByRole('heading', { name: 'Organisations and teams' }).waitFor();
  // The force's own card, not a partner's that it hosts.
  const card = page.locator('.govuk-summary-card').filter({ has: page.locator('.govuk-summary-card__title', { hasText: /^\s*Demo Constabulary\s*$/ }) });
  await card.waitFor();
  assert.match(await card.textContent(), /Police force/);
  assert.match(await card.textContent(), /Exploitation and Missing Team/);
  // The partner organisation the force hosts is there too, with its kind.
  const partner = page.locator('.govuk-summary-card', { hasText: 'Demo County Council Adult Safeguarding' });
  assert.match(await partner.textContent(), /Local authority/);
  assert.match(await partner.textContent(), /Hosted by\s*Demo Constabulary/);
  await assertAccessible(page, assert, 'organisations and teams');

  await page.getByRole('link', { name: 'Add a team to Demo Constabulary' }).click();
  const name = page.getByLabel('What is the new team’s name?');
  await name.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'name');
  assert.match(await page.locator('#team-caption').textContent(), /Demo Constabulary/);
  // Empty, then a name the force already has.
  await page.getByRole('button', { name: 'Add the team' }).click();
  assert.deepEqual(await errorList(page), ['Enter a name for the team']);
  await name.fill('CID');
  await page.getByRole('button', { name: 'Add the team' }).click();
  await page.waitForFunction(() => document.getElementById('error-list').textContent.includes('already has a team'));
  assert.deepEqual(await errorList(page), ['Demo Constabulary already has a team called CID']);
  await assertAccessible(page, assert, 'add a team, with an error');
  // By keyboard: the name, then Enter.
  await name.fill('');
  await name.focus();
  await page.keyboard.type('Modern Slavery Unit');
  await page.keyboard.press('Enter');
  await banner(page).waitFor({ state: 'visible' });
  assert.match(await banner(page).textContent(), /Modern Slavery Unit added to Demo Constabulary/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'finished');
  assert.match(await card.textContent(), /Modern Slavery Unit/);
  assert.equal(new URL(page.url()).search, '');
  await assertAccessible(page, assert, 'a team added');

  await page.getByRole('link', { name: 'Rename team Modern Slavery Unit' }).click();
  const newName = page.getByLabel('What is the team’s new name?');
  await newName.waitFor();
  assert.equal(await newName.inputValue(), 'Modern Slavery Unit');
  await newName.fill('Modern Slavery and Exploitation Unit');
  await page.getByRole('button', { name: 'Rename the team' }).click();
  await banner(page).waitFor({ state: 'visible' });
  assert.match(await banner(page).textContent(), /Modern Slavery Unit is now called Modern Slavery and Exploitation Unit/);
  assert.match(await card.textContent(), /Modern Slavery and Exploitation Unit/);
  await page.close();
});

test('an administrator adds a local authority by keyboard, checking their answers, at 1280 and 320 px', async () => {
  const api = await apiSession(server.base, 'admin');
  for (const [width, name] of [[1280, 'Westshire Adult Social Care'], [320, 'Westshire Children’s Services']]) {
    const page = await signedIn('admin', { viewport: { width, height: width === 320 ? 640 : 900 } });
    await page.goto(`${server.base}/organisations`);
    await page.locator('#list-view').waitFor();
    await page.getByRole('button', { name: 'Add a partner organisation' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Add a partner organisation' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'org-name');
    // Nothing answered yet: each question says so.
    await page.keyboard.press('Enter');
    assert.deepEqual(await errorList(page), ['Enter the organisation’s name', 'Select the kind of organisation']);
    await fitsTheScreen(page, `adding an organisation at ${width} px`);
    await assertAccessible(page, assert, `add a partner organisation, with errors, ${width} px`);
    // The name, then Tab to the kinds: the first is a local authority.
    await page.locator('#org-name').focus();
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.value), 'local_authority');
    await page.keyboard.press('Space');
    assert.ok(await page.getByLabel('Local authority').isChecked());
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Continue');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check your answers before adding the organisation' }).waitFor();
    const answers = await page.locator('#check-answers').textContent();
    assert.match(answers, new RegExp(`Name\\s*${name}`));
    assert.match(answers, /Kind of organisation\s*Local authority/);
    await fitsTheScreen(page, `checking the answers at ${width} px`);
    await assertAccessible(page, assert, `check your answers before adding the organisation, ${width} px`);
    await page.getByRole('button', { name: 'Add the organisation' }).focus();
    await page.keyboard.press('Enter');
    await banner(page).waitFor({ state: 'visible' });
    assert.match(await banner(page).textContent(), new RegExp(`${name} is added`));
    assert.match(await banner(page).textContent(), /Kind: Local authority/);
    assert.equal(new URL(page.url()).search, '');
    const card = page.locator('.govuk-summary-card', { hasText: name });
    assert.match(await card.textContent(), /Kind\s*Local authority/);
    assert.match(await card.textContent(), /Hosted by\s*Demo Constabulary/);
    await fitsTheScreen(page, `organisations at ${width} px`);
    await assertAccessible(page, assert, `a partner organisation added, ${width} px`);
    const listed = (await api.call('GET', '/api/v1/organisations?kind=local_authority')).body.items;
    assert.ok(listed.some((o) => o.name === name), `${name} is a local authority`);
    await page.close();
  }
});

test('an administrator changes a partner’s kind, seeing a change saved first', async () => {
  const api = await apiSession(server.base, 'admin');
  const made = await api.call('POST', '/api/v1/organisations', { name: 'Lantern Project', kind: 'support_provider' });
  assert.equal(made.status, 201);
  const page = await signedIn('admin');
  await page.goto(`${server.base}/organisations`);
  await page.getByRole('link', { name: 'Change name or kind of Lantern Project' }).click();
  await page.getByRole('heading', { name: 'Change Lantern Project' }).waitFor();
  assert.equal(await page.locator('#org-name').inputValue(), 'Lantern Project');
  assert.ok(await page.getByLabel('Support provider').isChecked());
  // Meanwhile another administrator renames it.
  const theirs = await api.call('PATCH', `/api/v1/organisations/${made.body.id}`, { name: 'Lantern Trust' }, { 'If-Match': '"1"' });
  assert.equal(theirs.status, 200);
  await page.getByLabel('Health').check();
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.locator('#conflict').waitFor({ state: 'visible' });
  assert.match(await page.locator('#conflict-detail').textContent(), /They saved it as Lantern Trust: Support provider/);
  // Their name where this administrator changed nothing; this one's kind kept.
  assert.equal(await page.locator('#org-name').inputValue(), 'Lantern Trust');
  assert.ok(await page.getByLabel('Health').isChecked());
  await assertAccessible(page, assert, 'an organisation change in conflict');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await banner(page).waitFor({ state: 'visible' });
  assert.match(await banner(page).textContent(), /Lantern Trust is saved/);
  assert.match(await banner(page).textContent(), /Kind: Health/);
  const card = page.locator('.govuk-summary-card', { hasText: 'Lantern Trust' });
  assert.match(await card.textContent(), /Kind\s*Health/);
  // A force keeps its kind: only its name is asked.
  await page.getByRole('link', { name: 'Change name of Demo Constabulary' }).click();
  await page.getByRole('heading', { name: 'Change Demo Constabulary' }).waitFor();
  assert.equal(await page.locator('#org-kind').count(), 0);
  assert.match(await page.locator('#org-intro').textContent(), /Its kind stays Police force/);
  await assertAccessible(page, assert, 'change a force’s name');
  await page.close();
});

test('a rename someone else saved first is shown, and kept only when saved again', async () => {
  const api = await apiSession(server.base, 'admin');
  await api.call('POST', `/api/v1/organisations/${(await api.call('GET', '/api/v1/me')).body.user.org.id}/teams`, { name: 'Harbour Team' });
  const team = await teamId(api, 'Demo Constabulary', 'Harbour Team');
  const page = await signedIn('admin');
  await page.goto(`${server.base}/organisations?rename=${team.id}`);
  const newName = page.getByLabel('What is the team’s new name?');
  await newName.waitFor();
  const theirs = await api.call('PATCH', `/api/v1/teams/${team.id}`, { name: 'Port Team' }, { 'If-Match': `"${team.version}"` });
  assert.equal(theirs.status, 200);
  await newName.fill('Docks Team');
  await page.getByRole('button', { name: 'Rename the team' }).click();
  await page.locator('#conflict').waitFor({ state: 'visible' });
  assert.match(await page.locator('#conflict-detail').textContent(), /They renamed the team to Port Team/);
  assert.equal(await newName.inputValue(), 'Docks Team');
  await assertAccessible(page, assert, 'a rename in conflict');
  await page.getByRole('button', { name: 'Rename the team' }).click();
  await banner(page).waitFor({ state: 'visible' });
  assert.match(await banner(page).textContent(), /Port Team is now called Docks Team/);
  await page.close();
});

test('an administrator changes who must use a second factor, seeing a change saved first', async () => {
  const api = await apiSession(server.base, 'admin');
  const page = await signedIn('admin');
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
  await page.locator('#main-view').waitFor();
  assert.match(await page.locator('#security-whose').textContent(), /Demo Constabulary/);
  assert.match(await page.locator('#courses').textContent(), /Victim liaison\s*3 years/);
  await assertAccessible(page, assert, 'settings');

  await page.getByRole('link', { name: 'Change the roles that must use a second factor' }).click();
  await page.getByRole('heading', { name: 'Which roles must use a second factor?' }).waitFor();
  // By keyboard: focus starts on the first box; tab to Auditor and tick it.
  for (let i = 0; i < 7; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.value), 'auditor');
  await page.keyboard.press('Space');
  // Meanwhile another administrator requires it of analysts.
  const read = await api.call('GET', '/api/v1/settings/security');
  const other = await api.call('PUT', '/api/v1/settings/security', { totp_required_roles: ['analyst'] }, { 'If-Match': `"${read.body.version}"` });
  assert.equal(other.status, 200);
  await page.getByRole('button', { name: 'Save the security settings' }).click();
  await page.locator('#conflict').waitFor({ state: 'visible' });
  assert.match(await page.locator('#conflict-detail').textContent(), /Analyst/);
  assert.ok(await page.getByLabel('Auditor').isChecked(), 'this administrator’s tick stays');
  await assertAccessible(page, assert, 'security settings in conflict');
  await page.getByRole('button', { name: 'Save the security settings' }).click();
  await banner(page).waitFor({ state: 'visible' });
  assert.match(await banner(page).textContent(), /Roles that must use a second factor: Auditor\./);
  assert.match(await page.locator('#security').textContent(), /Auditor/);
  await assertAccessible(page, assert, 'security settings saved');
  // As the demonstration had it.
  const now = await api.call('GET', '/api/v1/settings/security');
  assert.equal((await api.call('PUT', '/api/v1/settings/security', { totp_required_roles: [] }, { 'If-Match': `"${now.body.version}"` })).status, 200);
  await page.close();
});

test('an administrator sets how often a missing person’s risk is reviewed, and a bad number is named', async () => {
  const api = await apiSession(server.base, 'admin');
  const page = await signedIn('admin');
  await page.goto(`${server.base}/settings`);
  await page.locator('#main-view').waitFor();
  assert.match(await page.locator('#missing').textContent(), /High risk: review every\s*4 hours/);
  assert.match(await page.locator('#missing').textContent(), /Safe and well check: due within\s*24 hours of the return/);
  await page.getByRole('link', { name: 'Change how often high risk is reviewed' }).click();
  await page.getByRole('heading', { name: 'When are missing people’s clocks due?' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'review-high');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0');
  await page.getByRole('button', { name: 'Save the missing people settings' }).click();
  assert.deepEqual(await errorList(page), ['Enter how many hours pass between reviews of high risk, a whole number from 1 to 168']);
  assert.match(await page.locator('#review-high-error').textContent(), /between reviews of high risk/);
  await assertAccessible(page, assert, 'missing settings with an error');
  await page.getByLabel('High risk: review every').fill('2');
  await page.getByLabel('Safe and well check: due after the return within').fill('12');
  await page.getByRole('button', { name: 'Save the missing people settings' }).click();
  await banner(page).waitFor({ state: 'visible' });
  assert.match(await banner(page).textContent(), /High risk is reviewed every 2 hours; the safe and well check is due within 12 hours of the return\./);
  assert.match(await page.locator('#missing').textContent(), /High risk: review every\s*2 hours/);
  await assertAccessible(page, assert, 'missing settings saved');
  const now = await api.call('GET', '/api/v1/settings/missing');
  assert.equal(now.body.review_hours.high, 2);
  assert.equal(now.body.safe_and_well_hours, 12);
  // As the demonstration had it.
  const back = await api.call('PUT', '/api/v1/settings/missing',
    { review_hours: { no_apparent_risk: 24, low: 24, medium: 8, high: 4 }, safe_and_well_hours: 24 },
    { 'If-Match': `"${now.body.version}"` });
  assert.equal(back.status, 200);
  await page.close();
});

test('an administrator sets the disclosure threshold, and one below 3 is named', async () => {
  const api = await apiSession(server.base, 'admin');
  const page = await signedIn('admin');
  await page.goto(`${server.base}/settings`);
  await page.locator('#main-view').waitFor();
  assert.match(await page.locator('#disclosure').textContent(), /Hide any count below\s*10 \(the default\)/);
  await page.getByRole('link', { name: 'Change the disclosure threshold' }).click();
  await page.getByRole('heading', { name: 'What is the smallest count Waymark may publish?' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'threshold');
  await page.getByLabel('Hide any count below').fill('2');
  await page.getByRole('button', { name: 'Save the threshold' }).click();
  assert.deepEqual(await errorList(page), ['Enter the threshold, a whole number from 3 to 100']);
  await assertAccessible(page, assert, 'disclosure threshold with an error');
  await page.getByLabel('Hide any count below').fill('15');
  await page.getByRole('button', { name: 'Save the threshold' }).click();
  await banner(page).waitFor({ state: 'visible' });
  assert.match(await banner(page).textContent(), /Every published count below 15 is now hidden\./);
  assert.match(await page.locator('#disclosure').textContent(), /Hide any count below\s*15/);
  await assertAccessible(page, assert, 'disclosure threshold saved');
  const now = await api.call('GET', '/api/v1/settings/disclosure');
  assert.equal(now.body.threshold, 15);
  // As the demonstration had it.
  assert.equal((await api.call('PUT', '/api/v1/settings/disclosure', { threshold: 10 }, { 'If-Match': `"${now.body.version}"` })).status, 200);
  await page.close();
});

test('an administrator adds a bank holiday, checking their answers first', async () => {
  const page = await signedIn('admin');
  await page.goto(`${server.base}/settings`);
  await page.locator('#main-view').waitFor();
  await page.getByRole('link', { name: 'Add a bank holiday' }).click();
  await page.getByRole('heading', { name: 'Add a bank holiday' }).waitFor();
  await fillDate(page, '19', '7', '2031');
  await page.getByLabel('Name').fill('Waymark Day');
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.match((await errorList(page)).join(), /must be a weekday/);
  await assertAccessible(page, assert, 'add a bank holiday, with an error');
  await fillDate(page, '15', '7', '2031');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before adding the bank holiday' }).waitFor();
  assert.match(await page.locator('#check').textContent(), /15 July 2031/);
  assert.match(await page.locator('#check').textContent(), /Waymark Day/);
  await assertAccessible(page, assert, 'check your answers');
  // Change the name from the check, and come back to it.
  await page.getByRole('link', { name: 'Change the name' }).click();
  await page.getByLabel('Name').fill('Waymark Founders Day');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Add the bank holiday' }).click();
  await banner(page).waitFor({ state: 'visible' });
  assert.match(await banner(page).textContent(), /Waymark Founders Day on 15 July 2031 added to the bank holidays/);
  assert.match(await page.locator('#holidays').textContent(), /15 July 2031\s*Waymark Founders Day/);
  // The same day again is refused, on the date.
  await page.goto(`${server.base}/settings?add=bank-holiday`);
  await page.getByRole('heading', { name: 'Add a bank holiday' }).waitFor();
  await fillDate(page, '15', '7', '2031');
  await page.getByLabel('Name').fill('Twice');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Add the bank holiday' }).click();
  await page.waitForFunction(() => document.getElementById('error-list').textContent.includes('already'));
  assert.deepEqual(await errorList(page), ['15 July 2031 is already a bank holiday']);
  await page.close();
});

test('the screens fit a phone’s width', async () => {
  const page = await signedIn('admin', { viewport: { width: 320, height: 640 } });
  for (const [path, ready] of [['/organisations', '#list-view'], ['/settings', '#main-view'], ['/settings?add=bank-holiday', '#holiday-view']]) {
    await page.goto(`${server.base}${path}`);
    await page.locator(ready).waitFor();
    await fitsTheScreen(page, path);
    await assertAccessible(page, assert, `${path} at 320 px`);
  }
  await page.close();
});

test('other roles see no administration links and get the 403 page', async () => {
  const page = await signedIn('ds.khan');
  assert.ok(await page.getByRole('link', { name: 'Organisations', exact: true }).isHidden());
  assert.ok(await page.getByRole('link', { name: 'Settings', exact: true }).isHidden());
  for (const path of ['/organisations', '/settings']) {
    await page.goto(`${server.base}${path}`);
    await page.getByRole('heading', { name: 'You cannot do this' }).waitFor();
    await assertAccessible(page, assert, `${path} refused`);
  }
  await page.close();
});
