// Documents and photographs in real Chromium: adding one through Check your
// answers with its progress shown, the case's documents table (kind, who it
// is about, who added it and when, a photograph's thumbnail), downloads
// (a sealed one only with a stated purpose), a virus refused in the error
// summary, deleting with a reason, and the pages by keyboard at 320 pixels.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { test } from 'node:test';
import { assertAccessible, caseWith, errorList, longDate, screenshot, server, shareServerAndBrowser, signedIn } from './harness.mjs';

shareServerAndBrowser();

// A small PDF, as libmagic knows one.
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n'
  + '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n'
  + '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n'
  + 'trailer <</Root 1 0 R>>\n%%EOF\n');

// A real PNG of w by h pixels in two colours, for libvips to make a thumbnail of.
function png(w, h) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const rows = [];
  for (let y = 0; y < h; y++) {
    rows.push(0);
    for (let x = 0; x < w; x++) rows.push(...(x < w / 2 ? [29, 112, 184] : [255, 221, 0]));
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

// The EICAR test file, in two halves so that no scanner flags this source.
const eicar = Buffer.from(`${'X5O!P%@AP[4\\PZX54(P^)7CC)7}$'}${'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'}`);

const person = { given_names: 'Mirela', family_name: 'Dobre', nationalities: ['RO'] };

// Fills the add-a-document form as a person would and continues to Check your answers.
async function fillForm(page, { name, mimeType, buffer, kind, title, about, sealed }) {
  await page.getByLabel('Choose the file').setInputFiles({ name, mimeType, buffer });
  await page.getByRole('radio', { name: kind }).check();
  await page.getByLabel('Title').fill(title);
  if (about) await page.getByLabel('Who is it about? (optional)').selectOption({ label: about });
  if (sealed) await page.getByRole('checkbox', { name: 'Seal this document' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your answers before adding the document' }).waitFor();
}

test('an investigator adds a statement through Check your answers, sees it sent, and downloads it', async () => {
  const { api, c } = await caseWith('Car wash in Hull', person);
  const me = (await api.call('GET', '/api/v1/me')).body.user.display_name;
  const page = await signedIn('dc.jones');
  await page.goto(`${server.base}/case?id=${c.id}`);
  await page.getByText('No documents yet').waitFor();
  await page.getByRole('link', { name: 'Add a document' }).click();
  await page.getByRole('heading', { name: 'Add a document' }).waitFor();
  assert.equal(await page.locator('#who').textContent(), `${c.reference}: Car wash in Hull`);
  await assertAccessible(page, assert, 'add a document');
  // Nothing chosen: the error summary names each answer missing.
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.deepEqual(await errorList(page), ['Select a file', 'Select what kind of document it is', 'Enter a title']);
  await fillForm(page, { name: 'statement-dobre.pdf', mimeType: 'application/pdf', buffer: pdf, kind: 'Statement', title: 'Witness statement of Mirela Dobre', about: 'Mirela Dobre' });
  const answers = await page.locator('#check-answers .govuk-summary-list__row').allInnerTexts();
  assert.match(answers.join('\n'), /statement-dobre\.pdf/);
  assert.match(answers.join('\n'), /About\s+Mirela Dobre/);
  await assertAccessible(page, assert, 'add a document check answers');
  // The answer is held back a moment, so that the progress can be seen.
  await page.route('**/api/v1/cases/*/documents', async (route) => {
    await new Promise((r) => { setTimeout(r, 400); });
    await route.continue();
  });
  await page.getByRole('button', { name: 'Add the document' }).click();
  await page.locator('#upload-progress').waitFor();
  assert.match(await page.locator('#upload-label').textContent(), /statement-dobre\.pdf/);
  await screenshot(page, 'add-a-document-sending-1280');
  await page.getByRole('heading', { name: 'Document added' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/case');
  const row = page.locator('#documents-body tr', { hasText: 'Witness statement of Mirela Dobre' });
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[1], 'Statement');
  assert.equal(cells[2], 'Mirela Dobre');
  assert.equal(cells[3], `${me}${longDate(new Date().toISOString())}`); // on two lines
  await assertAccessible(page, assert, 'case with a document');
  // Downloaded, it is the file as sent, under its own name.
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: /^Witness statement/ }).click()]);
  assert.equal(download.suggestedFilename(), 'statement-dobre.pdf');
  assert.deepEqual(readFileSync(await download.path()), pdf);
  await page.close();
});

test('a file with a virus is refused in the error summary; a photograph dropped on the field shows as a thumbnail', async () => {
  const { c } = await caseWith('Nail bar in Leeds', person);
  const page = await signedIn('dc.jones');
  await page.goto(`${server.base}/add-document?case=${c.id}`);
  await page.getByRole('heading', { name: 'Add a document' }).waitFor();
  await fillForm(page, { name: 'note.txt', mimeType: 'text/plain', buffer: eicar, kind: 'Other', title: 'A note left at the address' });
  await page.getByRole('button', { name: 'Add the document' }).click();
  await page.locator('#error-summary').waitFor();
  const [message] = await errorList(page);
  assert.match(message, /^The selected file contains a virus/);
  assert.equal(await page.locator('#error-list a').getAttribute('href'), '#file');
  assert.ok(await page.locator('#file-group').evaluate((g) => g.classList.contains('govuk-form-group--error')));
  await assertAccessible(page, assert, 'add a document refused');
  // The form is still filled in: another file, dropped on the field, goes
  // as a photograph.
  await page.locator('#file-dropzone').evaluate((zone, bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'mirela.png', { type: 'image/png' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [...png(64, 48)]);
  assert.equal(await page.locator('#file').evaluate((i) => i.files[0].name), 'mirela.png');
  await page.getByRole('radio', { name: 'Photograph' }).check();
  await page.getByLabel('Title').fill('Photograph of Mirela Dobre');
  await page.getByLabel('Who is it about? (optional)').selectOption({ label: 'Mirela Dobre' });
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Add the document' }).click();
  await page.getByRole('heading', { name: 'Document added' }).waitFor();
  const thumb = page.getByRole('img', { name: 'Photograph: Photograph of Mirela Dobre' });
  await thumb.waitFor();
  assert.equal(await thumb.getAttribute('loading'), 'lazy');
  await page.waitForFunction(() => document.querySelector('.waymark-thumbnail')?.complete);
  assert.ok(await thumb.evaluate((i) => i.naturalWidth > 0), 'the thumbnail loads');
  await page.close();
});

test('a sealed document is downloaded only with a stated purpose, and never by an analyst', async () => {
  const { api, c, p } = await caseWith('Farm work near Boston', person);
  const page = await signedIn('dc.jones');
  await page.goto(`${server.base}/add-document?case=${c.id}`);
  await fillForm(page, { name: 'home-office-letter.pdf', mimeType: 'application/pdf', buffer: pdf, kind: 'Correspondence', title: 'Home Office letter', about: 'Mirela Dobre', sealed: true });
  await page.getByRole('button', { name: 'Add the document' }).click();
  await page.getByRole('heading', { name: 'Document added' }).waitFor();
  const row = page.locator('#documents-body tr', { hasText: 'Home Office letter' });
  await row.waitFor();
  assert.equal(await row.locator('.govuk-tag').textContent(), 'Sealed');
  await row.getByRole('link', { name: /^Home Office letter/ }).click();
  const purpose = page.getByLabel('Why do you need Home Office letter?');
  assert.ok(await purpose.evaluate((i) => i === document.activeElement), 'the question is focused');
  await page.getByRole('button', { name: 'Download' }).click();
  assert.deepEqual(await errorList(page), ['Say why you need the sealed document, in at least 10 characters']);
  await purpose.fill('Preparing the immigration bail hearing');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  assert.equal(download.suggestedFilename(), 'home-office-letter.pdf');
  assert.deepEqual(readFileSync(await download.path()), pdf);
  await assertAccessible(page, assert, 'case with a sealed document');
  const docs = (await api.call('GET', `/api/v1/cases/${c.id}/documents`)).body.items;
  assert.equal(docs.length, 1);
  assert.equal(docs[0].person.id, p.id);
  await page.close();
  // An analyst sees that there is a sealed document, but neither its title
  // nor a way to download, add or delete one.
  const analyst = await signedIn('analyst.reid');
  await analyst.goto(`${server.base}/case?id=${c.id}`);
  const sealed = analyst.locator('#documents-body tr', { hasText: 'A sealed correspondence' });
  await sealed.waitFor();
  assert.equal(await sealed.getByRole('link').count(), 0);
  assert.equal(await analyst.getByRole('link', { name: 'Add a document' }).count(), 0);
  await analyst.close();
});

test('at 320 pixels, by keyboard: a document is added, then deleted with a reason', async () => {
  const { c } = await caseWith('Hand car wash in Grimsby', person);
  const page = await signedIn('dc.jones', { viewport: { width: 320, height: 640 } });
  await page.goto(`${server.base}/add-document?case=${c.id}`);
  await page.getByRole('heading', { name: 'Add a document' }).waitFor();
  await assertAccessible(page, assert, 'add a document');
  // Tab from the top of the form reaches the file input first.
  await page.locator('#who').click();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'file');
  await page.locator('#file').setInputFiles({ name: 'consent.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space'); // the first kind: Consent form
  assert.ok(await page.getByRole('radio', { name: 'Consent form' }).isChecked());
  await page.getByLabel('Title').focus();
  await page.keyboard.type('Signed NRM consent form');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Check your answers before adding the document' }).waitFor();
  await assertAccessible(page, assert, 'add a document check answers');
  await page.getByRole('button', { name: 'Add the document' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Document added' }).waitFor();
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= 320, `the case page is ${scroll} pixels wide`);
  await page.getByRole('link', { name: 'Delete Signed NRM consent form' }).click();
  await page.getByRole('heading', { name: 'Delete Signed NRM consent form?' }).waitFor();
  await assertAccessible(page, assert, 'delete a document');
  await page.getByRole('button', { name: 'Delete the document' }).click();
  assert.deepEqual(await errorList(page), ['Enter why you are deleting the document']);
  await page.getByLabel('Why are you deleting it?').fill('Added to the wrong case');
  await page.getByRole('button', { name: 'Delete the document' }).click();
  await page.getByRole('heading', { name: 'Document deleted' }).waitFor();
  await page.getByText('No documents yet').waitFor();
  await page.close();
});
