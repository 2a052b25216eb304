// Links across cases in real Chromium against the demo data: an administrator
// names the force's deconfliction contact in Settings; an investigator
// records a phone number through the case page's form (a refused value named
// in the error summary, then Check your answers and a success banner) and
// reads its matches: a case they may read, linked, and a notice that names
// only its number and whom to contact; the network of linked cases, drawn
// and as a table, its CSV made in the browser (a cell a spreadsheet would
// read as a formula neutralised) and its PNG; on the other side, the worklist
// item with the notice's number and the contact, acknowledged. At 1280 and
// 320 px, axe-clean; screenshots of each.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { apiSession, assertAccessible, errorList, screenshot, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

const PHONE = '07700 900456';
const SHOWN = '+44 7700 900456';
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

// The cases the tests share: two of dc.jones's team (A, where the phone is
// recorded through the page; B, where it already is) and one of CID's
// (dc.okafor's), which dc.jones may not read.
let caseA;
let caseB;
let cidCase;
let person;

async function setUp() {
  if (caseA) return;
  const jones = await apiSession(server.base, 'dc.jones');
  const okafor = await apiSession(server.base, 'dc.okafor');
  caseA = (await jones.call('POST', '/api/v1/cases', { title: 'Links: car wash, Station Road', exploitation_types: ['labour'] })).body;
  caseB = (await jones.call('POST', '/api/v1/cases', { title: 'Links: nail bar, High Street', exploitation_types: ['sexual'] })).body;
  person = (await jones.call('POST', '/api/v1/people', { given_names: 'Ana', family_name: 'Linkova', estimated_age: 24 })).body;
  for (const c of [caseA, caseB]) {
    assert.equal((await jones.call('POST', `/api/v1/cases/${c.id}/people`, { person_id: person.id, role: 'potential_victim' })).status, 201);
  }
  const b = await jones.call('POST', `/api/v1/cases/${caseB.id}/selectors`, { kind: 'phone', value: '+447700900456', about_person_id: person.id, context: 'On a card in the flat' });
  assert.equal(b.status, 201, JSON.stringify(b.body));
  const cases = (await okafor.call('GET', '/api/v1/cases?show=team&status=investigating&limit=5')).body.items;
  cidCase = cases[0];
  assert.ok(cidCase, 'dc.okafor has an open case of CID');
  const x = await okafor.call('POST', `/api/v1/cases/${cidCase.id}/selectors`, { kind: 'phone', value: '07700900456' });
  assert.equal(x.status, 201, JSON.stringify(x.body));
}

test('an administrator names the deconfliction contact in Settings', async () => {
  await setUp();
  for (const width of [1280, 320]) {
    const page = await signedIn('admin', { viewport: { width, height: 900 } });
    await page.goto(`${server.base}/settings`);
    await page.getByRole('heading', { name: 'Deconfliction contact' }).waitFor();
    await page.getByRole('link', { name: 'Change the deconfliction contact' }).click();
    await page.getByRole('heading', { name: 'Who should others contact about a match?' }).waitFor();
    await page.getByLabel('Role or desk').fill('');
    await page.getByLabel('How to reach it').fill('');
    await page.getByRole('button', { name: 'Save the contact' }).click();
    assert.deepEqual(await errorList(page), ['Enter the role or desk, 200 characters or fewer', 'Enter how to reach it, 200 characters or fewer']);
    await assertAccessible(page, assert, `Deconfliction contact form errors`);
    await page.getByLabel('Role or desk').fill('Force Intelligence Bureau, deconfliction desk');
    await page.getByLabel('How to reach it').fill(width === 1280 ? '01632 960001' : '01632 960002');
    await page.getByRole('button', { name: 'Save the contact' }).click();
    await page.locator('#deconfliction').getByText('Force Intelligence Bureau, deconfliction desk').waitFor();
    assert.match(await page.locator('.govuk-notification-banner').first().textContent(), /Deconfliction contact saved/);
    assert.ok(await overflow(page) <= 0, `no sideways scrolling at ${width}px`);
    await assertAccessible(page, assert, 'Settings with the deconfliction contact');
    await page.close();
  }
});

test('an investigator records a phone number, checks the answers and reads its matches', async () => {
  await setUp();
  const page = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 } });
  const problems = [];
  // The refused number below is a 422 the page expects; nothing else may fail.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('status of 422')) problems.push(m.text()); });
  await page.goto(`${server.base}/case?id=${caseA.id}`);
  await page.getByRole('heading', { name: 'Links', exact: true }).waitFor();
  assert.match(await page.locator('#selectors-body').textContent(), /No selectors recorded yet/);
  await page.getByRole('link', { name: 'Record a selector' }).click();
  await page.getByRole('heading', { name: 'Record a selector' }).waitFor();

  // Nothing chosen: the summary names the kind.
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select what kind of selector it is']);
  await assertAccessible(page, assert, 'Record a selector errors');

  // A number that is none: the API's reason, against the phone field.
  await page.getByLabel('Phone number', { exact: true }).first().check();
  await page.locator('#phone').fill('12345');
  await page.getByLabel('Ana Linkova (potential victim)').check();
  await page.getByLabel('Source evaluation').selectOption('2');
  await page.getByLabel('Intelligence assessment').selectOption('B');
  await page.getByLabel('Handling code').selectOption('P');
  await page.getByLabel('Where was it found?').fill('Written on a payslip');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before recording the selector' }).waitFor();
  await page.getByRole('button', { name: 'Record the selector' }).click();
  await page.locator('#error-summary:not([hidden])').waitFor();
  const refused = await errorList(page);
  assert.equal(refused.length, 1);
  assert.match(refused[0], /^Phone number /);
  assert.equal(await page.locator('#error-list a').first().getAttribute('href'), '#phone');
  assert.ok(await page.locator('#phone-group.govuk-form-group--error').count(), 'the phone field is marked');

  // Written another way, it is the same number as the others.
  await page.locator('#phone').fill(PHONE);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before recording the selector' }).waitFor();
  const answers = await page.locator('#check-answers .govuk-summary-list').textContent();
  assert.match(answers, /Phone number/);
  assert.match(answers, new RegExp(PHONE));
  assert.match(answers, /Ana Linkova/);
  assert.match(answers, /2BP: Untested; known indirectly to the source but corroborated; lawful sharing permitted/);
  await assertAccessible(page, assert, 'Record a selector check your answers');
  await page.getByRole('button', { name: 'Record the selector' }).click();

  // The case, with a banner saying it matched.
  await page.getByRole('heading', { name: 'Phone number recorded' }).waitFor();
  assert.match(await page.locator('#finished').textContent(), /It matches 2 selectors recorded in other cases/);
  await page.locator('#matches .waymark-match').first().waitFor();
  const row = await page.locator('#selectors-body tr').first().textContent();
  assert.match(row, new RegExp(SHOWN.replace('+', '\\+')));
  assert.match(row, /Ana Linkova/);
  assert.match(row, /Untested source \(2\); known indirectly to the source but corroborated \(B\); lawful sharing permitted \(P\)/);
  assert.match(row, /Written on a payslip/);
  assert.match(row, /\d{1,2} [A-Z][a-z]+ \d{4}, /);

  // A match they may read links to its case; the other is a notice.
  const matches = page.locator('#matches');
  const visible = matches.getByRole('link', { name: `${caseB.reference}: ${caseB.title}` });
  assert.equal(await visible.getAttribute('href'), `/case?id=${caseB.id}`);
  const notice = matches.locator('.govuk-inset-text');
  assert.equal(await notice.count(), 1);
  const words = await notice.textContent();
  assert.match(words, /Link notice LN-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/);
  assert.match(words, /details are withheld: they are shared only with those who need to know/);
  assert.match(words, /contact Force Intelligence Bureau, deconfliction desk, 01632 96000\d at Demo Constabulary/);
  const text = await page.locator('main').textContent();
  assert.ok(!text.includes(cidCase.reference), 'the other case is never named');
  assert.ok(!text.includes(cidCase.title), 'nor its title');
  assert.ok(!(await page.content()).includes(cidCase.id), 'nor its id, anywhere in the page');

  // A sealed selector shows as sealed, and its value only for a reason given.
  const jones = await apiSession(server.base, 'dc.jones');
  const sealed = await jones.call('POST', `/api/v1/cases/${caseA.id}/selectors`, { kind: 'email', value: 'Boss.Recruits@example.com', sealed: true });
  assert.equal(sealed.status, 201, JSON.stringify(sealed.body));
  await page.reload();
  await page.locator('#selectors-body tr', { hasText: 'Email address' }).waitFor();
  assert.match(await page.locator('#selectors-body tr', { hasText: 'Email address' }).textContent(), /Sealed/);
  assert.ok(!(await page.content()).includes('boss.recruits'), 'a sealed value is not in the page');
  await page.getByText('Show sealed selectors').first().click();
  await page.getByLabel('Why do you need to see the sealed selectors?').fill('short');
  await page.getByRole('button', { name: 'Show sealed selectors' }).click();
  assert.deepEqual(await errorList(page), ['Say why you need to see the sealed selectors, in at least 10 characters']);
  await page.getByLabel('Why do you need to see the sealed selectors?').fill('Deconflicting the match with CID');
  await page.getByRole('button', { name: 'Show sealed selectors' }).click();
  await page.locator('#selectors-body', { hasText: 'boss.recruits@example.com' }).waitFor();
  assert.ok(await page.locator('#selector-reveal').isHidden());

  await page.locator('#links-section').scrollIntoViewIfNeeded();
  await assertAccessible(page, assert, 'Case links section');
  await page.locator('#links-section').screenshot({ path: 'build/screenshots/links-section-1280.png' });
  await page.setViewportSize({ width: 320, height: 900 });
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 320px');
  await assertAccessible(page, assert, 'Case links section');
  await page.locator('#links-section').screenshot({ path: 'build/screenshots/links-section-320.png' });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the selector form fits a phone, each kind asking for its own parts', async () => {
  await setUp();
  const page = await signedIn('dc.jones', { viewport: { width: 320, height: 800 } });
  await page.goto(`${server.base}/selector?case=${caseA.id}`);
  await page.getByRole('heading', { name: 'Record a selector' }).waitFor();
  // Each kind shows only its parts.
  await page.getByLabel('Bank account').check();
  assert.ok(await page.getByLabel('Sort code').isVisible());
  assert.ok(await page.getByLabel('Or an IBAN').isVisible());
  assert.ok(await page.locator('#phone').isHidden());
  await page.getByLabel('Identity document').check();
  assert.ok(await page.getByLabel('Type of document').isVisible());
  assert.ok(await page.getByLabel('Sort code').isHidden());
  // Parts left out are named.
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Enter the type of document']);
  await page.getByLabel('Type of document').selectOption('passport');
  await page.getByLabel('Country that issued it').fill('ro');
  await page.getByLabel('Document number').fill('05123456');
  await page.getByLabel('Source evaluation').selectOption('1');
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select the intelligence assessment, or leave the grading out', 'Select the handling code, or leave the grading out']);
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 320px');
  await assertAccessible(page, assert, 'Record a selector errors');
  await page.getByLabel('Source evaluation').selectOption('');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before recording the selector' }).waitFor();
  assert.match(await page.locator('#check-answers').textContent(), /Passport, RO, 05123456/);
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 320px');
  await assertAccessible(page, assert, 'Record a selector check your answers');
  await page.close();
});

test('the network of linked cases: drawn, as a table, as a CSV and a PNG, by keyboard', async () => {
  await setUp();
  const page = await signedIn('dc.jones', { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(`${server.base}/case?id=${caseA.id}`);
  await page.getByRole('link', { name: 'See the network of linked cases' }).click();
  await page.getByRole('heading', { name: 'Network of linked cases' }).waitFor();
  await page.locator('#network-body:not([hidden])').waitFor();
  await page.locator('#graph canvas').first().waitFor();

  // The table holds the same links as the graph: B through Ana and through the phone.
  const rows = await page.locator('#edges-body tr').allTextContents();
  assert.ok(rows.some((r) => r.includes(`Case ${caseA.reference}`) && r.includes('Potential victim') && r.includes('Person Ana Linkova')));
  assert.ok(rows.some((r) => r.includes(`Case ${caseB.reference}`) && r.includes('Selector recorded') && r.includes(`Phone number ${SHOWN}`)));
  assert.ok(rows.some((r) => r.includes('About') && r.includes('Person Ana Linkova')));
  assert.ok(rows.some((r) => r.includes(`Case ${caseA.reference}`) && r.includes('Email address Sealed')), 'a sealed selector is drawn as Sealed');
  assert.ok(!(await page.content()).includes('boss.recruits'), 'never with its value');
  const text = await page.locator('main').textContent();
  assert.ok(!text.includes(cidCase.reference), 'the CID case is never named');
  assert.match(await page.locator('#withheld').textContent(), /1 linked case is not one you may read, so it is not drawn or named, nor followed further\./);
  assert.match(await page.locator('#network-summary').textContent(), /^2 cases, 1 person, 2 selectors and 0 places, joined by \d+ links, looking 1 step out\.$/);
  assert.match(await page.locator('#graph').getAttribute('aria-label'), /^Graph of the network around /);

  // Deeper, by the form.
  await page.getByLabel('2 steps: and the cases joined to those').check();
  await page.getByRole('button', { name: 'Show the network' }).click();
  await page.waitForURL(/depth=2/);
  await page.locator('#network-summary', { hasText: 'looking 2 steps out' }).waitFor();

  // The CSV: source, target, kind; the phone's leading + neutralised.
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV of links' }).click()]);
  assert.equal(csvDownload.suggestedFilename(), `network-${caseA.reference}-depth-2.csv`);
  const lines = readFileSync(await csvDownload.path(), 'utf8').trim().split('\r\n');
  assert.equal(lines[0], 'source,target,kind');
  assert.ok(lines.includes(`${caseA.reference},Ana Linkova,potential_victim`), lines.join('\n'));
  assert.ok(lines.includes(`${caseB.reference},'${SHOWN},recorded_in`), 'a leading + is neutralised');
  assert.ok(lines.every((l) => !/^[=+\-@]|,[=+\-@]/.test(l)), 'no cell starts as a formula');
  assert.equal(lines.length - 1, await page.locator('#edges-body tr').count(), 'the CSV holds every link of the table');

  // The PNG of the graph.
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG' }).click()]);
  assert.equal(pngDownload.suggestedFilename(), `network-${caseA.reference}-depth-2.png`);
  const png = readFileSync(await pngDownload.path());
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.ok(statSync(await pngDownload.path()).size > 2000);

  // The graph takes the keyboard's focus, and its keys move it.
  await page.locator('#download-png').focus();
  let focused = '';
  for (let i = 0; i < 12 && focused !== 'graph'; i++) {
    await page.keyboard.press('Shift+Tab');
    focused = await page.evaluate(() => document.activeElement.id);
  }
  assert.equal(focused, 'graph', 'the graph is reached by Tab');
  const before = await page.locator('#graph canvas').last().screenshot();
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowLeft');
  const after = await page.locator('#graph canvas').last().screenshot();
  assert.ok(!before.equals(after), '+ and the arrows move the graph');
  await page.keyboard.press('0');

  await assertAccessible(page, assert, 'Network of linked cases');
  await screenshot(page, 'network-1280');
  await page.setViewportSize({ width: 320, height: 900 });
  await page.reload();
  await page.locator('#graph canvas').first().waitFor();
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 320px');
  await assertAccessible(page, assert, 'Network of linked cases');
  await screenshot(page, 'network-320');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the other side sees the notice on its worklist and acknowledges it', async () => {
  await setUp();
  // At 320 px first: at 1280 it is acknowledged, and leaves the worklist.
  for (const width of [320, 1280]) {
    const page = await signedIn('dc.okafor', { viewport: { width, height: 900 } });
    await page.goto(`${server.base}/?kind=selector_match`);
    const table = page.locator('#worklist-groups table', { hasText: 'Selector also recorded in a case you may not see' });
    await table.waitFor();
    const row = table.locator('tbody tr', { hasText: SHOWN }).first();
    const words = await row.textContent();
    assert.match(words, /Link notice LN-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/);
    assert.match(words, new RegExp(`${SHOWN.replace('+', '\\+')} is also recorded in a case of Demo Constabulary that you may not see`));
    assert.match(words, /Contact Force Intelligence Bureau, deconfliction desk, 01632 96000\d at Demo Constabulary/);
    assert.match(words, /\d{1,2} [A-Z][a-z]+ \d{4}/);
    assert.ok(!words.includes(caseA.reference) && !words.includes(caseB.reference), 'the raising case is never named');
    assert.equal(await row.getByRole('link').first().textContent(), cidCase.reference);
    assert.ok(await overflow(page) <= 0, `no sideways scrolling at ${width}px`);
    await assertAccessible(page, assert, 'Worklist with a link notice');
    if (width === 320) {
      await page.close();
      continue;
    }
    const number = words.match(/LN-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/)[0];
    await row.getByRole('button', { name: `Acknowledge link notice ${number}` }).click();
    await page.getByRole('heading', { name: `Link notice ${number} acknowledged` }).waitFor();
    assert.equal(await row.getByText('Acknowledged').count(), 1);
    await assertAccessible(page, assert, 'Worklist with a notice acknowledged');
    await page.close();
  }
});
