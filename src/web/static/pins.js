// The pins panel of the open conversation: its pinned messages, newest pin first, each one a
// button that jumps to the message. It follows pin changes while open.

import { api } from './api.js';
import { $, clear, el } from './dom.js';
import { nameTag } from './people.js';
import { on, state } from './state.js';

let jump = () => {};

function summary(message) {
  if (message.content) return message.content.length > 200 ? message.content.slice(0, 200) + '…' : message.content;
  return message.filename ? 'attachment' : '';
}

export async function showPins() {
  const panel = $('pins-panel');
  const channel = state.current;
  panel.hidden = false;
  const list = $('pins-list');
  let pins = [];
  try {
    pins = await api.pins(channel);
  } catch (err) {
    clear(list).append(el('li', { class: 'search-empty' }, err.message));
    return;
  }
  if (channel !== state.current) return;
  clear(list);
  // One entry per send: its first row carries the text.
  const seen = new Set();
  for (const message of pins) {
    const send = `${message.ts}/${message.sender}`;
    if (seen.has(send)) continue;
    seen.add(send);
    const when = new Date(message.pinned_ts * 1000).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
    list.append(
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', class: 'search-hit pin-entry', dataset: { id: message.id }, onclick: () => jump(channel, message.id) },
          el('span', { class: 'hit-meta' }, nameTag(message.sender), el('span', { class: 'pin-by' }, `pinned by ${message.pinned_by} · ${when}`)),
          el('span', { class: 'hit-text' }, summary(message)),
        ),
      ),
    );
  }
  if (!list.children.length) list.append(el('li', { class: 'search-empty' }, 'No pinned messages here yet.'));
}

export function closePins() {
  $('pins-panel').hidden = true;
}

export function initPins(jumpTo) {
  jump = jumpTo;
  $('pins-open').addEventListener('click', () => ($('pins-panel').hidden ? showPins() : closePins()));
  $('pins-close').addEventListener('click', closePins);
  // A pin change arrives as a change of the message: refresh an open panel.
  on('messages', ({ channel, rows }) => {
    if ($('pins-panel').hidden || channel !== state.current) return;
    if (rows.some((m) => 'pin_changed_ts' in m)) showPins();
  });
}
