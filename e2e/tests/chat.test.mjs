// Two people chatting in two browser contexts: every feature of the chat, as seen from both
// sides. Each message must reach the other person within one second.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  launch, makePng, messageWith, noProblems, openChannel, send, sendAndSee, shot, signUp, uniqueName, waitForChannel,
} from '../lib.mjs';

describe('two users chatting', () => {
  let browser;
  let alice;
  let bob;
  const A = uniqueName('alice');
  const B = uniqueName('bob');
  const dm = `dm:${[A, B].sort().join(':')}`;

  before(async () => {
    browser = await launch();
    alice = await signUp(browser, A);
    bob = await signUp(browser, B);
    await waitForChannel(alice, 'general');
    await waitForChannel(bob, 'general');
  });

  after(async () => {
    await browser?.close();
  });

  it('chat in #general, each message seen by the other within a second', async () => {
    await sendAndSee(alice, bob, 'hello from alice');
    await sendAndSee(bob, alice, 'hi alice, bob here');
    await sendAndSee(alice, bob, 'how are **you** today?', 'how are you today?');
    const bold = messageWith(bob, 'how are').locator('.msg-body strong', { hasText: 'you' });
    assert.equal(await bold.count(), 1, 'bold is rendered');
    await alice.waitForFunction((b) => document.querySelector('#message-list .seen-by')?.textContent === `✓ seen by ${b}`, B, { timeout: 5000 });
    await shot(alice, 'general-desktop');
  });

  it('@-mention autocompletion from the channel members', async () => {
    await alice.focus('#composer-input');
    await alice.keyboard.type(`ping @${B.slice(0, 4)}`);
    const option = alice.locator(`#mention-popup li[data-name="${B}"]`);
    await option.waitFor({ timeout: 3000 });
    assert.ok(await alice.locator('#mention-popup li[data-name="everyone"]').count() === 0, 'only names starting with the prefix');
    await alice.keyboard.press('ArrowDown');
    await alice.keyboard.press('ArrowUp');
    // The first match is chosen with Enter (other tests' users may share the prefix).
    const chosen = await alice.locator('#mention-popup li.active').getAttribute('data-name');
    await alice.keyboard.press('Enter');
    assert.equal(await alice.inputValue('#composer-input'), `ping @${chosen} `);
    assert.equal(await alice.isVisible('#mention-popup'), false);
    await alice.fill('#composer-input', '');
  });

  it('mentions are highlighted for the one mentioned', async () => {
    await sendAndSee(alice, bob, `@${B} look at this`);
    const forBob = messageWith(bob, 'look at this');
    assert.match(await forBob.getAttribute('class'), /mention-strong/);
    assert.equal(await forBob.locator('.mention-me').textContent(), `@${B}`);
    const forAlice = messageWith(alice, 'look at this');
    assert.doesNotMatch(await forAlice.getAttribute('class'), /mention-strong/, 'not highlighted for the author');

    await sendAndSee(bob, alice, `thanks @${A}!`);
    assert.match(await messageWith(alice, 'thanks').getAttribute('class'), /mention-strong/);
  });

  it('reply with a quote that jumps to the original', async () => {
    const original = messageWith(bob, 'look at this');
    await original.hover();
    await original.locator('[aria-label="Reply"]').click();
    assert.match(await bob.locator('#composer-mode-text').textContent(), /Replying to/);
    await sendAndSee(bob, alice, 'this is my reply');
    const reply = messageWith(alice, 'this is my reply');
    assert.match(await reply.locator('.reply-quote').textContent(), /look at this/);
    await reply.locator('.reply-quote').click();
    await alice.waitForSelector('#message-list .msg.flash');
    assert.match(await alice.locator('#message-list .msg.flash').textContent(), /look at this/);
  });

  it('edit the last message with the up arrow', async () => {
    await sendAndSee(alice, bob, 'a message with a tpyo');
    await alice.focus('#composer-input');
    await alice.press('#composer-input', 'ArrowUp');
    assert.equal(await alice.inputValue('#composer-input'), 'a message with a tpyo');
    await alice.fill('#composer-input', 'a message with no typo');
    const started = Date.now();
    await alice.press('#composer-input', 'Enter');
    const edited = messageWith(bob, 'a message with no typo');
    await edited.locator('.edited').waitFor({ timeout: 5000 });
    assert.ok(Date.now() - started <= 1000, 'the edit arrived within a second');
    assert.equal(await bob.locator('#message-list .msg-body', { hasText: 'tpyo' }).count(), 0);
  });

  it('delete a message: the other sees the placeholder', async () => {
    await sendAndSee(alice, bob, 'this will be deleted');
    const doomed = messageWith(alice, 'this will be deleted');
    await doomed.hover();
    await doomed.locator('[aria-label="Delete"]').click();
    await alice.click('#form-dialog-ok');
    await bob.waitForFunction(() => ![...document.querySelectorAll('.msg-body')].some((n) => n.textContent.includes('this will be deleted')), null, { timeout: 3000 });
    assert.ok((await bob.locator('#message-list .deleted-text').count()) >= 1);
  });

  it('react with the picker; counts and who reacted on both sides', async () => {
    const target = messageWith(bob, 'how are');
    await target.hover();
    await target.locator('[aria-label="Add reaction"]').first().click();
    await bob.waitForSelector('#reaction-picker:not([hidden])');
    assert.equal(await bob.locator('#reaction-grid .pick').count(), 477, 'every valid reaction is offered');
    await shot(bob, 'reaction-picker');
    await bob.fill('#reaction-filter', 'thumbsup');
    await bob.press('#reaction-filter', 'Enter');
    const onAlice = messageWith(alice, 'how are').locator('.reaction[data-reaction="thumbsup"]');
    await onAlice.waitFor({ timeout: 3000 });
    assert.equal(await onAlice.locator('.reaction-count').textContent(), '1');
    assert.match(await onAlice.getAttribute('data-who'), new RegExp(`${B} reacted with :thumbsup:`));
    await onAlice.hover();
    assert.match(await onAlice.evaluate((n) => getComputedStyle(n, '::after').content), new RegExp(B), 'who reacted shows on hover');
    await onAlice.click();
    await bob.waitForFunction(() => document.querySelector('.reaction[data-reaction="thumbsup"] .reaction-count')?.textContent === '2', null, { timeout: 3000 });
  });

  it('upload an image; the other sees it and opens the viewer', async () => {
    await alice.setInputFiles('#attach-input', await makePng(alice, '#33aa55'));
    await alice.waitForSelector('#attachment-previews .preview img');
    await send(alice, 'a green square');
    const image = bob.locator('#message-list img.msg-image').last();
    await image.waitFor({ timeout: 3000 });
    await bob.waitForFunction(() => {
      const imgs = document.querySelectorAll('#message-list img.msg-image');
      const img = imgs[imgs.length - 1];
      return img && img.complete && img.naturalWidth === 40;
    });
    await image.click();
    await bob.waitForSelector('#image-viewer[open]');
    await shot(bob, 'image-viewer');
    await bob.click('#viewer-close');
    // Bob's stream may show the image before Alice's own POST has answered: wait for her composer.
    await alice.waitForFunction(() => document.querySelectorAll('#attachment-previews li').length === 0, null, { timeout: 5000 });
  });

  it('images can also be pasted and dropped, with previews', async () => {
    const png = await makePng(alice, '#aa3355');
    await alice.evaluate(async ([base64]) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const file = (name) => new File([bytes], name, { type: 'image/png' });
      const pasted = new DataTransfer();
      pasted.items.add(file('image.png'));
      document.getElementById('composer-input').dispatchEvent(new ClipboardEvent('paste', { clipboardData: pasted, bubbles: true, cancelable: true }));
      const dropped = new DataTransfer();
      dropped.items.add(file('dropped.png'));
      const area = document.querySelector('.conversation');
      area.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dropped, bubbles: true }));
      area.dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
    }, [png.buffer.toString('base64')]);
    assert.equal(await alice.locator('#attachment-previews li').count(), 2);
    assert.equal(await alice.isVisible('#drop-zone'), false);
    await alice.locator('#attachment-previews .preview-remove').first().click();
    assert.equal(await alice.locator('#attachment-previews li').count(), 1);
    await alice.press('#composer-input', 'Enter');
    await bob.waitForFunction(() => document.querySelectorAll('#message-list img.msg-image').length >= 2, null, { timeout: 3000 });
  });

  it('typing shows on the other side', async () => {
    await bob.focus('#composer-input');
    await bob.keyboard.type('I am writing som');
    await alice.waitForFunction((name) => document.getElementById('typing').textContent.includes(name), B, { timeout: 10000 });
    await bob.fill('#composer-input', '');
  });

  it('direct messages: open, unread badge, close, and back on a new message', async () => {
    await alice.click('#new-dm');
    await alice.check(`.user-picker input[value="${B}"]`);
    await alice.click('#form-dialog-ok');
    await waitForChannel(alice, dm);
    const started = Date.now();
    await send(alice, 'a private hello');
    const entry = bob.locator(`#dm-list [data-channel="${dm}"]`);
    await entry.locator('.badge').waitFor({ timeout: 3000 });
    assert.ok(Date.now() - started <= 1000, 'the DM showed up within a second');
    assert.equal(await entry.locator('.badge').textContent(), '1');
    await openChannel(bob, dm);
    await bob.waitForFunction(() => document.body.textContent.includes('a private hello'));
    await entry.locator('.badge').waitFor({ state: 'detached', timeout: 3000 });
    await sendAndSee(bob, alice, 'private answer');
    await shot(bob, 'direct-message');
    // The server keeps a typing report for 5 s, also after the message was sent: not shown.
    await alice.waitForTimeout(2500);
    assert.doesNotMatch(await alice.textContent('#typing'), new RegExp(B), 'a sender is not shown typing');
    assert.doesNotMatch(await bob.textContent('#typing'), new RegExp(A));

    await entry.hover();
    await entry.locator('.side-close').click();
    await entry.waitFor({ state: 'detached', timeout: 3000 });
    await waitForChannel(bob, 'general');
    await send(alice, 'are you still there?');
    await entry.locator('.badge').waitFor({ timeout: 3000 });
  });

  it('presence: dots follow the chosen state', async () => {
    const dot = alice.locator(`#dm-list [data-channel="${dm}"] .presence-dot`);
    await alice.waitForFunction((ch) => document.querySelector(`#dm-list [data-channel="${ch}"] .presence-dot`)?.classList.contains('presence-active'), dm, { timeout: 5000 });
    await bob.click('#me-button');
    await bob.click('#presence-menu [data-presence="idle"]');
    await alice.waitForFunction((ch) => document.querySelector(`#dm-list [data-channel="${ch}"] .presence-dot`)?.classList.contains('presence-idle'), dm, { timeout: 5000 });
    await bob.click('#me-button');
    await bob.click('#presence-menu [data-presence="active"]');
    await alice.waitForFunction((ch) => document.querySelector(`#dm-list [data-channel="${ch}"] .presence-dot`)?.classList.contains('presence-active'), dm, { timeout: 5000 });
    assert.ok(await dot.count());
  });

  it('a mention in another channel brings a desktop notification (opt-in)', async () => {
    await bob.evaluate(() => {
      window.__notes = [];
      window.Notification = class {
        static permission = 'granted';
        static requestPermission() {
          return Promise.resolve('granted');
        }
        constructor(title, options) {
          window.__notes.push(`${title}: ${options.body}`);
        }
        close() {}
      };
    });
    await bob.click('#open-settings');
    await bob.check('#notify-desktop');
    await bob.uncheck('#notify-sound');
    await bob.click('#settings-close');
    await openChannel(bob, 'systems');
    await openChannel(alice, 'general');
    await send(alice, `@${B} can you check the build?`);
    await bob.waitForFunction(() => window.__notes.length > 0, null, { timeout: 3000 });
    assert.match(await bob.evaluate(() => window.__notes[0]), /can you check the build/);
    await bob.click('#open-settings');
    await bob.check('#notify-mute');
    await bob.click('#settings-close');
    await send(alice, `@${B} muted now`);
    await bob.waitForFunction(() => document.querySelector('#public-list [data-channel="general"] .badge'));
    await bob.waitForTimeout(300);
    assert.equal(await bob.evaluate(() => window.__notes.length), 1, 'muted: no more notifications');
  });

  it('unread badges move as messages arrive and are read', async () => {
    await openChannel(bob, 'general');
    await openChannel(alice, 'software');
    const started = Date.now();
    await send(alice, 'news in software');
    const badge = bob.locator('#public-list [data-channel="software"] .badge');
    await badge.waitFor({ timeout: 3000 });
    assert.ok(Date.now() - started <= 1000, 'the badge moved within a second');
    assert.equal(await badge.textContent(), '1');
    assert.match(await bob.title(), /^\(\d+\) /, 'the title counts unread messages');
    await send(alice, 'more news');
    await bob.waitForFunction(() => document.querySelector('#public-list [data-channel="software"] .badge')?.textContent === '2');
    await openChannel(bob, 'software');
    await bob.locator('#message-list .unread-divider').waitFor();
    await badge.waitFor({ state: 'detached', timeout: 3000 });
  });

  it('private channel: create, add the other, rename, leave', async () => {
    await alice.click('#new-private');
    await alice.fill('#form-dialog-body input[type="text"]', 'secret-plans');
    await alice.click('#form-dialog-ok');
    await alice.waitForFunction(() => document.body.dataset.channel?.startsWith('private:'));
    const channel = await alice.evaluate(() => document.body.dataset.channel);
    await waitForChannel(alice, channel);
    await alice.click('#add-member');
    await alice.selectOption('#form-dialog-body select', B);
    await alice.click('#form-dialog-ok');
    const entry = bob.locator(`#private-list [data-channel="${channel}"]`);
    await entry.waitFor({ timeout: 3000 });
    await openChannel(bob, channel);
    await bob.waitForFunction((a) => document.querySelector('#message-list')?.textContent.includes(`${a} added`), A);
    await sendAndSee(alice, bob, 'only for the two of us');

    // Renamed from the sidebar's menu (the header offers the same actions).
    const own = alice.locator(`#private-list [data-channel="${channel}"]`);
    await own.hover();
    await own.locator('.side-more').click();
    await alice.click('.menu.floating button:text("Rename…")');
    await alice.fill('#form-dialog-body input[type="text"]', 'plans-v2');
    await alice.click('#form-dialog-ok');
    await bob.waitForFunction((ch) => document.querySelector(`#private-list [data-channel="${ch}"]`)?.textContent.includes('plans-v2'), channel, { timeout: 3000 });
    await shot(bob, 'private-channel');

    await bob.click('#leave-private');
    await bob.click('#form-dialog-ok');
    await entry.waitFor({ state: 'detached', timeout: 3000 });
    await waitForChannel(bob, 'general');
    await alice.waitForFunction((b) => document.querySelector('#message-list')?.textContent.includes(`${b} has left`), B, { timeout: 3000 });
  });

  it('search highlights the term and jumps to the message', async () => {
    await openChannel(bob, 'software');
    await bob.fill('#search-input', 'LOOK AT');
    await bob.press('#search-input', 'Enter');
    const hit = bob.locator('#search-results .search-hit').first();
    await hit.waitFor();
    assert.equal((await hit.locator('mark').textContent()).toLowerCase(), 'look at');
    await shot(bob, 'search');
    await hit.click();
    await waitForChannel(bob, 'general');
    await bob.waitForSelector('#message-list .msg.flash');
    assert.match(await bob.locator('#message-list .msg.flash').textContent(), /look at this/);
  });

  it('name colour and avatar changes are seen by the other', async () => {
    await openChannel(alice, 'general');
    await alice.click('#open-settings');
    await alice.locator('#color-input').fill('#ff3366');
    await alice.click('#color-save');
    await alice.waitForFunction(() => document.getElementById('settings-status').textContent.includes('saved'));
    await alice.setInputFiles('#avatar-input', await makePng(alice, '#2255ee', 300));
    await alice.waitForFunction(() => document.getElementById('settings-status').textContent.includes('Picture saved'));
    await shot(alice, 'settings');
    const size = await alice.evaluate(async (name) => {
      const blob = await (await fetch(`/avatar/${name}`)).blob();
      const bitmap = await createImageBitmap(blob);
      return [bitmap.width, bitmap.height];
    }, A);
    assert.deepEqual(size, [128, 128], 'the avatar was resized in the browser');
    await alice.click('#settings-close');

    await bob
      .waitForFunction(
        (name) => [...document.querySelectorAll(`#message-list .sender[data-user="${name}"]`)].some((n) => getComputedStyle(n).color === 'rgb(255, 51, 102)'),
        A,
        { timeout: 15000 },
      )
      .catch(async (err) => {
        const seen = await bob.evaluate(async (name) => ({
          server: (await (await fetch('/user_colors')).json())[name],
          shown: [...document.querySelectorAll(`#message-list .sender[data-user="${name}"]`)].map((n) => n.style.color),
          channel: document.body.dataset.channel,
          visibility: document.visibilityState,
        }), A);
        throw new Error(`${err.message}; ${B} sees ${JSON.stringify(seen)}`);
      });
    await bob.waitForFunction(
      (name) => [...document.querySelectorAll(`#message-list .avatar[data-user="${name}"] img`)].some((img) => img.complete && img.naturalWidth === 128),
      A,
      { timeout: 15000 },
    );
    await shot(bob, 'colour-and-avatar');

    await alice.click('#open-settings');
    await alice.click('#avatar-remove');
    await alice.waitForFunction(() => document.getElementById('settings-status').textContent.includes('removed'));
    await alice.click('#settings-close');
    await bob.waitForFunction((name) => !document.querySelector(`#message-list .avatar[data-user="${name}"] img`), A, { timeout: 10000 });
  });

  it('no errors in either page', () => {
    noProblems(alice, bob);
  });
});
