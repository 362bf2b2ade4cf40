// History that scales: a conversation of 20,000 messages opens with its newest page, loads older
// and newer pages as the reader scrolls (without moving what they look at), finds a first unread
// message pages away, jumps to search results and reply quotes far back, and never holds more
// than MAX_KEPT messages. Every request the app makes for messages is recorded: none asks for
// the whole history.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { BASE, eventually, noProblems, openPage, shot, signUp, uniqueName, waitForChannel, withBrowser } from '../lib.mjs';

const TOTAL = 20000;
// The reader has read the first READ of them; the rest arrive after.
const READ = 18000;
// The app's bound (pages.js MAX_KEPT) and page size (PAGE).
const MAX_KEPT = 600;
const PAGE = 50;
const NEEDLE_AT = 19000;
const PARENT_AT = 300;

/// The session of `page`'s user, for requests from the test itself.
async function sessionOf(page) {
  const cookies = await page.context().cookies();
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/// Sends messages `from`..`to` of the seed into `channel` as the user of `cookie`, `parallel` at
/// a time, through the real send route (a same-site request, as the browser's). Message i says
/// `paging <i>` (or `special[i]`). From the test process rather than the page: the browser allows
/// six connections per site, and the page already holds its event stream.
async function seed(cookie, channel, from, to, special = {}, parallel = 8) {
  let next = from;
  const worker = async () => {
    while (next <= to) {
      const i = next;
      next += 1;
      const text = special[i] || `paging ${String(i).padStart(5, '0')}`;
      const answer = await fetch(`${BASE}/send/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { Cookie: cookie, Origin: BASE },
        body: new URLSearchParams({ text }),
      });
      if (!answer.ok) throw new Error(`send ${i}: ${answer.status} ${await answer.text()}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/// Every request the page makes for messages or receipts, as URLs.
function recordRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/messages/') || url.pathname.startsWith('/read_receipts/')) seen.push(url);
  });
  return seen;
}

const isPaged = (url) => ['limit', 'before', 'after_id', 'around'].some((key) => url.searchParams.has(key));

/// No request for a whole history: every message request is a page or `after=` a real time, and
/// every receipts request names a window.
function assertBounded(urls) {
  for (const url of urls) {
    if (url.pathname.startsWith('/read_receipts/')) {
      assert.ok(url.searchParams.has('from_id') && url.searchParams.has('to_id'), `receipts without a window: ${url}`);
      continue;
    }
    const after = url.searchParams.get('after');
    assert.ok(isPaged(url) || (after !== null && Number(after) > 0), `a whole-history request: ${url}`);
    assert.notEqual(after, '0', `after=0: ${url}`);
  }
}

/// What the message view holds and shows now.
function view(page) {
  return page.evaluate(async () => {
    const { state } = await import('/static/state.js');
    const s = document.getElementById('message-scroll');
    const data = state.channels.get(state.current);
    const box = s.getBoundingClientRect();
    const rows = [...document.querySelectorAll('#message-list .msg')];
    const visible = rows.filter((n) => {
      const r = n.getBoundingClientRect();
      return r.bottom > box.top && r.top < box.bottom;
    });
    return {
      top: s.scrollTop,
      kept: data ? data.byId.size : 0,
      drawn: rows.length,
      loading: s.dataset.loading,
      atStart: s.dataset.atStart === 'true',
      atLive: s.dataset.atLive === 'true',
      first: rows[0]?.textContent || '',
      last: rows[rows.length - 1]?.textContent || '',
      visible: visible.map((n) => n.querySelector('.msg-body')?.textContent || ''),
      historyTop: document.getElementById('history-top').textContent,
    };
  });
}

/// The number in `paging 01234` (and the specials, which start the same way).
const indexOf = (text) => Number((/paging (\d{5})/.exec(text) || [])[1]);

/// Waits until no page is loading for a moment (a load may chain another one).
async function settled(page) {
  let quietSince = Date.now();
  await eventually(async () => {
    const loading = await page.evaluate(() => document.getElementById('message-scroll').dataset.loading);
    if (loading) quietSince = Date.now();
    return Date.now() - quietSince > 400 || loading;
  }, 'the pages stop loading', 20000);
}

async function scrollTo(page, where) {
  await page.evaluate((to) => {
    const s = document.getElementById('message-scroll');
    s.scrollTop = to === 'top' ? 0 : s.scrollHeight;
  }, where);
}

describe('paging through a conversation of 20,000 messages', () => {
  const b = withBrowser();
  const tag = uniqueName('t');
  const needle = `needle${tag}`;
  const parentToken = `parent${tag}`;
  let writer;
  let reader;
  let channel;
  let seconds;

  before(async () => {
    reader = await signUp(b.browser, uniqueName('pgreader'));
    writer = await signUp(b.browser, uniqueName('pgwriter'));
    channel = (
      await writer.evaluate(async (member) => {
        const answer = await fetch('/private_channels/create', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: 'paging', members: [member] }),
        });
        return answer.json();
      }, reader.username)
    ).channel;
    const started = Date.now();
    const special = { [NEEDLE_AT]: `paging ${NEEDLE_AT} ${needle}`, [PARENT_AT]: `paging 00${PARENT_AT} ${parentToken}` };
    const cookie = await sessionOf(writer);
    await seed(cookie, channel, 1, READ, special);
    await reader.evaluate((c) => fetch(`/mark_read/${encodeURIComponent(c)}`, { method: 'POST' }), channel);
    await seed(cookie, channel, READ + 1, TOTAL - 1, special);
    // The newest message replies to one far back.
    const parent = await writer.evaluate(async (q) => (await (await fetch(`/search_messages?q=${q}`)).json())[0].id, parentToken);
    await writer.evaluate(
      ({ c, parent }) => fetch(`/send/${encodeURIComponent(c)}`, { method: 'POST', body: new URLSearchParams({ text: 'paging 20000 the reply', reply_to_id: parent }) }),
      { c: channel, parent },
    );
    seconds = (Date.now() - started) / 1000;
    console.log(`seeded ${TOTAL} messages in ${seconds.toFixed(1)} s`);
  });

  it('the first unread message, pages away, is found and shown under the divider', async () => {
    const urls = recordRequests(reader);
    const badge = reader.locator(`#private-list [data-channel="${channel}"] .badge`);
    await eventually(async () => (await badge.count()) && (await badge.textContent()) === String(TOTAL - READ), 'the unread badge counts the messages after the mark');
    await reader.click(`#private-list [data-channel="${channel}"] .side-link`);
    await waitForChannel(reader, channel);
    const divider = reader.locator('.unread-divider');
    await divider.waitFor();
    assert.ok(await divider.isVisible(), 'the divider is in view');
    // Right under it, the first message sent after the reader's mark; right above, one before.
    const around = await reader.evaluate(() => {
      const d = document.querySelector('.unread-divider');
      const text = (node) => node?.querySelector?.('.msg-body')?.textContent || '';
      let prev = d.previousElementSibling;
      while (prev && !prev.classList.contains('msg')) prev = prev.previousElementSibling;
      return { after: text(d.nextElementSibling), before: text(prev) };
    });
    assert.ok(indexOf(around.after) > READ, `first unread: ${around.after}`);
    assert.ok(indexOf(around.before) <= READ, `last read: ${around.before}`);
    // The walk back: pages of 200 before the newest page (of 50), about 2,000 / 200 of them.
    const walked = urls.filter((u) => u.searchParams.has('before') && u.searchParams.get('limit') === '200');
    assert.ok(walked.length >= (TOTAL - READ - PAGE) / 200 && walked.length <= (TOTAL - READ) / 200 + 1, `walked back ${walked.length} pages`);
    const now = await view(reader);
    assert.ok(now.kept <= MAX_KEPT && now.drawn <= MAX_KEPT, `kept ${now.kept}, drawn ${now.drawn}`);
    assert.equal(now.atLive, false, 'the window is back at the divider, not at the present');
    await shot(reader, 'paging-first-unread');

    // At the present, the first unread is 2,000 messages away: the button brings it back.
    await reader.click('#jump-new');
    await eventually(async () => (await view(reader)).atLive, 'the newest page is shown');
    await reader.locator('#jump-unread').waitFor();
    await shot(reader, 'paging-jump-unread-button');
    await reader.click('#jump-unread');
    await divider.waitFor();
    await eventually(async () => divider.isVisible(), 'the divider is in view again');
    assert.ok(urls.some((u) => u.searchParams.has('around')), 'the divider was loaded around');
    assert.equal(await reader.isVisible('#jump-unread'), false);
    assertBounded(urls);
    noProblems(reader);
  });

  it('opening asks for the newest page and its receipts only', async () => {
    const urls = recordRequests(writer);
    const bytes = [];
    writer.on('response', async (response) => {
      if (new URL(response.url()).pathname.startsWith('/messages/')) bytes.push((await response.body()).length);
    });
    await writer.click(`#private-list [data-channel="${channel}"] .side-link`);
    await waitForChannel(writer, channel);
    await settled(writer);
    const now = await view(writer);
    assert.match(now.last, /paging 20000 the reply/, 'the view ends at the newest message');
    assert.equal(now.atLive, true);
    assert.ok(now.drawn <= 2 * PAGE, `${now.drawn} messages drawn`);
    const pages = urls.filter((u) => u.pathname.startsWith('/messages/'));
    assert.ok(pages.length >= 1 && pages.length <= 2, `${pages.length} message requests`);
    assert.equal(pages[0].searchParams.get('limit'), String(PAGE));
    assert.equal(pages[0].searchParams.has('before'), false, 'the first request is the newest page');
    const receipts = urls.filter((u) => u.pathname.startsWith('/read_receipts/'));
    assert.ok(receipts.length >= 1, 'the receipts of the page are asked for');
    assertBounded(urls);
    const kb = bytes.reduce((a, n) => a + n, 0) / 1024;
    console.log(`opening a ${TOTAL}-message conversation: ${pages.length} page request(s), ${kb.toFixed(1)} KB`);
    assert.ok(kb < 100, `opening transferred ${kb.toFixed(1)} KB`);
    await shot(writer, 'paging-open');
    noProblems(writer);
  });

  it('scrolling up loads older pages without moving the view, with a loading indicator', async () => {
    const urls = recordRequests(writer);
    // Hold the older page a moment, to see the indicator.
    await writer.route(
      (url) => url.searchParams.has('before'),
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 700));
        await route.continue();
      },
    );
    await writer.waitForTimeout(300);
    const before = await writer.evaluate(() => {
      const s = document.getElementById('message-scroll');
      s.scrollTop = 0;
      const first = document.querySelector('#message-list .msg');
      return { id: first.id, y: first.getBoundingClientRect().top, count: document.querySelectorAll('#message-list .msg').length };
    });
    await writer.waitForSelector('#history-top.loading');
    assert.match(await writer.textContent('#history-top'), /Loading older messages/);
    await shot(writer, 'paging-loading-older');
    await writer.waitForFunction((n) => document.querySelectorAll('#message-list .msg').length > n, before.count);
    await settled(writer);
    await writer.unroute((url) => url.searchParams.has('before'));
    const after = await writer.evaluate((id) => {
      const node = document.getElementById(id);
      return { y: node.getBoundingClientRect().top, top: document.getElementById('message-scroll').scrollTop };
    }, before.id);
    assert.ok(Math.abs(after.y - before.y) <= 1, `the message at the top moved from ${before.y} to ${after.y}`);
    assert.ok(after.top > 0, 'older messages are above the view now');
    assert.doesNotMatch(await writer.textContent('#history-top'), /Loading/);
    const older = urls.filter((u) => u.searchParams.has('before'));
    assert.ok(older.length >= 1 && older.every((u) => u.searchParams.get('limit') === String(PAGE)));
    await shot(writer, 'paging-older-loaded');
    assertBounded(urls);
    noProblems(writer);
  });

  it('memory stays bounded: scrolling far back keeps at most MAX_KEPT messages', async () => {
    const urls = recordRequests(writer);
    let most = 0;
    for (let i = 0; i < 30; i += 1) {
      await scrollTo(writer, 'top');
      await writer.waitForTimeout(60);
      await settled(writer);
      const now = await view(writer);
      most = Math.max(most, now.drawn, now.kept);
      assert.ok(now.drawn <= MAX_KEPT && now.kept <= MAX_KEPT, `drawn ${now.drawn}, kept ${now.kept}`);
    }
    const far = await view(writer);
    const oldest = indexOf(far.first);
    assert.ok(oldest < TOTAL - 1000, `scrolled back to message ${oldest}`);
    assert.equal(far.atLive, false, 'the newest pages were dropped');
    assert.ok(most >= MAX_KEPT - PAGE, `the window filled up (${most})`);
    await shot(writer, 'paging-far-back');
    // Back to the present: the newest page again.
    await writer.click('#jump-new');
    await eventually(async () => (await view(writer)).atLive, 'back at the newest messages');
    const back = await view(writer);
    assert.match(back.last, /paging 20000/);
    assert.equal(await writer.isVisible('#jump-new'), false, 'at the present the button hides');
    assert.ok(back.kept <= MAX_KEPT);
    console.log(`scrolled ${TOTAL - oldest} messages back: at most ${most} kept at once`);
    assertBounded(urls);
    noProblems(writer);
  });

  it('a search result far back opens at the message; scrolling down loads newer pages up to the present', async () => {
    const urls = recordRequests(writer);
    await writer.fill('#search-input', needle);
    await writer.press('#search-input', 'Enter');
    await writer.click('.search-hit');
    const target = writer.locator('#message-list .msg', { hasText: needle });
    await target.waitFor();
    await eventually(async () => target.isVisible(), 'the result is in view');
    assert.ok(urls.some((u) => u.searchParams.has('around')), 'the page around it was loaded');
    assert.equal((await view(writer)).atLive, false);
    await shot(writer, 'paging-search-jump');
    for (let i = 0; i < 60 && !(await view(writer)).atLive; i += 1) {
      await scrollTo(writer, 'bottom');
      await writer.waitForTimeout(60);
      await settled(writer);
      const now = await view(writer);
      assert.ok(now.drawn <= MAX_KEPT && now.kept <= MAX_KEPT, `drawn ${now.drawn}, kept ${now.kept}`);
    }
    const end = await view(writer);
    assert.equal(end.atLive, true, 'scrolling down reached the present');
    assert.match(end.last, /paging 20000/);
    const newer = urls.filter((u) => u.searchParams.has('after_id'));
    assert.ok(newer.length >= (TOTAL - NEEDLE_AT) / PAGE - 2, `${newer.length} newer pages`);
    await shot(writer, 'paging-search-back-to-live');
    assertBounded(urls);
    noProblems(writer);
  });

  it('a reply quote jumps to its parent far back', async () => {
    const urls = recordRequests(writer);
    await scrollTo(writer, 'bottom');
    await writer.click('#message-list .msg:last-child .reply-quote');
    const parent = writer.locator('#message-list .msg', { hasText: parentToken });
    await parent.waitFor();
    await eventually(async () => parent.isVisible(), 'the parent is in view');
    assert.ok(await parent.evaluate((n) => n.classList.contains('flash')), 'the parent is highlighted');
    assert.ok(urls.some((u) => u.searchParams.has('around')), 'the page around it was loaded');
    const now = await view(writer);
    assert.ok(now.visible.some((t) => t.includes(parentToken)));
    assert.equal(now.atLive, false);
    await shot(writer, 'paging-reply-jump');
    assertBounded(urls);
    noProblems(writer);
  });

  it('a new message reaches a reader at the present, and catching up after a reconnect asks after= a time', async () => {
    const urls = recordRequests(reader);
    await reader.click('#jump-new').catch(() => {});
    await eventually(async () => (await view(reader)).atLive, 'the reader is at the present');
    await writer.evaluate((c) => fetch(`/send/${encodeURIComponent(c)}`, { method: 'POST', body: new URLSearchParams({ text: 'paging live news' }) }), channel);
    await reader.locator('#message-list .msg', { hasText: 'paging live news' }).waitFor({ timeout: 5000 });
    // A second tab of the reader without the event stream polls after= the last change it saw.
    const polling = await openPage(b.browser);
    await polling.addInitScript(() => {
      delete window.EventSource;
    });
    await polling.context().addCookies(await reader.context().cookies());
    const pollUrls = recordRequests(polling);
    await polling.goto(`${new URL(reader.url()).origin}/#${encodeURIComponent(channel)}`);
    await waitForChannel(polling, channel);
    await eventually(() => pollUrls.some((u) => u.searchParams.has('after')), 'the fallback polls after= a time');
    await writer.evaluate((c) => fetch(`/send/${encodeURIComponent(c)}`, { method: 'POST', body: new URLSearchParams({ text: 'paging polled news' }) }), channel);
    await polling.locator('#message-list .msg', { hasText: 'paging polled news' }).waitFor({ timeout: 5000 });
    assertBounded(pollUrls);
    assertBounded(urls);
    noProblems(reader, polling);
    await polling.context().close();
  });
});

// The window rules of pages.js, run in the browser on the module the app uses, against a model
// of the server's paging contract, over many random conversations.
describe('the window rules (pages.js)', () => {
  const b = withBrowser();

  it('walking pages back and forth reaches every message once, contiguously, within the bound', async () => {
    const page = await openPage(b.browser);
    await page.goto(`${BASE}/login`);
    const report = await page.evaluate(async () => {
      const P = await import('/static/pages.js');
      let seed = 7;
      const random = (n) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const problems = [];
      const check = (ok, what) => ok || problems.push(what);
      let runs = 0;
      for (; runs < 60; runs += 1) {
        // A conversation: ids with gaps (other conversations' messages), one send per id.
        const count = random(3) === 0 ? random(5) : random(2500);
        const ids = [];
        for (let id = 1 + random(5); ids.length < count; id += 1 + random(4)) ids.push(id);
        const rows = ids.map((id, i) => ({ id, ts: 1000 + i, sender: random(3) ? 'them' : 'me', deleted: random(20) ? 0 : 1 }));
        const limit = [7, P.PAGE, 200][random(3)];
        // The server's contract: pages oldest first, `limit` at most.
        const newest = () => rows.slice(Math.max(0, rows.length - limit));
        const before = (id) => rows.filter((r) => r.id < id).slice(-limit);
        const afterId = (id) => rows.filter((r) => r.id > id).slice(0, limit);
        const contiguous = (data) => {
          const have = [...data.byId.keys()].sort((a, b) => a - b);
          if (!have.length) return true;
          const start = ids.indexOf(have[0]);
          return start >= 0 && have.every((id, i) => ids[start + i] === id);
        };
        const data = P.emptyWindow();
        data.loading = 'open';
        P.resetWindow(data, newest(), { newest: true, limit });
        data.loading = null;
        check(contiguous(data) && data.atLive, `run ${runs}: the newest page`);
        const seen = new Map();
        for (const r of data.byId.values()) seen.set(r.id, 1);
        while (!data.atStart) {
          const lo = P.bounds(data).lo;
          const page = before(lo);
          for (const r of page) seen.set(r.id, (seen.get(r.id) || 0) + 1);
          P.addPage(data, page, { older: true, limit });
          P.trim(data, 'newest');
          check(data.byId.size <= P.MAX_KEPT, `run ${runs}: ${data.byId.size} kept`);
          check(contiguous(data), `run ${runs}: a gap walking back`);
        }
        check(seen.size === ids.length && [...seen.values()].every((n) => n === 1), `run ${runs}: walking back saw ${seen.size} of ${ids.length}, some twice`);
        check(!ids.length || data.byId.has(ids[0]), `run ${runs}: the start is loaded`);
        // New messages while the window is away from the present: not taken, unless a load that
        // may reach the present is on its way.
        const next = (ids[ids.length - 1] || 0) + 1;
        const news = { id: next, ts: 99999, sender: 'them', deleted: 0 };
        const fresh = P.mergeLive(data, [news]);
        check(data.atLive ? fresh.length === 1 : fresh.length === 0 && !data.byId.has(next), `run ${runs}: news joined a window away from the present`);
        rows.push(news);
        ids.push(next);
        while (!data.atLive) {
          const hi = P.bounds(data).hi;
          data.loading = 'newer';
          const page = afterId(hi);
          const late = { id: next + 1, ts: 100000, sender: 'them', deleted: 0 };
          // Sent while the last page is on its way: held, and in the window once it arrives.
          const last = page.length < limit;
          if (last) P.mergeLive(data, [late]);
          P.addPage(data, page, { older: false, limit });
          data.loading = null;
          P.trim(data, 'oldest');
          check(data.byId.size <= P.MAX_KEPT, `run ${runs}: ${data.byId.size} kept going forward`);
          if (last) {
            check(data.atLive && data.byId.has(late.id), `run ${runs}: a message sent during the last page was lost`);
            rows.push(late);
            ids.push(late.id);
          }
          check(contiguous(data), `run ${runs}: a gap walking forward`);
        }
        check(data.byId.has(ids[ids.length - 1]), `run ${runs}: the newest is loaded at the end`);
        // A jump: the page around a message (half older, the rest newer, one side filling for the
        // other), then both ways to the ends.
        if (ids.length) {
          const at = random(ids.length);
          const older = Math.min(at, Math.floor((limit - 1) / 2));
          const start = Math.max(0, Math.min(at - older, ids.length - limit));
          const jump = P.emptyWindow();
          jump.lastTs = 0;
          P.resetWindow(jump, rows.slice(start, start + limit), { newest: false, limit });
          check(jump.byId.has(ids[at]) && contiguous(jump), `run ${runs}: the page around ${ids[at]}`);
          check(jump.atLive === (ids.length < limit) && jump.atStart === (ids.length < limit), `run ${runs}: a jump knows its ends only from a short page`);
          while (!jump.atStart) {
            P.addPage(jump, before(P.bounds(jump).lo), { older: true, limit });
            P.trim(jump, 'newest');
          }
          while (!jump.atLive) {
            P.addPage(jump, afterId(P.bounds(jump).hi), { older: false, limit });
            P.trim(jump, 'oldest');
            check(jump.byId.size <= P.MAX_KEPT && contiguous(jump), `run ${runs}: after a jump, walking forward`);
          }
          check(jump.byId.has(ids[ids.length - 1]), `run ${runs}: after a jump, the present is reached`);
        }
        // The first unread: the k-th newest unread row, found in pieces like the walk does.
        const me = 'me';
        const unread = rows.filter((r) => P.countsAsUnread(r, me));
        const k = 1 + random(Math.max(1, unread.length + 3));
        let found = { remaining: k };
        for (let end = rows.length; end > 0 && found.id === undefined; end -= limit) {
          found = P.firstUnread(rows.slice(Math.max(0, end - limit), end), found.remaining, me);
        }
        const expected = k <= unread.length ? unread[unread.length - k].id : undefined;
        check(found.id === expected, `run ${runs}: first of ${k} unread: ${found.id}, expected ${expected}`);
        // Receipts windows: valid ranges, the newest row and my latest send covered, none too wide.
        const shown = P.ordered(data);
        const windows = P.receiptWindows(shown, me);
        const mine = shown.filter((r) => r.sender === me && !r.deleted).map((r) => r.id);
        const covered = (id) => windows.some(([from, to]) => from <= id && id <= to);
        check(!shown.length || covered(shown[shown.length - 1].id), `run ${runs}: the newest row has no receipts`);
        check(!mine.length || covered(Math.max(...mine)), `run ${runs}: my latest send has no receipts`);
        for (const [from, to] of windows) {
          const span = shown.filter((r) => r.id >= from && r.id <= to).length;
          check(from <= to && span <= P.RECEIPT_WINDOW, `run ${runs}: receipts window ${from}..${to} spans ${span}`);
        }
      }
      return { runs, problems: problems.slice(0, 10) };
    });
    assert.deepEqual(report.problems, []);
    assert.equal(report.runs, 60);
    noProblems(page);
    await page.context().close();
  });
});
