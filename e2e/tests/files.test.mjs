// Attachments of any type between two people: download cards (name, size, type icon), the real
// download under the sanitised name, and inline previews of code and text with "show all".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, messageWith, noProblems, openChannel, send, shot, signUp, uniqueName, waitForChannel } from '../lib.mjs';

const lines = (count, make) => Array.from({ length: count }, (_, i) => make(i + 1)).join('\n') + '\n';

describe('files of any type', () => {
  let browser;
  let alice;
  let bob;
  const A = uniqueName('alice');
  const B = uniqueName('bob');
  const dm = `dm:${[A, B].sort().join(':')}`;
  const pdf = Buffer.from('%PDF-1.4\n% a quarterly report\n'.repeat(40));
  const script = lines(30, (n) => `print("step ${n}")`);
  const log = lines(1200, (n) => `12:00:${String(n % 60).padStart(2, '0')} event ${n}`);

  before(async () => {
    browser = await launch();
    alice = await signUp(browser, A);
    bob = await signUp(browser, B);
    await waitForChannel(alice, 'general');
    await waitForChannel(bob, 'general');
    await alice.click('#new-dm');
    await alice.check(`.user-picker input[value="${B}"]`);
    await alice.click('#form-dialog-ok');
    await waitForChannel(alice, dm);
    await send(alice, 'the files are coming');
    await bob.locator(`#dm-list [data-channel="${dm}"]`).waitFor({ timeout: 5000 });
    await openChannel(bob, dm);
  });

  after(async () => {
    await browser?.close();
  });

  it('any file can be attached; the composer shows a type icon for non-images', async () => {
    await alice.setInputFiles('#attach-input', [
      { name: 'Quarterly Report (Q3).pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'deploy.py', mimeType: 'text/x-python', buffer: Buffer.from(script) },
      { name: 'server.log', mimeType: 'text/plain', buffer: Buffer.from(log) },
    ]);
    assert.equal(await alice.locator('#attachment-previews li').count(), 3);
    assert.equal(await alice.locator('#attachment-previews .preview-file').count(), 3, 'no thumbnails for non-images');
    assert.equal(await alice.locator('#composer-error:not([hidden])').count(), 0, 'nothing is refused');
    await shot(alice, 'files-composer');
    await send(alice, 'here are the files');
    await bob.waitForFunction(() => document.querySelectorAll('#message-list .file-card').length >= 3, null, { timeout: 5000 });
    // The other side can render the cards (via its event stream) before the sender's own POST has
    // answered, so wait for the sender's composer rather than reading it at once.
    await alice.waitForFunction(() => document.querySelectorAll('#attachment-previews li').length === 0, null, { timeout: 5000 });
    assert.equal(await alice.locator('#attachment-previews li').count(), 0, 'previews are cleared after sending');
  });

  it('the other side sees download cards with name, size and type icon', async () => {
    const card = bob.locator('#message-list .file-card', { hasText: 'Quarterly_Report_Q3.pdf' });
    await card.waitFor({ timeout: 5000 });
    assert.equal(await card.locator('.file-icon.file-doc').count(), 1, 'a document icon');
    await bob.waitForFunction(
      (size) => [...document.querySelectorAll('.file-card .file-size')].some((n) => n.textContent === size),
      `${(pdf.length / 1024).toFixed(1)} KB`,
      { timeout: 5000 },
    );
    assert.equal(await bob.locator('#message-list .file-card .file-icon.file-code').count(), 1, 'a code icon for the script');
    const [download] = await Promise.all([bob.waitForEvent('download'), card.locator('.file-download').click()]);
    assert.equal(download.suggestedFilename(), 'Quarterly_Report_Q3.pdf', 'downloaded under its sanitised name');
    const headers = await bob.evaluate(async (href) => {
      const response = await fetch(href, { method: 'HEAD' });
      return Object.fromEntries(['content-type', 'content-disposition', 'content-security-policy', 'x-content-type-options'].map((h) => [h, response.headers.get(h)]));
    }, await card.locator('.file-download').getAttribute('href'));
    assert.deepEqual(headers, {
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename=Quarterly_Report_Q3.pdf',
      'content-security-policy': 'sandbox',
      'x-content-type-options': 'nosniff',
    });
  });

  it('code shows its first lines inline, and "show all" shows the rest', async () => {
    const item = messageWith(bob, 'deploy.py');
    const preview = item.locator('.code-preview');
    await preview.waitFor({ timeout: 5000 });
    assert.equal(await preview.getAttribute('data-language'), 'py');
    assert.equal((await preview.locator('code').textContent()).split('\n').length, 8, 'collapsed to 8 lines');
    const showAll = preview.locator('button.show-all');
    assert.equal(await showAll.textContent(), 'Show all 30 lines');
    await shot(bob, 'files-cards-and-preview');
    await showAll.click();
    const code = await preview.locator('code').textContent();
    assert.equal(code.split('\n').length, 30);
    assert.ok(code.endsWith('print("step 30")'));
  });

  it('a long log shows the server\'s first 1000 lines and offers the download for the rest', async () => {
    const preview = messageWith(bob, 'server.log').locator('.code-preview');
    await preview.waitFor({ timeout: 5000 });
    await preview.locator('button.show-all').click();
    assert.equal((await preview.locator('code').textContent()).split('\n').length, 1000);
    const rest = preview.locator('a.show-all');
    assert.equal(await rest.textContent(), 'First 1000 of 1200 lines shown: download the rest');
    assert.equal(await rest.getAttribute('download'), 'server.log');
    await rest.scrollIntoViewIfNeeded();
    await shot(bob, 'files-long-preview');
    noProblems(alice, bob);
  });
});
