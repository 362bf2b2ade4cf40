// The sidebar: public channels, private channels and direct messages with unread badges and
// presence dots, plus the phone drawer that holds it.

import { api } from './api.js';
import { $, clear, el, field, formDialog } from './dom.js';
import { icon } from './icons.js';
import { presenceDot } from './people.js';
import { channelLabel, dmOthers, on, state } from './state.js';
import { refreshPeople } from './sync.js';

let openChannel = () => {};

function badge(count) {
  return count > 0 ? el('span', { class: 'badge', 'aria-label': `${count} unread` }, String(count)) : null;
}

function entry(channel, label, count, { symbol, dot, close } = {}) {
  const current = channel === state.current;
  // The open channel is being read: its count is about to be cleared.
  const unread = current && !document.hidden ? 0 : count;
  const item = el('li', { class: `side-item${current ? ' current' : ''}${unread ? ' unread' : ''}`, dataset: { channel } });
  item.append(
    el(
      'button',
      { type: 'button', class: 'side-link', 'aria-current': current ? 'page' : null, onclick: () => openChannel(channel) },
      dot || el('span', { class: 'side-icon', 'aria-hidden': 'true' }, symbol),
      el('span', { class: 'side-label' }, label),
      badge(unread),
    ),
  );
  if (close) {
    item.append(el('button', { type: 'button', class: 'icon-button side-close', 'aria-label': `Close conversation with ${label}`, title: 'Close', onclick: close }, '✕'));
  }
  return item;
}

function dmDot(channel) {
  const others = dmOthers(channel);
  if (others.length === 1) return presenceDot(others[0]);
  return el('span', { class: 'side-icon group-count', 'aria-hidden': 'true' }, String(others.length));
}

export function drawSidebar() {
  const pub = clear($('public-list'));
  for (const name of state.publicChannels) pub.append(entry(name, name, state.publicUnread[name] || 0, { symbol: '#' }));

  const priv = clear($('private-list'));
  for (const p of state.privateChannels) priv.append(entry(p.channel, p.name, p.unread, { symbol: icon('lock') }));
  if (!state.privateChannels.length) priv.append(el('li', { class: 'side-empty' }, 'None yet'));

  const dms = clear($('dm-list'));
  const listed = new Set(state.dms.map((d) => d.channel));
  const all = [...state.dms, ...[...state.pendingDms].filter((c) => !listed.has(c)).map((channel) => ({ channel, unread: 0 }))];
  for (const dm of all) {
    dms.append(entry(dm.channel, channelLabel(dm.channel), dm.unread, { dot: dmDot(dm.channel), close: () => closeDm(dm.channel) }));
  }
  if (!all.length) dms.append(el('li', { class: 'side-empty' }, 'None yet'));
}

async function closeDm(channel) {
  state.pendingDms.delete(channel);
  state.dms = state.dms.filter((d) => d.channel !== channel);
  if (state.current === channel) openChannel('general');
  drawSidebar();
  await api.closeDm(channel).catch(() => {});
}

/// Checkboxes of every other user, for the DM and private channel pickers.
export function userPicker(selected = []) {
  const list = el('div', { class: 'user-picker', role: 'group', 'aria-label': 'People' });
  const filter = el('input', { type: 'search', placeholder: 'Filter people', 'aria-label': 'Filter people', class: 'picker-filter' });
  filter.addEventListener('input', () => {
    const term = filter.value.toLowerCase();
    for (const row of list.querySelectorAll('label')) row.hidden = !row.dataset.name.toLowerCase().includes(term);
  });
  for (const name of state.users) {
    list.append(
      el('label', { class: 'check', dataset: { name } }, el('input', { type: 'checkbox', value: name, checked: selected.includes(name) }), presenceDot(name), ` ${name}`),
    );
  }
  if (!state.users.length) list.append(el('p', {}, 'Nobody else has signed up yet.'));
  return [filter, list];
}

export function checkedUsers(form) {
  return [...form.querySelectorAll('.user-picker input:checked')].map((i) => i.value);
}

async function newDm() {
  await refreshPeople();
  formDialog({
    title: 'New direct message',
    ok: 'Open',
    fields: userPicker(),
    submit: async (form) => {
      const names = checkedUsers(form);
      if (!names.length) throw new Error('Choose at least one person.');
      const channel = `dm:${[...new Set([state.me, ...names])].sort().join(':')}`;
      if (!state.dms.some((d) => d.channel === channel)) state.pendingDms.add(channel);
      openChannel(channel);
    },
  });
}

async function newPrivate() {
  await refreshPeople();
  const name = el('input', { type: 'text', maxlength: 80, required: true, name: 'name' });
  formDialog({
    title: 'Create a private channel',
    ok: 'Create',
    fields: [field('Name', name), el('p', { class: 'hint' }, 'Members'), ...userPicker()],
    submit: async (form) => {
      const created = await api.createPrivate(name.value.trim(), checkedUsers(form));
      state.privateChannels = await api.privateChannels();
      openChannel(created.channel);
    },
  });
}

function setDrawer(open) {
  document.body.classList.toggle('drawer-open', open);
  $('drawer-backdrop').hidden = !open;
  $('drawer-open').setAttribute('aria-expanded', String(open));
  if (open) $('sidebar').querySelector('.side-link')?.focus();
}

export function closeDrawer() {
  if (document.body.classList.contains('drawer-open')) setDrawer(false);
}

export function initSidebar(open) {
  openChannel = open;
  $('new-dm').addEventListener('click', newDm);
  $('new-private').addEventListener('click', newPrivate);
  $('drawer-open').addEventListener('click', () => setDrawer(true));
  $('drawer-close').addEventListener('click', () => setDrawer(false));
  $('drawer-backdrop').addEventListener('click', () => setDrawer(false));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeDrawer();
  });
  for (const topic of ['sidebar', 'presence', 'channel']) on(topic, drawSidebar);
}
