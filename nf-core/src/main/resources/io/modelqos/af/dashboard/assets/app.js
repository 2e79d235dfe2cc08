// The dashboard's shell: who is signed in, which view is shown (#/ or #/deliveries/{id}), and whether it is live.
import { ApiError, access, credentials, signIn } from './api.js';
import { h, fill } from './dom.js';
import { overview } from './overview.js';
import { deliveryView } from './delivery.js';

const main = document.getElementById('main');
const session = document.getElementById('session');
const banner = document.getElementById('banner');
let mode = null; // 'open' | 'signed-in'
let view = null;
const liveBadge = h('span', { class: 'live', id: 'live' }, 'connecting');

function live(status, detail) {
  liveBadge.className = `live${status === 'ok' ? '' : status === 'failing' ? ' failing' : ' paused'}`;
  liveBadge.dataset.status = status;
  const text = {
    ok: `live · ${new Date().toLocaleTimeString(undefined, { hour12: false })}`,
    paused: 'paused while hidden',
    ended: 'ended: no more events',
    failing: `not updating: ${detail || 'the AF does not answer'}`,
  }[status];
  liveBadge.textContent = text;
}

/** An API failure a view cannot handle: with 401 the credentials no longer work, so sign in again. */
function failed(error) {
  if (error instanceof ApiError && error.status === 401 && mode === 'signed-in') {
    credentials.forget();
    showSignIn('Your credentials are no longer accepted; sign in again.');
    return true;
  }
  return false;
}

function renderSession() {
  if (mode === 'open') {
    fill(session, liveBadge, h('span', { id: 'tenant' }, 'open API: tenant "default"'));
    banner.hidden = false;
    banner.className = 'banner';
    fill(banner, 'The API is open: no API keys and no JWT issuer are configured, so every caller, this page too, is '
      + 'tenant "default" and sees its deliveries. Fit for development only.');
  } else {
    fill(session, liveBadge, h('span', { id: 'tenant' }, 'signed in'),
      h('button', { type: 'button', id: 'sign-out', onclick: () => { credentials.forget(); showSignIn(); } },
        'Sign out'));
    banner.hidden = true;
  }
}

function showSignIn(message) {
  if (view) view.destroy();
  view = null;
  mode = null;
  fill(session);
  banner.hidden = true;
  const token = h('input', { id: 'token', type: 'password', autocomplete: 'off', required: true,
    placeholder: 'API key or access token (JWT)' });
  const error = h('p', { class: 'error', id: 'sign-in-error', role: 'alert' }, message || '');
  const form = h('form', {
    onsubmit: async (e) => {
      e.preventDefault();
      fill(error);
      try {
        await signIn(token.value.trim());
        mode = 'signed-in';
        start();
      } catch (err) {
        fill(error, err instanceof ApiError && err.status === 401
          ? 'Not accepted: check the key or token.' : `The AF did not answer: ${err.message}`);
      }
    },
  },
  h('label', null, 'API key or JWT', token),
  h('button', { type: 'submit', class: 'primary', id: 'sign-in' }, 'Sign in'),
  h('p', { class: 'muted' }, 'Kept for this browser tab only (session storage) and sent to this AF\'s API only. '
    + 'You see the deliveries of the tenant it names, exactly as the API shows them.'),
  error);
  fill(main, h('section', { class: 'panel signin', id: 'sign-in-panel' }, h('h1', null, 'Sign in'), form));
  token.focus();
}

function route() {
  if (!mode) return;
  if (view) view.destroy();
  main.removeAttribute('data-loaded');
  const match = /^#\/deliveries\/([^/?]+)$/.exec(window.location.hash);
  live('ok');
  view = match ? deliveryView(main, decodeURIComponent(match[1]), { live, failed })
    : overview(main, { live, failed });
  document.title = match ? `Delivery ${decodeURIComponent(match[1])} · ModelQoS` : 'ModelQoS deliveries';
}

function start() {
  renderSession();
  route();
}

window.addEventListener('hashchange', route);

(async () => {
  try {
    const how = await access();
    if (how === 'sign-in') {
      showSignIn();
      return;
    }
    mode = how;
    start();
  } catch (e) {
    fill(main, h('p', { class: 'banner error' }, `The AF's API does not answer: ${e.message}`));
  }
})();
