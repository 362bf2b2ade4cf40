// Keeping up to date: the server's event stream (`GET /events`) when it is open, polling the
// API like the original app when it is not. A slow background refresh runs either way, for what
// has no event (name colours and avatars).

import { state, emit } from './state.js';
import * as sync from './sync.js';

let source = null;
let live = false;

export function isLive() {
  return live;
}

function parse(event) {
  try {
    return JSON.parse(event.data);
  } catch {
    return {};
  }
}

function connect() {
  source = new EventSource('/events');
  source.addEventListener('open', () => {
    const wasLive = live;
    live = true;
    // Changes made while the stream was down arrive through one catch-up poll.
    if (!wasLive) catchUp();
  });
  source.addEventListener('error', () => {
    live = false;
    if (source.readyState === EventSource.CLOSED) setTimeout(connect, 5000);
  });
  source.addEventListener('message', (event) => {
    const data = parse(event);
    if (data.channel && Array.isArray(data.messages)) sync.applyMessages(data.channel, data.messages, { live: true });
  });
  source.addEventListener('receipts', (event) => {
    if (parse(event).channel === state.current) sync.refreshReceipts();
  });
  source.addEventListener('typing', (event) => {
    const { channel, user } = parse(event);
    if (channel && user && user !== state.me) sync.typingSeen(channel, user);
  });
  source.addEventListener('presence', (event) => {
    const { user, state: status } = parse(event);
    if (!user) return;
    if (user === state.me) return;
    state.presence[user] = status;
    emit('presence');
  });
  source.addEventListener('dms', () => sync.refreshSidebar());
  source.addEventListener('channels', () => sync.refreshSidebar());
  source.addEventListener('resync', () => catchUp());
}

function catchUp() {
  sync.pollChannel(state.current);
  sync.refreshSidebar();
  sync.refreshPresence();
  sync.refreshReceipts();
}

let tick = 0;
const TICK_MS = 500;
const every = (ms) => tick % (ms / TICK_MS) === 0;

function poll() {
  tick += 1;
  if (!live) {
    // As the original app: the open channel twice a second, the rest less often.
    sync.pollChannel(state.current);
    if (every(1000)) sync.refreshTyping();
    if (every(2000)) sync.refreshSidebar();
    if (every(2000)) sync.refreshPresence();
    if (every(3000)) sync.refreshReceipts();
  } else {
    // The stream announces only who starts typing; someone who sent a message and went on
    // typing within a few seconds is seen by asking.
    if (every(2000)) sync.refreshTyping();
    // This server announces no receipt changes on the stream (yet): ask, as the original app did.
    if (every(3000)) sync.refreshReceipts();
    // A safety net: counts drift only if an event was lost without a resync.
    if (every(20000)) {
      sync.refreshSidebar();
      sync.refreshPresence();
    }
  }
  if (every(4000)) sync.refreshPeople();
  if (every(1000)) emit('tick');
}

export function start() {
  if ('EventSource' in window) connect();
  setInterval(poll, TICK_MS);
}
