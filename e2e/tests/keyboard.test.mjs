// The chat without a mouse: message actions by Tab, channels by Alt+arrows, search by Ctrl+K.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noProblems, send, signUp, uniqueName, waitForChannel, withBrowser } from '../lib.mjs';

describe('keyboard use', () => {
  const b = withBrowser();

  it('reply, switch channels and search from the keyboard', async () => {
    const page = await signUp(b.browser, uniqueName('keys'));
    await waitForChannel(page, 'general');
    await send(page, 'keyboard first');
    await page.locator('#message-list .msg-body', { hasText: 'keyboard first' }).waitFor();

    // The message's action buttons are in the tab order and show when focused.
    const reply = page.locator('#message-list .msg', { hasText: 'keyboard first' }).last().locator('[aria-label="Reply"]');
    await reply.focus();
    assert.equal(await reply.evaluate((n) => getComputedStyle(n.parentElement).opacity), '1');
    await page.keyboard.press('Enter');
    assert.match(await page.textContent('#composer-mode-text'), /Replying to/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'composer-input');
    await page.keyboard.press('Escape');
    assert.equal(await page.isVisible('#composer-mode'), false);

    // A draft stays with its channel.
    await page.fill('#composer-input', 'half a thought');
    await page.keyboard.press('Alt+ArrowDown');
    await waitForChannel(page, 'software');
    assert.equal(await page.inputValue('#composer-input'), '');
    await page.keyboard.press('Alt+ArrowUp');
    await waitForChannel(page, 'general');
    assert.equal(await page.inputValue('#composer-input'), 'half a thought');
    await page.fill('#composer-input', '');

    await page.keyboard.press('Control+k');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input');
    await page.keyboard.type('keyboard first');
    await page.keyboard.press('Enter');
    await page.locator('#search-results .search-hit').first().waitFor();

    // The presence menu opens, moves and closes with keys.
    await page.focus('#me-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#presence-menu:not([hidden])');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.presence), 'idle');
    await page.keyboard.press('Escape');
    assert.equal(await page.isVisible('#presence-menu'), false);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'me-button');
    noProblems(page);
  });
});
