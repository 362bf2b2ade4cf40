// One message as a list item. Everything the author wrote goes through the safe renderer or
// into text nodes; the row's look depends only on the arguments, so it can be cached by them.

import { el } from './dom.js';
import { attachment, downloadName, isImage } from './filecard.js';
import { renderText } from './format.js';
import { avatar, nameTag } from './people.js';
import { icon } from './icons.js';
import { linkCard } from './link-preview.js';
import { reactionsRow } from './reactions.js';
import { state } from './state.js';

export function timeText(ts) {
  return new Date(ts * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function fullTime(ts) {
  return new Date(ts * 1000).toLocaleString();
}

export function parseList(json) {
  if (!json) return [];
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

/// How strongly the viewer is addressed: 2 = by name or @everyone, 0 = not.
export function mentionLevel(message) {
  const names = parseList(message.mentions);
  if (names.includes('@everyone')) return 2;
  const me = state.me.toLowerCase();
  return names.some((n) => n.toLowerCase() === me) ? 2 : 0;
}

function quote(parent, actions, replyTo) {
  let summary = 'Loading…';
  let who = '';
  if (parent) {
    who = parent.sender;
    if (parent.deleted) summary = 'deleted message';
    else if (parent.content) summary = parent.content.length > 140 ? parent.content.slice(0, 140) + '…' : parent.content;
    else if (parent.filename && !isImage(parent.filename)) summary = downloadName(parent.filename);
    else summary = 'image';
  }
  return el(
    'button',
    { type: 'button', class: 'reply-quote', onclick: () => actions.jumpTo(replyTo), title: 'Jump to the original message' },
    el('span', { class: 'reply-arrow', 'aria-hidden': 'true' }, '↪'),
    who ? nameTag(who) : null,
    el('span', { class: 'reply-text' }, summary),
  );
}

function actionBar(message, actions) {
  const own = message.sender === state.me;
  const button = (label, name, fn) =>
    el('button', { type: 'button', class: 'msg-action', 'aria-label': label, title: label, onclick: fn }, icon(name));
  return el(
    'div',
    { class: 'msg-actions' },
    button('Add reaction', 'smile', (e) => actions.pickReaction(message, e.currentTarget)),
    message.deleted ? null : button('Reply', 'reply', () => actions.reply(message)),
    message.deleted ? null : button(message.pinned_by ? 'Unpin' : 'Pin', 'pin', () => actions.togglePin(message)),
    own && !message.deleted && message.content ? button('Edit', 'edit', () => actions.edit(message)) : null,
    own && !message.deleted ? button('Delete', 'trash', () => actions.remove(message)) : null,
  );
}

/// `view`: { continued, parent, showReactions, seenBy } as decided by the list.
export function messageItem(message, view, actions) {
  const system = message.sender === 'system';
  const level = system ? 0 : mentionLevel(message);
  const classes = ['msg'];
  if (view.continued) classes.push('continued');
  if (system) classes.push('system');
  if (message.deleted) classes.push('deleted');
  if (level && message.sender !== state.me) classes.push('mention-strong');
  if (message.sender === state.me) classes.push('own');

  const item = el('li', { class: classes.join(' '), id: `msg-${message.id}`, dataset: { id: message.id, sender: message.sender } });
  if (system) {
    item.append(el('div', { class: 'system-text' }, message.content || ''), el('time', { title: fullTime(message.ts) }, timeText(message.ts)));
    if (view.showReactions) item.append(reactionsRow(message, actions));
    return item;
  }

  const gutter = el('div', { class: 'msg-gutter' });
  if (view.continued) gutter.append(el('time', { class: 'hover-time', title: fullTime(message.ts) }, timeText(message.ts)));
  else gutter.append(avatar(message.sender));

  const main = el('div', { class: 'msg-main' });
  if (!view.continued) {
    main.append(el('div', { class: 'msg-head' }, nameTag(message.sender), el('time', { title: fullTime(message.ts) }, timeText(message.ts))));
  }
  if (message.pinned_by && view.showReactions) {
    main.append(el('div', { class: 'pinned-note' }, icon('pin'), ` pinned by ${message.pinned_by}`));
  }
  if (message.reply_to_id) main.append(quote(view.parent, actions, message.reply_to_id));
  if (message.deleted) {
    main.append(el('div', { class: 'msg-body deleted-text' }, 'This message was deleted.'));
  } else {
    if (message.content) {
      const body = el('div', { class: 'msg-body' }, renderText(message.content, { me: state.me }));
      if (message.edited) body.append(' ', el('span', { class: 'edited', title: `edited ${fullTime(message.edited_ts)}` }, '(edited)'));
      main.append(body);
      const card = linkCard(message.content);
      if (card) main.append(card);
    }
    if (message.filename) main.append(attachment(message, actions));
  }
  if (view.showReactions) main.append(reactionsRow(message, actions));
  if (view.seenBy && view.seenBy.length) main.append(el('div', { class: 'seen-by' }, `✓ seen by ${view.seenBy.join(', ')}`));
  item.append(gutter, main, actionBar(message, actions));
  return item;
}
