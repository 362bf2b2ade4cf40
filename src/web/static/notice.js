// The line under the composer that says what went wrong: a refused send or edit, a file too large,
// a refused pin. It is read out as an alert and stays until dismissed (its ✕), replaced, or
// cleared by the next thing that works.

import { $ } from './dom.js';

let shownFor = null;

/// Shows `text` on behalf of `source` (who may clear it later), or hides the line when `text` is
/// empty.
export function showNotice(text, source = 'composer') {
  $('composer-error-text').textContent = text;
  $('composer-error').hidden = !text;
  shownFor = text ? source : null;
}

/// Hides the line if what it shows came from `source`: a pin that works clears a refused pin,
/// not a refused file.
export function clearNotice(source) {
  if (shownFor === source) showNotice('');
}

export function initNotice() {
  $('composer-error-close').addEventListener('click', () => {
    showNotice('');
    $('composer-input').focus();
  });
}
