// Missing episodes in real Chromium: an officer reports a child missing
// from their page (times asked in UK time, sent with the UK offset), checks
// the answers, reviews the risk by keyboard, records the return, and the
// return home interview from the worklist in two clicks; the list of
// everyone missing puts the highest risk first. A child missing three
// times in 90 days carries the repeat warning on their page and the
// worklist and the case's people, and recording the exploitation screening
// closes the item; a safeguarding officer sees the places that recur in
// different people's episodes. A partner a share names the missing section
// to records the interview its organisation offered, and nothing else. At
// 1280 and 320 pixels, checked by axe.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessible, caseWith, errorList, screenshot, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

// The UK wall clock at an instant, as the page asks and shows it.
function uk(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
  }).formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  const hour = p.hour % 12 === 0 ? 12 : p.hour % 12;
  const clock = p.minute === 0 && p.hour === 0 ? 'midnight' : p.minute === 0 && p.hour === 12 ? 'midday'
    : `${hour}${p.minute ? `:${String(p.minute).padStart(2, '0')}` : ''}${p.hour < 12 ? 'am' : 'pm'}`;
  return { ...p, words: `${p.day} ${months[p.month - 1]} ${p.year} at ${clock}`, h23: `${p.hour}:${String(p.minute).padStart(2, '0')}` };
}

// A whole minute some hours ago, so that what the page shows and sends match.
const hoursAgo = (hours) => Math.floor((Date.now() - hours * HOUR) / 60000) * 60000;

// Fills the date-and-time question whose day box has the id.
async function fillDateTime(page, id, ms) {
  const t = uk(ms);
  await page.locator(`#${id}`).fill(String(t.day));
  await page.locator(`#${id}-month`).fill(String(t.month));
  await page.locator(`#${id}-year`).fill(String(t.year));
  await page.locator(`#${id}-time`).fill(t.h23);
}

// axe at 1280 pixels; at 320, nothing wider than the screen, and axe again
// where narrow asks (axe takes seconds a page: the suite stays quick).
async function bothWidths(page, label, { narrow = false } = {}) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await assertAccessible(page, assert, label);
  await page.setViewportSize({ width: 320, height: 640 });
  const wider = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wider <= 0, `${label}: nothing wider than 320 pixels`);
  if (narrow) await assertAccessible(page, assert, label);
  else await screenshot(page, `${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-320`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

const banner = (page) => page.locator('#finished').textContent();
const detail = (page, key) => page.locator('#details .govuk-summary-list__row', { has: page.getByText(key, { exact: true }) })
  .locator('.govuk-summary-list__value').textContent();

test('a child is reported missing, graded, reviewed, returns, and has their return home interview from the worklist', async () => {
  const { api, p } = await caseWith('County lines, Swindon', { given_names: 'Kai', family_name: 'Doyle', estimated_age: 15 }, 'potential_victim', ['criminal']);
  // A profile kept ahead of time: the report starts from it.
  const kept = await api.call('PUT', `/api/v1/people/${p.id}/missing-profile`,
    { physical_description: 'Slim, short dark hair, a grey tracksuit', places_frequented: ['Swindon bus station', 'Penhill shops'] }, { 'If-Match': '"0"' });
  assert.equal(kept.status, 201, JSON.stringify(kept.body));
  const page = await signedIn();
  await page.goto(`${server.base}/person?id=${p.id}`);
  await page.locator('#missing').waitFor();
  assert.equal(await page.locator('#no-episodes').textContent(), 'They have not been reported missing.');
  await page.getByRole('button', { name: 'Report missing (Kai Doyle)' }).click();

  // The form: what is missing is named and linked to its answer.
  await page.locator('#report-form').waitFor();
  assert.equal(await page.locator('#who').textContent(), 'Kai Doyle');
  assert.equal(await page.locator('#child-note').isVisible(), true);
  assert.match(await page.locator('#profile').textContent(), /Their missing profile, kept by Demo Constabulary[^]*Places they goSwindon bus station, Penhill shops/);
  await bothWidths(page, 'report a person missing', { narrow: true });
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), [
    'Enter the date and time they were last seen',
    'Enter where they were last seen',
    'Select how you grade the risk to them',
  ]);
  await page.getByRole('link', { name: 'Enter where they were last seen' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'last_seen_place');

  // Last seen after the police were told: refused before it is sent.
  const told = hoursAgo(25);
  const seen = hoursAgo(27.5);
  await fillDateTime(page, 'reported_at', told);
  await fillDateTime(page, 'last_seen_at', told + 30 * 60000);
  await page.getByLabel('Where were they last seen?').fill('Outside Swindon bus station');
  await page.getByLabel('High', { exact: true }).check();
  await page.getByLabel('What happened, and why is there concern? (optional)').fill('Left school at lunch with two older boys; phone off since.');
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['They must have been last seen before the police were told']);
  await page.locator('#last_seen_at-time').fill('25:00');
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Enter the time they were last seen like 3:05pm or 15:05']);
  await fillDateTime(page, 'last_seen_at', seen);

  // Check your answers, in words, with a way back to each answer.
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you report Kai Doyle missing' }).waitFor();
  const answers = await page.locator('#check-answers').textContent();
  assert.match(answers, new RegExp(`Police told${uk(told).words}`));
  assert.match(answers, new RegExp(`Last seen${uk(seen).words}`));
  assert.match(answers, /Last seen atOutside Swindon bus station/);
  assert.match(answers, /RiskHigh/);
  await assertAccessible(page, assert, 'report missing: check your answers');
  await page.getByRole('link', { name: 'Change last seen at' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'last_seen_place');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Report Kai Doyle missing' }).click();

  // The episode's page: whose it is, the grading, the times in UK time.
  await page.locator('#episode-body').waitFor();
  assert.match(await banner(page), /Kai Doyle reported missing.*Graded high risk\. Review the grading by/);
  assert.equal(await page.locator('#who').textContent(), 'Kai Doyle');
  assert.equal(await page.locator('#tags').textContent(), 'Missing High risk Child');
  assert.match(await detail(page, 'Status'), /MissingMissing 1 day 3 hours since they were last seen/);
  assert.match(await detail(page, 'Last seen'), new RegExp(`${uk(seen).words}Outside Swindon bus station`));
  assert.match(await detail(page, 'Reported'), new RegExp(`${uk(told).words}by DC Rhys Jones, Exploitation and Missing Team`));
  const episodeId = new URL(page.url()).searchParams.get('id');
  let ep = (await api.call('GET', `/api/v1/missing-episodes/${episodeId}`)).body;
  assert.equal(Date.parse(ep.last_seen_at), seen, 'the UK time is sent with its offset');
  assert.equal(Date.parse(ep.reported_at), told);
  assert.equal(ep.risk, 'high');
  await bothWidths(page, 'missing episode while missing', { narrow: true });

  // Everyone missing: high risk first, with how long.
  await page.getByRole('link', { name: 'Missing', exact: true }).click();
  await page.locator('#missing-body tr').first().waitFor();
  const row = page.locator('#missing-body tr', { hasText: 'Kai Doyle' });
  assert.match(await row.textContent(), /High risk.*Missing 1 day 3 hours.*Outside Swindon bus station/);
  const risks = await page.locator('#missing-body tr td:nth-child(2)').allTextContents();
  const rank = { 'High risk': 0, 'Medium risk': 1, 'Low risk': 2, 'No apparent risk': 3 };
  assert.deepEqual(risks, [...risks].sort((a, b) => rank[a] - rank[b]), 'highest risk first');
  await bothWidths(page, 'currently missing');
  await row.getByRole('link', { name: 'Kai Doyle' }).click();
  await page.locator('#episode-body').waitFor();

  // A risk review by keyboard: the grading as it stands is chosen.
  await page.locator('#risk-review summary').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.value), 'high');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Seen on CCTV with a known adult; a carer has spoken to him by phone.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByText('Risk review recorded').waitFor();
  assert.match(await banner(page), /Now graded medium risk\. The next review is due by/);
  await page.locator('#episode-body').waitFor();
  assert.match(await page.locator('#reviews').textContent(), /Regraded medium risk \(was high risk\).*Seen on CCTV.*Graded high risk at the report/);

  // The return.
  await page.locator('#return summary').click();
  await page.getByRole('button', { name: 'Record the return' }).click();
  assert.deepEqual(await errorList(page), ['Select how they came back', 'Enter where they were found']);
  const back = hoursAgo(0.05);
  await fillDateTime(page, 'returned_at', back);
  await page.getByLabel('Found by the police').check();
  await page.getByLabel('Where were they found, or where did they come back to?').fill('A flat in Gorse Hill, Swindon');
  await page.getByRole('button', { name: 'Record the return' }).click();
  await page.getByText('Return recorded').waitFor();
  assert.match(await banner(page), /Kai Doyle was missing for 1 day 3 hours\. The safe and well check is due by .*Their return home interview is due by/);
  await page.locator('#episode-body').waitFor();
  assert.equal(await page.locator('#tags').textContent(), 'Returned Medium risk Child');
  assert.match(await page.locator('#return-details').textContent(), new RegExp(`Returned${uk(back).words}HowFound by the policeWhere foundA flat in Gorse Hill`));
  ep = (await api.call('GET', `/api/v1/missing-episodes/${episodeId}`)).body;
  assert.equal(Date.parse(ep.return_interview_due), Date.parse(ep.returned_at) + 72 * HOUR);
  assert.match(await page.locator('#interview-details').textContent(), new RegExp(`Due by${uk(Date.parse(ep.return_interview_due)).words}`));
  await bothWidths(page, 'missing episode after the return');

  // The return home interview from the worklist: its link opens the form.
  await page.goto(`${server.base}/?kind=return_interview`);
  const item = page.getByRole('link', { name: 'Record the return home interview for Kai Doyle' });
  await item.click();
  await page.locator('#return-interview[open]').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.name), 'ri_accepted', 'the form is open at its first question');
  await page.getByLabel('Yes').check();
  await fillDateTime(page, 'held_at', hoursAgo(0.02));
  await page.getByLabel('Demo County Council Children\'s Services').check();
  await page.getByLabel('What did they tell the interviewer? (optional)').fill('Was taken to Bristol to sell drugs; owes a debt.');
  await page.getByRole('button', { name: 'Record the interview' }).click();
  await page.getByText('Return home interview recorded').waitFor();
  assert.match(await banner(page), /Offered by Demo County Council Children's Services/);
  await page.locator('#episode-body').waitFor();
  assert.match(await page.locator('#interview-details').textContent(), /Offered byDemo County Council Children's ServicesAcceptedYesWhat they saidWas taken to Bristol/);
  assert.equal(await page.locator('#return-interview').count(), 0, 'nothing left to record of the interview');
  const items = (await api.call('GET', '/api/v1/worklist?kind=return_interview')).body.items;
  assert.equal(items.filter((i) => i.person && i.person.id === p.id).length, 0, 'the worklist item is closed');

  // The person's page: the episode on their timeline, and no report button
  // needed... but offered again now they are back.
  await page.goto(`${server.base}/person?id=${p.id}`);
  await page.locator('#missing').waitFor();
  assert.match(await page.locator('#episodes').textContent(), /Missing for 1 day 3 hours.*reported by DC Rhys Jones.*Last seen: Outside Swindon bus station/);
  assert.equal(await page.getByRole('button', { name: 'Report missing (Kai Doyle)' }).isVisible(), true);
  await page.close();
});

test('a child missing three times in 90 days carries the repeat warning until the screening is recorded; places that recur show to safeguarding', async () => {
  const { api, c, p } = await caseWith('Missing from care, Swindon', { given_names: 'Jade', family_name: 'Pryce', estimated_age: 14 }, 'potential_victim', ['sexual']);
  for (const daysAgo of [60, 30, 6]) {
    const seen = Date.now() - daysAgo * DAY;
    const made = await api.call('POST', `/api/v1/people/${p.id}/missing-episodes`, {
      reported_at: new Date(seen + 2 * HOUR).toISOString(), last_seen_at: new Date(seen).toISOString(),
      last_seen_place: 'Her children\'s home, Old Town', risk: 'medium',
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const back = await api.call('POST', `/api/v1/missing-episodes/${made.body.id}/return`, {
      returned_at: new Date(seen + 20 * HOUR).toISOString(), found_by: 'returned_themselves', where_found: 'Her children\'s home',
    });
    assert.equal(back.status, 200, JSON.stringify(back.body));
  }
  const page = await signedIn();
  await page.goto(`${server.base}/person?id=${p.id}`);
  await page.locator('#missing').waitFor();
  assert.equal(await page.locator('#repeat .govuk-warning-text__text').textContent(), 'Warning Missing 3 times in 90 days: screen for exploitationRecord an exploitation screening for Jade Pryce');
  assert.equal(await page.locator('#episodes .moj-timeline__item').count(), 3);
  await bothWidths(page, 'person missing again and again');

  // The case's people list says so too.
  await page.goto(`${server.base}/case?id=${c.id}`);
  const row = page.locator('#people-body tr', { hasText: 'Jade Pryce' });
  await row.locator('.waymark-repeat').waitFor();
  assert.match(await row.locator('td').first().textContent(), /Jade Pryce Child.*Missing 3 or more times in 90 days: screen for exploitation/);

  // On the worklist: beside her other items, the warning; and the
  // screening item, leading straight to the form.
  await page.goto(`${server.base}/?kind=spoc_missing`);
  const other = page.locator('#worklist-groups tr', { hasText: 'Jade Pryce' });
  await other.locator('.waymark-repeat').waitFor();
  assert.match(await other.textContent(), /Missing 3 or more times in 90 days: screen for exploitation/);
  await page.goto(`${server.base}/?kind=exploitation_screening`);
  await page.getByRole('link', { name: 'Record the screening for Jade Pryce' }).click();
  await page.locator('#screening-form').waitFor();
  assert.equal(await page.locator('#why').textContent(), 'Jade Pryce has been missing 3 times in the last 90 days.');
  assert.equal(await page.getByLabel('Repeated missing episodes (children)').isChecked(), true);
  await bothWidths(page, 'record an exploitation screening');
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select the outcome of the screening']);
  await page.getByLabel('Isolated from family, friends and community').check();
  await page.getByLabel('Concerns: referred').check();
  await page.getByLabel('Notes (optional)').fill('Seen getting into cars with older men; referred to children\'s services.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you record the screening of Jade Pryce' }).waitFor();
  assert.match(await page.locator('#check-answers').textContent(), /Indicators foundIsolated from family, friends and community, Repeated missing episodes \(children\)Change indicators foundOutcomeConcerns: referred/);
  await page.getByRole('button', { name: 'Record the screening' }).click();
  await page.getByText('Exploitation screening recorded').waitFor();
  await page.locator('#missing').waitFor();
  assert.equal(await page.locator('#repeat .govuk-warning-text__text').textContent(), 'Warning Missing 3 times in 90 days');
  const items = (await api.call('GET', '/api/v1/worklist?kind=exploitation_screening')).body.items;
  assert.equal(items.filter((i) => i.person && i.person.id === p.id).length, 0, 'the worklist item is closed');
  await page.close();

  // A safeguarding officer sees the places that recur across people (the
  // demo's two children found in one flat), never the people.
  const officer = await signedIn('so.patel');
  await officer.getByRole('link', { name: 'Missing', exact: true }).click();
  await officer.getByRole('link', { name: 'Places that recur' }).click();
  const spot = officer.locator('#places-body tr', { hasText: 'A flat on Stapleton Road, Bristol' });
  assert.match(await spot.textContent(), /^A flat on Stapleton Road, Bristol22/);
  assert.doesNotMatch(await officer.locator('#places').textContent(), /Tyler|Ellie/);
  await officer.close();
});

test('a partner the share names the missing section to reads the episodes and records the return home interview it offered', async () => {
  const { api, c, p } = await caseWith('Missing from care, Trowbridge', { given_names: 'Mia', family_name: 'Hart', estimated_age: 13 }, 'potential_victim', ['sexual']);
  const seen = Date.now() - 30 * HOUR;
  const made = (await api.call('POST', `/api/v1/people/${p.id}/missing-episodes`, {
    reported_at: new Date(seen + HOUR).toISOString(), last_seen_at: new Date(seen).toISOString(), last_seen_place: 'Trowbridge park', risk: 'medium',
  })).body;
  await api.call('POST', `/api/v1/missing-episodes/${made.id}/return`, {
    returned_at: new Date(seen + 26 * HOUR).toISOString(), found_by: 'police', where_found: 'Bath bus station',
  });
  const link = (await api.call('GET', `/api/v1/cases/${c.id}`)).body.people[0].id;
  const council = (await api.call('GET', '/api/v1/organisations?kind=partner')).body.items.find((o) => o.name === 'Demo County Council Adult Safeguarding');
  const until = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
  const share = await api.call('POST', `/api/v1/cases/${c.id}/people/${link}/shares`, {
    organisation_id: council.id, sections: ['identity', 'missing'], purpose: 'safeguarding', basis: 'child_safeguarding',
    reason: 'The council offers her return home interview.', expires_on: until,
  });
  assert.equal(share.status, 201, JSON.stringify(share.body));

  const partner = await signedIn('partner.evans');
  await partner.goto(`${server.base}/share?id=${share.body.id}`);
  const section = partner.locator('section[data-section="missing"]');
  await section.waitFor();
  assert.match(await section.textContent(), /Their missing episodes.*Came back .*, after 1 day 2 hours.*Trowbridge park.*Medium risk.*Bath bus station.*Return home interviewDue by/);
  await section.getByRole('link', { name: /^Record the return home interview/ }).click();
  await partner.locator('#return-interview[open]').waitFor();
  assert.equal(await partner.locator('#details').textContent().then((t) => /Mia Hart/.test(t)), true);
  assert.equal(await partner.locator('#details a[href^="/person"]').count(), 0, 'a partner is not led to the force\'s record');
  assert.deepEqual(await partner.locator('#forms details summary').allTextContents(), ['Record the return home interview'], 'the rest is the force\'s');
  assert.equal(await partner.getByLabel('Demo County Council Adult Safeguarding').isChecked(), true, 'offered by their own organisation');
  await assertAccessible(partner, assert, 'a partner records the return home interview');
  await partner.getByLabel('No').check();
  await fillDateTime(partner, 'held_at', hoursAgo(1));
  await partner.getByRole('button', { name: 'Record the interview' }).click();
  await partner.getByText('Declined interview recorded').waitFor();
  await partner.locator('#episode-body').waitFor();
  assert.match(await partner.locator('#interview-details').textContent(), /Offered byDemo County Council Adult SafeguardingAcceptedNo, they declined it/);

  // The council keeps her missing profile through the share, checked first.
  await partner.goto(`${server.base}/share?id=${share.body.id}`);
  await section.getByRole('link', { name: 'Keep their missing profile' }).click();
  await partner.locator('#profile-form').waitFor();
  assert.equal(await partner.locator('#who').textContent(), 'Mia Hart');
  assert.match(await partner.locator('#kept').textContent(), /None is kept yet/);
  await partner.setViewportSize({ width: 320, height: 800 });
  assert.ok(await partner.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the profile fits 320 pixels');
  await screenshot(partner, 'missing-profile-320');
  await partner.setViewportSize({ width: 1280, height: 800 });
  await partner.getByRole('button', { name: 'Continue' }).click();
  assert.match((await errorList(partner)).join(), /Say at least one thing about them/);
  await partner.getByLabel('What do they look like?').fill('Slim, long dark hair, often in a grey hoodie');
  await partner.getByLabel('Places they go').fill('Trowbridge park\nBath bus station');
  await partner.getByLabel('Where they live').fill('Oak House children’s home, Trowbridge');
  await partner.getByRole('button', { name: 'Continue' }).click();
  await partner.getByRole('heading', { name: 'Check the missing profile of Mia Hart before you save it' }).waitFor();
  assert.match(await partner.locator('#check-answers').textContent(), /Places they goTrowbridge park; Bath bus station/);
  await assertAccessible(partner, assert, 'a partner checks the missing profile');
  await partner.getByRole('button', { name: 'Save the missing profile' }).click();
  await partner.getByText('Missing profile saved').waitFor();
  assert.match(new URL(partner.url()).pathname, /^\/share$/);
  await partner.close();
  // The force sees it on the report page, kept by the council.
  const kept = await api.call('GET', `/api/v1/people/${p.id}/missing-profile`);
  assert.equal(kept.body.organisation.name, 'Demo County Council Adult Safeguarding');
  assert.deepEqual(kept.body.places_frequented, ['Trowbridge park', 'Bath bus station']);
});
