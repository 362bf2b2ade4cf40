// One conversation across two nodes of a cluster: alice's browser only ever talks to node A and
// bob's only to node B (each through its own entrance of the nginx in front of the cluster).
// Everything either of them does reaches the other within a second. Run by `cargo xtask cluster`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, messageWith, noProblems, openChannel, send, sendAndSee, signUp, uniqueName, waitForChannel } from '../lib.mjs';

const NODE_A = process.env.MINIMOST_NODE_A_URL;
const NODE_B = process.env.MINIMOST_NODE_B_URL;
const WITHIN = 1000;
/// How far node B's clock is set off from node A's (by `cargo xtask cluster`), if at all.
const SKEW = Number(process.env.MINIMOST_NODE_B_CLOCK_SKEW_SECONDS || 0);

/// Waits until `predicate` (run in `page`) holds; how long it took from `started`, at most WITHIN.
async function within(page, started, what, predicate, arg) {
  await page.waitForFunction(predicate, arg, { timeout: 5000 });
  const took = Date.now() - started;
  assert.ok(took <= WITHIN, `${what} took ${took} ms (limit ${WITHIN} ms)`);
}

describe('two users, each pinned to a different node', () => {
  let browser;
  let alice;
  let bob;
  const A = uniqueName('alice');
  const B = uniqueName('bob');
  const dm = `dm:${[A, B].sort().join(':')}`;

  before(async () => {
    assert.ok(NODE_A && NODE_B, 'MINIMOST_NODE_A_URL and MINIMOST_NODE_B_URL name the two entrances');
    browser = await launch();
    alice = await signUp(browser, A, undefined, NODE_A);
    bob = await signUp(browser, B, undefined, NODE_B);
    await waitForChannel(alice, 'general');
    await waitForChannel(bob, 'general');
  });

  after(async () => {
    await browser?.close();
  });

  it('the two nodes run with the clocks they were given', async () => {
    const dateOf = async (base) => Date.parse((await fetch(`${base}/healthz`)).headers.get('date'));
    const offset = (await dateOf(NODE_B) - await dateOf(NODE_A)) / 1000;
    assert.ok(Math.abs(offset - SKEW) <= 3, `node B's clock is ${offset} s from node A's (expected ${SKEW} s)`);
  });

  it('messages cross nodes both ways within a second', async () => {
    await sendAndSee(alice, bob, 'hello from node A');
    await sendAndSee(bob, alice, 'hello back from node B');
  });

  it('an edit crosses within a second', async () => {
    await sendAndSee(alice, bob, 'a tpyo across nodes');
    await alice.focus('#composer-input');
    await alice.press('#composer-input', 'ArrowUp');
    await alice.fill('#composer-input', 'no typo across nodes');
    const started = Date.now();
    await alice.press('#composer-input', 'Enter');
    await messageWith(bob, 'no typo across nodes').locator('.edited').waitFor({ timeout: 5000 });
    assert.ok(Date.now() - started <= WITHIN, 'the edit arrived within a second');
  });

  it('a reaction crosses within a second', async () => {
    const target = messageWith(bob, 'hello from node A');
    await target.hover();
    await target.locator('[aria-label="Add reaction"]').first().click();
    await bob.waitForSelector('#reaction-picker:not([hidden])');
    await bob.fill('#reaction-filter', 'thumbsup');
    const started = Date.now();
    await bob.press('#reaction-filter', 'Enter');
    await within(alice, started, 'the reaction', () => [...document.querySelectorAll('#message-list .msg')]
      .some((m) => m.textContent.includes('hello from node A') && m.querySelector('.reaction[data-reaction="thumbsup"]')));
  });

  it('typing crosses within a second', async () => {
    // Bob typed his earlier message less than 5 s ago: a report within the server's typing window
    // is no news (no live event; clients learn of it by asking, every few seconds). Let it lapse,
    // so this is someone starting to type.
    await bob.waitForTimeout(6000);
    await bob.focus('#composer-input');
    const started = Date.now();
    await bob.keyboard.type('writing on node B');
    await within(alice, started, 'the typing indicator', (name) => document.getElementById('typing').textContent.includes(name), B);
    await bob.fill('#composer-input', '');
  });

  it('a direct message and presence changes cross within a second', async () => {
    await alice.click('#new-dm');
    await alice.check(`.user-picker input[value="${B}"]`);
    await alice.click('#form-dialog-ok');
    await waitForChannel(alice, dm);
    let started = Date.now();
    await send(alice, 'a private hello across nodes');
    await bob.locator(`#dm-list [data-channel="${dm}"] .badge`).waitFor({ timeout: 5000 });
    assert.ok(Date.now() - started <= WITHIN, 'the DM showed up within a second');
    await openChannel(bob, dm);

    const dotIs = (state) => ([ch, s]) => document.querySelector(`#dm-list [data-channel="${ch}"] .presence-dot`)?.classList.contains(`presence-${s}`);
    await alice.waitForFunction(dotIs('active'), [dm, 'active'], { timeout: 5000 });
    await bob.click('#me-button');
    started = Date.now();
    await bob.click('#presence-menu [data-presence="idle"]');
    await within(alice, started, 'going idle', dotIs('idle'), [dm, 'idle']);
    await bob.click('#me-button');
    started = Date.now();
    await bob.click('#presence-menu [data-presence="active"]');
    await within(alice, started, 'coming back', dotIs('active'), [dm, 'active']);
    noProblems(alice, bob);
  });
});
