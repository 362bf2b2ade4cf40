// The doors: sign-up with live password rules and inline errors, sign-in errors and lockout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE, PASSWORD, noProblems, openPage, shot, signUp, submitSignup, uniqueName, withBrowser } from '../lib.mjs';

describe('sign-up and sign-in pages', () => {
  const b = withBrowser();

  it('password rules tick off while typing and mismatches are shown inline', async () => {
    const page = await openPage(b.browser);
    await page.goto(`${BASE}/signup`);
    const met = () => page.$$eval('[data-rule].met', (items) => items.map((i) => i.dataset.rule).sort());
    await page.fill('#password', 'abc');
    assert.deepEqual(await met(), []);
    await page.fill('#password', 'Abcdefg1');
    assert.deepEqual(await met(), ['digit', 'length', 'upper']);
    await page.fill('#password', 'Abcdefg1!');
    assert.deepEqual(await met(), ['digit', 'length', 'special', 'upper']);
    await page.fill('#confirm_password', 'Abcdefg1?');
    assert.equal(await page.isVisible('#confirm-error'), true);
    await page.fill('#username', 'bad name!');
    await page.click('button[type=submit]');
    assert.equal(await page.isVisible('#username-error'), true, 'a bad username is flagged before sending');
    assert.equal(page.url(), `${BASE}/signup`, 'nothing was sent');
    await shot(page, 'signup-rules');
    noProblems(page);
    await page.context().close();
  });

  it('the server’s refusal is shown inline with the name kept', async () => {
    const name = uniqueName('taken');
    const first = await signUp(b.browser, name);
    await first.context().close();
    const page = await openPage(b.browser);
    await submitSignup(page, name);
    await page.waitForSelector('#form-error:not([hidden])');
    assert.equal(await page.textContent('#form-error'), 'User already exists');
    assert.equal(await page.inputValue('#username'), name);
    await page.context().close();
  });

  it('wrong passwords, then the lockout message', async () => {
    const name = uniqueName('locked');
    const user = await signUp(b.browser, name);
    await user.context().close();
    const page = await openPage(b.browser);
    await page.goto(`${BASE}/login`);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await page.fill('#username', name);
      await page.fill('#password', 'Wrong-password-1');
      await page.click('button[type=submit]');
      await page.waitForLoadState();
      const error = await page.textContent('#form-error');
      if (attempt < 5) assert.equal(error, 'Invalid credentials');
      else {
        assert.match(error, /^Account locked due to too many failed login attempts\. Try again in \d+ minutes?\.$/);
        assert.match(await page.getAttribute('#form-error', 'class'), /locked/);
      }
    }
    await shot(page, 'login-locked');
    await page.context().close();
  });

  it('signing in opens the chat; signing out returns to the sign-in page', async () => {
    const name = uniqueName('door');
    const first = await signUp(b.browser, name);
    await first.click('.logout-form button');
    await first.waitForURL(`${BASE}/login`);
    await first.fill('#username', name);
    await first.fill('#password', PASSWORD);
    await first.click('button[type=submit]');
    await first.waitForSelector('body.ready');
    assert.equal(await first.textContent('#me-name'), name);
    noProblems(first);
    await first.context().close();
  });
});
