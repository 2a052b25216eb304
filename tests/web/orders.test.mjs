// Prevention and risk orders in real Chromium: the minimum duration refused
// with the date it must reach, an order until further order, a breach.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessible, caseWith, errorList, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

async function fillDate(page, id, day, month, year) {
  await page.locator(`#${id}`).fill(day);
  await page.locator(`#${id}-month`).fill(month);
  await page.locator(`#${id}-year`).fill(year);
}

test('an order is recorded with its minimum duration enforced, and a breach against it', async () => {
  const { c } = await caseWith('Agency labour, Swindon', { given_names: 'Radu', family_name: 'Ionescu' }, 'suspect');
  const page = await signedIn('dc.jones');
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByRole('link', { name: 'Record a prevention or risk order' }).click();
  await page.getByRole('heading', { name: 'Record a prevention or risk order' }).waitFor();
  await page.getByRole('button', { name: 'Record the order' }).click();
  assert.deepEqual(await errorList(page), ['Select who the order is against', 'Select the kind of order', 'Enter the court',
    'Select who applied', 'Enter the real date the order was made', 'Enter at least one prohibition']);
  await page.getByLabel('Radu Ionescu').check();
  await page.getByLabel('Slavery and Trafficking Prevention Order', { exact: true }).check();
  await page.getByLabel('Court', { exact: true }).fill('Swindon Crown Court');
  await page.getByLabel('The court, on conviction (prevention orders only)').check();
  await fillDate(page, 'made_on', '2', '11', '2026');
  await fillDate(page, 'expires_on', '2', '11', '2030');
  await page.getByLabel('Prohibitions').fill('Not to recruit or supply workers\nNot to hold anyone else\'s identity documents');
  await assertAccessible(page, assert, 'record an order');
  await page.getByRole('button', { name: 'Record the order' }).click();
  assert.match(await page.locator('#check-answers').textContent(), /AgainstRadu Ionescu.*Swindon Crown Court.*2 November 2026.*2 November 2030/);
  await page.getByRole('button', { name: 'Confirm and record the order' }).click();
  await page.waitForFunction(() => document.querySelector('.govuk-error-summary__list')?.textContent.includes('2031-11-02'));
  assert.match((await errorList(page))[0], /at least 5 years, so until at least 2031-11-02/);
  for (const part of ['expires_on', 'expires_on-month', 'expires_on-year']) await page.locator(`#${part}`).fill('');
  await page.getByRole('button', { name: 'Record the order' }).click();
  assert.match(await page.locator('#check-answers').textContent(), /Date it endsUntil further order/);
  await page.getByRole('button', { name: 'Confirm and record the order' }).click();
  await page.getByRole('heading', { name: 'Slavery and Trafficking Prevention Order' }).waitFor();
  assert.match(await page.locator('#finished').textContent(), /Order recorded.*Record any breach/);
  assert.match(await page.locator('#details').textContent(), /Until further order/);
  assert.match(await page.locator('#prohibitions').textContent(), /Not to recruit or supply workers/);
  await page.getByRole('button', { name: 'Record the breach' }).click();
  assert.deepEqual(await errorList(page), ['Enter the real date of the breach', 'Say what happened']);
  await fillDate(page, 'occurred_on', '1', '11', '2026');
  await page.getByLabel('What happened').fill('Seen supplying workers to a packing house');
  await page.getByRole('button', { name: 'Record the breach' }).click();
  await page.waitForFunction(() => document.querySelector('.govuk-error-summary__list')?.textContent.includes('not in force'));
  await fillDate(page, 'occurred_on', '20', '11', '2026');
  await page.getByLabel('Crime reference (if any)').fill('43/555/26');
  await page.getByRole('button', { name: 'Record the breach' }).click();
  await page.getByText('Seen supplying workers to a packing house').waitFor();
  assert.match(await page.locator('#breaches').textContent(), /20 November 2026 \(crime reference 43\/555\/26\)/);
  await assertAccessible(page, assert, 'order with a breach');
  await page.getByRole('link', { name: 'Back to the case' }).click();
  await page.getByRole('heading', { name: 'Agency labour, Swindon' }).waitFor();
  assert.match(await page.locator('#orders').textContent(), /Radu Ionescu: Slavery and Trafficking Prevention Order, made 2 November 2026, until further order, 1 breach/);
  await page.close();
});
