// The message list of the open conversation: drawing its loaded window without moving what the
// reader looks at, loading older and newer pages as they scroll near either end, the unread
// divider (walking back to it when it is pages away), jumping to any message, and the
// new-messages and first-unread buttons. The window rules are in pages.js, the loading in
// history.js, the items in timeline.js.

import { $ } from './dom.js';
import { findFirstUnread, loadAround, loadNewer, loadOlder, openNewest } from './history.js';
import { firstUnread, ordered, trim } from './pages.js';
import { knownChannel, on, state } from './state.js';
import { buildItems, forgetRows } from './timeline.js';

let dividerBefore = null;
let actions = null;

const scroller = () => $('message-scroll');
const current = () => knownChannel(state.current);

function nearBottom() {
  const s = scroller();
  return s.scrollHeight - s.scrollTop - s.clientHeight < 60;
}

/// Shows the end of the conversation: the present, loaded again when the window is elsewhere.
export async function scrollToBottom() {
  const channel = state.current;
  const data = current();
  if (data && data.loaded && !data.atLive) {
    if (!(await openNewest(channel)) || channel !== state.current) return;
    draw();
  }
  const s = scroller();
  s.scrollTop = s.scrollHeight;
  // At the present the button hides; still away (the newest page did not come), it stays.
  $('jump-new').hidden = !(current()?.loaded && !current().atLive);
}

/// The message at the top of the view and its distance from the scroller's top, to put it back
/// in the same place after the list changed.
function captureAnchor() {
  const s = scroller();
  const top = s.getBoundingClientRect().top;
  for (const node of $('message-list').children) {
    if (!node.id) continue;
    const box = node.getBoundingClientRect();
    if (box.bottom > top) return { id: node.id, offset: box.top - top };
  }
  return null;
}

function restoreAnchor(anchor) {
  const node = anchor && document.getElementById(anchor.id);
  if (!node) return false;
  const s = scroller();
  s.scrollTop += node.getBoundingClientRect().top - s.getBoundingClientRect().top - anchor.offset;
  return true;
}

// While a conversation opens (its first page, maybe the walk back to its first unread message),
// nothing is drawn: the reader sees it once, at the place it opens at.
let settling = false;

let frame = 0;
/// Redraws on the next frame; several changes in one frame draw once.
export function render() {
  if (!frame) {
    frame = requestAnimationFrame(() => {
      draw();
      maybeLoad();
    });
  }
}

/// The loading indicators, the start-of-history marker and the state the tests read.
function drawEdges() {
  const s = scroller();
  const data = current();
  const ready = !settling && !!data && data.loaded;
  s.dataset.loaded = String(ready);
  s.dataset.loading = (data && data.loading) || '';
  s.dataset.atStart = String(ready && data.atStart);
  s.dataset.atLive = String(ready && data.atLive);
  const top = $('history-top');
  const olderComing = ready && data.loading === 'older';
  top.classList.toggle('loading', !ready || olderComing);
  if (!ready) top.textContent = 'Loading…';
  else if (olderComing) top.textContent = 'Loading older messages…';
  else top.textContent = data.atStart ? 'This is the beginning of the conversation.' : 'Scroll up for older messages';
  const bottom = $('history-bottom');
  bottom.hidden = !ready || data.atLive;
  bottom.textContent = ready && data.loading === 'newer' ? 'Loading newer messages…' : 'Scroll down for newer messages';
  bottom.classList.toggle('loading', ready && data.loading === 'newer');
  // Away from the present, the button leads back to it; once there, it announces news again.
  const jump = $('jump-new');
  if (ready && !data.atLive) {
    jump.textContent = 'Jump to the newest ↓';
    jump.hidden = false;
    jump.dataset.away = 'true';
  } else if (ready && jump.dataset.away) {
    delete jump.dataset.away;
    jump.textContent = 'New messages ↓';
    jump.hidden = true;
  }
  drawUnreadButton();
}

/// "Jump to first unread" shows while the first unread message is out of view above (or not
/// loaded at all).
function drawUnreadButton() {
  const button = $('jump-unread');
  if (!dividerBefore || settling) {
    button.hidden = true;
    return;
  }
  const divider = $('message-list').querySelector('.unread-divider');
  button.hidden = !!divider && divider.getBoundingClientRect().bottom > scroller().getBoundingClientRect().top;
}

function draw() {
  frame = 0;
  const data = current();
  if (settling || !data || !data.loaded) {
    drawEdges();
    return;
  }
  const s = scroller();
  const stick = data.atLive && nearBottom();
  const anchor = stick ? null : captureAnchor();
  const items = buildItems(ordered(data), { dividerBefore, actions, redraw: render });
  $('message-list').replaceChildren(...items);
  if (stick) s.scrollTop = s.scrollHeight;
  else restoreAnchor(anchor);
  drawEdges();
}

/// Near either end of the window (within a screen), loads the next page there; again after each
/// page until the view is covered, so the reader does not wait at the top. Asked after every
/// scroll (ours too: a redraw that leaves the view near an end needs the page as much), every
/// redraw, and a wheel turn at an end (which scrolls nothing, so fires no scroll event).
function maybeLoad() {
  const data = current();
  if (settling || !data || !data.loaded || data.loading) return;
  const s = scroller();
  const margin = Math.max(600, s.clientHeight);
  const channel = state.current;
  let step = null;
  if (s.scrollTop < margin && !data.atStart) step = loadOlder(channel);
  else if (s.scrollHeight - s.scrollTop - s.clientHeight < margin && !data.atLive) step = loadNewer(channel);
  step?.then((changed) => {
    if (!changed || channel !== state.current) return;
    draw();
    maybeLoad();
  });
}

/// Called when a conversation is opened, with its unread count before it is marked read and
/// the message to show (a search result), if any.
export function openChannel(unread, target = null) {
  forgetRows({ andParents: true });
  dividerBefore = null;
  settling = true;
  $('jump-new').hidden = true;
  delete $('jump-new').dataset.away;
  $('message-list').replaceChildren();
  const token = (opening = { unread, target });
  drawEdges();
  if (current()?.loaded) settle(token);
}

let opening = null;

/// Once the conversation's newest page is in: finds the first unread message (walking back when
/// it is pages away) and shows the conversation there, at the target, or at its end.
async function settle(token) {
  if (token !== opening) return;
  opening = null;
  const channel = state.current;
  const still = () => channel === state.current && !opening;
  let { unread, target } = token;
  if (unread > 0 && target !== null) {
    // Opened to show a message: the divider only if the first unread one is loaded anyway.
    dividerBefore = firstUnread(ordered(current()), unread, state.me).id ?? null;
  } else if (unread > 0) {
    dividerBefore = await findFirstUnread(channel, unread, state.me);
    if (!still()) return;
  }
  if (target === null && dividerBefore !== null) target = dividerBefore;
  if (target === null && !current().atLive) await openNewest(channel);
  if (!still()) return;
  settling = false;
  if (target === null) {
    draw();
    scrollToBottom();
    maybeLoad();
    return;
  }
  if ((await jumpTo(target, { toDivider: target === dividerBefore })) || !still()) return;
  // The message is gone (or was never ours to see): the conversation opens at its end.
  if (!current().atLive) await openNewest(channel);
  if (!still()) return;
  draw();
  scrollToBottom();
}

/// Scrolls to a message and flashes it, loading the page around it when it is not in the
/// window. Answers whether it is shown.
export async function jumpTo(id, { toDivider = false } = {}) {
  const channel = state.current;
  if (!current()?.byId.has(id)) {
    if (!(await loadAround(channel, id)) || channel !== state.current) return false;
  }
  draw();
  const divider = toDivider && $('message-list').querySelector('.unread-divider');
  const node = document.getElementById(`msg-${id}`);
  if (divider) divider.scrollIntoView({ block: 'start' });
  else if (node) {
    node.scrollIntoView({ block: 'center' });
    node.classList.add('flash');
    setTimeout(() => node.classList.remove('flash'), 2000);
  }
  drawEdges();
  maybeLoad();
  return Boolean(divider || node);
}

export function initMessages(messageActions) {
  actions = messageActions;
  const s = scroller();
  s.addEventListener('scroll', () => {
    if (nearBottom() && current()?.atLive) $('jump-new').hidden = true;
    drawUnreadButton();
    maybeLoad();
  });
  s.addEventListener('wheel', maybeLoad, { passive: true });
  $('jump-new').addEventListener('click', scrollToBottom);
  $('jump-unread').addEventListener('click', () => dividerBefore && jumpTo(dividerBefore, { toDivider: true }));
  // Touch screens have no hover: a tap on a message shows its actions.
  $('message-list').addEventListener('click', (e) => {
    const item = e.target.closest('.msg');
    if (!item || e.target.closest('button, a')) return;
    for (const other of $('message-list').querySelectorAll('.msg.active')) if (other !== item) other.classList.remove('active');
    item.classList.toggle('active');
  });
  // Images change the height after they load; keep the end in view if we were there.
  $('message-list').addEventListener('load', () => {
    if (s.scrollHeight - s.scrollTop - s.clientHeight < 400 && $('jump-new').hidden) s.scrollTop = s.scrollHeight;
  }, true);
  on('loaded', (channel) => {
    if (channel === state.current && opening) settle(opening);
  });
  on('window', (channel) => channel === state.current && drawEdges());
  on('messages', ({ channel, fresh }) => {
    if (channel !== state.current) return;
    const data = current();
    const atEnd = nearBottom();
    // Past the bound, the end away from the reader goes.
    if (data) trim(data, atEnd ? 'oldest' : 'newest');
    render();
    const fromOthers = fresh.some((m) => m.sender !== state.me);
    const fromMe = fresh.some((m) => m.sender === state.me);
    if (fromMe) requestAnimationFrame(() => requestAnimationFrame(scrollToBottom));
    else if (fromOthers && !atEnd) $('jump-new').hidden = false;
  });
  // What I send is shown where it lands, also when I was reading far back.
  on('sent', (channel) => {
    if (channel === state.current && current() && !current().atLive) scrollToBottom();
  });
  for (const topic of ['receipts', 'people']) on(topic, render);
  // Cards on or off: every row is built again.
  on('previews', () => {
    forgetRows();
    render();
  });
}
