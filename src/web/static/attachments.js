// Files waiting to be sent (any type): chosen with the button, pasted or dropped, shown as
// previews (a thumbnail for an image, the type icon for anything else).

import { $, clear, el } from './dom.js';
import { fileKind, formatSize } from './filecard.js';
import { icon } from './icons.js';
import { state } from './state.js';

/// Images the server shows inline; any other file is sent as a download.
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
let files = [];
let onError = () => {};

export function pendingFiles() {
  return files.map((f) => f.file);
}

export function clearFiles() {
  for (const f of files) if (f.url) URL.revokeObjectURL(f.url);
  files = [];
  draw();
}

function draw() {
  const list = clear($('attachment-previews'));
  files.forEach((entry, index) => {
    list.append(
      el(
        'li',
        { class: 'preview' },
        entry.url
          ? el('img', { src: entry.url, alt: entry.file.name })
          : el('span', { class: `preview-file file-${fileKind(entry.file.name)}`, title: formatSize(entry.file.size) }, icon('file')),
        el('span', { class: 'preview-name' }, entry.file.name),
        el('button', {
          type: 'button',
          class: 'icon-button preview-remove',
          'aria-label': `Remove ${entry.file.name}`,
          onclick: () => {
            if (entry.url) URL.revokeObjectURL(entry.url);
            files.splice(index, 1);
            draw();
          },
        }, '✕'),
      ),
    );
  });
}

function extensionFor(type) {
  return { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' }[type];
}

export function addFiles(list) {
  for (let file of list) {
    if (file.size > state.maxUploadMb * 1024 * 1024) {
      onError(`${file.name} is larger than ${state.maxUploadMb} MB.`);
      continue;
    }
    const image = IMAGE_TYPES.includes(file.type);
    // Pasted images come without a usable name; the server wants a matching extension.
    if (image && !/\.(jpe?g|png|gif|webp)$/i.test(file.name)) {
      file = new File([file], `pasted-${Date.now()}.${extensionFor(file.type)}`, { type: file.type });
    }
    files.push({ file, url: image ? URL.createObjectURL(file) : null });
  }
  draw();
}

export function initAttachments(showError) {
  onError = showError;
  const input = $('attach-input');
  $('attach-button').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    addFiles(input.files);
    input.value = '';
  });
  $('composer-input').addEventListener('paste', (e) => {
    const images = [...(e.clipboardData?.files || [])].filter((f) => f.type.startsWith('image/'));
    if (images.length) {
      e.preventDefault();
      addFiles(images);
    }
  });
  const area = document.querySelector('.conversation');
  const zone = $('drop-zone');
  let depth = 0;
  const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
  area.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    depth += 1;
    zone.hidden = false;
  });
  area.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) zone.hidden = true;
  });
  area.addEventListener('dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  area.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    zone.hidden = true;
    addFiles(e.dataTransfer.files);
  });
}
