// Layout at a phone's width (390 px) and a desktop's (1440 px): nothing overflows sideways,
// the sidebar is a drawer on the phone, and screenshots of both are kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withBrowser, noProblems, overflow, send, shot, signUp, uniqueName, waitForChannel } from '../lib.mjs';

const LONG_WORD = 'x'.repeat(300);
const LONG_URL = `https://example.com/${'segment/'.repeat(40)}end`;
const CODE = '```\nfn main() { println!("a very long line of code that goes on and on and on and on and on and on and on and on"); }\n```';

describe('layout', () => {
  const b = withBrowser();

  for (const [label, viewport] of [
    ['phone', { width: 390, height: 844, touch: true }],
    ['desktop', { width: 1440, height: 900 }],
  ]) {
    it(`nothing overflows horizontally at ${viewport.width} px (${label})`, async () => {
      const page = await signUp(b.browser, uniqueName(label), viewport);
      await waitForChannel(page, 'general');
      for (const text of [LONG_WORD, LONG_URL, CODE, `a reply-sized **message** with @everyone and \`code\``]) {
        await send(page, text);
      }
      await page.waitForFunction(() => document.querySelectorAll('#message-list .msg').length >= 4);
      await page.waitForTimeout(200);
      assert.deepEqual(await overflow(page), {}, 'no pane is wider than its box');
      await shot(page, `layout-${viewport.width}`);

      const sidebar = await page.locator('#sidebar').boundingBox();
      if (viewport.width < 768) {
        assert.ok(sidebar.x + sidebar.width <= 1, 'the drawer is closed on a phone');
        await page.click('#drawer-open');
        await page.waitForFunction(() => document.getElementById('sidebar').getBoundingClientRect().x >= 0);
        await page.waitForTimeout(250);
        await shot(page, `layout-${viewport.width}-drawer`);
        assert.deepEqual(await overflow(page), {});
        await page.click('#public-list [data-channel="software"] .side-link');
        await waitForChannel(page, 'software');
        assert.equal(await page.isVisible('#drawer-backdrop'), false, 'choosing a channel closes the drawer');

        // No hover on a phone: a tap on a message shows its actions.
        await send(page, 'tap me');
        const message = page.locator('#message-list .msg', { hasText: 'tap me' }).last();
        await message.locator('.msg-body').tap();
        assert.equal(await message.locator('.msg-actions').evaluate((n) => getComputedStyle(n).opacity), '1');
      } else {
        assert.ok(sidebar.x >= 0 && sidebar.width > 200, 'the sidebar is always shown on a desktop');
      }
      noProblems(page);
      await page.context().close();
    });
  }
});
