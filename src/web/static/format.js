// The safe renderer: turns message text into DOM nodes. Text only ever becomes text nodes; the
// few formats (``` blocks, `code`, **bold**, *italic*/_italic_, ~~strike~~, links, @mentions)
// become elements built here, and only http(s) and mailto addresses become links.

import { el } from './dom.js';

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

// One pass over a code-free stretch of text; the first matching alternative wins.
const INLINE = new RegExp(
  [
    String.raw`\[([^\]\n]+)\]\(([^)\s]+)\)`, // 1 label, 2 url
    String.raw`((?:https?:\/\/|mailto:)[^\s<>"]*[^\s<>".,;:!?)\]'])`, // 3 bare url
    String.raw`\*\*([^*\n]+?)\*\*`, // 4 bold
    String.raw`(?<![\w*])\*([^*\n]+?)\*(?![\w*])`, // 5 italic
    String.raw`(?<![\w_])_([^_\n]+?)_(?![\w_])`, // 6 italic
    String.raw`~~([^~\n]+?)~~`, // 7 strike
    String.raw`(?<![\p{L}\p{N}_@/])@([A-Za-z0-9_-]+)`, // 8 mention (the server's token rule)
  ].join('|'),
  'gu',
);

export function link(url, label) {
  if (!SAFE_URL.test(url)) return document.createTextNode(label === url ? url : `[${label}](${url})`);
  return el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, label);
}

function inline(text, ctx, out) {
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(link(m[2], m[1]));
    else if (m[3] !== undefined) out.push(link(m[3], m[3]));
    else if (m[4] !== undefined) out.push(el('strong', {}, ...inline(m[4], ctx, [])));
    else if (m[5] !== undefined || m[6] !== undefined) out.push(el('em', {}, ...inline(m[5] ?? m[6], ctx, [])));
    else if (m[7] !== undefined) out.push(el('s', {}, ...inline(m[7], ctx, [])));
    else out.push(mention(m[8], ctx));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function mention(name, ctx) {
  const lower = name.toLowerCase();
  const mine = lower === ctx.me.toLowerCase() || lower === 'everyone';
  return el('span', { class: mine ? 'mention mention-me' : 'mention' }, `@${name}`);
}

/// Renders `text` into a fragment; `ctx.me` marks mentions of the viewer.
export function renderText(text, ctx) {
  const frag = document.createDocumentFragment();
  const parts = text.split('```');
  parts.forEach((part, i) => {
    // Odd parts sit between fences; an unclosed fence stays literal text.
    if (i % 2 === 1 && i < parts.length - 1) {
      // The line break after the opening fence is not part of the code (a browser's form sends
      // it as \r\n).
      frag.append(el('pre', { class: 'code-block' }, el('code', {}, part.replace(/^\r?\n/, ''))));
      return;
    }
    const text = i % 2 === 1 ? '```' + part : part;
    text.split(/(`[^`\n]+`)/).forEach((piece, j) => {
      if (j % 2 === 1) frag.append(el('code', {}, piece.slice(1, -1)));
      else for (const node of inline(piece, ctx, [])) frag.append(node);
    });
  });
  return frag;
}

/// `text` with every case-insensitive occurrence of `term` wrapped in <mark>.
export function highlight(text, term) {
  const frag = document.createDocumentFragment();
  if (!term) {
    frag.append(text);
    return frag;
  }
  const pattern = new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m[0].length === 0) break;
    frag.append(text.slice(last, m.index), el('mark', {}, m[0]));
    last = m.index + m[0].length;
  }
  frag.append(text.slice(last));
  return frag;
}
