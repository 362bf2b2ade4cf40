// The emoji picker, one component with two uses: reacting to a message and writing an emoji in
// the composer. It offers exactly the reaction names the server accepts (/static/reactions.txt),
// grouped by category (emoji.js), with a search box, category tabs, arrow-key movement in the
// grid, Enter to pick, Esc to close; a click outside closes it too.

import { api } from './api.js';
import { $, clear, el } from './dom.js';
import { emojiFor, groupNames } from './emoji.js';

let names = null;

async function serverNames() {
  if (!names) {
    const text = await api.reactionNames();
    names = text.split('\n').map((n) => n.trim()).filter(Boolean);
  }
  return names;
}

const open = new Set();

/// Closes every open picker (Esc anywhere on the page).
export function closeAllPickers() {
  for (const picker of [...open]) picker.close();
}

/// A picker whose elements are `#<prefix>-picker`, `#<prefix>-filter` and `#<prefix>-grid`.
export function createPicker({ prefix, label, placeholder }) {
  const filter = el('input', { id: `${prefix}-filter`, type: 'search', placeholder, 'aria-label': placeholder, autocomplete: 'off' });
  const tabs = el('div', { class: 'emoji-tabs', role: 'toolbar', 'aria-label': 'Categories' });
  const grid = el('div', { id: `${prefix}-grid`, class: 'emoji-grid' });
  const preview = el('div', { class: 'emoji-preview', 'aria-hidden': 'true' });
  const root = el('div', { id: `${prefix}-picker`, class: 'emoji-picker', role: 'dialog', 'aria-label': label, hidden: true }, filter, tabs, grid, preview);
  document.body.append(root);

  let onPick = null;
  let anchor = null;
  let returnFocus = null;

  const picks = () => [...grid.querySelectorAll('.pick')];

  function fill() {
    clear(grid);
    clear(tabs);
    const groups = groupNames(names, filter.value);
    for (const { category, names: members } of groups) {
      const title = el('h3', { class: 'emoji-group-title', id: `${prefix}-${slug(category)}` }, category);
      const section = el('div', { class: 'emoji-group', role: 'group', 'aria-labelledby': title.id });
      for (const name of members) {
        section.append(
          el(
            'button',
            { type: 'button', class: 'pick', tabindex: '-1', title: `:${name}:`, 'aria-label': name.replaceAll('_', ' '), dataset: { reaction: name }, onclick: () => choose(name) },
            emojiFor(name),
          ),
        );
      }
      grid.append(title, section);
      if (!filter.value.trim()) {
        tabs.append(
          el('button', { type: 'button', class: 'emoji-tab', title: category, 'aria-label': category, onclick: () => showGroup(title) }, emojiFor(members[0])),
        );
      }
    }
    tabs.hidden = !tabs.children.length;
    if (!groups.length) grid.append(el('p', { class: 'emoji-none' }, 'No emoji found'));
    const first = grid.querySelector('.pick');
    if (first) first.tabIndex = 0;
    describe(first);
  }

  function showGroup(title) {
    grid.scrollTop = title.offsetTop - grid.offsetTop;
    const first = title.nextElementSibling.querySelector('.pick');
    if (first) focusPick(first);
  }

  function describe(button) {
    preview.textContent = button ? `${button.textContent}  :${button.dataset.reaction}:` : '';
  }

  // One tab stop in the grid (the last focused emoji); the arrows move between them.
  function focusPick(button) {
    for (const other of grid.querySelectorAll('.pick[tabindex="0"]')) other.tabIndex = -1;
    button.tabIndex = 0;
    button.focus();
    describe(button);
  }

  // Up and down go to the nearest emoji in the row above or below, whatever the group.
  function vertical(from, down) {
    const box = from.getBoundingClientRect();
    let best = null;
    let bestRow = null;
    let bestDx = Infinity;
    for (const button of picks()) {
      const b = button.getBoundingClientRect();
      const row = Math.round(b.top);
      if (down ? row <= Math.round(box.top) : row >= Math.round(box.top)) continue;
      if (bestRow !== null && (down ? row > bestRow : row < bestRow)) continue;
      const dx = Math.abs(b.left - box.left);
      if (row !== bestRow || dx < bestDx) {
        best = button;
        bestRow = row;
        bestDx = dx;
      }
    }
    return best;
  }

  function gridKeys(e) {
    const current = e.target.closest('.pick');
    if (!current) return;
    const all = picks();
    const i = all.indexOf(current);
    let next = null;
    if (e.key === 'ArrowRight') next = all[i + 1];
    else if (e.key === 'ArrowLeft') next = all[i - 1];
    else if (e.key === 'ArrowDown') next = vertical(current, true);
    else if (e.key === 'ArrowUp') next = vertical(current, false) || filter;
    else if (e.key === 'Home') next = all[0];
    else if (e.key === 'End') next = all[all.length - 1];
    else return;
    e.preventDefault();
    if (next === filter) filter.focus();
    else if (next) focusPick(next);
  }

  function choose(name) {
    const fn = onPick;
    close();
    if (fn) fn(name);
  }

  function close() {
    if (root.hidden) return;
    const hadFocus = root.contains(document.activeElement);
    root.hidden = true;
    open.delete(picker);
    if (anchor) anchor.setAttribute('aria-expanded', 'false');
    onPick = null;
    anchor = null;
    if (hadFocus && returnFocus && returnFocus.isConnected) returnFocus.focus();
  }

  function place() {
    const box = anchor.getBoundingClientRect();
    const width = root.offsetWidth;
    const height = root.offsetHeight;
    const left = Math.max(8, Math.min(box.right - width, window.innerWidth - width - 8));
    const top = box.top - height - 6 > 8 ? box.top - height - 6 : Math.min(box.bottom + 6, window.innerHeight - height - 8);
    root.style.left = `${left}px`;
    root.style.top = `${Math.max(8, top)}px`;
  }

  filter.addEventListener('input', fill);
  filter.addEventListener('keydown', (e) => {
    const first = grid.querySelector('.pick');
    if (e.key === 'Enter') {
      e.preventDefault();
      if (first) choose(first.dataset.reaction);
    } else if (e.key === 'ArrowDown' && first) {
      e.preventDefault();
      focusPick(first);
    }
  });
  grid.addEventListener('keydown', gridKeys);
  grid.addEventListener('focusin', (e) => e.target.closest('.pick') && describe(e.target));
  grid.addEventListener('mouseover', (e) => e.target.closest('.pick') && describe(e.target.closest('.pick')));
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  });
  // Focus leaving the picker by keyboard (Tab past its end) closes it like a click outside.
  root.addEventListener('focusout', (e) => {
    const to = e.relatedTarget;
    if (to && !root.contains(to) && !(anchor && anchor.contains(to))) close();
  });
  document.addEventListener('mousedown', (e) => {
    if (!root.hidden && !root.contains(e.target) && !(anchor && anchor.contains(e.target))) close();
  });

  const picker = {
    /// Opens next to `target` (or closes, when already open there); `pick(name)` gets the chosen
    /// name; focus goes back to `focusAfter` (default: `target`) when the picker had it.
    async open(target, pick, focusAfter = target) {
      if (!root.hidden && anchor === target) return close();
      await serverNames();
      closeAllPickers();
      onPick = pick;
      anchor = target;
      returnFocus = focusAfter;
      filter.value = '';
      fill();
      root.hidden = false;
      open.add(picker);
      anchor.setAttribute('aria-expanded', 'true');
      grid.scrollTop = 0;
      place();
      filter.focus();
    },
    close,
    get isOpen() {
      return !root.hidden;
    },
  };
  return picker;
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z]+/g, '-');
}
