// A group conversation of three: picked in the DM dialog, seen by both others, answered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noProblems, openChannel, send, sendAndSee, signUp, uniqueName, waitForChannel, withBrowser } from '../lib.mjs';

describe('group direct messages', () => {
  const b = withBrowser();

  it('three people talk in one conversation', async () => {
    const names = [uniqueName('ann'), uniqueName('ben'), uniqueName('cid')];
    const pages = [];
    for (const name of names) pages.push(await signUp(b.browser, name));
    const channel = `dm:${[...names].sort().join(':')}`;
    const [first, second, third] = pages;
    await first.click('#new-dm');
    await first.fill('.picker-filter', names[1].slice(0, 3));
    await first.check(`.user-picker input[value="${names[1]}"]`);
    await first.fill('.picker-filter', '');
    await first.check(`.user-picker input[value="${names[2]}"]`);
    await first.click('#form-dialog-ok');
    await waitForChannel(first, channel);
    assert.match(await first.textContent('#channel-sub'), /3 people/);
    const started = Date.now();
    await send(first, 'hello both of you');
    for (const page of [second, third]) {
      await page.locator(`#dm-list [data-channel="${channel}"] .badge`).waitFor({ timeout: 3000 });
    }
    assert.ok(Date.now() - started <= 1000, 'both saw the conversation within a second');
    const label = await second.textContent(`#dm-list [data-channel="${channel}"] .side-label`);
    assert.equal(label.split(', ').sort().join(','), [names[0], names[2]].sort().join(','));
    await openChannel(second, channel);
    await openChannel(third, channel);
    await sendAndSee(second, third, 'hi from the second');
    await sendAndSee(third, first, 'and the third');
    noProblems(...pages);
  });
});
