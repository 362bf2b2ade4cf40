// Pins (from the message menu, the pins panel, jumping to a pinned message) and link-preview cards
// (shown under a message with a link, turned off and on in the settings), between two people.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { eventually, messageWith, noProblems, openChannel, send, sendAndSee, shot, signUp, uniqueName, withBrowser } from '../lib.mjs';

const PAGE = `<!doctype html><html><head><title>fallback</title>
<meta property="og:title" content="Widget 2.0 release notes">
<meta property="og:description" content="Faster builds, smaller binaries &amp; a new logo.">
</head><body>hello</body></html>`;

describe('pins and link previews', () => {
  const b = withBrowser();
  let alice;
  let bob;
  // A web page on loopback: the e2e server is started with `link_preview_allowed_ranges`
  // ["127.0.0.1/32"], the test-only setting that lets its link previews reach it.
  let site;
  let siteUrl;

  before(async () => {
    site = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    });
    await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${site.address().port}/release`;
    alice = await signUp(b.browser, uniqueName('pia'));
    bob = await signUp(b.browser, uniqueName('pib'));
    await openChannel(alice, 'general');
    await openChannel(bob, 'general');
  });

  after(() => site?.close());

  it('pin from the message menu; the other sees the mark and the pins panel, and jumps there', async () => {
    const text = `remember the deploy window ${uniqueName('w')}`;
    await sendAndSee(alice, bob, text);
    const onAlice = messageWith(alice, text);
    await onAlice.hover();
    await onAlice.locator('[aria-label="Pin"]').click();
    await onAlice.locator('.pinned-note').waitFor({ timeout: 3000 });
    const onBob = messageWith(bob, text);
    await onBob.locator('.pinned-note', { hasText: `pinned by ${alice.username}` }).waitFor({ timeout: 3000 });

    for (let i = 0; i < 25; i += 1) await send(bob, `filler ${i}`);
    await messageWith(bob, 'filler 24').waitFor();
    await bob.click('#pins-open');
    const entry = bob.locator('#pins-list .pin-entry', { hasText: text });
    await entry.waitFor({ timeout: 3000 });
    assert.match(await entry.textContent(), new RegExp(`pinned by ${alice.username}`));
    await shot(bob, 'pins-panel');
    await entry.click();
    await bob.locator('#message-list .msg.flash', { hasText: text }).waitFor({ timeout: 3000 });
    assert.ok(await onBob.isVisible(), 'the pinned message is scrolled into view');

    await onAlice.hover();
    await onAlice.locator('[aria-label="Unpin"]').click();
    await eventually(async () => (await bob.locator('#pins-list .pin-entry', { hasText: text }).count()) === 0, 'the unpin reaches the open panel', 5000);
    assert.equal(await onBob.locator('.pinned-note').count(), 0);
    await bob.click('#pins-close');
    noProblems(alice, bob);
  });

  it('a link gets a preview card, which the settings turn off and on', async () => {
    const text = `notes are up: ${siteUrl}`;
    await sendAndSee(alice, bob, text);
    const card = messageWith(bob, 'notes are up').locator('.link-card:not([hidden])');
    await card.waitFor({ timeout: 6000 });
    assert.equal(await card.locator('.link-card-title').textContent(), 'Widget 2.0 release notes');
    assert.equal(await card.locator('.link-card-text').textContent(), 'Faster builds, smaller binaries & a new logo.');
    assert.equal(await card.locator('a').getAttribute('href'), siteUrl);
    await card.scrollIntoViewIfNeeded();
    await shot(bob, 'link-preview-card');

    await bob.click('#open-settings');
    await bob.uncheck('#link-previews');
    await bob.click('#settings-close');
    await eventually(async () => (await messageWith(bob, 'notes are up').locator('.link-card').count()) === 0, 'cards are gone when turned off', 3000);
    await shot(bob, 'link-preview-off');
    await bob.click('#open-settings');
    await bob.check('#link-previews');
    await bob.click('#settings-close');
    await messageWith(bob, 'notes are up').locator('.link-card:not([hidden])').waitFor({ timeout: 3000 });
    noProblems(alice, bob);
  });
});
