// Deleting one's account from the settings, with the password as confirmation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE, PASSWORD, noProblems, signUp, uniqueName, withBrowser } from '../lib.mjs';

describe('account deletion', () => {
  const b = withBrowser();

  it('asks for the password, then signs out for good', async () => {
    const name = uniqueName('leaver');
    const page = await signUp(b.browser, name);
    await page.click('#open-settings');
    await page.fill('#delete-password', 'Not-my-password-1');
    await page.click('#delete-form button[type=submit]');
    await page.waitForSelector('#delete-error:not([hidden])');
    assert.equal(await page.textContent('#delete-error'), 'That password is not right.');
    await page.selectOption('#delete-type', 'hard');
    await page.fill('#delete-password', PASSWORD);
    await page.click('#delete-form button[type=submit]');
    await page.waitForURL(`${BASE}/login`);
    await page.fill('#username', name);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForLoadState();
    assert.equal(await page.textContent('#form-error'), 'Invalid credentials');
    noProblems(page);
  });
});
