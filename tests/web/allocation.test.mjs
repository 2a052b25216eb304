// Allocation in real Chromium: the ranked candidates with their reasons, an
// allocation that meets every requirement, and a reallocation that needs the
// override dialog's reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, caseWith, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

test('a supervisor allocates the best placed investigator, then reallocates with an override', async () => {
  const { c } = await caseWith('Hand car wash, Yeovil', { given_names: 'Gjergj', family_name: 'Marku', estimated_age: 31, languages: ['sq'], interpreter_needed: true, interpreter_language: 'sq' });

  const page = await signedIn('ds.khan');
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByText('Not allocated').waitFor();
  // The panel on the case page: the five best placed, with their reasons.
  await page.locator('#allocation-panel').waitFor();
  const first = page.locator('#allocation-candidates tbody tr').first();
  assert.match(await first.textContent(), /DC Rhys Jones/);
  assert.match(await first.textContent(), /Meets requirements/);
  assert.match(await first.textContent(), /Speaks 1 of the 1 language a victim needs an interpreter for/);
  assert.match(await page.locator('#allocation-needs').textContent(), /interpreters for: Albanian/);
  await assertAccessible(page, assert, 'case page with the allocation panel');
  await page.getByRole('button', { name: 'Allocate DC Rhys Jones' }).click();
  await page.locator('#lead', { hasText: 'DC Rhys Jones' }).waitFor();

  // Every candidate, on the allocation page.
  await page.getByRole('link', { name: 'See every candidate' }).click();
  await page.getByRole('heading', { name: 'Allocate a lead investigator' }).waitFor();
  await page.locator('#allocate-body').waitFor();
  assert.match(await page.locator('#current').textContent(), /Led now by DC Rhys Jones/);
  const okafor = page.locator('#candidates tr', { hasText: 'DC Ngozi Okafor' });
  assert.match(await okafor.textContent(), /Fails a requirement: not accredited at PIP level 2 or above/);
  await assertAccessible(page, assert, 'allocation candidates');
  await page.getByRole('link', { name: 'Back to the case' }).click();
  await page.getByRole('heading', { name: 'Hand car wash, Yeovil' }).waitFor();

  await page.getByRole('link', { name: 'Reallocate' }).click();
  await page.locator('#allocate-body').waitFor();
  await page.locator('#candidates').getByRole('button', { name: 'Allocate DC Ngozi Okafor' }).click();
  await page.getByRole('heading', { name: 'Override a requirement' }).waitFor();
  assert.match(await page.locator('#override-fails').textContent(), /not accredited at PIP level 2/);
  await assertAccessible(page, assert, 'override dialog');
  await page.getByRole('button', { name: 'Allocate with an override' }).click();
  await page.getByText('Say why you are allocating them anyway').waitFor();
  await page.getByLabel('Why allocate them anyway?').fill('She speaks to the victim\'s family already; DS Khan supervises closely');
  await page.getByRole('button', { name: 'Allocate with an override' }).click();
  await page.getByRole('heading', { name: 'Hand car wash, Yeovil' }).waitFor();
  await page.locator('#lead', { hasText: 'DC Ngozi Okafor' }).waitFor();
  const lead = await page.locator('#lead').textContent();
  assert.match(lead, /Allocated with an override/);
  assert.match(lead, /Before: DC Rhys Jones/);
  const kase = (await (await apiSession(server.base, 'ds.khan')).call('GET', `/api/v1/cases/${c.id}`)).body;
  assert.equal(kase.allocation_history.length, 2);
  assert.deepEqual(kase.lead.overridden, ['pip2_accredited', 'specialist_msht_training']);
  assert.match(kase.lead.override_reason, /speaks to the victim's family/);
  await page.close();
});

test('a supervisor keeps a profile and training, sees compliance, and imports a CSV with a bad row', async () => {
  const page = await signedIn('ds.khan');
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Staff' }).click();
  await page.getByRole('heading', { name: 'Staff' }).waitFor();
  await page.locator('#staff-body').waitFor();
  assert.match(await page.locator('#staff-list').textContent(), /DC Rhys Jones/);
  await assertAccessible(page, assert, 'staff list');
  await page.getByRole('link', { name: 'DC Ngozi Okafor' }).click();
  await page.getByRole('heading', { name: 'DC Ngozi Okafor' }).waitFor();
  await page.getByText('Change the profile').click();
  await page.getByLabel('PIP2').check();
  await page.locator('#pip_accredited_on').fill('1');
  await page.locator('#pip_accredited_on-month').fill('11');
  await page.locator('#pip_accredited_on-year').fill('2026');
  await page.getByLabel('Languages spoken').fill('ro fluent\nfr');
  await page.getByRole('button', { name: 'Save the profile' }).click();
  assert.deepEqual(await page.locator('.govuk-error-summary__list li').allTextContents(), ['Say how well for fr: basic, working, fluent or native']);
  await page.getByLabel('Languages spoken').fill('ro fluent\nfr working');
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await page.locator('#profile', { hasText: 'PIP2, since 1 November 2026' }).waitFor();
  assert.match(await page.locator('#profile').textContent(), /Languages.*French \(working\)/);
  await page.getByText('Record a course').click();
  await page.getByLabel('Which course').selectOption({ label: 'Specialist modern slavery investigation' });
  await page.getByLabel('Provider').fill('College of Policing');
  await page.locator('#completed_on').fill('3');
  await page.locator('#completed_on-month').fill('11');
  await page.locator('#completed_on-year').fill('2026');
  await page.getByRole('button', { name: 'Record the course' }).click();
  await page.locator('#training', { hasText: 'Specialist modern slavery investigation' }).waitFor();
  assert.match(await page.locator('#training').textContent(), /3 November 20263 November 2029 Valid/);
  await assertAccessible(page, assert, 'staff member');

  await page.goto(`${server.base}/training-compliance`);
  await page.locator('#compliance-body').waitFor();
  assert.match(await page.locator('#items').textContent(), /DC Rhys Jones.*Expiring soon/);
  await page.locator('#file').setInputFiles({
    name: 'training.csv', mimeType: 'text/csv',
    buffer: Buffer.from('username,course,provider,completed_on\ndc.okafor,victim_liaison,Victim Support,2026-10-01\nnobody,victim_liaison,Victim Support,2026-10-01\n'),
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('1 record imported, 1 rejected.').waitFor();
  assert.match(await page.locator('#import-rejected').textContent(), /Line 3 \(nobody\): username is not an account of your force/);
  await assertAccessible(page, assert, 'training compliance');
  await page.close();
});

test('the Commissioner\'s office reads the allocation and training figures as charts and tables', async () => {
  const page = await signedIn('opcc.hughes');
  const problems = []; // on the reports page: a chart refused by the CSP would show here
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { name: 'Allocation and training' }).waitFor();
  await page.locator('#reports-body').waitFor();
  assert.equal(await page.evaluate(() => typeof window.Chart), 'function');
  assert.match(await page.locator('#overrides-table').textContent(), /not accredited at PIP level 2 or above\s*1/);
  // This month's row counts the demo's allocations and the two made above.
  assert.match(await page.locator('#accredited-table').textContent(), new RegExp(new Date().toISOString().slice(0, 7)));
  assert.match(await page.locator('#wait-table').textContent(), /hours|days/);
  assert.match(await page.locator('#training-table').textContent(), /Exploitation and Missing Team/);
  assert.doesNotMatch(await page.locator('main').textContent(), /Okafor|Jones|speaks to the victim/);
  const csv = await page.evaluate(async () => (await fetch('/api/v1/reports/allocation?format=csv&figure=time_to_allocation')).text());
  assert.match(csv, /^month,cases,median_hours,p90_hours\r\n/);
  await assertAccessible(page, assert, 'reports');
  assert.deepEqual(problems, []);
  await page.close();
});
