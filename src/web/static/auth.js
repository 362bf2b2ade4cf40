// Sign-in, sign-up and password-reset pages: field errors shown next to the field before the form is sent,
// and the password rules ticked off live. The server checks everything again.

const $ = (id) => document.getElementById(id);
const SPECIAL = `!@#$%^&*()_+-=[]{};':"\\|,.<>/?\`~`;

const RULES = {
  length: (p) => [...p].length >= 8,
  upper: (p) => /[A-Z]/.test(p),
  digit: (p) => /\p{Nd}/u.test(p),
  special: (p) => [...p].some((c) => SPECIAL.includes(c)),
};

function show(id, visible) {
  $(id).hidden = !visible;
}

// A form that sets a password (sign-up, and a reset link's form, which has no username field).
function newPassword(form) {
  const password = $('password');
  const confirm = $('confirm_password');
  const username = $('username');
  const nameValid = () => !username || (username.value.trim() !== '' && username.validity.valid);
  const rules = [...document.querySelectorAll('[data-rule]')];
  const check = () => {
    let ok = true;
    for (const item of rules) {
      const met = RULES[item.dataset.rule](password.value);
      item.classList.toggle('met', met);
      ok = ok && met;
    }
    const matches = !confirm.value || confirm.value === password.value;
    show('confirm-error', !matches);
    return ok && matches && confirm.value.length > 0;
  };
  password.addEventListener('input', check);
  confirm.addEventListener('input', check);
  username?.addEventListener('input', () => show('username-error', username.value !== '' && !username.validity.valid));
  form.addEventListener('submit', (event) => {
    const nameOk = nameValid();
    if (username) show('username-error', !nameOk);
    if (!check() || !nameOk) {
      event.preventDefault();
      if (!nameOk) username.focus();
      else if (!rules.every((r) => r.classList.contains('met'))) password.focus();
      else confirm.focus();
      show('confirm-error', confirm.value !== password.value);
    }
  });
  check();
}

function login(form) {
  form.addEventListener('submit', (event) => {
    const missingName = !$('username').value.trim();
    const missingPassword = !$('password').value;
    show('username-error', missingName);
    show('password-error', missingPassword);
    if (missingName || missingPassword) {
      event.preventDefault();
      (missingName ? $('username') : $('password')).focus();
    } else {
      form.querySelector('button').disabled = true;
      form.querySelector('button').textContent = 'Signing in…';
    }
  });
}

const passwordForm = $('signup-form') ?? $('reset-form');
const loginForm = $('login-form');
if (passwordForm) newPassword(passwordForm);
if (loginForm) login(loginForm);
// Focus the problem the server reported, so keyboard users land on it.
if (($('form-error') && !$('form-error').hidden) || $('reset-form')) $('password').focus();
