// The message list of the open channel: date separators, grouping, the unread divider,
// history revealed upwards as you scroll, the new-messages button and jumping to a message.
// Rows are cached by what they show, so a redraw moves existing nodes instead of rebuilding
// them (and images are not fetched again).

import { api } from './api.js';
import { $, el } from './dom.js';
import { messageItem } from './message.js';
import { channelData, on, sortedMessages, state } from './state.js';

const PAGE = 60;
const GROUP_SECONDS = 300;

let shown = PAGE;
let dividerBefore = null;
let actions = null;
const cache = new Map();
const parents = new Map();

const scroller = () => $('message-scroll');

function nearBottom() {
  const s = scroller();
  return s.scrollHeight - s.scrollTop - s.clientHeight < 60;
}

// Our own scrolling (redraws, jumps) must not count as the reader asking for older history.
let quietUntil = 0;
const hush = () => {
  quietUntil = performance.now() + 250;
};

export function scrollToBottom() {
  hush();
  const s = scroller();
  s.scrollTop = s.scrollHeight;
  $('jump-new').hidden = true;
}

function dayKey(ts) {
  const d = new Date(ts * 1000);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

function dayLabel(ts) {
  const d = new Date(ts * 1000);
  const today = new Date();
  const yesterday = new Date(Date.now() - 86400000);
  if (dayKey(ts) === dayKey(today / 1000)) return 'Today';
  if (dayKey(ts) === dayKey(yesterday / 1000)) return 'Yesterday';
  return d.toLocaleDateString([], { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}

/// The parent of a reply: from the channel if loaded, else fetched once.
function parentOf(id) {
  const local = channelData(state.current).byId.get(id);
  if (local) return local;
  if (!parents.has(id)) {
    parents.set(id, null);
    api.message(id).then((m) => {
      parents.set(id, m);
      render();
    }, () => parents.set(id, { sender: '', deleted: 1, content: null }));
  }
  return parents.get(id);
}

/// Readers other than me of my latest send: shown under it only.
function latestOwnSeen(rows) {
  const mine = rows.filter((m) => m.sender === state.me && !m.deleted);
  if (!mine.length) return { ts: null, readers: [] };
  const ts = mine[mine.length - 1].ts;
  const readers = ((state.receipts.get(state.current) || new Map()).get(ts) || []).filter((r) => r !== state.me);
  return { ts, readers };
}

function rowKey(message, view) {
  const parent = view.parent ? [view.parent.sender, view.parent.content, view.parent.deleted] : null;
  return JSON.stringify([message, view.continued, view.showReactions, view.seenBy, parent, state.colors[message.sender] || '', state.avatarVersion[message.sender] || 0, state.avatars.has(message.sender)]);
}

function buildItems(rows) {
  const start = Math.max(0, rows.length - shown);
  const items = [];
  const seen = latestOwnSeen(rows);
  let prev = start > 0 ? rows[start - 1] : null;
  const used = new Set();
  for (let i = start; i < rows.length; i += 1) {
    const m = rows[i];
    const next = rows[i + 1];
    const sameSend = (a, b) => a && b && a.ts === b.ts && a.sender === b.sender;
    // A deleted send shows one placeholder, not one per image.
    if (m.deleted && sameSend(prev, m) && prev.deleted) {
      prev = m;
      continue;
    }
    if (!prev || dayKey(prev.ts) !== dayKey(m.ts)) {
      items.push(el('li', { class: 'day-separator', role: 'separator' }, el('span', {}, dayLabel(m.ts))));
      prev = null;
    }
    if (dividerBefore === m.id) items.push(el('li', { class: 'unread-divider', role: 'separator' }, el('span', {}, 'New messages')));
    const continued =
      sameSend(prev, m) ||
      (prev && prev.sender === m.sender && m.sender !== 'system' && !m.reply_to_id && m.ts - prev.ts < GROUP_SECONDS && dividerBefore !== m.id);
    const view = {
      continued: Boolean(continued),
      parent: m.reply_to_id ? parentOf(m.reply_to_id) : null,
      showReactions: !sameSend(m, next),
      seenBy: m.ts === seen.ts && !sameSend(m, next) ? seen.readers : null,
    };
    const key = rowKey(m, view);
    let entry = cache.get(m.id);
    if (!entry || entry.key !== key) {
      entry = { key, node: messageItem(m, view, actions) };
      cache.set(m.id, entry);
    }
    used.add(m.id);
    items.push(entry.node);
    prev = m;
  }
  for (const id of cache.keys()) if (!used.has(id)) cache.delete(id);
  return { items, hasMore: start > 0 };
}

let frame = 0;
let switched = false;
/// Redraws on the next frame; several changes in one frame draw once.
export function render() {
  if (!frame) frame = requestAnimationFrame(draw);
}

function draw() {
  frame = 0;
  hush();
  const s = scroller();
  // After a channel switch the old position means nothing: start at the end.
  const stick = nearBottom() || switched;
  switched = false;
  const fromBottom = s.scrollHeight - s.scrollTop;
  const { items, hasMore } = buildItems(sortedMessages(state.current));
  $('message-list').replaceChildren(...items);
  s.dataset.loaded = String(channelData(state.current).loaded);
  $('history-top').textContent = hasMore ? 'Scroll up for older messages' : channelData(state.current).loaded ? 'This is the beginning of the conversation.' : 'Loading…';
  if (stick) s.scrollTop = s.scrollHeight;
  else s.scrollTop = s.scrollHeight - fromBottom;
}

/// Called when a channel is opened, with its unread count before it is marked read.
export function openChannel(unread) {
  shown = PAGE;
  switched = true;
  cache.clear();
  dividerBefore = null;
  pendingUnread = unread;
  $('jump-new').hidden = true;
  $('message-list').replaceChildren();
  if (channelData(state.current).loaded) placeDivider();
  else render();
}

let pendingUnread = 0;

/// Once a channel's messages are in: place the unread divider and scroll to it or the end.
function placeDivider() {
  const rows = sortedMessages(state.current).filter((m) => m.sender !== state.me && m.sender !== 'system' && !m.deleted);
  if (pendingUnread > 0 && rows.length) {
    const first = rows[Math.max(0, rows.length - pendingUnread)];
    dividerBefore = first.id;
    const all = sortedMessages(state.current);
    shown = Math.max(shown, all.length - all.indexOf(first) + 10);
  }
  pendingUnread = 0;
  draw();
  const divider = $('message-list').querySelector('.unread-divider');
  if (divider) divider.scrollIntoView({ block: 'start' });
  else scrollToBottom();
}

/// Scrolls to a message and flashes it; reveals older history when needed.
export function jumpTo(id) {
  const rows = sortedMessages(state.current);
  const index = rows.findIndex((m) => m.id === id);
  if (index < 0) return false;
  shown = Math.max(shown, rows.length - index + 5);
  draw();
  const node = document.getElementById(`msg-${id}`);
  if (!node) return false;
  node.scrollIntoView({ block: 'center' });
  node.classList.add('flash');
  setTimeout(() => node.classList.remove('flash'), 2000);
  return true;
}

export function initMessages(messageActions) {
  actions = messageActions;
  const s = scroller();
  s.addEventListener('scroll', () => {
    if (nearBottom()) $('jump-new').hidden = true;
    if (performance.now() < quietUntil) return;
    if (s.scrollTop < 80 && shown < sortedMessages(state.current).length) {
      shown += PAGE;
      draw();
    }
  });
  $('jump-new').addEventListener('click', scrollToBottom);
  // Touch screens have no hover: a tap on a message shows its actions.
  $('message-list').addEventListener('click', (e) => {
    const item = e.target.closest('.msg');
    if (!item || e.target.closest('button, a')) return;
    for (const other of $('message-list').querySelectorAll('.msg.active')) if (other !== item) other.classList.remove('active');
    item.classList.toggle('active');
  });
  // Images change the height after they load; keep the end in view if we were there.
  $('message-list').addEventListener('load', () => {
    if (s.scrollHeight - s.scrollTop - s.clientHeight < 400 && $('jump-new').hidden) s.scrollTop = s.scrollHeight;
  }, true);
  on('loaded', (channel) => {
    if (channel === state.current) placeDivider();
  });
  on('messages', ({ channel, fresh, initial }) => {
    if (channel !== state.current || initial) return;
    const atEnd = nearBottom();
    render();
    const fromOthers = fresh.some((m) => m.sender !== state.me);
    const fromMe = fresh.some((m) => m.sender === state.me);
    if (fromMe) requestAnimationFrame(() => requestAnimationFrame(scrollToBottom));
    else if (fromOthers && !atEnd) $('jump-new').hidden = false;
  });
  for (const topic of ['receipts', 'people']) on(topic, render);
  // Cards on or off: every row is built again.
  on('previews', () => {
    cache.clear();
    render();
  });
}
