// How a person looks: name colour (chosen, else derived from the name), avatar picture or
// initials on that colour, and the presence dot.

import { el } from './dom.js';
import { state } from './state.js';

export function colorOf(name) {
  const chosen = state.colors[name];
  if (chosen) return chosen;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return `hsl(${hash % 360}, 55%, 62%)`;
}

function initials(name) {
  const parts = name.split(/[-_ ]+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[1][0] : name.slice(0, 2);
  return letters.toUpperCase();
}

export function avatar(name, size = 'normal') {
  const box = el('span', { class: `avatar avatar-${size}`, 'aria-hidden': 'true', dataset: { user: name } });
  box.style.backgroundColor = colorOf(name);
  if (state.avatars.has(name)) {
    const version = state.avatarVersion[name] || 0;
    const img = el('img', { src: `/avatar/${encodeURIComponent(name)}?v=${version}`, alt: '', loading: 'lazy' });
    img.addEventListener('error', () => img.replaceWith(initials(name)));
    box.append(img);
  } else {
    box.textContent = initials(name);
  }
  return box;
}

export function nameTag(name) {
  const tag = el('span', { class: 'sender', dataset: { user: name } }, name);
  tag.style.color = colorOf(name);
  return tag;
}

/// As the server reports a user (`hidden` included); my own state as this tab knows it.
export function presenceOf(name) {
  if (name === state.me) return state.myPresence;
  return state.presence[name] || 'offline';
}

export function presenceDot(name) {
  const status = presenceOf(name);
  return el('span', { class: `presence-dot presence-${status}`, title: status, 'aria-label': status, role: 'img' });
}
