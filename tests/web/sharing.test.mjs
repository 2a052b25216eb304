// Sharing a victim's information with a partner in real Chromium: consent
// recorded, a share on consent made step by step with a preview, read by the
// partner, and ended at once when the victim withdraws consent; a child
// shared to safeguard them without asking consent; a share stopped and
// another extended from its page; and each refusal shown to the officer.
// At 1280 and 320 pixels, by keyboard where the pattern asks, each page
// checked by axe-core.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, caseWith, errorList, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

const PARTNER = 'Demo County Council Adult Safeguarding';
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// A day some months (and days) from today, as the server counts days (UTC).
function ahead(m, d = 0) {
  const t = new Date();
  const day = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + m, Math.min(t.getUTCDate(), 28) + d));
  return { iso: day.toISOString().slice(0, 10), d: String(day.getUTCDate()), m: String(day.getUTCMonth() + 1), y: String(day.getUTCFullYear()),
    words: `${day.getUTCDate()} ${months[day.getUTCMonth()]} ${day.getUTCFullYear()}` };
}

async function fillDay(page, when) {
  await page.getByRole('textbox', { name: 'Day' }).fill(when.d);
  await page.getByRole('textbox', { name: 'Month' }).fill(when.m);
  await page.getByRole('textbox', { name: 'Year' }).fill(when.y);
}

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const banner = (page) => page.locator('#finished').textContent();

// A potential victim in a new case, and their part (link) in it.
async function victim(title, person) {
  const made = await caseWith(title, person);
  const kase = (await made.api.call('GET', `/api/v1/cases/${made.c.id}`)).body;
  return { ...made, link: kase.people[0].id };
}

async function partnerId(api) {
  return (await api.call('GET', '/api/v1/organisations?kind=partner')).body.items.find((o) => o.name === PARTNER).id;
}

test('consent recorded, a share on it read by the partner, and ended at once when consent is withdrawn', async () => {
  const { c, p } = await victim('Hand car wash, Trowbridge', { given_names: 'Elena', family_name: 'Rusu', date_of_birth: '1995-04-02', languages: ['ro'] });
  const page = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.base}/person?id=${p.id}`);
  await page.getByRole('heading', { name: 'Consent and sharing' }).waitFor();
  assert.match(await page.locator('#consent').textContent(), /Consent to share\s*None recorded/);
  assert.match(await page.locator('#shares-none').textContent(), /Nothing about them has been shared/);
  await page.getByRole('link', { name: 'Record consent for Elena Rusu' }).click();

  // Consent: every question answered, purposes only once consent is given.
  await page.getByRole('heading', { name: 'Record consent to share with partners' }).waitFor();
  await page.getByLabel('Yes, they consent').waitFor();
  assert.equal(await page.locator('#who').textContent(), 'Elena Rusu');
  await assertAccessible(page, assert, 'consent');
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select whether they agree to their information being shared', 'Select how they answered',
    'Enter the language they answered in', 'Select the interpreter, or that there was none']);
  assert.equal(await page.getByLabel('Support', { exact: true }).isVisible(), false, 'the purposes wait until consent is given');
  await page.getByLabel('Yes, they consent').check();
  await page.getByLabel('Support', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.ok((await errorList(page)).includes('Select what they agree to it being shared for'));
  await page.getByLabel('Support', { exact: true }).check();
  await page.getByLabel('Housing').check();
  await page.getByLabel('In writing').check();
  await page.getByLabel('In which language?').pressSequentially('Roman');
  await page.getByRole('option', { name: 'Romanian' }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByLabel('An interpreter by telephone').check();
  await assertAccessible(page, assert, 'consent with purposes');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you record them' }).waitFor();
  assert.match(await page.locator('#check-answers').textContent(), /They consent.*Support and housing.*In writing.*Romanian.*An interpreter by telephone/);
  assert.equal(await page.locator('#check-answers .govuk-warning-text').count(), 0, 'consent given first ends nothing');
  await page.getByRole('button', { name: 'Record their consent' }).click();
  await page.getByRole('heading', { name: 'Elena Rusu', level: 1 }).waitFor();
  await page.locator('#sharing').waitFor();
  assert.match(await banner(page), /Consent recorded for Elena Rusu.*They agree to sharing for support and housing\./);
  assert.match(await page.locator('#consent').textContent(), /Given for support and housing.*In writing.*Romanian.*An interpreter by telephone.*DC Rhys Jones/);

  // The share, step by step from the case page.
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByRole('link', { name: 'Share with a partner (Elena Rusu)' }).click();
  await page.getByRole('heading', { name: 'Share with a partner' }).waitFor();
  assert.equal(await page.locator('#who').textContent(), `Elena Rusu, ${c.reference}`);
  assert.match(await page.locator('#consent-current').textContent(), /Given for support and housing/);
  assert.equal(await page.getByLabel('Safeguarding a child (Children Act 1989, section 47)').count(), 0, 'child safeguarding is for a child');
  await assertAccessible(page, assert, 'share: basis');
  await page.getByLabel('Their consent').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Who is it for, and what for?' }).waitFor();
  // On consent, only the purposes consented to.
  assert.deepEqual(await page.locator('#purpose-fields .govuk-radios__label').allTextContents(), ['Support', 'Housing']);
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select the partner organisation', 'Select what it is shared for']);
  await page.getByLabel(PARTNER).check();
  await page.getByLabel('Support', { exact: true }).check();
  await assertAccessible(page, assert, 'share: partner and purpose');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'What to share, and until when' }).waitFor();
  assert.match(await page.locator('#never-shared').textContent(), /never shared/);
  await page.getByLabel('Who they are').check();
  await page.getByLabel('Their NRM referrals').check();
  const until = ahead(3);
  await fillDay(page, until);
  await assertAccessible(page, assert, 'share: sections and expiry');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'What the partner will see' }).waitFor();
  assert.deepEqual(await page.locator('#preview h2').allTextContents(), ['Who they are', 'Their NRM referrals']);
  assert.match(await page.locator('#preview').textContent(), /Elena Rusu.*2 April 1995.*Romanian/);
  await assertAccessible(page, assert, 'share: preview');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you share' }).waitFor();
  assert.match(await page.locator('#check-answers').textContent(),
    new RegExp(`Their consent.*${PARTNER}.*Support.*Who they are and their NRM referrals.*The end of ${until.words}`));
  await assertAccessible(page, assert, 'share: check your answers');
  await page.getByRole('button', { name: `Share with ${PARTNER}` }).click();
  await page.getByRole('heading', { name: 'Hand car wash, Trowbridge' }).waitFor();
  assert.match(await banner(page), new RegExp(`Elena Rusu's information is shared with ${PARTNER}.*For support, until the end of ${until.words}: who they are and their NRM referrals, and nothing else`));
  await page.close();

  // The partner finds it on their home page and reads only its sections.
  const partner = await signedIn('partner.evans', { viewport: { width: 1280, height: 900 } });
  const row = partner.locator('#shares-body tr', { hasText: 'Elena Rusu' });
  await row.waitFor();
  assert.match(await row.textContent(), new RegExp(`${c.reference}.*Support.*The end of ${until.words}`));
  await assertAccessible(partner, assert, 'partner home with shares');
  await row.getByRole('link', { name: 'Elena Rusu' }).click();
  await partner.getByRole('heading', { name: 'Elena Rusu', level: 1 }).waitFor();
  assert.equal(await partner.locator('#who').textContent(), `Police case ${c.reference}`);
  assert.match(await partner.locator('#details').textContent(), new RegExp(`Support.*Their consent.*The end of ${until.words}`));
  assert.deepEqual(await partner.locator('#view h2').allTextContents(), ['Who they are', 'Their NRM referrals']);
  await assertAccessible(partner, assert, 'partner share');
  await partner.setViewportSize({ width: 320, height: 640 });
  assert.ok(await overflow(partner) <= 0, 'the partner\'s share fits 320 pixels');
  await assertAccessible(partner, assert, 'partner share');
  const shareAddress = partner.url();

  // The victim withdraws consent: the check warns that the share ends at once.
  const officer = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await officer.goto(`${server.base}/consent?person=${p.id}`);
  await officer.getByLabel('No, they refuse').check();
  await officer.getByLabel('Spoken').check();
  await officer.getByLabel('In which language?').pressSequentially('Romania');
  await officer.getByRole('option', { name: 'Romanian' }).click();
  await officer.getByLabel('No interpreter').check();
  await officer.getByRole('button', { name: 'Continue' }).click();
  await officer.getByRole('heading', { name: 'Check your answers before you record them' }).waitFor();
  assert.match(await officer.locator('#check-answers .govuk-warning-text').textContent(),
    new RegExp(`withdraws the consent they gave\\. The live share that rests on it ends at once: ${PARTNER} will no longer see their information`));
  await assertAccessible(officer, assert, 'consent withdrawn: check your answers');
  await officer.getByRole('button', { name: 'Record their refusal' }).click();
  await officer.locator('#sharing').waitFor();
  assert.match(await banner(officer), /Consent withdrawn for Elena Rusu.*1 share that rested on consent has ended\./);
  const card = officer.locator('#shares .govuk-summary-card');
  assert.equal(await card.count(), 1);
  assert.match(await card.locator('.govuk-summary-card__title').textContent(), new RegExp(`${PARTNER}\\s*Consent withdrawn`));
  assert.match(await card.textContent(), /Ended.*their consent was withdrawn.*Looked at by.*Cerys Evans: once, last on/);
  assert.match(await officer.locator('#consent').textContent(), /Refused: the consent given before was withdrawn on/);
  await assertAccessible(officer, assert, 'person with a share ended');
  await officer.setViewportSize({ width: 320, height: 640 });
  assert.ok(await overflow(officer) <= 0, 'the person page fits 320 pixels');
  await officer.close();

  // The partner no longer sees it, there or on their home page.
  await partner.goto(shareAddress);
  await partner.getByRole('heading', { name: 'Page not found' }).waitFor();
  await partner.goto(`${server.base}/`);
  await partner.locator('#shares-count').filter({ hasText: /./ }).waitFor();
  assert.equal(await partner.locator('#shares-body tr', { hasText: 'Elena Rusu' }).count(), 0);
  await partner.close();
});

test('a child is shared to safeguard them, with a reason and without asking consent; the preview holds only the sections chosen', async () => {
  const { api, c, p, link } = await victim('Cannabis farm, Melksham', { given_names: 'Mihai', family_name: 'Stan', estimated_age: 15 });
  await api.call('PUT', `/api/v1/cases/${c.id}/people/${link}/victim-context`, { relationship_to_trafficker: 'family_member', method_of_recruitment: 'through_an_online_advertisement', methods_of_control: ['debt_bondage'] });
  await api.call('PUT', `/api/v1/cases/${c.id}/people/${link}/care`, { spoc_name: 'PC Dawn Hale', spoc_kind: 'officer' });
  const page = await signedIn('so.patel', { viewport: { width: 320, height: 640 } });
  await page.goto(`${server.base}/share-with?case=${c.id}&link=${link}`);
  await page.getByRole('heading', { name: 'Share with a partner' }).waitFor();
  assert.match(await page.locator('#basis-hint').textContent(), /Their consent is not offered: none is recorded/);
  assert.equal(await page.getByLabel('Their consent').count(), 0, 'consent is not offered without it');
  // By keyboard: the first basis is the child's, and choosing it reveals its reason.
  await page.getByLabel('Safeguarding a child (Children Act 1989, section 47)').focus();
  await page.keyboard.press('Space');
  const reason = page.getByLabel('Why must it be shared to keep them safe?');
  await reason.waitFor();
  await assertAccessible(page, assert, 'share a child: basis');
  assert.ok(await overflow(page) <= 0, 'the basis fits 320 pixels');
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
  assert.deepEqual(await errorList(page), ['Say why you may share without their consent']);
  assert.equal(await page.locator('.govuk-error-summary a').getAttribute('href'), '#reason-child_safeguarding');
  await assertAccessible(page, assert, 'share a child: no reason');
  await reason.fill('Mihai is 15 and placed with foster carers; the council must know the risk from his uncle.');
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
  await page.getByRole('heading', { name: 'Who is it for, and what for?' }).waitFor();
  // Without consent, every purpose may be chosen.
  assert.deepEqual(await page.locator('#purpose-fields .govuk-radios__label').allTextContents(), ['Safeguarding', 'Support', 'Immigration advice', 'Housing']);
  await page.getByLabel(PARTNER).check();
  await page.getByLabel('Safeguarding', { exact: true }).check();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'What to share, and until when' }).waitFor();
  await page.getByLabel('What happened to them').check();
  await page.getByLabel('Their named contact at the force').check();
  const tooLate = ahead(13);
  await fillDay(page, tooLate);
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
  const [late] = await errorList(page);
  assert.match(late, /^The date the sharing ends must be no more than 12 months ahead: .* at the latest$/);
  await assertAccessible(page, assert, 'share a child: too late');
  const until = ahead(6);
  await fillDay(page, until);
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
  await page.getByRole('heading', { name: 'What the partner will see' }).waitFor();
  assert.deepEqual(await page.locator('#preview h2').allTextContents(), ['What happened to them', 'Their named contact at the force']);
  const preview = await page.locator('#preview').textContent();
  assert.match(preview, /Family member.*Through an online advertisement.*Debt bondage.*PC Dawn Hale.*A victim liaison officer/);
  assert.doesNotMatch(preview, /Mihai|Stan/, 'their name is not in what is shared');
  await assertAccessible(page, assert, 'share a child: preview');
  assert.ok(await overflow(page) <= 0, 'the preview fits 320 pixels');
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
  await page.getByRole('heading', { name: 'Check your answers before you share' }).waitFor();
  assert.match(await page.locator('#check-answers').textContent(), /Safeguarding a child.*foster carers.*Safeguarding.*What happened to them and their named contact at the force/);
  await assertAccessible(page, assert, 'share a child: check your answers');
  await page.getByRole('button', { name: `Share with ${PARTNER}` }).press('Enter');
  await page.getByRole('heading', { name: 'Cannabis farm, Melksham' }).waitFor();
  assert.match(await banner(page), /Mihai Stan's information is shared with/);
  await page.close();

  const made = (await api.call('GET', `/api/v1/people/${p.id}/disclosures`)).body;
  assert.equal(made.consent, null, 'no consent was asked');
  assert.deepEqual(made.items.map((s) => [s.basis, s.purpose, s.expires_on]), [['child_safeguarding', 'safeguarding', until.iso]]);
  assert.match(made.items[0].reason, /foster carers/);
  // Without their identity the partner is not told their name.
  const partner = await signedIn('partner.evans');
  const row = partner.locator('#shares-body tr', { hasText: c.reference });
  await row.getByRole('link', { name: 'A person, name not shared' }).click();
  await partner.getByRole('heading', { name: 'A person, name not shared' }).waitFor();
  assert.deepEqual(await partner.locator('#view h2').allTextContents(), ['What happened to them', 'Their named contact at the force']);
  await partner.close();
});

test('a share is extended from its page, from the worklist, and another stopped, each with its banner', async () => {
  const { api, c, p, link } = await victim('Nail bar, Chippenham', { given_names: 'Thi Lan', family_name: 'Pham', date_of_birth: '1999-09-09' });
  const org = await partnerId(api);
  await api.call('PUT', `/api/v1/people/${p.id}/consent`, { given: true, purposes: ['support', 'housing'], method: 'easy_read', language: 'vi', interpreter: 'in_person' });
  const soon = ahead(0, 5);
  const share = (purpose, expires) => api.call('POST', `/api/v1/cases/${c.id}/people/${link}/shares`, { organisation_id: org, sections: ['identity'], purpose, basis: 'consent', expires_on: expires.iso });
  const first = (await share('support', soon)).body;
  const second = (await share('housing', ahead(2))).body;
  const partner = await apiSession(server.base, 'partner.evans');
  assert.equal((await partner.call('GET', `/api/v1/shares/${first.id}`)).status, 200);

  // Ending within 14 days, it is on the worklist, which leads to it.
  const page = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.base}/?kind=share_ending`);
  await page.locator(`#worklist-groups a[href="/share?id=${first.id}"]`).click();
  await page.getByRole('heading', { name: `Shared with ${PARTNER} Live` }).waitFor();
  assert.equal(await page.locator('#who').textContent(), `Thi Lan Pham, ${c.reference}`);
  assert.match(await page.locator('#looks-body').textContent(), /Cerys Evans/);
  await assertAccessible(page, assert, 'share for the force');
  await page.getByRole('button', { name: 'Extend' }).click();
  await page.getByRole('heading', { name: `Extend sharing with ${PARTNER}` }).waitFor();
  assert.match(await page.locator('#extend-now').textContent(), new RegExp(`until the end of ${soon.words}`));
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Enter the date the sharing ends', 'Say why the sharing must go on']);
  await fillDay(page, soon);
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.match((await errorList(page))[0], new RegExp(`must be after ${soon.words}, when it ends now`));
  await assertAccessible(page, assert, 'extend with errors');
  const later = ahead(4);
  await fillDay(page, later);
  await page.getByLabel('Why must the sharing go on?').fill('She is still in the council\'s refuge while her housing is found.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you extend the share' }).waitFor();
  await assertAccessible(page, assert, 'extend: check your answers');
  await page.getByRole('button', { name: 'Extend the share' }).click();
  await page.getByRole('heading', { name: `Shared with ${PARTNER} Live` }).waitFor();
  assert.match(await banner(page), new RegExp(`Sharing with ${PARTNER} extended.*until the end of ${later.words}`));
  assert.match(await page.locator('#details').textContent(), new RegExp(`Until\\s*The end of ${later.words}`));

  // The other is stopped, by keyboard, after a step that asks to be sure.
  await page.goto(`${server.base}/share?id=${second.id}`);
  await page.getByRole('button', { name: 'Stop sharing now' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: `Stop sharing with ${PARTNER}?` }).waitFor();
  assert.match(await page.locator('#revoke-form .govuk-warning-text').textContent(), /will no longer see Thi Lan Pham's information, from now/);
  await assertAccessible(page, assert, 'stop sharing');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'note');
  await page.getByLabel('Why are you stopping it? (optional)').fill('Her housing is found; the council no longer needs it.');
  await page.getByRole('button', { name: 'Stop sharing now' }).press('Enter');
  await page.getByRole('heading', { name: `Shared with ${PARTNER} Revoked` }).waitFor();
  assert.match(await banner(page), new RegExp(`Sharing with ${PARTNER} stopped.*can no longer see Thi Lan Pham's information`));
  assert.match(await page.locator('#details').textContent(), /Ended.*stopped by DC Rhys Jones, who noted: Her housing is found/);
  assert.equal(await page.getByRole('button', { name: 'Stop sharing now' }).isVisible(), false, 'an ended share has no actions');
  await assertAccessible(page, assert, 'share stopped');
  await page.setViewportSize({ width: 320, height: 640 });
  assert.ok(await overflow(page) <= 0, 'the share page fits 320 pixels');
  await assertAccessible(page, assert, 'share stopped');
  await page.close();
  assert.equal((await partner.call('GET', `/api/v1/shares/${second.id}`)).status, 404);
  assert.equal((await partner.call('GET', `/api/v1/shares/${first.id}`)).status, 200);
});

test('consent withdrawn while a share on it is being made: the refusal is in the error summary, on the basis', async () => {
  const { api, c, p, link } = await victim('Warehouse, Swindon', { given_names: 'Andrei', family_name: 'Munteanu', estimated_age: 40 });
  await api.call('PUT', `/api/v1/people/${p.id}/consent`, { given: true, purposes: ['support'], method: 'verbal', language: 'ro', interpreter: 'video' });
  const page = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.base}/share-with?case=${c.id}&link=${link}`);
  await page.getByLabel('Their consent').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(PARTNER).check();
  await page.getByLabel('Support', { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Who they are').check();
  await fillDay(page, ahead(1));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'What the partner will see' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you share' }).waitFor();
  // Meanwhile he withdraws it.
  await api.call('PUT', `/api/v1/people/${p.id}/consent`, { given: false, method: 'verbal', language: 'ro', interpreter: 'video' });
  await page.getByRole('button', { name: `Share with ${PARTNER}` }).click();
  await page.locator('.govuk-error-summary').waitFor({ state: 'visible' });
  assert.deepEqual(await errorList(page), ['Lawful basis: needs the victim\'s consent to share for this purpose: record it first, or give another lawful basis']);
  assert.equal(await page.locator('.govuk-error-summary a').getAttribute('href'), '#basis');
  assert.equal(await page.getByRole('heading', { name: 'Share with a partner' }).isVisible(), true);
  // The page reads his consent again: refused, and no longer offered.
  assert.match(await page.locator('#consent-current').textContent(), /Consent to share\s*Refused/);
  assert.equal(await page.getByLabel('Their consent').count(), 0);
  assert.match(await page.title(), /^Error: /);
  await assertAccessible(page, assert, 'share refused on its basis');
  await page.close();
  assert.deepEqual((await api.call('GET', `/api/v1/people/${p.id}/disclosures`)).body.items, []);
});
