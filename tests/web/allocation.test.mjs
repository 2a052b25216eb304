// Allocation in real Chromium: the ranked candidates with their reasons in
// plain words, a choice checked on "Check your answers" and confirmed, the
// success banner on the case page, and a reallocation with an override made
// by keyboard at phone width.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, caseWith, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

async function assertFits(page, label) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} is ${overflow}px wider than the screen`);
}

test('a supervisor allocates the best placed investigator, checks the answers, then reallocates with an override', async () => {
  const { c } = await caseWith('Hand car wash, Yeovil', { given_names: 'Gjergj', family_name: 'Marku', estimated_age: 31, languages: ['sq'], interpreter_needed: true, interpreter_language: 'sq' });

  // What the case needs outweighs service: everyone of the case's team who
  // meets the requirements ranks above every CID officer who does.
  const khan = await apiSession(server.base, 'ds.khan');
  const ranked = (await khan.call('GET', `/api/v1/cases/${c.id}/allocation-candidates?limit=500`)).body.items;
  const ready = ranked.filter((x) => x.meets_requirements);
  const lastTeam = ready.map((x) => x.team).lastIndexOf('Exploitation and Missing Team');
  const firstCid = ready.findIndex((x) => x.team === 'CID');
  assert.ok(firstCid > lastTeam, 'the case\'s team ranks above CID');

  const page = await signedIn('ds.khan', { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByText('Not allocated').waitFor();
  // The panel on the case page: the five best placed, with why in words.
  await page.locator('#allocation-panel').waitFor();
  const first = page.locator('#allocation-candidates tbody tr').first();
  const firstText = await first.textContent();
  assert.match(firstText, /DC Rhys Jones/);
  assert.match(firstText, /Meets requirements/);
  assert.match(firstText, /Speaks Albanian, which a victim needs/);
  assert.match(firstText, /Has current specialist modern slavery investigation training/);
  assert.match(firstText, /Leads \d+ open cases? of the 8 they can hold/);
  assert.doesNotMatch(await page.locator('#allocation-candidates').textContent(), /\(\+\d|pip2|specialist_msht|Score/);
  assert.match(await page.locator('#allocation-needs').textContent(), /held by Exploitation and Missing Team.*interpreters for: Albanian/);
  await assertAccessible(page, assert, 'case page with the allocation panel');
  await page.getByRole('link', { name: 'Choose DC Rhys Jones' }).click();

  // Check your answers, with a way back to choose again.
  await page.getByRole('heading', { name: 'Check your answers before allocating the case' }).waitFor();
  const answers = await page.locator('#check-list').textContent();
  assert.match(answers, /Case.*Hand car wash, Yeovil/);
  assert.match(answers, /Lead investigatorDC Rhys Jones, Exploitation and Missing Team/);
  assert.match(answers, /Meets every requirement to lead/);
  await assertAccessible(page, assert, 'check your answers');
  await page.getByRole('link', { name: 'Change lead investigator' }).click();
  await page.getByRole('heading', { name: 'Allocate a lead investigator' }).waitFor();
  const clarke = await page.locator('#candidates tr', { hasText: 'DC Tom Clarke' }).textContent();
  assert.match(clarke, /Member of CID, not of Exploitation and Missing Team, which holds this case/);
  assert.match(clarke, /Does not speak Albanian, which a victim needs/);
  await page.getByRole('link', { name: 'Choose DC Rhys Jones' }).click();
  await page.getByRole('button', { name: 'Confirm and allocate' }).click();

  // The case page says who leads it now and what happens next.
  await page.getByRole('heading', { name: 'Hand car wash, Yeovil' }).waitFor();
  const banner = page.locator('.govuk-notification-banner--success');
  await banner.waitFor();
  assert.match(await banner.textContent(), /DC Rhys Jones now leads/);
  assert.match(await banner.textContent(), /worklist/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'finished');
  await page.locator('#lead', { hasText: 'DC Rhys Jones' }).waitFor();
  await assertAccessible(page, assert, 'case page after allocating');
  await page.reload();
  await page.locator('#lead', { hasText: 'DC Rhys Jones' }).waitFor();
  assert.equal(await banner.count(), 0, 'the banner shows once');

  // Reallocation with an override, by keyboard, at phone width.
  await page.setViewportSize({ width: 320, height: 640 });
  await page.getByRole('link', { name: 'Reallocate' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('#choose-step').waitFor();
  assert.match(await page.locator('#current').textContent(), /Led now by DC Rhys Jones/);
  assert.match(await page.locator('#candidates tr', { hasText: 'DC Rhys Jones' }).textContent(), /Leads this case now/);
  await assertFits(page, 'the candidates at 320px');
  await assertAccessible(page, assert, 'allocation candidates at 320px');
  const okafor = page.locator('#candidates tr', { hasText: 'DC Ngozi Okafor' });
  assert.match(await okafor.textContent(), /Needs an override/);
  assert.match(await okafor.textContent(), /Accredited at PIP level 1 only; leading needs level 2 or above/);
  await okafor.getByRole('link', { name: 'Choose DC Ngozi Okafor' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('Why allocate DC Ngozi Okafor anyway?').waitFor();
  assert.match(await page.locator('#reason-fails').textContent(), /Not accredited at PIP level 2 or above/);
  await assertFits(page, 'the reason step at 320px');
  await assertAccessible(page, assert, 'override reason');
  await page.getByRole('button', { name: 'Continue' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.govuk-error-summary').getByText('Say why you are allocating DC Ngozi Okafor anyway').waitFor();
  await page.getByLabel('Why allocate DC Ngozi Okafor anyway?').focus();
  await page.keyboard.type('She speaks to the victim\'s family already');
  await page.keyboard.press('Tab'); // to Continue
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Check your answers before allocating the case' }).waitFor();
  let check = await page.locator('#check-list').textContent();
  assert.match(check, /Led now byDC Rhys Jones/);
  assert.match(check, /Overridden:.*Not accredited at PIP level 2 or above/);
  assert.match(check, /Reason for the override.*She speaks to the victim's family already/);
  await assertFits(page, 'check your answers at 320px');
  await assertAccessible(page, assert, 'check your answers with an override at 320px');
  // Change the reason: it comes back filled in.
  await page.getByRole('link', { name: 'Change reason for the override' }).focus();
  await page.keyboard.press('Enter');
  const box = page.getByLabel('Why allocate DC Ngozi Okafor anyway?');
  await box.waitFor();
  assert.equal(await box.inputValue(), 'She speaks to the victim\'s family already');
  await box.focus();
  await page.keyboard.press('End');
  await page.keyboard.type('; DS Khan supervises closely');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Check your answers before allocating the case' }).waitFor();
  check = await page.locator('#check-list').textContent();
  assert.match(check, /DS Khan supervises closely/);
  await page.getByRole('button', { name: 'Confirm and allocate' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Hand car wash, Yeovil' }).waitFor();
  await banner.waitFor();
  assert.match(await banner.textContent(), /DC Ngozi Okafor now leads.*The override and your reason are recorded/);
  await assertFits(page, 'the case page with the banner at 320px');
  const lead = await page.locator('#lead').textContent();
  assert.match(lead, /Allocated with an override/);
  assert.match(lead, /Before: DC Rhys Jones/);
  const kase = (await khan.call('GET', `/api/v1/cases/${c.id}`)).body;
  assert.equal(kase.allocation_history.length, 2);
  assert.deepEqual(kase.lead.overridden, ['pip2_accredited', 'specialist_msht_training']);
  assert.match(kase.lead.override_reason, /speaks to the victim's family already; DS Khan supervises closely/);
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
  // One override: fewer than the disclosure threshold, so not shown, never 1.
  assert.match(await page.locator('#overrides-table').textContent(), /not accredited at PIP level 2 or above\s*Not shown/);
  assert.match(await page.locator('#overrides-trend').textContent(), /are not shown\.$/);
  await page.getByText('Why some figures say ‘Not shown’').click();
  assert.match(await page.locator('.govuk-details__text').textContent(), /fewer than 10 \(but more than none\)/);
  // This month's row counts the demo's allocations and the two made above.
  assert.match(await page.locator('#accredited-table').textContent(), new RegExp(new Date().toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })));
  assert.match(await page.locator('#wait-table').textContent(), /hours|days/);
  assert.match(await page.locator('#training-table').textContent(), /Exploitation and Missing Team/);
  assert.doesNotMatch(await page.locator('main').textContent(), /Okafor|Jones|speaks to the victim/);
  const csv = await page.evaluate(async () => (await fetch('/api/v1/reports/allocation?format=csv&figure=time_to_allocation')).text());
  assert.match(csv, /^month,cases,median_hours,p90_hours\r\n/);
  await assertAccessible(page, assert, 'reports');
  assert.deepEqual(problems, []);
  await page.close();
});
