// Long conversations: older history appears as you scroll up, and news that arrives while you
// read older messages is announced by a button instead of moving the view.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually, noProblems, openChannel, send, signUp, uniqueName, withBrowser } from '../lib.mjs';

const COUNT = 150;

describe('history and the new-messages button', () => {
  const b = withBrowser();

  it('older messages load upwards; new ones are announced while scrolled up', async () => {
    const writer = await signUp(b.browser, uniqueName('writer'));
    const reader = await signUp(b.browser, uniqueName('reader'));
    await writer.evaluate(async (count) => {
      for (let i = 1; i <= count; i += 1) {
        const body = new FormData();
        body.append('text', `history line ${i}`);
        await fetch('/send/systems', { method: 'POST', body });
      }
    }, COUNT);
    // Read once (an unread stretch is shown whole, from the divider), then come back.
    await openChannel(reader, 'systems');
    await eventually(
      () => reader.evaluate(async () => (await (await fetch('/channel_unreads')).json()).systems === 0 || document.visibilityState),
      'opening the channel marks it read',
    );
    await openChannel(reader, 'general');
    await reader.locator('#public-list [data-channel="systems"] .badge').waitFor({ state: 'detached' });
    await openChannel(reader, 'systems');
    const rendered = () => reader.locator('#message-list .msg').count();
    const first = await rendered();
    assert.ok(first < COUNT, `only the newest are drawn at first (${first})`);
    assert.ok(await reader.locator('#message-list .msg-body', { hasText: `history line ${COUNT}` }).isVisible(), 'the view starts at the end');

    const total = await reader.evaluate(async () => (await (await fetch('/messages/systems')).json()).length);
    for (let i = 0; i < 30 && (await rendered()) < total; i += 1) {
      // As a reader does: a little way down, then up to the top.
      await reader.evaluate(() => {
        document.getElementById('message-scroll').scrollTop = 300;
      });
      await reader.waitForTimeout(300);
      await reader.evaluate(() => {
        document.getElementById('message-scroll').scrollTop = 0;
      });
      await reader.waitForTimeout(300);
    }
    assert.ok(await reader.locator('#message-list .msg-body', { hasText: /^history line 1$/ }).count(), 'the oldest message is reached');
    // History is loaded a page at a time: that nothing is older is known once a page says so.
    await reader.evaluate(() => {
      document.getElementById('message-scroll').scrollTop = 0;
    });
    await reader.waitForFunction(() => /beginning/.test(document.getElementById('history-top').textContent));

    await openChannel(writer, 'systems');
    await send(writer, 'news while you read');
    await reader.waitForSelector('#jump-new:not([hidden])', { timeout: 3000 });
    const top = await reader.evaluate(() => document.getElementById('message-scroll').scrollTop);
    assert.ok(top < 2000, 'the view stayed where the reader was');
    await reader.click('#jump-new');
    await reader.waitForFunction(() => {
      const s = document.getElementById('message-scroll');
      return s.scrollHeight - s.scrollTop - s.clientHeight < 60;
    });
    assert.equal(await reader.isVisible('#jump-new'), false);
    noProblems(writer, reader);
  });
});
