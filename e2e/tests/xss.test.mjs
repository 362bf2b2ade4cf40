// Hostile message text renders as inert text: no element from markup, no script, no
// javascript: link.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withBrowser, messageWith, noProblems, openChannel, sendAndSee, signUp, uniqueName } from '../lib.mjs';

describe('hostile message text', () => {
  const b = withBrowser();

  it('markup, event handlers and javascript: links stay text', async () => {
    const mallory = await signUp(b.browser, uniqueName('mallory'));
    const victim = await signUp(b.browser, uniqueName('victim'));
    // A channel of its own, so that other tests' (harmless) links do not count.
    for (const page of [mallory, victim]) await openChannel(page, 'firmware');
    const payloads = [
      '<img src=x onerror="window.__xss = 1">',
      '[click me](javascript:window.__xss=2)',
      'javascript:window.__xss=3 and <script>window.__xss=4</script>',
      '<a href="javascript:window.__xss=5">link</a> **<b onmouseover=window.__xss=6>bold</b>**',
    ];
    for (const text of payloads) await sendAndSee(mallory, victim, text, text.replace(/\*\*/g, ''));
    for (const page of [victim, mallory]) {
      const found = await page.evaluate(() => {
        const list = document.getElementById('message-list');
        const links = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));
        return {
          xss: window.__xss ?? null,
          imgs: list.querySelectorAll('.msg-body img, .msg-body script, .msg-body b, .msg-body a').length,
          badLinks: links.filter((h) => /^\s*javascript:/i.test(h)),
          text: list.textContent,
        };
      });
      assert.equal(found.xss, null, 'no script ran');
      assert.equal(found.imgs, 0, 'no element was made from the text');
      assert.deepEqual(found.badLinks, []);
      assert.ok(found.text.includes('<img src=x onerror="window.__xss = 1">'), 'the markup is shown as text');
      assert.ok(found.text.includes('[click me](javascript:window.__xss=2)'), 'the link is shown as text');
    }
    // Hovering and clicking the text does nothing either.
    await victim.locator('#message-list .msg-body', { hasText: 'click me' }).last().click();
    await victim.locator('#message-list .msg-body', { hasText: 'onmouseover' }).last().hover();
    assert.equal(await victim.evaluate(() => window.__xss ?? null), null);
    noProblems(mallory, victim);
  });

  it('http links open safely in a new tab', async () => {
    const page = await signUp(b.browser, uniqueName('linker'));
    await page.fill('#composer-input', 'see https://example.com/docs and [the guide](https://example.com/guide)');
    await page.press('#composer-input', 'Enter');
    const message = messageWith(page, 'see https://example.com/docs');
    const link = message.locator('.msg-body a', { hasText: 'the guide' });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), 'https://example.com/guide');
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await message.locator('.msg-body a').count(), 2);
    assert.equal(await message.locator('.msg-body a').first().getAttribute('href'), 'https://example.com/docs');
  });
});
