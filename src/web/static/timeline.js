// The items of the message list, built from the window's rows: date separators, grouping of
// consecutive messages, the unread divider, reply quotes and "seen by". Rows are cached by what
// they show, so a redraw moves existing nodes instead of rebuilding them (and images are not
// fetched again).

import { api } from './api.js';
import { el } from './dom.js';
import { messageItem } from './message.js';
import { knownChannel, state } from './state.js';

const GROUP_SECONDS = 300;
/// Reply parents outside the window, fetched one by one: at most this many are remembered.
const MAX_PARENTS = 300;

const cache = new Map();
const parents = new Map();

/// Forgets every cached row (a conversation switch, or every row must be built again).
export function forgetRows({ andParents = false } = {}) {
  cache.clear();
  if (andParents) parents.clear();
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

/// The parent of a reply: from the window if loaded, else fetched once (`redraw` when it comes).
function parentOf(id, redraw) {
  const local = knownChannel(state.current)?.byId.get(id);
  if (local) return local;
  if (!parents.has(id)) {
    if (parents.size >= MAX_PARENTS) parents.delete(parents.keys().next().value);
    parents.set(id, null);
    api.message(id).then(
      (m) => {
        parents.set(id, m);
        redraw();
      },
      () => parents.set(id, { sender: '', deleted: 1, content: null }),
    );
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

/// The list items of `rows` (the whole window, oldest first). `dividerBefore`: the id of the first
/// unread message; `actions`: what the rows' buttons do; `redraw`: called when a fetched reply
/// parent arrives.
export function buildItems(rows, { dividerBefore, actions, redraw }) {
  const items = [];
  const seen = latestOwnSeen(rows);
  let prev = null;
  const used = new Set();
  for (let i = 0; i < rows.length; i += 1) {
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
      parent: m.reply_to_id ? parentOf(m.reply_to_id, redraw) : null,
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
  return items;
}
