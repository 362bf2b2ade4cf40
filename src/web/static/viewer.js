// The image viewer: a modal dialog with the full image.

import { $ } from './dom.js';

export function openImage(url) {
  $('viewer-image').src = url;
  $('viewer-open').href = url;
  $('image-viewer').showModal();
}

export function initViewer() {
  const dialog = $('image-viewer');
  $('viewer-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
}
