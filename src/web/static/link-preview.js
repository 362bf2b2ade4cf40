// Link-preview cards under messages: the first http(s) link of a message, previewed by the server
// (`GET /link_preview`, which does the fetching and its safety checks), shown as text only — title,
// description, site — in a link to the page. Cards can be turned off (remembered in this browser).

import { api } from './api.js';
import { el } from './dom.js';

const STORAGE_KEY = 'minimost.linkPreviews';
const LINK = /\bhttps?:\/\/[^\s<>"']+/i;
// One answer per URL for the page's lifetime (the server caches too); at most this many kept.
const MAX_REMEMBERED = 200;
const answers = new Map();

export function previewsEnabled() {
  return localStorage.getItem(STORAGE_KEY) !== 'off';
}

export function setPreviewsEnabled(on) {
  localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
}

/// The first link of `text`, without the punctuation that usually ends a sentence after it.
export function firstLink(text) {
  const found = LINK.exec(text || '');
  return found ? found[0].replace(/[).,;:!?\]]+$/, '') : null;
}

function preview(url) {
  if (!answers.has(url)) {
    if (answers.size >= MAX_REMEMBERED) answers.delete(answers.keys().next().value);
    answers.set(url, api.linkPreview(url).catch(() => ({})));
  }
  return answers.get(url);
}

function fill(card, data) {
  if (!data || !data.title) {
    card.remove();
    return;
  }
  const link = el(
    'a',
    { class: 'link-card-link', href: data.url, target: '_blank', rel: 'noopener noreferrer nofollow' },
    el('span', { class: 'link-card-site' }, data.domain || ''),
    el('span', { class: 'link-card-title' }, data.title),
  );
  if (data.description) link.append(el('span', { class: 'link-card-text' }, data.description));
  card.replaceChildren(link);
  card.hidden = false;
}

/// A card for the first link of a message's text, filled when the preview arrives (removed if
/// there is none), or null when previews are off or the text has no link.
export function linkCard(text) {
  if (!previewsEnabled()) return null;
  const url = firstLink(text);
  if (!url) return null;
  const card = el('div', { class: 'link-card', hidden: true });
  preview(url).then((data) => fill(card, data));
  return card;
}
