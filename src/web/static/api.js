// The HTTP API as small async functions. Every call asks for JSON so that an expired session
// answers 401 (not a redirect to an HTML page), which sends the browser to the sign-in page.

export class ApiError extends Error {
  constructor(status, text) {
    super(text || `HTTP ${status}`);
    this.status = status;
  }
}

const enc = encodeURIComponent;
const TIMEOUT_MS = 20000;

// The latest server time (whole seconds, from `Date`) of an answer received so far: a change
// time that is certainly not after anything the server does from now on.
let serverSeen = 0;
export const serverTimeSeen = () => serverSeen;

async function request(method, path, body) {
  // A request that never answers must not hold up the refresh waiting for it.
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin', signal: AbortSignal.timeout(TIMEOUT_MS) };
  if (body instanceof FormData) {
    init.body = body;
    // Uploads of large images may take a while on a slow line.
    init.signal = AbortSignal.timeout(TIMEOUT_MS * 15);
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const date = Date.parse(response.headers.get('Date') || '');
  if (date > 0) serverSeen = Math.max(serverSeen, Math.floor(date / 1000));
  if (response.status === 401) {
    location.assign('/login');
    throw new ApiError(401, 'signed out');
  }
  const type = response.headers.get('Content-Type') || '';
  const payload = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const text = typeof payload === 'string' ? payload : payload && payload.error;
    throw new ApiError(response.status, text);
  }
  return payload;
}

const get = (path) => request('GET', path);
const post = (path, body) => request('POST', path, body);

/// A query string of the fields that have a value.
function query(fields) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  return params.toString();
}

function form(fields) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null) data.append(key, value);
  }
  return data;
}

export const api = {
  channels: () => get('/channels'),
  channelUnreads: () => get('/channel_unreads'),
  /// What changed in a conversation after `after` (a change time seen before: never 0, which
  /// would be the whole history).
  changes(channel, after) {
    if (!(after > 0)) throw new Error('changes() needs a change time');
    return get(`/messages/${enc(channel)}?after=${after}`);
  },
  /// One page of a conversation, oldest first: the newest (no cursor), before a message id,
  /// after one (`afterId`), or around one.
  page: (channel, { limit, before, afterId, around } = {}) => get(`/messages/${enc(channel)}?${query({ limit, before, after_id: afterId, around })}`),
  message: (id) => get(`/message/${id}`),
  send(channel, text, replyTo, files) {
    const data = form({ text, reply_to_id: replyTo });
    for (const file of files) data.append('files', file, file.name);
    return post(`/send/${enc(channel)}`, data);
  },
  edit: (id, text) => post(`/edit/${id}`, form({ text })),
  remove: (id) => post(`/delete/${id}`),
  search: (q) => get(`/search_messages?q=${enc(q)}`),
  react: (id, reaction) => post(`/react/${id}`, form({ reaction })),
  pin: (id) => post(`/pin/${id}`),
  unpin: (id) => post(`/unpin/${id}`),
  pins: (channel) => get(`/pins/${enc(channel)}`),
  linkPreview: (url) => get(`/link_preview?url=${enc(url)}`),
  users: () => get('/users'),
  channelMembers: (channel) => get(`/channel_members/${enc(channel)}`),
  userColors: () => get('/user_colors'),
  userAvatars: () => get('/user_avatars'),
  onlineUsers: () => get('/online_users'),
  setPresence: (state) => post('/presence', { state }),
  typing: (channel) => get(`/typing/${enc(channel)}`),
  reportTyping: (channel) => post(`/typing/${enc(channel)}`),
  dms: () => get('/dms'),
  closeDm: (channel) => post('/dms/close', { channel }),
  unreadCount: () => get('/unread_count'),
  markRead: (channel) => post(`/mark_read/${enc(channel)}`),
  /// Receipts of the messages with ids from `fromId` to `toId` (inclusive).
  readReceipts: (channel, fromId, toId) => get(`/read_receipts/${enc(channel)}?${query({ from_id: fromId, to_id: toId })}`),
  settings: () => get('/settings'),
  saveSettings: (fields) => post('/settings', fields),
  uploadAvatar: (blob) => post('/avatar', form({ avatar: new File([blob], 'avatar.png', { type: 'image/png' }) })),
  deleteAvatar: () => request('DELETE', '/avatar'),
  deleteAccount: (type, password) => post('/delete_account', { type, password }),
  privateChannels: () => get('/private_channels'),
  createPrivate: (name, members) => post('/private_channels/create', { name, members }),
  renamePrivate: (id, name) => post(`/private_channels/${id}/rename`, { name }),
  addMember: (id, username) => post(`/private_channels/${id}/add_member`, { username }),
  leavePrivate: (id) => post(`/private_channels/${id}/leave`),
  filePreview: (name) => get(`/file_preview/${enc(name)}`),
  /// The size `HEAD` tells, or null when the file is gone (or no longer ours to see).
  async fileSize(name) {
    const response = await fetch(`/files/${enc(name)}`, { method: 'HEAD', credentials: 'same-origin', signal: AbortSignal.timeout(TIMEOUT_MS) });
    return response.ok ? Number(response.headers.get('Content-Length')) : null;
  },
  reactionNames: () => fetch('/static/reactions.txt').then((r) => r.text()),
};

/// Presence must reach the server even while the page is being hidden or closed.
export function beaconPresence(state) {
  const body = new Blob([JSON.stringify({ state })], { type: 'application/json' });
  if (!navigator.sendBeacon || !navigator.sendBeacon('/presence', body)) {
    api.setPresence(state).catch(() => {});
  }
}
