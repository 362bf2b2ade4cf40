// The composer's tools, between two people: the formatting toolbar (buttons and Ctrl+B / Ctrl+I)
// and the emoji picker write markup and emoji into the text, and the other side sees the sent
// message rendered; a pin the server refuses is told to the user. The toolbar's text edits and the
// emoji table are also checked without a browser, on their own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { BASE, eventually, messageWith, noProblems, openChannel, shot, signUp, uniqueName, waitForChannel, withBrowser } from '../lib.mjs';

const STATIC = new URL('../../src/web/static/', import.meta.url);
const VALID = readFileSync(new URL('../../src/domain/valid-reactions.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((n) => n.trim())
  .filter(Boolean);

/// A module of the web app without imports of its own, loaded into node as it is served.
async function webModule(name) {
  const source = readFileSync(new URL(name, STATIC), 'utf8');
  return import(`data:text/javascript,${encodeURIComponent(source)}`);
}

const selectedText = (page) => page.$eval('#composer-input', (box) => box.value.slice(box.selectionStart, box.selectionEnd));

/// Selects `part` (its first occurrence) in the composer.
async function select(page, part) {
  await page.$eval('#composer-input', (box, p) => {
    const at = box.value.indexOf(p);
    box.focus();
    box.setSelectionRange(at, at + p.length);
  }, part);
}

describe('the toolbar markup, without a browser', () => {
  let applyFormat;
  before(async () => {
    ({ applyFormat } = await webModule('markup.js'));
  });

  it('wraps a selection, or puts the markers around the caret', () => {
    assert.deepEqual(applyFormat('say hi now', 4, 6, 'bold'), { value: 'say **hi** now', start: 6, end: 8 });
    assert.deepEqual(applyFormat('say ', 4, 4, 'strike'), { value: 'say ~~~~', start: 6, end: 6 });
    assert.deepEqual(applyFormat('x', 0, 1, 'code'), { value: '`x`', start: 1, end: 2 });
  });

  it('keeps spaces around the selection outside the markers, and wraps each line on its own', () => {
    assert.equal(applyFormat('a big deal', 1, 6, 'bold').value, 'a **big** deal');
    assert.equal(applyFormat('one\n two\n\nthree', 0, 15, 'italic').value, '_one_\n _two_\n\n_three_');
  });

  it('italic avoids the underscore of the text, which the renderer would stop at', () => {
    assert.equal(applyFormat('snake_case', 0, 10, 'italic').value, '*snake_case*');
  });

  it('a multi-line code selection and the code-block button make a fenced block on its own lines', () => {
    assert.deepEqual(applyFormat('a\nb', 0, 3, 'code'), { value: '```\na\nb\n```', start: 4, end: 7 });
    assert.deepEqual(applyFormat('see', 3, 3, 'codeBlock'), { value: 'see\n```\n\n```', start: 8, end: 8 });
  });

  it('pressing a button twice gives back the text and the selection (seeded random texts)', () => {
    let seed = 7;
    const random = (n) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const letters = 'ab c_d~é*`';
    for (let round = 0; round < 500; round += 1) {
      const text = Array.from({ length: 1 + random(12) }, () => letters[random(letters.length)]).join('');
      const start = random(text.length + 1);
      const end = start + random(text.length - start + 1);
      for (const kind of ['bold', 'italic', 'strike']) {
        const marker = { bold: '*', italic: '_*', strike: '~' }[kind];
        const part = text.slice(start, end);
        // Only plain selections: text already holding markers may be taken for a formatted one.
        if ([...marker].some((m) => text.includes(m)) || part !== part.trim()) continue;
        const once = applyFormat(text, start, end, kind);
        const twice = applyFormat(once.value, once.start, once.end, kind);
        assert.deepEqual(twice, { value: text, start, end }, `${kind} twice on ${JSON.stringify(text)} ${start}..${end}`);
      }
    }
  });

  it('every reaction name the server accepts has an emoji and a category, each once', async () => {
    const { CATEGORIES, emojiFor, groupNames } = await webModule('emoji.js');
    const groups = groupNames(VALID);
    assert.deepEqual(groups.map((g) => g.category), CATEGORIES, 'no name falls into "Other"');
    const shown = groups.flatMap((g) => g.names);
    assert.deepEqual([...shown].sort(), [...VALID].sort());
    for (const name of VALID) assert.notEqual(emojiFor(name), `:${name}:`, `${name} has an emoji`);
    assert.deepEqual(groupNames(VALID, 'Heart Eyes'), [{ category: 'Smileys & emotion', names: ['heart_eyes'] }]);
  });
});

describe('composer tools in the browser', () => {
  const b = withBrowser();
  let alice;
  let bob;
  const A = uniqueName('cta');
  const B = uniqueName('ctb');
  const dm = `dm:${[A, B].sort().join(':')}`;

  before(async () => {
    alice = await signUp(b.browser, A);
    bob = await signUp(b.browser, B);
    await openChannel(alice, 'general');
    await openChannel(bob, 'general');
  });

  it('bold, italic, strikethrough and code from the toolbar and the shortcuts render for the other side', async () => {
    const tag = uniqueName('fmt');
    await alice.fill('#composer-input', `${tag} plain bold`);
    await select(alice, 'bold');
    await alice.click('#composer-tools [data-format="bold"]');
    assert.equal(await alice.inputValue('#composer-input'), `${tag} plain **bold**`);
    assert.equal(await selectedText(alice), 'bold', 'the words stay selected');
    assert.equal(await alice.evaluate(() => document.activeElement.id), 'composer-input', 'the click leaves the focus in the text');
    await alice.keyboard.press('Control+b');
    assert.equal(await alice.inputValue('#composer-input'), `${tag} plain bold`, 'a second press takes the markers off');
    await alice.keyboard.press('Control+b');
    await alice.keyboard.press('Control+z');
    assert.equal(await alice.inputValue('#composer-input'), `${tag} plain bold`, 'Ctrl+Z undoes a format like typing');
    await select(alice, 'bold');
    await alice.keyboard.press('Control+b');

    // With nothing selected the markers go in with the caret between them.
    await alice.keyboard.press('End');
    await alice.keyboard.type(' and ');
    await alice.keyboard.press('Control+i');
    await alice.keyboard.type('slanted');
    await alice.keyboard.press('End');
    await alice.keyboard.type(' and ');
    await alice.click('#composer-tools [data-format="strike"]');
    await alice.keyboard.type('gone');
    await alice.keyboard.press('End');
    await alice.keyboard.type(' and run()');
    await select(alice, 'run()');
    await alice.click('#composer-tools [data-format="code"]');
    assert.equal(await alice.inputValue('#composer-input'), `${tag} plain **bold** and _slanted_ and ~~gone~~ and \`run()\``);
    await shot(alice, 'composer-toolbar');
    await alice.keyboard.press('Enter');

    const body = messageWith(bob, tag).locator('.msg-body');
    await body.waitFor({ timeout: 5000 });
    assert.equal(await body.locator('strong').textContent(), 'bold');
    assert.equal(await body.locator('em').textContent(), 'slanted');
    assert.equal(await body.locator('s').textContent(), 'gone');
    assert.equal(await body.locator('code').textContent(), 'run()');
    assert.equal(await body.textContent(), `${tag} plain bold and slanted and gone and run()`);
    await shot(bob, 'composer-toolbar-sent');
    noProblems(alice, bob);
  });

  it('the code-block button fences the selected lines; the toolbar moves with the arrow keys', async () => {
    const tag = uniqueName('blk');
    await alice.fill('#composer-input', `${tag}\nfn main() {\n    println!("<b>hi</b>");\n}`);
    await alice.$eval('#composer-input', (box) => box.setSelectionRange(box.value.indexOf('\n') + 1, box.value.length));
    await alice.click('#composer-tools [data-format="codeBlock"]');
    assert.equal(await alice.inputValue('#composer-input'), `${tag}\n\`\`\`\nfn main() {\n    println!("<b>hi</b>");\n}\n\`\`\``);
    await alice.keyboard.press('Enter');
    const block = messageWith(bob, tag).locator('pre.code-block code');
    await block.waitFor({ timeout: 5000 });
    // The browser sends line breaks as \r\n.
    assert.equal((await block.textContent()).replaceAll('\r\n', '\n').trimEnd(), 'fn main() {\n    println!("<b>hi</b>");\n}');
    assert.equal(await messageWith(bob, tag).locator('.msg-body b').count(), 0, 'the code is text, not markup');

    await alice.focus('#composer-tools [data-format="bold"]');
    await alice.keyboard.press('ArrowRight');
    assert.equal(await alice.evaluate(() => document.activeElement.dataset.format), 'italic');
    await alice.keyboard.press('End');
    assert.equal(await alice.evaluate(() => document.activeElement.dataset.format), 'codeBlock');
    await alice.keyboard.press('ArrowRight');
    assert.equal(await alice.evaluate(() => document.activeElement.dataset.format), 'bold', 'the arrows wrap around');
    noProblems(alice, bob);
  });

  it('formatting text that looks like HTML sends it as text', async () => {
    const tag = uniqueName('html');
    const markup = '<img src=x onerror="window.__pwned=1">';
    await alice.fill('#composer-input', `${tag} ${markup}`);
    await select(alice, markup);
    await alice.keyboard.press('Control+b');
    await alice.keyboard.press('Enter');
    const strong = messageWith(bob, tag).locator('.msg-body strong');
    await strong.waitFor({ timeout: 5000 });
    assert.equal(await strong.textContent(), markup);
    assert.equal(await messageWith(bob, tag).locator('img').count(), 0);
    assert.equal(await bob.evaluate(() => window.__pwned), undefined);
    noProblems(alice, bob);
  });

  it('the emoji picker: grouped and searchable, picks by mouse and keyboard at the caret, closes on Esc and outside clicks', async () => {
    const tag = uniqueName('emo');
    await alice.fill('#composer-input', `${tag} before after`);
    await alice.$eval('#composer-input', (box) => {
      const at = box.value.indexOf('after');
      box.setSelectionRange(at, at);
    });
    await alice.click('#emoji-button');
    await alice.waitForSelector('#emoji-picker:not([hidden])');
    assert.equal(await alice.getAttribute('#emoji-button', 'aria-expanded'), 'true');
    assert.equal(await alice.locator('#emoji-grid .pick').count(), 477, 'every name the server accepts');
    assert.deepEqual(await alice.locator('#emoji-grid .emoji-group-title').allTextContents(), [
      'Smileys & emotion', 'People & body', 'Animals & nature', 'Food & drink', 'Activities', 'Travel & places', 'Objects', 'Symbols',
    ]);
    assert.equal(await alice.evaluate(() => document.activeElement.id), 'emoji-filter', 'the search box has the focus');
    await shot(alice, 'composer-emoji-picker');

    // A category tab scrolls to its group.
    await alice.click('#emoji-picker .emoji-tab[aria-label="Food & drink"]');
    assert.equal(await alice.evaluate(() => document.activeElement.dataset.reaction), 'apple');
    await alice.fill('#emoji-filter', 'cof');
    assert.deepEqual(await alice.locator('#emoji-grid .pick').evaluateAll((n) => n.map((b) => b.dataset.reaction)), ['coffee']);
    await shot(alice, 'composer-emoji-search');
    await alice.press('#emoji-filter', 'Enter');
    assert.equal(await alice.isVisible('#emoji-picker'), false);
    assert.equal(await alice.inputValue('#composer-input'), `${tag} before ☕after`, 'inserted at the caret');
    assert.equal(await alice.evaluate(() => document.activeElement.id), 'composer-input');
    await alice.keyboard.type(' ');

    // Keyboard only: open with Enter on the button, arrows through the grid, Enter picks.
    await alice.focus('#emoji-button');
    await alice.keyboard.press('Enter');
    await alice.waitForSelector('#emoji-picker:not([hidden])');
    await alice.keyboard.press('ArrowDown');
    assert.equal(await alice.evaluate(() => document.activeElement.dataset.reaction), 'grinning');
    await alice.keyboard.press('ArrowRight');
    const right = await alice.evaluate(() => document.activeElement.dataset.reaction);
    assert.equal(right, 'smile');
    await alice.keyboard.press('ArrowDown');
    const below = await alice.evaluate(() => ({ name: document.activeElement.dataset.reaction, text: document.activeElement.textContent }));
    const rowOf = (name) => alice.$eval(`#emoji-grid .pick[data-reaction="${name}"]`, (n) => [n.getBoundingClientRect().top, n.getBoundingClientRect().left]);
    const [topRight, leftRight] = await rowOf(right);
    const [topBelow, leftBelow] = await rowOf(below.name);
    assert.ok(topBelow > topRight && leftBelow === leftRight, `${below.name} is right below ${right}`);
    await alice.keyboard.press('Enter');
    assert.equal(await alice.isVisible('#emoji-picker'), false);
    assert.equal(await alice.inputValue('#composer-input'), `${tag} before ☕ ${below.text}after`);

    await alice.click('#emoji-button');
    await alice.waitForSelector('#emoji-picker:not([hidden])');
    await alice.keyboard.press('Escape');
    assert.equal(await alice.isVisible('#emoji-picker'), false, 'Esc closes');
    assert.equal(await alice.evaluate(() => document.activeElement.id), 'composer-input', 'and gives the focus back');
    await alice.click('#emoji-button');
    await alice.waitForSelector('#emoji-picker:not([hidden])');
    await alice.click('#channel-title');
    assert.equal(await alice.isVisible('#emoji-picker'), false, 'a click outside closes');
    await alice.click('#emoji-button');
    await alice.waitForSelector('#emoji-picker:not([hidden])');
    await alice.click('#emoji-button');
    assert.equal(await alice.isVisible('#emoji-picker'), false, 'the button toggles');
    assert.equal(await alice.getAttribute('#emoji-button', 'aria-expanded'), 'false');

    await alice.focus('#composer-input');
    await alice.keyboard.press('Enter');
    const body = messageWith(bob, tag).locator('.msg-body');
    await body.waitFor({ timeout: 5000 });
    assert.equal(await body.textContent(), `${tag} before ☕ ${below.text}after`);
    noProblems(alice, bob);
  });

  it('a pin the server refuses is shown, can be dismissed, and goes away when pinning works again', async () => {
    // Fill the DM up to the deployment's pin limit over the API, a few requests at a time.
    const filled = await alice.evaluate(async (channel) => {
      const path = encodeURIComponent(channel);
      const json = { headers: { Accept: 'application/json' } };
      const pinned = new Set();
      for (let round = 0; round < 40; round += 1) {
        const sends = await Promise.all(
          Array.from({ length: 50 }, (_, i) => {
            const data = new FormData();
            data.append('text', `pin filler ${round}-${i}`);
            return fetch(`/send/${path}`, { method: 'POST', body: data, ...json });
          }),
        );
        if (sends.some((r) => !r.ok)) return `a send answered ${sends.find((r) => !r.ok).status}`;
        const rows = (await (await fetch(`/messages/${path}?after=0`, json)).json()).filter((row) => !pinned.has(row.id));
        const pins = await Promise.all(rows.map((row) => fetch(`/pin/${row.id}`, { method: 'POST', ...json })));
        rows.forEach((row, i) => pins[i].ok && pinned.add(row.id));
        const refused = pins.find((r) => r.status === 409);
        if (refused) return { refusal: await refused.text(), first: [...pinned][0] };
        if (pins.some((r) => !r.ok)) return `a pin answered ${pins.find((r) => !r.ok).status}`;
      }
      return 'no pin was refused';
    }, dm);
    assert.equal(typeof filled, 'object', String(filled));
    assert.match(filled.refusal, /^too many pins \(max \d+\)$/);

    // Opened afresh (the DM was written by the API, behind the page's back).
    await alice.goto(`${BASE}/#${encodeURIComponent(dm)}`);
    await alice.reload();
    await alice.waitForSelector('body.ready');
    await waitForChannel(alice, dm);
    const tag = uniqueName('over');
    await alice.fill('#composer-input', `${tag} one pin too many`);
    await alice.keyboard.press('Enter');
    const message = messageWith(alice, tag);
    await message.waitFor({ timeout: 5000 });
    const pin = async () => {
      await message.hover();
      await message.locator('[aria-label="Pin"]').click();
    };

    await pin();
    const notice = alice.locator('#composer-error');
    await notice.waitFor({ state: 'visible', timeout: 3000 });
    assert.equal(
      await alice.textContent('#composer-error-text'),
      `Could not pin this message: ${filled.refusal}. Unpin another message first.`,
    );
    assert.equal(await notice.getAttribute('role'), 'alert');
    assert.equal(await message.locator('.pinned-note').count(), 0);
    await shot(alice, 'pin-refused');
    await alice.click('#composer-error-close');
    assert.equal(await notice.isVisible(), false, 'dismissed');

    await pin();
    await notice.waitFor({ state: 'visible', timeout: 3000 });
    const unpinned = await alice.evaluate((id) => fetch(`/unpin/${id}`, { method: 'POST' }).then((r) => r.status), filled.first);
    assert.equal(unpinned, 200);
    await pin();
    await message.locator('.pinned-note').waitFor({ timeout: 3000 });
    await eventually(async () => !(await notice.isVisible()), 'a pin that works clears the refusal', 3000);
    noProblems(alice, bob);
  });
});
