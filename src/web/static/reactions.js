// Reactions: the row under a message (counts, who reacted, toggle on click) and the picker
// offering every name the server accepts.

import { api } from './api.js';
import { $, clear, el } from './dom.js';
import { emojiFor } from './emoji.js';
import { state } from './state.js';

/// A message's `reactions` JSON as a map (empty when absent or malformed).
function parseReactions(json) {
  if (!json) return {};
  try {
    const value = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

export function reactionsRow(message, actions) {
  const map = parseReactions(message.reactions);
  const names = Object.keys(map).filter((name) => map[name].length);
  if (!names.length) return el('div', { class: 'reactions empty' });
  const row = el('div', { class: 'reactions' });
  for (const name of names) {
    const who = map[name];
    const mine = who.includes(state.me);
    row.append(
      el(
        'button',
        {
          type: 'button',
          class: mine ? 'reaction mine' : 'reaction',
          dataset: { reaction: name, who: `${who.join(', ')} reacted with :${name}:` },
          'aria-label': `${name}: ${who.join(', ')}`,
          'aria-pressed': String(mine),
          onclick: () => actions.toggleReaction(message, name),
        },
        el('span', { class: 'reaction-emoji' }, emojiFor(name)),
        el('span', { class: 'reaction-count' }, String(who.length)),
      ),
    );
  }
  row.append(
    el('button', { type: 'button', class: 'reaction add-reaction', 'aria-label': 'Add reaction', onclick: (e) => actions.pickReaction(message, e.currentTarget) }, '+'),
  );
  return row;
}

let names = null;
let onPick = null;

async function reactionNames() {
  if (!names) {
    const text = await api.reactionNames();
    names = text.split('\n').map((n) => n.trim()).filter(Boolean);
  }
  return names;
}

function fillGrid(filter) {
  const grid = clear($('reaction-grid'));
  const term = filter.trim().toLowerCase();
  for (const name of names.filter((n) => n.includes(term))) {
    grid.append(
      el(
        'button',
        { type: 'button', class: 'pick', title: `:${name}:`, 'aria-label': name, dataset: { reaction: name }, onclick: () => choose(name) },
        emojiFor(name),
      ),
    );
  }
}

function choose(name) {
  const fn = onPick;
  closePicker();
  if (fn) fn(name);
}

export function closePicker() {
  $('reaction-picker').hidden = true;
  onPick = null;
}

/// Opens the picker next to `anchor`; `pick(name)` gets the chosen reaction.
export async function openPicker(anchor, pick) {
  await reactionNames();
  onPick = pick;
  const picker = $('reaction-picker');
  const filter = $('reaction-filter');
  filter.value = '';
  fillGrid('');
  picker.hidden = false;
  const box = anchor.getBoundingClientRect();
  const width = picker.offsetWidth;
  const height = picker.offsetHeight;
  const left = Math.max(8, Math.min(box.right - width, window.innerWidth - width - 8));
  const top = box.top - height - 6 > 8 ? box.top - height - 6 : Math.min(box.bottom + 6, window.innerHeight - height - 8);
  picker.style.left = `${left}px`;
  picker.style.top = `${Math.max(8, top)}px`;
  filter.focus();
}

export function initPicker() {
  const picker = $('reaction-picker');
  $('reaction-filter').addEventListener('input', (e) => fillGrid(e.target.value));
  $('reaction-filter').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const first = $('reaction-grid').querySelector('button');
      if (first) choose(first.dataset.reaction);
    }
  });
  picker.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closePicker();
  });
  document.addEventListener('mousedown', (e) => {
    if (!picker.hidden && !picker.contains(e.target) && !e.target.closest('.msg-action, .add-reaction')) closePicker();
  });
}
