// The open channel's header: title, who is in it, and for private channels rename, add
// member and leave.

import { api } from './api.js';
import { $, el, field, formDialog } from './dom.js';
import { icon } from './icons.js';
import { presenceOf } from './people.js';
import { channelLabel, dmOthers, isDm, isPrivate, on, state } from './state.js';
import { refreshPeople } from './sync.js';

let openChannel = () => {};

function currentPrivate() {
  return state.privateChannels.find((p) => p.channel === state.current);
}

export function drawHeader() {
  const channel = state.current;
  const title = $('channel-title');
  const sub = $('channel-sub');
  if (isDm(channel)) {
    const others = dmOthers(channel);
    title.textContent = channelLabel(channel);
    sub.textContent = others.length === 1 ? presenceOf(others[0]) : `${others.length + 1} people`;
  } else if (isPrivate(channel)) {
    const p = currentPrivate();
    title.replaceChildren(icon('lock'), channelLabel(channel));
    sub.textContent = p ? `${p.members.length} members: ${p.members.join(', ')}` : '';
  } else {
    title.textContent = `# ${channel}`;
    sub.textContent = '';
  }
  $('channel-actions').hidden = !isPrivate(channel);
}

function rename() {
  const p = currentPrivate();
  if (!p) return;
  const name = el('input', { type: 'text', maxlength: 80, value: p.name, required: true });
  formDialog({
    title: 'Rename channel',
    ok: 'Rename',
    fields: [field('New name', name)],
    submit: async () => {
      await api.renamePrivate(p.id, name.value.trim());
      state.privateChannels = await api.privateChannels();
      drawHeader();
    },
  });
}

async function addMember() {
  const p = currentPrivate();
  if (!p) return;
  await refreshPeople();
  const options = state.users.filter((u) => !p.members.includes(u));
  const select = el('select', { required: true }, options.map((u) => el('option', { value: u }, u)));
  formDialog({
    title: `Add someone to ${p.name}`,
    ok: 'Add',
    fields: options.length ? [field('Person', select)] : [el('p', {}, 'Everyone is already a member.')],
    submit: async () => {
      if (!options.length) return;
      await api.addMember(p.id, select.value);
      state.privateChannels = await api.privateChannels();
      drawHeader();
    },
  });
}

function leave() {
  const p = currentPrivate();
  if (!p) return;
  formDialog({
    title: `Leave ${p.name}?`,
    ok: 'Leave',
    fields: [el('p', {}, 'You will no longer see this channel or its messages unless someone adds you again.')],
    submit: async () => {
      await api.leavePrivate(p.id);
      state.privateChannels = state.privateChannels.filter((c) => c.channel !== p.channel);
      openChannel('general');
    },
  });
}

export function initChannelActions(open) {
  openChannel = open;
  $('rename-private').addEventListener('click', rename);
  $('add-member').addEventListener('click', addMember);
  $('leave-private').addEventListener('click', leave);
  for (const topic of ['sidebar', 'presence', 'channel']) on(topic, drawHeader);
}
