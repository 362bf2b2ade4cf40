// The chat app: starts every part and connects them. Each part lives in its own module.

import { api } from './api.js';
import { $, el, formDialog } from './dom.js';
import { initChannelActions } from './channel-actions.js';
import { fillIcons } from './icons.js';
import { initComposer, startEdit, startReply, switchDraft } from './composer.js';
import { closeAllPickers, createPicker } from './emoji-picker.js';
import { start as startEvents } from './events.js';
import { initMessages, jumpTo, openChannel as showChannel, render } from './messages.js';
import { clearNotice, showNotice } from './notice.js';
import { initNotify } from './notify.js';
import { initPresence } from './presence.js';
import { initSearch } from './search.js';
import { initPins, showPins } from './pins.js';
import { initSettings } from './settings.js';
import { closeDrawer, drawSidebar, initSidebar } from './sidebar.js';
import { forgetMembers } from './mentions.js';
import { clearUnread, emit, forgetChannel, isDm, knownChannel, on, state } from './state.js';
import * as sync from './sync.js';
import { typists } from './sync.js';
import { initViewer, openImage } from './viewer.js';

function unreadOf(channel) {
  if (isDm(channel)) return state.dms.find((d) => d.channel === channel)?.unread || 0;
  const priv = state.privateChannels.find((p) => p.channel === channel);
  if (priv) return priv.unread;
  return state.publicUnread[channel] || 0;
}

/// Opens a conversation (at message `target`, when given). Only the open one keeps messages:
/// the one left is forgotten and loads its newest page again when it is opened again.
function openChannel(channel, target = null) {
  const changed = channel !== state.current;
  if (changed) {
    switchDraft(state.current, channel);
    forgetChannel(state.current);
  }
  state.current = channel;
  document.body.dataset.channel = channel;
  forgetMembers();
  history.replaceState(null, '', `#${encodeURIComponent(channel)}`);
  showChannel(unreadOf(channel), target);
  clearUnread(channel);
  emit('channel', channel);
  if (changed && !$('pins-panel').hidden) showPins();
  closeDrawer();
  sync.pollChannel(channel).then(() => {
    sync.markCurrentRead();
    sync.refreshReceipts();
  });
  drawTyping();
  if (changed && matchMedia('(min-width: 768px)').matches) $('composer-input').focus();
}

/// A search result or a pin: its conversation, at the message (loaded around it when needed).
function jumpToMessage(channel, id) {
  if (channel !== state.current) openChannel(channel, id);
  else showMessage(id);
}

async function showMessage(id) {
  if (!(await jumpTo(id))) console.info('message not in this channel', id);
}

function drawTyping() {
  const names = typists(state.current);
  let text = '';
  if (names.length === 1) text = `${names[0]} is typing…`;
  else if (names.length === 2) text = `${names[0]} and ${names[1]} are typing…`;
  else if (names.length > 2) text = 'Several people are typing…';
  $('typing').textContent = text;
}

function confirmDelete(message) {
  formDialog({
    title: 'Delete message?',
    ok: 'Delete',
    fields: [el('p', {}, 'The message and its images are removed for everyone.')],
    submit: async () => {
      await api.remove(message.id);
      sync.pollChannel(state.current);
    },
  });
}

async function toggleReaction(message, name) {
  try {
    const map = await api.react(message.id, name);
    const data = knownChannel(message.channel);
    if (!data) return;
    const reactions = Object.keys(map).length ? JSON.stringify(map) : null;
    for (const row of data.byId.values()) {
      if (row.ts === message.ts && row.sender === message.sender) data.byId.set(row.id, { ...row, reactions });
    }
    render();
  } catch (err) {
    console.warn(err);
  }
}

async function togglePin(message) {
  const unpin = Boolean(message.pinned_by);
  try {
    await (unpin ? api.unpin(message.id) : api.pin(message.id));
    clearNotice('pins');
    await sync.pollChannel(message.channel);
    if (!$('pins-panel').hidden) showPins();
  } catch (err) {
    // A refusal is the user's to know (the conversation holds the most pins allowed: 409).
    const advice = err.status === 409 ? ' Unpin another message first.' : '';
    showNotice(`Could not ${unpin ? 'unpin' : 'pin'} this message: ${err.message}.${advice}`, 'pins');
  }
}

let reactionPicker = null;

const actions = {
  togglePin,
  reply: startReply,
  edit: startEdit,
  remove: confirmDelete,
  toggleReaction,
  pickReaction: (message, anchor) => reactionPicker.open(anchor, (name) => toggleReaction(message, name)),
  jumpTo: showMessage,
  openImage,
};

function channelKeys(e) {
  if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
  const links = [...document.querySelectorAll('#sidebar [data-channel]')].map((li) => li.dataset.channel);
  const i = links.indexOf(state.current);
  const next = links[(i + (e.key === 'ArrowDown' ? 1 : links.length - 1)) % links.length];
  if (next) {
    e.preventDefault();
    openChannel(next);
  }
}

async function boot() {
  fillIcons();
  initSidebar(openChannel);
  initChannelActions(openChannel);
  initMessages(actions);
  initComposer();
  reactionPicker = createPicker({ prefix: 'reaction', label: 'Add a reaction', placeholder: 'Find a reaction' });
  initSearch(jumpToMessage);
  initPins(jumpToMessage);
  initSettings();
  initNotify();
  initViewer();
  initPresence();

  on('messages', ({ channel, fresh }) => {
    const fromOthers = fresh.some((m) => m.sender !== state.me);
    if (channel === state.current) {
      if (fromOthers) sync.markCurrentRead();
      // The list is redrawn as a whole; screen readers hear the news from one quiet line instead.
      const last = fresh.filter((m) => m.sender !== state.me).pop();
      if (last) $('announcer').textContent = `${last.sender}: ${last.content || 'sent an image'}`;
    } else if (fresh.length) {
      sync.refreshSidebar();
    }
    // Whoever just sent has stopped typing, also where we are not looking now.
    for (const m of fresh) sync.stoppedTyping(channel, m.sender);
    if (channel === state.current) drawTyping();
  });
  on('typing', (channel) => channel === state.current && drawTyping());
  on('tick', drawTyping);
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) sync.markCurrentRead();
  });
  document.addEventListener('keydown', channelKeys);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeAllPickers();
  });

  state.publicChannels = await api.channels();
  await Promise.all([sync.refreshSidebar(), sync.refreshPeople(), sync.refreshUsers(), sync.refreshPresence()]);
  const wanted = decodeURIComponent(location.hash.slice(1));
  const known = state.publicChannels.includes(wanted) || state.privateChannels.some((p) => p.channel === wanted) || isDm(wanted);
  const first = known ? wanted : state.publicChannels.includes('general') ? 'general' : state.publicChannels[0];
  if (isDm(first) && !state.dms.some((d) => d.channel === first)) state.pendingDms.add(first);
  drawSidebar();
  openChannel(first);
  startEvents();
  document.body.classList.add('ready');
}

boot();
