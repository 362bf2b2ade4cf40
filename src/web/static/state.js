// The client's picture of the server: one shared object plus a tiny change notification, so that
// each view module redraws itself when the part it shows changes.

const listeners = new Map();

export function on(topic, fn) {
  if (!listeners.has(topic)) listeners.set(topic, new Set());
  listeners.get(topic).add(fn);
}

export function emit(topic, detail) {
  for (const fn of listeners.get(topic) || []) {
    // One failing view must not keep the others from hearing the news.
    try {
      fn(detail);
    } catch (err) {
      console.error(err);
    }
  }
}

const body = document.body.dataset;

export const state = {
  me: body.username,
  maxUploadMb: Number(body.maxUploadMb) || 25,
  maxAvatarMb: Number(body.maxAvatarMb) || 5,
  publicChannels: [],
  publicUnread: {},
  privateChannels: [],
  dms: [],
  // DM conversations opened here that have no message yet, so the server does not list them.
  pendingDms: new Set(),
  dmUnreadTotal: 0,
  users: [],
  colors: {},
  avatars: new Set(),
  // Bumped when an avatar may have changed, to make the browser fetch it again.
  avatarVersion: {},
  presence: {},
  myPresence: 'active',
  current: 'general',
  // channel id → { byId: Map, lastTs, loaded }
  channels: new Map(),
  receipts: new Map(),
  typing: new Map(),
  // channel → when this app last read it, so that counts fetched before then are not trusted.
  readLocally: new Map(),
};

export function channelData(channel) {
  let data = state.channels.get(channel);
  if (!data) {
    data = { byId: new Map(), lastTs: 0, loaded: false };
    state.channels.set(channel, data);
  }
  return data;
}

/// The newest time a row changed, which is what the next poll asks for changes after.
function changedAt(message) {
  return Math.max(message.ts, message.edited_ts || 0, message.deleted_ts || 0, message.reactions_ts || 0);
}

/// Merges rows from a poll or an event; answers the rows that were not known before.
export function mergeMessages(channel, rows) {
  const data = channelData(channel);
  const fresh = [];
  for (const row of rows) {
    if (!data.byId.has(row.id)) fresh.push(row);
    data.byId.set(row.id, row);
    data.lastTs = Math.max(data.lastTs, changedAt(row));
  }
  return fresh;
}

export function sortedMessages(channel) {
  const data = channelData(channel);
  return [...data.byId.values()].sort((a, b) => a.ts - b.ts || a.id - b.id);
}

export function isDm(channel) {
  return channel.startsWith('dm:');
}

export function isPrivate(channel) {
  return channel.startsWith('private:');
}

export function dmId(names) {
  const all = [...new Set([state.me, ...names])];
  if (all.length === 1) all.push(state.me);
  return `dm:${all.sort().join(':')}`;
}

export function dmOthers(channel) {
  const names = channel.slice(3).split(':');
  const others = names.filter((n) => n !== state.me);
  return others.length ? [...new Set(others)] : [state.me];
}

export function channelLabel(channel) {
  if (isDm(channel)) return dmOthers(channel).join(', ');
  if (isPrivate(channel)) {
    const found = state.privateChannels.find((p) => p.channel === channel);
    return found ? found.name : 'private channel';
  }
  return channel;
}

/// Opening a channel reads it: its count goes to zero here at once, the server follows.
export function clearUnread(channel, at = Date.now()) {
  state.readLocally.set(channel, at);
  if (channel in state.publicUnread) state.publicUnread[channel] = 0;
  for (const list of [state.privateChannels, state.dms]) {
    const found = list.find((c) => c.channel === channel);
    if (found) {
      if (list === state.dms) state.dmUnreadTotal = Math.max(0, state.dmUnreadTotal - found.unread);
      found.unread = 0;
    }
  }
}

export function totalUnread() {
  const pub = Object.values(state.publicUnread).reduce((a, b) => a + b, 0);
  const priv = state.privateChannels.reduce((a, p) => a + p.unread, 0);
  return pub + priv + state.dmUnreadTotal;
}
