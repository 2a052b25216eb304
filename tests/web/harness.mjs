// Browser test support: a real waymark server on a free loopback port with
// the demo data, and Debian's Chromium driven by playwright-core.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

const BIN = process.env.WAYMARK_BIN || 'build/waymark';
export const DEMO_PASSWORD = 'demo-password-2026';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function startServer() {
  const dir = mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'waymark-web-'));
  const db = `sqlite:${dir}/web.db`;
  process.env.WAYMARK_KEY_FILE = `${dir}/web.key`;
  // scripts/run-tests.sh loads the demo data once into WAYMARK_WEB_TEMPLATE
  // (web.db and the key its sealed fields were sealed under); each file
  // starts from a copy of it. Without one, the file loads its own.
  const template = process.env.WAYMARK_WEB_TEMPLATE;
  if (template && existsSync(`${template}/web.db`)) {
    for (const f of ['web.db', 'web.db-wal', 'web.key']) {
      if (existsSync(`${template}/${f}`)) copyFileSync(`${template}/${f}`, `${dir}/${f}`);
    }
    chmodSync(`${dir}/web.key`, 0o600);
    // The demo's documents, kept beside the database as the server finds them.
    if (existsSync(`${template}/documents`)) cpSync(`${template}/documents`, `${dir}/documents`, { recursive: true });
  } else {
    for (const args of [['init', '--db', db], ['demo', '--db', db]]) {
      const r = spawnSync(BIN, args, { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`waymark ${args[0]} failed: ${r.stderr}`);
    }
  }
  const port = await freePort();
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--static', 'build/web'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    base,
    db,
    log: () => log,
    async stop() {
      const exited = new Promise((r) => proc.on('exit', (code) => r(code)));
      proc.kill('SIGTERM');
      return exited;
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Fails with a readable list when axe finds any WCAG 2.2 A/AA violation.
// Screenshots of each page the tests check, kept for review after the run
// (WAYMARK_SHOTS, or build/screenshots): "<label>-<width>.png".
export const shotsDir = process.env.WAYMARK_SHOTS || 'build/screenshots';
mkdirSync(shotsDir, { recursive: true });

export async function screenshot(page, name) {
  await page.screenshot({ path: `${shotsDir}/${name}.png`, fullPage: true });
}

// axe-core over the page (WCAG 2.2 A and AA), and its screenshot kept.
export async function assertAccessible(page, assert, label) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  const problems = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  assert.deepEqual(problems, [], `${label}: accessibility violations`);
  const width = page.viewportSize() ? page.viewportSize().width : 0;
  await screenshot(page, `${label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${width}`);
}

// Signs in through the page, as a person would.
export async function signIn(page, base, username, password = DEMO_PASSWORD) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// RFC 6238 code for a base32 secret at unix time t (seconds).
export function totp(secret, t = Date.now() / 1000) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
  const h = createHmac('sha1', Buffer.from(bytes)).update(counter).digest();
  const o = h[h.length - 1] & 15;
  const n = ((h[o] & 127) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1000000).padStart(6, '0');
}

// An API session from node, for setting things up.
// A busy server (503) says when to try again, and is tried again; any other
// refusal fails with what the server said.
export async function apiSession(base, username, password = DEMO_PASSWORD) {
  let res;
  for (let tries = 0; ; tries++) {
    res = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 503 || tries === 3) break;
    await new Promise((r) => { setTimeout(r, 1000 * Number(res.headers.get('retry-after') || 1)); });
  }
  const body = await res.json();
  if (res.status !== 201) throw new Error(`signing in as ${username} answered ${res.status}: ${JSON.stringify(body)}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  return {
    async call(method, path, data, headers = {}) {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': body.csrf_token, ...headers },
        body: data === undefined ? undefined : JSON.stringify(data),
      });
      return { status: r.status, body: r.status === 204 ? null : await r.json() };
    },
  };
}

// A page in its own browser context (its own cookies), closed with it. The
// context may already be gone when the browser closes first: that is fine.
export async function newPage(browser, options) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on('close', () => context.close().catch(() => {}));
  return page;
}

// The server and the browser a file's tests share, set before its first test
// by shareServerAndBrowser().
export let server;
export let browser;

// Starts a server with the demo data and a browser before the file's first
// test, and closes both after its last: the server must stop cleanly.
export function shareServerAndBrowser() {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    assert.equal(await server?.stop(), 0, 'the server stops cleanly on SIGTERM');
  });
}

// A new page, signed in as the user and showing the home page.
export async function signedIn(username = 'dc.jones', options = {}) {
  const page = await newPage(browser, options);
  await signIn(page, server.base, username);
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
  return page;
}

// The messages of the page's error summary, in order.
// The names chosen so far in a names field (nationalities, languages).
export const chosen = (page, id) => page.locator(`#${id}-chosen li`).evaluateAll((ls) => ls.map((l) => l.dataset.value));
export const errorList = (page) => page.locator('.govuk-error-summary__list li').allTextContents();

// Fills the first date on the page.
export async function fillDate(page, day, month, year) {
  await page.getByLabel('Day').first().fill(day);
  await page.getByLabel('Month').first().fill(month);
  await page.getByLabel('Year').first().fill(year);
}

// Opens a case through the API as dc.jones and gives a new person a part in
// it; returns that API session, the case and the person.
export async function caseWith(title, person, role = 'potential_victim', types = ['labour']) {
  const api = await apiSession(server.base, 'dc.jones');
  const c = (await api.call('POST', '/api/v1/cases', { title, exploitation_types: types })).body;
  const p = (await api.call('POST', '/api/v1/people', person)).body;
  await api.call('POST', `/api/v1/cases/${c.id}/people`, { person_id: p.id, role });
  return { api, c, p };
}

// Refers a potential victim to a service of the directory, by its name, as
// an officer does through the API: their consent to share for support is
// recorded first, as the server asks of an adult. Returns the referral made.
export async function referToService(api, caseId, link, personId, serviceName, need = 'Somewhere safe to stay this week.', urgency = 'routine') {
  const consent = await api.call('PUT', `/api/v1/people/${personId}/consent`, { given: true, purposes: ['support'], method: 'verbal', language: 'en', interpreter: 'none' });
  assert.equal(consent.status, 200, JSON.stringify(consent.body));
  const service = (await api.call('GET', '/api/v1/services')).body.items.find((s) => s.name === serviceName);
  assert.ok(service, `${serviceName} is in the directory`);
  const made = await api.call('POST', `/api/v1/cases/${caseId}/people/${link}/service-referrals`, { service_id: service.id, need, urgency });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return made.body;
}

// A date as the pages write it: "4 January 2022".
export const longDate = (iso) => new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
