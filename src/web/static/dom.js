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
