// Named to run first: the other files post into the public channels, which would move the demo
// team's unread counts.
// The demo team of fixtures/ (loaded over HTTP by `cargo xtask e2e` before the tests) as its members
// see it: history with mentions, replies, reactions, images, an edit and a deletion, a private
// channel only some can see, DMs, and unread counts that differ per person.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE, messageWith, noProblems, openChannel, openPage, shot, waitForChannel, withBrowser } from '../lib.mjs';

const b = withBrowser();

async function signIn(name, password) {
  const page = await openPage(b.browser);
  await page.goto(`${BASE}/login`);
  await page.fill('#username', name);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('body.ready');
  page.username = name;
  return page;
}

describe('the demo team (fixtures/)', () => {
  it('alice sees the history of #general as it was written', async () => {
    const alice = await signIn('alice', 'Alice-Demo-1');
    await waitForChannel(alice, 'general');
    // `.first()`: bob's reply quotes the welcome, so it matches the text too.
    const welcome = alice.locator('#message-list .msg', { hasText: 'Welcome to Minimost' }).first();
    await welcome.waitFor();
    // Her own @everyone message is highlighted, but not as "mentions you".
    assert.equal(await welcome.locator('.mention').first().textContent(), '@everyone');
    const question = alice.locator('#message-list .msg', { hasText: 'are the release notes up yet?' }).first();
    assert.ok(await question.evaluate((n) => n.classList.contains('mention-strong')), "carol's @alice is a strong mention for alice");
    // Reactions with counts, a reply quote naming its parent's author, an edited message.
    const reactions = await welcome.locator('.reaction:not(.add-reaction) .reaction-count').allTextContents();
    assert.deepEqual(reactions.map(Number).sort(), [1, 2]);
    assert.match(await messageWith(alice, 'I mostly live in #firmware').locator('.reply-quote').textContent(), /alice/);
    assert.match(await messageWith(alice, 'Lunch at 13:00 instead?').textContent(), /\(edited\)/);
    await shot(alice, 'fixtures-general');
    noProblems(alice);
  });

  it("alice's sidebar: unread badges, the private channel and both DMs", async () => {
    const alice = await signIn('alice', 'Alice-Demo-1');
    const badge = (channel) => alice.locator(`#sidebar [data-channel="${channel}"] .badge`).textContent();
    assert.equal(await badge('software'), '1', 'erin\'s reply is the one software message alice has not read');
    await alice.locator('#sidebar .side-label', { hasText: 'launch-crew' }).waitFor();
    await alice.locator('#sidebar .side-label', { hasText: 'bob' }).first().waitFor();
    await alice.locator('#sidebar .side-label', { hasText: 'carol, erin' }).waitFor();
    noProblems(alice);
  });

  it('images load, the deleted message is a placeholder, and the URL with /@erin is no mention', async () => {
    const erin = await signIn('erin', 'Erin-Demo-55');
    await openChannel(erin, 'software');
    // The chart is its own row of the send (text row, then one row per image).
    const chart = erin.locator('#message-list img.msg-image[alt="image from alice"]').first();
    await chart.waitFor();
    await erin.waitForFunction((img) => img.complete && img.naturalWidth > 0, await chart.elementHandle());
    assert.equal(await erin.locator('#message-list .msg', { hasText: 'oops, wrong channel' }).count(), 0, 'deleted text is gone');
    assert.ok((await erin.locator('#message-list .msg.deleted').count()) >= 1, 'the deletion leaves a placeholder');
    // The server's token rule: an @ right after / (a URL path) mentions nobody; the renderer agrees.
    const ciFix = messageWith(erin, 'the CI cache fix landed');
    assert.deepEqual(await ciFix.locator('.msg-body .mention').allTextContents(), ['@carol']);
    await shot(erin, 'fixtures-software');
    noProblems(erin);
  });

  it('dave is not in launch-crew and cannot open it', async () => {
    const dave = await signIn('dave', 'Dave-Demo-44');
    await waitForChannel(dave, 'general');
    assert.equal(await dave.locator('#sidebar .side-label', { hasText: 'launch-crew' }).count(), 0);
    noProblems(dave);
  });
});
