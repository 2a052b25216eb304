// The signed-in shell in real Chromium: sign in, home, sign out, errors,
// the second factor, narrow screens, and axe-core on every page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, browser, newPage, server, shareServerAndBrowser, signedIn, signIn, totp } from './harness.mjs';

shareServerAndBrowser();

test('the sign-in page is accessible', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/sign-in`);
  await assert.doesNotReject(page.getByRole('heading', { name: 'Sign in to Waymark' }).waitFor());
  await assertAccessible(page, assert, 'sign-in');
  await page.close();
});

test('a wrong password shows a GOV.UK error summary linked to the field', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, 'dc.jones', 'not-the-password');
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor({ state: 'visible' });
  assert.match(await summary.textContent(), /username or password is not right/);
  assert.equal(await page.locator('.govuk-error-summary a').getAttribute('href'), '#password');
  assert.match(await page.title(), /^Error: /);
  assert.match(await page.locator('#password-error').textContent(), /not right/);
  await assertAccessible(page, assert, 'sign-in with errors');
  await page.close();
});

test('after three wrong passwords the page says how long to wait before the next try', async () => {
  const page = await newPage(browser);
  const summary = page.locator('.govuk-error-summary');
  for (let i = 0; i < 3; i++) {
    await signIn(page, server.base, 'dc.okafor', 'not-the-password');
    await summary.waitFor({ state: 'visible' });
    assert.match(await summary.textContent(), /not right\. After 3 failed tries, each next try must wait longer/);
  }
  // The next try at once, even with the right password, is told to wait.
  await page.getByLabel('Password').fill('demo-password-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(/wait \d+ seconds? and try again/).waitFor();
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  await page.close();
});

test('empty fields are caught before anything is sent', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/sign-in`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const items = page.locator('.govuk-error-summary__list li');
  await items.first().waitFor();
  assert.deepEqual(await items.allTextContents(), ['Enter your username', 'Enter your password']);
  await page.close();
});

test('signing in shows the home page and the identity bar; signing out ends it', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, 'dc.jones');
  await page.getByRole('heading', { name: 'Welcome, DC Rhys Jones' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.locator('#identity-name').textContent(), 'DC Rhys Jones');
  assert.equal(await page.locator('#identity-role').textContent(), 'Investigator');
  assert.equal(await page.locator('#account-team').textContent(), 'Exploitation and Missing Team');
  await assertAccessible(page, assert, 'home');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${server.base}/sign-in`);
  await page.goto(`${server.base}/`);
  await page.waitForURL(`${server.base}/sign-in?next=%2F`);
  await page.close();
});

test('signing in returns you to the page you asked for, and never to another site', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/cases?status=investigating`);
  await page.waitForURL(/\/sign-in\?next=/);
  await page.getByLabel('Username').fill('dc.jones');
  await page.getByLabel('Password').fill('demo-password-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${server.base}/cases?status=investigating`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${server.base}/sign-in`);
  for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
    await page.goto(`${server.base}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Username').fill('dc.jones');
    await page.getByLabel('Password').fill('demo-password-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Welcome, DC Rhys Jones' }).waitFor();
    assert.equal(page.url(), `${server.base}/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.base}/sign-in`);
  }
  await page.close();
});

test('two minutes before an idle session ends, a warning offers to stay signed in', async () => {
  const page = await newPage(browser);
  await page.clock.install();
  await signIn(page, server.base, 'dc.jones');
  await page.getByRole('heading', { name: 'Welcome, DC Rhys Jones' }).waitFor();
  // The home page's own requests (the worklist) count as use: let them all
  // be made before time moves on, or one made late (on a loaded machine)
  // would move the warning on by the time run.
  await page.waitForLoadState('networkidle');
  const dialog = page.getByRole('dialog', { name: 'You are about to be signed out' });
  await page.clock.runFor(26 * 60 * 1000);
  assert.equal(await dialog.isVisible(), false);
  await page.clock.runFor(60 * 1000 + 2000);
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /signed out in 2 minutes/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'timeout-stay');
  await assertAccessible(page, assert, 'timeout warning');
  await page.keyboard.press('Enter'); // stay signed in
  await dialog.waitFor({ state: 'hidden' });
  // Left alone again, the page signs out and says why; signing in returns here.
  // The sign-in page answers slower than the page checks the time (each
  // second): the page goes there once, and a later check must not abort it.
  let signInAsked = 0;
  await page.route(/\/sign-in\?.*reason=timeout/, async (route) => {
    signInAsked += 1;
    await new Promise((r) => { setTimeout(r, 2500); });
    await route.continue();
  });
  await page.clock.runFor(30 * 60 * 1000);
  await page.waitForURL(/\/sign-in\?next=%2F&reason=timeout/);
  await page.getByText('You were signed out because you had not used Waymark for 30 minutes').waitFor();
  assert.equal(signInAsked, 1, 'the page goes to sign in once');
  await page.close();
});

test('the home page fits a 320 pixel screen', async () => {
  const page = await signedIn('so.patel', { viewport: { width: 320, height: 640 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await page.close();
});

test('the sign-in form works from the keyboard alone', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/sign-in`);
  await page.keyboard.press('Tab'); // skip link
  await page.keyboard.press('Tab'); // service name
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'username');
  await page.keyboard.type('analyst.reid');
  await page.keyboard.press('Tab');
  await page.keyboard.type('demo-password-2026');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Welcome, Morgan Reid' }).waitFor();
  await page.close();
});

test('a role that must use a second factor enrols, then signs in with a code', async () => {
  const admin = await apiSession(server.base, 'admin');
  const read = await admin.call('GET', '/api/v1/settings/security');
  const set = await admin.call('PUT', '/api/v1/settings/security', { totp_required_roles: ['supervisor'] }, { 'If-Match': `"${read.body.version}"` });
  assert.equal(set.status, 200);

  const page = await newPage(browser);
  await signIn(page, server.base, 'ds.khan');
  await page.waitForURL(`${server.base}/second-factor`);
  await page.waitForFunction(() => document.getElementById('secret').textContent.trim().length === 32);
  const secret = (await page.locator('#secret').textContent()).trim();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.match(await page.locator('#otpauth').getAttribute('href'), /^otpauth:\/\/totp\/Waymark:ds\.khan\?secret=/);
  await assertAccessible(page, assert, 'second-factor enrolment');
  await page.getByLabel('Enter the 6-digit code the app shows').fill('12345');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.locator('.govuk-error-summary').waitFor({ state: 'visible' });
  const now = Date.now() / 1000;
  await page.getByLabel('Enter the 6-digit code the app shows').fill(totp(secret, now));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('heading', { name: 'Second factor set up' }).waitFor();
  assert.equal(await page.locator('#recovery-codes li').count(), 10);
  await assertAccessible(page, assert, 'recovery codes');
  await page.getByRole('link', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Welcome, DS Amira Khan' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${server.base}/sign-in`);

  await signIn(page, server.base, 'ds.khan');
  await page.getByRole('heading', { name: 'Enter your security code' }).waitFor();
  await assertAccessible(page, assert, 'security code step');
  await page.getByLabel('Security code').fill(totp(secret, now + 30));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Welcome, DS Amira Khan' }).waitFor();
  await page.close();
});

test('a page that is not there, and a record outside the user\'s reach, show "Page not found"', async () => {
  const page = await signedIn('dc.jones');
  await page.goto(`${server.base}/no-such-page`);
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  assert.equal(await page.title(), 'Page not found – Waymark');
  await assertAccessible(page, assert, 'page not found');
  await page.goto(`${server.base}/case?id=not-a-case`);
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  assert.match(await page.locator('main').textContent(), /not be one your role or your organisation can see/);
  await page.goto(`${server.base}/person?id=not-a-person`);
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await page.close();
});
