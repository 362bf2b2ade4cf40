// The failover drill, through the load balancer in front of a cluster (no browser: plain HTTP and
// live event streams, as the web app uses them). Clients stream `GET /events` spread over the nodes
// while one person keeps sending; a node is killed with SIGKILL, and then PostgreSQL restarts.
// Every acknowledged message must reach every stream, whichever node it was on, without a
// `resync`: a client cut off reconnects through the balancer with its `Last-Event-ID` and is
// replayed what it missed by another node. Run by `cargo xtask cluster`.
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, uniqueName } from '../lib.mjs';

const BASE = process.env.MINIMOST_URL;
const PIDS = (process.env.MINIMOST_NODE_PIDS || '').split(',').filter(Boolean).map(Number);
/// One entrance pinned to each node, in the order of PIDS.
const NODE_URLS = (process.env.MINIMOST_NODE_URLS || '').split(',').filter(Boolean);
const RESTART_POSTGRES = process.env.MINIMOST_POSTGRES_RESTART;
const STREAMS = 6;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/// Signs a new user up through the form (form token included) and returns its session cookie.
async function signUp(name) {
  const form = await fetch(`${BASE}/signup`);
  const token = (await form.text()).match(/name="csrf_token" value="([^"]+)"/)?.[1] ?? '';
  const csrf = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const body = new URLSearchParams({ username: name, password: PASSWORD, confirm_password: PASSWORD, csrf_token: token });
  const answer = await fetch(`${BASE}/signup`, { method: 'POST', body, headers: { cookie: csrf }, redirect: 'manual' });
  const session = answer.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('session='));
  assert.ok(session, `${name} signed up (${answer.status})`);
  return session;
}

/// A client following its live events like EventSource: reconnecting after any end or error with
/// the id of the last event it got, through the load balancer. Its first connection may be made
/// elsewhere (`firstUrl`: the entrance pinned to the node about to be killed), which is where the
/// balancer might have put it. Collects the texts of the messages it receives.
class Follower {
  constructor(cookie, firstUrl = BASE) {
    this.cookie = cookie;
    this.url = firstUrl;
    this.lastId = null;
    this.texts = new Set();
    this.resyncs = 0;
    this.reconnections = 0;
    this.stopped = false;
    this.controller = new AbortController();
    this.done = this.follow();
  }

  async follow() {
    while (!this.stopped) {
      try {
        const headers = { cookie: this.cookie, accept: 'text/event-stream' };
        if (this.lastId) headers['last-event-id'] = this.lastId;
        const answer = await fetch(`${this.url}/events`, { headers, signal: this.controller.signal });
        this.url = BASE;
        if (answer.status === 200) await this.read(answer.body);
      } catch {
        // A node died under the stream or refused it: reconnect, as a browser does.
      }
      if (!this.stopped) {
        this.reconnections += 1;
        await sleep(200);
      }
    }
  }

  async read(body) {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':') && l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
        if (fields.id) this.lastId = fields.id;
        if (fields.event === 'resync') this.resyncs += 1;
        if (fields.event === 'message') {
          for (const message of JSON.parse(fields.data).messages) if (message.content) this.texts.add(message.content);
        }
      }
    }
  }

  stop() {
    this.stopped = true;
    this.controller.abort();
  }
}

describe('failover through the load balancer', () => {
  let sender;
  const followers = [];
  const acknowledged = [];
  let counter = 0;

  /// Sends `count` messages to #general, one every `gapMs`; keeps the acknowledged texts.
  async function sendSome(count, gapMs, label) {
    for (let i = 0; i < count; i += 1) {
      counter += 1;
      const text = `${label} ${counter}`;
      try {
        const answer = await fetch(`${BASE}/send/general`, {
          method: 'POST',
          headers: { cookie: sender },
          body: new URLSearchParams({ text }),
        });
        if (answer.ok) acknowledged.push(text);
      } catch {
        // Not acknowledged: the sender would retry; the drill only counts what was answered.
      }
      await sleep(gapMs);
    }
  }

  async function everyStreamHasEveryAcknowledgedMessage(what) {
    const deadline = Date.now() + 15000;
    for (;;) {
      const missing = followers.map((f) => acknowledged.filter((t) => !f.texts.has(t)));
      if (missing.every((m) => m.length === 0)) break;
      if (Date.now() > deadline) assert.fail(`${what}: streams missed acknowledged messages: ${JSON.stringify(missing)}`);
      await sleep(200);
    }
    assert.deepEqual(followers.map((f) => f.resyncs), followers.map(() => 0), 'nothing was lost, so no stream was told to resync');
  }

  before(async () => {
    assert.ok(BASE, 'MINIMOST_URL names the load balancer');
    sender = await signUp(uniqueName('sender'));
    assert.equal(NODE_URLS.length, PIDS.length, 'MINIMOST_NODE_URLS names an entrance per node');
    // Half the streams start on the node that will be killed, the others wherever the balancer puts them.
    for (let i = 0; i < STREAMS; i += 1) {
      const first = i % 2 === 0 ? NODE_URLS[0] : BASE;
      followers.push(new Follower(await signUp(uniqueName('reader')), first));
    }
    await sleep(500);
  });

  after(async () => {
    for (const f of followers) f.stop();
    await Promise.allSettled(followers.map((f) => f.done));
  });

  it('a node killed with SIGKILL mid-conversation: its clients reconnect elsewhere and miss nothing', async () => {
    assert.ok(PIDS.length >= 2, 'MINIMOST_NODE_PIDS names the nodes');
    await sendSome(20, 30, 'before the kill');
    process.kill(PIDS[0], 'SIGKILL');
    await sendSome(40, 30, 'after the kill');
    assert.ok(acknowledged.length >= 50, `most sends were acknowledged (${acknowledged.length} of 60)`);
    await everyStreamHasEveryAcknowledgedMessage('after a node was killed');
    const onKilled = followers.filter((_, i) => i % 2 === 0);
    assert.ok(onKilled.every((f) => f.reconnections > 0), 'the streams on the killed node reconnected');
  });

  it('PostgreSQL restarts under load: the nodes recover by themselves and nothing acknowledged is lost', async () => {
    assert.ok(RESTART_POSTGRES, 'MINIMOST_POSTGRES_RESTART is the restart command');
    const sending = sendSome(80, 50, 'around the restart');
    await sleep(1000);
    execSync(RESTART_POSTGRES, { stdio: 'inherit' });
    await sending;
    // The nodes answer again without being restarted.
    const deadline = Date.now() + 20000;
    for (;;) {
      const before = acknowledged.length;
      await sendSome(1, 0, 'after the restart');
      if (acknowledged.length > before) break;
      if (Date.now() > deadline) assert.fail('sends were not acknowledged again within 20 s of the restart');
      await sleep(500);
    }
    await everyStreamHasEveryAcknowledgedMessage('after PostgreSQL restarted');
  });
});
