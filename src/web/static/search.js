// Search: results with the term highlighted; choosing one opens its channel at the message.

import { api } from './api.js';
import { $, clear, el } from './dom.js';
import { highlight } from './format.js';
import { nameTag } from './people.js';
import { channelLabel, isDm, isPrivate } from './state.js';

let jump = () => {};

function where(channel) {
  if (isDm(channel)) return `@ ${channelLabel(channel)}`;
  if (isPrivate(channel)) return `private: ${channelLabel(channel)}`;
  return `# ${channel}`;
}

async function search(term) {
  const panel = $('search-panel');
  const list = clear($('search-results'));
  panel.hidden = false;
  $('search-title').textContent = `Results for “${term}”`;
  let hits = [];
  try {
    hits = await api.search(term);
  } catch (err) {
    list.append(el('li', { class: 'search-empty' }, err.message));
    return;
  }
  if (!hits.length) list.append(el('li', { class: 'search-empty' }, 'No messages found.'));
  for (const hit of hits) {
    const when = new Date(hit.ts * 1000).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
    list.append(
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', class: 'search-hit', dataset: { id: hit.id }, onclick: () => jump(hit.channel, hit.id) },
          el('span', { class: 'hit-meta' }, el('span', { class: 'hit-channel' }, where(hit.channel)), nameTag(hit.sender), el('time', {}, when)),
          el('span', { class: 'hit-text' }, highlight(hit.content, term)),
        ),
      ),
    );
  }
}

export function closeSearch() {
  $('search-panel').hidden = true;
}

export function initSearch(jumpTo) {
  jump = jumpTo;
  const input = $('search-input');
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const term = input.value.trim();
    if (term) search(term);
  });
  $('search-close').addEventListener('click', closeSearch);
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });
}
