// Fetching server state into `state` and announcing what changed. Both the live event stream
// and the polling fallback go through these functions.

import { api } from './api.js';
import { openNewest } from './history.js';
import { mergeLive, ordered, receiptWindows } from './pages.js';
import { channelData, clearUnread, emit, knownChannel, state } from './state.js';

/// Runs `fn` at most once at a time; calls made meanwhile collapse into one more run.
function coalesce(fn) {
  let running = null;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await fn();
        } while (again);
      } catch (err) {
        console.warn(err);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  return run;
}

export const refreshSidebar = coalesce(async () => {
  const asked = Date.now();
  const [unread, privates, dms, count] = await Promise.all([
    api.channelUnreads(),
    api.privateChannels(),
    api.dms(),
    api.unreadCount(),
  ]);
  state.publicUnread = unread;
  state.privateChannels = privates;
  state.dms = dms;
  state.dmUnreadTotal = count.count;
  // An answer older than our own reading of a channel still counts what we have read.
  for (const [channel, at] of state.readLocally) {
    if (at > asked) clearUnread(channel, at);
  }
  for (const dm of dms) state.pendingDms.delete(dm.channel);
  emit('sidebar');
});

/// Everyone else's names, for the people pickers (asked for when one opens, not polled: the
/// list can be long).
export async function refreshUsers() {
  state.users = await api.users();
}

export const refreshPeople = coalesce(async () => {
  const [colors, avatars] = await Promise.all([api.userColors(), api.userAvatars()]);
  const next = new Set(avatars);
  for (const name of new Set([...next, ...state.avatars])) {
    if (next.has(name) !== state.avatars.has(name)) state.avatarVersion[name] = Date.now();
  }
  const changed =
    JSON.stringify(colors) !== JSON.stringify(state.colors) || next.size !== state.avatars.size || [...next].some((n) => !state.avatars.has(n));
  state.colors = colors;
  state.avatars = next;
  if (changed) emit('people');
});

/// Marks a user's picture as changed (after an upload) so every view fetches it again.
export function avatarChanged(name) {
  state.avatarVersion[name] = Date.now();
  emit('people');
}

export const refreshPresence = coalesce(async () => {
  state.presence = await api.onlineUsers();
  emit('presence');
});

const channelPollers = new Map();

/// Brings the open conversation up to date. The first time, it loads its newest page; after
/// that, it asks for what changed since the last change seen (`after=`), never for the whole
/// history.
export function pollChannel(channel) {
  if (!channelPollers.has(channel)) {
    channelPollers.set(
      channel,
      coalesce(async () => {
        if (channel !== state.current) return;
        const data = channelData(channel);
        if (!data.loaded || data.lastTs === null) {
          if (data.loading) return;
          if (await openNewest(channel)) emit('loaded', channel);
          return;
        }
        applyMessages(channel, await api.changes(channel, data.lastTs));
      }),
    );
  }
  return channelPollers.get(channel)();
}

const untouched = (row) => !row.edited && !row.deleted && row.reactions_ts === null;

/// Rows from a poll or an event. Only the open conversation keeps messages (in its window);
/// the news of the others still counts for unread badges and notifications.
export function applyMessages(channel, rows, { live = false } = {}) {
  if (!rows.length) return;
  const data = knownChannel(channel);
  const fresh = data ? mergeLive(data, rows).filter(untouched) : rows.filter(untouched);
  emit('messages', { channel, rows, fresh, live });
}

/// The receipts the open window shows (see `receiptWindows`), never every receipt of the
/// conversation.
export const refreshReceipts = coalesce(async () => {
  const channel = state.current;
  const data = knownChannel(channel);
  if (!data || !data.loaded) return;
  const byTs = new Map();
  for (const [from, to] of receiptWindows(ordered(data), state.me)) {
    const raw = await api.readReceipts(channel, from, to);
    for (const [ts, readers] of Object.entries(raw)) byTs.set(Number(ts), readers);
  }
  if (channel !== state.current) return;
  state.receipts.set(channel, byTs);
  emit('receipts', channel);
});

const TYPING_MS = 5000;
// channel → user → until when a poll's "typing" is not believed: the server keeps a report for
// 5 s, also after the message it announced was sent. (Typing again within those 5 s shows only
// once the report is renewed after them.)
const sentRecently = new Map();

export function typingSeen(channel, user) {
  if (!state.typing.has(channel)) state.typing.set(channel, new Map());
  state.typing.get(channel).set(user, Date.now() + TYPING_MS);
  emit('typing', channel);
}

/// `user` just sent a message in `channel`: they are not typing any more.
export function stoppedTyping(channel, user) {
  state.typing.get(channel)?.delete(user);
  if (!sentRecently.has(channel)) sentRecently.set(channel, new Map());
  sentRecently.get(channel).set(user, Date.now() + TYPING_MS);
}

export const refreshTyping = coalesce(async () => {
  const channel = state.current;
  const users = await api.typing(channel);
  const quiet = sentRecently.get(channel) || new Map();
  for (const user of users) {
    if ((quiet.get(user) || 0) < Date.now()) typingSeen(channel, user);
  }
});

export function typists(channel) {
  const now = Date.now();
  const map = state.typing.get(channel) || new Map();
  return [...map].filter(([, until]) => until > now).map(([user]) => user);
}

/// Tells the server the open channel has been read, at most once per burst. The channel is
/// taken now: switching on before the burst ends must not mark the next one instead.
const readTimers = new Map();
export function markCurrentRead() {
  const channel = state.current;
  clearTimeout(readTimers.get(channel));
  readTimers.set(
    channel,
    setTimeout(async () => {
      readTimers.delete(channel);
      if (document.hidden) return;
      try {
        await api.markRead(channel);
        clearUnread(channel);
      } catch (err) {
        console.warn(err);
      }
      refreshSidebar();
    }, 150),
  );
}
