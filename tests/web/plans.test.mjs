// Safeguarding plans in real Chromium: the force makes a victim's plan from
// the case and fills it with risks and actions in words; a child's
// protection steps run their clocks onto the worklist and stop them, in
// the order Working Together sets; a partner a share names the plan to
// updates its own action and adds a note, and the force sees both. At 1280
// and 320 pixels, by keyboard where it matters, each page checked by axe.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, assertAccessible, caseWith, errorList, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
const iso = (d) => d.toISOString().slice(0, 10);
const words = (s) => { const [y, m, d] = s.split('-').map(Number); return `${d} ${months[m - 1]} ${y}`; };
const daysFromToday = (n) => { const d = new Date(); d.setUTCDate(d.getUTCDate() + n); return iso(d); };
const today = daysFromToday(0);

// Fills the date input whose day box has the id ('' empties it).
async function fillDateOf(page, id, date) {
  const [y, m, d] = date ? date.split('-').map(Number) : ['', '', ''];
  await page.locator(`#${id}`).fill(String(d));
  await page.locator(`#${id}-month`).fill(String(m));
  await page.locator(`#${id}-year`).fill(String(y));
}

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

// axe at 1280 pixels, then at 320 with nothing wider than the screen.
async function bothWidths(page, label) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await assertAccessible(page, assert, label);
  await page.setViewportSize({ width: 320, height: 640 });
  assert.ok(await overflow(page) <= 0, `${label}: nothing wider than 320 pixels`);
  await assertAccessible(page, assert, label);
  await page.setViewportSize({ width: 1280, height: 900 });
}

// The next working day after today, by the bank holidays the server counts.
async function nextWorkingDay(api) {
  const holidays = new Set((await api.call('GET', '/api/v1/bank-holidays')).body.items.map((h) => h.day));
  const d = new Date(`${today}T00:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1); while ([0, 6].includes(d.getUTCDay()) || holidays.has(iso(d)));
  return iso(d);
}

// A plan made through the API for the case's first person.
async function planFor(api, c) {
  const link = (await api.call('GET', `/api/v1/cases/${c.id}`)).body.people[0].id;
  const made = await api.call('POST', `/api/v1/cases/${c.id}/people/${link}/safeguarding-plan`, { review_on: daysFromToday(90) });
  assert.equal(made.status, 201);
  return { link, plan: made.body.id };
}

async function orgId(api, name) {
  return (await api.call('GET', '/api/v1/organisations')).body.items.find((o) => o.name === name).id;
}

const riskRow = (page, text) => page.locator('#risks tr', { hasText: text });
const actionRow = (page, text) => page.locator('#actions tr', { hasText: text });
const step = (page, name) => page.locator('#cp-steps li').filter({ has: page.getByText(name, { exact: true }) });
const stepStatus = (page, name) => step(page, name).locator('.govuk-task-list__status');

test('the force makes a plan for a victim, adds a risk and an action owned by a partner, and reads them in words', async () => {
  const { api, c } = await caseWith('Car wash, Swindon', { given_names: 'Besnik', family_name: 'Gashi', estimated_age: 31 });
  const page = await signedIn();
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByRole('link', { name: 'Make a safeguarding plan for Besnik Gashi' }).click();
  await page.getByRole('heading', { name: 'Make a safeguarding plan' }).waitFor();
  await page.locator('#plan-form').waitFor();
  assert.match(await page.locator('#who').textContent(), /^Besnik Gashi, MS-\d{4}-\d{5}$/);
  await bothWidths(page, 'make a safeguarding plan');
  await fillDateOf(page, 'review_on', '2027-02-30');
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Review date must be a real date']);
  const review = daysFromToday(90);
  await fillDateOf(page, 'review_on', review);
  await page.getByLabel('Other agencies involved (optional)').fill('Haven Trust Victim Support\nSwindon Borough Council\n');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you make the plan for Besnik Gashi' }).waitFor();
  assert.match(await page.locator('#check-answers').textContent(), new RegExp(`Review date${words(review)}.*Haven Trust Victim Support, Swindon Borough Council`));
  await assertAccessible(page, assert, 'make a plan: check your answers');
  await page.getByRole('button', { name: 'Make the plan' }).click();

  await page.getByRole('heading', { name: 'Safeguarding plan', exact: true }).waitFor();
  assert.match(await page.locator('#finished').textContent(), /Safeguarding plan made for Besnik Gashi.*Add the risks and actions next/);
  await page.locator('#plan-body').waitFor();
  const details = await page.locator('#details').textContent();
  assert.match(details, /PersonBesnik Gashi/);
  assert.match(details, /CaseMS-\d{4}-\d{5}: Car wash, Swindon/);
  assert.match(details, new RegExp(`Review date${words(review)}`));
  assert.match(details, /Agencies involvedHaven Trust Victim Support, Swindon Borough Council/);
  assert.equal(await page.locator('#child-protection').isVisible(), false, 'an adult has no child protection steps');
  assert.equal(await page.getByRole('link', { name: /: Car wash, Swindon$/ }).first().getAttribute('href'), `/case?id=${c.id}`);

  // A risk: what is missing is named, then it shows by its level in words.
  await page.getByText('Add a risk').click();
  await page.getByRole('button', { name: 'Add the risk' }).click();
  assert.deepEqual(await errorList(page), ['Say what the risk is', 'Select how high the risk is']);
  await page.getByLabel('What is the risk?').fill('Contact from the gang, who know where his family live');
  await page.locator('#risk-form').getByLabel('High', { exact: true }).check();
  await page.getByRole('button', { name: 'Add the risk' }).click();
  await page.getByText('Risk added').waitFor();
  assert.match(await page.locator('#finished').textContent(), /High: Contact from the gang/);
  const risk = riskRow(page, 'Contact from the gang');
  assert.equal(await risk.locator('.govuk-tag').textContent(), 'High');
  assert.match(await risk.locator('.govuk-tag').getAttribute('class'), /govuk-tag--red/);

  // An action owned by a partner, with a named person and a due date.
  await page.getByText('Add an action').click();
  await page.getByRole('button', { name: 'Add the action' }).click();
  assert.deepEqual(await errorList(page), ['Say what is to be done', 'Select the organisation that owns the action', 'Enter the due date']);
  await page.getByLabel('What is to be done?').fill('Find safe housing away from Swindon');
  await page.locator('#action-form').getByLabel('Haven Trust Victim Support').check();
  await page.getByLabel('Person responsible (optional)').fill('Jo Price');
  const due = daysFromToday(7);
  await fillDateOf(page, 'due_on', due);
  await page.getByRole('button', { name: 'Add the action' }).click();
  await page.getByText('Action added').waitFor();
  const action = actionRow(page, 'Find safe housing');
  const text = await action.textContent();
  assert.match(text, /Haven Trust Victim Support/);
  assert.match(text, /Jo Price/);
  assert.match(text, new RegExp(words(due)));
  assert.equal(await action.locator('.govuk-tag').textContent(), 'Open');
  assert.doesNotMatch(await page.locator('main').textContent(), /no_apparent_risk|in_progress|owner_organisation_id/);

  // The review date and agencies change on their own page.
  await page.getByRole('link', { name: 'Change the review date' }).click();
  await page.getByRole('heading', { name: 'Change the review date and agencies' }).waitFor();
  await page.locator('#plan-form').waitFor();
  assert.equal(await page.locator('#who').textContent(), 'Besnik Gashi');
  assert.equal(await page.getByLabel('Other agencies involved').inputValue(), 'Haven Trust Victim Support\nSwindon Borough Council');
  await assertAccessible(page, assert, 'change a safeguarding plan');
  await fillDateOf(page, 'review_on', '');
  await page.getByRole('button', { name: 'Save changes' }).click();
  assert.deepEqual(await errorList(page), ['Enter the review date']);
  const later = daysFromToday(120);
  await fillDateOf(page, 'review_on', later);
  await page.getByLabel('Other agencies involved').fill('Haven Trust Victim Support');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Safeguarding plan changed').waitFor();
  await page.locator('#plan-body').waitFor();
  assert.match(await page.locator('#details').textContent(), new RegExp(`Review date${words(later)}.*Agencies involvedHaven Trust Victim Support`));

  // The level changes from the keyboard: the row's button, an arrow, Enter.
  await page.getByRole('button', { name: 'Change level of the risk: Contact from the gang, who know where his family live' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.value), 'high', 'the risk\'s level is chosen, and focused');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByText('Risk level changed').waitFor();
  assert.equal(await riskRow(page, 'Contact from the gang').locator('.govuk-tag').textContent(), 'Medium');
  await bothWidths(page, 'safeguarding plan with a risk and an action');

  const plan = (await api.call('GET', `/api/v1/cases/${c.id}`)).body.people[0].safeguarding_plan_id;
  const saved = (await api.call('GET', `/api/v1/safeguarding-plans/${plan}`)).body;
  assert.equal(saved.risks[0].level, 'medium');
  assert.equal(saved.actions[0].owner.name, 'Haven Trust Victim Support');
  // The case leads to the plan now.
  await page.goto(`${server.base}/case?id=${c.id}`);
  assert.equal(await page.getByRole('link', { name: 'Safeguarding plan for Besnik Gashi' }).getAttribute('href'), `/safeguarding-plan?id=${plan}`);
  await page.close();
});

test('a child\'s strategy discussion clock runs onto the worklist and stops, and steps come only in order', async () => {
  const { api, c } = await caseWith('Cannabis grow, Chippenham', { given_names: 'Minh', family_name: 'Nguyen', estimated_age: 15 }, 'potential_victim', ['criminal']);
  const { plan } = await planFor(api, c);
  const page = await signedIn();
  await page.goto(`${server.base}/safeguarding-plan?id=${plan}`);
  await page.locator('#plan-body').waitFor();
  assert.equal(await page.locator('#who').textContent(), 'Minh Nguyen');
  assert.equal(await page.locator('#details .govuk-tag', { hasText: 'Child' }).count(), 1);
  assert.equal(await page.locator('#cp-next').textContent(), 'Telling the local authority is next.');
  assert.equal(await stepStatus(page, 'Strategy discussion').textContent(), 'Cannot start yet');
  await bothWidths(page, 'child protection before the local authority is told');

  // The local authority told today: the strategy discussion is due on the next working day.
  const form = page.locator('#cp-form');
  assert.equal(await page.locator('#cp-form-heading').textContent(), 'Record the next step: local authority told');
  await form.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select the local authority that was told', 'Enter the date the local authority was told']);
  await form.getByLabel('Demo County Council Children\'s Services').check();
  await fillDateOf(page, 'cp_on', today);
  await form.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before you record telling the local authority' }).waitFor();
  assert.match(await page.locator('#check-answers').textContent(), new RegExp(`Local authority told.*Demo County Council Children's Services.*${words(today)}`));
  await assertAccessible(page, assert, 'child protection step: check your answers');
  await page.getByRole('button', { name: 'Record the step' }).click();
  await page.getByText('Local authority told recorded').waitFor();
  const strategyDue = await nextWorkingDay(api);
  assert.match(await page.locator('#finished').textContent(), new RegExp(`The strategy discussion is due on ${words(strategyDue)}`));
  await page.locator('#plan-body').waitFor();
  assert.equal(await stepStatus(page, 'Strategy discussion').textContent(), `Due on ${words(strategyDue)}`);
  assert.equal(await stepStatus(page, 'Local authority told').textContent(), 'Done');
  assert.match(await step(page, 'Local authority told').textContent(), new RegExp(`${words(today)}: Demo County Council Children's Services`));
  await bothWidths(page, 'child protection with the strategy discussion due');

  // The worklist names the child, tagged as one, and leads to the plan.
  await page.goto(`${server.base}/?kind=cp_strategy_due&limit=200`);
  await page.locator('#worklist').waitFor();
  const table = page.locator('#worklist-groups table', { has: page.locator('caption', { hasText: 'Child protection: strategy discussion due' }) });
  const row = table.locator('tr', { hasText: 'Minh Nguyen' });
  assert.equal(await row.count(), 1);
  assert.equal(await row.locator('.govuk-tag', { hasText: 'Child' }).count(), 1);
  assert.equal(await row.getByRole('link', { name: c.reference }).getAttribute('href'), `/safeguarding-plan?id=${plan}`);
  await row.getByRole('link', { name: c.reference }).click();
  await page.locator('#plan-body').waitFor();

  // A strategy discussion before the local authority was told is refused, in the error summary.
  assert.equal(await page.locator('#cp-form-heading').textContent(), 'Record the next step: strategy discussion');
  await page.locator('#cp-form').getByLabel('Section 47 enquiries to be made').check();
  await fillDateOf(page, 'cp_on', daysFromToday(-1));
  await page.locator('#cp-form').getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Record the step' }).click();
  await page.waitForFunction(() => !document.getElementById('error-summary').hidden);
  assert.deepEqual(await errorList(page), ['Date of the strategy discussion must be on or after the day of the step it follows']);
  assert.equal(await page.locator('#cp-form').isVisible(), true, 'the form is back to be corrected');
  await assertAccessible(page, assert, 'child protection step refused');
  await fillDateOf(page, 'cp_on', today);
  await page.locator('#cp-form').getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Record the step' }).click();
  await page.getByText('Strategy discussion recorded').waitFor();
  await page.locator('#plan-body').waitFor();
  assert.equal(await stepStatus(page, 'Strategy discussion').textContent(), 'Done');
  assert.match(await step(page, 'Strategy discussion').textContent(), new RegExp(`${words(today)}: Section 47 enquiries to be made`));
  assert.equal(await stepStatus(page, 'Section 47 enquiries').textContent(), 'To do');
  assert.equal(await page.locator('#cp-form-heading').textContent(), 'Record the next step: section 47 enquiries');
  assert.deepEqual(await page.locator('#cp_outcome-group label').allTextContents(), ['At risk of significant harm', 'Not at risk of significant harm']);

  // The clock stopped: the child is gone from the strategy discussions due.
  const worklist = await signedIn();
  await worklist.goto(`${server.base}/?kind=cp_strategy_due&limit=200`);
  await worklist.locator('#worklist').waitFor();
  assert.equal(await worklist.locator('#worklist-groups tr', { hasText: 'Minh Nguyen' }).count(), 0);
  await worklist.close();

  // Someone else records the enquiries' outcome meanwhile: this page's
  // attempt is refused with the API's reason, and the page moves on.
  await page.locator('#cp-form').getByLabel('At risk of significant harm', { exact: true }).check();
  await fillDateOf(page, 'cp_on', today);
  await page.locator('#cp-form').getByRole('button', { name: 'Continue' }).click();
  const other = await api.call('POST', `/api/v1/safeguarding-plans/${plan}/child-protection`, { step: 'section_47_outcome', on: today, outcome: 'significant_harm' });
  assert.equal(other.status, 200);
  await page.getByRole('button', { name: 'Record the step' }).click();
  await page.waitForFunction(() => !document.getElementById('error-summary').hidden);
  assert.deepEqual(await errorList(page), ['Section 47 enquiries was not recorded: this step is recorded already.']);
  assert.equal(await page.locator('#cp-form-heading').textContent(), 'Record the next step: initial child protection conference');
  assert.match(await stepStatus(page, 'Initial child protection conference').textContent(), /^Due on /);
  await page.close();
});

test('a partner a share names the plan to updates its own action and adds a note, and the force sees both', async () => {
  const { api, c } = await caseWith('Nail bar, Salisbury', { given_names: 'Agnesa', family_name: 'Krasniqi', estimated_age: 24 });
  const { link, plan } = await planFor(api, c);
  const council = await orgId(api, 'Demo County Council Adult Safeguarding');
  const force = await orgId(api, 'Demo Constabulary');
  await api.call('POST', `/api/v1/safeguarding-plans/${plan}/risks`, { description: 'Debt the exploiters say is owed', level: 'no_apparent_risk' });
  for (const [description, owner] of [['Arrange a Care Act assessment', council], ['Take her account on video', force]]) {
    assert.equal((await api.call('POST', `/api/v1/safeguarding-plans/${plan}/actions`, { description, owner_organisation_id: owner, due_on: daysFromToday(-2) })).status, 201);
  }
  const shared = await api.call('POST', `/api/v1/cases/${c.id}/people/${link}/shares`, {
    organisation_id: council, sections: ['identity', 'safeguarding_plan'], purpose: 'safeguarding', basis: 'vital_interests',
    reason: 'Threats from the people who controlled her', expires_on: daysFromToday(30),
  });
  assert.equal(shared.status, 201);

  const partner = await signedIn('partner.evans');
  // Their home says what the plan asks of them: their own actions only.
  await partner.goto(`${server.base}/`);
  const asked = partner.locator('#shares-body tr', { hasText: 'Agnesa Krasniqi' });
  await asked.waitFor();
  assert.match(await asked.textContent(), /Arrange a Care Act assessment, by \d+ \w+ \d{4}/);
  assert.doesNotMatch(await asked.textContent(), /Take her account on video/);
  // The share shows the plan in words and leads to it.
  await partner.goto(`${server.base}/share?id=${shared.body.id}`);
  const section = partner.locator('section[data-section="safeguarding_plan"]');
  await section.waitFor();
  assert.match(await section.textContent(), /Arrange a Care Act assessment: Demo County Council Adult Safeguarding, by \d+ \w+ \d{4}, open/);
  assert.doesNotMatch(await section.textContent(), /\[object Object\]/);
  await section.getByRole('link', { name: 'Open the safeguarding plan' }).click();
  await partner.waitForURL(/\/safeguarding-plan\?id=/);
  await partner.locator('#plan-body').waitFor();
  assert.equal(await partner.locator('#who').textContent(), 'Agnesa Krasniqi');
  assert.match(await partner.locator('#details').textContent(), new RegExp(`CasePolice case reference ${c.reference}`));
  // Nothing the force alone does is offered.
  for (const what of ['Add a risk', 'Add an action']) assert.equal(await partner.getByText(what).isVisible(), false, `no ${what}`);
  assert.equal(await partner.getByRole('button', { name: /^Change level/ }).count(), 0);
  assert.equal(await partner.getByRole('link', { name: /^Change/ }).count(), 0);
  assert.equal(await actionRow(partner, 'Take her account on video').getByRole('button', { name: /^Update/ }).count(), 0, 'no Update on the force\'s action');
  const mine = actionRow(partner, 'Arrange a Care Act assessment');
  assert.equal(await mine.locator('.govuk-tag', { hasText: 'Overdue' }).count(), 1);
  await bothWidths(partner, 'safeguarding plan seen by a partner');

  // Their own action: In progress, due a week on.
  await mine.getByRole('button', { name: 'Update the action: Arrange a Care Act assessment' }).click();
  await partner.locator('#update-form').getByLabel('In progress').check();
  await fillDateOf(partner, 'update_due', daysFromToday(7));
  await assertAccessible(partner, assert, 'a partner updating its action');
  await partner.getByRole('button', { name: 'Save the update' }).click();
  await partner.getByText('Action updated').waitFor();
  assert.equal(await actionRow(partner, 'Arrange a Care Act assessment').locator('.govuk-tag').textContent(), 'In progress');

  // A note, which says which organisation wrote it.
  await partner.getByText('Add a note').click();
  await partner.getByRole('button', { name: 'Add the note' }).click();
  assert.deepEqual(await errorList(partner), ['Enter the note']);
  await partner.getByLabel('Note', { exact: true }).fill('Assessment booked with the duty social worker for Thursday.');
  await partner.getByRole('button', { name: 'Add the note' }).click();
  await partner.getByText('Note added').waitFor();
  await partner.locator('#notes .moj-timeline__item').first().waitFor();
  assert.match(await partner.locator('#notes').textContent(), /Demo County Council Adult Safeguarding.*by Cerys Evans.*Assessment booked/);
  await partner.close();

  // The force sees the action moved on and the partner's note.
  const page = await signedIn();
  await page.goto(`${server.base}/safeguarding-plan?id=${plan}`);
  await page.locator('#plan-body').waitFor();
  const theirs = actionRow(page, 'Arrange a Care Act assessment');
  assert.equal(await theirs.locator('.govuk-tag').last().textContent(), 'In progress');
  assert.match(await theirs.textContent(), new RegExp(words(daysFromToday(7))));
  assert.match(await page.locator('#notes .moj-timeline__item').first().textContent(), /Demo County Council Adult Safeguarding.*by Cerys Evans.*Assessment booked with the duty social worker/);
  assert.equal(await riskRow(page, 'Debt the exploiters say is owed').locator('.govuk-tag').textContent(), 'No apparent risk');
  assert.equal(await actionRow(page, 'Take her account on video').getByRole('button', { name: /^Update/ }).count(), 1, 'the force updates every action');
  await page.close();
});
