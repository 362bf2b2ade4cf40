// The open channel's header: title, who is in it, and the private channel actions (rename,
// add member, leave), which the sidebar offers too.

import { api } from './api.js';
import { $, el, field, formDialog } from './dom.js';
import { icon } from './icons.js';
import { presenceOf } from './people.js';
import { channelLabel, dmOthers, emit, isDm, isPrivate, on, state } from './state.js';
import { refreshSidebar, refreshUsers } from './sync.js';

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

function rename(p) {
  const name = el('input', { type: 'text', maxlength: 80, value: p.name, required: true });
  formDialog({
    title: 'Rename channel',
    ok: 'Rename',
    fields: [field('New name', name)],
    submit: async () => {
      await api.renamePrivate(p.id, name.value.trim());
      await refreshSidebar();
    },
  });
}

async function addMember(p) {
  await refreshUsers();
  const options = state.users.filter((u) => !p.members.includes(u));
  const select = el('select', { required: true }, options.map((u) => el('option', { value: u }, u)));
  formDialog({
    title: `Add someone to ${p.name}`,
    ok: 'Add',
    fields: options.length ? [field('Person', select)] : [el('p', {}, 'Everyone is already a member.')],
    submit: async () => {
      if (!options.length) return;
      await api.addMember(p.id, select.value);
      await refreshSidebar();
    },
  });
}

function leave(p) {
  formDialog({
    title: `Leave ${p.name}?`,
    ok: 'Leave',
    fields: [el('p', {}, 'You will no longer see this channel or its messages unless someone adds you again.')],
    submit: async () => {
      await api.leavePrivate(p.id);
      state.privateChannels = state.privateChannels.filter((c) => c.channel !== p.channel);
      if (state.current === p.channel) openChannel('general');
      else emit('sidebar');
    },
  });
}

/// What can be done with a private channel, for menus.
export const privateActions = [
  ['Rename…', rename],
  ['Add member…', addMember],
  ['Leave…', leave],
];

export function initChannelActions(open) {
  openChannel = open;
  const onCurrent = (action) => () => {
    const p = currentPrivate();
    if (p) action(p);
  };
  $('rename-private').addEventListener('click', onCurrent(rename));
  $('add-member').addEventListener('click', onCurrent(addMember));
  $('leave-private').addEventListener('click', onCurrent(leave));
  for (const topic of ['sidebar', 'presence', 'channel']) on(topic, drawHeader);
}
