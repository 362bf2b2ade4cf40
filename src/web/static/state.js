// The client's picture of the server: one shared object plus a tiny change notification, so that
// each view module redraws itself when the part it shows changes.

import { emptyWindow, ordered } from './pages.js';

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
  // channel id → its loaded window (pages.js): only the open conversation's
  channels: new Map(),
  receipts: new Map(),
  typing: new Map(),
  // channel → when this app last read it, so that counts fetched before then are not trusted.
  readLocally: new Map(),
};

/// The open conversation's loaded window (see pages.js). Only the open conversation keeps its
/// messages: leaving one forgets them (`forgetChannel`), and opening it again loads its newest page.
export function channelData(channel) {
  let data = state.channels.get(channel);
  if (!data) {
    data = emptyWindow();
    state.channels.set(channel, data);
  }
  return data;
}

/// The window of `channel` if it has one, without making one.
export function knownChannel(channel) {
  return state.channels.get(channel);
}

export function forgetChannel(channel) {
  state.channels.delete(channel);
  state.receipts.delete(channel);
}

export function sortedMessages(channel) {
  const data = knownChannel(channel);
  return data ? ordered(data) : [];
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
