// Without the event stream (a browser or proxy that cannot keep it open) the app polls.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noProblems, sendAndSee, signUp, uniqueName, waitForChannel, withBrowser } from '../lib.mjs';

describe('polling fallback', () => {
  const b = withBrowser();

  it('messages still arrive when EventSource is missing', async () => {
    const sender = await signUp(b.browser, uniqueName('streamer'));
    const poller = await signUp(b.browser, uniqueName('poller'));
    // Reloaded without the stream.
    await poller.context().addInitScript(() => {
      delete window.EventSource;
    });
    await poller.reload();
    await poller.waitForSelector('body.ready');
    assert.equal(await poller.evaluate(() => typeof window.EventSource), 'undefined');
    await waitForChannel(poller, 'general');
    // Polled twice a second, so still within the second.
    await sendAndSee(sender, poller, `polled ${Date.now()}`);
    await sendAndSee(poller, sender, `from the poller ${Date.now()}`);
    noProblems(sender, poller);
  });
});
