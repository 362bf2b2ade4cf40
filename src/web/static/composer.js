// Writing: multi-line box (Enter sends, Shift+Enter breaks the line), reply and edit modes,
// ↑ in an empty box edits your last message, typing reports while the text changes. The
// formatting toolbar and the emoji button are composer-tools.js.

import { api } from './api.js';
import { $ } from './dom.js';
import { addFiles, clearFiles, initAttachments, pendingFiles } from './attachments.js';
import { initComposerTools } from './composer-tools.js';
import * as mentions from './mentions.js';
import { initNotice, showNotice } from './notice.js';
import { emit, sortedMessages, state } from './state.js';
import { pollChannel } from './sync.js';

const TYPING_EVERY_MS = 2000;
let mode = null;
let lastTyping = 0;

const input = () => $('composer-input');

const showError = showNotice;

function resize() {
  const box = input();
  box.style.height = 'auto';
  box.style.height = `${Math.min(box.scrollHeight, 220)}px`;
}

function setMode(next) {
  mode = next;
  const bar = $('composer-mode');
  bar.hidden = !mode;
  if (mode) {
    const what = mode.message.content ? `“${mode.message.content.slice(0, 80)}”` : 'an image';
    $('composer-mode-text').textContent =
      mode.type === 'reply' ? `Replying to ${mode.message.sender}: ${what}` : 'Editing your message (Esc to cancel)';
  }
}

export function startReply(message) {
  setMode({ type: 'reply', message });
  input().focus();
}

export function startEdit(message) {
  setMode({ type: 'edit', message });
  input().value = message.content || '';
  resize();
  input().focus();
}

const drafts = new Map();

/// Keeps what was being written in `from` and brings back what was left in `to`.
export function switchDraft(from, to) {
  const text = mode && mode.type === 'edit' ? '' : input().value;
  if (text.trim()) drafts.set(from, text);
  else drafts.delete(from);
  resetComposer();
  input().value = drafts.get(to) || '';
  resize();
}

export function resetComposer() {
  setMode(null);
  input().value = '';
  clearFiles();
  showError('');
  mentions.close();
  resize();
}

async function send() {
  const text = input().value;
  const files = pendingFiles();
  const channel = state.current;
  const editing = Boolean(mode && mode.type === 'edit');
  showError('');
  try {
    if (editing) {
      if (!text.trim()) return showError('A message cannot be empty; delete it instead.');
      await api.edit(mode.message.id, text);
    } else {
      if (!text.trim() && !files.length) return;
      await api.send(channel, text, mode ? mode.message.id : null, files);
    }
    resetComposer();
    if (!editing) emit('sent', channel);
    pollChannel(channel);
  } catch (err) {
    showError(err.message);
  }
}

function lastOwnMessage() {
  const rows = sortedMessages(state.current).filter((m) => m.sender === state.me && !m.deleted && m.content);
  return rows[rows.length - 1];
}

let trailingReport = null;
function reportTyping() {
  const now = Date.now();
  const wait = lastTyping + TYPING_EVERY_MS - now;
  if (wait > 0) {
    // Throttled, but not dropped: a burst of typing just after the last report (say, right after
    // sending) must still be told once the window ends, or nobody would see it.
    if (!trailingReport) {
      trailingReport = setTimeout(() => {
        trailingReport = null;
        if (input().value.trim()) reportTyping();
      }, wait);
    }
    return;
  }
  lastTyping = now;
  api.reportTyping(state.current).catch(() => {});
}

export function initComposer() {
  initNotice();
  initAttachments(showError);
  initComposerTools();
  const box = input();
  box.addEventListener('keydown', (e) => {
    if (mentions.handleKey(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    } else if (e.key === 'ArrowUp' && !e.altKey && !e.ctrlKey && !e.metaKey && !box.value && !pendingFiles().length && !mode) {
      const last = lastOwnMessage();
      if (last) {
        e.preventDefault();
        startEdit(last);
      }
    } else if (e.key === 'Escape' && mode) {
      e.preventDefault();
      if (mode.type === 'edit') resetComposer();
      else setMode(null);
    }
  });
  box.addEventListener('input', () => {
    resize();
    mentions.update();
    if (box.value.trim()) reportTyping();
  });
  box.addEventListener('blur', () => setTimeout(mentions.close, 150));
  $('send-button').addEventListener('click', send);
  $('composer-mode-cancel').addEventListener('click', () => (mode && mode.type === 'edit' ? resetComposer() : setMode(null)));
}

export { addFiles };
