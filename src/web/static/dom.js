// DOM building without HTML strings: every string becomes a text node, never markup.

export const $ = (id) => document.getElementById(id);

/// el('button', { class: 'x', onclick: fn, dataset: { id: 1 } }, 'text', child…)
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/// Asks for values in the shared form dialog. `fields` build the body; `submit` gets the form
/// and may throw an Error whose message is shown in the dialog, which then stays open.
export function formDialog({ title, ok = 'OK', fields, submit }) {
  const dialog = $('form-dialog');
  $('form-dialog-title').textContent = title;
  $('form-dialog-ok').textContent = ok;
  const body = clear($('form-dialog-body'));
  append(body, fields);
  const error = $('form-dialog-error');
  error.hidden = true;
  const form = $('form-dialog-form');
  form.onsubmit = async (event) => {
    event.preventDefault();
    try {
      await submit(form);
      dialog.close();
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    }
  };
  $('form-dialog-cancel').onclick = () => dialog.close();
  dialog.showModal();
  const first = body.querySelector('input, select, textarea');
  if (first) first.focus();
}

export function field(label, input) {
  const id = input.id || `f-${Math.random().toString(36).slice(2)}`;
  input.id = id;
  return el('div', { class: 'field' }, el('label', { for: id }, label), input);
}

/// Arrow keys move between a menu's buttons; Esc calls `close`.
export function menuKeys(menu, close) {
  menu.addEventListener('keydown', (e) => {
    const buttons = [...menu.querySelectorAll('button')];
    const i = buttons.indexOf(document.activeElement);
    if (e.key === 'Escape') {
      close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length].focus();
    }
  });
}

let openMenu = null;

function closeMenu() {
  if (!openMenu) return;
  openMenu.menu.remove();
  document.removeEventListener('mousedown', openMenu.outside, true);
  openMenu.anchor.setAttribute('aria-expanded', 'false');
  openMenu = null;
}

/// A small menu next to `anchor`; `items` are [label, fn] pairs. Arrow keys move, Esc closes.
export function popupMenu(anchor, items) {
  closeMenu();
  const menu = el('ul', { class: 'menu floating', role: 'menu' });
  for (const [label, fn] of items) {
    menu.append(el('li', { role: 'none' }, el('button', { type: 'button', role: 'menuitem', onclick: () => { closeMenu(); fn(); } }, label)));
  }
  menuKeys(menu, () => {
    closeMenu();
    anchor.focus();
  });
  document.body.append(menu);
  const box = anchor.getBoundingClientRect();
  menu.style.left = `${Math.min(box.left, window.innerWidth - menu.offsetWidth - 8)}px`;
  menu.style.top = `${Math.min(box.bottom + 4, window.innerHeight - menu.offsetHeight - 8)}px`;
  const outside = (e) => {
    if (!menu.contains(e.target) && e.target !== anchor) closeMenu();
  };
  document.addEventListener('mousedown', outside, true);
  anchor.setAttribute('aria-expanded', 'true');
  openMenu = { menu, anchor, outside };
  menu.querySelector('button').focus();
}
