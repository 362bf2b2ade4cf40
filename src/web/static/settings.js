// Settings: name colour, bio, avatar (made 128×128 in the browser before it is sent), removing
// the avatar, notification choices, link previews on or off, and deleting the account.

import { api } from './api.js';
import { $, clear } from './dom.js';
import { avatar } from './people.js';
import { previewsEnabled, setPreviewsEnabled } from './link-preview.js';
import { preferences, setPreference } from './notify.js';
import { emit, on, state } from './state.js';
import { avatarChanged, refreshPeople } from './sync.js';

const SIZE = 128;

function status(text) {
  $('settings-status').textContent = text;
}

function drawAvatars() {
  clear($('settings-avatar')).append(avatar(state.me, 'large'));
  clear($('me-avatar')).append(avatar(state.me, 'small'));
}

/// Scales and crops an image file to a 128×128 PNG (the middle square of the picture).
async function squareImage(file) {
  const bitmap = await createImageBitmap(file);
  const side = Math.min(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, SIZE, SIZE);
  bitmap.close();
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('cannot encode the image'))), 'image/png'));
}

async function uploadAvatar(file) {
  try {
    status('Uploading…');
    const blob = await squareImage(file);
    await api.uploadAvatar(blob);
    state.avatars.add(state.me);
    avatarChanged(state.me);
    status('Picture saved.');
  } catch (err) {
    status(`Could not use that picture: ${err.message}`);
  }
}

async function saveColor(value) {
  try {
    await api.saveSettings({ name_color: value });
    if (value) state.colors[state.me] = value;
    else delete state.colors[state.me];
    emit('people');
    status(value ? 'Colour saved.' : 'Colour reset.');
  } catch (err) {
    status(err.message);
  }
}

async function open() {
  const dialog = $('settings-dialog');
  status('');
  drawAvatars();
  const prefs = preferences();
  $('notify-desktop').checked = prefs.desktop;
  $('notify-sound').checked = prefs.sound;
  $('notify-mute').checked = prefs.mute;
  $('link-previews').checked = previewsEnabled();
  $('delete-error').hidden = true;
  // Filled before the dialog shows, so that the answer cannot overwrite what the user types.
  try {
    const settings = await api.settings();
    $('color-input').value = settings.name_color || '#5fa8ff';
    $('bio-input').value = settings.bio || '';
  } catch (err) {
    status(err.message);
  }
  dialog.showModal();
}

async function deleteAccount(e) {
  e.preventDefault();
  const error = $('delete-error');
  try {
    await api.deleteAccount($('delete-type').value, $('delete-password').value);
    location.assign('/login');
  } catch (err) {
    error.textContent = err.status === 403 ? 'That password is not right.' : err.message;
    error.hidden = false;
  }
}

export function initSettings() {
  $('open-settings').addEventListener('click', open);
  $('settings-close').addEventListener('click', () => $('settings-dialog').close());
  $('avatar-input').addEventListener('change', (e) => {
    const file = e.target.files[0];
    e.target.value = '';
    if (file) uploadAvatar(file);
  });
  $('avatar-remove').addEventListener('click', async () => {
    try {
      await api.deleteAvatar();
      state.avatars.delete(state.me);
      avatarChanged(state.me);
      status('Picture removed.');
    } catch (err) {
      status(err.message);
    }
  });
  $('link-previews').addEventListener('change', (e) => {
    setPreviewsEnabled(e.target.checked);
    emit('previews');
  });
  $('color-save').addEventListener('click', () => saveColor($('color-input').value));
  $('color-clear').addEventListener('click', () => saveColor(''));
  $('bio-save').addEventListener('click', async () => {
    try {
      await api.saveSettings({ bio: $('bio-input').value });
      status('Saved.');
    } catch (err) {
      status(err.message);
    }
  });
  for (const name of ['desktop', 'sound', 'mute']) {
    const box = $(`notify-${name}`);
    box.addEventListener('change', async () => {
      box.checked = await setPreference(name, box.checked);
    });
  }
  $('delete-form').addEventListener('submit', deleteAccount);
  refreshPeople().then(drawAvatars);
  on('people', drawAvatars);
}
