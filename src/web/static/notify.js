// Notifications: the unread count in the title, and (opt-in) a desktop notification and a
// short sound when someone mentions me or writes to me directly.

import { downloadName, isImage } from './filecard.js';
import { mentionLevel } from './message.js';
import { channelLabel, isDm, on, state, totalUnread } from './state.js';

const prefs = {
  get desktop() {
    return localStorage.getItem('minimost.notify.desktop') === '1';
  },
  get sound() {
    return localStorage.getItem('minimost.notify.sound') === '1';
  },
  get mute() {
    return localStorage.getItem('minimost.notify.mute') === '1';
  },
};

export function preferences() {
  return { desktop: prefs.desktop, sound: prefs.sound, mute: prefs.mute };
}

export async function setPreference(name, on) {
  if (name === 'desktop' && on && 'Notification' in window && Notification.permission !== 'granted') {
    on = (await Notification.requestPermission()) === 'granted';
  }
  localStorage.setItem(`minimost.notify.${name}`, on ? '1' : '0');
  return on;
}

function updateTitle() {
  const n = totalUnread();
  document.title = `${n > 0 ? `(${n}) ` : ''}${channelLabel(state.current)} · Minimost`;
}

let audio = null;
function beep() {
  try {
    audio = audio || new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.3);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.3);
  } catch {
    // No audio output: the notification still shows.
  }
}

function alertFor(channel, message) {
  if (prefs.mute) return;
  const seen = channel === state.current && !document.hidden;
  if (seen) return;
  if (prefs.sound) beep();
  if (prefs.desktop && 'Notification' in window && Notification.permission === 'granted') {
    const where = isDm(channel) ? 'direct message' : channelLabel(channel);
    const body = message.content || (message.filename && !isImage(message.filename) ? `sent ${downloadName(message.filename)}` : 'sent an image');
    const note = new Notification(`${message.sender} (${where})`, { body: body.slice(0, 200), tag: `minimost-${message.id}` });
    note.onclick = () => {
      window.focus();
      note.close();
    };
  }
}

export function initNotify() {
  on('messages', ({ channel, fresh }) => {
    for (const m of fresh) {
      if (m.sender === state.me || m.sender === 'system') continue;
      if (isDm(channel) || mentionLevel(m) > 0) {
        alertFor(channel, m);
        break;
      }
    }
  });
  for (const topic of ['sidebar', 'channel']) on(topic, updateTitle);
}
