// An attachment under a message: an image inline; any other file as a download card (type icon,
// name, size) and, for text and code files, the first lines with a "show all" link.

import { api } from './api.js';
import { el } from './dom.js';
import { icon } from './icons.js';

const IMAGE = /^[0-9a-f]{32}\.(jpe?g|png|gif|webp)$/;
/// Lines shown before "show all".
const COLLAPSED_LINES = 8;

/// Answers per stored name, so a row drawn again (a reaction, an edit) asks nothing twice.
const sizes = new Map();
const previews = new Map();

export function isImage(stored) {
  return IMAGE.test(stored);
}

/// The name the file is downloaded under: the stored name without its `<32 hex>_` prefix.
export function downloadName(stored) {
  return stored.length > 33 && stored[32] === '_' ? stored.slice(33) : stored;
}

const KINDS = [
  ['archive', /\.(zip|tar|gz|tgz|bz2|xz|7z|rar)$/i],
  ['audio', /\.(mp3|wav|ogg|oga|flac|m4a|aac|opus)$/i],
  ['video', /\.(mp4|webm|mov|mkv|avi|ogv)$/i],
  ['code', /\.(c|cc|cpp|h|hpp|cs|css|go|html?|java|js|mjs|jsx|json|kt|lua|php|pl|py|rb|rs|scss|sh|sql|swift|toml|ts|tsx|xml|ya?ml)$/i],
  ['doc', /\.(pdf|txt|md|log|csv|tsv|doc|docx|odt|rtf|xls|xlsx|ods|ppt|pptx|odp)$/i],
];

/// The icon of a file's type, by its extension.
export function fileKind(name) {
  const found = KINDS.find(([, pattern]) => pattern.test(name));
  return found ? found[0] : 'file';
}

export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function once(cache, key, load) {
  if (!cache.has(key)) cache.set(key, load().catch(() => null));
  return cache.get(key);
}

function sizeLabel(stored) {
  const label = el('span', { class: 'file-size' }, '…');
  once(sizes, stored, () => api.fileSize(stored)).then((size) => {
    label.textContent = size === null ? 'File deleted' : formatSize(size);
  });
  return label;
}

function codePreview(preview) {
  const lines = preview.code.split('\n');
  const code = el('code', {}, lines.slice(0, COLLAPSED_LINES).join('\n'));
  const box = el('div', { class: 'code-preview' }, el('pre', {}, code));
  const more = preview.total_lines > COLLAPSED_LINES;
  if (more) {
    const showAll = el('button', { type: 'button', class: 'show-all' }, `Show all ${preview.total_lines} lines`);
    showAll.addEventListener('click', () => {
      code.textContent = preview.code;
      const cut = preview.total_lines > lines.length;
      showAll.replaceWith(
        cut
          ? el('a', { class: 'show-all', href: preview.url, download: preview.filename }, `First ${lines.length} of ${preview.total_lines} lines shown: download the rest`)
          : el('span', { class: 'show-all' }, `${preview.total_lines} lines`),
      );
    });
    box.append(showAll);
  }
  box.dataset.language = preview.language;
  return box;
}

function downloadCard(stored) {
  const name = downloadName(stored);
  const url = `/files/${encodeURIComponent(stored)}`;
  const card = el(
    'div',
    { class: 'file-card' },
    el('span', { class: `file-icon file-${fileKind(name)}`, title: fileKind(name) }, icon('file')),
    el('span', { class: 'file-info' }, el('a', { class: 'file-name', href: url, download: name }, name), sizeLabel(stored)),
    el('a', { class: 'icon-button file-download', href: url, download: name, 'aria-label': `Download ${name}`, title: 'Download' }, icon('download')),
  );
  const holder = el('div', { class: 'file-attachment' }, card);
  once(previews, stored, () => api.filePreview(stored)).then((preview) => {
    if (preview && preview.type === 'code') holder.append(codePreview(preview));
  });
  return holder;
}

/// The attachment of a message.
export function attachment(message, actions) {
  if (!isImage(message.filename)) return downloadCard(message.filename);
  const url = `/files/${encodeURIComponent(message.filename)}`;
  return el(
    'button',
    { type: 'button', class: 'image-button', 'aria-label': 'Open image', onclick: () => actions.openImage(url) },
    el('img', { class: 'msg-image', src: url, alt: `image from ${message.sender}`, loading: 'lazy' }),
  );
}
