// The formatting toolbar's edits, as pure functions of the text and the selection. They emit only
// the markup the message renderer (format.js) understands: **bold**, _italic_ (or *italic*),
// ~~strike~~, `code` and ``` blocks. The text stays plain text throughout: nothing here builds
// HTML, and what the user wrote is only ever moved, never interpreted.

const FENCE = '```';

// The renderer's inline rules stop at a line break and cannot hold their own marker character
// (`**a*b**` stays literal), so each line is wrapped on its own and a marker is chosen that the
// line does not contain.
const INLINE = {
  bold: () => '**',
  italic: (text) => (text.includes('_') && !text.includes('*') ? '*' : '_'),
  strike: () => '~~',
  code: () => '`',
};

/// The kinds the toolbar offers, in its order.
export const KINDS = ['bold', 'italic', 'strike', 'code', 'codeBlock'];

/// `value` with `kind` applied to the selection `start..end`: { value, start, end } (the new
/// selection). An empty selection gets a pair of markers with the caret between them; a selection
/// (or caret) already inside that pair of markers loses them instead (the buttons toggle).
export function applyFormat(value, start, end, kind) {
  const selected = value.slice(start, end);
  if (kind === 'codeBlock' || (kind === 'code' && selected.includes('\n'))) return codeBlock(value, start, end);
  const markers = kind === 'italic' ? ['_', '*'] : [INLINE[kind](selected)];
  for (const marker of markers) {
    const unwrapped = unwrap(value, start, end, marker);
    if (unwrapped) return unwrapped;
  }
  if (!selected) {
    const marker = INLINE[kind]('');
    return splice(value, start, end, marker + marker, start + marker.length, start + marker.length);
  }
  const lines = selected.split('\n').map((line) => {
    const [, lead, core, trail] = line.match(/^(\s*)(.*?)(\s*)$/s);
    if (!core) return { text: line, inner: [0, 0] };
    const marker = INLINE[kind](core);
    return { text: lead + marker + core + marker + trail, inner: [lead.length + marker.length, lead.length + marker.length + core.length] };
  });
  const text = lines.map((l) => l.text).join('\n');
  // One line: keep its words selected (a second press removes the markers again).
  if (lines.length === 1) return splice(value, start, end, text, start + lines[0].inner[0], start + lines[0].inner[1]);
  return splice(value, start, end, text, start, start + text.length);
}

function splice(value, start, end, text, selStart, selEnd) {
  return { value: value.slice(0, start) + text + value.slice(end), start: selStart, end: selEnd };
}

// `marker` right outside the selection, or as the selection's own ends: the pair is removed. A
// one-character marker that is half of a longer run (`*` of `**`) is not this kind's marker.
function unwrap(value, start, end, marker) {
  const n = marker.length;
  const single = n === 1;
  const outside = value.slice(start - n, start) === marker && value.slice(end, end + n) === marker;
  if (start >= n && outside && (!single || (value[start - n - 1] !== marker && value[end + n] !== marker))) {
    const text = value.slice(start, end);
    return splice(value, start - n, end + n, text, start - n, end - n);
  }
  const selected = value.slice(start, end);
  if (selected.length > 2 * n && selected.startsWith(marker) && selected.endsWith(marker) && !selected.includes('\n')) {
    const inner = selected.slice(n, -n);
    if (single && (inner.startsWith(marker) || inner.endsWith(marker))) return null;
    return splice(value, start, end, inner, start, start + inner.length);
  }
  return null;
}

// A fenced block on lines of its own: the renderer takes everything between two fences.
function codeBlock(value, start, end) {
  const selected = value.slice(start, end);
  if (selected.includes(FENCE)) return { value, start, end };
  const before = start > 0 && value[start - 1] !== '\n' ? '\n' : '';
  const after = end < value.length && value[end] !== '\n' ? '\n' : '';
  const open = `${before}${FENCE}\n`;
  const text = `${open}${selected}\n${FENCE}${after}`;
  return splice(value, start, end, text, start + open.length, start + open.length + selected.length);
}
