// The composer's tools: the formatting toolbar (bold, italic, strikethrough, code, code block;
// Ctrl/⌘+B and Ctrl/⌘+I) and the emoji button. Each edit goes through the browser's own editing
// command, so that Ctrl+Z undoes it like typing; the text itself is never parsed as HTML.

import { $ } from './dom.js';
import { emojiFor } from './emoji.js';
import { createPicker } from './emoji-picker.js';
import { applyFormat } from './markup.js';

const input = () => $('composer-input');
const MAC = /Mac|iPhone|iPad/.test(navigator.platform);
const SHORTCUTS = { b: 'bold', i: 'italic' };

let emojiPicker = null;

// Replaces the box's text with `next` by editing only the part that changed, then selects
// `start..end`.
function edit(box, next, start, end) {
  const value = box.value;
  let from = 0;
  while (from < value.length && from < next.length && value[from] === next[from]) from += 1;
  let tail = 0;
  while (tail < value.length - from && tail < next.length - from && value[value.length - 1 - tail] === next[next.length - 1 - tail]) tail += 1;
  const text = next.slice(from, next.length - tail);
  box.focus();
  box.setSelectionRange(from, value.length - tail);
  const done = text ? document.execCommand('insertText', false, text) : document.execCommand('delete');
  if (!done || box.value !== next) {
    // Without the editing command: same result, without undo.
    box.value = next;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }
  box.setSelectionRange(start, end);
}

/// Applies a toolbar format (markup.js's kinds) to the composer's selection.
export function format(kind) {
  const box = input();
  const result = applyFormat(box.value, box.selectionStart, box.selectionEnd, kind);
  edit(box, result.value, result.start, result.end);
}

/// Writes `text` at the caret (over the selection), leaving the caret after it.
export function insertAtCaret(text) {
  const box = input();
  const start = box.selectionStart;
  const next = box.value.slice(0, start) + text + box.value.slice(box.selectionEnd);
  edit(box, next, start + text.length, start + text.length);
}

// The toolbar is one tab stop; the arrow keys move along it (the usual toolbar pattern).
function toolbarKeys(bar) {
  bar.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft' && e.key !== 'Home' && e.key !== 'End') return;
    const buttons = [...bar.querySelectorAll('button')];
    const i = buttons.indexOf(document.activeElement);
    let next = i + (e.key === 'ArrowRight' ? 1 : -1);
    if (e.key === 'Home') next = 0;
    if (e.key === 'End') next = buttons.length - 1;
    e.preventDefault();
    const target = buttons[(next + buttons.length) % buttons.length];
    for (const b of buttons) b.tabIndex = b === target ? 0 : -1;
    target.focus();
  });
}

export function closeEmojiPicker() {
  emojiPicker?.close();
}

export function initComposerTools() {
  const bar = $('composer-tools');
  const buttons = [...bar.querySelectorAll('[data-format]')];
  buttons.forEach((button, i) => {
    button.tabIndex = i === 0 ? 0 : -1;
    const key = Object.keys(SHORTCUTS).find((k) => SHORTCUTS[k] === button.dataset.format);
    if (key) button.title = `${button.getAttribute('aria-label')} (${MAC ? '⌘' : 'Ctrl+'}${key.toUpperCase()})`;
    // A click must not take the focus (and with it the selection) away from the text.
    button.addEventListener('mousedown', (e) => e.preventDefault());
    button.addEventListener('click', () => format(button.dataset.format));
  });
  toolbarKeys(bar);

  input().addEventListener('keydown', (e) => {
    if (!(MAC ? e.metaKey : e.ctrlKey) || e.altKey || e.shiftKey) return;
    const kind = SHORTCUTS[e.key.toLowerCase()];
    if (!kind) return;
    e.preventDefault();
    format(kind);
  });

  emojiPicker = createPicker({ prefix: 'emoji', label: 'Insert an emoji', placeholder: 'Find an emoji' });
  const button = $('emoji-button');
  button.addEventListener('click', () => emojiPicker.open(button, (name) => insertAtCaret(emojiFor(name)), input()));
}
