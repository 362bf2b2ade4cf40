// My presence: active while I use the app, idle after a while without input, hidden while the
// tab is in the background, or the state I chose in the menu. Reported on every change and
// every 30 seconds (the server forgets a state after 90).

import { api, beaconPresence } from './api.js';
import { $ } from './dom.js';
import { emit, state } from './state.js';

const IDLE_AFTER_MS = 5 * 60 * 1000;
const HEARTBEAT_MS = 30 * 1000;

let chosen = null; // null = automatic
let lastInput = Date.now();

function computed() {
  if (chosen) return chosen;
  if (document.hidden) return 'hidden';
  return Date.now() - lastInput > IDLE_AFTER_MS ? 'idle' : 'active';
}

function report(force = false) {
  const next = computed();
  if (!force && next === state.myPresence) return;
  state.myPresence = next;
  $('me-state').textContent = chosen ? `${next} (set)` : next;
  api.setPresence(next).catch(() => {});
  emit('presence');
}

function choose(status) {
  chosen = status === 'active' ? null : status;
  closeMenu();
  report(true);
}

function closeMenu() {
  $('presence-menu').hidden = true;
  $('me-button').setAttribute('aria-expanded', 'false');
}

export function initPresence() {
  const button = $('me-button');
  const menu = $('presence-menu');
  button.addEventListener('click', () => {
    const open = menu.hidden;
    menu.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) menu.querySelector('button').focus();
  });
  for (const item of menu.querySelectorAll('[data-presence]')) {
    item.addEventListener('click', () => choose(item.dataset.presence));
  }
  menu.addEventListener('keydown', (e) => {
    const items = [...menu.querySelectorAll('button')];
    const i = items.indexOf(document.activeElement);
    if (e.key === 'Escape') {
      closeMenu();
      button.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length].focus();
    }
  });
  document.addEventListener('click', (e) => {
    if (!menu.hidden && !menu.contains(e.target) && !button.contains(e.target)) closeMenu();
  });
  const wake = () => {
    lastInput = Date.now();
    if (state.myPresence === 'idle' && !chosen) report();
  };
  for (const type of ['keydown', 'mousemove', 'mousedown', 'touchstart', 'wheel']) {
    window.addEventListener(type, wake, { passive: true });
  }
  document.addEventListener('visibilitychange', () => {
    if (document.hidden && !chosen) {
      state.myPresence = 'hidden';
      beaconPresence('hidden');
    } else {
      lastInput = Date.now();
      report();
    }
  });
  window.addEventListener('pagehide', () => beaconPresence('offline'));
  setInterval(() => report(), 5000);
  setInterval(() => report(true), HEARTBEAT_MS);
  report(true);
}
