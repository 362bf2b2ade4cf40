// Presence follows the person: idle after a while without input, active again on input.
// The page's clock is driven by the test, so five minutes pass in an instant.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually, noProblems, openPage, signUp, submitSignup, uniqueName, withBrowser } from '../lib.mjs';

function stateOf(observer, name) {
  return observer.evaluate(async (n) => (await (await fetch('/online_users')).json())[n], name);
}

describe('automatic presence', () => {
  const b = withBrowser();

  it('goes idle without input and active again on input', async () => {
    const name = uniqueName('dozer');
    const page = await openPage(b.browser);
    await page.clock.install();
    await submitSignup(page, name);
    await page.waitForSelector('body.ready');
    const observer = await signUp(b.browser, uniqueName('watcher'));
    assert.equal(await stateOf(observer, name), 'active');

    await page.clock.fastForward('05:10');
    await page.waitForFunction(() => document.getElementById('me-state').textContent === 'idle');
    assert.equal(await stateOf(observer, name), 'idle');

    await page.mouse.move(200, 200);
    await page.mouse.move(260, 240);
    await page.waitForFunction(() => document.getElementById('me-state').textContent === 'active');
    await eventually(async () => (await stateOf(observer, name)) === 'active', 'the observer sees the user active again');
    noProblems(page, observer);
  });
});
