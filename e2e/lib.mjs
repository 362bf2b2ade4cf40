// Shared helpers of the browser tests: the browser, signed-up users, screenshots and timing.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const BASE = process.env.MINIMOST_URL || 'http://127.0.0.1:5000';
const ARTIFACTS = process.env.E2E_ARTIFACTS || join(process.cwd(), '..', 'target', 'e2e-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export const PASSWORD = 'Secret-pass-1';

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/// One browser for the enclosing suite: `const b = withBrowser()`, then `b.browser` in tests.
export function withBrowser() {
  const holder = {};
  before(async () => {
    holder.browser = await launch();
  });
  after(async () => {
    await holder.browser?.close();
  });
  return holder;
}

let counter = 0;
/// A username that no other test (nor an earlier run against the same server) has taken.
export function uniqueName(prefix) {
  counter += 1;
  return `${prefix}${Date.now().toString(36).slice(-5)}${counter}`;
}

/// A page in its own browser context (`touch: true` for a touch screen); page errors and console
/// errors fail the test that asks.
export async function openPage(browser, { touch = false, ...viewport } = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, hasTouch: touch });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) page.problems.push(`console: ${msg.text()}`);
  });
  page.on('dialog', (dialog) => {
    page.problems.push(`dialog: ${dialog.message()}`);
    dialog.dismiss();
  });
  return page;
}

/// Signs a new user up through the form (on the server at `base`) and waits for the chat to be ready.
export async function signUp(browser, name, viewport, base = BASE) {
  const page = await openPage(browser, viewport);
  await submitSignup(page, name, base);
  await page.waitForSelector('body.ready');
  page.username = name;
  return page;
}

/// Fills in and sends the sign-up form.
export async function submitSignup(page, name, base = BASE) {
  await page.goto(`${base}/signup`);
  await page.fill('#username', name);
  await page.fill('#password', PASSWORD);
  await page.fill('#confirm_password', PASSWORD);
  await page.click('button[type=submit]');
}

export async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}

export async function openChannel(page, channel) {
  await page.click(`#sidebar [data-channel="${channel}"] .side-link`);
  await waitForChannel(page, channel);
}

export async function waitForChannel(page, channel) {
  await page.waitForSelector(`body[data-channel="${channel}"] #message-scroll[data-loaded="true"]`);
}

/// Types `text` into the composer and sends it with Enter.
export async function send(page, text) {
  await page.fill('#composer-input', text);
  await page.press('#composer-input', 'Enter');
}

export function messageWith(page, text) {
  return page.locator('#message-list .msg', { hasText: text }).last();
}

/// Sends from one page and asserts the other shows the text within `limitMs`.
export async function sendAndSee(from, to, text, shown = text, limitMs = 1000) {
  const started = Date.now();
  await send(from, text);
  await to.waitForFunction(
    (t) => [...document.querySelectorAll('#message-list .msg-body')].some((n) => n.textContent.includes(t)),
    shown,
    { timeout: 5000 },
  );
  const took = Date.now() - started;
  assert.ok(took <= limitMs, `"${text}" reached ${to.username} after ${took} ms (limit ${limitMs} ms)`);
  return took;
}

/// Calls `probe` (node side) until it answers true; fails after `ms` with the last answer.
export async function eventually(probe, what, ms = 10000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last === true) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${what} (last seen: ${JSON.stringify(last)})`);
}

export function noProblems(...pages) {
  for (const page of pages) assert.deepEqual(page.problems, [], `${page.username || 'page'} had errors`);
}

/// Horizontal overflow of the document and the main panes (scrollWidth beyond clientWidth).
export function overflow(page) {
  return page.evaluate(() => {
    const boxes = { document: document.documentElement, body: document.body };
    for (const id of ['app', 'sidebar', 'main', 'message-scroll', 'composer']) boxes[id] = document.getElementById(id);
    const out = {};
    for (const [name, node] of Object.entries(boxes)) {
      if (node && node.scrollWidth > node.clientWidth + 1) out[name] = `${node.scrollWidth} > ${node.clientWidth}`;
    }
    return out;
  });
}

/// A small PNG made in the page, as a file for a file input.
export async function makePng(page, color, size = 40) {
  const base64 = await page.evaluate(
    ([c, s]) => {
      const canvas = document.createElement('canvas');
      canvas.width = s;
      canvas.height = s;
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = c;
      ctx.fillRect(0, 0, s, s);
      return canvas.toDataURL('image/png').split(',')[1];
    },
    [color, size],
  );
  return { name: `${color.replace('#', '')}.png`, mimeType: 'image/png', buffer: Buffer.from(base64, 'base64') };
}
