// One's own account and the audit log in real Chromium: changing the
// password, setting up a second factor by its key, signing out everywhere;
// an auditor filtering the log, seeing it verified, paging it and taking it
// out as CSV. At 1280 and 320 pixels, by keyboard, checked by axe.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { apiSession, assertAccessible, browser, DEMO_PASSWORD, errorList, newPage, server, shareServerAndBrowser, signedIn, signIn, totp } from './harness.mjs';

shareServerAndBrowser();

async function fitsTheScreen(page, label) {
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} is ${overflow}px wider than the screen`);
  await assertAccessible(page, assert, `${label} at 320px`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function openAccount(page) {
  await page.getByRole('link', { name: 'Your account' }).click();
  await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
}

test('anyone reaches their account from the identity bar and sets up a second factor by its key', async () => {
  const page = await signedIn('analyst.reid');
  await openAccount(page);
  await page.locator('#whose', { hasText: /Morgan Reid \(analyst\.reid\)/ }).waitFor();
  assert.match(await page.locator('#summary').textContent(), /Second factorNot set up/);
  await assertAccessible(page, assert, 'account');
  await fitsTheScreen(page, 'the account page');

  const start = page.getByRole('button', { name: 'Set up a second factor' });
  await start.focus();
  await page.keyboard.press('Enter');
  await page.locator('#totp-enrol').waitFor();
  // The QR code comes from the server as an image, drawn by libqrencode.
  const qr = page.locator('#qr');
  await page.waitForFunction(() => document.getElementById('qr').complete && document.getElementById('qr').naturalWidth > 0);
  assert.equal(await qr.getAttribute('src'), '/api/v1/me/totp/qr-code');
  const secret = (await page.locator('#secret').textContent()).trim();
  assert.match(secret, /^[A-Z2-7]{16,}$/);
  await assertAccessible(page, assert, 'second factor set-up');
  await fitsTheScreen(page, 'the second factor set-up');

  // The code field has focus: a short code is refused before it is sent.
  await page.keyboard.type('12345');
  await page.keyboard.press('Enter');
  assert.deepEqual(await errorList(page), ['Enter the 6-digit code from your app']);
  await page.getByLabel('Code from the app').fill(totp(secret));
  await page.getByRole('button', { name: 'Confirm the code' }).click();
  const banner = page.locator('#done');
  await banner.waitFor();
  assert.match(await banner.textContent(), /Second factor set up/);
  assert.equal(await page.locator('#recovery-codes li').count(), 10);
  assert.match(await page.locator('#summary').textContent(), /Second factorSet up/);
  await assertAccessible(page, assert, 'second factor set up');
  await page.close();

  // From now on the account signs in with a code.
  const again = await newPage(browser);
  await signIn(again, server.base, 'analyst.reid');
  await again.getByLabel('Security code').waitFor();
  await again.getByLabel('Security code').fill(totp(secret, Date.now() / 1000 + 30));
  await again.getByRole('button', { name: 'Sign in' }).click();
  await again.getByRole('heading', { name: /^Welcome/ }).waitFor();
  await again.close();
});

test('changing the password by keyboard signs out everywhere and ends with a success banner', async () => {
  const page = await signedIn('ds.khan');
  const elsewhere = await signedIn('ds.khan');
  await openAccount(page);
  await page.getByLabel('Current password').focus();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Tab');
  await page.keyboard.type('khan-chooses-a-long-passphrase');
  await page.keyboard.press('Tab');
  await page.keyboard.type('khan-chooses-a-long-passphrase-typo');
  await page.keyboard.press('Enter');
  assert.deepEqual(await errorList(page), ['The new passwords are not the same']);
  await assertAccessible(page, assert, 'password with errors');

  await page.getByLabel('Current password').fill('not-the-current-one');
  await page.getByLabel('Confirm the new password').fill('khan-chooses-a-long-passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.locator('#current_password-error').waitFor();
  assert.match(await page.locator('#current_password-error').textContent(), /is not your current password/);

  await page.getByLabel('Current password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.waitForURL(/\/sign-in\?done=password$/);
  const banner = page.locator('#signed-out');
  await banner.waitFor();
  assert.match(await banner.textContent(), /Your password has been changed/);
  await assertAccessible(page, assert, 'sign-in after a password change');

  // The other browser is signed out too.
  await elsewhere.goto(`${server.base}/cases`);
  await elsewhere.waitForURL(/\/sign-in\?next=/);
  await signIn(page, server.base, 'ds.khan', 'khan-chooses-a-long-passphrase');
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
  await page.close();
  await elsewhere.close();
});

test('signing out everywhere ends every session of the account', async () => {
  const page = await signedIn('so.patel');
  const elsewhere = await signedIn('so.patel');
  const someoneElse = await signedIn('dc.okafor');
  await openAccount(page);
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await page.waitForURL(/\/sign-in\?done=everywhere$/);
  assert.match(await page.locator('#signed-out').textContent(), /You have been signed out everywhere/);
  await assertAccessible(page, assert, 'signed out everywhere');
  await fitsTheScreen(page, 'the sign-in page after signing out everywhere');
  await elsewhere.goto(`${server.base}/people`);
  await elsewhere.waitForURL(/\/sign-in\?next=/);
  await someoneElse.goto(`${server.base}/cases`);
  await someoneElse.getByRole('heading', { name: 'Cases' }).waitFor();
  for (const p of [page, elsewhere, someoneElse]) await p.close();
});

test('only roles that may read the audit log see it in the menu', async () => {
  const page = await signedIn('dc.jones');
  assert.ok(await page.getByRole('link', { name: 'Audit log' }).isHidden());
  assert.ok(await page.getByRole('link', { name: 'Your account' }).isVisible());
  await page.goto(`${server.base}/audit`);
  await page.locator('.govuk-error-summary').waitFor({ state: 'visible' });
  assert.deepEqual(await errorList(page), ['Only auditors read the audit log.']);
  await page.close();
});

test('an auditor filters the log, sees it verified, pages it and downloads it as CSV', async () => {
  // Entries enough for a second page, and a name tried that a spreadsheet
  // would run as a formula.
  const aud = await apiSession(server.base, 'auditor.lee');
  for (let i = 0; i < 55; i++) assert.equal((await aud.call('GET', '/api/v1/audit/verification')).status, 200);
  const tried = await fetch(`${server.base}/api/v1/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: '=1+2', password: 'wrong-wrong-wrong' }),
  });
  assert.equal(tried.status, 401);

  const page = await signedIn('auditor.lee');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  await page.locator('#audit-body').waitFor();
  await page.locator('#intact').waitFor();
  assert.match(await page.locator('#intact').textContent(), /Intact\s+All [\d,]+ entries of the log follow each other unchanged \(checked \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d\)/);
  assert.ok(await page.locator('#entries tr').count() === 50);
  assert.match(await page.locator('#entries tr').first().locator('td').first().textContent(), /^\d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d$/);
  await assertAccessible(page, assert, 'audit log');
  await fitsTheScreen(page, 'the audit log');

  // A wrong date is refused in place.
  await page.getByLabel('Day').first().fill('31');
  await page.getByLabel('Month').first().fill('2');
  await page.getByLabel('Year').first().fill('2026');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  assert.deepEqual(await errorList(page), ['From must be a real date, such as 4 1 2022']);
  await assertAccessible(page, assert, 'audit log filter with errors');

  // By keyboard: what was done, and today, then Enter in the person field.
  const now = new Date();
  await page.getByLabel('Day').first().fill(String(now.getDate()));
  await page.getByLabel('Month').first().fill(String(now.getMonth() + 1));
  await page.getByLabel('Year').first().fill(String(now.getFullYear()));
  await page.getByLabel('What they did').selectOption({ label: 'Checked the audit log is intact' });
  await page.getByLabel('Person').focus();
  await page.keyboard.type('auditor.lee');
  await page.keyboard.press('Enter');
  await page.waitForURL(/action=audit_verified/);
  await page.locator('#audit-body').waitFor();
  assert.match(await page.locator('#filters-text').textContent(), /by auditor\.lee, “Checked the audit log is intact”, from \d{1,2} [A-Z][a-z]+ \d{4}/);
  const rows = page.locator('#entries tr');
  assert.equal(await rows.count(), 50);
  for (const t of await page.locator('#entries tr td:nth-child(3)').allTextContents()) assert.equal(t, 'Checked the audit log is intact');
  for (const t of await page.locator('#entries tr td:nth-child(2)').allTextContents()) assert.equal(t, 'auditor.lee');
  // The next page starts before the last entry of this one (the server's
  // `before` cursor), and holds the rest of the 56 or more checks.
  await page.getByRole('link', { name: 'Next page' }).click();
  await page.waitForURL(/cursor=\d+/);
  await page.locator('#audit-body').waitFor();
  assert.ok(await rows.count() >= 6);
  await page.getByRole('link', { name: 'Previous page' }).waitFor();
  await assertAccessible(page, assert, 'audit log, second page');

  // The failed sign-ins as a file: the formula arrives as text.
  await page.goto(`${server.base}/audit?action=login_failed`);
  await page.locator('#audit-body').waitFor();
  assert.match(await page.locator('#entries').textContent(), /=1\+2/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export these entries (CSV)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'audit-log.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  assert.equal(lines[0], 'seq,at,actor,actor_id,action,record_type,record_id,purpose,detail,address,request_id');
  assert.ok(lines.slice(1).every((l) => l.includes(',login_failed,')));
  assert.ok(lines.some((l) => l.includes(',"\'=1+2",')), 'a formula is quoted as text');
  assert.ok(!lines.some((l) => l.includes(',=1+2,')));
  await page.close();
});
