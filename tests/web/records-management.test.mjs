// Records management in real Chromium: a records manager's worklist, a
// case's retention with a review recorded (retain, or dispose refused under
// a hold and done without one), legal holds placed and lifted, subject
// requests opened with their due date and handled (extension, correction,
// restriction, erasure refused, closing), the access bundle reviewed and
// released, the retention rules read by all and changed by an
// administrator, and the person page's restriction banner; axe-clean at
// 1280 and 320 pixels, by keyboard, with refusals in the error summary.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { apiSession, assertAccessible, caseWith, errorList, longDate, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

const RM = 'records.mills';

// A day as YYYY-MM-DD, n days from today in the UK.
function dayFrom(n) {
  const d = new Date(`${new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' })}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// Fills a date field found by its legend.
async function fillDateIn(page, legend, iso) {
  const [y, m, d] = iso.split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(d)));
  await group.getByLabel('Month').fill(String(Number(m)));
  await group.getByLabel('Year').fill(y);
}

// A case opened by an officer with one victim, then closed, so that
// nothing but a hold keeps it from disposal.
async function closedCase(title, person) {
  const made = await caseWith(title, person);
  const c = (await made.api.call('GET', `/api/v1/cases/${made.c.id}`)).body;
  const closed = await made.api.call('PATCH', `/api/v1/cases/${c.id}`, { status: 'closed', outcome: 'No further action: victim safe and supported' }, { 'If-Match': `"${c.version}"` });
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  return made;
}

const bannerHeading = (page) => page.locator('#finished h3').textContent();
const bannerText = (page) => page.locator('#finished p').textContent();

test('the navigation offers Records to a records manager only, and their home is the worklist', async () => {
  const { c } = await caseWith('Car wash in Wakefield', { given_names: 'Oana', family_name: 'Marin' });
  const rm = await apiSession(server.base, RM);
  const soon = dayFrom(10);
  const made = await rm.call('POST', `/api/v1/cases/${c.id}/reviews`, { decision: 'retain', reason: 'Suspect still sought', next_review_on: soon });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const page = await signedIn(RM);
  assert.equal(await page.getByRole('link', { name: 'Records', exact: true }).count(), 1);
  await page.getByRole('heading', { name: 'Your worklist' }).waitFor();
  await page.getByRole('link', { name: /^Reviews due in 30 days/ }).click();
  const row = page.locator('#records-reviews-body tr', { hasText: c.reference });
  await row.waitFor();
  assert.match(await row.textContent(), new RegExp(longDate(soon)));
  assert.equal(await page.getByRole('link', { name: /^Reviews due in 30 days/ }).getAttribute('aria-current'), 'page');
  await assertAccessible(page, assert, 'records worklist due');
  // The demo's records manager has a review overdue, and requests open,
  // one of them past its date.
  await page.getByRole('link', { name: /^Reviews overdue/ }).click();
  await page.locator('#records-reviews').waitFor();
  const overdue = page.locator('#records-reviews-body tr', { hasText: 'Overdue' });
  assert.ok(await overdue.count() > 0, 'a review is overdue');
  await assertAccessible(page, assert, 'records worklist overdue');
  await page.getByRole('link', { name: /^Subject requests/ }).click();
  await page.locator('#records-requests').waitFor();
  assert.ok(await page.locator('#records-requests-body tr', { hasText: 'Overdue' }).count() > 0, 'a request is overdue');
  await assertAccessible(page, assert, 'records worklist requests');
  // Its overdue review leads to the case's retention page.
  await page.getByRole('link', { name: /^Reviews overdue/ }).click();
  await overdue.first().getByRole('link').click();
  await page.getByRole('heading', { name: 'Retention and review' }).waitFor();
  await page.locator('#case-summary .govuk-tag', { hasText: 'Overdue' }).waitFor();
  await page.getByRole('link', { name: 'Records', exact: true }).click();
  await page.getByRole('heading', { name: 'Records', exact: true }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Records', exact: true }).getAttribute('aria-current'), 'page');
  await page.close();
  // An investigator has no Records item, and a case's retention is not theirs to see.
  const officer = await signedIn('dc.jones');
  assert.equal(await officer.getByRole('link', { name: 'Records', exact: true }).count(), 0);
  await officer.goto(`${server.base}/retention?case=${c.id}`);
  await officer.getByRole('heading', { name: /You cannot|Page not found/ }).waitFor();
  await officer.goto(`${server.base}/new-subject-request`);
  await officer.getByRole('heading', { name: /You cannot/ }).waitFor();
  await officer.close();
});

test('a review retains an open case through Check your answers; disposing of it is refused in the error summary while it is open', async () => {
  const { c } = await caseWith('Nail bar in Bradford', { given_names: 'Lien', family_name: 'Tran' });
  const page = await signedIn(RM);
  await page.goto(`${server.base}/retention?case=${c.id}`);
  await page.getByRole('heading', { name: 'Retention and review' }).waitFor();
  assert.equal(await page.locator('#reference').textContent(), c.reference);
  // An open case holds itself.
  await page.locator('#held').waitFor();
  assert.match(await page.locator('#holds-body').textContent(), /The case is open/);
  assert.match(await page.locator('#people-body').textContent(), /Lien Tran/);
  await assertAccessible(page, assert, 'case retention');
  await page.getByRole('button', { name: 'Record a review' }).click();
  await page.getByRole('heading', { name: 'Record a review' }).waitFor();
  // Nothing chosen: each answer missing is named.
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select whether to retain or dispose of the case', 'Enter the reason for the decision']);
  await page.getByRole('radio', { name: 'Retain the case' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Enter the real date of the next review', 'Enter the reason for the decision']);
  const next = dayFrom(400);
  await fillDateIn(page, 'Date of the next review', next);
  await page.getByLabel('Reason for the decision').fill('The investigation continues: a suspect is still sought.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you record the review' }).waitFor();
  const answers = (await page.locator('#check-answers .govuk-summary-list__row').allInnerTexts()).join('\n');
  assert.match(answers, /Decision\s+Retain the case/);
  assert.match(answers, new RegExp(`Next review\\s+${longDate(next)}`));
  await assertAccessible(page, assert, 'record a review check answers');
  await page.getByRole('button', { name: 'Record the review' }).click();
  await page.locator('#finished').waitFor();
  assert.equal(await bannerHeading(page), 'Review recorded');
  assert.equal(await bannerText(page), `${c.reference} is kept. Its next review is due by ${longDate(next)}.`);
  assert.equal(new URL(page.url()).pathname, '/retention');
  await page.locator('#reviews .moj-timeline__item', { hasText: 'a suspect is still sought' }).waitFor();
  assert.match(await page.locator('#case-summary').textContent(), new RegExp(longDate(next)));
  // Disposing of it while it is open: refused, the hold named.
  await page.getByRole('button', { name: 'Record a review' }).click();
  await page.getByRole('radio', { name: 'Dispose of the case' }).check();
  await page.getByLabel('Reason for the decision').fill('No longer needed for a policing purpose.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you dispose of the case' }).waitFor();
  assert.match(await page.locator('#check-answers .govuk-warning-text').textContent(), /cannot be undone/);
  await page.getByRole('button', { name: 'Dispose of the case' }).click();
  await page.locator('#error-summary').waitFor();
  const [refused] = await errorList(page);
  assert.match(refused, /open/i);
  assert.equal(await page.locator('#error-list a').getAttribute('href'), '#decision');
  assert.ok(await page.locator('#review-form').isVisible(), 'the form shows again');
  await assertAccessible(page, assert, 'record a review refused');
  await page.close();
});

test('a legal hold is placed and lifted through Check your answers; a closed case without one is disposed of and its stub listed', async () => {
  const { c, p } = await closedCase('Farm work near Selby', { given_names: 'Bogdan', family_name: 'Stanciu' });
  const page = await signedIn(RM);
  await page.goto(`${server.base}/retention?case=${c.id}`);
  await page.getByText('Nothing holds this case').waitFor();
  await page.getByRole('button', { name: 'Place a legal hold' }).click();
  await page.getByRole('heading', { name: 'Place a legal hold' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select why the case is held', 'Enter the reason for the hold', 'Enter who owns the hold']);
  await page.getByRole('radio', { name: 'Litigation' }).check();
  await page.getByLabel('Reason', { exact: true }).fill('Civil claim against the force, Leeds County Court K00LS123');
  await page.getByLabel('Owner').fill('Sarah Khan, Legal Services');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you place the hold' }).waitFor();
  await assertAccessible(page, assert, 'place a hold check answers');
  await page.getByRole('button', { name: 'Place the hold' }).click();
  await page.locator('#finished').waitFor();
  assert.equal(await bannerHeading(page), 'Legal hold placed');
  const hold = page.locator('#holds-body tr', { hasText: 'K00LS123' });
  await hold.waitFor();
  assert.match(await hold.textContent(), /Sarah Khan, Legal Services/);
  // Under the hold, disposal is refused and the hold named.
  await page.getByRole('button', { name: 'Record a review' }).click();
  await page.getByRole('radio', { name: 'Dispose of the case' }).check();
  await page.getByLabel('Reason for the decision').fill('Closed six years ago; no policing purpose remains.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Dispose of the case' }).click();
  await page.locator('#error-summary').waitFor();
  assert.match((await errorList(page))[0], /K00LS123|[Ll]itigation/);
  // Lifted with a reason, it is kept as history.
  await page.goto(`${server.base}/retention?case=${c.id}`);
  await hold.getByRole('link', { name: /^Lift/ }).click();
  await page.getByRole('heading', { name: 'Lift a legal hold' }).waitFor();
  assert.match(await page.locator('#hold-summary').textContent(), /OwnerSarah Khan, Legal Services/);
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Enter why the hold is lifted']);
  await assertAccessible(page, assert, 'lift a hold refused');
  await page.getByLabel('Why is the hold lifted?').fill('The claim was settled on 1 December.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you lift the hold' }).waitFor();
  await page.getByRole('button', { name: 'Lift the hold' }).click();
  await page.locator('#finished').waitFor();
  assert.equal(await bannerHeading(page), 'Legal hold lifted');
  await page.getByText('Nothing holds this case').waitFor();
  assert.match(await page.locator('#lifted-list').textContent(), /settled/);
  // Now disposed of: the stub is listed, and the person's record is gone.
  await page.getByRole('button', { name: 'Record a review' }).click();
  await page.getByRole('radio', { name: 'Dispose of the case' }).check();
  await page.getByLabel('Reason for the decision').fill('Closed; the claim is settled and no policing purpose remains.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Dispose of the case' }).click();
  await page.locator('#finished').waitFor();
  assert.equal(await bannerHeading(page), `${c.reference} disposed of`);
  const stub = page.locator('#records-disposed-body tr', { hasText: c.reference });
  await stub.waitFor();
  assert.match(await stub.textContent(), /the claim is settled/);
  await assertAccessible(page, assert, 'records disposed of');
  await page.close();
  const officer = await apiSession(server.base, 'dc.jones');
  // What is kept of her names no one.
  const kept = await officer.call('GET', `/api/v1/people/${p.id}`);
  assert.doesNotMatch(JSON.stringify(kept.body), /Stanciu|Bogdan/);
});

test('a subject request is opened from a case with its due date on Check your answers and in the banner, then extended and closed', async () => {
  const { c } = await caseWith('Warehouse in Doncaster', { given_names: 'Ilona', family_name: 'Kowalska' });
  const page = await signedIn(RM);
  // A person id that names nobody of the force: the server's refusal is in the error summary.
  await page.goto(`${server.base}/new-subject-request`);
  await page.getByLabel('Person\'s Waymark ID').fill('00000000-0000-4000-8000-000000000000');
  await page.getByRole('radio', { name: 'Erasure' }).check();
  await page.getByRole('radio', { name: 'UK GDPR' }).check();
  // Under the UK GDPR a request of Wednesday 25 November 2026 is due on
  // Christmas Day; Saturday and Sunday follow, then the Boxing Day
  // substitute: Tuesday 29 December.
  await fillDateIn(page, 'Date the request was received', '2026-11-25');
  await fillDateIn(page, 'Date their identity was checked', '2026-11-25');
  await page.getByRole('radio', { name: 'Email' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.match((await page.locator('#check-answers .govuk-summary-list__row').allInnerTexts()).join('\n'), /Due by\s+29 December 2026/);
  await page.getByRole('button', { name: 'Open the request' }).click();
  await page.locator('#error-summary').waitFor();
  assert.deepEqual(await errorList(page), ['Person\'s Waymark ID: there is no such person']);
  assert.equal(await page.locator('#error-list a').getAttribute('href'), '#person_id');
  await assertAccessible(page, assert, 'open a subject request refused');
  await page.goto(`${server.base}/retention?case=${c.id}`);
  await page.getByRole('link', { name: 'Open a subject request for Ilona Kowalska' }).click();
  await page.getByRole('heading', { name: 'Open a subject request' }).waitFor();
  assert.equal(await page.locator('#who').textContent(), `Ilona Kowalska, ${c.reference}`);
  await assertAccessible(page, assert, 'open a subject request');
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select what they ask for', 'Select which law applies', 'Enter the real date the request was received',
    'Enter the real date their identity was checked', 'Select how the request came']);
  await page.getByRole('radio', { name: 'Access' }).check();
  await page.getByRole('radio', { name: /^Law enforcement/ }).check();
  // Identity checked before the request came: refused here, as the server would.
  await fillDateIn(page, 'Date the request was received', '2026-11-05');
  await fillDateIn(page, 'Date their identity was checked', '2026-11-02');
  await page.getByRole('radio', { name: 'Letter' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['The date their identity was checked must be on or after the date the request was received']);
  // Received Monday 2 November 2026, identity checked Thursday 5th: under
  // Part 3 the month runs from the 6th, to Sunday 6 December, so Monday 7th.
  await fillDateIn(page, 'Date the request was received', '2026-11-02');
  await fillDateIn(page, 'Date their identity was checked', '2026-11-05');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you open the request' }).waitFor();
  const answers = (await page.locator('#check-answers .govuk-summary-list__row').allInnerTexts()).join('\n');
  assert.match(answers, /Person\s+Ilona Kowalska/);
  assert.match(answers, /Date the request was received\s+2 November 2026/);
  assert.match(answers, /Due by\s+7 December 2026/);
  await assertAccessible(page, assert, 'open a subject request check answers');
  await page.getByRole('button', { name: 'Open the request' }).click();
  await page.locator('#finished').waitFor();
  assert.equal(await bannerHeading(page), 'Subject request opened');
  assert.equal(await bannerText(page), 'It is due by 7 December 2026.');
  assert.equal(new URL(page.url()).pathname, '/subject-request');
  assert.match(await page.locator('#request-summary').textContent(), /Due by7 December 2026/);
  await assertAccessible(page, assert, 'subject request');
  // It is on the worklist, by its due date.
  await page.goto(`${server.base}/?list=requests`);
  await page.locator('#records-requests-body tr', { hasText: 'Ilona Kowalska' }).waitFor();
  // Another request of hers, received yesterday, is extended: a reason is needed.
  const rm = await apiSession(server.base, RM);
  const request = (await rm.call('GET', '/api/v1/subject-requests?status=open')).body.items.find((x) => x.person.name === 'Ilona Kowalska');
  const second = await rm.call('POST', '/api/v1/subject-requests', { person_id: request.person.id, kind: 'access', regime: 'uk_gdpr', received_on: dayFrom(-1), identity_verified_on: dayFrom(-1), channel: 'email' });
  assert.equal(second.status, 201, JSON.stringify(second.body));
  const later = new Date(`${second.body.due}T00:00:00Z`);
  later.setUTCDate(later.getUTCDate() + 20);
  const extendTo = later.toISOString().slice(0, 10);
  await page.goto(`${server.base}/subject-request?id=${second.body.id}`);
  await page.getByRole('button', { name: 'Extend the deadline' }).click();
  await page.getByRole('heading', { name: 'Extend the deadline' }).waitFor();
  await fillDateIn(page, 'New date it is due by', extendTo);
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Enter why the request needs longer']);
  await page.getByLabel('Why does it need longer?').fill('Records held in three systems, two of them archived.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /Check your answers/ }).waitFor();
  await assertAccessible(page, assert, 'extend a subject request check answers');
  await page.getByRole('button', { name: 'Extend the deadline' }).click();
  await page.locator('#finished').waitFor();
  assert.equal(await bannerHeading(page), 'Deadline extended');
  assert.equal(await bannerText(page), `The request is now due by ${longDate(extendTo)}.`);
  assert.match(await page.locator('#request-summary').textContent(), new RegExp(`Due by${longDate(extendTo)}`));
  assert.match(await page.locator('#decisions').textContent(), /Records held in three systems/);
  // Once extended, it may not be extended again.
  assert.equal(await page.getByRole('button', { name: 'Extend the deadline' }).count(), 0);
  // Closed with its outcome.
  await page.getByRole('button', { name: 'Close the request' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select the outcome', 'Enter what was done']);
  await page.getByRole('radio', { name: 'Withdrawn' }).check();
  await page.getByLabel('What was done').fill('She withdrew the request by telephone.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /Check your answers/ }).waitFor();
  await page.getByRole('button', { name: 'Close the request' }).click();
  await page.locator('#finished').waitFor();
  assert.equal(await bannerHeading(page), 'Request closed');
  assert.match(await page.locator('#request-summary').textContent(), /Closed/);
  // Closed, it leaves the open requests and is listed with those closed.
  await page.goto(`${server.base}/records?list=requests`);
  await page.locator('#records-requests').waitFor();
  await page.getByRole('link', { name: 'Show the closed requests' }).click();
  await page.locator('#records-requests-body tr', { hasText: 'Ilona Kowalska' }).first().waitFor();
  assert.match(await page.locator('#records-requests-caption').textContent(), /^Closed subject requests$/);
  await assertAccessible(page, assert, 'records closed requests');
  await page.close();
});

test('a restriction and a correction show on the person page; an erasure is refused with its reasons while the case is kept', async () => {
  const { api, c, p } = await caseWith('Car wash in Hull', { given_names: 'Nadia', family_name: 'Petrova' });
  const rm = await apiSession(server.base, RM);
  const open = async (kind) => {
    const r = await rm.call('POST', '/api/v1/subject-requests', { person_id: p.id, kind, regime: 'part3', received_on: dayFrom(-3), identity_verified_on: dayFrom(-2), channel: 'email' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id;
  };
  const page = await signedIn(RM);
  // Restriction.
  await page.goto(`${server.base}/subject-request?id=${await open('restriction')}`);
  await page.getByRole('button', { name: 'Restrict the record' }).click();
  await page.getByLabel('Why is it restricted?').fill('She contests the accuracy of her recorded nationality while it is checked.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /Check your answers/ }).waitFor();
  await page.getByRole('button', { name: 'Restrict the record' }).click();
  await page.locator('#finished').waitFor();
  assert.equal(await bannerHeading(page), 'Record restricted');
  // Rectification.
  await page.goto(`${server.base}/subject-request?id=${await open('rectification')}`);
  await page.getByRole('button', { name: 'Record a correction' }).click();
  await page.getByRole('radio', { name: 'Family name' }).check();
  await page.getByLabel('The corrected information').fill('Petrova-Ivanova');
  await page.getByLabel('Why it is corrected').fill('Her passport shows her married name.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Record the correction' }).click();
  await page.locator('#finished').waitFor();
  assert.equal(await bannerHeading(page), 'Correction recorded');
  // Erasure, while she is in a case still kept: refused with reasons.
  await page.goto(`${server.base}/subject-request?id=${await open('erasure')}`);
  await page.getByRole('button', { name: 'Decide the erasure' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /Check your answers/ }).waitFor();
  await page.getByRole('button', { name: 'Decide the erasure' }).click();
  await page.locator('#finished').waitFor();
  assert.equal(await bannerHeading(page), 'Erasure refused');
  assert.match(await bannerText(page), /^The request is closed\. Reasons: /);
  await page.close();
  // The officer sees the restriction and the correction on her record, and cannot change it.
  const officer = await signedIn('dc.jones');
  await officer.goto(`${server.base}/person?id=${p.id}`);
  await officer.getByRole('heading', { name: 'Nadia Petrova-Ivanova' }).waitFor();
  await officer.locator('#restricted').waitFor();
  assert.match(await officer.locator('#restricted').textContent(), /may be stored but not used/);
  assert.match(await officer.locator('#restricted-text').textContent(), /contests the accuracy/);
  assert.match(await officer.locator('#rectifications-list').textContent(), /Family name corrected on .*: Her passport shows her married name\./);
  assert.equal(await officer.getByRole('link', { name: 'Change the details' }).count(), 0);
  assert.match(await officer.locator('#history').textContent(), /Record restricted at their request/);
  await assertAccessible(officer, assert, 'person restricted');
  // Wherever her record appears, it says so.
  await officer.goto(`${server.base}/case?id=${c.id}`);
  await officer.locator('#people-body tr', { hasText: 'Nadia Petrova-Ivanova' }).locator('.govuk-tag', { hasText: 'Restricted' }).waitFor();
  await officer.close();
  const person = (await api.call('GET', `/api/v1/people/${p.id}`)).body;
  const change = await api.call('PATCH', `/api/v1/people/${p.id}`, { aliases: ['Nadia P'] }, { 'If-Match': `"${person.version}"` });
  assert.equal(change.status, 409);
});

test('an erasure of a person in no case is done through Check your answers, and their record is gone', async () => {
  const officer = await apiSession(server.base, 'dc.jones');
  const p = (await officer.call('POST', '/api/v1/people', { given_names: 'Radu', family_name: 'Ciobanu' })).body;
  const rm = await apiSession(server.base, RM);
  const made = await rm.call('POST', '/api/v1/subject-requests', { person_id: p.id, kind: 'erasure', regime: 'uk_gdpr', received_on: dayFrom(-4), identity_verified_on: dayFrom(-4), channel: 'letter' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const page = await signedIn(RM);
  await page.goto(`${server.base}/subject-request?id=${made.body.id}`);
  await page.getByRole('button', { name: 'Decide the erasure' }).click();
  await page.getByRole('heading', { name: 'Decide the erasure' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /Check your answers/ }).waitFor();
  assert.match(await page.locator('#check-answers .govuk-warning-text').textContent(), /cannot be undone/);
  await assertAccessible(page, assert, 'decide an erasure check answers');
  await page.getByRole('button', { name: 'Decide the erasure' }).click();
  await page.locator('#finished').waitFor();
  assert.equal(await bannerHeading(page), 'Record erased');
  assert.match(await page.locator('#request-summary').textContent(), /Closed/);
  await page.locator('#decisions .moj-timeline__item', { hasText: 'Record erased' }).waitFor();
  await page.close();
  const kept = await officer.call('GET', `/api/v1/people/${p.id}`);
  assert.doesNotMatch(JSON.stringify(kept.body), /Ciobanu/);
});

test('the access bundle: each proposed redaction decided, an item withheld, release refused until all are decided, then released and downloaded', async () => {
  const { c, p, api } = await caseWith('Cannabis farm in Goole', { given_names: 'Minh', family_name: 'Nguyen' });
  const other = (await api.call('POST', '/api/v1/people', { given_names: 'Tomasz', family_name: 'Wielgosz' })).body;
  await api.call('POST', `/api/v1/cases/${c.id}/people`, { person_id: other.id, role: 'suspect' });
  const note = await api.call('POST', `/api/v1/cases/${c.id}/notes`, { text: 'Minh Nguyen said Tomasz Wielgosz kept his passport at the farm.' });
  assert.equal(note.status, 201, JSON.stringify(note.body));
  const rm = await apiSession(server.base, RM);
  const made = await rm.call('POST', '/api/v1/subject-requests', { person_id: p.id, kind: 'access', regime: 'part3', received_on: dayFrom(-5), identity_verified_on: dayFrom(-5), channel: 'letter' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const page = await signedIn(RM);
  await page.goto(`${server.base}/subject-request?id=${made.body.id}`);
  await page.getByRole('button', { name: 'Review the access bundle' }).click();
  await page.getByRole('button', { name: 'Assemble the bundle' }).click();
  await page.locator('#finished').waitFor();
  assert.equal(await bannerHeading(page), 'Bundle assembled');
  await page.locator('#items .govuk-summary-card').first().waitFor();
  await assertAccessible(page, assert, 'access bundle');
  // Releasing with redactions still proposed is refused.
  assert.ok(await page.locator('.waymark-redaction--proposed').count() > 0, 'redactions are proposed');
  await page.getByRole('button', { name: 'Continue to release' }).click();
  assert.match((await errorList(page))[0], /^Decide every proposed redaction before the bundle is released: \d+ still to decide$/);
  // Each proposed mark decided: the third party's name redacted, anything
  // else marked (an officer's name, say) left in.
  const cards = page.locator('#items .govuk-summary-card');
  const n = await cards.count();
  let decided = 0;
  for (let i = 0; i < n; i++) {
    const card = cards.nth(i);
    const groups = card.locator('fieldset', { has: page.getByRole('radio', { name: 'Redact it' }) });
    const g = await groups.count();
    if (!g) continue;
    for (let k = 0; k < g; k++) {
      const legend = await groups.nth(k).locator('legend').textContent();
      await groups.nth(k).getByRole('radio', { name: /Wielgosz|Tomasz/.test(legend) ? 'Redact it' : 'Leave it in' }).check();
      decided += 1;
    }
    await card.getByRole('button', { name: /^Save the decisions/ }).click();
    await page.locator('#finished', { hasText: `Item ${i + 1} saved` }).waitFor();
  }
  assert.ok(decided > 0, 'the suspect\'s name was marked for redaction');
  assert.ok(await page.locator('.waymark-redaction--approved').count() > 0);
  // The last item withheld under an exemption, its ground and reason asked for.
  const last = cards.nth(n - 1);
  await last.getByRole('checkbox', { name: 'Withhold this item under an exemption' }).check();
  await last.getByRole('button', { name: /^Save the decisions/ }).click();
  assert.deepEqual(await errorList(page), [`Item ${n}: choose the ground for the exemption`, `Item ${n}: say why the exemption applies`]);
  await last.getByLabel('Ground').selectOption('prosecution');
  await last.getByLabel('Why it applies').fill('A live investigation into the farm\'s organisers.');
  await last.getByRole('button', { name: /^Save the decisions/ }).click();
  await page.locator('#finished', { hasText: `Item ${n} saved` }).waitFor();
  assert.equal(await page.locator('.waymark-redaction--proposed').count(), 0);
  await page.getByRole('button', { name: 'Continue to release' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you release the bundle' }).waitFor();
  assert.match((await page.locator('#check-answers').innerText()), /Items withheld\s+.*Prejudice to the prevention/);
  await page.getByRole('button', { name: 'Release the bundle' }).click();
  await page.locator('#finished', { hasText: 'Bundle released' }).waitFor();
  assert.equal(await bannerHeading(page), 'Bundle released');
  await page.getByRole('button', { name: 'Download the JSON' }).waitFor();
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the JSON' }).click()]);
  const text = readFileSync(await json.path(), 'utf8');
  assert.doesNotMatch(text, /Wielgosz/);
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the PDF' }).click()]);
  assert.equal(readFileSync(await pdf.path()).subarray(0, 5).toString(), '%PDF-');
  await assertAccessible(page, assert, 'access bundle released');
  await page.close();
});

test('a person\'s record is given a group of its own with a reason, through Check your answers; the figures count by group and month', async () => {
  const { c } = await caseWith('Brothel in Hull', { given_names: 'Elena', family_name: 'Vasile' }, 'potential_victim', ['sexual']);
  const page = await signedIn(RM);
  await page.goto(`${server.base}/retention?case=${c.id}`);
  const row = page.locator('#people-body tr', { hasText: 'Elena Vasile' });
  await row.waitFor();
  assert.match(await row.textContent(), /Follows the case/);
  await row.getByRole('link', { name: 'Change the retention group of Elena Vasile' }).click();
  await page.getByRole('heading', { name: 'Change the retention group of Elena Vasile\'s record' }).waitFor();
  await assertAccessible(page, assert, 'change a retention group');
  await page.getByRole('radio', { name: /^Group 3/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Enter why this group applies']);
  await page.getByLabel('Why this group?').fill('She is recorded as a victim only; nothing of hers needs the longer period.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you change the group' }).waitFor();
  assert.match(await page.locator('#check-answers').innerText(), /Retention group\s+Group 3: All other offences/);
  await page.getByRole('button', { name: 'Change the group' }).click();
  await page.locator('#finished').waitFor();
  assert.equal(await bannerHeading(page), 'Retention group changed');
  assert.match(await bannerText(page), /^Elena Vasile's record is now in Group 3: All other offences; its next review is due by \d+ \w+ \d{4}\.$/);
  assert.match(await row.textContent(), /Group 3: All other offences.*Reason: She is recorded as a victim only/);
  await page.goto(`${server.base}/records?list=figures`);
  await page.locator('#records-figures-groups-body tr').first().waitFor();
  assert.equal(await page.locator('#records-figures-groups-body tr').count(), 3);
  assert.ok(await page.locator('#records-figures-months-body tr').count() > 0);
  await assertAccessible(page, assert, 'records figures');
  await page.close();
});

test('the retention rules: a records manager and an officer read them; an administrator changes a period through Check your answers', async () => {
  for (const who of [RM, 'dc.jones']) {
    const page = await signedIn(who);
    await page.goto(`${server.base}/retention-rules`);
    await page.locator('#rules-rows tr').first().waitFor();
    assert.ok(await page.locator('#rules-rows tr').count() >= 3);
    assert.equal(await page.locator('#change').isVisible(), false);
    await page.close();
  }
  const admin = await signedIn('admin');
  await admin.goto(`${server.base}/retention-rules`);
  await admin.locator('#change').waitFor();
  await assertAccessible(admin, assert, 'retention rules admin');
  const review = admin.locator('#rules-fields input').first();
  const was = await review.inputValue();
  await review.fill('0');
  await admin.getByRole('button', { name: 'Continue' }).click();
  assert.match((await errorList(admin))[0], /as a whole number of years from 1 to 100$/);
  await review.fill(String(Number(was) + 1));
  await admin.getByRole('button', { name: 'Continue' }).click();
  await admin.getByRole('heading', { name: 'Check your answers before you change the rules' }).waitFor();
  assert.match(await admin.locator('#check-answers').innerText(), new RegExp(`${Number(was) + 1} years \\(was ${was} year`));
  await admin.getByRole('button', { name: 'Change the rules' }).click();
  await admin.locator('#finished').waitFor();
  assert.equal(await bannerHeading(admin), 'Retention rules changed');
  assert.equal(await admin.locator('#rules-fields input').first().inputValue(), String(Number(was) + 1));
  // Put back as it was, for the other tests.
  await admin.locator('#rules-fields input').first().fill(was);
  await admin.getByRole('button', { name: 'Continue' }).click();
  await admin.getByRole('button', { name: 'Change the rules' }).click();
  await admin.locator('#finished').waitFor();
  await admin.close();
});

test('at 320 pixels, by keyboard: a review is recorded, and the pages are axe-clean', async () => {
  const { c } = await caseWith('Hand car wash in Scunthorpe', { given_names: 'Ana', family_name: 'Rusu' });
  const page = await signedIn(RM, { viewport: { width: 320, height: 640 } });
  await assertAccessible(page, assert, 'records worklist overdue');
  await page.goto(`${server.base}/retention?case=${c.id}`);
  await page.getByRole('heading', { name: 'Retention and review' }).waitFor();
  await assertAccessible(page, assert, 'case retention');
  await page.getByRole('button', { name: 'Record a review' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Record a review' }).waitFor();
  await assertAccessible(page, assert, 'record a review');
  await page.getByRole('radio', { name: 'Retain the case' }).focus();
  await page.keyboard.press('Space');
  assert.ok(await page.getByRole('radio', { name: 'Retain the case' }).isChecked());
  const next = dayFrom(200);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'next_review_on');
  const [y, m, d] = next.split('-');
  await page.keyboard.type(String(Number(d)));
  await page.keyboard.press('Tab');
  await page.keyboard.type(String(Number(m)));
  await page.keyboard.press('Tab');
  await page.keyboard.type(y);
  await page.getByLabel('Reason for the decision').focus();
  await page.keyboard.type('Victim support continues; review with the OIC.');
  await page.getByRole('button', { name: 'Continue' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Check your answers before you record the review' }).waitFor();
  await assertAccessible(page, assert, 'record a review check answers');
  await page.getByRole('button', { name: 'Record the review' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('#finished').waitFor();
  assert.equal(await bannerHeading(page), 'Review recorded');
  await assertAccessible(page, assert, 'case retention reviewed');
  await page.goto(`${server.base}/new-subject-request`);
  await page.getByRole('heading', { name: 'Open a subject request' }).waitFor();
  await assertAccessible(page, assert, 'open a subject request');
  // A request of hers, its tasks and its bundle.
  const rm = await apiSession(server.base, RM);
  const people = (await rm.call('GET', `/api/v1/cases/${c.id}/retention`)).body.people;
  const made = await rm.call('POST', '/api/v1/subject-requests', { person_id: people[0].person_id, kind: 'access', regime: 'uk_gdpr', received_on: dayFrom(-2), identity_verified_on: dayFrom(-1), channel: 'online_form' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal((await rm.call('POST', `/api/v1/subject-requests/${made.body.id}/bundle`)).status, 201);
  await page.goto(`${server.base}/subject-request?id=${made.body.id}`);
  await page.getByRole('heading', { name: 'Access request' }).waitFor();
  await assertAccessible(page, assert, 'subject request');
  await page.getByRole('button', { name: 'Close the request' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Close the request' }).waitFor();
  await assertAccessible(page, assert, 'close a subject request');
  await page.goto(`${server.base}/bundle?request=${made.body.id}`);
  await page.locator('#items .govuk-summary-card').first().waitFor();
  await assertAccessible(page, assert, 'access bundle');
  await page.goto(`${server.base}/retention-rules`);
  await page.locator('#rules-rows tr').first().waitFor();
  await assertAccessible(page, assert, 'retention rules');
  await page.close();
});
