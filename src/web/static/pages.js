// The rules of the loaded window of a conversation, as plain functions of its data (no DOM, no
// requests), so that the browser tests can check them directly.
//
// A conversation is never loaded whole. The app holds one contiguous stretch of it (the
// "window"): the newest page when it opens, grown by pages as the reader scrolls, replaced by a
// page around a message for jumps. `atStart` says the window begins at the conversation's first
// message, `atLive` that it ends at the newest one (only then do new messages join it). At most
// MAX_KEPT messages are kept: the end away from the reader is dropped and loaded again when
// needed.

/// Messages per page when opening a conversation and when scrolling (the server's default).
export const PAGE = 50;
/// The most messages of one conversation kept in memory and drawn at once.
export const MAX_KEPT = 600;
/// Pages asked for while walking back to the first unread message (the server's maximum).
export const WALK_PAGE = 200;
/// The most messages one receipts window may span (the server's limit counts sends, which are
/// never more than messages).
export const RECEIPT_WINDOW = 200;

/// A fresh, empty window: nothing loaded, no change watermark yet.
export function emptyWindow() {
  return { byId: new Map(), lastTs: null, loaded: false, atStart: false, atLive: false, loading: null, gen: 0, held: [] };
}

/// The newest time a row changed, which is what the next `after=` poll asks for changes after.
export function changedAt(row) {
  return Math.max(row.ts, row.edited_ts || 0, row.deleted_ts || 0, row.reactions_ts || 0, row.pin_changed_ts || 0);
}

/// The lowest and highest message id in the window (undefined when it is empty).
export function bounds(data) {
  let lo;
  let hi;
  for (const id of data.byId.keys()) {
    if (lo === undefined || id < lo) lo = id;
    if (hi === undefined || id > hi) hi = id;
  }
  return { lo, hi };
}

/// Keeps the later of two states of one row (an answer can overtake a newer one on the way).
function put(data, row) {
  const known = data.byId.get(row.id);
  if (!known || changedAt(row) >= changedAt(known)) data.byId.set(row.id, row);
}

/// Rows from the change stream (an event or an `after=` poll): rows the window holds are updated,
/// new rows join only a window that reaches the newest message; rows outside are dropped (they
/// are loaded fresh with their page), except those past the end while a page that may reach the
/// end is on its way (`held`). Answers the rows that joined the window.
export function mergeLive(data, rows) {
  const fresh = [];
  const { lo, hi } = bounds(data);
  for (const row of rows) {
    if (data.lastTs !== null) data.lastTs = Math.max(data.lastTs, changedAt(row));
    if (data.byId.has(row.id)) {
      put(data, row);
      continue;
    }
    const afterStart = lo === undefined || row.id > lo || data.atStart;
    const beforeEnd = hi === undefined || row.id < hi || data.atLive;
    if (data.loaded && afterStart && beforeEnd && (lo !== undefined || data.atLive)) {
      put(data, row);
      fresh.push(row);
    } else if (mayReachLive(data) && (hi === undefined || row.id > hi) && data.held.length < MAX_KEPT) {
      data.held.push(row);
    }
  }
  return fresh;
}

/// A load is on its way whose answer may end at the newest message.
function mayReachLive(data) {
  return data.loading === 'open' || data.loading === 'newer' || data.loading === 'jump';
}

/// Makes `rows` (a page that starts a new window: the newest page or one around a message) the
/// window. `newest`: it is the newest page, so the window is live and a short page is the whole
/// conversation; a page around a message that is short holds all of it too, and a full one
/// leaves both ends to be found by scrolling.
export function resetWindow(data, rows, { newest, limit }) {
  data.byId = new Map();
  for (const row of rows) data.byId.set(row.id, row);
  data.loaded = true;
  const whole = rows.length < limit;
  data.atLive = newest || whole;
  data.atStart = whole;
  if (data.atLive) releaseHeld(data);
  else data.held = [];
}

/// Adds a page next to the window. `older`: it ends where the window starts, else it starts
/// where the window ends; a page shorter than `limit` reached that end of the conversation.
export function addPage(data, rows, { older, limit }) {
  for (const row of rows) put(data, row);
  if (older) {
    if (rows.length < limit) data.atStart = true;
  } else if (rows.length < limit) {
    data.atLive = true;
    releaseHeld(data);
  } else {
    // Still short of the end: what was said meanwhile comes with the next pages.
    data.held = [];
  }
}

/// Once the window is live again, the rows the change stream brought meanwhile join it.
function releaseHeld(data) {
  const held = data.held;
  data.held = [];
  const { hi } = bounds(data);
  for (const row of held) if (hi === undefined || row.id > hi || data.byId.has(row.id)) put(data, row);
}

/// Drops messages beyond MAX_KEPT from one end (`from`: 'oldest' or 'newest'), which then is no
/// longer the conversation's start or newest message. Answers how many were dropped.
export function trim(data, from) {
  const excess = data.byId.size - MAX_KEPT;
  if (excess <= 0) return 0;
  const ids = [...data.byId.keys()].sort((a, b) => a - b);
  const gone = from === 'oldest' ? ids.slice(0, excess) : ids.slice(ids.length - excess);
  for (const id of gone) data.byId.delete(id);
  if (from === 'oldest') data.atStart = false;
  else data.atLive = false;
  return excess;
}

/// The window's rows in the order they are shown.
export function ordered(data) {
  return [...data.byId.values()].sort((a, b) => a.ts - b.ts || a.id - b.id);
}

/// Whether a row counts as unread for `me` (as the server counts: not mine, not a notice, not
/// deleted).
export function countsAsUnread(row, me) {
  return row.sender !== me && row.sender !== 'system' && !row.deleted;
}

/// Looks for the first of the newest `remaining` unread rows in `rows` (oldest first), which
/// continue towards the present with rows already counted. Answers `{ id }` when found, else
/// `{ remaining }`: how many unread rows are still to be found further back.
export function firstUnread(rows, remaining, me) {
  const unread = rows.filter((row) => countsAsUnread(row, me));
  if (remaining <= 0) return { remaining: 0 };
  if (unread.length >= remaining) return { id: unread[unread.length - remaining].id };
  return { remaining: remaining - unread.length };
}

/// The id ranges (inclusive) whose receipts the window needs: the newest page, reaching back to
/// my latest send when it is near; my latest send alone when it is further back. (The app shows
/// receipts under my latest send.)
export function receiptWindows(rows, me) {
  if (!rows.length) return [];
  const ids = rows.map((row) => row.id).sort((a, b) => a - b);
  const last = ids[ids.length - 1];
  let from = ids[Math.max(0, ids.length - PAGE)];
  const mine = rows.filter((row) => row.sender === me && !row.deleted);
  const own = mine.length ? Math.max(...mine.map((row) => row.id)) : null;
  if (own === null || own >= from) return [[from, last]];
  const span = ids.length - ids.indexOf(own);
  if (span <= RECEIPT_WINDOW) return [[own, last]];
  return [[own, own], [from, last]];
}
