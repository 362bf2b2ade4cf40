// Reactions: the row under a message (counts, who reacted, toggle on click). Its "+" opens the
// emoji picker (emoji-picker.js), which offers every name the server accepts.

import { el } from './dom.js';
import { emojiFor } from './emoji.js';
import { state } from './state.js';

// A message carries its reactions as JSON text ({name: [users]}); anything else shows as none.
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
