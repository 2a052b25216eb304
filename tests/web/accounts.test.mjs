// Account administration in real Chromium: the demo notice on the sign-in
// page, the users list, a one-time password link that the holder follows
// (with their second factor when they have one), the notice at their next
// sign-in, and a second-factor reset that a second administrator approves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_PASSWORD, apiSession, assertAccessible, browser, newPage, screenshot, server, shareServerAndBrowser, signIn, signedIn, totp } from './harness.mjs';

shareServerAndBrowser();

const shoot = screenshot;

async function fitsTheScreen(page, label) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} is ${overflow}px wider than the screen`);
}

// An administrator makes a reset link for the account through the pages and
// returns it as shown.
async function makeLink(page, username, displayName) {
  await page.goto(`${server.base}/users`);
  await page.locator('#users-body').waitFor();
  await page.getByRole('link', { name: displayName, exact: true }).click();
  await page.getByRole('heading', { name: displayName }).waitFor();
  await page.getByRole('button', { name: 'Make a password reset link' }).click();
  await page.locator('#reset-done').waitFor();
  const link = await page.locator('#reset-link').inputValue();
  assert.match(link, new RegExp(`^${server.base}/reset-password#token=[A-Za-z0-9_-]{43}$`));
  assert.match(await page.locator('#reset-link-hint').textContent(), /works once, until/);
  return link;
}

test('the sign-in page of a demonstration says so, and that the second factor is off', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/sign-in`);
  const banner = page.locator('#demo');
  await banner.waitFor({ state: 'visible' });
  assert.match(await banner.textContent(), /demonstration of Waymark/);
  assert.match(await banner.textContent(), /second factor is switched off/);
  await assertAccessible(page, assert, 'sign-in with the demo notice');
  await shoot(page, 'sign-in-1280');
  await page.setViewportSize({ width: 320, height: 640 });
  await fitsTheScreen(page, 'the sign-in page');
  await shoot(page, 'sign-in-320');
  await page.close();
});

test('an administrator makes a one-time link; the holder chooses a password with it and is told at sign-in', async () => {
  const admin = await signedIn('admin');
  await admin.getByRole('link', { name: 'Users' }).click();
  await admin.getByRole('heading', { name: 'Users' }).waitFor();
  await admin.locator('#users-body').waitFor();
  assert.ok(await admin.locator('#users-list tr', { hasText: 'dc.jones' }).count() === 1);
  assert.ok(await admin.locator('#users-list tr', { hasText: 'partner.evans' }).count() === 1, 'a hosted partner is listed');
  await assertAccessible(admin, assert, 'users list');
  await shoot(admin, 'users-1280');
  const link = await makeLink(admin, 'dc.jones', 'DC Rhys Jones');
  await assertAccessible(admin, assert, 'user with a reset link');
  await shoot(admin, 'user-link-1280');

  const holder = await newPage(browser);
  await holder.goto(link);
  await holder.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await holder.locator('#choose').waitFor();
  // The token leaves the address bar at once.
  assert.equal(new URL(holder.url()).hash, '');
  assert.match(await holder.locator('#for-whom').textContent(), /DC Rhys Jones \(dc\.jones\)/);
  assert.ok(await holder.locator('#totp-group').isHidden(), 'no code is asked of an account without a second factor');
  await assertAccessible(holder, assert, 'reset password');
  await holder.getByLabel('New password', { exact: true }).fill('rhys-own-new-passphrase');
  await holder.getByLabel('Confirm the new password').fill('rhys-own-new-passphrase-2');
  await holder.getByRole('button', { name: 'Set the password' }).click();
  await holder.locator('.govuk-error-summary').waitFor({ state: 'visible' });
  assert.match(await holder.locator('#confirm-error').textContent(), /not the same/);
  await assertAccessible(holder, assert, 'reset password with errors');
  await holder.getByLabel('New password', { exact: true }).fill('short');
  await holder.getByLabel('Confirm the new password').fill('short');
  await holder.getByRole('button', { name: 'Set the password' }).click();
  await holder.locator('#password-error').waitFor({ state: 'visible' });
  assert.match(await holder.locator('#password-error').textContent(), /at least 12 characters/);
  await holder.getByLabel('New password', { exact: true }).fill('rhys-own-new-passphrase');
  await holder.getByLabel('Confirm the new password').fill('rhys-own-new-passphrase');
  await holder.getByRole('button', { name: 'Set the password' }).click();
  await holder.getByRole('heading', { name: 'Password set' }).waitFor();
  await assertAccessible(holder, assert, 'password set');

  // Once only.
  const again = await newPage(browser);
  await again.goto(link);
  await again.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
  await assertAccessible(again, assert, 'a spent link');
  await again.close();

  // The next sign-in tells the holder what was done.
  await holder.getByRole('link', { name: 'Sign in' }).click();
  await signIn(holder, server.base, 'dc.jones', 'rhys-own-new-passphrase');
  await holder.getByRole('heading', { name: 'Welcome, DC Rhys Jones' }).waitFor();
  const notices = holder.locator('#notices');
  await notices.waitFor({ state: 'visible' });
  assert.match(await notices.textContent(), /Alex Admin made a one-time link to reset your password/);
  assert.match(await notices.textContent(), /your password was reset/);
  await assertAccessible(holder, assert, 'home with notices');
  await shoot(holder, 'home-notices-1280', false);
  await holder.setViewportSize({ width: 320, height: 640 });
  await fitsTheScreen(holder, 'the home page with notices');
  await shoot(holder, 'home-notices-320', false);
  await holder.close();

  await admin.setViewportSize({ width: 320, height: 640 });
  await admin.goto(`${server.base}/users`);
  await admin.locator('#users-body').waitFor();
  await shoot(admin, 'users-320');
  await makeLink(admin, 'dc.jones', 'DC Rhys Jones');
  await fitsTheScreen(admin, 'the user page with a link');
  await shoot(admin, 'user-link-320');
  await admin.close();
});

test('a link asks for the holder\'s second factor, and a second administrator approves clearing one', async () => {
  // DC Okafor sets up a second factor.
  const okafor = await apiSession(server.base, 'dc.okafor');
  const start = await okafor.call('POST', '/api/v1/me/totp');
  assert.equal(start.status, 201);
  const secret = start.body.secret;
  const now = Date.now() / 1000;
  assert.equal((await okafor.call('POST', '/api/v1/me/totp/confirm', { code: totp(secret, now) })).status, 200);

  const admin = await signedIn('admin');
  const link = await makeLink(admin, 'dc.okafor', 'DC Ngozi Okafor');

  const holder = await newPage(browser, { viewport: { width: 320, height: 640 } });
  await holder.goto(link);
  await holder.locator('#choose').waitFor();
  await holder.locator('#totp-group').waitFor({ state: 'visible' });
  await assertAccessible(holder, assert, 'reset password with a second factor');
  await fitsTheScreen(holder, 'the reset page');
  await shoot(holder, 'reset-code-320');
  await holder.getByLabel('New password', { exact: true }).fill('ngozi-own-new-passphrase');
  await holder.getByLabel('Confirm the new password').fill('ngozi-own-new-passphrase');
  await holder.getByRole('button', { name: 'Set the password' }).click();
  await holder.locator('#totp-error').waitFor({ state: 'visible' });
  await holder.getByLabel('Security code').fill(totp(secret, now + 30));
  await holder.getByRole('button', { name: 'Set the password' }).click();
  await holder.getByRole('heading', { name: 'Password set' }).waitFor();
  await holder.close();

  // Clearing the second factor: asked by one administrator, approved by another.
  const asked = await apiSession(server.base, 'admin');
  const made = await asked.call('POST', '/api/v1/users', {
    username: 'admin.two', display_name: 'Blake Second', role: 'admin', org: 'Demo Constabulary',
  });
  assert.equal(made.status, 201);
  // The new administrator chooses their own password with the link the answer carries.
  const token = made.body.password_link.reset_url.split('#token=')[1];
  assert.equal((await asked.call('POST', '/api/v1/password-resets', { token, password: DEMO_PASSWORD })).status, 204);
  await admin.reload();
  await admin.getByRole('heading', { name: 'DC Ngozi Okafor' }).waitFor();
  await admin.locator('#user-body').waitFor();
  await admin.getByRole('button', { name: 'Request a second-factor reset' }).click();
  await admin.locator('#sf-state', { hasText: 'Another administrator must approve it' }).waitFor();
  assert.ok(await admin.locator('#sf-approve').isHidden(), 'the one who asked cannot approve');
  await assertAccessible(admin, assert, 'a second-factor reset waiting');
  await shoot(admin, 'user-waiting-1280');

  const second = await signedIn('admin.two');
  await second.goto(admin.url());
  await second.getByRole('heading', { name: 'DC Ngozi Okafor' }).waitFor();
  await second.locator('#sf-approve').waitFor({ state: 'visible' });
  assert.match(await second.locator('#sf-state').textContent(), /Alex Admin asked for it to be cleared/);
  await assertAccessible(second, assert, 'approve a second-factor reset');
  await shoot(second, 'user-approve-1280');
  await second.getByRole('button', { name: 'Approve the second-factor reset' }).click();
  await second.locator('#sf-state', { hasText: 'Cleared' }).waitFor();
  const me = await apiSession(server.base, 'dc.okafor', 'ngozi-own-new-passphrase');
  const who = await me.call('GET', '/api/v1/me');
  assert.equal(who.body.user.totp_enabled, false);
  assert.ok(who.body.notices.some((n) => n.kind === 'second_factor_reset' && /Alex Admin and Blake Second cleared your second factor/.test(n.text)));
  await second.close();
  await admin.close();
});
