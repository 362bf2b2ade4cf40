// Loading a conversation's history one page at a time (the window rules are in pages.js): the
// newest page when it opens, older and newer pages as the reader scrolls, a page around a
// message for jumps, and the walk back to the first unread message. One load at a time per
// conversation; an answer that arrives after the window was replaced is dropped.

import { api, serverTimeSeen } from './api.js';
import { PAGE, WALK_PAGE, addPage, bounds, changedAt, countsAsUnread, firstUnread, ordered, resetWindow, trim } from './pages.js';
import { channelData, emit, knownChannel } from './state.js';

/// Runs one load of `kind` for `channel`'s window. `step(data, stillCurrent)` does the requests and
/// applies them while `stillCurrent()` holds. Answers what `step` answers, or false when it was
/// not run (another load is on its way) or failed.
async function load(channel, kind, step, { replaces = false } = {}) {
  const data = channelData(channel);
  if (data.loading && !replaces) return false;
  if (replaces) data.gen += 1;
  const gen = data.gen;
  const stillCurrent = () => data.gen === gen && knownChannel(channel) === data;
  data.loading = kind;
  emit('window', channel);
  try {
    return await step(data, stillCurrent);
  } catch (err) {
    console.warn(err);
    return false;
  } finally {
    if (stillCurrent()) {
      data.loading = null;
      emit('window', channel);
    }
  }
}

/// Loads the newest page and makes it the window. The first time, it also sets the change time
/// that later `after=` polls start from: the newest change among its rows (every later change is
/// newer), or for an empty conversation the server's time before the request.
export function openNewest(channel) {
  return load(
    channel,
    'open',
    async (data, stillCurrent) => {
      const seen = serverTimeSeen();
      const rows = await api.page(channel, { limit: PAGE });
      if (!stillCurrent()) return false;
      resetWindow(data, rows, { newest: true, limit: PAGE });
      if (data.lastTs === null) data.lastTs = rows.length ? Math.max(...rows.map(changedAt)) : seen || null;
      return true;
    },
    { replaces: true },
  );
}

/// Loads the page before the window (when the reader nears its top); drops the newest messages
/// beyond the bound. Answers whether the window changed.
export function loadOlder(channel, limit = PAGE) {
  return load(channel, 'older', async (data, stillCurrent) => {
    if (!data.loaded || data.atStart) return false;
    const { lo } = bounds(data);
    if (lo === undefined) return false;
    const rows = await api.page(channel, { limit, before: lo });
    if (!stillCurrent()) return false;
    addPage(data, rows, { older: true, limit });
    trim(data, 'newest');
    return true;
  });
}

/// Loads the page after the window (when the reader nears its end and it is not the present);
/// drops the oldest messages beyond the bound.
export function loadNewer(channel) {
  return load(channel, 'newer', async (data, stillCurrent) => {
    if (!data.loaded || data.atLive) return false;
    const { hi } = bounds(data);
    if (hi === undefined) return false;
    const rows = await api.page(channel, { limit: PAGE, afterId: hi });
    if (!stillCurrent()) return false;
    addPage(data, rows, { older: false, limit: PAGE });
    trim(data, 'oldest');
    return true;
  });
}

/// Makes a page centred on message `id` the window (search results, reply quotes, pins, the
/// first unread message). False when the message is not there for us (deleted for good, another
/// conversation, not visible).
export function loadAround(channel, id) {
  return load(
    channel,
    'jump',
    async (data, stillCurrent) => {
      const rows = await api.page(channel, { limit: PAGE, around: id });
      if (!stillCurrent() || !rows.some((row) => row.id === id)) return false;
      resetWindow(data, rows, { newest: false, limit: PAGE });
      return true;
    },
    { replaces: true },
  );
}

/// The id of the first of the newest `count` unread messages, walking back a page at a time
/// from the loaded window (which slides back with the walk, so memory stays bounded) until they
/// are all counted or the conversation's start is reached. Null when nothing is unread here.
export async function findFirstUnread(channel, count, me) {
  const data = knownChannel(channel);
  if (!data || !data.loaded || count <= 0) return null;
  let found = firstUnread(ordered(data), count, me);
  while (found.id === undefined && !data.atStart) {
    const before = bounds(data).lo;
    if (!(await loadOlder(channel, WALK_PAGE)) || knownChannel(channel) !== data) return null;
    const page = ordered(data).filter((row) => row.id < before);
    found = firstUnread(page, found.remaining, me);
  }
  if (found.id !== undefined) return found.id;
  // More counted than there are rows to see (the count was taken a moment earlier): the start.
  const first = ordered(data).find((row) => countsAsUnread(row, me));
  return first ? first.id : null;
}
