// The statutory routes in real Chromium: an adult referred with consent,
// an adult who declines notified under the Duty to Notify, a child referred
// without consent, a decision recorded, and the worklist on the home page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, caseWith, errorList, fillDate, longDate, referToService, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

test('an adult is referred with informed consent, then a decision starts the recovery period', async () => {
  const { c, p } = await caseWith('Car wash, Devizes', { given_names: 'Dritan', family_name: 'Leka', estimated_age: 34 });
  const page = await signedIn();
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByRole('link', { name: 'Refer to the NRM or notify (Dritan Leka)' }).click();
  await page.getByRole('heading', { name: 'Refer to the National Referral Mechanism' }).waitFor();
  await assertAccessible(page, assert, 'referral');
  await page.getByRole('button', { name: 'Make the referral' }).click();
  assert.deepEqual(await errorList(page), ['Enter the date of the referral', 'Say whether they have given informed consent']);
  await fillDate(page, '20', '11', '2026');
  await page.locator('#consent_given').check();
  await page.getByRole('button', { name: 'Make the referral' }).click();
  assert.deepEqual(await errorList(page), ['Say how consent was given', 'Enter the language used']);
  await page.getByLabel('How was consent given?').fill('Signed form, read aloud');
  // The language by name, from the keyboard: typing offers it.
  await page.getByLabel('Language used').pressSequentially('alba');
  await page.getByRole('option', { name: 'Albanian' }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.equal(await page.getByLabel('Language used').inputValue(), 'Albanian');
  await page.getByLabel('Interpreter (if any)').fill('Big Word 4471');
  await assertAccessible(page, assert, 'referral with consent');
  await page.getByRole('button', { name: 'Make the referral' }).click();
  // Check your answers, change one, and confirm.
  await page.getByRole('heading', { name: 'Check your answers before you send them' }).waitFor();
  const answers = await page.locator('#check-answers').textContent();
  assert.match(answers, /Dritan Leka.*20 November 2026.*Single Competent Authority.*Given.*Signed form, read aloud.*Albanian.*Big Word 4471/);
  await assertAccessible(page, assert, 'referral: check your answers');
  await page.getByRole('link', { name: 'Change interpreter' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'interpreter');
  await page.getByLabel('Interpreter (if any)').fill('Big Word 4472');
  await page.getByRole('button', { name: 'Make the referral' }).click();
  await page.getByText('Big Word 4472').waitFor();
  await page.getByRole('button', { name: 'Confirm and make the referral' }).click();
  await page.getByRole('heading', { name: 'Car wash, Devizes' }).waitFor();
  assert.match(await page.locator('#finished').textContent(), /Dritan Leka was referred to the NRM.*due by 27 November 2026/);
  await assertAccessible(page, assert, 'case after a referral');
  assert.match(await page.locator('#nrm').textContent(), /Dritan Leka: referred 20 November 2026, awaiting the Reasonable Grounds decision, due by 27 November 2026/);
  await page.getByRole('link', { name: 'Record a decision for Dritan Leka' }).click();
  await page.getByRole('heading', { name: 'Record the Competent Authority\'s decision' }).waitFor();
  // The page says whom and which case it is about, and leads back to the case.
  await page.locator('#decision-form').waitFor();
  assert.match(await page.locator('#who').textContent(), /^Dritan Leka: Reasonable Grounds, referred 20 November 2026$/);
  assert.equal(await page.getByRole('link', { name: /: Car wash, Devizes$/ }).getAttribute('href'), `/case?id=${c.id}`);
  await assertAccessible(page, assert, 'decision');
  await page.getByLabel('Positive').check();
  await fillDate(page, '19', '11', '2026');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.waitForFunction(() => document.querySelector('.govuk-error-summary__list').textContent.includes('before'));
  await fillDate(page, '25', '11', '2026');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.getByRole('heading', { name: 'Car wash, Devizes' }).waitFor();
  assert.match(await page.locator('#nrm').textContent(), /positive Reasonable Grounds decision; recovery period until at least 25 December 2026/);
  assert.ok(p.id);
  await page.close();
});

test('an adult who declines is notified without being identified', async () => {
  const { api, c } = await caseWith('Nail bar, Chippenham', { given_names: 'Hoa', family_name: 'Lê', estimated_age: 25 });
  const page = await signedIn();
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByRole('link', { name: 'Refer to the NRM or notify (Hoa Lê)' }).click();
  await page.getByRole('heading', { name: 'Refer to the National Referral Mechanism' }).waitFor();
  await fillDate(page, '23', '11', '2026');
  await page.locator('#consent_given-1').check();
  await page.getByRole('button', { name: 'Record the Duty to Notify' }).click();
  assert.deepEqual(await errorList(page), ['Say whether they agreed to be identified']);
  await page.locator('#identifying_consent-1').check();
  await assertAccessible(page, assert, 'duty to notify');
  await page.getByRole('button', { name: 'Record the Duty to Notify' }).click();
  assert.match(await page.locator('#check-answers').textContent(), /Not given: Duty to Notify instead.*Agreed to be identifiedNo/);
  await page.getByRole('button', { name: 'Confirm and record the Duty to Notify' }).click();
  await page.getByRole('heading', { name: 'Nail bar, Chippenham' }).waitFor();
  assert.match(await page.locator('#finished').textContent(), /Duty to Notify recorded for Hoa Lê.*print the MS1/);
  assert.match(await page.locator('#nrm').textContent(), /Hoa Lê: Duty to Notify submitted 23 November 2026/);
  const kase = (await api.call('GET', `/api/v1/cases/${c.id}`)).body;
  assert.equal(kase.duty_to_notify.length, 1);
  assert.equal(kase.nrm_referrals.length, 0);
  await page.close();
});

test('a child is referred without a consent question, and the worklist shows what is due', async () => {
  const { c } = await caseWith('Cannabis farm, Calne', { given_names: 'Tuấn', family_name: 'Vũ', estimated_age: 15 });
  const page = await signedIn();
  await page.goto(`${server.base}/refer?case=${c.id}&person=${(await (await apiSession(server.base, 'dc.jones')).call('GET', `/api/v1/cases/${c.id}`)).body.people[0].person.id}`);
  await page.getByText('Treated as a child').waitFor();
  assert.equal(await page.locator('#consent_given').count(), 0);
  await fillDate(page, '2', '11', '2026');
  await page.getByRole('button', { name: 'Make the referral' }).click();
  assert.match(await page.locator('#check-answers').textContent(), /Tuấn Vũ \(treated as a child\)/);
  await page.getByRole('button', { name: 'Confirm and make the referral' }).click();
  await page.getByRole('heading', { name: 'Cannabis farm, Calne' }).waitFor();
  assert.match(await page.locator('#nrm').textContent(), /Tuấn Vũ: referred 2 November 2026 \(as a child\)/);
  // The worklist leads with what is overdue, grouped by kind, and filters by kind.
  await page.goto(`${server.base}/`);
  await page.locator('#worklist').waitFor();
  assert.equal(await page.locator('#worklist-groups h3').first().textContent(), 'Overdue');
  await page.getByLabel('What').selectOption('reasonable_grounds_overdue');
  assert.match(await page.locator('#kind option:checked').textContent(), /^Reasonable Grounds decision past its target \([1-9]/);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/kind=reasonable_grounds_overdue/);
  const table = page.locator('#worklist-groups table', { has: page.locator('caption', { hasText: /^Reasonable Grounds decision past its target/ }) });
  const row = table.locator('tr', { hasText: 'Tuấn Vũ' });
  assert.match(await row.textContent(), /Overdue/);
  assert.equal(await row.locator('.govuk-tag', { hasText: 'Child' }).count(), 1, 'a child is tagged beside their name');
  assert.match(await row.textContent(), /Nobody/); /* no lead investigator yet */
  assert.match(await row.textContent(), /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/);
  assert.equal(await page.locator('#worklist-groups table').count(), 1);
  await assertAccessible(page, assert, 'home with worklist');
  // By state, and a page at a time: a second referral long past its target
  // gives the overdue items two pages.
  const more = await caseWith('Nail bar, Trowbridge', { given_names: 'Linh', family_name: 'Pham', estimated_age: 16 });
  await more.api.call('POST', '/api/v1/nrm-referrals', { case_id: more.c.id, person_id: more.p.id, referred_on: '2026-10-01' });
  await page.goto(`${server.base}/?limit=1`);
  await page.getByRole('link', { name: /^Overdue \(([2-9]|[1-9][0-9]+)\)/ }).click();
  await page.waitForURL(/state=overdue/);
  await page.locator('#worklist-groups h3').first().waitFor();
  assert.deepEqual([...new Set(await page.locator('#worklist-groups h3').allTextContents())], ['Overdue']);
  assert.match(await page.locator('#worklist-count').textContent(), /^Showing 1 to 1 of ([2-9]|[1-9][0-9]+) items/);
  await page.getByRole('link', { name: 'Next page' }).click();
  await page.waitForFunction(() => /^Showing 2 to 2 of/.test(document.getElementById('worklist-count').textContent));
  await page.getByRole('link', { name: 'Previous page' }).click();
  await page.waitForFunction(() => /^Showing 1 to 1 of/.test(document.getElementById('worklist-count').textContent));
  await page.close();
});

test('a refused decision is reconsidered at the First Responder\'s request, and the support provider asks too', async () => {
  const { api, c, p } = await caseWith('Hand car wash, Melksham', { given_names: 'Agron', family_name: 'Berisha', date_of_birth: '1991-04-04' });
  const ref = (await api.call('POST', '/api/v1/nrm-referrals', { case_id: c.id, person_id: p.id, referred_on: '2026-11-02', consent: { given: true, method: 'signed form', language: 'sq' } })).body;
  await api.call('POST', `/api/v1/nrm-referrals/${ref.id}/decisions`, { stage: 'reasonable_grounds', outcome: 'negative', decided_on: '2026-11-06' });
  const page = await signedIn();
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByRole('link', { name: 'View the referral for Agron Berisha' }).click();
  await page.getByRole('heading', { name: 'NRM referral' }).waitFor();
  await page.getByText('Ask for a decision to be reconsidered').click();
  await page.getByRole('button', { name: 'Send the request' }).click();
  assert.deepEqual(await errorList(page), ['Select the decision to reconsider', 'Enter the real date of the request', 'Say why it should be reconsidered']);
  await page.locator('#stage').check();
  await fillDate(page, '9', '11', '2026');
  await page.getByLabel('Why should it be reconsidered?').fill('The decision did not weigh his account of the debt.');
  await assertAccessible(page, assert, 'referral with the request form');
  await page.getByRole('button', { name: 'Send the request' }).click();
  await page.getByText('awaiting the outcome').waitFor();
  assert.match(await page.locator('#requests').textContent(), /Reasonable Grounds, asked 9 November 2026 by .*\(First Responder\)/);
  await page.locator('#outcome-0-1').check();
  await page.locator('#outcome_on-0').fill('16');
  await page.locator('#outcome_on-0-month').fill('11');
  await page.locator('#outcome_on-0-year').fill('2026');
  await page.getByRole('button', { name: 'Record the outcome' }).click();
  await page.getByText('revised on 16 November 2026').waitFor();
  assert.match(await page.locator('#details').textContent(), /Positive Reasonable Grounds decision/);
  assert.match(await page.locator('#details').textContent(), /16 December 2026/);
  await assertAccessible(page, assert, 'referral after a revised decision');

  // He was referred, with his consent, to a service of a partner that uses
  // Waymark (its caseworkers become his support provider); the case shows it.
  const link = (await api.call('GET', `/api/v1/cases/${c.id}`)).body.people[0].id;
  await referToService(api, c.id, link, p.id, 'Safe Homes emergency accommodation');
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByRole('heading', { name: 'Hand car wash, Melksham' }).waitFor();
  await page.locator('#case-body').waitFor();
  assert.match(await page.locator('#people-body').textContent(), /Safe Homes emergency accommodation Referred answer due by .*\./);
  await api.call('POST', `/api/v1/nrm-referrals/${ref.id}/decisions`, { stage: 'conclusive_grounds', outcome: 'negative', decided_on: '2026-11-20' });
  await page.close();

  // The partner's caseworker reads the referral and asks for the Conclusive Grounds decision to be reconsidered.
  const partner = await signedIn('partner.evans');
  await partner.goto(`${server.base}/nrm-referral?id=${ref.id}`);
  await partner.getByRole('heading', { name: 'NRM referral' }).waitFor();
  await partner.locator('#details').waitFor();
  await partner.getByText('Ask for a decision to be reconsidered').click();
  await partner.locator('#stage-1').check();
  await fillDate(partner, '23', '11', '2026');
  await partner.getByLabel('Why should it be reconsidered?').fill('A fuller account after trauma-informed support.');
  await partner.getByRole('button', { name: 'Send the request' }).click();
  await partner.getByText('(support provider)').waitFor();
  await assertAccessible(partner, assert, 'referral seen by the support provider');
  assert.equal(await partner.getByRole('link', { name: 'Back to the case' }).count(), 0);
  await partner.close();
});

test('a referral is withdrawn with its reason, and the prepared summary prints without the immigration status', async () => {
  const { api, c, p } = await caseWith('Farm, Corsham', { given_names: 'Marius', family_name: 'Popa', date_of_birth: '1985-06-01', gender: 'male', nationalities: ['RO'] });
  const person = (await api.call('GET', `/api/v1/people/${p.id}`)).body;
  await api.call('PATCH', `/api/v1/people/${p.id}`, { immigration_status: 'Visa expired SEALED-TEXT' }, { 'If-Match': `"${person.version}"` });
  const link = (await api.call('GET', `/api/v1/cases/${c.id}`)).body.people[0].id;
  await api.call('POST', `/api/v1/cases/${c.id}/people/${link}/indicators`, { code: 'debt_bondage', note: 'Owes £4,000 for transport' });
  const ref = (await api.call('POST', '/api/v1/nrm-referrals', { case_id: c.id, person_id: p.id, referred_on: '2026-11-16', consent: { given: true, method: 'verbal, witnessed', language: 'ro', interpreter: 'Big Word 118' } })).body;
  const page = await signedIn();
  await page.goto(`${server.base}/nrm-referral?id=${ref.id}`);
  await page.locator('#details').waitFor();
  assert.equal(await page.locator('#who').textContent(), 'Marius Popa');
  assert.equal(await page.getByRole('link', { name: /: Farm, Corsham$/ }).getAttribute('href'), `/case?id=${c.id}`);
  await page.getByRole('link', { name: 'Prepared referral summary to print' }).click();
  await page.getByRole('heading', { name: 'National Referral Mechanism: referral summary' }).waitFor();
  await page.locator('#summary-body').waitFor();
  const text = await page.locator('main').textContent();
  assert.match(text, /Marius/);
  assert.match(text, /Owes a debt that cannot be paid off: Owes £4,000 for transport/);
  assert.match(text, /verbal, witnessed; language Romanian; interpreter Big Word 118/);
  // Whom it is about, and the case, by name; gender and nationality from
  // the person record, by name.
  assert.equal(await page.locator('#reference').textContent(), 'Marius Popa');
  assert.equal(await page.getByRole('link', { name: /: Farm, Corsham$/ }).getAttribute('href'), `/case?id=${c.id}`);
  assert.match(text, /Gender\s*Male/);
  assert.match(text, /Nationality\s*Romania/);
  assert.match(text, /Date of referral\s*16 November 2026/);
  // Consent went through an interpreter, though the record does not say he
  // needs one: the summary never answers "No".
  assert.match(text, /Interpreter needed\s*Yes: consent was given through an interpreter \(Big Word 118, in Romanian\)/);
  assert.doesNotMatch(text, /Interpreter needed\s*No/);
  assert.doesNotMatch(text, /SEALED-TEXT/);
  await assertAccessible(page, assert, 'referral summary');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('button', { name: 'Print this summary' }).isVisible(), false);
  assert.equal(await page.locator('.govuk-service-navigation').isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('link', { name: 'Back to the referral' }).click();
  await page.getByText('Withdraw this referral').click();
  await page.getByRole('button', { name: 'Withdraw the referral' }).click();
  assert.deepEqual(await errorList(page), ['Enter the real date it was withdrawn', 'Say why it is withdrawn']);
  await page.locator('#withdrawn_on').fill('18');
  await page.locator('#withdrawn_on-month').fill('11');
  await page.locator('#withdrawn_on-year').fill('2026');
  await page.getByLabel('Why is it withdrawn?').fill('He withdrew his consent after speaking to his family.');
  await page.getByRole('button', { name: 'Withdraw the referral' }).click();
  await page.getByText('He withdrew his consent after speaking to his family.').waitFor();
  assert.match(await page.locator('#details').textContent(), /Withdrawn/);
  assert.equal(await page.locator('#withdraw').isVisible(), false);
  await page.close();
});

test('the MS1 of a Duty to Notify prints without the adult\'s name', async () => {
  const { api, c, p } = await caseWith('Restaurant, Trowbridge', { given_names: 'Thanh', family_name: 'Đặng', estimated_age: 29, gender: 'male', nationalities: ['VN'], interpreter_needed: true, interpreter_language: 'vi' });
  await api.call('POST', '/api/v1/duty-to-notify', { case_id: c.id, person_id: p.id, submitted_on: '2026-11-24' });
  const page = await signedIn();
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByRole('link', { name: 'MS1 to print for Thanh Đặng' }).click();
  await page.getByRole('heading', { name: 'Duty to Notify: MS1' }).waitFor();
  await page.locator('#ms1-body').waitFor();
  const text = await page.locator('main').textContent();
  assert.match(text, /did not agree to be identified/);
  assert.match(text, /Nationality\s*Vietnam/);
  assert.match(text, /Gender\s*Male/);
  assert.match(text, /Interpreter needed\s*Yes \(Vietnamese\)/);
  assert.match(text, /Date submitted\s*24 November 2026/);
  // The case by reference and title on screen, outside what is printed.
  assert.match(await page.locator('#reference').textContent(), /: Restaurant, Trowbridge$/);
  assert.doesNotMatch(text, /Thanh|Đặng/);
  await assertAccessible(page, assert, 'MS1');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#reference').isVisible(), false);
  assert.equal(await page.locator('#ms1').isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
  await page.close();
});

// A partner's caseworker signs in to what was shared with their
// organisation: the person referred to them for support, what they are
// asked to do, and the NRM referral they may open, by keyboard, at desktop
// and phone widths.
test('a partner\'s home shows what was shared with them and what they are asked to do', async () => {
  const { api, c, p } = await caseWith('Packing house, Swindon', { given_names: 'Ilir', family_name: 'Gashi', date_of_birth: '1993-02-02' });
  const ref = (await api.call('POST', '/api/v1/nrm-referrals', { case_id: c.id, person_id: p.id, referred_on: '2026-11-02', consent: { given: true, method: 'signed form', language: 'sq' } })).body;
  await api.call('POST', `/api/v1/nrm-referrals/${ref.id}/decisions`, { stage: 'reasonable_grounds', outcome: 'positive', decided_on: '2026-11-06' });
  const link = (await api.call('GET', `/api/v1/cases/${c.id}`)).body.people[0].id;
  const made = await referToService(api, c.id, link, p.id, 'Safe Homes emergency accommodation', 'Needs a safe house place this week', 'urgent');
  const referredOn = longDate((await api.call('GET', `/api/v1/service-referrals/${made.id}`)).body.referred_at);

  for (const width of [1280, 320]) {
    const page = await signedIn('partner.evans', { viewport: { width, height: 900 } });
    await page.getByRole('heading', { name: 'Shared with your organisation' }).waitFor();
    assert.equal(await page.locator('#worklist').isVisible(), false);
    const card = page.locator('.govuk-summary-card', { has: page.getByRole('heading', { name: 'Ilir Gashi' }) });
    const text = await card.textContent();
    assert.match(text, /Service\s*Safe Homes emergency accommodation/);
    assert.match(text, /Urgency\s*Urgent/);
    assert.match(text, /Status\s*Referred answer due by \d+ [A-Z][a-z]+ \d{4} at /);
    assert.match(text, new RegExp(`Referred\\s*${referredOn} by DC Rhys Jones, Demo Constabulary`));
    assert.match(text, /Needs a safe house place this week/);
    assert.match(text, new RegExp(`Police case reference\\s*${c.reference.replace('/', '\\/')}`));
    assert.match(text, /Positive Reasonable Grounds decision \(referred 2 November 2026\)/);
    assert.match(text, /recovery period runs until at least 6 December 2026/);
    assert.match(text, /you may ask for the decision to be reconsidered/);
    // Nothing else of the case: not its title.
    assert.doesNotMatch(await page.locator('main').textContent(), /Packing house, Swindon/);
    await assertAccessible(page, assert, `partner home at ${width}px`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no sideways scrolling at ${width}px`);
    // By keyboard alone: Tab to the referral and open it.
    let found = false;
    for (let i = 0; i < 80 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement.textContent === 'View the NRM referral for Ilir Gashi');
    }
    assert.ok(found, 'the referral is reached by Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'NRM referral' }).waitFor();
    await page.locator('#details').waitFor();
    assert.equal(await page.locator('#who').textContent(), 'Ilir Gashi');
    assert.equal(await page.locator('#about-case').textContent(), `Police case reference ${c.reference}`);
    assert.equal(await page.getByRole('link', { name: 'Back to the case' }).count(), 0);
    assert.doesNotMatch(await page.locator('main').textContent(), /Packing house, Swindon/);
    await assertAccessible(page, assert, `referral seen by the partner at ${width}px`);
    await page.close();
  }
});
