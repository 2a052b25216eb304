// Administering accounts in real Chromium: adding a user through "Check
// your answers" to their page with the one-time link, changing their role,
// team and name (someone else's change shown, never lost), disabling and
// enabling them after a step that says what it does, and the API's
// refusals shown against their fields; at 1280 and 320 pixels and by
// keyboard, with axe finding nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, DEMO_PASSWORD, errorList, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

async function fitsTheScreen(page, label) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} is ${overflow}px wider than the screen`);
}

const banner = (page) => page.locator('#finished');
// The success banner with these words, on the page the change led to.
async function bannerSays(page, words) {
  await page.locator('#finished', { hasText: words }).waitFor();
  await page.locator('#user-body').waitFor();
}
const summaryValue = (page, key) => page.locator('#account .govuk-summary-list__row', { has: page.locator('dt', { hasText: new RegExp(`^${key}$`) }) }).locator('.govuk-summary-list__value');

// Presses Tab until the focused element reads the text.
async function tabTo(page, text) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => (document.activeElement.labels?.[0] || document.activeElement).textContent.trim());
    if (here === text) return;
  }
  assert.fail(`Tab never reached ${text}`);
}

// From the field before a group of radios, into the group by Tab and to
// the option by the arrow keys, as a keyboard user chooses.
async function chooseByKeyboard(page, label) {
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  for (let i = 0; i < 12; i++) {
    const here = await page.evaluate(() => document.activeElement.labels[0].textContent.trim());
    if (here === label) return;
    await page.keyboard.press('ArrowDown');
  }
  assert.fail(`no radio reads ${label}`);
}

async function openAdd(page) {
  await page.goto(`${server.base}/users`);
  await page.locator('#users-body').waitFor();
  await page.getByRole('button', { name: 'Add a user' }).click();
  await page.getByRole('heading', { name: 'Add a user' }).waitFor();
}

async function userId(username) {
  const admin = await apiSession(server.base, 'admin');
  const list = await admin.call('GET', '/api/v1/users');
  return list.body.items.find((u) => u.username === username).id;
}

test('an administrator adds a user through check answers, and their page gives the one-time link', async () => {
  const page = await signedIn('admin');
  await page.getByRole('link', { name: 'Users' }).click();
  await page.locator('#users-body').waitFor();
  assert.match(await page.locator('#users-list tr', { hasText: 'dc.okafor' }).textContent(), /InvestigatorDemo Constabulary, CID/);
  await assertAccessible(page, assert, 'users list');
  await page.getByRole('button', { name: 'Add a user' }).click();
  await page.getByRole('heading', { name: 'Add a user' }).waitFor();
  assert.ok(await page.locator('#role-group').isHidden(), 'the role waits for the organisation');
  await assertAccessible(page, assert, 'add a user');

  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Enter their full name', 'Enter a username', 'Select their organisation']);
  await assertAccessible(page, assert, 'add a user with errors');

  // A partner organisation holds only partner, administrator and auditor
  // accounts, and has no teams to choose.
  await page.getByRole('radio', { name: 'Demo County Council Adult Safeguarding' }).check();
  const roles = await page.locator('#role-group .govuk-radios__item:visible label').allTextContents();
  assert.deepEqual(roles, ['Administrator', 'Partner', 'Auditor']);
  assert.ok(await page.locator('#team-group').isHidden(), 'a partner has no team to choose');

  await page.getByLabel('Full name').fill('Jamie Fox');
  await page.getByLabel('Username').fill('Jamie Fox');
  await page.getByRole('radio', { name: 'Demo Constabulary', exact: true }).check();
  const forceRoles = await page.locator('#role-group .govuk-radios__item:visible label').allTextContents();
  assert.deepEqual(forceRoles, ['Administrator', 'Supervisor', 'Investigator', 'Safeguarding officer', 'Analyst', 'Auditor', 'Records manager']);
  await page.getByRole('radio', { name: 'Investigator' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select their team, or No team']);
  await page.getByRole('radio', { name: 'CID' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before adding the user' }).waitFor();
  const answers = await page.locator('#check-answers .govuk-summary-list__row').evaluateAll((rows) => rows.map((r) => [r.children[0].textContent, r.children[1].textContent]));
  assert.deepEqual(answers, [['Full name', 'Jamie Fox'], ['Username', 'Jamie Fox'], ['Organisation', 'Demo Constabulary'], ['Role', 'Investigator'], ['Team', 'CID']]);
  await assertAccessible(page, assert, 'check the new user');

  // The server refuses the username, and the form says so against it.
  await page.getByRole('button', { name: 'Add the user' }).click();
  await page.locator('#username-error').waitFor({ state: 'visible' });
  assert.deepEqual(await errorList(page), ['Username: may hold only lower-case letters, digits, \'.\', \'_\' and \'-\'']);
  assert.equal(await page.locator('.govuk-error-summary__list a').getAttribute('href'), '#username');
  await assertAccessible(page, assert, 'a username refused');
  await page.getByLabel('Username').fill('j.fox');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('#check-answers').getByText('j.fox', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Add the user' }).click();

  await page.getByRole('heading', { name: 'Jamie Fox', exact: true }).waitFor();
  await bannerSays(page, 'Jamie Fox is added as investigator');
  assert.match(await banner(page).textContent(), /Give them the one-time link below/);
  const link = await page.locator('#reset-link').inputValue();
  assert.match(link, new RegExp(`^${server.base}/reset-password#token=[A-Za-z0-9_-]{43}$`));
  assert.match(await page.locator('#reset-link-hint').textContent(), /Give this link to Jamie Fox only\. It works once, until/);
  assert.equal(await summaryValue(page, 'Team').textContent(), 'CID');
  assert.equal(await summaryValue(page, 'Role').textContent(), 'Investigator');
  await assertAccessible(page, assert, 'the new user with their link');
  // Once only: the link is not shown again.
  await page.reload();
  await page.locator('#user-body').waitFor();
  assert.ok(await page.locator('#reset-done').isHidden());
  assert.equal(await banner(page).count(), 0);

  // The holder chooses their password with it.
  const token = link.split('#token=')[1];
  const res = await fetch(`${server.base}/api/v1/password-resets`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token, password: DEMO_PASSWORD }) });
  assert.equal(res.status, 204);
  await page.close();
});

test('an administrator changes a user\'s team and role, and sees another administrator\'s change', async () => {
  const holder = await apiSession(server.base, 'j.fox');
  const page = await signedIn('admin');
  await page.goto(`${server.base}/user?id=${await userId('j.fox')}`);
  await page.locator('#user-body').waitFor();
  await page.getByRole('link', { name: 'Change team' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.value), 'CID', 'the change link leads to the team');
  await assertAccessible(page, assert, 'change the user');
  await page.getByRole('radio', { name: 'Exploitation and Missing Team' }).check();
  await page.getByRole('radio', { name: 'Supervisor' }).check();
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await bannerSays(page, 'Jamie Fox\'s account is changed');
  assert.match(await banner(page).textContent(), /They are now supervisor\. They were signed out everywhere/);
  assert.equal(await summaryValue(page, 'Team').textContent(), 'Exploitation and Missing Team');
  assert.equal(await summaryValue(page, 'Role').textContent(), 'Supervisor');
  assert.equal((await holder.call('GET', '/api/v1/me')).status, 401, 'a new role signs them out');
  await assertAccessible(page, assert, 'the user changed');

  // Another administrator renames them while this one changes the role.
  await page.getByRole('link', { name: 'Change role' }).click();
  await page.getByRole('radio', { name: 'Analyst' }).check();
  const other = await apiSession(server.base, 'admin');
  const now = await other.call('GET', `/api/v1/users/${await userId('j.fox')}`);
  assert.equal((await other.call('PATCH', `/api/v1/users/${now.body.id}`, { display_name: 'Jamie Fox-Reed' }, { 'If-Match': `"${now.body.version}"` })).status, 200);
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.locator('#conflict').waitFor({ state: 'visible' });
  assert.match(await page.locator('#conflict-detail').textContent(), /They changed: full name to Jamie Fox-Reed\./);
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Jamie Fox-Reed');
  assert.ok(await page.getByRole('radio', { name: 'Analyst' }).isChecked(), 'their own change is kept');
  await assertAccessible(page, assert, 'a change someone else made first');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await bannerSays(page, 'Jamie Fox-Reed\'s account is changed');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Jamie Fox-Reed');
  assert.equal(await summaryValue(page, 'Role').textContent(), 'Analyst');

  // An empty name is refused before it is sent.
  await page.getByRole('link', { name: 'Change full name' }).click();
  await page.getByLabel('Full name').fill('');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  assert.deepEqual(await errorList(page), ['Enter their full name']);
  await page.close();
});

test('an administrator disables a user after a warning, which signs them out, and enables them again', async () => {
  const holder = await apiSession(server.base, 'j.fox');
  const page = await signedIn('admin');
  await page.goto(`${server.base}/user?id=${await userId('j.fox')}`);
  await page.locator('#user-body').waitFor();
  await page.getByRole('button', { name: 'Disable the account' }).click();
  await page.getByRole('heading', { name: 'Disable Jamie Fox-Reed\'s account?' }).waitFor();
  assert.match(await page.locator('#confirm-text').textContent(), /signed out everywhere at once, and cannot sign in/);
  await assertAccessible(page, assert, 'confirm disabling');
  // Cancel goes back without a change.
  await page.getByRole('link', { name: 'Cancel' }).click();
  assert.equal(await summaryValue(page, 'Status').textContent(), 'Active');
  // By keyboard: the button has the focus again.
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Disable Jamie Fox-Reed\'s account?' }).waitFor();
  await tabTo(page, 'Yes, disable the account');
  await page.keyboard.press('Enter');
  await bannerSays(page, 'Jamie Fox-Reed\'s account is disabled');
  assert.equal(await summaryValue(page, 'Status').textContent(), 'Disabled');
  assert.equal((await holder.call('GET', '/api/v1/me')).status, 401, 'disabling signs them out');
  await assert.rejects(apiSession(server.base, 'j.fox'), /answered 401/);
  await assertAccessible(page, assert, 'a disabled user');

  await page.getByRole('button', { name: 'Enable the account' }).click();
  await page.getByRole('heading', { name: 'Enable Jamie Fox-Reed\'s account?' }).waitFor();
  await page.getByRole('button', { name: 'Yes, enable the account' }).click();
  await bannerSays(page, 'Jamie Fox-Reed\'s account is enabled');
  assert.equal(await summaryValue(page, 'Status').textContent(), 'Active');
  await apiSession(server.base, 'j.fox');

  // An administrator's own account has no Disable button.
  await page.goto(`${server.base}/user?id=${await userId('admin')}`);
  await page.locator('#user-body').waitFor();
  assert.ok(await page.getByRole('button', { name: 'Disable the account' }).isHidden());
  assert.match(await page.locator('#access-state').textContent(), /your own account/);
  await page.close();
});

test('a duplicate username is refused against its field, at 320 pixels and by keyboard', async () => {
  const page = await signedIn('admin', { viewport: { width: 320, height: 640 } });
  await page.goto(`${server.base}/users`);
  await page.locator('#users-body').waitFor();
  await fitsTheScreen(page, 'the users list');
  await openAdd(page);
  await fitsTheScreen(page, 'the add-a-user page');
  await page.locator('#display_name').focus();
  await page.keyboard.type('Rhys Jones');
  await page.keyboard.press('Tab');
  await page.keyboard.type('dc.jones');
  await chooseByKeyboard(page, 'Demo Constabulary');
  await chooseByKeyboard(page, 'Investigator');
  await chooseByKeyboard(page, 'Exploitation and Missing Team');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Check your answers before adding the user' }).waitFor();
  await fitsTheScreen(page, 'check answers');
  await tabTo(page, 'Add the user');
  await page.keyboard.press('Enter');
  await page.locator('#username-error').waitFor({ state: 'visible' });
  assert.deepEqual(await errorList(page), ['That username is already taken: choose another']);
  assert.ok(await page.locator('#username').evaluate((i) => i.classList.contains('govuk-input--error')));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
  await assertAccessible(page, assert, 'a duplicate username');
  await fitsTheScreen(page, 'the refused form');
  // The summary's link takes the keyboard to the field.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'username');

  await page.goto(`${server.base}/user?id=${await userId('dc.jones')}`);
  await page.locator('#user-body').waitFor();
  await fitsTheScreen(page, 'a user');
  await page.getByRole('button', { name: 'Disable the account' }).click();
  await fitsTheScreen(page, 'confirm disabling');
  await assertAccessible(page, assert, 'confirm disabling at 320');
  await page.close();
});

test('someone who is not an administrator cannot add users', async () => {
  const jones = await signedIn('dc.jones');
  await jones.goto(`${server.base}/users?add`);
  await jones.getByRole('heading', { name: /You cannot/ }).waitFor();
  const api = await apiSession(server.base, 'dc.jones');
  const res = await api.call('POST', '/api/v1/users', { username: 'x.y', display_name: 'X Y', role: 'investigator', org: 'Demo Constabulary' });
  assert.equal(res.status, 403);
  await jones.close();
});
