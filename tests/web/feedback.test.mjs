// The public feedback page in real Chromium: a victim opens the link an
// officer gave them, on a small phone (320 pixels), in each of the five
// languages, checked by axe; answers with JavaScript switched off and ends
// on the confirmation; types the code instead of following the link; and a
// link that names nothing says so in every language.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { assertAccessible, browser, caseWith, newPage, screenshot, server, shareServerAndBrowser } from './harness.mjs';

shareServerAndBrowser();

const LANGUAGES = ['en', 'sq', 'vi', 'ro', 'pl'];
const texts = Object.fromEntries(LANGUAGES.map((l) => [l, JSON.parse(readFileSync(`src/domain/feedback_texts/${l}.json`, 'utf8'))]));
const PHONE = { viewport: { width: 320, height: 640 } };

let victim;
// An invitation in the language, as an officer makes it: its link and code.
async function invite(language) {
  if (!victim) {
    victim = await caseWith('Nail bar, Fishponds Road', { given_names: 'Linh', family_name: 'Tranova' });
    victim.link = (await victim.api.call('GET', `/api/v1/cases/${victim.c.id}`)).body.people[0].id;
  }
  const res = await victim.api.call('POST', `/api/v1/cases/${victim.c.id}/people/${victim.link}/feedback-invitations`, { language });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

async function fitsTheScreen(page, label) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} is ${overflow}px wider than the screen`);
}

test('the questionnaire reads in each of the five languages on a small phone, axe-clean', async () => {
  for (const lang of LANGUAGES) {
    const { url } = await invite(lang);
    const page = await newPage(browser, PHONE);
    const res = await page.goto(`${server.base}${url}`);
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('html').getAttribute('lang'), lang);
    assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), texts[lang].title);
    // Six questions, each five answers and "prefer not to say", as radios.
    assert.equal(await page.locator('fieldset').count(), 6);
    for (const q of texts[lang].questions) {
      const group = page.getByRole('group', { name: q.text });
      assert.equal(await group.getByRole('radio').count(), 6, `${lang} ${q.id}`);
      await group.getByRole('radio', { name: texts[lang].prefer_not_to_say.label }).waitFor();
    }
    await page.getByRole('textbox', { name: texts[lang].comment.label }).waitFor();
    // Nothing of the victim or the force.
    const body = await page.locator('body').textContent();
    assert.doesNotMatch(body, /Tranova|Linh|Fishponds|Constabulary/);
    await fitsTheScreen(page, `the ${lang} questionnaire`);
    await assertAccessible(page, assert, `feedback ${lang}`);
    // A missing answer: the error summary, in the language, still axe-clean.
    await page.getByRole('button', { name: texts[lang].page.send }).click();
    await page.locator('.govuk-error-summary').waitFor();
    assert.equal(await page.locator('.govuk-error-summary__list li').count(), 6);
    await fitsTheScreen(page, `the ${lang} questionnaire with errors`);
    await assertAccessible(page, assert, `feedback ${lang} errors`);
    await page.close();
  }
});

test('a victim answers with JavaScript switched off and ends on the confirmation', async () => {
  const { url } = await invite('sq');
  const page = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
  await page.goto(`${server.base}${url}`);
  const t = texts.sq;
  const scale = t.scale.map((s) => s.label);
  // One question left out first: the page says which, and keeps the rest.
  for (const [i, q] of t.questions.entries()) {
    if (i === 5) continue;
    const group = page.getByRole('group', { name: q.text });
    await group.getByRole('radio', { name: i === 3 ? t.prefer_not_to_say.label : scale[3], exact: true }).check();
  }
  await page.getByRole('textbox', { name: t.comment.label }).fill('Oficeri ishte i sjellshëm <b>shumë</b>');
  await page.getByRole('button', { name: t.page.send }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), new RegExp(t.questions[5].text.replace(/[?]/g, '\\?')));
  assert.equal(await page.getByRole('textbox', { name: t.comment.label }).inputValue(), 'Oficeri ishte i sjellshëm <b>shumë</b>');
  assert.ok(await page.getByRole('group', { name: t.questions[0].text }).getByRole('radio', { name: scale[3], exact: true }).isChecked());
  await screenshot(page, 'feedback-sq-missing-answer-no-js-320');
  await page.getByRole('group', { name: t.questions[5].text }).getByRole('radio', { name: scale[4], exact: true }).check();
  await page.getByRole('button', { name: t.page.send }).click();
  await page.locator('.govuk-panel--confirmation').waitFor();
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), t.page.done_title);
  await screenshot(page, 'feedback-sq-confirmation-no-js-320');
  await page.close();
  // The link works once.
  const again = await newPage(browser, PHONE);
  const res = await again.goto(`${server.base}${url}`);
  assert.equal(res.status(), 410);
  assert.equal((await again.getByRole('heading', { level: 1 }).textContent()).trim(), t.page.gone_title);
  await assertAccessible(again, assert, 'feedback used link');
  await again.close();
});

test('a victim types the code instead, with JavaScript switched off', async () => {
  const { code } = await invite('vi');
  const page = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
  await page.goto(`${server.base}/feedback?lang=vi`);
  const t = texts.vi;
  await page.getByRole('textbox', { name: t.page.code_title }).fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
  await page.getByRole('button', { name: t.page.code_button }).click();
  await page.getByRole('heading', { level: 1, name: t.title }).waitFor();
  assert.match(page.url(), /\/feedback\/[A-Za-z0-9_-]{43}$/);
  await page.close();
  const form = await newPage(browser, PHONE);
  await form.goto(`${server.base}/feedback`);
  await fitsTheScreen(form, 'the code form');
  await assertAccessible(form, assert, 'feedback code form');
  await form.getByRole('button', { name: texts.en.page.code_button }).click();
  await form.locator('.govuk-error-summary').waitFor();
  await assertAccessible(form, assert, 'feedback code form error');
  await form.close();
});

test('a link that names nothing says so in every language', async () => {
  const page = await newPage(browser, PHONE);
  const res = await page.goto(`${server.base}/feedback/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
  assert.equal(res.status(), 404);
  for (const lang of LANGUAGES) {
    assert.match(await page.locator(`[lang="${lang}"]`).last().textContent(), new RegExp(texts[lang].page.not_found_title));
  }
  await fitsTheScreen(page, 'the unknown link page');
  await assertAccessible(page, assert, 'feedback unknown link');
  await page.close();
});
