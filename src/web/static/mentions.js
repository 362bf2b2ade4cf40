// @-mention autocompletion in the composer, from the channel's mentionable members.

import { api } from './api.js';
import { $, clear, el } from './dom.js';
import { avatar } from './people.js';
import { state } from './state.js';

const members = new Map();
let matches = [];
let active = 0;
let range = null;

function membersOf(channel) {
  if (!members.has(channel)) {
    members.set(channel, api.channelMembers(channel).catch(() => []));
  }
  return members.get(channel);
}

export function forgetMembers() {
  members.clear();
}

export function isOpen() {
  return !$('mention-popup').hidden;
}

export function close() {
  $('mention-popup').hidden = true;
  matches = [];
}

function draw() {
  const popup = clear($('mention-popup'));
  matches.forEach((name, i) => {
    popup.append(
      el(
        'li',
        {
          role: 'option',
          class: i === active ? 'active' : '',
          'aria-selected': String(i === active),
          dataset: { name },
          onmousedown: (e) => {
            e.preventDefault();
            insert(name);
          },
        },
        name === 'everyone' ? null : avatar(name, 'small'),
        el('span', {}, `@${name}`),
      ),
    );
  });
  popup.hidden = matches.length === 0;
}

/// Looks at the word before the caret; opens, filters or closes the list.
export async function update() {
  const input = $('composer-input');
  const before = input.value.slice(0, input.selectionStart);
  const m = /(^|[^\w.@])@([A-Za-z0-9_-]*)$/.exec(before);
  if (!m) return close();
  range = [input.selectionStart - m[2].length - 1, input.selectionStart];
  const prefix = m[2].toLowerCase();
  const channel = state.current;
  const names = [...(await membersOf(channel)), 'everyone'];
  if (channel !== state.current) return;
  matches = names.filter((n) => n.toLowerCase().startsWith(prefix)).slice(0, 8);
  active = 0;
  draw();
}

function insert(name) {
  const input = $('composer-input');
  const [start, end] = range;
  input.value = `${input.value.slice(0, start)}@${name} ${input.value.slice(end)}`;
  const caret = start + name.length + 2;
  input.setSelectionRange(caret, caret);
  input.focus();
  close();
}

/// Keys while the list is open; answers whether the key was used.
export function handleKey(e) {
  if (!isOpen()) return false;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    const step = e.key === 'ArrowDown' ? 1 : -1;
    active = (active + step + matches.length) % matches.length;
    draw();
  } else if (e.key === 'Enter' || e.key === 'Tab') {
    insert(matches[active]);
  } else if (e.key === 'Escape') {
    close();
  } else {
    return false;
  }
  e.preventDefault();
  return true;
}
